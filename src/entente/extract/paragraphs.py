"""Sentence boundaries at line breaks: headlines, datelines and paragraphs end sentences."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc


def _newlines(text: str) -> list[int]:
    out = []
    pos = text.find("\n")
    while pos >= 0:
        out.append(pos)
        pos = text.find("\n", pos + 1)
    return out


@Language.component("entente_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """The token after any token holding a line break starts a sentence.

    A token's trailing whitespace is at most one space, so every line break lies inside a
    token's text: the tokens holding one are found from the line-break offsets by binary
    search over the token offsets, not by visiting every token.
    """
    state = doc._.entente if Doc.has_extension("entente") else None
    breaks = _newlines(state.text if state is not None else doc.text)  # the same text; Doc.text is slow
    if not breaks:
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError("entente_paragraphs must run before a parser")  # as Token.is_sent_start would
    starts = doc.to_array(IDX).tolist()
    last = len(starts) - 1
    after = {i + 1 for i in (bisect_right(starts, b) - 1 for b in breaks) if 0 <= i < last}
    if after:
        sent_starts = doc.to_array(SENT_START)
        for i in after:
            sent_starts[i] = 1
        doc.from_array([SENT_START], sent_starts)
    return doc

"""Sentence boundaries at line breaks: headlines, datelines and paragraphs end sentences."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("entente_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text_with_ws and (token.is_space or token.whitespace_ == "\n" or "\n" in token.text):
            doc[i + 1].is_sent_start = True
    return doc

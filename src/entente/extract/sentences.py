"""Sentence starts exactly as spaCy's sentencizer sets them, computed over the token arrays.

The sentencizer walks the tokens one ``Token`` object at a time: after a token in its punctuation
characters (".", "!", "?" ...), the next token that is neither punctuation nor one of those characters
starts a sentence.  Here that reads: a word-like token starts a sentence when a punctuation character
stands between it and the word-like token before it.  The result (``SENT_START``, set only where no
earlier component set it) is the sentencizer's, for a fraction of its time.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.strings import StringStore
from spacy.tokens import Doc


@cache
def _punct_ids() -> np.ndarray:
    """ORTH ids (string hashes, the same in every vocabulary) of the sentencizer's punctuation characters."""
    strings = StringStore()
    return np.array(sorted(strings.add(ch) for ch in Sentencizer.default_punct_chars), dtype=np.uint64)


def sentence_starts(orth: np.ndarray, is_punct: np.ndarray) -> np.ndarray:
    """Indexes of the tokens that start a sentence (the first token included) from their ORTH ids and
    IS_PUNCT flags."""
    punct = _punct_ids()  # sorted
    at = np.searchsorted(punct, orth)
    at[at == len(punct)] = 0
    ends = punct[at] == orth  # a sentence-final character
    word = ~(ends | (is_punct != 0))
    words = np.flatnonzero(word)
    seen = np.cumsum(ends)
    before = np.concatenate((np.zeros(1, dtype=seen.dtype), seen[words[:-1]]))
    starts = words[seen[words] > before]  # a final character since the previous word-like token
    return starts if len(starts) and starts[0] == 0 else np.concatenate((np.zeros(1, dtype=starts.dtype), starts))


@Language.component("entente_sentences")
def sentences_component(doc: Doc) -> Doc:
    """What ``nlp.add_pipe("sentencizer")`` does (punctuation characters and overwrite as its defaults)."""
    if len(doc) == 0:
        return doc
    arrays = doc.to_array([ORTH, IS_PUNCT])
    tags = np.zeros(len(doc), dtype=bool)
    tags[sentence_starts(arrays[:, 0], arrays[:, 1])] = True
    current = doc.to_array(SENT_START).astype(np.int64)
    unset = current == 0
    current[unset & tags] = 1
    current[unset & ~tags] = -1
    doc.from_array([SENT_START], current.astype(np.uint64))
    return doc


def sentence_char_spans(doc: Doc) -> list[tuple[int, int]]:
    """``[(s.start_char, s.end_char) for s in doc.sents]`` from the token arrays, without a ``Span`` per
    sentence (``doc.sents`` itself when a hook or a missing annotation decides)."""
    n = len(doc)
    if n == 0 or "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    arrays = doc.to_array([IDX, LENGTH, SENT_START]).astype(np.int64)  # unset/-1 read back as -1
    starts = np.flatnonzero(arrays[1:, 2] == 1) + 1
    firsts = np.concatenate((np.zeros(1, dtype=starts.dtype), starts))
    lasts = np.concatenate((starts - 1, np.full(1, n - 1, dtype=starts.dtype)))
    return list(zip(arrays[firsts, 0].tolist(), (arrays[lasts, 0] + arrays[lasts, 1]).tolist(), strict=True))

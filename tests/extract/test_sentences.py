"""entente_sentences sets the sentence starts spaCy's sentencizer sets."""

from __future__ import annotations

import spacy
from spacy.attrs import SENT_START

from entente.extract.pipeline import build_nlp
from entente.extract.sentences import sentence_char_spans, sentences_component

TEXTS = [
    "",
    " ",
    ".",
    "...",
    "Hello",
    ". Hello there",
    '"We agreed." He said so! Really?? Yes… fine',
    "The U.S. and Japan met. (It was brief.) Talks resume on Monday.",
    "x ?! \" y",
    "Line one\n\nLine two. Next",
    "。日本語。テスト",
    "Prices rose 3.5% in Q1. Mr. Smith said: 'No.' Then left",
]


def test_sentence_starts_match_the_sentencizer() -> None:
    reference = spacy.blank("en")
    reference.add_pipe("sentencizer")
    ours = spacy.blank("en")
    for text in TEXTS:
        expected = reference(text)
        got = sentences_component(ours.make_doc(text))
        assert [t.is_sent_start for t in got] == [t.is_sent_start for t in expected], text
        if len(expected):
            assert got.to_array(SENT_START).tolist() == expected.to_array(SENT_START).tolist(), text
            assert [(s.start_char, s.end_char) for s in got.sents] == [(s.start_char, s.end_char) for s in expected.sents]


def test_pipeline_sentences() -> None:
    nlp = build_nlp(())
    doc = nlp("Japan and Malaysia met. They signed a pact!")
    assert [s.text for s in doc.sents] == ["Japan and Malaysia met.", "They signed a pact!"]


def test_sentence_char_spans_are_the_sentences() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for text in TEXTS:
        doc = nlp(text)
        assert sentence_char_spans(doc) == [(s.start_char, s.end_char) for s in doc.sents], text

"""One lexicon of signing verbs: the events' signing triggers and the agreements' status cues read the verbs of
``data/signing.json``; neither data file lists them again.  The sentences are written for the test."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from entente.extract.agreements.lexicon import status_cues
from entente.extract.events import find_triggers
from entente.extract.signing import expand_slots, forms


def _data(name: str) -> dict:
    return json.loads(resources.files("entente.data").joinpath(name).read_text(encoding="utf-8"))


def _words(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [w for v in value.values() for w in _words(v)]
    if isinstance(value, list):
        return [w for v in value for w in _words(v)]
    return []


def test_no_signing_verb_is_listed_outside_signing_json():
    verbs = set(forms())
    triggers = _data("event_triggers.json")["kinds"]["signing"]["new"]
    for regex in _words(triggers):
        spelled = {w.lower() for w in re.findall(r"(?<![\\{:])\b[a-z]+\b", regex)} & verbs
        assert not spelled - {"signing", "exchange"}, (regex[:60], spelled)  # nouns "the signing of"
    cues = _data("agreements.json")["status_cues"]
    listed = {w.lower() for status in ("signed", "exchanged") for w in cues[status]}
    assert not listed & verbs


@pytest.mark.parametrize(
    "sentence",
    [
        "The two ministers countersigned a protocol on fisheries at the harbour office.",
        "Officials from both sides formalized an agreement on seasonal workers.",
        "The defence chiefs struck a deal on shared patrols.",
        "A memorandum on rail freight was sealed by the two transport ministers.",
    ],
)
def test_every_form_of_the_lexicon_triggers_a_signing(sentence):
    assert "signing" in [t.kind for t, _, _ in find_triggers(sentence)]


def test_a_verb_added_to_the_lexicon_reaches_both_modules():
    """The agreements' "signed" cues are exactly the lexicon's done forms plus their own non-verb phrases."""
    signed = {p.pattern for status, p in status_cues() if status == "signed"}
    for word in forms("signed", ("past",), needs_object=False):
        assert any(re.search(rf"\b{word}\b", p) for p in signed), word
    assert "struck" in expand_slots("{signing:past:signed:object}")
    assert "strike" not in {w for s, p in status_cues() for w in [p.pattern] if s == "signed"}


def test_a_slot_naming_no_form_is_an_error():
    with pytest.raises(ValueError, match="unknown form"):
        expand_slots("{signing:pluperfect}")

"""The shared modality reader: statuses from verbs and hedges around a trigger."""

from __future__ import annotations

import pytest

from entente.extract.modality import modality


def status_at(sentence: str, trigger: str, default: str = "occurred") -> str:
    return modality(sentence, sentence.index(trigger), default).status


@pytest.mark.parametrize(
    ("sentence", "trigger", "status"),
    [
        ("The two ministers are set to sign a treaty at their talks next month.", "talks", "expected"),
        ("Both governments are expected to agree on a roadmap at the summit.", "summit", "expected"),
        ("The presidents are likely to reaffirm their alliance during the visit.", "visit", "expected"),
        ("The premiers will hold a summit in Hanoi.", "summit", "planned"),
        ("The sides decided to hold a Strategic Dialogue every year.", "Strategic Dialogue", "planned"),
        ("Officials said both countries plan to stage joint drills.", "joint drills", "planned"),
        ("The leaders intend to sign a memorandum on fisheries.", "memorandum", "planned"),
        ("The ministers held talks in Ottawa on Tuesday.", "talks", "occurred"),
        ("They welcomed the signing of two agreements.", "signing", "agreed"),
    ],
)
def test_status_from_cues(sentence, trigger, status):
    assert status_at(sentence, trigger) == status


def test_unnamed_source_makes_a_plan_expected():
    sentence = "The two leaders will meet in Lima on Friday, a diplomatic source said."
    assert status_at(sentence, "meet") == "expected"


def test_action_verbs_do_not_hide_the_modal():
    # "set to confirm ... strengthening ... at their meeting": the hedge governs the whole clause.
    sentence = "The premiers are set to confirm their plan for strengthening rail links at their meeting."
    assert status_at(sentence, "meeting") == "expected"


def test_reporting_verb_starts_a_new_clause():
    # "will" belongs to the reported speech, not to the statement that reports it.
    sentence = "Chile and Peru will expand trade in copper, the two presidents said in a joint statement."
    assert status_at(sentence, "joint statement") == "occurred"


def test_default_when_no_cue():
    assert modality("The ministers met in Oslo.", 15, "occurred").status == "occurred"
    assert modality("Talks on fisheries.", None, "discussed").status == "discussed"


def test_rule_names_the_cue():
    m = modality("The leaders will meet soon.", 16, "occurred")
    assert m.rule == "modality:planned:will"


def test_the_month_may_is_not_a_hedge():
    sentence = "Berlin, 28 May 2024 - The chancellor and the president held talks on Tuesday."
    assert status_at(sentence, "talks") == "occurred"
    assert status_at("The two sides may hold talks in June.", "talks") == "expected"

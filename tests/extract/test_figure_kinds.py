"""A figure's kind (SPEC figure.kind): an actual value, a target with its deadline, or a pledge.

The sentences here are written by us for these tests.
"""

from __future__ import annotations

import pytest

from entente.extract.figure_kinds import figure_kind
from entente.extract.figures import extract_figures
from entente.extract.pipeline import build_nlp
from entente.extract.state import State
from entente.read.document import Document
from entente.record import Published


@pytest.fixture(scope="module")
def nlp():
    return build_nlp((("paragraphs", "entente_paragraphs"), ("countries", "entente_countries")))


def _figures(nlp, text: str, published: str = "2025-05-02"):
    doc = nlp.make_doc(text)
    state = State(document=Document(text=text, name="t.txt"), text=text)
    state.published = Published(date=published, precision="day", basis="metadata")
    doc._.entente = state
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    state.relation("CHL", "PER")
    extract_figures(state, doc)
    return {f.value: f for rel in state.relations.values() for f in rel.figures}


def test_an_aim_is_a_target_with_its_deadline_and_the_actual_stays_actual(nlp):
    figs = _figures(
        nlp,
        "Chile and Peru exchanged goods worth US$6 billion in 2024. Their ministers aim to raise "
        "bilateral trade to US$10 billion by 2030.",
    )
    assert figs[6e9].kind == "actual" and figs[6e9].deadline is None
    target = figs[10e9]
    assert target.kind == "target" and target.metric == "trade_value"
    assert (
        target.deadline is not None
        and target.deadline.start == "2030"
        and target.deadline.precision == "year"
    )


def test_money_promised_is_a_pledge(nlp):
    figs = _figures(nlp, "Chile pledged US$400 million of investment in Peruvian ports, the minister said.")
    assert figs[4e8].kind == "pledge"
    figs = _figures(nlp, "Chilean firms will invest US$250 million in Peru over the next years.")
    assert figs[2.5e8].kind == "pledge"


def test_a_goal_noun_after_the_figure_or_a_future_deadline_makes_a_target(nlp):
    figs = _figures(nlp, "Chile and Peru set a US$12 billion trade target at the meeting.")
    assert figs[12e9].kind == "target"
    figs = _figures(nlp, "Trade between Chile and Peru should be US$9 billion by December 2027.")
    assert figs[9e9].kind == "target" and figs[9e9].deadline.start == "2027-12"


def test_a_past_deadline_is_no_target(nlp):
    figs = _figures(nlp, "Trade between Chile and Peru had climbed to US$5 billion by 2023.")
    assert figs[5e9].kind == "actual" and figs[5e9].deadline is None


def test_the_nearest_cue_wins():
    text = "The two sides pledged to raise commerce to $20 billion."
    i = text.index("$20")
    kind, _, cue = figure_kind(text, (0, i), (i + 11, len(text)), 2025)
    assert (kind, cue) == ("target", "raise")


def test_a_distant_pledge_verb_does_not_govern_the_amount(nlp):
    text = "Peru's president pledged to speed up the building of the long-awaited US$2 billion rail line to Chile."
    figs = _figures(nlp, text)
    assert all(f.kind == "actual" for f in figs.values())


def test_the_value_an_aim_starts_from_is_actual(nlp):
    figs = _figures(
        nlp, "Chile and Peru agreed to triple their trade from about US$3 billion to US$9 billion by 2032."
    )
    assert figs[3e9].kind == "actual" and figs[9e9].kind == "target"

"""Leader mentions and their roles: only a sitting office-holder bounds the publication date by tenure;
names written in either order (East Asian surname first) are found.  Texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from entente.extract.leaders import find_leaders, leader_country, leaders_by_name, other_orders
from entente.extract.published_bounds import constraints
from entente.extract.temporal import find_expressions, tense_at

LO, HI = date(2000, 1, 1), date(2026, 6, 1)


def _leader_bounds(text: str) -> list[str]:
    exprs = [(e, tense_at(text, e.start, e.end)) for e in find_expressions(text)]
    return [c.why for c in constraints(text, exprs, LO, HI) if c.why.startswith("leader:")]


def test_a_sitting_leader_bounds_the_date():
    assert _leader_bounds("Prime Minister Shigeru Ishiba met business leaders in Osaka.") == [
        "leader:Shigeru Ishiba"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Former Prime Minister Shigeru Ishiba met business leaders in Osaka.",
        "Then-Prime Minister Shigeru Ishiba met business leaders in Osaka.",
        "The then Prime Minister Shigeru Ishiba met business leaders in Osaka.",
        "Outgoing Prime Minister Shigeru Ishiba met business leaders in Osaka.",
        "Prime Minister-designate Shigeru Ishiba met business leaders in Osaka.",
        "President-elect Lee Jae-myung met business leaders in Seoul.",
        "The late Prime Minister Shinzo Abe was remembered at the ceremony.",
        "Shigeru Ishiba, the former prime minister, met business leaders in Osaka.",
        "Lee Jae-myung, the president-elect, met business leaders in Seoul.",
    ],
)
def test_roles_that_are_not_the_sitting_office_give_no_tenure_bound(text):
    assert _leader_bounds(text) == []


def test_late_as_a_time_word_is_no_role():
    text = "In late 2024 Prime Minister Shigeru Ishiba met business leaders in Osaka."
    assert _leader_bounds(text) == ["leader:Shigeru Ishiba"]


def test_surname_first_forms_of_a_given_first_name():
    assert set(other_orders("Fumio Kishida", "JPN")) == {"Kishida Fumio", "KISHIDA Fumio"}
    assert other_orders("Lee Jae-myung", "KOR") == ("Jae-myung Lee",)
    assert other_orders("Anwar Ibrahim", "MYS") == ()


def test_names_in_the_other_order_are_looked_up():
    assert [p.name for p in leaders_by_name("Kishida Fumio")] == ["Fumio Kishida"]
    assert leader_country("KISHIDA Fumio") == "JPN"
    (mention,) = find_leaders("Japanese Prime Minister Kishida Fumio welcomed the delegation.")
    assert mention.leader.name == "Fumio Kishida" and mention.terms and not mention.former
    assert _leader_bounds("Prime Minister KISHIDA Fumio welcomed the delegation.") == ["leader:Fumio Kishida"]

"""Partnership levels: names, snake_case ids, changes with previous level, third parties."""

from __future__ import annotations

from entente.extract.levels import level_id, levels_for
from rule_harness import day, make_state

PAIR = ("IDN", "VNM")


def levels(text, **kw):
    state, doc = make_state(text, pair=PAIR, **kw)
    return levels_for(state, doc, PAIR)


def test_level_ids():
    assert level_id("Comprehensive Strategic Partnership") == "comprehensive_strategic_partnership"
    assert level_id("Special Strategic and Global Partnership") == "special_strategic_and_global_partnership"
    assert level_id("ENHANCED PARTNERSHIP") == "enhanced_partnership"


def test_upgrade_from_to_gives_previous_and_date():
    text = "Indonesia and Vietnam upgraded their ties from a Strategic Partnership to a Comprehensive Strategic Partnership in 2023."
    (lv,) = levels(text, dates={"in 2023": day("2023", "in 2023")})
    assert lv.level == "comprehensive_strategic_partnership"
    assert lv.previous == "strategic_partnership"
    assert lv.date.start == "2023"
    assert lv.status == "agreed"
    assert lv.evidence[0].text == text


def test_mentions_of_one_level_are_one_entry():
    text = (
        "Indonesia and Vietnam elevated their relations to an Enhanced Partnership on Tuesday.\n\n"
        "The Enhanced Partnership covers trade, fisheries and maritime security, the two leaders said."
    )
    (lv,) = levels(text)
    assert lv.level == "enhanced_partnership" and len(lv.evidence) == 2
    assert lv.rule.startswith("levels:change:")


def test_planned_upgrade():
    text = "Indonesia and Vietnam will elevate their ties to a Comprehensive Strategic Partnership next year."
    (lv,) = levels(text)
    assert lv.status == "planned"


def test_partnership_with_a_third_country_is_not_the_pairs():
    text = "Vietnam, which has a Comprehensive Strategic Partnership with China, met Indonesian officials."
    assert levels(text) == []


def test_agreements_named_partnership_are_not_levels():
    text = "Indonesia and Vietnam discussed the Regional Comprehensive Economic Partnership and an Economic Partnership Agreement."
    assert levels(text) == []


def test_alliance():
    text = "The Indonesia-Vietnam alliance is not a thing, but their alliance is."
    assert [lv.level for lv in levels(text)] == ["alliance"]


def test_partners_and_a_named_partnership_the_pair_moves_into():
    assert level_id("Special Strategic Partners") == "special_strategic_partnership"
    text = "Indonesia and Vietnam are Special Strategic Partners sharing fundamental values."
    assert [lv.level for lv in levels(text)] == ["special_strategic_partnership"]
    text = (
        "Indonesia and Vietnam agreed to transform the bilateral relationship into a Comprehensive Economic "
        "and Maritime Security Partnership."
    )
    assert [lv.level for lv in levels(text)] == ["comprehensive_economic_and_maritime_security_partnership"]
    text = "Indonesia and Vietnam both joined the Regional Comprehensive Economic Partnership in 2022."
    assert levels(text) == []


def test_negated_or_skipped_levels_are_not_levels():
    text = "Indonesia and Vietnam said their defence pact is not a military alliance aimed at anyone."
    assert levels(text) == []
    text = (
        "Indonesia and Vietnam moved their ties straight to a Comprehensive Strategic Partnership, "
        "skipping the strategic partnership phase altogether."
    )
    assert [lv.level for lv in levels(text)] == ["comprehensive_strategic_partnership"]


def test_strategic_partners_count_but_other_partners_do_not():
    text = "The Indonesian minister said Jakarta regards Vietnam as a strategic partner in the region."
    assert [lv.level for lv in levels(text)] == ["strategic_partnership"]
    text = "Indonesia and Vietnam are full partners in the new fisheries project."
    assert levels(text) == []


def test_descriptive_modifiers_are_not_part_of_a_lower_case_name():
    text = (
        "Indonesia and Vietnam want to turn their ties into a closer, future-oriented strategic partnership."
    )
    assert [lv.level for lv in levels(text)] == ["strategic_partnership"]
    assert level_id("Future-Oriented Strategic Partnership") == "future_oriented_strategic_partnership"


def test_named_formulas_are_levels_as_written():
    text = "Indonesia and Vietnam pledged to build an Indonesia-Vietnam community with a shared future."
    assert [lv.level for lv in levels(text)] == ["community_with_a_shared_future"]
    text = "Indonesia and Vietnam both back a community with a shared future for mankind."
    assert levels(text) == []
    text = "Indonesia and Vietnam celebrated ten years of their special global strategic partnership."
    assert [lv.level for lv in levels(text)] == ["special_global_strategic_partnership"]


def test_a_strategic_partnership_agreement_establishes_the_level():
    text = "The presidents of Indonesia and Vietnam signed a Strategic Partnership Agreement in Hanoi."
    assert [lv.level for lv in levels(text)] == ["strategic_partnership"]
    text = "Indonesia and Vietnam signed a Comprehensive Partnership Agreement on fisheries."
    assert levels(text) == []


def test_a_level_being_deepened_already_exists():
    text = "Indonesia and Vietnam will deepen their Comprehensive Strategic Partnership in the years ahead."
    (lv,) = levels(text)
    assert lv.status == "occurred"
    text = "Indonesia and Vietnam will elevate their ties to a Comprehensive Strategic Partnership."
    (lv,) = levels(text)
    assert lv.status == "planned"


def test_a_level_between_other_countries_is_not_the_pairs():
    text = "Vietnam lifted its ties with Cambodia to a Comprehensive Strategic Partnership last year."
    assert levels(text) == []
    text = "Indonesia and Vietnam signed an Enhanced Partnership and Cooperation Agreement."
    assert levels(text) == []


def test_they_speak_of_the_pair_for_a_level(extractor):
    from entente.read.document import Document, normalise

    text = (
        "HANOI, March 3 (Reuters) — Vietnam and Australia agreed to expand cooperation in renewable energy "
        "during talks between the two prime ministers in Hanoi on Monday.\n\n"
        "They agreed to elevate ties to an enhanced strategic partnership.\n\n"
        "Vietnam and Australia also agreed to boost tourism.\n"
    )
    record = extractor.extract(Document(text=normalise(text), name="t.txt"))
    levels = [lv.level for rel in record.relations for lv in rel.levels]
    assert levels == ["enhanced_strategic_partnership"]

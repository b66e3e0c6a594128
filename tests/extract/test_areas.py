"""Areas of cooperation: lexicon matches inside sentences about the pair (texts written by us)."""

from __future__ import annotations

from entente.extract.areas import area_matches, clause_status, lexicon
from entente.read.document import Document, normalise
from entente.record import AREAS


def _areas(extractor, text: str) -> dict[str, dict]:
    record = extractor.extract(Document(text=normalise(text), name="t.txt"))
    assert record.relations, "no pair found"
    return {a.area: a for rel in record.relations for a in rel.areas}


def test_every_lexicon_area_is_a_spec_area():
    assert {a for e in lexicon() for a in e.areas} <= set(AREAS)
    assert {a for e in lexicon() for a in e.areas} == set(AREAS)


def test_abbreviations_keep_their_case():
    text = "They agreed on AI, IoT, ICT and HA/DR, but said ai was a typo."
    found = [(text[m.start : m.end], m.areas) for m in area_matches(text)]
    assert ("AI", ("ai_data",)) in found
    assert ("IoT", ("iot_smart_city",)) in found
    assert ("ICT", ("telecommunications",)) in found
    assert ("HA/DR", ("disaster_management",)) in found
    assert all(t != "ai" for t, _ in found)


def test_compound_gives_both_areas_and_blocks_inner_words():
    text = "cooperation on ICT for disaster management and on the threat of nuclear weapons"
    found = {m.areas for m in area_matches(text)}
    assert ("telecommunications", "disaster_management") in found
    assert ("energy",) not in found


def test_office_names_are_not_areas():
    text = "Vietnam's Minister of Industry and Trade met the Defence Minister of Peru."
    assert area_matches(text) == []


def test_status_looks_past_action_verbs():
    s = "The two leaders are expected to agree to strengthen cooperation on semiconductors, a source said."
    assert clause_status(s, s.index("semiconductors"))[0] == "expected"
    s = "Both sides agreed to deepen cooperation in tourism."
    assert clause_status(s, s.index("tourism"))[0] == "agreed"


def test_areas_of_a_pair_with_every_span(extractor):
    text = (
        "HANOI, March 3 (Reuters) — Vietnam and Australia agreed to expand cooperation in renewable energy, "
        "critical minerals and education during talks between the two prime ministers in Hanoi on Monday.\n\n"
        "Vietnamese Prime Minister Pham Minh Chinh and his Australian counterpart Anthony Albanese said both "
        "sides will also promote student exchanges and work together on maritime security.\n\n"
        "Vietnam and Australia also discussed tourism.\n"
    )
    areas = _areas(extractor, text)
    assert {"energy", "supply_chain", "education", "maritime", "tourism"} <= set(areas)
    assert len(areas["education"].evidence) == 2
    for a in areas.values():
        for span in a.evidence:
            assert text[span.start : span.end] == span.text
    assert areas["tourism"].status == "discussed"
    assert areas["energy"].status == "agreed"


def test_third_party_and_condemnation_are_not_areas(extractor):
    text = (
        "TOKYO, May 2 — Japan and Canada held talks on Tuesday and agreed to strengthen bilateral cooperation "
        "on clean energy.\n\n"
        "Japan and Canada condemned the missile launches by North Korea.\n\n"
        "Separately, Brazil and Argentina have expanded their agricultural trade and farm exports.\n\n"
        "The Canadian and Japanese leaders met again later.\n"
    )
    areas = _areas(extractor, text)
    assert "energy" in areas
    assert "agriculture_food" not in areas
    assert "regional_multilateral" not in areas


def test_seed_areas_recall(shared, extractor):
    import json

    from entente.read import read_paths

    gold = json.loads((shared / "gold" / "seeds.gold.json").read_text())["docs"]
    for doc in read_paths([str(shared / "seeds")]):
        record = extractor.extract(doc)
        got = {a.area for rel in record.relations for a in rel.areas}
        for rel in gold[doc.name]["relations"].values():
            required = set(rel["areas"]["required"])
            allowed = required | set(rel["areas"]["optional"])
            assert len(required & got) >= 0.8 * len(required), (doc.name, required - got)
            assert len(got - allowed) <= 1, (doc.name, got - allowed)


def test_the_pair_agreeing_on_third_countries_is_regional_multilateral(extractor):
    text = (
        "Kenya and Ethiopia agreed on Monday to deepen their bilateral relations.\n\n"
        "On regional matters, the leaders exchanged views on the situation in Sudan and Somalia and agreed to "
        "coordinate their efforts within IGAD and the African Union.\n\n"
        "Kenya and Ethiopia also signed a memorandum of understanding on tourism."
    )
    assert "regional_multilateral" in _areas(extractor, text)


def test_a_summit_with_a_blocs_leaders_is_a_venue_not_an_area(extractor):
    text = (
        "Saudi Arabia and China signed a strategic partnership agreement on Thursday.\n\n"
        "On Friday, the Chinese president is due to attend a summit with leaders of the Gulf Cooperation Council.\n\n"
        "Saudi Arabia and China agreed to cooperate in energy."
    )
    assert "regional_multilateral" not in _areas(extractor, text)


def test_routes_pipelines_and_blocs_in_the_lexicon():
    text = "a direct air route, the gas pipeline and the Andean Community"
    found = {a for m in area_matches(text) for a in m.areas}
    assert {"infrastructure_transport", "energy", "regional_multilateral"} <= found


def test_no_sentence_break_after_a_titles_abbreviation():
    from entente.extract.scope import _join_after_titles

    text = "Ms. Kamikawa held a meeting with Senator the Hon. Penny Wong in Melbourne. It lasted an hour."
    spans = [(0, 49), (50, 74), (75, len(text))]
    assert _join_after_titles(text, spans) == [(0, 74), (75, len(text))]


def test_labor_disputes_are_no_labour_mobility():
    text = "ties strained by wartime labor disputes; labour migration and migrant workers"
    found = [(text[m.start : m.end], m.areas) for m in area_matches(text)]
    assert all(t != "labor" for t, _ in found)
    assert ("labour migration", ("consular_mobility",)) in found


def _found(text: str) -> set[str]:
    return {a for m in area_matches(text) for a in m.areas}


def test_lexicon_entries_say_what_they_cover():
    from entente.data import load

    data = load("areas.json")
    assert all(entry.covers for entry in data.areas.values())
    assert all(item.covers for item in data.compounds) and all(adj.covers for adj in data.adjectives)


def test_nuclear_powers_are_not_energy():
    assert "energy" not in _found("Both nuclear powers called for restraint on the border.")
    assert "energy" in _found("They will cooperate on civil nuclear power and hydrogen.")


def test_migration_asylum_and_returns_are_consular_mobility():
    for text in (
        "The ministers agreed a one in, one out scheme for people arriving by small boat.",
        "They discussed asylum claims and the return of irregular migrants.",
    ):
        assert "consular_mobility" in _found(text), text


def test_real_variants():
    assert "ai_data" in _found("They pledged to work on A.I. safety.")
    assert "climate_environment" in _found("They agreed to promote sustainability in cities.")
    assert "education" in _found("The sides will expand skills development for young workers.")
    assert "infrastructure_transport" in _found("Plans for high-speed rail were discussed.")
    assert "telecommunications" in _found("They agreed to cooperate in information and communication.")


def test_political_counts_only_as_a_field_of_cooperation():
    assert "political_dialogue" in _found(
        "They will deepen cooperation in the political, security and economic fields."
    )
    assert "political_dialogue" in _found(
        "They agreed to continue cooperation on political and security matters."
    )
    assert "political_dialogue" not in _found("The political crisis at home was not raised.")


def test_background_clauses_are_not_areas():
    assert "health" not in _found(
        "Ties are recovering after the pandemic, and both sides agreed to boost tourism."
    )
    assert "health" not in _found(
        "With the epidemic still spreading, the two leaders agreed to boost tourism."
    )
    assert "energy" not in _found(
        "Amid soaring electricity prices, the ministers agreed to expand rail links."
    )
    assert "manufacturing" not in _found(
        "They will cooperate in green technology, in line with the national industrialisation plan."
    )
    assert "health" in _found("They praised cooperation in the fight against the coronavirus.")
    assert "energy" in _found("After the talks, they agreed to cooperate on renewable energy.")


def test_traded_goods_are_not_areas():
    assert "health" not in _found("The two governments discussed tariffs on medical devices and steel.")
    found = _found("Exports of machinery, semiconductors and pharmaceuticals rose, the two countries said.")
    assert "semiconductors" not in found and "health" not in found
    assert "trade" in found


def test_keywords_inside_organisation_and_venue_names_are_not_areas(extractor):
    text = (
        "MANILA, June 4 — The Philippines and Vietnam agreed to deepen cooperation in agriculture, the "
        "Presidential Communications Office said on Tuesday.\n\n"
        "The two leaders also agreed to work together on maritime security with the help of the Vietnam Coast Guard.\n"
    )
    areas = _areas(extractor, text)
    assert "agriculture_food" in areas and "maritime" in areas
    assert "telecommunications" not in areas


def test_a_wrapped_line_does_not_end_the_sentence(extractor):
    text = (
        "KUALA LUMPUR, May 5 — Malaysia and Indonesia held talks on Monday.\n\n"
        "The Malaysian and Indonesian leaders agreed to reinvigorate\n"
        "trade, halal industry and digital economy cooperation, Malaysia's foreign ministry said.\n"
    )
    areas = _areas(extractor, text)
    assert {"trade", "halal", "digital_economy"} <= set(areas)


def test_he_continues_the_pairs_actor(extractor):
    text = (
        "NAIROBI, July 2 — Kenya and Uganda held talks on Monday on trade.\n\n"
        "Kenya's president promised to keep trade ties with Uganda open. He pledged to finish the oil pipeline "
        "between the two capitals by next year.\n"
    )
    areas = _areas(extractor, text)
    assert "energy" in areas


def test_office_names_in_lower_case_and_figures_of_speech_are_not_areas():
    assert "trade" not in _found("The visiting trade minister praised the talks.")
    assert "tourism" not in _found("They met the minister for tourism and culture on Friday.")
    assert "energy" not in _found("The visit injected new energy into bilateral ties.")
    assert "defence" not in _found("The delegation was welcomed with open arms.")
    assert "climate_environment" not in _found("Both sides will create a conducive environment for business.")


def test_a_region_or_body_alone_is_no_joint_position(extractor):
    text = (
        "QUITO, June 2 (Reuters) — Ecuador and Japan agreed to expand cooperation in fisheries during talks "
        "between the two foreign ministers in Quito on Monday.\n\n"
        "Japan wants to reduce its dependence on fuel imports from the Middle East and will invest in new "
        "refineries.\n\n"
        "Analysts said Ecuador's membership of the World Trade Organization had helped.\n\n"
        "Ecuador and Japan also agreed to boost tourism.\n"
    )
    areas = _areas(extractor, text)
    assert "agriculture_food" in areas
    assert "regional_multilateral" not in areas
    text = (
        "QUITO, June 2 (Reuters) — Ecuador and Japan agreed to expand cooperation in fisheries during talks "
        "between the two foreign ministers in Quito on Monday.\n\n"
        "The two ministers also agreed to coordinate closely at the United Nations.\n\n"
        "Ecuador and Japan also agreed to boost tourism.\n"
    )
    assert "regional_multilateral" in _areas(extractor, text)


def test_a_name_describing_another_noun_is_no_topic():
    assert "regional_multilateral" not in _found("Talks were held between Middle East producers and buyers.")
    assert "regional_multilateral" not in _found("It ranked third among ASEAN member states.")
    assert "regional_multilateral" not in _found("Both will cooperate with the UN war crimes tribunal.")
    assert "regional_multilateral" in _found("They agreed to work together on peace in the Middle East.")


def test_a_keyword_ending_a_company_name_is_no_area():
    assert "science_technology" not in _found(
        "It signed a contract with Pune's Zentrix Technologies to build it."
    )
    assert "energy" not in _found("The turbines come from Nordvik Energy, the firm said.")
    assert "maritime" in _found("They welcomed visits by the Indian Navy.")
    assert "energy" in _found("They launched the Kenya-Uganda Energy Dialogue.")
    assert "infrastructure_transport" in _found("They agreed to build the Hafeet Rail network.")


def test_a_restriction_is_no_cooperation():
    assert "defence" not in _found("He backed lifting the arms embargo on the country.")
    assert "defence" not in _found("Arms embargoes still apply to three states.")
    assert "trade" not in _found("Both criticised the trade sanctions imposed last year.")
    assert "defence" in _found("The two sides agreed to deepen defence cooperation.")


def test_generic_industry_counts_only_as_a_field():
    assert "manufacturing" not in _found("They signed deals covering other industries including mining.")
    assert "manufacturing" in _found("They agreed to expand cooperation in industry and agriculture.")
    assert "manufacturing" in _found("Both pledged to work together in energy, tourism and industry.")
    found = _found("The US military industry wants a link with the country.")
    assert "defence" in found and "manufacturing" not in found


def test_a_sentence_about_one_side_and_a_third_country_gives_the_pair_no_area(extractor):
    text = (
        "KYIV, May 3 (Reuters) — Ukraine and Georgia agreed to expand cooperation in natural gas during talks "
        "between the two prime ministers in Kyiv on Tuesday.\n\n"
        "Georgia has also agreed to seek investment in its ports from Azerbaijan.\n\n"
        "Ukraine and Georgia also agreed to boost tourism.\n"
    )
    areas = _areas(extractor, text)
    assert "energy" in areas
    assert "investment" not in areas and "infrastructure_transport" not in areas


def test_oil_and_gas_deals_are_energy():
    assert "energy" in _found("The two countries signed an oil deal giving access to new oil fields.")
    assert "energy" in _found("They agreed to build two refineries and to secure gas supply.")
    assert "energy" not in _found("Oil prices rose after the talks.")


def test_the_pair_discussing_third_countries_is_regional_multilateral(extractor):
    for sentence in (
        "They also discussed the war in Ukraine.",
        "The leaders also exchanged views on the situation in the Middle East.",
        "Albanese said Australia would work with Vietnam within ASEAN.",
    ):
        text = (
            "HANOI, March 3 (Reuters) — Vietnam and Australia agreed to expand cooperation in renewable energy "
            "during talks between the two prime ministers in Hanoi on Monday.\n\n"
            f"{sentence}\n\nVietnam and Australia also agreed to boost tourism.\n"
        )
        assert "regional_multilateral" in _areas(extractor, text), sentence

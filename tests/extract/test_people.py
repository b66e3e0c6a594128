"""People: anchors (titles, honorifics, counterparts, appositives), canonical names, country attribution."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from entente.extract.people import find_people
from entente.extract.people.names import canonical_name, name_key
from entente.extract.state import State
from entente.extract.tokens import tokenize
from entente.read.document import Document

ARTICLES = Path(__file__).resolve().parents[1] / "articles"


def people_of(text: str, outlet: str | None = None) -> dict[str, tuple[str | None, list[str], list[str]]]:
    from entente.extract.countries import find_countries
    from entente.extract.places import find_places

    state = State(document=Document(text=text, name="t.txt"), text=text, outlet=outlet)
    state.country_mentions = find_countries(text)
    state.places = find_places(text)
    people, mentions = find_people(state)
    for p in people:
        for span in p.mentions:
            assert span.text == text[span.start : span.end]
    assert {m.person_id for m in mentions} == {p.id for p in people}
    return {p.name: (p.country, p.honorifics, p.titles) for p in people}


def article(extractor, name: str):
    from entente.read import read_paths

    (doc,) = list(read_paths([str(ARTICLES / name)]))
    return doc, extractor.extract(doc)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("ANWAR BIN IBRAHIM", "Anwar Ibrahim"),
        ("Siti Aishah binti Abdullah", "Siti Aishah Abdullah"),
        ("KUMAR A/L RAMASAMY", "Kumar Ramasamy"),
        ("YOON SUK-YEOL", "Yoon Suk-Yeol"),
        ("Charles III", "Charles III"),
        ("XI JINPING", "Xi Jinping"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("Ferdinand Marcos Jr.", "Ferdinand Marcos Jr."),
    ],
)
def test_canonical_name(words, expected):
    assert canonical_name([t.text for t in tokenize(words)]) == expected


def test_name_key_ignores_case_hyphens_and_patronymics():
    assert name_key("Yoon Suk-yeol") == name_key("YOON SUK YEOL")
    assert name_key("Anwar bin Ibrahim") == name_key("Anwar Ibrahim")


def test_title_prefix_demonym_possessive_and_counterpart():
    text = (
        "Malaysia's Plantation and Commodities Minister Datuk Seri Johari Abdul Ghani met "
        "Indonesian Trade Minister Zulkifli Hasan and his Thai counterpart Phumtham Wechayachai. "
        "Johari said palm oil prices were stable. Zulkifli agreed."
    )
    got = people_of(text)
    assert got["Johari Abdul Ghani"] == ("MYS", ["Datuk Seri"], ["Plantation and Commodities Minister"])
    assert got["Zulkifli Hasan"][0] == "IDN"
    assert got["Phumtham Wechayachai"][0] == "THA"
    assert got["Phumtham Wechayachai"][2] == ["Trade Minister"]  # the counterpart holds the same office
    assert len(got) == 3


def test_post_portfolio_and_of_country():
    text = "The Minister of Foreign Affairs of Japan Yoko Kamikawa and US Secretary of State Antony Blinken spoke."
    got = people_of(text)
    assert got["Yoko Kamikawa"][0] == "JPN"
    assert got["Antony Blinken"] == ("USA", [], ["Secretary of State"])


def test_appositive_title_after_the_name():
    text = (
        "The accord was signed by Maria Santos, the Philippine trade secretary, and by "
        "Omar Haddad, Governor of the Central Bank of Jordan, in Amman."
    )
    got = people_of(text)
    assert got["Maria Santos"][0] == "PHL"
    assert got["Omar Haddad"] == ("JOR", [], ["Governor of the Central Bank"])  # the body is part of the title


def test_short_mentions_link_and_patronymic_father_is_not_the_person():
    text = (
        "Crown Prince Mohammed bin Salman received Prime Minister Shehbaz Sharif. Later King Salman "
        "hosted a dinner. Sharif thanked the kingdom."
    )
    state_people = people_of(text)
    assert "Salman" in state_people  # King Salman is not Mohammed bin Salman
    assert "Mohammed bin Salman" in state_people


def test_no_people_from_unanchored_capitalised_words():
    text = (
        "The Prime Minister said South China Sea tensions and the Look East Policy were discussed. "
        "Prime Minister's Office officials met the President of the Council. General Motors rose."
    )
    assert people_of(text) == {}


def test_lone_surname_without_full_name_or_head_title_is_dropped():
    assert people_of("Mr Hoskins said the plan was sound.") == {}
    assert "Salman" in people_of("King Salman met the envoy.")


def test_outlet_home_country_only_as_last_resort():
    text = "Economy Minister Rafizi Ramli said the zone would open next year in Johor, Malaysia."
    assert people_of(text, outlet="Bernama")["Rafizi Ramli"][0] == "MYS"
    assert people_of(text, outlet="Reuters")["Rafizi Ramli"][0] is None


def test_thai_and_arab_leaders_with_honorifics(extractor):
    _, record = article(extractor, "people_thai_qatar_honorifics.txt")
    people = {p.name: p for p in record.people}
    tamim = people["Tamim bin Hamad Al Thani"]
    assert tamim.country == "QAT" and "Sheikh" in tamim.honorifics and "His Highness" in tamim.honorifics
    assert "Amir" in tamim.titles
    assert any(m.text == "Sheikh Tamim" for m in tamim.mentions)
    srettha = people["Srettha Thavisin"]
    assert srettha.country == "THA" and "Mr" in srettha.honorifics
    assert any(m.text == "Mr Srettha" for m in srettha.mentions)
    assert people["Parnpree Bahiddha-nukara"].country == "THA"


def test_three_countries_only_two_meet(extractor):
    _, record = article(extractor, "people_three_countries_two_meet.txt")
    people = {p.name: p.country for p in record.people}
    assert people == {"Joko Widodo": "IDN", "Pham Minh Chinh": "VNM", "Li Qiang": "CHN"}
    widodo = next(p for p in record.people if p.name == "Joko Widodo")
    assert [m.text for m in widodo.mentions] == ["Joko Widodo", "Widodo"]


def test_all_caps_byline_name_is_the_same_person(extractor):
    _, record = article(extractor, "people_caps_byline.txt")
    zahid = next(p for p in record.people if p.name == "Ahmad Zahid Hamidi")
    assert zahid.country == "MYS"
    assert "DATO' SERI DR AHMAD ZAHID BIN HAMIDI" in [m.text for m in zahid.mentions]
    assert "Deputy Prime Minister" in zahid.titles
    sultan = next(p for p in record.people if p.name == "Hassanal Bolkiah")
    assert "Sultan" in sultan.titles and "His Majesty" in sultan.honorifics


def test_seed_people_match_gold(shared, extractor):
    sys.path.insert(0, str(shared / "eval"))
    from score import norm_name  # the scorer's own normalisation

    from entente.read import read_paths

    gold = json.loads((shared / "gold" / "seeds.gold.json").read_text())["docs"]
    for doc in read_paths([str(shared / "seeds")]):
        record = extractor.extract(doc)
        got = {(norm_name(p.name), p.country) for p in record.people}
        want = {(norm_name(p["name"]), p["country"]) for p in gold[doc.name]["people"]}
        assert got == want, doc.name


def test_no_title_or_region_people_in_bbc_sample(shared):
    corpus = shared / "corpora" / "bbc" / "bbc.jsonl"
    if not corpus.is_file():
        pytest.skip("BBC corpus not present")
    bad = {"prime minister", "president", "south china", "minister", "secretary", "king", "queen"}
    with corpus.open() as fh:
        lines = [json.loads(line) for _, line in zip(range(150), fh, strict=False)]
    for item in lines:
        for name in people_of(item["text"]):
            assert name.lower() not in bad, (item["id"], name)
            assert len(name.split()) <= 6, (item["id"], name)


# --- title chains, royal styles and what a counterpart inherits ---------------------------------------


def test_office_kept_before_a_royal_style_which_is_an_honorific():
    got = people_of("Foreign Minister Prince Khalid bin Nasser said after meeting his Dutch counterpart "
                    "Anna Verhoeven in Riyadh.")
    assert got["Khalid bin Nasser"][1:] == (["Prince"], ["Foreign Minister"])
    assert got["Anna Verhoeven"] == ("NLD", [], ["Foreign Minister"])  # the office, not the style


def test_counterpart_does_not_inherit_a_royal_position_or_a_rank():
    got = people_of("Crown Prince Faisal bin Saud received his Brazilian counterpart Marco Antunes. "
                    "Army chief General Tomas Rivera met his Chilean counterpart Diego Ferreira.")
    assert got["Faisal bin Saud"][2] == ["Crown Prince"]
    assert got["Marco Antunes"] == ("BRA", [], [])
    assert got["Diego Ferreira"] == ("CHL", [], [])


def test_counterpart_of_a_speaker_without_office_gets_none():
    got = people_of("President Ana Lucero spoke first. Sheikh Hamad bin Jassim then met his Italian "
                    "counterpart Paolo Moretti.")
    assert got["Paolo Moretti"] == ("ITA", [], [])  # not the President named a sentence earlier


def test_title_chains_keep_every_office():
    got = people_of("Defence Minister General Arif Santoso met Deputy Prime Minister and Foreign Minister "
                    "Helen Marsh, then Crown Prince and Prime Minister Salim bin Rashid.")
    assert got["Arif Santoso"][2] == ["Defence Minister", "General"]
    assert got["Helen Marsh"][2] == ["Deputy Prime Minister", "Foreign Minister"]
    assert got["Salim bin Rashid"][2] == ["Crown Prince", "Prime Minister"]


def test_counterpart_of_a_double_office_shares_the_portfolio_or_the_head_office():
    got = people_of("Deputy Prime Minister and Foreign Minister Helen Marsh met her Korean counterpart "
                    "Park Jun-ho. Prime Minister and Finance Minister Omar Said met his Greek counterpart "
                    "Nikos Pappas.")
    assert got["Park Jun-ho"][2] == ["Foreign Minister"]
    assert got["Nikos Pappas"][2] == ["Prime Minister"]


def test_counterpart_followed_by_a_title_takes_the_demonym():
    got = people_of("Mr Hale will meet his Chinese counterpart Minister Zhao Lirong on Friday.")
    assert got["Zhao Lirong"] == ("CHN", [], ["Minister"])


def test_formal_state_name_after_the_title_gives_the_country():
    got = people_of("Minister of Foreign Affairs of the Republic of Kazakhstan Aibek Sadykov called "
                    "Minister of Foreign Affairs of the Republic of Uzbekistan Rustam Karimov.")
    assert got["Aibek Sadykov"] == ("KAZ", [], ["Minister of Foreign Affairs"])
    assert got["Rustam Karimov"] == ("UZB", [], ["Minister of Foreign Affairs"])
    caps = people_of("VISIT OF DR. TEWODROS ALEMU, PRIME MINISTER OF THE FEDERAL DEMOCRATIC REPUBLIC OF "
                     "ETHIOPIA, TO KENYA")
    assert list(caps) == ["Tewodros Alemu"]  # "Democratic" is not a person
    assert caps["Tewodros Alemu"][0] == "ETH" and caps["Tewodros Alemu"][2] == ["Prime Minister"]


def test_title_at_a_line_start_and_accented_names():
    got = people_of("Talks ended, officials said.\n\nCommerce Minister Ravi Menon will travel to London. "
                    "Colombian Trade Minister Germán Ospina agreed.")
    assert got["Ravi Menon"][2] == ["Commerce Minister"]
    assert got["Germán Ospina"] == ("COL", [], ["Trade Minister"])  # "Germán" is no demonym


def test_surname_is_a_known_leader_only_when_the_text_names_his_country():
    films = people_of('Film director Colin Kishida spoke. "It is a dream," said Mr Kishida.')
    assert "Fumio Kishida" not in films
    visit = people_of('"We agree," said Mr Kishida on a visit to Malaysia. Japan and Malaysia agreed.')
    assert visit["Fumio Kishida"][0] == "JPN"


def test_appositive_role_we_do_not_hold_is_no_title():
    got = people_of("Ian Harlow, deputy editor of UK magazine Mac Monthly, said so. Mike Blyth, chief "
                    "economist at the Commonwealth Bank of Australia, agreed. This week Colin Powell, US "
                    "Secretary of State was visiting.")
    assert got["Ian Harlow"] == ("GBR", [], []) and got["Mike Blyth"] == ("AUS", [], [])  # no "Deputy", "Chief"
    assert got["Colin Powell"] == ("USA", [], ["Secretary of State"])


def test_names_made_of_common_words():
    got = people_of("British Prime Minister Theresa May met Chinese Vice Premier He Lifeng and Party "
                    "General Secretary To Lam in Hanoi. He said the talks went well.")
    assert got["Theresa May"][0] == "GBR"
    assert got["He Lifeng"] == ("CHN", [], ["Vice Premier"])
    assert got["To Lam"][2] == ["General Secretary"]
    headline = people_of("Minister Kamal To Meet Kishida In Tokyo Next Week\nHe will travel on Monday.")
    assert all(" To " not in name and not name.startswith("To ") for name in headline)


def test_lower_case_portfolio_titles_without_a_country():
    got = people_of("Agriculture minister Arnoldo Pineda told reporters. Paris was subdued, with finance "
                    "minister Claude Fabre telling parliament no. Shadow foreign secretary Mark Oldham "
                    "objected. Nobody knows how good a prime minister Robert Lyle will make.")
    assert got["Arnoldo Pineda"] == (None, [], ["Agriculture Minister"])
    assert got["Claude Fabre"][2] == ["Finance Minister"]
    assert got["Mark Oldham"][2] == ["Shadow Foreign Secretary"]
    assert "Robert Lyle" not in got
    assert people_of("The trade minister said talks would resume on Monday.") == {}


def test_ranks_peerages_and_royal_titles_are_not_names():
    got = people_of("Assistant Chief Constable Paul Dorran met Lt Col Eric Marlow and Baron Kinsley. "
                    "Neil Kinsley spoke. Funds for a memorial to the Queen Mother were found. "
                    "Russia's competition law, natural resources minister Yuri Petrov spoke.")
    assert got["Paul Dorran"][2] == ["Assistant Chief Constable"]
    assert got["Eric Marlow"][2] == ["Lt Col"]
    assert got["Neil Kinsley"][1] == ["Baron"]
    assert "Mother" not in got and not any(name.startswith(("Baron ", "Col ", "Constable ")) for name in got)
    assert got["Yuri Petrov"][2] == ["Natural Resources Minister"]  # not "Competition Law, ..."


def test_leaders_outside_the_g20_give_the_country():
    got = people_of("A state banquet in Nairobi was hosted by President William Ruto. Emir Sheikh Tamim bin "
                    "Hamad Al Thani and President Kassym-Jomart Tokayev spoke.")
    assert got["William Ruto"][0] == "KEN"
    assert got["Tamim bin Hamad Al Thani"][0] == "QAT"
    assert got["Kassym-Jomart Tokayev"][0] == "KAZ"


def test_leader_terms_are_well_formed():
    from entente.data import load

    rows = load("leaders.json").leaders
    names = [r.name for r in rows]
    assert len(names) == len(set(names))
    for r in rows:
        assert len(r.country) == 3 and r.roles, r.name
        for role in r.roles:
            assert role.end is None or role.start <= role.end, r.name


def test_plural_title_shared_by_two_people():
    got = people_of("Foreign Ministers Arturo Mendes and Kofi Boateng met. Chinese and Thai Prime Ministers "
                    "Li Wenbo and Somchai Rattana spoke. Presidents Xi Jinping and Joe Biden met.")
    assert got["Arturo Mendes"] == (None, [], ["Foreign Minister"])
    assert got["Kofi Boateng"][2] == ["Foreign Minister"]
    assert got["Li Wenbo"] == ("CHN", [], ["Prime Minister"])
    assert got["Somchai Rattana"] == ("THA", [], ["Prime Minister"])
    assert got["Xi Jinping"][0] == "CHN" and got["Joe Biden"][0] == "USA"
    assert people_of("The foreign ministers of both countries met.") == {}


def test_single_leader_name_needs_his_country_in_the_text():
    got = people_of("Mr Blair met King Abdullah in Amman on Monday. Abdullah thanked him.")
    assert got.get("Abdullah", (None,))[0] != "MYS"  # not the Malaysian Agong of the same name


def test_post_nominals_and_regions_are_not_names_or_countries():
    got = people_of("Judge Charles Harris QC made his remarks. Northern Ireland Minister John Spellar "
                    "spoke in Belfast.")
    assert "Charles Harris" in got
    assert got["John Spellar"][0] != "IRL"


def test_arabic_article_in_a_surname_and_later_short_form():
    text = ("Egyptian President Abdel Fattah al-Sisi received Iraqi Prime Minister Mohammed Shia al-Sudani. "
            "On Monday, Sisi had spoken by telephone.")
    got = people_of(text)
    assert got["Abdel Fattah al-Sisi"][0] == "EGY"
    assert got["Mohammed Shia al-Sudani"] == ("IRQ", [], ["Prime Minister"])


def test_ministry_spokesman_and_weak_titles_after_a_country():
    got = people_of("Chinese foreign ministry spokesman Lin Wei said so. India's external affairs ministry "
                    "spokesperson Ravi Kumar agreed. North Korean leader Kim Jong Un and Vietnamese leader "
                    "To Lam were named.")
    assert got["Lin Wei"] == ("CHN", [], ["Foreign Ministry Spokesman"])
    assert got["Ravi Kumar"][0] == "IND"
    assert got["Kim Jong Un"][0] == "PRK" and got["To Lam"][0] == "VNM"


def test_title_comma_name_and_sons_are_not_their_fathers():
    got = people_of("Crown Prince Mohammed bin Salman received him, with the Minister of Energy, Prince "
                    "Abdulaziz bin Salman, and the Minister of Investment, Khalid Al-Falih.")
    assert got["Abdulaziz bin Salman"][2] == ["Minister of Energy"]  # not merged into "Mohammed bin Salman"
    assert got["Khalid Al-Falih"][2] == ["Minister of Investment"]
    assert "Mohammed bin Salman" in got
    assert people_of("Only the Prime Minister, said officials, could decide.") == {}


def test_list_item_title_is_not_a_title_for_the_next_name():
    got = people_of("The track beat songs by Will Young, Queen, Kate Bush and Joy Division. Acting Detective "
                    "Chief Superintendent Mick Deats said.")
    assert got.get("Kate Bush", (None, [], []))[2] == []
    assert got["Mick Deats"][2] == ["Acting Detective Chief Superintendent"]


def test_country_after_the_name_and_honorific_breaks_a_run_on_name():
    got = people_of("Veils are backward, President Moshtaq of Pakistan has said. Obituary: Dame Alice "
                    "Marsh Dame Alice Marsh, who has died, danced.")
    assert got["Moshtaq"] == ("PAK", [], ["President"])
    assert "Alice Marsh" in got and not any("Dame" in name for name in got)

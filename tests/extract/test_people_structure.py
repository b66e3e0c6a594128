"""Country of a person from the structure of a bilateral text when no demonym is given (issue 18), and
``None`` where the structure does not settle it."""

from __future__ import annotations

from entente.extract.countries import find_countries
from entente.extract.people import find_people
from entente.extract.places import find_places
from entente.extract.state import State
from entente.read.document import Document


def countries_of(text: str) -> dict[str, str | None]:
    state = State(document=Document(text=text, name="t.txt"), text=text)
    state.country_mentions = find_countries(text)
    state.places = find_places(text)
    people, _ = find_people(state)
    return {p.name: p.country for p in people}


def test_the_speaker_of_a_counterpart_is_on_the_other_side():
    got = countries_of(
        "Foreign Minister Tomas Arriaga met his Brazilian counterpart Helena Prado in the capital. "
        "Chile and Brazil agreed to open a new consulate."
    )
    assert got == {"Tomas Arriaga": "CHL", "Helena Prado": "BRA"}


def test_two_sides_of_an_exchange():
    got = countries_of(
        "The memorandum was exchanged between Trade Minister Kofi Asante and Japanese Trade Minister "
        "Haruto Sato. Ghana and Japan hope to double trade."
    )
    assert got["Kofi Asante"] == "GHA"


def test_two_leaders_side_by_side():
    got = countries_of(
        "President Amara Diallo and Spanish Prime Minister Luis Ortega held talks in the capital on Tuesday. "
        "The Senegal-Spain business forum followed."
    )
    assert got["Amara Diallo"] == "SEN"


def test_two_ministers_of_one_delegation_are_not_two_sides():
    got = countries_of(
        "Malaysia and Oman signed two accords. The Malaysian side was led by Trade Minister Rafiq Osman and "
        "Foreign Minister Datuk Seri Harun Idris of Malaysia, who met Omani officials."
    )
    assert got["Rafiq Osman"] != "OMN"


def test_a_visitor_is_not_of_the_country_visited():
    got = countries_of(
        "Prime Minister Karim Haddad arrived in Amman on Sunday on his first visit to Jordan since taking "
        "office. He said ties between Lebanon and Jordan were strong."
    )
    assert got["Karim Haddad"] == "LBN"


def test_a_delegation_shares_the_country_of_the_person_it_accompanies():
    got = countries_of(
        "Indonesian President Bima Santoso, accompanied by Foreign Minister Dewi Lestari and Trade Minister "
        "Agus Wibowo, arrived in Tokyo. Indonesia and Japan will sign three accords."
    )
    assert got["Dewi Lestari"] == "IDN"
    assert got["Agus Wibowo"] == "IDN"


def test_a_place_after_a_title_gives_its_country():
    got = countries_of("The First Lady of Zanzibar, Mama Asha Juma, opened the clinic.")
    assert got == {"Asha Juma": "TZA"}


def test_no_clear_other_side_is_none():
    got = countries_of(
        "Foreign Minister Rui Tavares met his Brazilian counterpart Helena Prado. Brazil, Peru, Chile and "
        "Bolivia sent delegations to the regional meeting."
    )
    assert got["Rui Tavares"] is None


def test_a_titled_one_word_mention_may_use_a_middle_name():
    got = countries_of(
        "Tanzanian President Neema Zawadi Mushi received the envoy. Later President Zawadi thanked him."
    )
    assert got == {"Neema Zawadi Mushi": "TZA"}


def test_the_country_of_the_organisation_a_person_leads():
    assert countries_of("JETRO Chairman Kenji Mori opened the trade fair.") == {"Kenji Mori": "JPN"}
    got = countries_of("Aiko Tanaka, president of the Japan External Trade Organization, opened the fair.")
    assert got == {"Aiko Tanaka": "JPN"}
    assert countries_of("UN Secretary-General Lena Moreau spoke.") == {"Lena Moreau": None}


def test_the_officials_a_meeting_was_attended_by_share_their_side():
    got = countries_of(
        "Sheikh Rashid bin Saeed Al Mansoori, President of the UAE, received the Kenyan President. The meeting "
        "was attended by Sheikh Hamdan bin Saeed Al Mansoori, Deputy Prime Minister of the UAE, and Dr. Omar "
        "bin Khalid Al Suwaidi, Minister of Industry and Advanced Technology."
    )
    assert got["Omar bin Khalid Al Suwaidi"] == "ARE"


def test_two_holders_of_one_office_in_a_list_are_not_one_side():
    got = countries_of(
        "The signing was attended by Indonesian Trade Minister Budi Hartono and Trade Minister Lee Jae-won."
    )
    assert got["Lee Jae-won"] is None


def test_the_members_of_a_countrys_delegation_are_of_it():
    got = countries_of(
        "Ghana's delegation, comprising Trade Minister Kofi Asante and Energy Minister Ama Owusu, met Korean "
        "officials in Seoul."
    )
    assert got == {"Kofi Asante": "GHA", "Ama Owusu": "GHA"}


def test_the_leader_of_a_countrys_delegation_is_of_it():
    got = countries_of("Deputy Prime Minister Rahim Osman led the Malaysian delegation to Jakarta.")
    assert got == {"Rahim Osman": "MYS"}
    got = countries_of(
        "The Thai side was led by Commerce Minister Somchai Wongsa, while Deputy Minister Lim Wei Ming headed "
        "Singapore's delegation."
    )
    assert got == {"Somchai Wongsa": "THA", "Lim Wei Ming": "SGP"}


def test_a_leader_separated_from_the_delegation_by_a_clause_keeps_none():
    got = countries_of("Deputy Prime Minister Rahim Osman, who met Indonesian officials, led the Malaysian team.")
    assert got == {"Rahim Osman": None}


def test_a_sentence_ending_right_after_a_name_separates_the_lead():
    got = countries_of(
        "The Sultan spoke at a dinner hosted by President Amara Diallo. Later, accompanied by Minister "
        "Rosa Mendes Ferreira, the guests left."
    )
    assert got["Rosa Mendes Ferreira"] is None  # Diallo's sentence has ended: he leads no one here


def test_the_one_holder_of_an_office_leads_those_accompanying_him():
    got = countries_of(
        "King Charles III spoke at a dinner hosted by President William Ruto. The King, accompanied by "
        "Queen Camilla, was received at State House."
    )
    assert got["Camilla"] == "GBR"
    got = countries_of(
        "President Amara Diallo of Senegal and President Luis Ortega of Chile met. The President, accompanied "
        "by Foreign Minister Rosa Mendes, left."
    )
    assert got["Rosa Mendes"] is None  # two Presidents: no guess

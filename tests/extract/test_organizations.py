"""Organisations: known bodies, head words, acronyms bound to long forms, country."""

from __future__ import annotations

from entente.extract.countries import find_countries
from entente.extract.organizations import find_organizations
from entente.extract.state import State
from entente.read.document import Document


def orgs_of(text: str):
    state = State(document=Document(text=text, name="t.txt"), text=text)
    state.country_mentions = find_countries(text)
    orgs = find_organizations(state)
    for o in orgs:
        for span in o.mentions:
            assert span.text == text[span.start : span.end]
    return {o.name: o for o in orgs}


def test_acronym_bound_to_long_form_and_reused():
    text = (
        "Both sides backed the Korea-Vietnam Institute of Science and Technology (VKIST) in Hanoi. "
        "VKIST will train 500 researchers."
    )
    orgs = orgs_of(text)
    vkist = orgs["Korea-Vietnam Institute of Science and Technology"]
    assert vkist.acronym == "VKIST"
    assert [m.text for m in vkist.mentions].count("VKIST") == 2
    assert vkist.country is None  # two countries in the name: bilateral, not one country's


def test_country_from_name_and_possessive():
    text = "Japan's Ground Self-Defense Force trained with the Indonesian National Armed Forces and the Philippine Coast Guard."
    orgs = orgs_of(text)
    assert orgs["Ground Self-Defense Force"].country == "JPN"
    assert orgs["Indonesian National Armed Forces"].country == "IDN"
    assert orgs["Philippine Coast Guard"].country == "PHL"


def test_known_regional_bodies_and_ministries():
    text = "Asean members and the EU met at the Ministry of Foreign Affairs of Thailand."
    orgs = orgs_of(text)
    assert orgs["Association of Southeast Asian Nations"].acronym == "ASEAN"
    assert "European Union" in orgs
    assert orgs["Ministry of Foreign Affairs of Thailand"].country == "THA"


def test_policies_and_programmes_are_not_organisations():
    text = "The Look East Policy (LEP) and the Official Security Assistance (OSA) were praised."
    assert orgs_of(text) == {}

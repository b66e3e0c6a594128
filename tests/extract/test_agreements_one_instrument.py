"""One row per instrument on news copy: a headline's mention, definite and evaluative descriptions fold into
the one instrument of their family; attempts are not signings; a similar deal, a vague series, a regional
instrument and "to deal with" (texts written by us)."""

from __future__ import annotations

from entente.extract.agreements import find_mentions, status_of
from entente.read.document import Document, normalise


def _agreements(extractor, text: str, pair: list[str]):
    record = extractor.extract(Document(text=normalise(text), name="t.txt"))
    return [g for rel in record.relations if rel.pair == pair for g in rel.agreements]


def _statuses(text: str) -> list[str]:
    return [status_of(text, (0, len(text)), m)[0] for m in find_mentions(text, 0, len(text))]


def test_headline_and_descriptions_fold_into_the_body_instrument(extractor):
    text = (
        "Portugal and Morocco seal fisheries deal\n\n"
        "LISBON, March 3 — Portugal and Morocco on Monday signed a fisheries protocol that opens Moroccan "
        "waters to Portuguese trawlers. The protocol, signed in Lisbon by the two fisheries ministers, runs for "
        "four years.\n\n"
        "Officials in Rabat called it the most significant fisheries agreement between Portugal and Morocco "
        "in a generation. Critics in Morocco questioned the government's decision to enter into the fisheries "
        "agreement.\n"
    )
    rows = _agreements(extractor, text, ["MAR", "PRT"])
    assert len(rows) == 1, rows
    assert rows[0].status == "signed"
    assert rows[0].title == "fisheries protocol"


def test_present_tense_headline_is_the_signing_the_body_reports(extractor):
    text = (
        "Chile strikes copper deal with Peru\n\n"
        "SANTIAGO, May 9 — Chile has agreed to buy more Peruvian copper ore for its smelters. The deal was "
        "sealed on Thursday after a week of talks between the mining ministers of Chile and Peru.\n"
    )
    rows = _agreements(extractor, text, ["CHL", "PER"])
    assert [g.status for g in rows] == ["signed"]


def test_a_described_instrument_of_its_own_is_not_folded(extractor):
    text = (
        "Peru and Bolivia sign gas deal\n\n"
        "LIMA, July 2 — Peru and Bolivia signed a gas supply agreement on Tuesday. The two countries also "
        "signed a road-building agreement, and the ministers said the partial-scope agreement of 2010 would "
        "be reviewed.\n"
    )
    titles = sorted(g.title or "" for g in _agreements(extractor, text, ["BOL", "PER"]))
    assert "gas supply agreement" in titles and "road-building agreement" in titles


def test_other_agreements_are_not_the_headline_deal(extractor):
    text = (
        "Ghana and India sign cocoa deal\n\n"
        "ACCRA, June 1 — Ghana will sell cocoa to India under a trade deal between the two countries. "
        "Ghana and India also signed a number of other agreements covering fisheries and education.\n"
    )
    rows = _agreements(extractor, text, ["GHA", "IND"])
    assert len(rows) == 2, rows


def test_attempts_are_planned_never_signed():
    assert _statuses("Norland is also trying to strike a deal with Sudria on fishing rights.") == ["planned"]
    assert _statuses("The ministry hopes to seal an accord on river water within a year.") == ["planned"]
    assert _statuses("Both capitals are seeking to finalise negotiations on a trade pact.") == ["negotiating"]
    # an attempt about something else before the signing does not govern it
    assert _statuses("Keen to boost exports, the ministers signed a trade pact on Friday.") == ["signed"]


def test_a_similar_deal_is_another_instrument():
    assert find_mentions(*_whole("Kenya is also trying to strike a similar deal with Uganda.")) == []
    assert find_mentions(*_whole("There he is expected to sign a similar debt relief pact.")) == []
    # "similar to one between ...": the pair's own instrument
    text = "India secured a similar deal to one signed between Iran and China."
    assert [m.label for m in find_mentions(*_whole(text))] == ["deal"]


def test_a_vague_series_without_a_signing_is_not_an_instrument():
    assert find_mentions(*_whole("Tehran has been pursuing a series of deals with gas buyers.")) == []
    text = "The two countries also signed a number of other agreements on mining."
    (m,) = find_mentions(*_whole(text))
    assert m.other


def test_a_regional_instrument_is_not_the_pairs():
    text = "Trade should grow further when the South Asian Free Trade Area Agreement takes effect."
    assert find_mentions(*_whole(text)) == []


def test_a_deal_with_a_country_is_an_instrument_but_to_deal_with_is_a_verb():
    (m,) = find_mentions(*_whole("The chancellor has signed a debt relief deal with Tanzania."))
    assert m.label == "deal"
    for text in (
        "Ministers must deal with rising prices.",
        "They will deal with the backlog.",
        "The agency helps to deal with floods.",
    ):
        assert find_mentions(*_whole(text)) == [], text


def _whole(text: str) -> tuple[str, int, int]:
    return text, 0, len(text)


def test_a_plain_adjective_keeps_the_description_but_a_superlative_does_not():
    (m,) = find_mentions(*_whole("The ministers signed an important agreement on fisheries."))
    assert m.title == "agreement on fisheries" and not m.evaluative
    (m,) = find_mentions(*_whole("Officials signed what they called the biggest trade deal in a decade."))
    assert m.title is None and m.evaluative


def test_headline_memorandum_folds_into_the_body_memorandum(extractor):
    text = (
        "Vietnam and Chile sign MoU on farming\n\n"
        "HANOI, April 12 — Vietnam and Chile on Friday signed a memorandum of understanding on agricultural "
        "cooperation during talks between their farm ministers in Hanoi.\n"
    )
    rows = _agreements(extractor, text, ["CHL", "VNM"])
    assert len(rows) == 1, rows
    assert rows[0].kind == "mou" and rows[0].status == "signed"


def test_in_exchange_for_is_no_exchange_of_instruments():
    text = "Norland will buy Sudrian fuel in exchange for grain under the deal."
    assert _statuses(text) == ["referenced"]
    assert _statuses("The ministers formalised a fisheries deal in Oslo.") == ["signed"]


def test_the_deal_signed_after_the_only_instrument_named_is_that_instrument(extractor):
    text = (
        "QUITO, May 5 — Ecuador and Peru have extended a river-transport deal, which lets barges cross the "
        "border, after talks between the two presidents on bilateral relations. The presidents of Ecuador and "
        "Peru signed the deal in Quito on Tuesday.\n"
    )
    rows = _agreements(extractor, text, ["ECU", "PER"])
    assert len(rows) == 1, rows
    assert rows[0].status == "signed" and rows[0].title == "river-transport deal"


def test_also_marks_a_further_described_instrument(extractor):
    text = (
        "QUITO, May 5 — Ecuador and Peru signed a deal on Tuesday to share river ports, after talks between the "
        "two presidents on bilateral relations. Ecuador and Peru also formalised a co-operation deal between "
        "their state oil firms.\n"
    )
    rows = _agreements(extractor, text, ["ECU", "PER"])
    assert len(rows) == 2, rows


def test_a_definite_description_sharing_a_word_folds(extractor):
    text = (
        "HANOI, May 5 — Vietnam and Chile on Tuesday signed an agreement on visa exemption during talks "
        "between the foreign ministers of Vietnam and Chile in Hanoi.\n\n"
        "The visa waiver agreement between Vietnam and Chile will take effect in July.\n"
    )
    rows = _agreements(extractor, text, ["CHL", "VNM"])
    assert len(rows) == 1, rows


def test_a_vague_series_signed_later_in_its_clause_is_an_instrument():
    text = "During the visit a series of agreements covering trade and investment will be inked."
    assert [m.label for m in find_mentions(*_whole(text))] == ["Agreement"]

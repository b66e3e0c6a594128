"""Economic figures: metric, period, stated conversions, attachment to pairs, and what is not a figure.

The articles here are written by us for these tests.
"""

from __future__ import annotations

import pytest

from entente.extract.figures import extract_figures, find_items
from entente.extract.pipeline import build_nlp
from entente.extract.state import State
from entente.read.document import Document
from entente.record import Published


@pytest.fixture(scope="module")
def nlp():
    return build_nlp((("paragraphs", "entente_paragraphs"), ("countries", "entente_countries")))


def run(nlp, text: str, pairs: list[tuple[str, str]], published: str | None = None) -> State:
    """Countries found by the pipeline; the pairs given (so these tests do not depend on pair choice)."""
    doc = nlp.make_doc(text)
    state = State(document=Document(text=text, name="test.txt"), text=text)
    if published:
        state.published = Published(date=published, precision="day", basis="metadata")
    doc._.entente = state
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    for a, b in pairs:
        state.relation(a, b)
    extract_figures(state, doc)
    for rel in state.relations.values():
        for f in rel.figures:
            for span in f.evidence:
                assert text[span.start : span.end] == span.text
    return state


def figures(state: State, pair: tuple[str, str]):
    return [(f.metric, f.value, f.unit) for f in state.relations[tuple(sorted(pair))].figures]


TRADE_ARTICLE = """HANOI, March 3 — Vietnam and Australia agreed on Sunday to deepen their partnership during a two-day visit by the Australian prime minister.

Two-way trade between Australia and Vietnam reached A$24.5 billion (US$16.2 billion) in 2023, up 12 per cent on the year before.

Australia is now Vietnam's seventh largest trading partner, and about 600 Australian companies operate in Vietnam.

The leaders also marked the 50th anniversary of diplomatic ties, 50 years after relations began in 1973, and spoke about 5G networks and the 11-member regional grouping.
"""


def test_trade_article(nlp):
    state = run(nlp, TRADE_ARTICLE, [("AUS", "VNM")])
    got = figures(state, ("AUS", "VNM"))
    assert sorted(got) == sorted(
        [
            ("trade_value", 24_500_000_000, "AUD"),
            ("other", 12.0, "percent"),  # a change, not a share
            ("trade_rank", 7, "count"),
            ("other", 600, "count"),
        ]
    )
    trade = state.relations[("AUS", "VNM")].figures[0]
    assert trade.period == "2023"
    assert [(a.value, a.unit) for a in trade.stated] == [(16_200_000_000, "USD")]
    assert trade.warnings == []  # A$24.5bn at about 1.51 per US$ is about US$16.2bn
    assert trade.evidence[0].text == "A$24.5 billion (US$16.2 billion)"
    assert trade.rule and trade.rule.startswith("figures:money:AUD")


def test_conversion_mismatch_is_flagged(nlp):
    text = (
        "Japan and Indonesia held talks in Jakarta.\n\n"
        "Japanese investment in Indonesia totalled ¥500 billion (US$35 billion) in 2022, officials said.\n"
    )
    state = run(nlp, text, [("IDN", "JPN")])
    (fig,) = state.relations[("IDN", "JPN")].figures
    assert (fig.metric, fig.value, fig.unit, fig.period) == ("investment", 500_000_000_000, "JPY", "2022")
    assert fig.warnings == ["conversion_mismatch"]  # ¥500bn was under US$4bn in 2022


def test_loans_aid_and_periods(nlp):
    text = (
        "Japan and the Philippines signed a loan agreement in Manila on Friday.\n\n"
        "Japan will extend a yen loan of ¥100 billion to the Philippines for the railway.\n\n"
        "As of June 2023, Japan had provided US$5 million in humanitarian aid to the Philippines.\n\n"
        "Since 2015, Japan has been the Philippines' largest source of foreign direct investment.\n\n"
        "Japanese exports to the Philippines rose to $12 billion last year.\n"
    )
    state = run(nlp, text, [("JPN", "PHL")], published="2024-03-01")
    by_unit = {(f.metric, f.unit): f for f in state.relations[("JPN", "PHL")].figures}
    assert by_unit[("loan", "JPY")].value == 100_000_000_000
    assert by_unit[("aid", "USD")].period == "2023-06"
    rank = by_unit[("other", "count")]
    assert (rank.value, rank.period) == (1, "2015/..")
    assert by_unit[("trade_value", "USD")].period == "2023"


def test_figures_go_to_the_pair_named_in_their_sentence(nlp):
    text = (
        "Malaysia held talks with South Korea and with Japan this week.\n\n"
        "Trade between Malaysia and South Korea reached US$20 billion in 2023.\n\n"
        "Japanese companies have invested RM90 billion in Malaysia, the ministry said.\n"
    )
    state = run(nlp, text, [("KOR", "MYS"), ("JPN", "MYS")])
    assert figures(state, ("KOR", "MYS")) == [("trade_value", 20_000_000_000, "USD")]
    assert figures(state, ("JPN", "MYS")) == [("investment", 90_000_000_000, "MYR")]


def test_third_country_figures_are_not_the_pairs(nlp):
    text = (
        "Malaysia and Japan agreed to expand cooperation.\n\n"
        "China remained Malaysia's largest trading partner, with trade of RM450 billion last year.\n\n"
        "Trade with Japan was worth RM180 billion.\n"
    )
    state = run(nlp, text, [("JPN", "MYS")])
    assert figures(state, ("JPN", "MYS")) == [("trade_value", 180_000_000_000, "MYR")]


def test_no_relation_no_figures(nlp):
    text = "Shares rose 2.5 per cent and the index gained RM3 billion in value as trade picked up.\n"
    state = run(nlp, text, [])
    assert state.relations == {}


def test_repeated_figure_is_one_figure_with_more_evidence(nlp):
    text = (
        "INDIA, UAE TRADE HITS $85 BILLION\n\n"
        "India and the UAE said bilateral trade hit $85 billion in the last fiscal year.\n"
    )
    state = run(nlp, text, [("ARE", "IND")])
    (fig,) = state.relations[("ARE", "IND")].figures
    assert fig.metric == "trade_value"
    assert len([s for s in fig.evidence if s.text == "$85 BILLION" or s.text == "$85 billion"]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "The 50th Anniversary of ASEAN-Japan Friendship and Cooperation was marked in 2023.",
        "The two countries celebrated their 65th anniversary and 40 years of ties.",
        "The 11-member body held a two-day meeting on 5G on 25 November 2024.",
        "He is 71 years old and has served since 2019.",
        "One of the largest trading partners of the region took part.",
        "Article 6, Paragraph 2 of the Paris Agreement was cited by 3 ministers.",
        "Turnout was 70 per cent in the election.",
        "We are 100 per cent committed to trade.",
    ],
)
def test_not_figures(text):
    kept = [i for i in find_items(text) if i.kind != "percent"]
    assert kept == []


def test_percentages_need_an_economic_cue(nlp):
    text = (
        "Malaysia and Japan met in Tokyo.\n\n"
        "Turnout in Malaysia was 70 per cent, while Japan's share of Malaysia's trade was 6 per cent.\n"
    )
    state = run(nlp, text, [("JPN", "MYS")])
    assert figures(state, ("JPN", "MYS")) == [("trade_share", 6.0, "percent")]


def test_seed_002_figures(shared, extractor):
    from entente.read import read_paths

    (doc,) = [d for d in read_paths([str(shared / "seeds")]) if d.name.startswith("002_")]
    record = extractor.extract(doc)
    got = {(f.metric, f.value, f.unit) for rel in record.relations for f in rel.figures}
    assert {("trade_value", 181_510_000_000, "MYR"), ("trade_share", 6.4, "percent"),
            ("project_count", 2778, "count"), ("investment", 91_890_000_000, "MYR")} <= got
    stated = [f for rel in record.relations for f in rel.figures if f.stated]
    assert all("conversion_mismatch" in f.warnings for f in stated) and stated


def test_prices_are_not_figures_and_conversions_chain():
    assert find_items("the price fell by $2 per 1,000 cubic metres to $58 a barrel") == []
    (item,) = find_items("Exports added up to 2,201bn yen ($21.4bn; £11.5bn) last year.")
    assert (item.value, item.unit) == (2_201_000_000_000, "JPY")
    assert [(s.value, s.unit) for s in item.stated] == [(21_400_000_000, "USD"), (11_500_000_000, "GBP")]
    # A doubly encoded pound sign ("Â£") still reads as a stated conversion.
    (item,) = find_items("a $40bn (\u00c2£21bn) gas deal")
    assert [(s.value, s.unit) for s in item.stated] == [(21_000_000_000, "GBP")]


def test_counts_with_scale_words():
    from entente.extract.figures import find_counts

    assert [(i.value, i.metric) for i in find_counts("about 2.5 million Japanese tourists came")] == [(2_500_000, "other")]
    assert find_counts("for 40 years and 3 firms") == []


def test_currency_words_are_not_third_countries(nlp):
    text = (
        "Thailand and Cambodia held talks in Bangkok on Wednesday.\n\n"
        "Both prime ministers want two-way trade to reach US$15 billion by 2026, officials said.\n\n"
        "A further 2 billion Australian dollars of investment was mentioned, which came into force in 2020.\n"
    )
    state = run(nlp, text, [("KHM", "THA")])
    figs = state.relations[("KHM", "THA")].figures
    assert [(f.metric, f.value, f.unit, f.period) for f in figs] == [
        ("trade_value", 15_000_000_000, "USD", "2026"),
        ("investment", 2_000_000_000, "AUD", None),  # a date in a later clause is not its period
    ]


def test_a_bare_dollar_in_local_press_of_a_dollar_country(extractor):
    from entente.read.document import Document

    text = (
        "CANBERRA, Oct 16 (AAP) - Prime Minister Anthony Albanese will travel to China next month, as Australia "
        "and China continue to stabilise relations.\n\n"
        "China is Australia's largest trading partner, with two-way trade between Australia and China worth "
        "$287 billion last financial year."
    )
    record = extractor.extract(Document(text=text, name="t.txt"))
    units = {f.unit for rel in record.relations for f in rel.figures} - {"count"}  # "largest": a rank
    assert units == {"AUD"}
    wire = text.replace("(AAP)", "(Reuters)")
    record = extractor.extract(Document(text=wire, name="t.txt"))
    assert {f.unit for rel in record.relations for f in rel.figures} - {"count"} == {"USD"}

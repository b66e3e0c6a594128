"""Figure forms: stated conversions in their common shapes (and the US-dollar value they give), tariff rates
that are no trade shares, ranks only from ordinals or a definite superlative, and periods that are ranges.

The sentences are written by us for these tests.
"""

from __future__ import annotations

import pytest

from entente.extract.figure_periods import own_periods, period_year
from entente.extract.figures import extract_figures
from entente.extract.money import parse_money, usd_value
from rule_harness import make_state

PAIR = ("BRA", "KEN")


def figures_of(text: str, published: str = "2025-06-10"):
    state, doc = make_state(text, pair=PAIR, published=published)
    extract_figures(state, doc)
    out = state.relations[PAIR].figures
    for f in out:
        for span in f.evidence:
            assert text[span.start : span.end] == span.text
    return out


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "usd", "evidence"),
    [
        (
            "Brazil will lend Kenya 900 billion shillings (about $7 billion) for new railways.",
            900e9,
            "KES",
            7e9,
            "900 billion shillings (about $7 billion)",
        ),
        (
            "Kenyan exports to Brazil came to 40 billion pounds ($50.2 billion) by one count.",
            40e9,
            "GBP",
            50.2e9,
            "40 billion pounds ($50.2 billion)",
        ),
        (
            "Trade between Brazil and Kenya was RM5bn (US$1.1bn) last year.",
            5e9,
            "MYR",
            1.1e9,
            "RM5bn (US$1.1bn)",
        ),
        (
            "Brazilian investment in Kenya reached 3.4 U.S. billion dollars in 2023.",
            3.4e9,
            "USD",
            3.4e9,
            "3.4 U.S. billion dollars",
        ),
        (
            "Brazil pledged to build a Ksh80 billion dam for Kenya.",
            80e9,
            "KES",
            None,
            "Ksh80 billion",
        ),
    ],
)
def test_stated_conversions_and_their_usd_value(sentence, value, unit, usd, evidence):
    (fig,) = figures_of(sentence)
    assert (fig.value, fig.unit) == (value, unit)
    assert fig.usd == usd  # the stated conversion, not our exchange-rate table
    assert fig.evidence[0].text == evidence  # the span covers the conversion


def test_without_a_stated_conversion_the_usd_value_is_at_the_yearly_rate():
    assert usd_value(4.5e9, "MYR", [], 2023) == pytest.approx(1e9, rel=0.05)
    assert usd_value(4.5e9, "MYR", [(2e9, "USD")], 2023) == 2e9
    assert usd_value(1e9, "KES", [], 2023) is None  # no rate: no guess
    assert usd_value(2e9, "USD", [], None) == 2e9


def test_a_restated_conversion_is_the_same_figure():
    text = (
        "Brazil will lend Kenya 900 billion shillings (about $7 billion) for railways.\n\n"
        "The $7 billion loan from Brazil to Kenya is the largest in the region.\n"
    )
    (fig,) = figures_of(text)
    assert (fig.unit, fig.metric) == ("KES", "loan")
    assert [s.text for s in fig.evidence if "$7 billion" in s.text and len(s.text) < 20] == ["$7 billion"]


def test_a_currency_named_around_its_scale_word():
    (m,) = parse_money("about 15.6 US billion dollars")
    assert (m.value, m.unit, m.text) == (15.6e9, "USD", "15.6 US billion dollars")
    assert [(x.value, x.unit) for x in parse_money("TSh 300 billion and USh 2 trillion")] == [
        (300e9, "TZS"),
        (2e12, "UGX"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade between Brazil and Kenya suffers as Kenya imposed a 25% tariff on Brazilian sugar exports.",
        "Kenya's trade with Brazil faces duties of 10 per cent on coffee.",
        "Brazil cut the import tax on Kenyan tea exports to 5 percent.",
    ],
)
def test_a_tariff_rate_is_never_a_trade_share(sentence):
    (fig,) = figures_of(sentence)
    assert (fig.metric, fig.unit) == ("other", "percent")


def test_a_share_of_trade_is_still_a_share():
    (fig,) = figures_of("Brazil accounts for 12% of Kenya's trade.")
    assert fig.metric == "trade_share"


@pytest.mark.parametrize(
    ("sentence", "ranks"),
    [
        ("Brazil is Kenya's fourth-largest trading partner.", [("trade_rank", 4)]),
        ("Brazil is the second biggest investor in Kenya.", [("other", 2)]),
        ("Brazil is Kenya's top trading partner.", [("trade_rank", 1)]),
        ("Brazil is a top trading partner of Kenya and a major investor.", []),
        ("Brazil remains another leading investor and a top trade partner for Kenya.", []),
        ("Brazil is one of Kenya's largest trading partners.", []),
    ],
)
def test_a_rank_comes_from_an_ordinal_never_from_a_top_partner(sentence, ranks):
    got = [(f.metric, f.value) for f in figures_of(sentence) if f.unit == "count"]
    assert got == ranks


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        (
            "Brazilian investment in Kenya totalled US$3 billion between April 2000 and March 2025.",
            "2000-04/2025-03",
        ),
        ("Trade between Brazil and Kenya grew to US$4 billion from 2019 to 2023.", "2019/2023"),
        ("Kenyan exports to Brazil were US$2 billion in the first half of 2024.", "2024-01/2024-06"),
        ("Kenyan exports to Brazil were US$2 billion in January–June.", "2025-01/2025-06"),
        ("Kenyan exports to Brazil were US$2 billion in the first nine months of 2024.", "2024-01/2024-09"),
        ("Kenyan exports to Brazil were US$2 billion in Q3 2024.", "2024-07/2024-09"),
        ("Kenyan exports to Brazil were US$2 billion in the April-June quarter of 2024.", "2024-04/2024-06"),
        ("Trade between Brazil and Kenya was US$4 billion in 2023.", "2023"),
        ("Brazilian investment in Kenya has reached US$3 billion since 2015.", "2015/.."),
    ],
)
def test_periods_and_period_ranges(sentence, period):
    (fig,) = figures_of(sentence)
    assert fig.period == period


def test_a_range_without_a_year_takes_the_reports():
    def values(text: str, published: tuple[int, int]) -> list[str]:
        return [p.value for p in own_periods(text, 0, len(text), published)]

    assert values("from November to February", (2025, 6)) == ["2024-11/2025-02"]
    assert values("in July-September", (2025, 6)) == ["2024-07/2024-09"]  # months still to come: last year's
    assert values("from Dec. 2023 to Feb. 2024", (2025, 6)) == ["2023-12/2024-02"]
    assert values("between 2023 and 2019", (2025, 6)) == ["2023", "2019"]  # backwards: no range
    assert values("in the year to March 2024", (2025, 6)) == ["2023-04/2024-03"]
    assert values("the six months ended June 2025", (2025, 8)) == ["2025-01/2025-06"]
    assert values("in the 12 months to June", (2025, 8)) == ["2024-07/2025-06"]
    assert (
        period_year("2000-04/2025-03") == 2025
        and period_year("2015/..") == 2015
        and period_year(None) is None
    )


def test_a_conversion_set_off_by_commas_leaves_the_clause_open():
    (fig,) = figures_of(
        "Brazilian firms invested 5.3 trillion rupiah, or roughly US$340 million, in Kenya in 2022."
    )
    assert (fig.metric, fig.unit, fig.period, fig.usd) == ("investment", "IDR", "2022", 340e6)
    assert fig.evidence[0].text == "5.3 trillion rupiah, or roughly US$340 million"


def test_an_appositive_says_what_the_amount_is():
    (fig,) = figures_of(
        "The leaders toured the $12 billion Lake Basin port, the largest foreign direct investment in Kenya."
    )
    assert (fig.metric, fig.value) == ("investment", 12e9)
    (fig,) = figures_of("The leaders toured the $12 billion Lake Basin port, and investors were upbeat.")
    assert fig.metric == "other"  # a later clause is not the amount's


def test_with_several_pairs_the_paragraph_before_tells_which():
    text = (
        "NAIROBI, May 2 - Kenyan President Amani Otieno hosted Brazil's president on Friday.\n\n"
        "The two presidents toured the $12 billion port project on Kenya's coast.\n\n"
        "Otieno later spoke with Ghana's president about Kenya's tea exports to Ghana, worth $300 million.\n"
    )
    state, doc = make_state(text, published="2025-05-02")
    state.relation("BRA", "KEN")
    state.relation("GHA", "KEN")
    extract_figures(state, doc)
    assert [f.value for f in state.relations[("BRA", "KEN")].figures] == [12e9]
    assert [f.value for f in state.relations[("GHA", "KEN")].figures] == [300e6]


def test_a_headline_amount_restated_with_its_conversion_is_one_figure():
    text = (
        "Brazil offers Kenya $7 billion\n\n"
        "Brazil will lend Kenya 900 billion shillings (about $7 billion) for new railways, officials said.\n"
    )
    (fig,) = figures_of(text)
    assert (fig.metric, fig.value, fig.unit, fig.usd) == ("loan", 900e9, "KES", 7e9)
    assert [(a.value, a.unit) for a in fig.stated] == [(7e9, "USD")]
    assert fig.evidence[0].text == "900 billion shillings (about $7 billion)"
    assert "$7 billion" in [s.text for s in fig.evidence]

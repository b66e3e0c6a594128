"""The money parser: one table of written forms and what they are worth."""

from __future__ import annotations

import pytest

from entente.extract.money import (
    Money,
    conversion_mismatch,
    conversion_ratio,
    parse_money,
    parse_number,
    parse_percentages,
    usd_rate,
)

# (text, expected [(value, unit, matched text)])
FORMS: list[tuple[str, list[tuple[float, str, str]]]] = [
    ("RM181.51 billion", [(181_510_000_000, "MYR", "RM181.51 billion")]),
    ("US$27.43 billion", [(27_430_000_000, "USD", "US$27.43 billion")]),
    ("¥1.2 trillion", [(1_200_000_000_000, "JPY", "¥1.2 trillion")]),
    ("₩21 trillion", [(21_000_000_000_000, "KRW", "₩21 trillion")]),
    ("€3bn", [(3_000_000_000, "EUR", "€3bn")]),
    ("€3 bn", [(3_000_000_000, "EUR", "€3 bn")]),
    ("Rs 5,000 crore", [(50_000_000_000, "INR", "Rs 5,000 crore")]),
    ("318 billion shillings", [(318_000_000_000, "KES", "318 billion shillings")]),
    ("117 billion zlotys", [(117_000_000_000, "PLN", "117 billion zlotys")]),
    ("2 billion Egyptian pounds", [(2_000_000_000, "EGP", "2 billion Egyptian pounds")]),
    ("OMR 13.5 billion", [(13_500_000_000, "OMR", "OMR 13.5 billion")]),
    ("KZT 500 billion", [(500_000_000_000, "KZT", "KZT 500 billion")]),
    ("Rs. 250 crore", [(2_500_000_000, "INR", "Rs. 250 crore")]),
    ("Rs 1 lakh crore", [(1_000_000_000_000, "INR", "Rs 1 lakh crore")]),
    ("Rs 10 lakh", [(1_000_000, "INR", "Rs 10 lakh")]),
    ("₹4,500 crore", [(45_000_000_000, "INR", "₹4,500 crore")]),
    ("5,000 crore rupees", [(50_000_000_000, "INR", "5,000 crore rupees")]),
    ("A$2.5 billion", [(2_500_000_000, "AUD", "A$2.5 billion")]),
    ("S$500 million", [(500_000_000, "SGD", "S$500 million")]),
    ("SGD 2 billion", [(2_000_000_000, "SGD", "SGD 2 billion")]),
    ("USD 2 million", [(2_000_000, "USD", "USD 2 million")]),
    ("USD2m", [(2_000_000, "USD", "USD2m")]),
    ("$5m", [(5_000_000, "USD", "$5m")]),
    ("$500k", [(500_000, "USD", "$500k")]),
    ("$1.2tn", [(1_200_000_000_000, "USD", "$1.2tn")]),
    ("$2.5-billion deal", [(2_500_000_000, "USD", "$2.5-billion")]),
    ("US $3 billion", [(3_000_000_000, "USD", "US $3 billion")]),
    ("US$2 billion dollars", [(2_000_000_000, "USD", "US$2 billion dollars")]),
    ("RM2.5bil", [(2_500_000_000, "MYR", "RM2.5bil")]),
    ("RM300mil", [(300_000_000, "MYR", "RM300mil")]),
    ("RM1.2 mln", [(1_200_000, "MYR", "RM1.2 mln")]),
    ("£500,000", [(500_000, "GBP", "£500,000")]),
    ("£4.7bn", [(4_700_000_000, "GBP", "£4.7bn")]),
    ("HK$3bn", [(3_000_000_000, "HKD", "HK$3bn")]),
    ("NT$1.2 billion", [(1_200_000_000, "TWD", "NT$1.2 billion")]),
    ("NZ$40 million", [(40_000_000, "NZD", "NZ$40 million")]),
    ("C$750 million", [(750_000_000, "CAD", "C$750 million")]),
    ("R$12 billion", [(12_000_000_000, "BRL", "R$12 billion")]),
    ("R5 billion", [(5_000_000_000, "ZAR", "R5 billion")]),
    ("Rp 10 trillion", [(10_000_000_000_000, "IDR", "Rp 10 trillion")]),
    ("VND 10 trillion", [(10_000_000_000_000, "VND", "VND 10 trillion")]),
    ("EUR 3 billion", [(3_000_000_000, "EUR", "EUR 3 billion")]),
    ("CHF 3 million", [(3_000_000, "CHF", "CHF 3 million")]),
    ("1.2 trillion yen", [(1_200_000_000_000, "JPY", "1.2 trillion yen")]),
    ("21 trillion won", [(21_000_000_000_000, "KRW", "21 trillion won")]),
    ("3 billion euros", [(3_000_000_000, "EUR", "3 billion euros")]),
    ("2 million US dollars", [(2_000_000, "USD", "2 million US dollars")]),
    ("4 billion Australian dollars", [(4_000_000_000, "AUD", "4 billion Australian dollars")]),
    ("800 million ringgit", [(800_000_000, "MYR", "800 million ringgit")]),
    ("50 billion baht", [(50_000_000_000, "THB", "50 billion baht")]),
    ("12 billion yuan", [(12_000_000_000, "CNY", "12 billion yuan")]),
    ("RMB 12 billion", [(12_000_000_000, "CNY", "RMB 12 billion")]),
    ("2 billion USD", [(2_000_000_000, "USD", "2 billion USD")]),
    ("₱20 billion", [(20_000_000_000, "PHP", "₱20 billion")]),
    ("P20 billion", [(20_000_000_000, "PHP", "P20 billion")]),
    ("Dh5 billion", [(5_000_000_000, "AED", "Dh5 billion")]),
    ("SAR 10 billion", [(10_000_000_000, "SAR", "SAR 10 billion")]),
    ("a $450 contract", [(450, "USD", "$450")]),
    ("RM2.3", [(2.3, "MYR", "RM2.3")]),
    (
        "RM181.51 billion (US$4.21 billion)",
        [(181_510_000_000, "MYR", "RM181.51 billion"), (4_210_000_000, "USD", "US$4.21 billion")],
    ),
    ("$2 billion to $3 billion", [(2_000_000_000, "USD", "$2 billion"), (3_000_000_000, "USD", "$3 billion")]),
]

# Not money at all.
NOT_MONEY = [
    "the 50th Anniversary of ASEAN-Japan Friendship",
    "celebrated 40 years of ties in 2023",
    "the 11-member group met for two days",
    "5G networks and G20 partners",
    "P5 countries",
    "R5 road",
    "Article 6, Paragraph 2",
    "2 billion people",
    "a 65th anniversary on 25 November 2024",
    "ahead of COP28 in Dubai",
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[0] for f in FORMS])
def test_money_forms(text, expected):
    got = [(m.value, m.unit, m.text) for m in parse_money(text)]
    assert got == [(float(v), u, t) for v, u, t in expected]


def test_table_is_large_enough():
    assert len(FORMS) >= 40


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(text):
    assert parse_money(text) == []


def test_grouped_number_with_currency_name_is_money():
    # A bare currency name needs a scale or a grouped number ("2,000 pounds" is taken as money).
    assert [(m.value, m.unit) for m in parse_money("fined 2,000 pounds")] == [(2000.0, "GBP")]
    assert parse_money("won 3 games") == []


def test_offsets_point_into_text():
    text = "In 2022 trade reached RM181.51 billion, and ¥1.2 trillion was lent."
    for m in parse_money(text):
        assert text[m.start : m.end] == m.text


def test_range_keeps_upper_bound():
    (m,) = parse_money("$2-3 billion")
    assert (m.value, m.high, m.unit) == (2_000_000_000, 3_000_000_000, "USD")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("contributing 6.4 per cent of total trade", [6.4]),
        ("up 6.4%", [6.4]),
        ("3 percent and 5pc", [3.0, 5.0]),
        ("fell -2.1%", [-2.1]),
        ("rose 2 percentage points", []),
        ("a 12 pct stake", [12.0]),
    ],
)
def test_percentages(text, values):
    assert [p.value for p in parse_percentages(text)] == values


def test_parse_number():
    assert parse_number("2,778") == 2778
    assert parse_number("181.51") == 181.51
    assert parse_number("twelve") == 12
    assert parse_number("5G") is None


def test_rates_cover_required_currencies_from_2000():
    for code in "USD EUR GBP JPY CNY KRW MYR SGD IDR THB PHP VND INR AUD CAD CHF SAR AED BRL RUB ZAR TRY MXN NZD HKD TWD".split():
        for year in (2000, 2010, 2024):
            rate = usd_rate(code, year)
            assert rate is not None and rate > 0, (code, year)
    assert usd_rate("XXX", 2020) is None
    assert usd_rate("MYR", 1990) == usd_rate("MYR", 2000)  # clamped to the table


def test_conversion_mismatch():
    ringgit = Money(181_510_000_000, "MYR", 0, 1)
    # 181.51bn ringgit is about US$41bn in 2022: US$4.21bn is off by a factor of ten.
    assert conversion_mismatch(ringgit, Money(4_210_000_000, "USD", 0, 1), 2022)
    assert not conversion_mismatch(ringgit, Money(41_000_000_000, "USD", 0, 1), 2022)
    ratio = conversion_ratio((1_000_000_000, "EUR"), (1_080_000_000, "USD"), 2023)
    assert ratio is not None and abs(ratio - 1) < 0.05
    assert conversion_ratio((1, "EUR"), (1, "XXX"), 2023) is None
    # No year known: only a conversion wrong at every year's rate is a mismatch.
    dollars = Money(40_000_000_000, "USD", 0, 1)
    assert not conversion_mismatch(dollars, Money(21_000_000_000, "GBP", 0, 1), None)  # right in 2005
    assert conversion_mismatch(dollars, Money(2_000_000_000, "GBP", 0, 1), None)

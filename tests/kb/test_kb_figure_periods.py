"""A figure whose period is a range ("2000-04/2025-03", "2015/..") is merged under that period and dated by
its start; figures of different periods never conflict."""

from __future__ import annotations

from entente.kb.rules import F, merge_figures


def _fact(i: int, doc: str, value: float, period: str) -> F:
    data = {"metric": "investment", "value": value, "unit": "USD", "period": period}
    return F(i, doc, "2025-06-01", "figure", "investment", None, None, data)


def test_a_range_period_is_dated_by_its_start():
    merged = merge_figures([_fact(1, "a", 3e9, "2000-04/2025-03"), _fact(2, "b", 5e9, "2015/..")])
    assert sorted((m.data["period"], m.date, m.conflict) for m in merged) == [
        ("2000-04/2025-03", "2000-04", False),
        ("2015/..", "2015", False),
    ]


def test_two_documents_giving_one_range_different_values_conflict():
    merged = merge_figures([_fact(1, "a", 3e9, "2019/2023"), _fact(2, "b", 6e9, "2019/2023")])
    assert len(merged) == 2 and all(m.conflict for m in merged)
    assert {m.date for m in merged} == {"2019"}

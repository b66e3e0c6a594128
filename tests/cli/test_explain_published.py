"""`--explain` names the publication-date rule and the candidate years the constraints leave."""

from __future__ import annotations

from datetime import date

from test_cli import run

from entente.extract.published import infer, year_ranges
from entente.extract.temporal import find_expressions, tense_at

LEAD = "TOKYO, Mar 14 — Prime Minister Shigeru Ishiba hosted the visiting Malaysian prime minister on Friday."


def _infer(text: str, today: date):
    return infer(text, [(e, tense_at(text, e.start, e.end)) for e in find_expressions(text)], today=today)


def test_year_ranges_shortens_runs():
    assert year_ranges([2024, 2019, 2022, 2023]) == "2019, 2022-2024"
    assert year_ranges([]) == ""


def test_inference_keeps_the_years_the_constraints_leave():
    # Ishiba's term (October 2024 to October 2025) leaves 2024 and 2025; only 14 March 2025 is in it.
    inf = _infer(LEAD, today=date(2026, 6, 1))
    assert inf.published.date == "2025-03-14"
    assert inf.years == (2024, 2025)
    assert inf.explain() == f"{inf.rule}; candidate years 2024-2025"


def test_null_date_reports_its_candidate_years():
    text = "Prime Minister Shigeru Ishiba spoke by telephone with the Korean president."
    inf = _infer(text, today=date(2026, 6, 1))
    assert inf.published.date is None and inf.years == (2024, 2025)
    assert inf.explain() == "published:ambiguous; candidate years 2024-2025"


def test_stated_date_has_its_own_year():
    inf = _infer("Published: 12 April 2022\n\nThe ministers met.", today=date(2026, 6, 1))
    assert inf.years == (2022,) and "published:labelled" in inf.explain()


def test_cli_explain_prints_rule_and_candidate_years(tmp_path):
    (tmp_path / "a.txt").write_text(LEAD, encoding="utf-8")
    res = run("extract", str(tmp_path / "a.txt"), "--explain")
    assert res.returncode == 0
    line = next(x for x in res.stderr.splitlines() if x.strip().startswith("published "))
    assert "<- published:" in line and "candidate years" in line


def test_cli_explain_with_metadata_date(tmp_path):
    (tmp_path / "a.txt").write_text(LEAD, encoding="utf-8")
    res = run("extract", str(tmp_path / "a.txt"), "--published", "2025-03-14", "--explain")
    line = next(x for x in res.stderr.splitlines() if x.strip().startswith("published "))
    assert "<- metadata; candidate years 2025" in line

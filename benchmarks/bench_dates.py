"""Temporal-expression benchmark: our resolver against ``dateparser.search.search_dates``.

    python benchmarks/bench_dates.py [--repeat 20]

Both tools get the same texts in the same run:

* the date table of ``tests/extract/test_dates_table.py`` (each expression in a short
  sentence, with its base date): how many cases each gets right, and how many
  sentences per second each gets through;
* the seed articles (``../shared/seeds``, when present) or else the test table's
  sentences joined into one article: documents per second.

:func:`bench_dates` returns the numbers as a dict (``make bench`` calls it):
``dates_per_s`` and ``dateparser_per_s`` (table sentences per second),
``dates_ratio_vs_dateparser``, ``dates_table_right`` / ``dateparser_table_right``
(of ``table_cases``), and the per-document figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
import warnings
from datetime import date, datetime
from pathlib import Path

from entente.extract.temporal import find_dates, find_expressions, resolve_expression

ROOT = Path(__file__).resolve().parents[1]
TABLE_FILE = ROOT / "tests" / "extract" / "test_dates_table.py"
SEEDS = ROOT.parent / "shared" / "seeds"


def load_table() -> list[tuple]:
    """The date table of the test suite (expression, base, tense, start, end, precision)."""
    if not TABLE_FILE.exists():
        return []
    spec = importlib.util.spec_from_file_location("_dates_table", TABLE_FILE)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return list(module.TABLE)


def _sentence(expr: str, tense: str) -> str:
    return f"The ministers {'will meet' if tense == 'future' else 'met'} {expr}."


def _ours(sentence: str, base: date, tense: str):
    found = find_expressions(sentence)
    if not found:
        return None
    e = max(found, key=lambda x: x.end - x.start)
    return resolve_expression(e, base, tense)  # type: ignore[arg-type]


def _dateparser(sentence: str, base: date, tense: str):
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12, 0),
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
    }
    return search_dates(sentence, languages=["en"], settings=settings)


def _ours_right(case) -> bool:
    expr, base, tense, start, end, precision = case
    v = _ours(_sentence(expr, tense), base, tense)
    return v is not None and (v.start, v.end, v.precision) == (start, end, precision)


def _dateparser_right(case) -> bool:
    """Generous to dateparser: right when any date it returns, cut to the expected precision, is the start."""
    expr, base, tense, start, _end, _precision = case
    found = _dateparser(_sentence(expr, tense), base, tense) or []
    return any(dt.date().isoformat()[: len(start)] == start for _, dt in found)


def bench_dates(repeat: int = 20) -> dict:
    warnings.filterwarnings("ignore")
    table = load_table()
    sentences = [(_sentence(c[0], c[2]), c[1], c[2]) for c in table]
    out: dict = {"table_cases": len(table)}
    if table:
        out["dates_table_right"] = sum(_ours_right(c) for c in table)
        out["dateparser_table_right"] = sum(_dateparser_right(c) for c in table)
        t = time.perf_counter()
        for _ in range(repeat):
            for s, base, tense in sentences:
                _ours(s, base, tense)
        ours_s = (time.perf_counter() - t) / repeat
        t = time.perf_counter()
        for s, base, tense in sentences:
            _dateparser(s, base, tense)
        dp_s = time.perf_counter() - t
        out["dates_per_s"] = round(len(sentences) / ours_s, 1)
        out["dateparser_per_s"] = round(len(sentences) / dp_s, 1)
        out["dates_ratio_vs_dateparser"] = round(dp_s / ours_s, 1)
    # whole documents: every expression found and resolved (ours, with clause tense) vs search_dates
    docs = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    if not docs:
        docs = [" ".join(s for s, _, _ in sentences)]
    base = date(2024, 1, 1)
    t = time.perf_counter()
    found_ours = 0
    for _ in range(repeat):
        found_ours = 0
        for text in docs:
            found_ours += len(find_dates(text, base))
    doc_ours = (time.perf_counter() - t) / repeat
    t = time.perf_counter()
    found_dp = 0
    for text in docs:
        found_dp += len(_dateparser(text, base, "past") or [])
    doc_dp = time.perf_counter() - t
    out.update(
        docs=len(docs),
        doc_chars=sum(len(d) for d in docs),
        dates_docs_per_s=round(len(docs) / doc_ours, 1),
        dateparser_docs_per_s=round(len(docs) / doc_dp, 2),
        dates_found_in_docs=found_ours,
        dateparser_found_in_docs=found_dp,
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    r = bench_dates(args.repeat)
    if args.json:
        print(json.dumps(r))
        return
    if r.get("table_cases"):
        print(
            f"dates: {r['dates_per_s']:.0f} sentences/s vs dateparser.search_dates {r['dateparser_per_s']:.0f}/s "
            f"(x{r['dates_ratio_vs_dateparser']}); date table right: ours {r['dates_table_right']}/"
            f"{r['table_cases']}, dateparser {r['dateparser_table_right']}/{r['table_cases']}"
        )
    print(
        f"dates: {r['docs']} documents ({r['doc_chars']} chars): {r['dates_docs_per_s']:.0f} docs/s "
        f"({r['dates_found_in_docs']} expressions) vs dateparser {r['dateparser_docs_per_s']} docs/s "
        f"({r['dateparser_found_in_docs']} dates)"
    )


if __name__ == "__main__":
    main()

"""Query latency of the knowledge base: p50/p95 of `show`, `timeline`, `compare` and `search`.

    python benchmarks/bench_queries.py --db build/bench100k.db [--n 200] [--json]

:func:`bench_queries` returns the figures as a dict (``entente bench`` calls it). Each
call runs in a fresh session (as a CLI run or a web request does), through the public
API in :mod:`entente.kb.queries`, with its default options; the first call of each
kind (which may refresh a dirty merged view) is a warm-up and is not timed. As the web server
does after start-up, the heap alive before the timed calls is frozen (``gc.freeze``), so full
garbage collections do not walk spaCy's and the country tables' millions of objects in the middle
of a query (~100 ms each).

Inputs are read from the KB itself: `show` cycles over the pairs with the most
documents first (the slowest profiles), `timeline` and `compare` over their
countries (`compare` against up to five partners of the country), and `search` over
analyst-style phrases.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from itertools import cycle

from entente.kb import open_kb, queries
from entente.web.app import freeze_startup_heap

SEARCH_PHRASES = [
    "semiconductor supply chain", "free trade agreement", "maritime security", "renewable energy",
    "official visit", "memoranda of understanding", "digital economy", "halal products", "strategic partnership",
    "bilateral trade", "cybersecurity cooperation", "regional summit", "higher education", "vaccines",
    "defence industry", "climate change", "railways ports", "largest trading partner", "data centres",
    "prime minister counterpart",
]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


def _time(kb, calls: list[Callable]) -> list[float]:
    out = []
    for call in calls:
        with kb.session() as s:
            t = time.perf_counter()
            call(s)
            out.append((time.perf_counter() - t) * 1000)
    return out


def bench_queries(db_url: str, n: int = 200) -> dict:
    """p50/p95 latency (ms) of show, timeline, compare and search over ``n`` calls each, on the KB at ``db_url``."""
    kb = open_kb(db_url)
    try:
        with kb.session() as s:
            pairs = queries.pairs(s)  # also refreshes a dirty merged view before any timing
            stats = queries.stats(s)
        if not pairs:
            raise ValueError(f"the knowledge base at {db_url} has no pairs to query")
        partners: dict[str, list[str]] = {}
        for p in pairs:
            a, b = p.pair
            partners.setdefault(a, []).append(b)
            partners.setdefault(b, []).append(a)
        freeze_startup_heap()  # as the server does after start-up: a long-lived process, not a one-shot CLI run
        busiest = cycle([p.pair for p in pairs])
        shows = [next(busiest) for _ in range(n)]
        countries = cycle(dict.fromkeys(c for pair in shows for c in pair))
        phrases = cycle(SEARCH_PHRASES)
        plan: dict[str, list[Callable]] = {
            "show": [lambda s, a=a, b=b: queries.profile(s, a, b) for a, b in shows],
            "timeline": [lambda s, c=c: queries.timeline(s, c) for c in (next(countries) for _ in range(n))],
            "compare": [lambda s, c=c: queries.compare(s, c, partners[c][:5])
                        for c in (next(countries) for _ in range(n))],
            "search": [lambda s, q=q: queries.search(s, q) for q in (next(phrases) for _ in range(n))],
        }
        out: dict = {"db": db_url, "documents": stats.get("documents", 0), "pairs": len(pairs), "n": n}
        for name, calls in plan.items():
            _time(kb, calls[:1])  # warm-up
            ms = _time(kb, calls)
            out[f"{name}_p50_ms"] = round(statistics.median(ms), 1)
            out[f"{name}_p95_ms"] = round(_percentile(ms, 95), 1)
            out[f"{name}_max_ms"] = round(max(ms), 1)
        return out
    finally:
        kb.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="KB path or SQLAlchemy URL")
    parser.add_argument("--n", type=int, default=200, help="calls per query kind")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = bench_queries(args.db, args.n)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['documents']:,} documents, {result['pairs']} pairs, {result['n']} calls each")
    print(f"{'query':<10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name in ("show", "timeline", "compare", "search"):
        print(f"{name:<10}{result[f'{name}_p50_ms']:>10}{result[f'{name}_p95_ms']:>10}{result[f'{name}_max_ms']:>10}")


if __name__ == "__main__":
    main()

"""Knowledge-base benchmark: ingest speed (documents/s) on the seeds × N distinct copies, and `show` latency.

    python benchmarks/bench_kb.py [--copies 200] [--pg postgresql+psycopg://...]

:func:`bench_kb` returns the numbers as a dict (``make bench`` calls it). Each copy
of a seed gets a distinct trailing line, so every copy is a new document (a new
sha256) that goes through extraction and storage; PostgreSQL is measured when a
server URL is given (or ``ENTENTE_TEST_PG_URL`` is set), in a throwaway database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from entente.kb import open_kb, queries
from entente.kb.testing import fresh_database
from entente.read import Document, read_paths

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def copies_of(seeds: list[Document], copies: int) -> list[Document]:
    out = []
    for i in range(copies):
        for d in seeds:
            out.append(Document(text=f"{d.text}\n\n(copy {i})\n", name=f"{i:04d}_{d.name}", source=d.source,
                                title=d.title, url=d.url, outlet=d.outlet, published=d.published))
    return out


def _measure(url: str, docs: list[Document], show_runs: int) -> dict:
    kb = open_kb(url)
    try:
        with kb.session() as s:
            started = time.perf_counter()
            result = queries.ingest_documents(s, docs, batch_size=50)
            elapsed = time.perf_counter() - started
            stats = queries.stats(s)
            top = queries.pairs(s)
            show_ms = []
            if top:
                for _ in range(show_runs):
                    t = time.perf_counter()
                    queries.profile(s, *top[0].pair)
                    show_ms.append((time.perf_counter() - t) * 1000)
        return {
            "documents": result.added, "failures": len(result.failures), "seconds": round(elapsed, 2),
            "docs_per_s": round(result.added / elapsed, 1) if elapsed else None,
            "show_pair": "-".join(top[0].pair) if top else None,
            "show_ms_median": round(statistics.median(show_ms), 1) if show_ms else None,
            "rows": stats,
        }
    finally:
        kb.close()


def bench_kb(copies: int = 200, pg_url: str | None = None, seeds_dir: Path = SEEDS, show_runs: int = 5) -> dict:
    """Ingest docs/s and `show` latency on SQLite (and PostgreSQL when a server URL is known)."""
    from entente.extract.pipeline import default_extractor

    seeds = [d for d in read_paths([str(seeds_dir)]) if isinstance(d, Document)]
    if not seeds:
        raise FileNotFoundError(f"no seed documents under {seeds_dir}")
    docs = copies_of(seeds, copies)
    default_extractor()  # build the pipeline outside the timing
    out: dict = {"copies": copies, "seed_documents": len(seeds), "input_documents": len(docs)}
    with tempfile.TemporaryDirectory() as tmp:
        with fresh_database("sqlite", Path(tmp)) as url:
            out["sqlite"] = _measure(url, docs, show_runs)
        pg_url = pg_url or os.environ.get("ENTENTE_TEST_PG_URL")
        if pg_url:
            with fresh_database("postgresql", Path(tmp), server_url=pg_url) as url:
                out["postgresql"] = _measure(url, docs, show_runs)
        else:
            out["postgresql"] = "skipped: no PostgreSQL server URL (--pg or ENTENTE_TEST_PG_URL)"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--pg", default=None, help="PostgreSQL server URL (a throwaway database is created in it)")
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    args = parser.parse_args()
    print(json.dumps(bench_kb(args.copies, args.pg, args.seeds), indent=2))


if __name__ == "__main__":
    main()

"""The benchmark KB: N generated documents ingested with ``entente ingest --workers``, built once.

The KB (``build/bench100k.db`` for 100,000 documents) is reused while its
``.json`` side file says it was built from the same corpus (N, seed) by the same
``PIPELINE_VERSION``; otherwise it is rebuilt.  The build runs the real CLI in a
child process and samples the resident memory of its whole process tree (the
writer and its workers), so the peak RSS reported is that of an actual ingest: the
sum of the processes' RSS (pages the forked workers share with the writer counted
in each), the largest process, and the tree's PSS (shared pages counted once).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import PIPELINE_VERSION
from .generate import write_corpus

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


@dataclass
class BuildInfo:
    db: str
    documents: int
    seed: int
    workers: int
    pipeline_version: str
    seconds: float
    docs_per_s: float
    peak_rss_mb_tree: float  # the writer and its workers together, at the sampled peak
    peak_rss_mb_process: float  # the largest single process
    exit_code: int
    # the tree's proportional set size at its sampled peak: pages shared by the forked workers and the writer
    # counted once (RSS sums count them in every process); None when /proc has no smaps_rollup (or an old build)
    peak_pss_mb_tree: float | None = None


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE_KB / 1024
    except (OSError, IndexError, ValueError):
        return 0.0


def _pss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except (OSError, IndexError, ValueError):
        pass
    return None


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.append(p)
        todo.extend(_children(p))
    return seen


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """(sum, max) resident MB over ``pid`` and all its descendants (Linux /proc; zeros elsewhere)."""
    values = [_rss_mb(p) for p in _tree(pid)]
    return sum(values), max(values, default=0.0)


def tree_pss_mb(pid: int) -> float | None:
    """Proportional set size of ``pid`` and its descendants in MB (shared pages split between sharers)."""
    values = [_pss_mb(p) for p in _tree(pid)]
    return None if not values or any(v is None for v in values) else sum(v for v in values if v is not None)


def run_sampled(cmd: list[str], log: Path, interval: float = 0.25) -> tuple[int, float, float, float, float | None]:
    """Run ``cmd`` (output to ``log``); return (exit code, seconds, peak tree RSS MB, peak process RSS MB,
    peak tree PSS MB or None)."""
    started = time.perf_counter()
    peak_sum = peak_max = 0.0
    peak_pss: float | None = None
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            s, m = tree_rss_mb(proc.pid)
            peak_sum, peak_max = max(peak_sum, s), max(peak_max, m)
            pss = tree_pss_mb(proc.pid)
            if pss is not None:
                peak_pss = max(peak_pss or 0.0, pss)
            time.sleep(interval)
    return proc.returncode, time.perf_counter() - started, peak_sum, peak_max, peak_pss


def meta_path(db: Path) -> Path:
    return db.with_suffix(".json")


def cached(db: Path, documents: int, seed: int) -> BuildInfo | None:
    meta = meta_path(db)
    if not (db.exists() and meta.exists()):
        return None
    try:
        info = BuildInfo(**json.loads(meta.read_text()))
    except (ValueError, TypeError):
        return None
    ok = (info.documents, info.seed, info.pipeline_version, info.exit_code) == (documents, seed, PIPELINE_VERSION, 0)
    return info if ok else None


def build_kb(db: Path, documents: int, seed: int = 7, workers: int = 2, force: bool = False,
             log=print) -> BuildInfo:
    """The benchmark KB at ``db`` (reused when up to date), building it with ``workers`` processes."""
    if not force and (info := cached(db, documents, seed)) is not None:
        log(f"reusing {db} ({documents} documents, pipeline {PIPELINE_VERSION})")
        return info
    corpus = db.with_name(f"{db.stem}-corpus.jsonl")
    log(f"generating {documents} documents into {corpus}")
    write_corpus(corpus, documents, seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    meta_path(db).unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "entente.cli", "ingest", str(corpus), "--db", str(db), "--workers", str(workers),
           "--batch-size", "200"]
    log(f"building {db}: {' '.join(cmd[2:])} (log: {db.with_suffix('.log')})")
    code, seconds, peak_sum, peak_max, peak_pss = run_sampled(cmd, db.with_suffix(".log"))
    info = BuildInfo(str(db), documents, seed, workers, PIPELINE_VERSION, round(seconds, 1),
                     round(documents / seconds, 1), round(peak_sum, 1), round(peak_max, 1), code,
                     round(peak_pss, 1) if peak_pss is not None else None)
    if code in (0, 1):  # 1: some inputs failed (reported in the log), the KB is built
        info.exit_code = 0
        meta_path(db).write_text(json.dumps(asdict(info), indent=2))
    return info


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Build the benchmark KB.")
    parser.add_argument("--db", type=Path, default=Path("build/bench100k.db"))
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    print(json.dumps(asdict(build_kb(args.db, args.documents, args.seed, args.workers, args.force)), indent=2))


if __name__ == "__main__":
    main()

"""Cold start of the query commands: ``entente pairs --db <a small KB>`` in a new process, against
``python -c pass`` timed in the same run (the interpreter's own start-up); ``make bench`` also times
``entente show A B`` and ``entente timeline A`` on a pair of that KB, each with its same-run ratio.

On an SQLite KB a query command reads through the standard library's :mod:`sqlite3`
(:func:`entente.cli.kbaccess.read`): its process loads the CLI (Typer, Rich), pydantic with the result
models and the KB's read modules, never SQLAlchemy, Alembic, spaCy or the extraction pipeline
(``tests/cli/test_cold_start.py``); the target is 0.40 s of wall time on the demo-sized KB
(figures in ``docs/bench.md``).
One untimed run first, with bytecode writing allowed, so that the timed runs start as an installed
entente does (its modules compiled once)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ..read import Document

COLD_DOCS = 15  # documents of the small KB (the demo KB has 13)
TARGET_SECONDS = 0.40


def _command(db: Path, args: tuple[str, ...] = ("pairs",)) -> list[str]:
    script = Path(sys.executable).with_name("entente")
    if script.exists():
        return [str(script), *args, "--db", str(db)]
    return [sys.executable, "-c", "from entente.cli import main; main()", *args, "--db", str(db)]


def _timed_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def small_kb(path: Path, docs: list[Document]) -> Path:
    """A new KB at ``path`` holding ``docs`` (ingested in this process, whose pipeline is loaded already)."""
    from ..kb import open_kb, queries

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    kb = open_kb(str(path))
    try:
        with kb.session() as session:
            queries.ingest_documents(session, docs)
    finally:
        kb.close()
    return path


def measure(db: Path, runs: int = 5, more: dict[str, tuple[str, ...]] | None = None) -> dict:
    """Median wall and CPU seconds of ``entente pairs --db db`` and of ``python -c pass``, interleaved.

    ``more``: further commands by name (``{"show": ("show", "JPN", "THA")}``), timed in the same rounds;
    each gives ``cold_<name>_seconds``, ``cold_<name>_cpu_seconds`` and ``cold_<name>_ratio``.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = {"pairs": _command(db), **{name: _command(db, args) for name, args in (more or {}).items()}}
    baseline = [sys.executable, "-c", "pass"]
    for argv in commands.values():
        _timed_run(argv, env)  # untimed: compiles what is not compiled yet, warms the file cache
    rows = [
        ({n: _timed_run(a, env) for n, a in commands.items()}, _timed_run(baseline, env)) for _ in range(runs)
    ]
    out: dict = {
        "cold_python_seconds": statistics.median(b[0] for _, b in rows),
        "cold_python_cpu_seconds": statistics.median(b[1] for _, b in rows),
    }
    for name in commands:
        out[f"cold_{name}_seconds"] = statistics.median(q[name][0] for q, _ in rows)
        out[f"cold_{name}_cpu_seconds"] = statistics.median(q[name][1] for q, _ in rows)
        out[f"cold_{name}_ratio"] = out[f"cold_{name}_seconds"] / max(out["cold_python_seconds"], 1e-6)
    query = commands["pairs"]
    out["cold_command"] = " ".join(Path(query[0]).name if i == 0 else a for i, a in enumerate(query))
    return out


def _a_pair(db: Path) -> tuple[str, str] | None:
    """The pair most documents report in the KB at ``db`` (None when it holds none)."""
    from ..kb import open_kb, queries

    kb = open_kb(str(db))
    try:
        with kb.session() as session:
            found = queries.pairs(session)
    finally:
        kb.close()
    return (found[0].pair[0], found[0].pair[1]) if found else None


def bench_cold_start(s, r, docs: list[Document]) -> dict:
    """The cold-start row of ``make bench`` (``s``: the bench settings, ``r``: its report)."""
    db = small_kb(Path(s.out).parent / "bench-cold.db", docs[:COLD_DOCS])
    pair = _a_pair(db)
    more = {"show": ("show", *pair), "timeline": ("timeline", pair[0])} if pair else {}
    out = measure(db, runs=max(3, s.repeats + 2), more=more)
    for name, args in {"pairs": ("pairs",), **more}.items():
        seconds, ratio = out[f"cold_{name}_seconds"], out[f"cold_{name}_ratio"]
        r.add(
            "queries",
            f"cold start: entente {' '.join(args)} ({COLD_DOCS}-doc KB), new process",
            f"{seconds:.3f} s",
            f"python -c pass {out['cold_python_seconds']:.3f} s",
            f"{ratio:.1f}x",
            f"<= {TARGET_SECONDS:.2f} s",
            seconds <= TARGET_SECONDS,
        )
    return out


__all__ = ["bench_cold_start", "measure", "small_kb"]

"""``entente ingest --workers 2`` killed with SIGKILL midway, then run again, leaves the KB a clean run leaves.

The real command in a subprocess, the real extraction pipeline, over small generated articles written for this
test.  The writer is killed after a random number of documents was committed (no chance to clean up); its
workers must not outlive it, and the rerun must store every document exactly once, with the same facts, merged
view and search answers as one uninterrupted run.  SQLite always; PostgreSQL too when ``ENTENTE_TEST_PG_URL``
is set (``.ci/run`` starts a throwaway server).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from test_crash_safety import assert_same_rows, snapshot

from entente.kb import open_kb, resolve_db_url
from entente.kb.search import search_filtered
from entente.kb.testing import fresh_database, pg_server_url

PG = pytest.param(
    "postgresql",
    marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(
            not pg_server_url(),
            reason="ENTENTE_TEST_PG_URL is not set: no PostgreSQL server here (.ci/run starts one)",
        ),
    ],
)
N = 24  # documents
BATCH = 2  # documents per committed batch: many commit points to land between

# (country, adjective, city): the generated articles pair them in turn
COUNTRIES = [
    ("Chile", "Chilean", "Santiago"),
    ("Peru", "Peruvian", "Lima"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("Norway", "Norwegian", "Oslo"),
    ("Japan", "Japanese", "Tokyo"),
]
TOPICS = ["clean energy", "critical minerals", "semiconductors", "fisheries", "digital trade", "health"]
MONTHS = ["March", "April", "May"]


def write_articles(folder: Path, n: int = N) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        (a, a_adj, _), (b, b_adj, city) = COUNTRIES[i % 6], COUNTRIES[(i % 6 + 1 + (i // 6) % 5) % 6]
        topic, other, month, day = TOPICS[i % 6], TOPICS[(i + 2) % 6], MONTHS[i % 3], 1 + i % 27
        body = (
            f"Title: {a} and {b} agree to widen {topic} ties (bulletin {i})\n"
            f"Outlet: Harness Wire\nDate: 2024-{3 + i % 3:02d}-{day:02d}\n---\n"
            f"{city.upper()}, {month} {day} (Harness Wire) - {a_adj} Foreign Minister and {b_adj} Foreign "
            f"Minister held talks in {city} on Wednesday and agreed to expand cooperation in {topic} and {other}.\n\n"
            f"Both sides signed a memorandum of understanding on customs cooperation number {i} and agreed to "
            f"hold a joint commission meeting next year. Bilateral trade between {a} and {b} reached "
            f"US${i + 2} billion in 2023, officials said.\n"
        )
        path = folder / f"bulletin{i:03d}.txt"
        path.write_text(body, encoding="utf-8")
        out.append(path)
    return out


def start_ingest(folder: Path, url: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "ENTENTE_DB"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "entente.cli",
            "ingest",
            str(folder),
            "--db",
            url,
            "--workers",
            "2",
            "--batch-size",
            str(BATCH),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return err


def stored_documents(engine) -> int:
    try:
        with engine.connect() as c:
            return c.execute(text("SELECT count(*) FROM documents")).scalar_one()
    except Exception:  # no schema yet, or a write lock held for a moment
        return 0


def children_of(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def clean_ingest(folder: Path, url: str) -> None:
    """The reference: one uninterrupted plain ingest, in this process (its pipeline is shared with other tests)."""
    from entente.kb import queries
    from entente.read import read_paths

    kb = open_kb(url)
    try:
        with kb.session() as session:
            result = queries.ingest_documents(session, read_paths([str(folder)]))
        assert result.added == N and not result.failures, result.failures
    finally:
        kb.close()


def search_answers(url: str) -> list[tuple]:
    """Every hit of a few searches with its rank (equal ranks come in storage order: compared as a set)."""
    kb = open_kb(url)
    try:
        with kb.session() as s:
            return sorted(
                (word, h.name, h.start, h.end, h.match, round(h.rank, 6))
                for word in ("customs", "minerals", "Nairobi")
                for h in search_filtered(s, word, limit=100)
            )
    finally:
        kb.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
@pytest.mark.parametrize("backend", ["sqlite", PG])
def test_sigkill_of_ingest_with_two_workers_then_rerun_equals_clean_run(backend, tmp_path):
    folder = tmp_path / "articles"
    write_articles(folder)
    with fresh_database(backend, tmp_path) as clean_url:
        clean_ingest(folder, clean_url)
        want, want_search = snapshot(clean_url), search_answers(clean_url)
    assert len(want["documents"]) == N and want["facts"] and want["merged"] and not want["dirty"]
    assert want_search

    strike = random.Random().randint(
        BATCH, N - BATCH
    )  # committed documents before the kill (it may overshoot)
    with fresh_database(backend, tmp_path) as url:
        engine = create_engine(resolve_db_url(url))
        try:
            proc = start_ingest(folder, url)
            deadline = time.monotonic() + 120
            while (done := stored_documents(engine)) < strike:
                assert proc.poll() is None, f"ingest ended before the kill: {proc.stderr.read()}"
                assert time.monotonic() < deadline, "ingest stored nothing for 120 s"
                time.sleep(0.02)
            workers = children_of(proc.pid)
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            assert proc.returncode == -signal.SIGKILL
            # (a kill after the last document lands in the final merge: the rerun must finish that)
            assert workers, "no worker processes seen"
            gone_by = time.monotonic() + 20
            while any(alive(w) for w in workers):  # the workers end with their writer (no orphans)
                assert time.monotonic() < gone_by, f"workers outlived the killed ingest: {workers}"
                time.sleep(0.05)
            kept = stored_documents(engine)
            assert done <= kept <= N

            print(f"killed after {done} documents (strike {strike}), {kept} kept")
            summary = " ".join(finish(start_ingest(folder, url)).split())  # the console wraps a long KB URL
            assert f"{N - kept} added" in summary and f"{kept} already present" in summary, summary
            got = snapshot(url)
            names = [row[1] for row in got["documents"]]
            assert len(names) == len(set(names)) == N  # every document exactly once
            assert_same_rows(got, want)
            assert search_answers(url) == want_search
            if backend == "sqlite":
                with engine.connect() as c:
                    assert c.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        finally:
            engine.dispose()

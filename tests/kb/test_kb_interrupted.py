"""An ingest killed with SIGKILL mid-run loses at most its open batch; a rerun completes it with no duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from conftest import KB_BACKENDS
from entente.kb import open_kb, queries, resolve_db_url
from entente.kb.testing import fresh_database

BACKENDS = KB_BACKENDS
N, BATCH = 40, 5
SCRIPT = """
import sys
from entente.kb import open_kb
from entente.kb.ingest import ingest
from entente.kb.testing import TableExtractor, numbered_corpus
db, n, batch, delay = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
articles = numbered_corpus(n)
kb = open_kb(db)
with kb.session() as s:
    r = ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles, delay=delay), batch_size=batch)
print(r.added, r.skipped)
"""


def run_ingest(url: str, delay: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SCRIPT, url, str(N), str(BATCH), str(delay)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def count_docs(engine) -> int:
    try:
        with engine.connect() as c:
            return c.execute(text("SELECT count(*) FROM documents")).scalar() or 0
    except Exception:  # tables not created yet
        return 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_then_rerun_equals_clean_run(backend, tmp_path):
    with fresh_database(backend, tmp_path) as killed_url, fresh_database(backend, tmp_path) as clean_url:
        proc = run_ingest(killed_url, delay=0.1)
        engine = create_engine(resolve_db_url(killed_url))
        deadline = time.monotonic() + 120
        try:
            while count_docs(engine) < BATCH and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            assert proc.returncode == -signal.SIGKILL
            at_kill = count_docs(engine)
        finally:
            engine.dispose()
            if proc.poll() is None:
                proc.kill()
        # a committed batch is all or nothing
        assert 0 < at_kill < N and at_kill % BATCH == 0

        rerun = run_ingest(killed_url, delay=0.0)
        out, errs = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, errs
        assert out.split() == [str(N - at_kill), str(at_kill)]
        clean = run_ingest(clean_url, delay=0.0)
        assert clean.communicate(timeout=300)[0].split() == [str(N), "0"]

        stats = []
        for url in (killed_url, clean_url):
            kb = open_kb(url)
            with kb.session() as s:
                stats.append((queries.stats(s), [p.model_dump() for p in queries.pairs(s)]))
            kb.close()
        assert stats[0][0] == stats[1][0]
        strip = lambda ps: [{k: v for k, v in p.items() if k != "last_event"} for p in ps]  # noqa: E731
        assert strip(stats[0][1]) == strip(stats[1][1])

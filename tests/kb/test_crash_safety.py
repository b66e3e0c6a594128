"""Crash safety and concurrency of the KB's write path.

* SIGKILL at random points of an ingest (while the schema is created, between and inside batches,
  during the final merge), many trials: a rerun always leaves exactly the rows a clean run leaves.
* Two ingests of overlapping corpora into one KB at the same time (fresh or already created) both
  finish, with no ``database is locked`` failure and no duplicate row: the KB equals one clean ingest.

SQLite always; PostgreSQL too when ``ENTENTE_TEST_PG_URL`` is set (``.ci/run`` starts a throwaway server).
Ingests run in forked processes with :class:`entente.kb.testing.TableExtractor` (prepared records), so
each trial takes well under a second of work.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from entente.kb import open_kb, resolve_db_url
from entente.kb.testing import fresh_database, pg_server_url

PG = pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.skipif(
    not pg_server_url(), reason="ENTENTE_TEST_PG_URL is not set: no PostgreSQL server here (.ci/run starts one)")])
BACKENDS = ["sqlite", PG]
N, BATCH, DELAY = 20, 4, 0.004
KILL_TRIALS = 8

def _child_main(conn, url: str, lo: int, hi: int, batch: int, delay: float) -> None:
    """The ingest process: waits for "go", ingests articles [lo, hi) of numbered_corpus, reports each
    document handled, then ("done", added, skipped, failures) and waits (so a kill always finds it alive)."""
    from entente.kb.ingest import ingest
    from entente.kb.testing import TableExtractor, numbered_corpus

    conn.send("ready")
    if conn.recv() != "go":
        return
    articles = numbered_corpus(max(hi, 1))[lo:hi]
    kb = open_kb(url)
    conn.send("open")
    try:
        with kb.session() as s:
            r = ingest(s, [a.document() for a in articles], extractor=TableExtractor(articles, delay=delay),
                       batch_size=batch, on_progress=lambda n: conn.send("doc"))
        conn.send(("done", r.added, r.skipped, r.failures))
    except BaseException as e:  # reported to the test, which fails with it
        conn.send(("error", f"{type(e).__name__}: {e}"))
    conn.recv()


class Child:
    """An ingest in a forked process (the test's imports are reused, so a trial costs milliseconds)."""

    def __init__(self, url: str, lo: int, hi: int, delay: float = DELAY, batch: int = BATCH):
        ctx = multiprocessing.get_context("fork")
        self.conn, child_conn = ctx.Pipe()
        self.proc = ctx.Process(target=_child_main, args=(child_conn, url, lo, hi, batch, delay), daemon=True)
        self.proc.start()
        child_conn.close()
        assert self.line() == "ready"

    def line(self):
        if not self.conn.poll(120):
            raise AssertionError("child sent nothing for 120 s")
        try:
            return self.conn.recv()
        except EOFError:
            self.proc.join(10)
            raise AssertionError(f"child ended with exit code {self.proc.exitcode}") from None

    def go(self) -> None:
        self.conn.send("go")

    def finish(self) -> tuple[int, int]:
        """Wait for the end of the ingest; (added, skipped).  Any failure of the ingest fails the test."""
        while True:
            out = self.line()
            if isinstance(out, tuple):
                assert out[0] == "done", out[1]
                _, added, skipped, failures = out
                assert failures == [], failures
                self.conn.send("exit")
                self.proc.join(60)
                assert self.proc.exitcode == 0
                return added, skipped

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.join(60)
        assert self.proc.exitcode == -signal.SIGKILL


def snapshot(url: str) -> dict[str, list]:
    """Every stored row in content terms (autoincrement ids and ingest times replaced by what they point at)."""
    engine = create_engine(resolve_db_url(url))
    try:
        with engine.connect() as c:
            q = lambda sql: [tuple(r) for r in c.execute(text(sql))]  # noqa: E731
            facts = {r[0]: r[1:] for r in q(
                "SELECT id, doc_id, type, pair_a, pair_b, local_id, kind, status, date, rule, data FROM facts")}
            fact_key = {i: json.dumps([str(x) for x in v], sort_keys=True) for i, v in facts.items()}
            merged = {r[0]: r[1:] for r in q(
                "SELECT id, type, pair_a, pair_b, key, status, date, conflict, data FROM merged")}
            merged_key = {i: json.dumps([str(x) for x in v], sort_keys=True) for i, v in merged.items()}
            sentences = {r[0]: r[1:] for r in q('SELECT id, doc_id, start, "end", text FROM sentences')}
            out = {
                "documents": q("SELECT id, name, source, title, published, chars, text, pipeline_version "
                               "FROM documents"),
                "facts": list(fact_key.values()),
                "spans": [(fact_key[f], d, s, e, t, sentences[sid] if sid else None) for f, d, s, e, t, sid in
                          q('SELECT fact_id, doc_id, start, "end", text, sentence_id FROM spans')],
                "sentences": list(sentences.values()),
                "merged": list(merged_key.values()),
                "merged_sources": [(merged_key[m], fact_key[f]) for m, f in
                                   q("SELECT merged_id, fact_id FROM merged_sources")],
                "dirty": q("SELECT scope FROM dirty"),
            }
    finally:
        engine.dispose()
    return {k: sorted(v, key=repr) for k, v in out.items()}


def clean_snapshot(backend: str, tmp_path: Path, lo: int, hi: int) -> dict[str, list]:
    with fresh_database(backend, tmp_path) as url:
        child = Child(url, lo, hi, delay=0.0)
        child.go()
        assert child.finish() == (hi - lo, 0)
        return snapshot(url)


def assert_same_rows(got: dict[str, list], want: dict[str, list]) -> None:
    for table in want:
        assert len(got[table]) == len(want[table]), f"{table}: {len(got[table])} rows, clean run {len(want[table])}"
        assert got[table] == want[table], f"{table} differs from the clean run"


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_at_random_points_then_rerun_equals_clean_run(backend, tmp_path):
    want = clean_snapshot(backend, tmp_path, 0, N)
    assert len(want["documents"]) == N and want["merged"] and not want["dirty"]
    rng = random.Random(20240508)
    stages = []
    for trial in range(KILL_TRIALS):
        # where to strike: 0 = while opening (schema creation), k = after the k-th document, N = in the final merge
        k = 0 if trial == 0 else N if trial == 1 else rng.randint(1, N - 1)
        with fresh_database(backend, tmp_path) as url:
            child = Child(url, 0, N)
            child.go()
            seen = 0
            if k > 0:
                assert child.line() == "open"
                while seen < k:
                    out = child.line()
                    assert out == "doc", out
                    seen += 1
            time.sleep(rng.uniform(0, DELAY * 2 if k else 0.4))
            child.kill()
            stages.append(k)
            rerun = Child(url, 0, N)
            rerun.go()
            added, skipped = rerun.finish()
            assert added + skipped == N
            assert added >= N - k  # nothing reported done before the kill is counted twice
            assert_same_rows(snapshot(url), want)
    assert len(set(stages)) >= KILL_TRIALS // 2  # the kills landed at many different points


@pytest.mark.parametrize("created", [True, False], ids=["existing-kb", "fresh-kb"])
@pytest.mark.parametrize("backend", BACKENDS)
def test_two_concurrent_ingests_into_one_kb(backend, created, tmp_path):
    # A takes articles [0, 2N/3), B takes [N/3, N): a third of the articles go to both at once.
    lo_b, hi_a = N // 3, 2 * N // 3
    want = clean_snapshot(backend, tmp_path, 0, N)
    with fresh_database(backend, tmp_path) as url:
        if created:
            open_kb(url).close()
        a, b = Child(url, 0, hi_a, batch=2), Child(url, lo_b, N, batch=3)
        a.go()
        b.go()
        (added_a, skipped_a), (added_b, skipped_b) = a.finish(), b.finish()
        assert added_a + skipped_a == hi_a and added_b + skipped_b == N - lo_b
        assert added_a + added_b == N  # each shared article stored by exactly one of them
        assert_same_rows(snapshot(url), want)

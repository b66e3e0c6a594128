"""Parallel ingest (`--workers N`): the same KB as a plain ingest, streamed JSONL, failures, idempotence."""

from __future__ import annotations

import json

import pytest

from conftest import KB_BACKENDS
from entente.bench.generate import write_corpus
from entente.engines.local import LocalEngine
from entente.engines.stream import stream_paths
from entente.kb import open_kb
from entente.kb.testing import fresh_database
from entente.read import Document, ReadError, read_paths
from ingest_corpus import corpus, ingest_with, kb_snapshot


def test_stream_paths_reads_jsonl_like_the_readers(tmp_path):
    folder = corpus(tmp_path, 4)

    def key(item):
        if isinstance(item, ReadError):
            return ("error", item.source, item.reason)
        return ("doc", item.text, item.name, item.source, item.published, tuple(item.warnings))

    assert [key(i) for i in stream_paths([str(folder)])] == [key(i) for i in read_paths([str(folder)])]


def test_two_workers_give_the_same_kb_as_one(tmp_path):
    folder = corpus(tmp_path)
    one = ingest_with(str(tmp_path / "one.db"), folder, 1)
    two = ingest_with(str(tmp_path / "two.db"), folder, 2)
    assert one.added == two.added == 11
    assert one.skipped == two.skipped == 1  # the repeated line
    assert one.failures == two.failures and len(two.failures) == 2
    assert kb_snapshot(str(tmp_path / "one.db")) == kb_snapshot(str(tmp_path / "two.db"))
    assert kb_snapshot(str(tmp_path / "two.db"))["facts"], "the corpus yields facts"


def in_small_chunks(monkeypatch, max_pairs: int = 2) -> list[int]:
    """Final merges cut into chunks of ``max_pairs`` pairs, so a small corpus gives several; returns the list
    that receives the number of chunks of each final merge run in the workers."""
    from entente.kb import refresh as merge

    real_chunks, real_runner = merge.pair_chunks, LocalEngine._merge_runner
    monkeypatch.setattr(merge, "pair_chunks", lambda pairs, counts, **kw: real_chunks(pairs, counts, max_pairs=max_pairs))
    monkeypatch.setattr(merge, "RUNNER_MIN_PAIRS", 1)
    runs: list[int] = []

    def counted(self, session):
        run = real_runner(self, session)
        if run is None:
            return None

        def wrapped(chunks, first):
            runs.append(len(chunks))
            yield from run(chunks, first)

        return wrapped

    monkeypatch.setattr(LocalEngine, "_merge_runner", counted)
    return runs


@pytest.mark.parametrize("backend", KB_BACKENDS)
def test_final_merge_in_the_workers_gives_the_merge_of_one_process(tmp_path, monkeypatch, backend):
    """Chunks of pairs merged in two workers (ids handed out in chunk order) write the rows, ids and profiles
    of a plain ingest merging in one process, on both backends."""
    folder = corpus(tmp_path, 16)
    with fresh_database(backend, tmp_path) as url:
        ingest_with(url, folder, 1)
        want = kb_snapshot(url)
    runs = in_small_chunks(monkeypatch)
    with fresh_database(backend, tmp_path) as url:
        ingest_with(url, folder, 2)
        got = kb_snapshot(url)
    assert runs and runs[0] >= 4, runs
    assert want["merged"] and want["pair_profiles"]
    for table in want:
        assert got[table] == want[table], table


def test_a_failing_merge_chunk_fails_the_ingest_and_keeps_the_scopes_dirty(tmp_path, monkeypatch):
    """A chunk that raises in a worker fails the ingest without hanging the chunks after it (waiting for their
    ids); the documents stay stored and the scopes dirty, so the next query merges them."""
    from entente.kb import refresh as merge
    from entente.kb.refresh import ensure_fresh

    folder = corpus(tmp_path, 16)
    want_url = str(tmp_path / "want.db")
    ingest_with(want_url, folder, 1)
    want = kb_snapshot(want_url)
    runs = in_small_chunks(monkeypatch)
    real = merge.merge_pair
    calls = {"n": 0}

    def failing(facts):
        calls["n"] += 1
        if calls["n"] == 3:  # (counted per worker: forked after this)
            raise RuntimeError("merge refused")
        return real(facts)

    monkeypatch.setattr(merge, "merge_pair", failing)
    url = str(tmp_path / "kb.db")
    with pytest.raises(RuntimeError, match="merge refused"):
        ingest_with(url, folder, 2)
    assert runs
    broken = kb_snapshot(url)
    assert broken["documents"] == want["documents"] and broken["dirty"] and not broken["merged"]
    monkeypatch.setattr(merge, "merge_pair", real)
    kb = open_kb(url)
    try:
        with kb.session() as session:
            ensure_fresh(session)
    finally:
        kb.close()
    assert kb_snapshot(url) == want


def test_parallel_ingest_is_idempotent(tmp_path):
    folder = corpus(tmp_path, 6)
    url = str(tmp_path / "kb.db")
    first = ingest_with(url, folder, 2)
    before = kb_snapshot(url)
    again = ingest_with(url, folder, 2)
    assert first.added == 7 and again.added == 0 and again.skipped == 8
    assert kb_snapshot(url) == before


def test_extraction_failure_in_a_worker_is_reported_like_a_plain_ingest(tmp_path, monkeypatch):
    from entente.extract.pipeline import Extractor

    real = Extractor.extract

    def flaky(self, document, published=None):
        if "BOOM" in document.text:
            raise ValueError("refusing this one")
        return real(self, document, published)

    monkeypatch.setattr(Extractor, "extract", flaky)  # workers are forked after this, so they see it too
    docs = [Document(text="Japan and Malaysia signed a memorandum on tourism. BOOM", name="bad.txt", source="bad.txt"),
            Document(text="Japan and Malaysia signed a memorandum on tourism.", name="ok.txt", source="ok.txt")]
    results = []
    for workers in (1, 2):
        kb = open_kb(str(tmp_path / f"w{workers}.db"))
        with LocalEngine(workers) as engine, kb.session() as session:
            results.append(engine.ingest(session, list(docs)))
        kb.close()
    assert results[0].failures == results[1].failures == [
        ("bad.txt", "extraction failed: ValueError: refusing this one")]
    assert results[0].added == results[1].added == 1


def test_cli_ingest_with_workers(tmp_path):
    from typer.testing import CliRunner

    from entente.cli import app

    folder = corpus(tmp_path, 5)
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 1, result.output  # the two bad JSONL lines are failures
    assert "6 added" in " ".join(result.output.split())
    pairs = CliRunner().invoke(app, ["pairs", "--db", str(db), "--json"])
    assert pairs.exit_code == 0 and json.loads(pairs.output)


@pytest.mark.parametrize("engine", ["spark"])
def test_cli_rejects_an_unknown_engine(tmp_path, engine):
    from typer.testing import CliRunner

    from entente.cli import app

    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--engine", engine])
    assert result.exit_code == 2


def test_recent_ids_are_bounded_and_repeats_beyond_them_are_still_stored_once(tmp_path):
    from entente.engines.local import _Recent

    recent = _Recent(3)
    ids = [f"{i:032x}" + "0" * 32 for i in range(5)]
    assert all(recent.add(i) for i in ids) and not recent.add(ids[4]) and ids[1] not in recent
    assert len(recent.keys) == len(recent.order) == 3
    path = write_corpus(tmp_path / "in" / "gen.jsonl", 6, seed=5)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + lines) + "\n", encoding="utf-8")  # every document twice, 6 apart
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    kb = open_kb(url)
    try:
        with LocalEngine(2, chunk_size=2) as engine, kb.session() as session:
            engine.recent = 2
            result = engine.ingest(session, stream_paths([str(path)]), batch_size=2)
    finally:
        kb.close()
    assert (result.added, result.skipped, result.failures) == (6, 6, [])


def test_prepared_pipeline_is_built_with_the_collector_paused_then_frozen(monkeypatch):
    """With ``freeze`` the pipeline is built with the cyclic collector off (it would walk the growing tables
    hundreds of times), then collected once and frozen, the collector on again; without, nothing is paused."""
    import gc

    from entente.extract import pipeline

    seen: list[bool] = []
    build = pipeline.default_extractor
    monkeypatch.setattr(pipeline, "default_extractor", lambda: seen.append(gc.isenabled()) or build())
    frozen_before = gc.get_freeze_count()
    try:
        pipeline.prepared_extractor(freeze=True)
        assert seen == [False] and gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        if not frozen_before:
            gc.unfreeze()
    pipeline.prepared_extractor(freeze=False)
    assert seen == [False, True] and gc.isenabled()

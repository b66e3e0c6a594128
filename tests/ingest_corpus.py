"""Helpers of the parallel-ingest tests: a generated corpus folder, an ingest with N workers, a KB snapshot."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from entente.bench.generate import write_corpus
from entente.engines.local import LocalEngine
from entente.engines.stream import stream_paths
from entente.kb import open_kb

TABLES = ("facts", "spans", "sentences", "merged", "merged_sources", "pair_profiles", "dirty")


def kb_snapshot(url: str) -> dict[str, list]:
    """Every row of the KB (documents without their ingest time), for comparing two ingests."""
    kb = open_kb(url)
    try:
        with kb.engine.connect() as c:
            out = {t: [tuple(r) for r in c.execute(text(f"SELECT * FROM {t} ORDER BY 1"))] for t in TABLES}
            out["documents"] = [tuple(r) for r in c.execute(text(
                "SELECT id, name, source, title, outlet, url, published, chars, text, record, pipeline_version "
                "FROM documents ORDER BY id"))]
        return out
    finally:
        kb.close()


def corpus(tmp_path: Path, n: int = 10) -> Path:
    """A folder: generated articles as JSONL (plus a duplicate and two bad lines) and one text file."""
    folder = tmp_path / "in"
    path = write_corpus(folder / "gen.jsonl", n, seed=21)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines += [lines[0], '{"text": 3}', "not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "note.txt").write_text(
        "KUALA LUMPUR, March 3 — Malaysia and Japan agreed on Tuesday to expand cooperation in renewable "
        "energy and cybersecurity, Prime Minister Anwar Ibrahim said after talks with his Japanese counterpart.\n",
        encoding="utf-8")
    return folder


def ingest_with(url: str, folder: Path, workers: int):
    kb = open_kb(url)
    try:
        with LocalEngine(workers, chunk_size=3) as engine, kb.session() as session:
            return engine.ingest(session, stream_paths([str(folder)]), batch_size=4)
    finally:
        kb.close()

"""Characters a text may not hold: lone surrogates, NUL and C0 controls, bidi controls (issue 21, item 1).

A lone surrogate is refused for its own document (a per-line error); every other document is stored, on
SQLite and PostgreSQL (which refuses NUL: :func:`entente.read.normalise` replaces it), with one process
or with worker processes; ``extract`` writes every other record.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import KB_BACKENDS
from entente.read import Document, ReadError, normalise, read_bytes

PROSE = "Ministers of Chile and Peru met in Lima on Tuesday and agreed to widen trade in copper, report {}."
SURROGATE, NUL, BIDI = 3, 5, 6


def hostile_lines(n: int = 8) -> bytes:
    lines = [json.dumps({"text": PROSE.format(i), "id": f"line{i}"}) for i in range(n)]
    lines[SURROGATE] = '{"text": "' + PROSE.format(SURROGATE) + ' \\ud800 half a pair", "id": "line3"}'
    lines[NUL] = '{"text": "' + PROSE.format(NUL) + ' nul\\u0000here bell\\u0007 esc\\u001b", "id": "line5"}'
    lines[BIDI] = ('{"text": "' + PROSE.format(BIDI) + ' \\u202eoverride\\u202c \\u2067isolate\\u2069",'
                   ' "id": "line6", "title": "\\u202eeltit"}')
    lines.append('{"text": "' + PROSE.format(n) + '", "id": "line8", "title": "bad \\udfff title"}')
    return ("\n".join(lines) + "\n").encode()


def test_readers_refuse_a_lone_surrogate_for_its_line_only():
    items = list(read_bytes(hostile_lines(), "h.jsonl", "h.jsonl", ".jsonl"))
    errors = [i for i in items if isinstance(i, ReadError)]
    docs = {i.name: i for i in items if isinstance(i, Document)}
    assert [e.source for e in errors] == ["h.jsonl:4", "h.jsonl:9"]
    assert all("lone surrogate" in e.reason for e in errors)
    assert len(docs) == 7
    nul = docs["line5"]
    assert "\x00" not in nul.text and "\x07" not in nul.text and "nul here bell  esc" in nul.text
    assert any("control character" in w for w in nul.warnings)
    bidi = docs["line6"]
    assert "\u202eoverride\u202c" in bidi.text and bidi.title == "\u202eeltit"  # kept, as written


def test_normalise_replaces_controls_one_for_one():
    assert normalise("a\x00b\x0cc\x0bd\x7fe\tf") == "a b\nc\nd e\tf"
    text = "plain text\nwith lines"
    assert normalise(text) == text


@pytest.mark.parametrize("backend", KB_BACKENDS)
@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_stores_every_other_line(tmp_path, backend, workers, extractor):
    from sqlalchemy import select

    from entente.engines.local import LocalEngine
    from entente.kb import open_kb
    from entente.kb.schema import DocumentRow
    from entente.kb.testing import fresh_database

    if backend != "sqlite" and workers > 1:
        pytest.skip("the worker path is the same on both backends")
    items = list(read_bytes(hostile_lines(), "h.jsonl", "h.jsonl", ".jsonl"))
    # a document built by a caller (not a reader) with a lone surrogate is refused by the ingest itself
    items.append(Document(text="Chile and Peru signed a deal \udc80 today.", name="direct.txt", source="direct.txt"))
    with fresh_database(backend, tmp_path) as url:
        kb = open_kb(url)
        try:
            with LocalEngine(workers) as engine, kb.session() as s:
                result = engine.ingest(s, iter(items))
            with kb.session() as s:
                names = sorted(s.scalars(select(DocumentRow.name)))
                texts = list(s.scalars(select(DocumentRow.text)))
        finally:
            kb.close()
    assert result.added == 7, result
    assert sorted(src for src, _ in result.failures) == ["direct.txt", "h.jsonl:4", "h.jsonl:9"]
    assert names == sorted(f"line{i}" for i in (0, 1, 2, 4, 5, 6, 7))
    assert not any("\x00" in t for t in texts)


def test_extract_writes_every_other_record(tmp_path):
    from entente.cli import app

    src = tmp_path / "h.jsonl"
    src.write_bytes(hostile_lines())
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["extract", str(src), "--out", str(out)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    names = [json.loads(line)["doc"]["name"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert names == [f"line{i}" for i in (0, 1, 2, 4, 5, 6, 7)]
    assert "lone surrogate" in res.output

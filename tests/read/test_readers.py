"""Readers: every format, the metadata header, and bad input with clear reasons."""

from __future__ import annotations

import io
import json
import sys

import pytest

from entente.read import Document, ReadError, normalise, read_path, read_paths
from pdfs import text_pdf


def one(path) -> Document | ReadError:
    items = list(read_path(str(path)))
    assert len(items) == 1
    return items[0]


def test_txt_is_normalised(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("Cafe\u0301 talks\r\nin Hanoi\rnext".encode())
    doc = one(p)
    assert isinstance(doc, Document)
    assert doc.text == "Café talks\nin Hanoi\nnext"
    assert doc.name == "a.txt"
    assert doc.id == doc.sha256 and len(doc.id) == 64


def test_markdown_reads_as_text(tmp_path):
    p = tmp_path / "b.md"
    p.write_text("# Heading\n\nBody text.", encoding="utf-8")
    assert one(p).text.startswith("# Heading")


def test_metadata_header_is_removed_and_kept(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text("published: 2024-05-02\noutlet: Our Wire\ntitle: Ministers meet\n---\nHANOI - Text.", encoding="utf-8")
    doc = one(p)
    assert doc.text == "HANOI - Text."
    assert (doc.published, doc.outlet, doc.title) == ("2024-05-02", "Our Wire", "Ministers meet")


def test_text_that_looks_like_header_but_is_not(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("Note: this is prose\nand more prose\n---\nend", encoding="utf-8")
    assert one(p).text.startswith("Note: this is prose")


def test_bad_utf8_is_decoded_with_a_warning(tmp_path):
    p = tmp_path / "e.txt"
    p.write_bytes(b"Trade rose to \x80100 million in caf\xe9s.")
    doc = one(p)
    assert isinstance(doc, Document)
    assert doc.warnings and "UTF-8" in doc.warnings[0]


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "f.txt"
    p.write_bytes("Seoul and Hanoi agreed.".encode("utf-16"))
    doc = one(p)
    assert isinstance(doc, Document) and doc.text == "Seoul and Hanoi agreed."


def test_empty_and_whitespace_files_fail_with_reason(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.txt", b"  \n\t\n")):
        p = tmp_path / name
        p.write_bytes(data)
        err = one(p)
        assert isinstance(err, ReadError) and "empty" in err.reason


def test_binary_file_fails_with_reason(tmp_path):
    p = tmp_path / "g.txt"
    p.write_bytes(bytes(range(256)) * 4)
    err = one(p)
    assert isinstance(err, ReadError) and "binary" in err.reason


def test_unknown_extension_fails_with_reason(tmp_path):
    p = tmp_path / "h.docx"
    p.write_bytes(b"PK\x03\x04 not really")
    err = one(p)
    assert isinstance(err, ReadError) and "unsupported" in err.reason


def test_missing_file(tmp_path):
    err = one(tmp_path / "nope.txt")
    assert isinstance(err, ReadError) and "no such file" in err.reason


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("x" * 2000, encoding="utf-8")
    items = list(read_path(str(p), max_bytes=1000))
    assert isinstance(items[0], ReadError) and "limit" in items[0].reason


def test_html_main_text_and_metadata(tmp_path):
    body = " ".join(["The two ministers agreed to expand cooperation on clean energy and ports."] * 6)
    html = f"""<!doctype html><html><head><title>Ministers agree on energy</title>
    <meta property="og:site_name" content="Example Wire">
    <meta name="date" content="2024-03-05"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Ministers agree on energy</h1>
    <p>{body}</p><p>{body}</p></article><footer>Copyright footer</footer></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    doc = one(p)
    assert isinstance(doc, Document)
    assert "clean energy" in doc.text and "Home | World" not in doc.text
    assert doc.title == "Ministers agree on energy"
    assert doc.published and doc.published.startswith("2024-03-05")


def test_pdf_text_layer(tmp_path):
    p = tmp_path / "doc.pdf"
    p.write_bytes(text_pdf("Indonesia and Australia signed a maritime pact"))
    doc = one(p)
    assert isinstance(doc, Document) and "maritime pact" in doc.text


def test_truncated_pdf_fails_with_reason(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(text_pdf("Some text here")[:60])
    err = one(p)
    assert isinstance(err, ReadError) and "PDF" in err.reason


def test_jsonl_lines_and_bad_lines(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "art-1", "text": "Kenya and the UK agreed.", "published": "2023-10-31", "outlet": "W"}),
        "{not json",
        json.dumps({"text": 42}),
        json.dumps(["a list"]),
        "",
        json.dumps({"text": "Second good line."}),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_path(str(p)))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [d.name for d in docs] == ["art-1", "batch.jsonl:6"]
    assert docs[0].published == "2023-10-31" and docs[0].outlet == "W"
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3", "4"]
    assert "malformed JSON" in errors[0].reason


def test_directory_is_recursive_and_stable(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    names = [d.name for d in read_paths([str(tmp_path)])]
    assert names == ["a.txt", "2.txt"]


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From stdin\r\n")))
    (doc,) = list(read_path("-"))
    assert doc.text == "From stdin\n" and doc.name == "stdin"


@pytest.mark.parametrize("raw,expected", [("a\r\nb", "a\nb"), ("\ufeffx", "x"), ("e\u0301", "é")])
def test_normalise(raw, expected):
    assert normalise(raw) == expected

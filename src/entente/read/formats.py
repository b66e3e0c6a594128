"""One reader per file format; each turns raw bytes into Documents."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .budget import BudgetExceeded, time_budget
from .document import Document, ReadError, control_count, normalise, unicode_problem
from .header import split_header
from .language import language_warning

TEXT_EXTS = {".txt", ".md", ".text", ""}
HTML_EXTS = {".html", ".htm", ".xhtml"}
PDF_EXTS = {".pdf"}
JSONL_EXTS = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_EXTS | HTML_EXTS | PDF_EXTS | JSONL_EXTS

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# HTML main-text extraction grows faster than the page (8 MB took 11 s, 14 MB 63 s): pages past these
# limits are refused before it runs, on their bytes and then on the elements of their parsed tree.
MAX_HTML_BYTES = 8 * 1024 * 1024
MAX_HTML_ELEMENTS = 50_000
DEFAULT_MAX_CHARS = 2_000_000


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode bytes as text; refuse binary, fall back with a warning on bad UTF-8."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError as e:
            raise ReadError(source, f"invalid UTF-16: {e.reason}") from None
    if b"\x00" in data[:4096]:
        raise ReadError(source, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        try:
            data.decode("cp1252")
            text = data.decode("cp1252")
            warnings.append(f"not valid UTF-8 (byte {e.start}); decoded as Windows-1252")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            warnings.append(f"not valid UTF-8 (byte {e.start}); bad bytes replaced")
    sample = text[:4096]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise ReadError(source, "binary file (control characters), not text")
    return text, warnings


def _finish(text: str, name: str, source: str, meta: dict[str, str], warnings: list[str]) -> Document:
    for value in (text, name, *meta.values()):
        if (problem := unicode_problem(value)) is not None:
            raise ReadError(source, problem)
    if controls := control_count(text):
        warnings = [*warnings, f"{controls} control character(s) (NUL, C0, DEL) replaced by spaces"]
    meta = {k: normalise(v) for k, v in meta.items()}
    text = normalise(text)
    if not text.strip():
        raise ReadError(source, "empty document (no text)")
    if (warning := language_warning(text)) is not None:
        warnings = [*warnings, warning]
    return Document(
        text=text,
        name=name,
        source=source,
        title=meta.get("title") or None,
        url=meta.get("url") or None,
        outlet=meta.get("outlet") or None,
        published=meta.get("published") or meta.get("date") or None,
        meta=meta,
        warnings=warnings,
    )


def read_text(data: bytes, name: str, source: str) -> Document:
    text, warnings = decode_text(data, source)
    if controls := control_count(text):
        warnings.append(f"{controls} control character(s) (NUL, C0, DEL) replaced by spaces")
    meta, body = split_header(normalise(text))
    return _finish(body, name, source, meta, warnings)


def read_html(data: bytes, name: str, source: str) -> Document:
    import trafilatura
    from trafilatura.utils import load_html

    if len(data) > MAX_HTML_BYTES:
        raise ReadError(source, f"HTML of {len(data)} bytes exceeds the limit of {MAX_HTML_BYTES} bytes "
                                "for main-text extraction")
    html, warnings = decode_text(data, source)
    try:
        tree = load_html(html)
    except Exception as e:  # lxml raises many kinds on broken markup
        raise ReadError(source, f"HTML could not be parsed: {e}") from None
    if tree is None:
        raise ReadError(source, "HTML has no main text")
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_HTML_ELEMENTS:
        raise ReadError(source, f"HTML of {elements} elements exceeds the limit of {MAX_HTML_ELEMENTS} elements "
                                "for main-text extraction")
    try:
        with time_budget(f"HTML main-text extraction of {name}"):
            extracted = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    except BudgetExceeded as e:
        raise ReadError(source, str(e)) from None
    except Exception as e:  # trafilatura raises many kinds on broken markup
        raise ReadError(source, f"HTML could not be parsed: {e}") from None
    if extracted is None:
        raise ReadError(source, "HTML has no main text")
    get = extracted.get if isinstance(extracted, dict) else lambda k: getattr(extracted, k, None)
    text = get("text") or ""
    meta = {k: str(v) for k in ("title", "date", "sitename", "url") if (v := get(k))}
    if "sitename" in meta:
        meta["outlet"] = meta.pop("sitename")
    if "date" in meta:
        meta["published"] = meta.pop("date")
    return _finish(text, name, source, meta, warnings)


def read_pdf(data: bytes, name: str, source: str) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as e:
        raise ReadError(source, f"PDF could not be read: {e}") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise ReadError(source, "PDF has no text layer (scanned image?)")
    meta = {}
    title = getattr(info, "title", None) if info else None
    if title:
        meta["title"] = str(title)
    return _finish(text, name, source, meta, [])


def read_jsonl(data: bytes, name: str, source: str) -> Iterator[Document | ReadError]:
    """One document per line; a bad line yields a ReadError and the rest go on."""
    text, _ = decode_text(data, source)
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(where, f"malformed JSON: {e.msg}")
            continue
        if not isinstance(obj, dict):
            yield ReadError(where, "line is not a JSON object")
            continue
        body = obj.get("text")
        if not isinstance(body, str):
            yield ReadError(where, "missing or non-string 'text'")
            continue
        meta = {k: str(obj[k]) for k in ("title", "url", "outlet", "published") if obj.get(k) not in (None, "")}
        doc_name = str(obj["id"]) if obj.get("id") not in (None, "") else f"{name}:{lineno}"
        try:
            yield _finish(body, doc_name, where, meta, [])
        except ReadError as e:
            yield e


def limit_chars(item: Document | ReadError, max_chars: int) -> Document | ReadError:
    """Cut a document at ``max_chars`` (at a paragraph break when one is near) and say so."""
    if isinstance(item, ReadError) or len(item.text) <= max_chars:
        return item
    cut = item.text.rfind("\n", max(0, max_chars - 5000), max_chars)
    cut = cut if cut > 0 else max_chars
    total = len(item.text)
    item.text = item.text[:cut]
    item.warnings.append(f"document of {total} chars cut to {cut} chars (limit max_chars={max_chars})")
    return item


def read_bytes(data: bytes, name: str, source: str, ext: str,
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | ReadError]:
    """The documents (or errors) of one input's bytes, each cut at ``max_chars``: every path (files, URLs,
    feeds, uploads) reads through here, so every path has the same limits."""
    for item in _read_bytes(data, name, source, ext):
        yield limit_chars(item, max_chars)


def _read_bytes(data: bytes, name: str, source: str, ext: str) -> Iterator[Document | ReadError]:
    ext = ext.lower()
    try:
        if ext in JSONL_EXTS:
            yield from read_jsonl(data, name, source)
        elif ext in HTML_EXTS:
            yield read_html(data, name, source)
        elif ext in PDF_EXTS:
            yield read_pdf(data, name, source)
        elif ext in TEXT_EXTS:
            yield read_text(data, name, source)
        else:
            yield ReadError(source, f"unsupported file type {ext!r} (supported: txt, md, html, pdf, jsonl)")
    except ReadError as e:
        yield e


def sniff_ext(path: Path, data: bytes) -> str:
    """The extension to read ``path`` as; content decides when the name does not."""
    ext = path.suffix.lower()
    if ext in SUPPORTED:
        return ext
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return ".pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return ".html"
    return ext

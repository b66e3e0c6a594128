"""Walk paths (files, directories, ``-`` for stdin) and read them into Documents."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from .document import Document, ReadError
from .formats import DEFAULT_MAX_CHARS, SUPPORTED, limit_chars, read_bytes, sniff_ext

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files in a stable order: directories recursively, sorted; hidden files skipped."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                    yield str(child)
        else:
            yield p


def read_path(
    p: str, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document | ReadError]:
    yield from _read_path(p, max_bytes, max_chars)


def _read_path(p: str, max_bytes: int, max_chars: int) -> Iterator[Document | ReadError]:
    if p == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield ReadError("-", f"stdin exceeds the limit of {max_bytes} bytes")
            return
        yield from read_bytes(data, "stdin", "-", ".txt", max_chars)
        return
    path = Path(p)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadError(p, f"file of {size} bytes exceeds the limit of {max_bytes} bytes")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield ReadError(p, "no such file")
        return
    except OSError as e:
        yield ReadError(p, e.strerror or str(e))
        return
    yield from read_bytes(data, path.name, p, sniff_ext(path, data), max_chars)


def read_paths(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document | ReadError]:
    for p in expand_paths(paths):
        yield from read_path(p, max_bytes, max_chars)


__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_CHARS", "SUPPORTED", "expand_paths", "limit_chars", "read_path", "read_paths"]

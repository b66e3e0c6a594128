"""Reading inputs as a stream: JSONL files line by line, everything else through the readers.

:func:`entente.read.read_path` reads a whole file before yielding its documents,
which is right for an article but not for a JSONL archive of 100,000 of them.
Here a ``.jsonl``/``.ndjson`` file is read one line at a time (each line through
the same :func:`entente.read.formats.read_jsonl`), so memory stays flat however
large the archive; the byte limit then applies to each line (one document).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..read import Document, ReadError, expand_paths, read_path
from ..read.formats import JSONL_EXTS, read_jsonl
from ..read.sources import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, limit_chars


def _jsonl_lines(p: str, max_bytes: int, max_chars: int) -> Iterator[Document | ReadError]:
    path = Path(p)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        yield ReadError(p, "no such file")
        return
    except OSError as e:
        yield ReadError(p, e.strerror or str(e))
        return
    with fh:
        for lineno, line in enumerate(fh, start=1):
            where = f"{p}:{lineno}"
            if len(line) > max_bytes:
                yield ReadError(where, f"line of {len(line)} bytes exceeds the limit of {max_bytes} bytes")
                continue
            for item in read_jsonl(line, path.name, p):
                # read_jsonl numbers the lines of what it was given (one line: ":1")
                if isinstance(item, ReadError):
                    item.source = where
                    item.args = (f"{where}: {item.reason}",)
                else:
                    item.source = where
                    if item.name == f"{path.name}:1":
                        item.name = f"{path.name}:{lineno}"
                yield limit_chars(item, max_chars)


def stream_paths(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document | ReadError]:
    """Documents (or ReadErrors) of files and folders, in the order of :func:`entente.read.expand_paths`."""
    for p in expand_paths(paths):
        if p != "-" and Path(p).suffix.lower() in JSONL_EXTS:
            yield from _jsonl_lines(p, max_bytes, max_chars)
        else:
            yield from read_path(p, max_bytes, max_chars)

"""The normalised document every reader produces.

What a text may hold (see ``docs/inputs.md``, "Characters"):

* **Lone surrogates** (``\\ud800``-``\\udfff`` not in a pair, e.g. a JSON ``"\\ud800"`` escape) are not
  Unicode text: they cannot be encoded, hashed or stored.  The document (a JSONL line, a file, a post)
  is refused with a per-document error naming the position; the other documents go on.
* **NUL and the other C0 control characters** (everything below U+0020 except tab and line breaks),
  and DEL, are replaced by a space by :func:`normalise` (PostgreSQL cannot store NUL; the others are
  never text), one character for one, so the text keeps its shape; a reader adds a warning saying how
  many.  Form feed and vertical tab become line breaks.
* **Bidirectional controls** (U+202A-U+202E, U+2066-U+2069, LRM/RLM) are kept: they are valid and
  meaningful in right-to-left text, and evidence spans must match the text as written.  Pages show
  stored strings inside bidi-isolated elements, so a stray override cannot reorder the page around it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LINE_CONTROLS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def normalise(text: str) -> str:
    """Unicode NFC, ``\\n`` line endings and no control characters (see the module docstring);
    every span offset refers to this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.isprintable():  # (a C loop; false for any text with a line break, so cheap to ask)
        text = _CONTROLS.sub(" ", text.translate(_LINE_CONTROLS))
    return unicodedata.normalize("NFC", text)


def control_count(text: str) -> int:
    """How many characters :func:`normalise` replaces by a space."""
    return len(_CONTROLS.findall(text))


def unicode_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored (a lone surrogate), else ``None``."""
    if text.isascii():
        return None
    m = _SURROGATE.search(text)
    if m is None:
        return None
    return (f"text holds a lone surrogate U+{ord(m.group(0)):04X} at character {m.start()}: "
            "not valid Unicode, so it cannot be stored")


@dataclass
class Document:
    text: str
    name: str
    source: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        return self.sha256


class ReadError(Exception):
    """A file (or line) that cannot be read; the message says why."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def checked(items: Iterable[Document | Exception]) -> Iterator[Document | Exception]:
    """``items`` with every document that cannot be stored (see :func:`unicode_problem`, in any of its
    fields) turned into a :class:`ReadError`: one bad document never stops the others."""
    for item in items:
        if isinstance(item, Document):
            for value in (item.text, item.name, item.title, item.url, item.outlet, item.published):
                problem = unicode_problem(value) if value else None
                if problem is not None:
                    item = ReadError(item.source or item.name.encode("utf-8", "replace").decode(), problem)
                    break
        yield item

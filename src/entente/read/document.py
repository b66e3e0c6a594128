"""The normalised document every reader produces."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field


def normalise(text: str) -> str:
    """Unicode NFC and ``\\n`` line endings; every span offset refers to this text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text)


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

"""``agreement_titles.json``: words that make no title of an instrument ("a new agreement") and the parts of
an instrument signed on their own ("Annex C of the ... Treaty")."""

from __future__ import annotations

from pydantic import field_validator

from .. import DataContract


class Contract(DataContract):
    plain_modifiers: list[str]  # "a new agreement", "the historic deal": no title
    part_heads: list[str]  # "Annex C of the Itaipu Treaty": a part signed on its own (lower-case)

    @field_validator("part_heads")
    @classmethod
    def _parts(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not w.strip() or w != w.strip() or w != w.lower()]
        if bad or len(set(words)) != len(words):
            raise ValueError(f"part heads must be trimmed, lower-case and unique: {bad or words}")
        return words

    @field_validator("plain_modifiers")
    @classmethod
    def _words(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not w.strip() or w != w.strip() or w != w.lower() or " " in w]
        if bad:
            raise ValueError(f"plain modifiers must be single lower-case words: {bad}")
        dup = sorted({w for w in words if words.count(w) > 1})
        if dup:
            raise ValueError(f"duplicate plain modifiers: {dup}")
        return words

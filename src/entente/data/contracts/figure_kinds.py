"""``figure_kinds.json``: cue words that make a figure a target or a pledge rather than an actual value."""

from __future__ import annotations

from pydantic import field_validator

from .. import DataContract


class Contract(DataContract):
    target: list[str]  # before the figure in its clause: "aim to raise trade to", "a target of"
    pledge: list[str]  # before the figure in its clause: "pledged", "will invest"
    target_after: list[str]  # right after the figure: "$5 billion trade target"
    base_before: list[str]  # right before the figure, its starting value: "double trade from $14 billion"

    @field_validator("target", "pledge", "target_after", "base_before")
    @classmethod
    def _cues(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if not w.strip() or w != w.strip() or w != w.lower()]
        if bad:
            raise ValueError(f"cues must be trimmed, lower-case, non-empty: {bad}")
        dup = sorted({w for w in words if words.count(w) > 1})
        if dup:
            raise ValueError(f"duplicate cues: {dup}")
        return words

"""``levels.json``: the partnership-level lexicon of ``extract/levels.py`` (names, changes, negation, formulas)."""

from __future__ import annotations

import re

from pydantic import field_validator

from .. import DataContract


class Contract(DataContract):
    modifiers: list[str]
    drop_modifiers: list[str]
    heads: list[str]
    partner_heads: list[str]
    named_heads: list[str]
    not_after: list[str]
    not_before: list[str]
    documents: list[str]
    core_modifiers: list[str]
    negation: str
    existing: str
    formulas: list[str]
    formula_not_after: list[str]
    alliance: str
    change_verbs: str
    third_party_after: str
    pair_references: list[str]  # a sentence naming neither country speaks of the pair by these ("they")

    @field_validator("negation", "existing", "alliance", "change_verbs", "third_party_after")
    @classmethod
    def _regex(cls, value: str) -> str:
        re.compile(value)
        return value

    @field_validator("drop_modifiers", "core_modifiers")
    @classmethod
    def _known_modifiers(cls, words: list[str], info) -> list[str]:
        known = set(info.data.get("modifiers", []))
        unknown = [w for w in words if w not in known]
        if unknown:
            raise ValueError(f"not in modifiers: {unknown}")
        return words

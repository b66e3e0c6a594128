"""``agreements.json``: instrument kinds (SPEC ``agreement.kind``) and their surface forms, the
multilateral instruments and blocs that are not a pair's, status and deadline cues, count words."""

from __future__ import annotations

from pydantic import Field, model_validator

from ...record import AgreementKind, AgreementStatus
from .. import DataContract


class Kind(DataContract):
    heads: list[str] = Field(default_factory=list)  # case-insensitive, a plural accepted
    abbreviations: list[str] = Field(default_factory=list)  # exactly as written
    untitled: bool = False  # a bare head counts without a title or an instrument verb
    weak_heads: list[str] = Field(default_factory=list)  # count only right after a signing verb
    done_heads: list[str] = Field(default_factory=list)  # count only when their clause signs or adopts them
    generic: list[str] = Field(
        default_factory=list
    )  # "the deal", "the pact": a later mention of a titled one


class Contract(DataContract):
    kinds: dict[AgreementKind, Kind]
    multilateral: list[str]
    blocs: list[str]
    status_cues: dict[AgreementStatus, list[str]]
    deadline_cues: list[str]
    counts: dict[str, int | None]

    @model_validator(mode="after")
    def _no_empty_words(self) -> Contract:
        words = [
            w for k in self.kinds.values() for w in k.heads + k.abbreviations + k.weak_heads + k.done_heads
        ]
        words += [w for ws in self.status_cues.values() for w in ws] + self.multilateral + self.blocs
        if any(not w.strip() for w in words):
            raise ValueError("an empty word")
        return self

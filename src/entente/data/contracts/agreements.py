"""``agreements.json``: instrument kinds (SPEC ``agreement.kind``) and their surface forms, the
multilateral instruments and blocs that are not a pair's, status and deadline cues, count words,
attempt cues, words marking a similar, another or an evaluated instrument, regional name prefixes, and the
words after which "deal" is a verb."""

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
    attempt_cues: list[str] = Field(default_factory=list)  # "trying to strike a deal": planned, never signed
    similar_words: list[str] = Field(default_factory=list)  # "a similar deal with Russia": another instrument
    other_words: list[str] = Field(default_factory=list)  # "other agreements": distinct from one named before
    evaluative_words: list[str] = Field(default_factory=list)  # "the most important agreement": a description
    regional_prefixes: list[str] = Field(default_factory=list)  # "South Asian Free Trade Area": regional
    deal_verb_before: list[str] = Field(default_factory=list)  # "to deal with": the verb, not an instrument
    cue_blockers: list[str] = Field(default_factory=list)  # "in exchange for": a cue's word that is no cue

    @model_validator(mode="after")
    def _no_empty_words(self) -> Contract:
        words = [
            w for k in self.kinds.values() for w in k.heads + k.abbreviations + k.weak_heads + k.done_heads
        ]
        words += [w for ws in self.status_cues.values() for w in ws] + self.multilateral + self.blocs
        words += self.attempt_cues + self.similar_words + self.other_words + self.evaluative_words
        words += self.regional_prefixes + self.deal_verb_before + self.cue_blockers
        if any(not w.strip() for w in words):
            raise ValueError("an empty word")
        return self

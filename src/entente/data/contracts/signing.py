"""``signing.json``: signing verbs in all their written forms, multi-word signings and signing nouns."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .. import DataContract


class Verb(DataContract):
    lemma: str
    status: Literal["signed", "exchanged"]  # the SPEC agreement status a done form gives
    base: list[str] = Field(min_length=1)  # "sign" (also a caption's present: "Leaders sign pact")
    third: list[str] = Field(min_length=1)  # "signs"
    past: list[str] = Field(min_length=1)  # "signed": past tense and participle (passive, perfect)
    gerund: list[str] = Field(min_length=1)  # "signing"
    needs_object: bool = False  # "struck" is a signing only with an instrument after it

    @model_validator(mode="after")
    def _lower(self) -> Verb:
        forms = self.base + self.third + self.past + self.gerund
        if any(f != f.lower() or not f.isalpha() for f in forms):
            raise ValueError(f"{self.lemma}: forms are single lower-case words")
        return self


class Contract(DataContract):
    verbs: list[Verb] = Field(min_length=1)
    phrases: list[str] = Field(default_factory=list)  # "put pen to paper on": a past signing
    nouns: list[str] = Field(default_factory=list)  # "signing of", "exchange of": a signing named as a noun

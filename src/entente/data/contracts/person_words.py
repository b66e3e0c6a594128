"""``person_words.json``: the person finder's word lists (words that are never a name, institution heads,
Arabic articles, state-form words), all lower case."""

from __future__ import annotations

from pydantic import model_validator

from .. import DataContract


class Contract(DataContract):
    stop: list[str]  # never a word of a person's name
    non_name_last: list[str]  # a run ending in one is an institution or a place
    arabic_articles: list[str]  # joined to a surname by a hyphen ("al-Sisi")
    name_breakers: list[str]  # honorifics that start a new name, never continue one
    name_stops: list[str]  # common words that are also names ("He Lifeng", "To Lam")
    headline_small: list[str]  # small words a Title Case headline leaves in lower case
    state_form_words: list[str]  # "republic", "kingdom": a state's formal name before "of <country>"

    @model_validator(mode="after")
    def _lower_case(self) -> Contract:
        for name in type(self).model_fields:
            if name == "about":
                continue
            bad = [w for w in getattr(self, name) if w != w.lower() or not w or " " in w]
            if bad:
                raise ValueError(f"{name}: not single lower-case words {bad}")
        return self

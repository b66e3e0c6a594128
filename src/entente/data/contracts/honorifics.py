"""``honorifics.json``: honorifics stripped from person names, patronymic markers and name particles."""

from __future__ import annotations

from pydantic import field_validator

from .. import DataContract
from ._codes import Iso3


class HonorificForm(DataContract):
    form: str  # as written in Title Case ("Datuk Seri", "Dato' Seri")
    country: Iso3 | None = None  # a weak hint: used only when nothing stronger attributes the person
    exact: bool = False  # matches only as written or in ALL CAPS ("Dr", "YB")



class Contract(DataContract):
    honorifics: list[HonorificForm]
    spellings: list[list[str]]  # words written interchangeably inside an honorific ("Datuk", "Dato'", "Dato")
    patronymics: list[str]  # "bin", "binti", "a/l": kept in names, ignored when names are compared
    particles: list[str]  # "van", "de", "al": lower-case name words that do not end a name

    @field_validator("patronymics", "particles")
    @classmethod
    def _lower(cls, words: list[str]) -> list[str]:
        bad = [w for w in words if w != w.lower() or not w]
        if bad:
            raise ValueError(f"must be lower case: {bad}")
        return words

"""What the person finder builds: a :class:`Candidate` per anchored mention, a :class:`PersonDraft` per
person once mentions are grouped (the record's ``Person`` is made from it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .names import cached_canonical_name, full_name_key, short_forms


@dataclass
class Candidate:
    start: int  # mention span (honorifics + name)
    end: int
    words: list[str]
    honorifics: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # "Deputy Prime Minister and Foreign Minister": two
    country: str | None = None
    hint: str | None = None  # weak: a national honorific
    blocked: bool = False  # a non-country prefix ("UN Secretary-General"): no fallback country
    rule: str = ""

    @property
    def name(self) -> str:
        return cached_canonical_name(tuple(self.words))

    @property
    def key(self) -> tuple[str, ...]:
        return full_name_key(tuple(self.words))


@dataclass
class PersonDraft:
    words: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    blocked: bool = False
    rules: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return cached_canonical_name(tuple(self.words))

    @property
    def key(self) -> tuple[str, ...]:
        return full_name_key(tuple(self.words))

    @property
    def short_forms(self) -> set[str]:
        return short_forms(self.words)

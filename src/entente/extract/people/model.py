"""What the person finder builds: a :class:`Candidate` per anchored mention, a :class:`PersonDraft` per
person once mentions are grouped (the record's ``Person`` is made from it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .names import cached_written_name, full_name_key, short_forms


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
        return cached_written_name(tuple(self.words))

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
    forms: list[tuple[int, tuple[str, ...]]] = field(
        default_factory=list
    )  # (offset, words) of each full mention

    @property
    def name(self) -> str:
        """The name as the text first writes it in full ("President William Ruto" before "Dr William Samoei
        Ruto"), preferring a form not in ALL CAPS (a byline); else the fullest form found."""
        full = [(start, words) for start, words in self.forms if len(full_name_key(words)) > 1]
        if self.words and len(full_name_key(tuple(self.words))) > 1:
            full = [f for f in full if set(full_name_key(f[1])) <= set(self.key)]
        written = [f for f in full if not all(w.isupper() or not w[:1].isalpha() for w in f[1])]
        chosen = min(written or full, default=None)
        return cached_written_name(chosen[1] if chosen else tuple(self.words))

    @property
    def key(self) -> tuple[str, ...]:
        return full_name_key(tuple(self.words))

    @property
    def short_forms(self) -> set[str]:
        return short_forms(self.words)

"""The token view the person readers share: a document's tokens, country mentions and venues, with
small helpers (the next token, the gap before one, whether two tokens are on one line)."""

from __future__ import annotations

from ..organizations import known_organization_spans
from ..state import CountryMention, PlaceMention, State
from ..tokens import Tok
from .titles import titles
from .words import stop_words


class TokenView:
    def __init__(self, state: State):
        self.state = state
        self.text = state.text
        self.toks: list[Tok] = state.tokens()
        self._by_start: dict[int, int] | None = None
        self._capitalised: list[int] | None = None
        self.country_end: dict[int, CountryMention] = {m.end: m for m in state.country_mentions}
        self.country_start: dict[int, CountryMention] = {m.start: m for m in state.country_mentions}
        self.stop = stop_words()
        self.venue_end = {p.end: p.country for p in state.places if p.kind == "venue" and p.country}
        self.place_start: dict[int, PlaceMention] = {
            p.start: p for p in state.places if p.kind != "venue" and p.country
        }
        self.table = titles()
        self._name_words: dict[tuple[int, bool], bool] = {}
        self.lows: list[str] = [t.low for t in self.toks]  # the tokens' lower-case forms, in order
        self._headlines: dict[int, bool] = {}
        self._org_end: dict[int, str] | None = None

    @property
    def org_end(self) -> dict[int, str]:
        """Country of each known organisation with one, by the end offset of its name or acronym (made when
        first needed)."""
        if self._org_end is None:
            self._org_end = {end: iso3 for _, end, iso3 in known_organization_spans(self.text) if iso3}
        return self._org_end

    def capitalised(self) -> list[int]:
        """Indexes of the capitalised words, in order (made once)."""
        if self._capitalised is None:
            self._capitalised = [k for k, t in enumerate(self.toks) if t.is_cap and t.is_word]
        return self._capitalised

    @property
    def by_start(self) -> dict[int, int]:
        """Token index by start offset (made when first needed)."""
        if self._by_start is None:
            toks = self.toks
            self._by_start = dict(zip([t.start for t in toks], range(len(toks)), strict=True))
        return self._by_start

    def tok(self, k: int) -> Tok | None:
        return self.toks[k] if 0 <= k < len(self.toks) else None

    def gap(self, k: int) -> str:
        """Text between token k-1 and token k."""
        return self.text[self.toks[k - 1].end : self.toks[k].start] if k > 0 else ""

    def same_line(self, k: int) -> bool:
        return "\n" not in self.gap(k)

    def _on_line(self, a: int, b: int) -> bool:
        return all(self.same_line(k) for k in range(a + 1, b))

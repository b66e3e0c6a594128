"""``titles.json``: titles and roles that anchor a person mention (offices, royal positions, ranks)."""

from __future__ import annotations

from pydantic import model_validator

from .. import DataContract


class Contract(DataContract):
    strong: list[str]  # anchor a one-word name ("President Yoon")
    weak: list[str]  # need a name of two words or more ("General Motors" is no person)
    government: list[str]  # take the outlet's home country as a last resort
    portfolio_heads: list[str]  # "Minister", "Secretary": with portfolio words before or after
    portfolio_modifiers: list[str]  # "Deputy", "Acting" before a head
    portfolio_words: list[str]  # "Foreign", "Trade", "Affairs"
    counterpart: list[str]  # "counterpart", "counterparts"
    monarchs: list[str]  # known by one name alone ("King Salman")
    ranks: list[str]  # not an office a counterpart shares (King, General)
    plural_heads: dict[str, str]  # "ministers" -> "Minister"
    after_title: list[str]  # lower-case words that may follow a title in an appositive
    host_titles: list[str]  # heads of state or government a dateline's country hosts
    head_offices: list[str]  # a counterpart shares these before any other office
    small_words: list[str]  # lower-case inside a title ("of", "for")
    # a word before a head's title that makes it another body's or a lesser office ("Senate President", "Deputy
    # Prime Minister"): no sitting head of state or government, so no tenure bound on the publication date
    other_bodies: list[str] = []
    # last words of a body whose office a title names after "of (the)" ("Chairman of the National Assembly X",
    # "General Secretary of the Communist Party of Vietnam X"): the body is part of the title
    body_heads: list[str] = []

    @model_validator(mode="after")
    def _no_blank_forms(self) -> Contract:
        for name in ("strong", "weak", "portfolio_heads", "portfolio_words", "ranks"):
            blank = [f for f in getattr(self, name) if not f.strip() or f != f.strip()]
            if blank:
                raise ValueError(f"{name}: blank or padded forms {blank}")
        return self

"""One hand-built France-India article for the review tests (KB, CLI, web): a text of our own and its records."""

from __future__ import annotations

import datetime as dt

from entente.kb.testing import Article

PAIR = ("FRA", "IND")
TODAY = dt.date(2025, 6, 1)
TEXT = (
    "Paris welcomed the Indian foreign minister on 3 March 2025. The two ministers discussed space "
    "cooperation and agreed on closer work in defence. A roadmap on green hydrogen was adopted."
)


def article(meeting_date: str = "2025-03-03", rule: str = "test:event") -> Article:
    art = Article(TEXT, "fr-in.txt", published="2025-03-04")
    art.event(
        PAIR,
        "visit",
        "occurred",
        "welcomed the Indian foreign minister on 3 March 2025",
        date=meeting_date,
        place="Paris",
        place_country="FRA",
    )
    art.rel(*PAIR).events[-1].rule = rule
    art.area(PAIR, "space", "discussed", "discussed space cooperation")
    art.area(PAIR, "defence", "agreed", "closer work in defence")
    return art

"""People: the persons a document names, with honorifics, titles and country (``Person`` records).

A newcomer's map, one concern per module:

- ``honorifics.py`` — "Datuk Seri", "Dato' Seri", "His Excellency", "Sheikh"; patronymics ("bin") and
  particles ("van", "al") (``data/honorifics.json``)
- ``titles.py`` — titles and roles, portfolios ("Minister of Tourism") (``data/titles.json``)
- ``names.py`` — reading a name from the tokens, its canonical form and comparison key
- ``words.py`` — the word lists that keep names apart from other words (``data/person_words.json``)
- ``anchors.py`` — the scanner: every mention needs a title, honorific, counterpart, appositive or known leader
- ``coref.py`` — grouping mentions into people, later short mentions ("Anwar", "Kishida")
- ``country.py`` — which country a person belongs to, or ``None``
- ``known_leaders.py`` — the leaders' table as names (``data/leaders.json``)
- ``component.py`` — the spaCy component (``find_people``)
"""

from __future__ import annotations

from .component import find_people, people_component

__all__ = ["find_people", "people_component"]

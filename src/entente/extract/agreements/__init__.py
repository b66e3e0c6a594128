"""Agreements: the instruments a pair signed, exchanged, negotiates, plans or refers to.

Surface forms of each SPEC kind live in ``data/agreements.json``; signing verbs in ``data/signing.json``
(``extract/signing.py``).  A mention is an instrument when it is named ("Memorandum of Understanding on
...", "Visiting Forces Agreement", "OSA framework"), or is a kind that stands alone ("a new MoU", "FTA
negotiations", "grant aid"), or a bare head with an instrument verb or a count beside it ("signed two
agreements").  Its status is the nearest status cue in its clause; a cue governed by "will", "intend
to", "set to" makes it ``planned``.  Counted groups give one item per named instrument ("three Memoranda
... on A, B and C") or one item carrying ``count``.  Repeated mentions of one instrument are merged;
multilateral instruments (Paris Agreement, RCEP) and those with a third party are not the pair's.

Modules, by concern:

- ``lexicon``: the compiled word lists (heads by kind, multilateral names, blocs, cues, counts);
- ``titles``: an instrument's title from the words around its head, and the key of a title;
- ``mentions``: instrument mentions of a sentence (kind, title, count, named members);
- ``batches``: counted groups and their members;
- ``clauses``: clause bounds around a mention;
- ``status``: a mention's status from its clause;
- ``when``: its date and deadline;
- ``merge``: one row per instrument (``STATUS_RANK``: the order a merged row keeps);
- ``component``: the spaCy component that puts it together.
"""

from __future__ import annotations

from .component import agreements_component, extract_agreements
from .mentions import Mention, find_mentions
from .status import status_of
from .when import date_mentions, split_deadline

__all__ = [
    "Mention",
    "agreements_component",
    "date_mentions",
    "extract_agreements",
    "find_mentions",
    "split_deadline",
    "status_of",
]

"""Where the name helpers live now (kept so that ``from entente.extract.names import ...`` still works).

Word tokens: :mod:`entente.extract.tokens`.  Honorifics, patronymics, particles:
:mod:`entente.extract.people.honorifics` (``data/honorifics.json``).  Canonical names and keys:
:mod:`entente.extract.people.names`.
"""

from __future__ import annotations

from .people.honorifics import (
    Honorific,
    honorifics,
    match_honorific,
    match_patronymic,
    particles,
    patronymics,
)
from .people.names import canonical_name, name_key, title_word
from .tokens import Tok, fold, form_tokens, seq_matches, tokenize

__all__ = [
    "Honorific",
    "Tok",
    "canonical_name",
    "fold",
    "form_tokens",
    "honorifics",
    "match_honorific",
    "match_patronymic",
    "name_key",
    "particles",
    "patronymics",
    "seq_matches",
    "title_word",
    "tokenize",
]

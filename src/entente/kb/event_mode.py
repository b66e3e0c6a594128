"""Whether an event was held remotely (a phone or video call, a virtual summit) or in person.

Read when a record's events are stored (``data["remote"]``), from the words of their evidence sentences
(``remote_event_words`` of ``data/kb_merge.json``).  The merge lets a held event promote an announced one
only when both are calls or both are in person (:func:`entente.kb.event_rules._confirms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from ..data import load


@cache
def _remote_re() -> re.Pattern[str]:
    words = sorted(load("kb_merge.json").remote_event_words, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)


def is_remote(texts: Iterable[str]) -> bool:
    """Whether the evidence texts of an event say it was (or will be) a call."""
    pattern = _remote_re()
    return any(pattern.search(t or "") for t in texts)

"""Optional metadata header: ``key: value`` lines closed by a line ``---``.

The header is removed from the text; offsets refer to the text after it.
"""

from __future__ import annotations

import re

KNOWN_KEYS = {"published", "date", "outlet", "url", "title", "source", "id"}
_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(.*)$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Return ``(metadata, body)``; ``({}, text)`` when there is no valid header."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[:40]):
        if line.strip() == "---":
            if meta and any(k in KNOWN_KEYS for k in meta):
                return meta, "\n".join(lines[i + 1 :])
            return {}, text
        m = _LINE.match(line.strip())
        if not m:
            return {}, text
        meta[m.group(1).lower()] = m.group(2).strip()
    return {}, text

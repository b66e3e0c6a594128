"""Publication date: from metadata first, else from the text (see the issue on dates)."""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")


def parse_metadata_date(value: str) -> tuple[str, str] | None:
    """``(date, precision)`` from a metadata value such as ``2024-11-25`` or ``2024-11``."""
    m = _ISO.match(value)
    if m:
        y, mo, d = m.groups()
        try:
            if d:
                return date(int(y), int(mo), int(d)).isoformat(), "day"
            if mo:
                date(int(y), int(mo), 1)
                return f"{int(y):04d}-{int(mo):02d}", "month"
            return f"{int(y):04d}", "year"
        except ValueError:
            return None
    try:
        import dateparser

        parsed = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:
        parsed = None
    return (parsed.date().isoformat(), "day") if parsed else None


@Language.component("entente_published")
def published_component(doc: Doc) -> Doc:
    return doc

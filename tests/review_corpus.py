"""One hand-built France-India article for the review tests (KB, CLI, web): a text of our own and its records."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

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


def review_client(tmp_path: Path, token: str) -> Iterator:
    """A FastAPI test client on a fresh KB holding :func:`article` (``client.doc_id`` its id), written with
    ``token`` as the API token; the KB is closed after."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx`")
        from fastapi.testclient import TestClient
    from entente.kb import open_kb
    from entente.kb.ingest import ingest
    from entente.kb.testing import TableExtractor
    from entente.web import create_app

    kb = open_kb(tmp_path / "kb.db")
    art = article()
    with kb.session() as s:
        ingest(s, [art.document()], extractor=TableExtractor([art]))
    with TestClient(create_app(kb=kb, api_token=token)) as c:
        c.doc_id = art.document().sha256
        yield c
    kb.close()


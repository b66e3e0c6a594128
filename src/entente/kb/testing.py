"""Helpers for tests and benchmarks of the knowledge base.

:class:`Article` builds a document and its ``entente.record/1`` directly (facts
pinned to substrings of the text), so the KB can be tested against the record
contract without depending on what the extraction pipeline currently finds.
:class:`TableExtractor` returns those records from ``extract(document)``.
:func:`test_db_urls` / :func:`fresh_database` give SQLite and (when
``ENTENTE_TEST_PG_URL`` is set) throwaway PostgreSQL databases.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..read.document import Document, normalise
from ..record import (
    Agreement,
    Area,
    Commitment,
    DateValue,
    DocInfo,
    Event,
    Figure,
    Level,
    Person,
    Place,
    Published,
    Record,
    Relation,
    Span,
)

PG_ENV = "ENTENTE_TEST_PG_URL"


def date_value(value: str | None, end: str | None = None) -> DateValue | None:
    if value is None:
        return None
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    return DateValue(start=value, end=end, precision=precision, text=value)


class Article:
    """A test article: text plus facts pinned to substrings of it (first occurrence)."""

    def __init__(
        self,
        text: str,
        name: str,
        published: str | None = None,
        title: str | None = None,
        url: str | None = None,
    ):
        self.text = normalise(text)
        self.name, self.published, self.title, self.url = name, published, title, url
        self.people: list[Person] = []
        self.relations: dict[tuple[str, str], Relation] = {}

    def span(self, needle: str) -> Span:
        start = self.text.find(needle)
        if start < 0:
            raise ValueError(f"{needle!r} is not in the text of {self.name}")
        return Span(start=start, end=start + len(needle), text=needle)

    def rel(self, a: str, b: str) -> Relation:
        pair = tuple(sorted((a, b)))
        if pair not in self.relations:
            self.relations[pair] = Relation(pair=list(pair))
        return self.relations[pair]

    def person(self, name: str, country: str | None, *mentions: str, titles: tuple[str, ...] = ()) -> str:
        pid = f"p{len(self.people) + 1}"
        self.people.append(
            Person(
                id=pid,
                name=name,
                country=country,
                titles=list(titles),
                mentions=[self.span(m) for m in mentions or (name,)],
            )
        )
        return pid

    def event(
        self,
        pair,
        kind,
        status,
        evidence,
        date=None,
        date_end=None,
        place=None,
        place_country=None,
        participants=(),
    ) -> Article:
        self.rel(*pair).events.append(
            Event(
                kind=kind,
                status=status,
                date=date_value(date, date_end),
                place=Place(name=place, country=place_country) if place else None,
                participants=list(participants),
                evidence=[self.span(evidence)],
                rule="test:event",
            )
        )
        return self

    def level(self, pair, level, status, evidence, date=None, previous=None) -> Article:
        self.rel(*pair).levels.append(
            Level(
                level=level,
                status=status,
                date=date_value(date),
                previous=previous,
                evidence=[self.span(evidence)],
                rule="test:level",
            )
        )
        return self

    def area(self, pair, area, status, evidence) -> Article:
        self.rel(*pair).areas.append(
            Area(area=area, status=status, evidence=[self.span(evidence)], rule="test:area")
        )
        return self

    def agreement(self, pair, kind, status, evidence, title=None, date=None, areas=()) -> Article:
        self.rel(*pair).agreements.append(
            Agreement(
                kind=kind,
                title=title,
                status=status,
                date=date_value(date),
                areas=list(areas),
                evidence=[self.span(evidence)],
                rule="test:agreement",
            )
        )
        return self

    def commitment(self, pair, text, evidence, deadline=None, areas=()) -> Article:
        self.rel(*pair).commitments.append(
            Commitment(
                text=text,
                deadline=date_value(deadline),
                areas=list(areas),
                evidence=[self.span(evidence)],
                rule="test:commitment",
            )
        )
        return self

    def figure(self, pair, metric, value, unit, evidence, period=None, kind=None) -> Article:
        """A figure; ``kind`` ("target", "pledge"; default: an actual value) as the record carries it."""
        extra = {"kind": kind} if kind else {}
        self.rel(*pair).figures.append(
            Figure(
                metric=metric,
                value=value,
                unit=unit,
                period=period,
                evidence=[self.span(evidence)],
                rule="test:figure",
                **extra,
            )
        )
        return self

    def document(self) -> Document:
        return Document(
            text=self.text,
            name=self.name,
            source=self.name,
            title=self.title,
            url=self.url,
            published=self.published,
        )

    def record(self) -> Record:
        doc = self.document()
        published = (
            Published(date=self.published, precision="day", basis="metadata")
            if self.published
            else Published()
        )
        info = DocInfo(
            id=doc.sha256,
            name=self.name,
            title=self.title,
            url=self.url,
            published=published,
            text_sha256=doc.sha256,
            chars=len(self.text),
        )
        for rel in self.relations.values():
            if not rel.evidence:
                first = next((f.evidence[0] for f in rel.events + rel.areas + rel.levels), None)
                rel.evidence = [first] if first else []
        return Record(
            doc=info, people=self.people, relations=[self.relations[k] for k in sorted(self.relations)]
        )


class TableExtractor:
    """An extractor answering with prepared records (by document text); ``delay`` slows each call."""

    def __init__(self, articles: list[Article] = (), delay: float = 0.0):
        self.records = {a.document().sha256: a.record() for a in articles}
        self.delay = delay
        self.calls = 0

    def add(self, article: Article) -> None:
        self.records[article.document().sha256] = article.record()

    def extract(self, document: Document, published: str | None = None) -> Record:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        if document.sha256 not in self.records:
            raise KeyError(f"no prepared record for {document.name}")
        return self.records[document.sha256]


def numbered_corpus(n: int) -> list[Article]:
    """``n`` distinct small articles over a few pairs (for the interrupted-ingest test and benchmarks)."""
    pairs = [("JPN", "MYS"), ("KOR", "MYS"), ("MYS", "USA"), ("FRA", "IND")]
    out = []
    for i in range(n):
        a, b = pairs[i % len(pairs)]
        day = 1 + i % 28
        text = (
            f"Report {i}. Ministers of {a} and {b} met in the capital on day {day} and agreed to "
            f"deepen trade ties. They also discussed energy security and signed a note on item {i}."
        )
        art = Article(text, f"doc{i:05d}.txt", published=f"2024-03-{day:02d}")
        art.event(
            (a, b), "meeting", "occurred", f"met in the capital on day {day}", date=f"2024-03-{day:02d}"
        )
        art.area((a, b), "trade", "agreed", "deepen trade ties")
        art.area((a, b), "energy", "discussed", "energy security")
        art.agreement(
            (a, b), "exchange_of_notes", "signed", f"signed a note on item {i}", title=f"Note on item {i}"
        )
        out.append(art)
    return out


def pg_server_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@contextmanager
def fresh_database(kind: str, tmp: Path, server_url: str | None = None) -> Iterator[str]:
    """A URL of an empty database: an SQLite file under ``tmp`` or a new PostgreSQL database (dropped after)."""
    if kind == "sqlite":
        yield str(tmp / f"kb-{uuid.uuid4().hex[:8]}.db")
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(server_url or pg_server_url() or "")
    name = f"entente_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

"""The tables, as SQLAlchemy 2 ORM models (the Alembic migrations create exactly these).

- ``documents``: text, metadata, the stored record and the pipeline version (migration 0004 adds
  ``ix_documents_listing`` on (published DESC, name, id), with NULLS LAST on PostgreSQL, for the
  documents listing: declared there only, as its NULLS clause differs between the backends).
- ``facts``: one row per extracted fact of a document (person, organization, event,
  level, area, agreement, commitment, figure), its JSON in ``data``.
- ``spans``: the evidence spans of each fact; ``sentences``: the sentence around
  each span, full-text indexed (SQLite FTS5 ``sentences_fts`` / PostgreSQL ``tsv``).
- ``merged`` + ``merged_sources``: the merged view across documents, each merged
  fact linked to every fact (hence every span) it came from; ``merged.source_count``
  (documents reporting it) and ``merged.recent_fact_ids`` (its facts in the most recent
  reporting documents) are precomputed by the merge so queries need not read every source.
- ``pair_profiles``: each pair's profile, built with its merged view (a materialised ``show``).
- ``dirty``: scopes (a pair, or people) whose merged view must be recomputed.
- ``feed_items``: feed entries already fetched.
- ``reviews``: analysts' reviews of facts (migration 0006; see :mod:`entente.kb.reviews`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the normalised text
    name: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    published_precision: Mapped[str | None] = mapped_column(String(8))
    chars: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict] = mapped_column(JSON)
    pipeline_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)


class FactRow(Base):
    __tablename__ = "facts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(16))
    pair_a: Mapped[str | None] = mapped_column(String(3))
    pair_b: Mapped[str | None] = mapped_column(String(3))
    local_id: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str | None] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))
    rule: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)
    __table_args__ = (Index("ix_facts_pair_type", "pair_a", "pair_b", "type"), Index("ix_facts_type", "type"))


class SentenceRow(Base):
    __tablename__ = "sentences"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("doc_id", "start", name="uq_sentences_doc_start"),)


class SpanRow(Base):
    __tablename__ = "spans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sentence_id: Mapped[int | None] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"), index=True)


class MergedRow(Base):
    __tablename__ = "merged"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    pair_a: Mapped[str | None] = mapped_column(String(3))
    pair_b: Mapped[str | None] = mapped_column(String(3))
    key: Mapped[str] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict] = mapped_column(JSON)
    source_count: Mapped[int | None] = mapped_column(Integer)  # distinct documents (None: not precomputed)
    recent_fact_ids: Mapped[list | None] = mapped_column(JSON)  # facts of the most recent reporting documents
    __table_args__ = (
        Index("ix_merged_pair_type", "pair_a", "pair_b", "type"),
        Index("ix_merged_pair_b_type", "pair_b", "type"),
        Index("ix_merged_type_date", "type", "date"),
        Index("ix_merged_type_key", "type", "key"),
    )


class MergedSourceRow(Base):
    __tablename__ = "merged_sources"
    merged_id: Mapped[int] = mapped_column(ForeignKey("merged.id", ondelete="CASCADE"), primary_key=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True, index=True)


class DirtyRow(Base):
    __tablename__ = "dirty"
    scope: Mapped[str] = mapped_column(String(32), primary_key=True)  # "pair:JPN-MYS" or "people"


class FeedItemRow(Base):
    __tablename__ = "feed_items"
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    feed_url: Mapped[str] = mapped_column(Text)
    doc_id: Mapped[str | None] = mapped_column(String(64))
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime)


class PairProfileRow(Base):
    """A pair's profile as built by the merge (JSON of ``entente.kb.profile_cache.CachedProfile``): what does not
    depend on the query's ``today`` (deadline states) or on the people merge (the pair's people)."""

    __tablename__ = "pair_profiles"
    pair_a: Mapped[str] = mapped_column(String(3), primary_key=True)
    pair_b: Mapped[str] = mapped_column(String(3), primary_key=True)
    max_sources: Mapped[int] = mapped_column(Integer)  # sources kept per fact
    body: Mapped[str] = mapped_column(Text)


class ReviewRow(Base):
    """One analyst review of a fact of a document: ``action`` accept | reject | correct | add, the fact named by
    its stable key (:mod:`entente.kb.fact_keys`). No foreign key: a review outlives a re-extraction."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(64))
    fact_kind: Mapped[str] = mapped_column(String(16))
    fact_key: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(8))
    fields: Mapped[dict | None] = mapped_column(JSON)
    spans: Mapped[list | None] = mapped_column(JSON)
    reviewer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_reviews_doc", "doc_id"),)

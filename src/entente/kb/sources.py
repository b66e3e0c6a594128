"""The sources of merged facts: per reporting document a :class:`~entente.kb.views.SourceRef` with its
evidence spans, built from the fact, span and document rows (trusted rows of our own tables, so without
pydantic's validation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..record import Span
from .rule_facts import RECENT_SOURCES
from .rules import recency
from .sqlutil import chunks, in_list, select_rows
from .views import SourceRef

if TYPE_CHECKING:
    from .sqlutil import Reader


def source_ref(
    doc_id: str, published: str | None, name: str, title: str | None, outlet: str | None, url: str | None
) -> SourceRef:
    """A document as a profile's source (its spans added per item)."""
    return SourceRef.model_construct(
        doc_id=doc_id, name=name, title=title, outlet=outlet, url=url, published=published, spans=[]
    )


def docs_of(db: Reader, doc_ids: set[str]) -> dict[str, SourceRef]:
    out: dict[str, SourceRef] = {}
    for chunk in chunks(sorted(doc_ids)):
        for doc_id, name, title, outlet, url, published in select_rows(
            db,
            f"SELECT id, name, title, outlet, url, published FROM documents WHERE id IN {in_list(len(chunk))}",
            chunk,
        ):
            out[doc_id] = source_ref(doc_id, published, name, title, outlet, url)
    return out


FactSpans = dict[int, tuple[str, dict[tuple[int, int], str]]]  # fact id -> (doc id, {(start, end): text})


def fact_spans(db: Reader, fact_ids: set[int]) -> FactSpans:
    out: FactSpans = {}
    for chunk in chunks(sorted(fact_ids)):
        for fact_id, doc_id, start, end, text in select_rows(
            db,
            'SELECT facts.id, facts.doc_id, spans.start, spans."end", spans.text FROM facts'
            f" LEFT OUTER JOIN spans ON spans.fact_id = facts.id WHERE facts.id IN {in_list(len(chunk))}",
            chunk,
        ):
            spans = out.setdefault(fact_id, (doc_id, {}))[1]
            if start is not None:
                spans[(start, end)] = text
    return out


def construct_plain(cls: type[BaseModel]):
    """A function building ``cls.model_construct(**values)`` from a dict ``values`` naming every field of ``cls``
    (trusted rows of our own tables): the same ``__dict__``, fields set, extra (``{}`` when the model allows
    extra fields, else None) and private (None), without :meth:`~pydantic.BaseModel.model_construct`'s loop
    over the fields for aliases and defaults (a few µs per object; profiles hold thousands of sources and
    spans).  ``model_construct`` itself for a model with a post-init or a root model."""
    if cls.__pydantic_root_model__ or cls.__pydantic_post_init__ is not None:
        return lambda values: cls.model_construct(**values)
    new, put = cls.__new__, object.__setattr__
    fields = frozenset(cls.model_fields)
    allow_extra = cls.model_config.get("extra") == "allow"

    def build(values: dict) -> BaseModel:
        assert values.keys() == fields, f"{cls.__name__}: {sorted(values)}"
        m = new(cls)
        put(m, "__dict__", values)
        put(m, "__pydantic_fields_set__", set(fields))
        put(m, "__pydantic_extra__", {} if allow_extra else None)
        put(m, "__pydantic_private__", None)
        return m

    return build


_span = construct_plain(Span)
_source = construct_plain(SourceRef)


def refs(
    fact_ids: list[int], facts: FactSpans, docs: dict[str, SourceRef], max_sources: int | None
) -> tuple[list[SourceRef], int]:
    """The sources of the given facts (one per document, its spans merged), the ``max_sources`` most
    recent oldest first, and how many documents there are."""
    per_doc: dict[str, dict[tuple[int, int], str]] = {}
    for fid in fact_ids:
        if fid in facts:
            doc_id, spans = facts[fid]
            per_doc.setdefault(doc_id, {}).update(spans)
    keyed = sorted((recency(docs[d].published, docs[d].name), d) for d in per_doc if d in docs)
    if max_sources is not None:
        keyed = keyed[-max_sources:] if max_sources > 0 else []
    out = []
    for _, doc_id in keyed:
        d = docs[doc_id]
        spans = [_span({"start": s, "end": e, "text": t}) for (s, e), t in sorted(per_doc[doc_id].items())]
        # trusted rows of our own tables: no validation needed
        out.append(
            _source(
                {
                    "doc_id": d.doc_id,
                    "name": d.name,
                    "title": d.title,
                    "outlet": d.outlet,
                    "url": d.url,
                    "published": d.published,
                    "spans": spans,
                }
            )
        )
    return out, len(per_doc)


def load_sources(db: Reader, fact_ids: set[int]) -> tuple[FactSpans, dict[str, SourceRef]]:
    facts = fact_spans(db, fact_ids)
    return facts, docs_of(db, {doc_id for doc_id, _ in facts.values()})


def merged_sources(db: Reader, rows: list, max_sources: int | None) -> dict[int, tuple[list[SourceRef], int]]:
    """merged id -> (its sources, the number of documents reporting it).

    With a cap no larger than :data:`RECENT_SOURCES`, only the precomputed facts of the most
    recent reports are read (a merged row from before that column existed falls back to all)."""
    fast = max_sources is not None and max_sources <= RECENT_SOURCES
    wanted: dict[int, list[int]] = {}
    slow = [r.id for r in rows if not fast or r.recent_fact_ids is None]
    for chunk in chunks(slow):
        for merged_id, fact_id in select_rows(
            db,
            f"SELECT merged_id, fact_id FROM merged_sources WHERE merged_id IN {in_list(len(chunk))}",
            chunk,
        ):
            wanted.setdefault(merged_id, []).append(fact_id)
    if fast:
        for r in rows:
            if r.recent_fact_ids is not None:
                wanted[r.id] = list(r.recent_fact_ids)
    facts, docs = load_sources(db, {f for ids in wanted.values() for f in ids})
    out = {}
    for r in rows:
        found, count = refs(wanted.get(r.id, []), facts, docs, max_sources)
        if fast and r.recent_fact_ids is not None and r.source_count is not None:
            count = r.source_count
        out[r.id] = (found, count)
    return out

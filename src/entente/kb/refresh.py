"""Refreshing the merged view: the machinery around the merge rules (:mod:`entente.kb.rules`).

:func:`refresh_merged` recomputes the merged rows, their links to their facts and the stored pair profiles
(:mod:`entente.kb.profile_cache`) of every scope marked dirty: the pairs cut into chunks that bound the facts
held at once, each chunk read with a few driver statements, merged, and written at once; a
:data:`ChunkRunner` may compute the chunks elsewhere (worker processes) while this writes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..gcpause import collector_paused
from . import jsontext
from .profile_cache import conflict_fact_ids, profile_body
from .review_apply import corrections_win, merged_provenance
from .rule_facts import RECENT_SOURCES, F, Merged
from .rules import merge_pair, merge_people, source_summary
from .schema import DirtyRow, FactRow, MergedRow, MergedSourceRow
from .sources import source_ref
from .sqlutil import DOC_CHUNK, IN_CHUNK, driver_rows, insert_rows, insert_rows_at_once, marks, of_pairs
from .sqlutil import chunks as chunks_of
from .store import PEOPLE_SCOPE, ids_used_to, lock_for_merge, reserve_ids

_FACT_COLUMNS = (
    FactRow.id,
    FactRow.doc_id,
    FactRow.type,
    FactRow.kind,
    FactRow.status,
    FactRow.date,
    FactRow.data,
)


def _with_documents(conn, rows: list, refs: dict | None = None) -> list[F]:
    """:class:`F` of fact rows (``_FACT_COLUMNS``), with their documents' date and name read once per document
    (not joined per fact: a document row is large, and a pair's facts come from far fewer documents).

    With ``refs``, it also receives doc id -> :class:`~entente.record.SourceRef` (sources as profiles show
    them) of those documents."""
    docs: dict[str, tuple[str | None, str | None]] = {}
    ids = sorted({row[1] for row in rows})
    columns = "id, published, name" if refs is None else "id, published, name, title, outlet, url"
    for chunk in chunks_of(ids, DOC_CHUNK):
        for row in driver_rows(
            conn, f"SELECT {columns} FROM documents WHERE id IN ({marks(conn, len(chunk))})", chunk
        ):
            docs[row[0]] = (row[1], row[2])
            if refs is not None:
                refs[row[0]] = source_ref(*row)
    out = []
    for fid, doc_id, type_, kind, status, date, data in rows:
        if doc_id in docs:  # (a fact always has its document: the foreign key)
            published, name = docs[doc_id]
            out.append(F(fid, doc_id, published, type_, kind, status, date, data, name))
    return out


def _pairs_facts(conn, pairs: list[tuple[str, str]]) -> list[tuple]:
    """All the facts of ``pairs`` (``pair_a``, ``pair_b``, then ``_FACT_COLUMNS``), their relations too (they
    count a pair's documents), by pair, type and id."""
    where, params = of_pairs(conn, pairs)
    rows = driver_rows(
        conn,
        "SELECT pair_a, pair_b, id, doc_id, type, kind, status, date, data FROM facts "
        f"WHERE {where} ORDER BY pair_a, pair_b, type, id",
        params,
    )
    # (SQLite gives the JSON text, psycopg the parsed value)
    return [row if not isinstance(row[8], str) else (*row[:8], jsontext.loads(row[8])) for row in rows]


def _drop_pairs(conn, pairs: list[tuple[str, str]]) -> None:
    """Delete the merged rows, their links and the profiles of ``pairs``."""
    where, params = of_pairs(conn, pairs)
    driver_rows(
        conn, f"DELETE FROM merged_sources WHERE merged_id IN (SELECT id FROM merged WHERE {where})", params
    )
    driver_rows(conn, f"DELETE FROM merged WHERE {where}", params)
    driver_rows(conn, f"DELETE FROM pair_profiles WHERE {where}", params)


def _pair_of(scope: str) -> tuple[str, str]:
    a, b = scope.removeprefix("pair:").split("-")
    return a, b


PAIR_CHUNK = 100  # pairs refreshed with one set of statements, at most
FACT_CHUNK = (
    20_000  # facts held at once by a refresh, at most (but a pair's own facts are always merged at once)
)


def _fact_counts(conn, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """How many facts each of ``pairs`` has (an index lookup per pair)."""
    out: dict[tuple[str, str], int] = {}
    for i in range(0, len(pairs), PAIR_CHUNK):
        where, params = of_pairs(conn, pairs[i : i + PAIR_CHUNK])
        for a, b, n in driver_rows(
            conn, f"SELECT pair_a, pair_b, COUNT(*) FROM facts WHERE {where} GROUP BY pair_a, pair_b", params
        ):
            out[(a, b)] = n
    return out


def pair_chunks(
    pairs: list[tuple[str, str]],
    counts: dict[tuple[str, str], int],
    max_pairs: int = PAIR_CHUNK,
    max_facts: int = FACT_CHUNK,
) -> list[list[tuple[str, str]]]:
    """``pairs`` in order, cut into runs of at most ``max_pairs`` pairs and ``max_facts`` facts (a pair with more
    facts than that alone): a refresh holds one run's facts, however large the KB's pairs grow."""
    chunks: list[list[tuple[str, str]]] = []
    run: list[tuple[str, str]] = []
    held = 0
    for pair in pairs:
        n = counts.get(pair, 0)
        if run and (len(run) >= max_pairs or held + n > max_facts):
            chunks.append(run)
            run, held = [], 0
        run.append(pair)
        held += n
    if run:
        chunks.append(run)
    return chunks


@dataclass
class PairsMerged:
    """The merged view of some pairs, computed from their facts but not written yet: per merged item its pair,
    the item and its :func:`source_summary`; per pair its number of documents; the facts and their documents
    (as profiles show them) by id."""

    merged: list[tuple[tuple[str, str], Merged, dict]]
    ndocs: dict[tuple[str, str], int]
    facts: dict[int, F]
    refs: dict


def merge_pairs(conn, pairs: list[tuple[str, str]]) -> PairsMerged:
    """Read the facts and documents of ``pairs`` (a few statements for all of them) and merge them, pair by pair
    in the order of ``pairs`` (the order their rows' ids follow)."""
    per_pair: dict[tuple[str, str], list] = {pair: [] for pair in pairs}
    ndocs: dict[tuple[str, str], set[str]] = {pair: set() for pair in pairs}
    for a, b, *cols in _pairs_facts(conn, pairs):
        if cols[2] == "relation":
            ndocs[(a, b)].add(cols[1])
        else:
            per_pair[(a, b)].append(cols)
    refs: dict = {}
    facts = _with_documents(conn, [cols for rows in per_pair.values() for cols in rows], refs)
    by_id = {f.id: f for f in facts}
    merged: list[tuple[tuple[str, str], Merged, dict]] = []
    for pair, rows in per_pair.items():
        pair_facts = [by_id[cols[0]] for cols in rows if cols[0] in by_id]
        for m in merge_pair(pair_facts):
            provenance = merged_provenance(by_id[f].data.get("provenance") for f in m.fact_ids if f in by_id)
            if provenance != "machine":  # (machine-only rows stay as they were)
                m.data, columns = corrections_win(m.data, [by_id[f].data for f in m.fact_ids if f in by_id])
                m.data["provenance"] = provenance
                m.status, m.date = columns.get("status", m.status), columns.get("date", m.date)
            merged.append((pair, m, source_summary(m.fact_ids, by_id)))
    return PairsMerged(merged, {pair: len(docs) for pair, docs in ndocs.items()}, by_id, refs)


@dataclass
class PairRows:
    """What a refresh of some pairs inserts: ``merged`` rows (JSON serialised), their ``links`` to their facts
    (``merged_sources``) and the pairs' ``profiles``; ``last_id``: the largest merged id (0: none)."""

    merged: list[tuple]
    links: list[tuple]
    profiles: list[tuple]
    last_id: int = 0


def pair_rows(conn, pairs: list[tuple[str, str]], first_id: Callable[[int], int]) -> PairRows:
    """The rows of the merged view of ``pairs``, computed from the stored facts without writing anything.
    ``first_id(n)``: the first of ``n`` consecutive fresh merged ids (called once, between merging and reading
    the spans the profiles show)."""
    computed = merge_pairs(conn, pairs)
    first = first_id(len(computed.merged))
    if not computed.merged:
        return PairRows([], [], [])
    items = [(m, summary) for _, m, summary in computed.merged]
    ids = range(first, first + len(items))
    rows = _merged_rows(ids, items, [pair for pair, _, _ in computed.merged])
    merged, links = _serialised(rows, items)
    return PairRows(
        merged, links, profile_rows(conn, rows, computed.ndocs, computed.facts, computed.refs), ids[-1]
    )


def write_pair_rows(conn, rows: PairRows) -> None:
    """Insert what :func:`pair_rows` computed (in the caller's transaction, the pairs' old rows dropped), or
    merged people and their links (no profiles)."""
    insert_rows_at_once(conn, "merged", _MERGED_COLUMNS, rows.merged)
    insert_rows_at_once(conn, "merged_sources", ("merged_id", "fact_id"), rows.links)
    insert_rows(conn, "pair_profiles", PROFILE_COLUMNS, rows.profiles)


def _refresh_pairs(session: Session, pairs: list[tuple[str, str]]) -> None:
    """Recompute the merged rows and stored profiles of ``pairs``, a few statements for all of them: their
    facts and documents are read at once, their old rows dropped at once, and their new rows (ids in the
    order of ``pairs``, as one pair at a time would give) written at once."""
    conn = session.connection()

    def first_id(n: int) -> int:
        _drop_pairs(conn, pairs)
        return reserve_ids(session, MergedRow.__table__, n)[0] if n else 0

    write_pair_rows(conn, pair_rows(conn, pairs, first_id))


class _Written:
    """A merged row as written (what the profile reads of a row), without reading it back."""

    __slots__ = (
        "id",
        "type",
        "pair_a",
        "pair_b",
        "key",
        "status",
        "date",
        "conflict",
        "data",
        "source_count",
        "recent_fact_ids",
    )

    def __init__(self, row: tuple):
        for name, value in zip(self.__slots__, row, strict=True):
            setattr(self, name, value)


_MERGED_COLUMNS = _Written.__slots__
PROFILE_COLUMNS = ("pair_a", "pair_b", "max_sources", "body")


def _merged_rows(
    ids: Iterable[int],
    items: list[tuple[Merged, dict]],
    pairs: list[tuple[str, str]] | list[tuple[None, None]],
) -> list[tuple]:
    """Values of :data:`_MERGED_COLUMNS` of merged items (each with its :func:`source_summary` and pair)."""
    return [
        (
            mid,
            m.type,
            pair[0],
            pair[1],
            m.key[:2000],
            m.status,
            m.date,
            m.conflict,
            m.data,
            summary["source_count"],
            summary["recent_fact_ids"],
        )
        for mid, (m, summary), pair in zip(ids, items, pairs, strict=True)
    ]


def _serialised(rows: list[tuple], items: list[tuple[Merged, dict]]) -> tuple[list[tuple], list[tuple]]:
    """The merged ``rows`` as inserted (JSON columns serialised as the engine's JSON columns store them: see
    db.make_engine) and the links of each to its facts."""
    dumps = jsontext.dumps
    merged = [(*row[:8], dumps(row[8]), row[9], dumps(row[10])) for row in rows]
    links = [
        (row[0], fid) for row, (m, _) in zip(rows, items, strict=True) for fid in sorted(set(m.fact_ids))
    ]
    return merged, links


def _write_merged(
    session: Session, items: list[tuple[Merged, dict]], pairs: list[tuple[str | None, str | None]], conn=None
) -> list[tuple]:
    """Insert merged items (each with its :func:`source_summary` and pair) and their links to their facts;
    return the rows inserted (values of :data:`_MERGED_COLUMNS`), in id order."""
    conn = conn if conn is not None else session.connection()
    ids = reserve_ids(
        session, MergedRow.__table__, len(items)
    )  # (the merge lock is held: SQLite's write lock)
    rows = _merged_rows(ids, items, pairs)
    write_pair_rows(conn, PairRows(*_serialised(rows, items), profiles=[]))
    return rows


PEOPLE_FLUSH = 2000  # merged people written at a time


def _refresh_people(session: Session) -> None:
    """Recompute the merged people, one name at a time: the person facts are read in the order of their
    name key, and each name's facts are merged and dropped before the next are read, so memory
    holds one name's facts, not every person of the KB (people merge only within a name)."""
    conn = session.connection()
    old = select(MergedRow.id).where(MergedRow.type == "person")
    conn.execute(delete(MergedSourceRow.__table__).where(MergedSourceRow.merged_id.in_(old)))
    conn.execute(delete(MergedRow.__table__).where(MergedRow.type == "person"))
    # the name key (kb.names: honorifics and bin/al- aside) stored with the fact; facts stored before it was
    # kept group by their lower-cased name
    name = func.coalesce(FactRow.data["name_key"].as_string(), func.lower(FactRow.data["name"].as_string()))
    # read apart from the writes (a second connection would not see this transaction's facts; a fetched
    # list of ids would grow with the KB): the rows stream in chunks, the merged people are written between
    rows = conn.execute(
        select(name, *_FACT_COLUMNS)
        .where(FactRow.type == "person")
        .order_by(name, FactRow.id)
        .execution_options(stream_results=True, yield_per=1000)
    )  # (per statement: not the connection's)
    out: list[tuple[Merged, dict]] = []
    group: list = []
    current: object = None

    def merge_group() -> None:
        facts = _with_documents(conn, group)
        by_id = {f.id: f for f in facts}
        out.extend((m, source_summary(m.fact_ids, by_id)) for m in merge_people(facts))
        group.clear()
        if len(out) >= PEOPLE_FLUSH:
            _write_merged(session, out, [(None, None)] * len(out), conn)
            out.clear()

    for key, *cols in rows:
        if key != current and group:
            merge_group()
        current = key
        group.append(cols)
    if group:
        merge_group()
    if out:
        _write_merged(session, out, [(None, None)] * len(out), conn)


def profile_rows(
    conn, rows: list[tuple], ndocs: dict[tuple[str, str], int], facts: dict[int, F], refs: dict
) -> list[tuple]:
    """The profiles (what ``show`` returns with the default number of sources; values of
    :data:`PROFILE_COLUMNS`) of the pairs of the merged ``rows``, from those rows: only the spans of the facts
    the profiles show are read."""
    per_pair: dict[tuple[str, str], list[_Written]] = defaultdict(list)
    for row in rows:
        per_pair[(row[2], row[3])].append(_Written(row))
    wanted: set[int] = set()
    for merged in per_pair.values():
        wanted |= {fid for m in merged for fid in m.recent_fact_ids} | conflict_fact_ids(merged)
    spans: dict[int, tuple[str, dict[tuple[int, int], str]]] = {
        fid: (facts[fid].doc_id, {}) for fid in sorted(wanted) if fid in facts
    }
    ids = list(spans)
    for chunk in chunks_of(ids, IN_CHUNK):
        for fid, start, end, text in driver_rows(
            conn,
            f'SELECT fact_id, start, "end", text FROM spans WHERE fact_id IN ({marks(conn, len(chunk))})',
            chunk,
        ):
            spans[fid][1][(start, end)] = text
    return [
        (a, b, RECENT_SOURCES, profile_body(a, b, merged, ndocs[(a, b)], spans, refs))
        for (a, b), merged in per_pair.items()
    ]


ChunkRunner = Callable[[list[list[tuple[str, str]]], int], Iterator[PairRows]]
"""Computes the :class:`PairRows` of chunks of pairs elsewhere (e.g. in worker processes with connections of
their own: they see the committed facts only), each with :func:`pair_rows`, the merged ids consecutive from the
given first one in chunk order (as one chunk after the other would draw them); yields them in chunk order."""


RUNNER_CHUNKS = 16  # chunks a runner gets, at least (if they hold RUNNER_MIN_PAIRS pairs)
RUNNER_MIN_PAIRS = 8
RUNNER_FACT_CHUNK = FACT_CHUNK // 4  # facts a runner's chunk holds, at most: several are held at once


def refresh_merged(session: Session, runner: ChunkRunner | None = None) -> int:
    """Recompute the merged view of every dirty scope (in the caller's transaction); return how many.

    Takes the KB's merge lock first (held to the end of the transaction), so concurrent writers merge
    one after the other, each reading the dirty scopes and facts the previous one committed.  The garbage
    collector is paused meanwhile (see :func:`entente.gcpause.collector_paused`).

    ``runner``: computes the pairs' rows elsewhere while this writes them (the end of an ingest: every fact
    committed); people are merged here."""
    with collector_paused():
        return _refresh_merged(session, runner)


def _refresh_merged(session: Session, runner: ChunkRunner | None) -> int:
    lock_for_merge(session)
    # Claim the marks before reading any fact: a writer committing facts after this statement marks its
    # scope again (its insert waits for this transaction), so no mark is lost between read and delete.
    scopes = sorted(session.scalars(delete(DirtyRow).returning(DirtyRow.scope)))
    pairs = [_pair_of(scope) for scope in scopes if scope != PEOPLE_SCOPE]
    counts = _fact_counts(session.connection(), pairs)
    if runner is not None and len(pairs) >= 2 * RUNNER_MIN_PAIRS:
        # smaller chunks than one process takes, so that the processes running them finish close together
        size = min(PAIR_CHUNK, max(RUNNER_MIN_PAIRS, -(-len(pairs) // RUNNER_CHUNKS)))
        _refresh_chunks(
            session, pair_chunks(pairs, counts, max_pairs=size, max_facts=RUNNER_FACT_CHUNK), runner
        )
    else:
        for chunk in pair_chunks(pairs, counts):
            _refresh_pairs(session, chunk)
    if PEOPLE_SCOPE in scopes:
        _refresh_people(session)
    return len(scopes)


def _refresh_chunks(session: Session, chunks: list[list[tuple[str, str]]], runner: ChunkRunner) -> None:
    """:func:`_refresh_pairs` of every chunk, the rows computed by ``runner`` and written here as they come."""
    conn = session.connection()
    for chunk in chunks:
        _drop_pairs(conn, chunk)
    first = reserve_ids(session, MergedRow.__table__, 1)[0]
    last = 0
    for rows in runner(chunks, first):
        write_pair_rows(conn, rows)
        last = max(last, rows.last_id)
    if last:
        ids_used_to(session, MergedRow.__table__, last)


def ensure_fresh(session: Session) -> None:
    """Refresh and commit when an interrupted ingest left scopes dirty (cheap when none are)."""
    if session.scalar(select(DirtyRow.scope).limit(1)) is not None:
        refresh_merged(session)
        session.commit()

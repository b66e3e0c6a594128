"""Capped pair profiles, and the index of the documents listing.

- each stored profile keeps at most ``STORED_ITEMS`` items per list;
- ``ix_documents_listing``: documents by publication date (newest first, undated last), name and
  id, the order of ``documents`` (``/documents``), so a page is read from the index instead of
  sorting every document (17 s on the 100k-document benchmark KB).

The bodies stored by 0003 hold every merged fact of the pair (1.5 MB for a busy pair of a
100k-document KB, most of it one-source figures and untitled agreements); reading one took
longer than the whole rest of ``show``.  Each body is re-capped in place (no merged row is
read); a body that cannot be read is dropped and its pair marked dirty, so the next query
rebuilds it.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    nulls_last = " NULLS LAST" if conn.dialect.name == "postgresql" else ""  # SQLite: NULL is the smallest value: DESC puts it last
    op.execute(f"CREATE INDEX ix_documents_listing ON documents (published DESC{nulls_last}, name, id)")
    _recap_profiles(conn)


def _recap_profiles(conn) -> None:
    from entente.kb.profile_cache import recap_profile_body

    keys = conn.execute(sa.text("SELECT pair_a, pair_b, max_sources FROM pair_profiles")).all()
    for a, b, max_sources in keys:  # one body at a time: a few MB of memory, not the whole table
        where = {"a": a, "b": b, "m": max_sources}
        body = conn.execute(sa.text(
            "SELECT body FROM pair_profiles WHERE pair_a = :a AND pair_b = :b AND max_sources = :m"), where).scalar()
        new = recap_profile_body(body) if body is not None else None
        if new is None:
            conn.execute(sa.text("DELETE FROM pair_profiles WHERE pair_a = :a AND pair_b = :b AND max_sources = :m"),
                         where)
            scope = f"pair:{a}-{b}"
            if conn.execute(sa.text("SELECT 1 FROM dirty WHERE scope = :s"), {"s": scope}).first() is None:
                conn.execute(sa.text("INSERT INTO dirty (scope) VALUES (:s)"), {"s": scope})
        elif new != body:
            conn.execute(sa.text(
                "UPDATE pair_profiles SET body = :body WHERE pair_a = :a AND pair_b = :b AND max_sources = :m"),
                {**where, "body": new})


def downgrade() -> None:
    op.drop_index("ix_documents_listing", "documents")
    # a capped profile body is still a valid body for 0003 (which reads it as it is)

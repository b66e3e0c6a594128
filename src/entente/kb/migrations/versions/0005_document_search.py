"""Full-text search over whole documents (title and text), beside the evidence sentences.

- SQLite: ``documents_fts``, an external-content FTS5 index over ``documents(title, text)`` keyed by
  the documents' rowid, kept in step by triggers (insert, delete, and an update of the title or
  text; a re-extraction that rewrites only the record does not re-index), filled from the
  documents already stored.  The documents' rowid is not an ``INTEGER PRIMARY KEY``, so a manual
  ``VACUUM`` may renumber it: after one, ``INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')``
  (entente itself never vacuums);
- PostgreSQL: ``documents.tsv``, a generated ``tsvector`` of the title and the first
  :data:`PG_CHARS` characters of the text (a ``tsvector`` holds at most 1 MB), GIN-indexed.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PG_CHARS = 200_000


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid', "
            "tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, "
            "old.text); END"
        )
        op.execute(
            "CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, "
            "old.text); INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"
        )
        op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        op.execute(
            "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', "
            f"coalesce(title, '') || ' ' || left(text, {PG_CHARS}))) STORED"
        )
        op.execute("CREATE INDEX ix_documents_tsv ON documents USING gin(tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("documents_au", "documents_ad", "documents_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_tsv")
        op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS tsv")

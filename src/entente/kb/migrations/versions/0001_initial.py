"""Initial schema: documents, facts, spans, sentences (+ full-text index), merged view, feeds.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_precision", sa.String(8)),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("pipeline_version", sa.String(40), nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("pair_a", sa.String(3)),
        sa.Column("pair_b", sa.String(3)),
        sa.Column("local_id", sa.String(32)),
        sa.Column("kind", sa.String(80)),
        sa.Column("status", sa.String(16)),
        sa.Column("date", sa.String(10)),
        sa.Column("rule", sa.Text),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_facts_doc_id", "facts", ["doc_id"])
    op.create_index("ix_facts_pair_type", "facts", ["pair_a", "pair_b", "type"])
    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.UniqueConstraint("doc_id", "start", name="uq_sentences_doc_start"),
    )
    op.create_index("ix_sentences_doc_id", "sentences", ["doc_id"])
    op.create_table(
        "spans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("fact_id", sa.Integer, sa.ForeignKey("facts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sentence_id", sa.Integer, sa.ForeignKey("sentences.id", ondelete="CASCADE")),
    )
    op.create_index("ix_spans_fact_id", "spans", ["fact_id"])
    op.create_index("ix_spans_doc_id", "spans", ["doc_id"])
    op.create_index("ix_spans_sentence_id", "spans", ["sentence_id"])
    op.create_table(
        "merged",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("pair_a", sa.String(3)),
        sa.Column("pair_b", sa.String(3)),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("status", sa.String(16)),
        sa.Column("date", sa.String(10)),
        sa.Column("conflict", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_merged_pair_type", "merged", ["pair_a", "pair_b", "type"])
    op.create_table(
        "merged_sources",
        sa.Column("merged_id", sa.Integer, sa.ForeignKey("merged.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("fact_id", sa.Integer, sa.ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_merged_sources_fact_id", "merged_sources", ["fact_id"])
    op.create_table("dirty", sa.Column("scope", sa.String(32), primary_key=True))
    op.create_table(
        "feed_items",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("feed_url", sa.Text, nullable=False),
        sa.Column("doc_id", sa.String(64)),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # External-content FTS5 index over sentences, kept in step by triggers.
        op.execute(
            "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', "
            "tokenize='porter unicode61')"
        )
        op.execute(
            "CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN "
            "INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN "
            "INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "ALTER TABLE sentences ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED"
        )
        op.execute("CREATE INDEX ix_sentences_tsv ON sentences USING gin(tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS sentences_ad")
        op.execute("DROP TRIGGER IF EXISTS sentences_ai")
        op.execute("DROP TABLE IF EXISTS sentences_fts")
    for table in ("feed_items", "dirty", "merged_sources", "merged", "spans", "sentences", "facts", "documents"):
        op.drop_table(table)

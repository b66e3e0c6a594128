"""Analyst reviews of facts (accept, reject, correct, add), kept apart from the extracted facts.

``reviews.doc_id`` has no foreign key on purpose: a re-extraction deletes and re-stores a document
(same id: the sha256 of its text), and a review must outlive that; a review whose document or fact is
gone is listed as orphaned, never dropped.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.String(64), nullable=False),
        sa.Column("fact_kind", sa.String(16), nullable=False),
        sa.Column("fact_key", sa.Text, nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("fields", sa.JSON, nullable=True),
        sa.Column("spans", sa.JSON, nullable=True),
        sa.Column("reviewer", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
    )
    op.create_index("ix_reviews_doc", "reviews", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_reviews_doc", table_name="reviews")
    op.drop_table("reviews")

"""Materialised pair profiles: ``pair_profiles`` holds each pair's profile, built with its merged view.

Every pair is marked dirty, so the first query after the upgrade builds them.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pair_profiles",
        sa.Column("pair_a", sa.String(3), primary_key=True),
        sa.Column("pair_b", sa.String(3), primary_key=True),
        sa.Column("max_sources", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.execute(
        "INSERT INTO dirty (scope) SELECT DISTINCT 'pair:' || pair_a || '-' || pair_b FROM merged "
        "WHERE pair_a IS NOT NULL AND 'pair:' || pair_a || '-' || pair_b NOT IN (SELECT scope FROM dirty)"
    )


def downgrade() -> None:
    op.drop_table("pair_profiles")

"""Query speed: precomputed source counts on merged rows, indexes for the cross-pair queries.

- ``merged.source_count`` / ``merged.recent_fact_ids``: filled by the merge, so a
  profile reads the few most recent sources of each merged fact instead of all;
- indexes: ``merged(pair_b, type)`` (a country's timeline, either side of the pair),
  ``merged(type, date)`` (recent events), ``merged(type, key)`` (people by name),
  ``facts(type)`` (the people merge);
- every pair (and the people) is marked dirty, so the first query after the upgrade
  recomputes the merged view with the new columns filled.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("merged") as batch:
        batch.add_column(sa.Column("source_count", sa.Integer))
        batch.add_column(sa.Column("recent_fact_ids", sa.JSON))
    op.create_index("ix_merged_pair_b_type", "merged", ["pair_b", "type"])
    op.create_index("ix_merged_type_date", "merged", ["type", "date"])
    op.create_index("ix_merged_type_key", "merged", ["type", "key"])
    op.create_index("ix_facts_type", "facts", ["type"])
    op.execute(
        "INSERT INTO dirty (scope) SELECT DISTINCT 'pair:' || pair_a || '-' || pair_b FROM merged "
        "WHERE pair_a IS NOT NULL AND 'pair:' || pair_a || '-' || pair_b NOT IN (SELECT scope FROM dirty)"
    )
    op.execute(
        "INSERT INTO dirty (scope) SELECT 'people' WHERE EXISTS (SELECT 1 FROM merged WHERE type = 'person') "
        "AND NOT EXISTS (SELECT 1 FROM dirty WHERE scope = 'people')"
    )


def downgrade() -> None:
    op.drop_index("ix_facts_type", "facts")
    op.drop_index("ix_merged_type_key", "merged")
    op.drop_index("ix_merged_type_date", "merged")
    op.drop_index("ix_merged_pair_b_type", "merged")
    with op.batch_alter_table("merged") as batch:
        batch.drop_column("recent_fact_ids")
        batch.drop_column("source_count")

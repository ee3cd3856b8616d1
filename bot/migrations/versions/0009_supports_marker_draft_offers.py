"""support markers kept after erasure; similar proposals offered in a draft

Revision ID: 0009_supports
Revises: 0008_public
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0009_supports"
down_revision: str | None = "0008_public"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("proposal_support") as batch:
        batch.add_column(
            sa.Column("marker", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch.create_unique_constraint(
            "uq_proposal_support_proposal_id_marker", ["proposal_id", "marker"]
        )
    with op.batch_alter_table("proposal_draft") as batch:
        batch.add_column(
            sa.Column(
                "similar_offered", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("proposal_draft") as batch:
        batch.drop_column("similar_offered")
    with op.batch_alter_table("proposal_support") as batch:
        batch.drop_constraint("uq_proposal_support_proposal_id_marker", type_="unique")
        batch.drop_column("marker")

"""public needs: the text staff published for a proposal (issue 14)

Revision ID: 0008_public
Revises: 0007_updates
Create Date: 2026-12-01 10:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.models

revision: str = "0008_public"
down_revision: str | None = "0007_updates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "proposal_publication",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("redacted_text", sa.Text(), nullable=False),
        sa.Column("public_text", sa.Text(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("published_at", bot.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"]),
        sa.PrimaryKeyConstraint("proposal_id"),
    )
    with op.batch_alter_table("proposal_publication", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_proposal_publication_published_at"), ["published_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("proposal_publication", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_publication_published_at"))
    op.drop_table("proposal_publication")

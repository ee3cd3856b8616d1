"""outbox: parts of a split notification already sent, so a retry sends only the rest

Revision ID: 0010_parts
Revises: 0009_supports
Create Date: 2026-12-01 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_parts"
down_revision: str | None = "0009_supports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("notification") as batch:
        batch.add_column(
            sa.Column("parts_sent", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    with op.batch_alter_table("notification") as batch:
        batch.drop_column("parts_sent")

"""replies recorded per webhook update; a shared pause of outbox delivery

Revision ID: 0011_serving
Revises: 0010_parts
Create Date: 2026-12-01 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from bot.models import UTCDateTime

revision: str = "0011_serving"
down_revision: str | None = "0010_parts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "update_reply",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("chat_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("update_id", "position"),
    )
    op.create_index("ix_update_reply_recorded_at", "update_reply", ["recorded_at"])
    op.create_table(
        "delivery_pause",
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("not_before", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel"),
    )


def downgrade() -> None:
    op.drop_table("delivery_pause")
    op.drop_index("ix_update_reply_recorded_at", table_name="update_reply")
    op.drop_table("update_reply")

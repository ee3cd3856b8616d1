"""webhook deliveries: one row per update_id, kept a day (dedupe, recovery after a crash)

Revision ID: 0007_updates
Revises: 0006_panel
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.models

revision: str = "0007_updates"
down_revision: str | None = "0006_panel"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "telegram_update",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("received_at", bot.models.UTCDateTime(), nullable=False),
        sa.Column("handled_at", bot.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("update_id"),
    )
    with op.batch_alter_table("telegram_update", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_telegram_update_received_at"), ["received_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_telegram_update_handled_at"), ["handled_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("telegram_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_telegram_update_handled_at"))
        batch_op.drop_index(batch_op.f("ix_telegram_update_received_at"))
    op.drop_table("telegram_update")

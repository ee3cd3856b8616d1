"""the sweep's index holds unhandled webhook deliveries only

Revision ID: 0012_unhandled
Revises: 0011_serving
Create Date: 2026-12-04 19:05:00

``ix_telegram_update_handled_at`` took a new entry at every update's claim (the mark changes the
indexed column); a partial index of the rows not handled yet takes none then, and stays as
small as the backlog.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_unhandled"
down_revision: str | None = "0011_serving"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_telegram_update_unhandled",
        "telegram_update",
        ["update_id"],
        postgresql_where=sa.text("handled_at IS NULL"),
        sqlite_where=sa.text("handled_at IS NULL"),
    )
    op.drop_index("ix_telegram_update_handled_at", table_name="telegram_update")


def downgrade() -> None:
    op.create_index("ix_telegram_update_handled_at", "telegram_update", ["handled_at"])
    op.drop_index("ix_telegram_update_unhandled", table_name="telegram_update")

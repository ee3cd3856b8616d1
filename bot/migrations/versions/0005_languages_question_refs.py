"""client language on follows and supports; short question references; staff alerts in the outbox

Revision ID: 0005_telegram
Revises: 0004_requests
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005_telegram"
down_revision: str | None = "0004_requests"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("commitment_follow") as batch:
        batch.add_column(
            sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True)
        )
    with op.batch_alter_table("proposal_support") as batch:
        batch.add_column(
            sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True)
        )
    with op.batch_alter_table("staff_question") as batch:
        batch.add_column(
            sa.Column("ref", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True)
        )
        batch.create_unique_constraint("uq_staff_question_ref", ["ref"])
    with op.batch_alter_table("notification") as batch:
        batch.alter_column("citizen_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("chat_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notification") as batch:
        batch.drop_column("chat_id")
        batch.alter_column("citizen_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("staff_question") as batch:
        batch.drop_constraint("uq_staff_question_ref", type_="unique")
        batch.drop_column("ref")
    with op.batch_alter_table("proposal_support") as batch:
        batch.drop_column("language")
    with op.batch_alter_table("commitment_follow") as batch:
        batch.drop_column("language")

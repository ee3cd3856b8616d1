"""The audit trail of the staff panel: who did what, and when."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.models import AuditEvent


def audit(
    session: AsyncSession, actor: str, action: str, target: str | None = None, **detail: object
) -> AuditEvent:
    """Add an audit event to the caller's transaction (it is stored with what it records)."""
    event = AuditEvent(
        actor=actor,
        action=action,
        target=target,
        detail=json.dumps(detail, ensure_ascii=False, default=str),
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class AuditRow:
    """One audit event as pages show it (``at`` in UTC; pages show it in Ecuador's time)."""

    at: dt.datetime
    actor: str
    action: str
    target: str | None
    detail: dict[str, object]


class AuditService:
    """Read the audit trail."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def recent(
        self, limit: int = 50, offset: int = 0, action: str | None = None
    ) -> tuple[list[AuditRow], int]:
        """The newest events (optionally of one action) and how many there are."""
        async with self.db.session() as session:
            query = select(AuditEvent)
            count = select(func.count()).select_from(AuditEvent)
            if action:
                query = query.where(AuditEvent.action == action)
                count = count.where(AuditEvent.action == action)
            rows = await session.exec(
                query.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc())
                .offset(offset)
                .limit(limit)
            )
            total = int((await session.exec(count)).one())
            return [
                AuditRow(
                    row.at,
                    row.actor,
                    row.action,
                    row.target,
                    json.loads(row.detail or "{}"),
                )
                for row in rows
            ], total

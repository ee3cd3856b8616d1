"""Rows with known counts for the statistics and the open data, written straight to the database."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from bot.models import (
    Citizen,
    CommitmentFollow,
    CommitmentUpdate,
    Proposal,
    ProposalEvent,
    QuestionLog,
    utcnow,
)
from bot.services.proposals import new_code

_ids = itertools.count(1)
NOW = utcnow()


def ago(days: float) -> dt.datetime:
    """A moment ``days`` before the tests started."""
    return NOW - dt.timedelta(days=days)


async def citizen(services: Any, language: str = "es") -> int:
    """A citizen row; return its id."""
    async with services.db.session() as session:
        row = Citizen(pseudonym=f"test-{next(_ids)}", chat_id=None, language=language)
        session.add(row)
        await session.commit()
        assert row.id is not None
        return row.id


async def questions(
    services: Any,
    count: int,
    outcome: str,
    entry_id: str | None = None,
    asked_at: dt.datetime | None = None,
    feedback: int | None = None,
    text: str = "pregunta de prueba",
    citizen_id: int | None = None,
) -> None:
    """``count`` logged questions with the same outcome, entry and moment."""
    async with services.db.session() as session:
        for _ in range(count):
            session.add(
                QuestionLog(
                    id=10_000_000 + next(_ids),
                    citizen_id=citizen_id,
                    asked_at=asked_at or NOW,
                    normalized=text,
                    outcome=outcome,
                    entry_id=entry_id,
                    feedback=feedback,
                )
            )
        await session.commit()


async def proposal(
    services: Any,
    *,
    category: str = "transparencia",
    province: str | None = "Pichincha",
    status: str = "recibida",
    created: dt.datetime | None = None,
    deadline_in_days: int = 10,
    responded_after_days: float | None = None,
    text: str = "Necesitamos saber en qué se gasta el presupuesto de la parroquia",
    contact: str | None = None,
    citizen_id: int | None = None,
    supports: int = 0,
) -> Proposal:
    """A proposal (its code from a counter); with a first staff response if asked."""
    created = created or NOW
    code = new_code()
    async with services.db.session() as session:
        row = Proposal(
            code=code,
            citizen_id=citizen_id,
            category=category,
            province=province,
            status=status,
            text=text,
            contact=contact,
            supports=supports,
            deadline=(created + dt.timedelta(days=deadline_in_days)).date(),
            created_at=created,
            updated_at=created,
        )
        session.add(row)
        await session.flush()
        assert row.id is not None
        session.add(
            ProposalEvent(proposal_id=row.id, actor="ciudadano", to_status="recibida", at=created)
        )
        if responded_after_days is not None:
            session.add(
                ProposalEvent(
                    proposal_id=row.id,
                    actor="equipo:abcd1234",
                    from_status="recibida",
                    to_status=status if status != "recibida" else "en_revision",
                    at=created + dt.timedelta(days=responded_after_days),
                )
            )
        await session.commit()
        await session.refresh(row)
        return row


async def follow(services: Any, commitment_id: str, count: int) -> None:
    """``count`` new citizens following one commitment."""
    for _ in range(count):
        citizen_id = await citizen(services)
        async with services.db.session() as session:
            session.add(CommitmentFollow(citizen_id=citizen_id, commitment_id=commitment_id))
            await session.commit()


async def commitment_update(services: Any, commitment_id: str, status: str, note: str) -> None:
    """A staff update of a commitment's status."""
    async with services.db.session() as session:
        session.add(
            CommitmentUpdate(
                commitment_id=commitment_id,
                status=status,
                note=note,
                source_url="https://www.opengovpartnership.org/members/ecuador/",
                as_of=NOW.date(),
                author="equipo:abcd1234",
            )
        )
        await session.commit()

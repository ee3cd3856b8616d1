"""Supports: a citizen's +1 on someone else's open proposal, counted once per person."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from bot.db import Database
from bot.models import Proposal, ProposalSupport
from bot.services.proposals.lifecycle import SUPPORTABLE_STATUSES


class SupportService:
    """Record supports and keep each proposal's count."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def support(
        self, citizen_id: int, proposal_id: int, language: str | None = None
    ) -> bool | None:
        """+1 once; False if already supported, None if the proposal cannot be supported."""
        async with self.db.session() as session:
            proposal = await session.get(Proposal, proposal_id)
            if proposal is None or proposal.citizen_id == citizen_id:
                return None
            if proposal.status not in SUPPORTABLE_STATUSES:
                return None
            session.add(
                ProposalSupport(proposal_id=proposal_id, citizen_id=citizen_id, language=language)
            )
            try:
                await session.flush()
            except IntegrityError:
                await session.rollback()
                return False
            await session.exec(
                update(Proposal)
                .where(col(Proposal.id) == proposal_id)
                .values(supports=Proposal.supports + 1)
            )
            await session.commit()
            return True

"""Supports: a citizen's +1 on someone else's open proposal, counted once per person.

Only a proposal the flow offered to this citizen (listed in their draft's ``similar_offered``),
or one staff published as a public need, can be supported, so forged button data neither
supports anything nor reveals a code. Each
support keeps a one-way marker of the person, so erasing one's data and supporting again does
not count twice.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from bot.db import Database
from bot.models import Citizen, Proposal, ProposalDraft, ProposalSupport
from bot.services.proposals.lifecycle import SUPPORTABLE_STATUSES


def support_marker(pseudonym: str, proposal_id: int) -> str:
    """A one-way mark of "this person supported this proposal" that survives erasure."""
    return hashlib.sha256(f"support:{proposal_id}:{pseudonym}".encode()).hexdigest()


def offered_ids(draft: ProposalDraft) -> set[int]:
    """The proposals the flow showed this draft's citizen as similar."""
    return {int(part) for part in (draft.similar_offered or "").split(",") if part.isdigit()}


class SupportService:
    """Record supports and keep each proposal's count."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def support(
        self,
        citizen_id: int,
        proposal_id: int,
        language: str | None = None,
        *,
        published: bool = False,
    ) -> bool | None:
        """+1 once; False if already supported, None if the proposal cannot be supported.

        ``published``: the caller checked that staff published this proposal as a public need,
        which anyone may support; otherwise it must have been offered in the citizen's own flow.
        """
        async with self.db.session() as session:
            if not published:
                draft = (
                    await session.exec(
                        select(ProposalDraft).where(ProposalDraft.citizen_id == citizen_id)
                    )
                ).first()
                if draft is None or proposal_id not in offered_ids(draft):
                    return None  # not offered to this citizen in their own flow
            proposal = await session.get(Proposal, proposal_id)
            citizen = await session.get(Citizen, citizen_id)
            if proposal is None or citizen is None or proposal.citizen_id == citizen_id:
                return None
            if proposal.status not in SUPPORTABLE_STATUSES:
                return None
            marker = support_marker(citizen.pseudonym, proposal_id)
            session.add(
                ProposalSupport(
                    proposal_id=proposal_id, citizen_id=citizen_id, marker=marker, language=language
                )
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

"""Open proposals that read alike, offered for support before a citizen sends their own."""

from __future__ import annotations

from rapidfuzz import fuzz
from sqlmodel import col, select

from bot.db import Database
from bot.models import Proposal
from bot.services.proposals.lifecycle import SUPPORTABLE_STATUSES
from knowledge.normalize import Normalizer

SIMILAR_CUTOFF = 70.0


class ProposalSimilarity:
    """Compare a need with the open proposals on normalised, stemmed words."""

    def __init__(self, db: Database, normalizer: Normalizer) -> None:
        self.db = db
        self.normalizer = normalizer

    async def similar(self, text: str, exclude_citizen: int | None = None) -> list[Proposal]:
        """Up to three open proposals that read alike (on normalised, stemmed words)."""
        wanted = " ".join(sorted(set(self.normalizer.tokens(text, "es")[0])))
        if not wanted:
            return []
        async with self.db.session() as session:
            candidates = list(
                await session.exec(
                    select(Proposal)
                    .where(col(Proposal.status).in_(SUPPORTABLE_STATUSES))
                    .order_by(col(Proposal.created_at).desc())
                    .limit(2000)
                )
            )
        scored = []
        for proposal in candidates:
            if exclude_citizen is not None and proposal.citizen_id == exclude_citizen:
                continue
            theirs = " ".join(sorted(set(self.normalizer.tokens(proposal.text, "es")[0])))
            # Both sides come out of the normaliser (folded, stemmed, no stop words): that is
            # the processor, so stop words cannot make unrelated needs look alike.
            score = fuzz.token_set_ratio(wanted, theirs, processor=None)
            if score >= SIMILAR_CUTOFF:
                scored.append((score, proposal))
        scored.sort(key=lambda item: -item[0])
        return [proposal for _, proposal in scored[:3]]

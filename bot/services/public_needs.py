"""Citizens' needs made public by staff, which others can browse and support.

Staff publish a proposal from the panel: the redaction rules (:mod:`bot.services.redaction`)
propose a text without e-mails, phones, cédula numbers or links, staff may edit it, and the
result is redacted once more before it is stored — so a slip while editing is caught too. The
citizen's own words stay private in ``proposal.text``; both versions are kept. The author is
told through the outbox, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlmodel import col, func, select

from bot.db import Database
from bot.models import Citizen, Proposal, ProposalPublication
from bot.services.audit import audit
from bot.services.notices import ProposalPublishedNotice
from bot.services.notifications import NotificationOutbox
from bot.services.proposals.errors import FlowError
from bot.services.proposals.flow import CATEGORIES, PROVINCES, TEXT_MAX
from bot.services.proposals.supports import SupportService
from bot.services.redaction import redact_for_publication
from bot.services.text import clean_text

PAGE_SIZE = 5
# Needs withdrawn by their author are no longer shown, even if they were published.
HIDDEN_STATUSES = ("retirada",)


@dataclass(frozen=True)
class PublicNeed:
    """A published need as anyone may see it: no author, no contact, no private text."""

    code: str
    category: str
    province: str | None
    status: str
    text: str
    public_answer: str | None
    derived_to: str | None
    supports: int
    created: dt.date
    published_at: dt.datetime


@dataclass(frozen=True)
class NeedPage:
    """One page of published needs under a filter."""

    needs: tuple[PublicNeed, ...]
    page: int
    pages: int
    total: int
    category: str = ""
    province: str = ""


@dataclass(frozen=True)
class PublishDraft:
    """What staff see before publishing: the citizen's text, the redacted one, what was taken."""

    code: str
    original: str
    redacted: str
    removed: dict[str, int]
    published: ProposalPublication | None


def redact_text(text: str, known: tuple[str | None, ...] = ()) -> str:
    """``text`` made fit to publish (see :func:`redact_for_publication`)."""
    return redact_for_publication(text, known).text


def _view(proposal: Proposal, publication: ProposalPublication) -> PublicNeed:
    return PublicNeed(
        code=proposal.code,
        category=proposal.category,
        province=proposal.province,
        status=proposal.status,
        text=publication.public_text,
        public_answer=(
            redact_text(proposal.public_answer, (proposal.contact,))
            if proposal.public_answer
            else None
        ),
        derived_to=proposal.derived_to,
        supports=proposal.supports,
        created=proposal.created_at.date(),
        published_at=publication.published_at,
    )


class PublicNeedService:
    """Publish needs, list and open them, and record supports."""

    def __init__(self, db: Database, outbox: NotificationOutbox, supports: SupportService) -> None:
        self.db = db
        self.outbox = outbox
        self.supports = supports

    async def draft(self, code: str) -> PublishDraft | None:
        """The texts staff choose from before publishing ``code``; None if no such proposal."""
        async with self.db.session() as session:
            proposal = (await session.exec(select(Proposal).where(Proposal.code == code))).first()
            if proposal is None:
                return None
            publication = await session.get(ProposalPublication, proposal.id)
        redacted = redact_for_publication(proposal.text, (proposal.contact,))
        return PublishDraft(code, proposal.text, redacted.text, redacted.removed, publication)

    async def publish(self, code: str, public_text: str, actor: str) -> ProposalPublication:
        """Publish (or re-publish) ``code`` with ``public_text``, redacted; tell the author."""
        async with self.db.session() as session:
            proposal = (await session.exec(select(Proposal).where(Proposal.code == code))).first()
            if proposal is None or proposal.status in HIDDEN_STATUSES:
                raise FlowError("staff.unknown_code")
            known = (proposal.contact,)
            text = redact_text(clean_text(public_text).strip(), known)
            if len(text) < 10 or len(text) > TEXT_MAX:
                raise FlowError("needs.bad_text")
            assert proposal.id is not None
            publication = await session.get(ProposalPublication, proposal.id)
            first_time = publication is None
            if publication is None:
                publication = ProposalPublication(
                    proposal_id=proposal.id,
                    redacted_text=redact_text(proposal.text, known),
                    public_text=text,
                    actor=actor,
                )
            else:
                publication.public_text = text
                publication.actor = actor
            session.add(publication)
            audit(
                session,
                actor,
                "proposal.publish",
                code,
                edited=text != redact_text(proposal.text, known),
            )
            if first_time and proposal.citizen_id is not None:
                citizen = await session.get(Citizen, proposal.citizen_id)
                self.outbox.enqueue(
                    session,
                    proposal.citizen_id,
                    f"proposal-published:{proposal.id}",
                    ProposalPublishedNotice(
                        (citizen.language if citizen else None) or proposal.language, code, text
                    ),
                )
            await session.commit()
            await session.refresh(publication)
        self.outbox.wake.set()
        return publication

    async def unpublish(self, code: str, actor: str) -> bool:
        """Take a need off the public list; False if it was not published."""
        async with self.db.session() as session:
            proposal = (await session.exec(select(Proposal).where(Proposal.code == code))).first()
            publication = await session.get(ProposalPublication, proposal.id) if proposal else None
            if publication is None:
                return False
            await session.delete(publication)
            audit(session, actor, "proposal.unpublish", code)
            await session.commit()
            return True

    async def browse(self, category: str = "", province: str = "", page: int = 1) -> NeedPage:
        """Published needs, most supported then newest, ``PAGE_SIZE`` at a time."""
        category = category if category in CATEGORIES else ""
        province = province if province in PROVINCES else ""
        query = (
            select(Proposal, ProposalPublication)
            .join(ProposalPublication, col(ProposalPublication.proposal_id) == Proposal.id)
            .where(col(Proposal.status).not_in(HIDDEN_STATUSES))
        )
        if category:
            query = query.where(Proposal.category == category)
        if province:
            query = query.where(Proposal.province == province)
        async with self.db.session() as session:
            total = int(
                (await session.exec(select(func.count()).select_from(query.subquery()))).one()
            )
            pages = max(math.ceil(total / PAGE_SIZE), 1)
            page = min(max(page, 1), pages)
            rows = list(
                await session.exec(
                    query.order_by(
                        col(Proposal.supports).desc(),
                        col(ProposalPublication.published_at).desc(),
                        col(Proposal.id),
                    )
                    .offset((page - 1) * PAGE_SIZE)
                    .limit(PAGE_SIZE)
                )
            )
        return NeedPage(
            tuple(_view(p, pub) for p, pub in rows), page, pages, total, category, province
        )

    async def need(self, code: str) -> PublicNeed | None:
        """One published need by its code; None if there is none (or it is not public)."""
        async with self.db.session() as session:
            row = (
                await session.exec(
                    select(Proposal, ProposalPublication)
                    .join(ProposalPublication, col(ProposalPublication.proposal_id) == Proposal.id)
                    .where(Proposal.code == code, col(Proposal.status).not_in(HIDDEN_STATUSES))
                )
            ).first()
        return _view(*row) if row else None

    async def support(self, citizen_id: int, code: str) -> bool | None:
        """+1 a published need once; False if already supported, None if it cannot be."""
        async with self.db.session() as session:
            proposal = (await session.exec(select(Proposal).where(Proposal.code == code))).first()
            published = await session.get(ProposalPublication, proposal.id) if proposal else None
        if proposal is None or proposal.id is None or published is None:
            return None
        return await self.supports.support(citizen_id, proposal.id, published=True)

    async def published_texts(self) -> dict[int, str]:
        """Per proposal id, the text staff published (for the open data)."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(ProposalPublication.proposal_id, ProposalPublication.public_text)
            )
            return dict(rows.all())

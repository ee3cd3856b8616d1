"""A proposal's life: the one state machine of allowed status moves, and the moves themselves.

Telegram, the command line and the web panel all change a status through
:meth:`ProposalLifecycle.transition`, which refuses any move :data:`TRANSITIONS` does not allow
and says why (:class:`MoveRefused`). Every move is recorded and told to the author and supporters
through the outbox, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.models import (
    Citizen,
    Notification,
    Proposal,
    ProposalEvent,
    ProposalSupport,
    ecuador_today,
    utcnow,
)
from bot.services.audit import audit
from bot.services.notices import ProposalNotice
from bot.services.notifications import NotificationOutbox
from bot.services.proposals.errors import FlowError
from bot.services.text import clean_optional, clean_text

STATUSES = (
    "recibida", "en_revision", "respondida", "aceptada", "derivada", "descartada", "retirada"
)  # fmt: skip
# What staff may write: a public answer or reason long enough for any real answer, short enough
# that its notice fits one Telegram message; the institution fits its column.
STAFF_TEXT_MAX = 3500
INSTITUTION_MAX = 200
OPEN_STATUSES = ("recibida", "en_revision")
SUPPORTABLE_STATUSES = ("recibida", "en_revision", "aceptada")
WITHDRAWABLE_STATUSES = ("recibida", "en_revision", "respondida")
# Which status can follow which; "retirada" is the author's own choice.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "recibida": ("en_revision", "respondida", "aceptada", "derivada", "descartada", "retirada"),
    "en_revision": ("respondida", "aceptada", "derivada", "descartada", "retirada"),
    "respondida": ("en_revision", "aceptada", "derivada", "descartada"),
    "aceptada": ("en_revision", "respondida", "derivada"),
    "derivada": ("en_revision",),
    "descartada": ("en_revision",),
    "retirada": (),
}


class MoveRefused(FlowError):
    """The state machine does not allow this move; ``current`` and ``wanted`` say which."""

    def __init__(self, current: str, wanted: str) -> None:
        super().__init__("staff.bad_transition", current=current, wanted=wanted)
        self.current = current
        self.wanted = wanted


class StaleView(FlowError):
    """The caller acted on an older view: the proposal is now in ``current``."""

    def __init__(self, code: str, current: str) -> None:
        super().__init__("staff.stale_button", code=code, current=current)
        self.code = code
        self.current = current


def allowed_moves(status: str) -> tuple[str, ...]:
    """The statuses a proposal in ``status`` may move to."""
    return TRANSITIONS.get(status, ())


def check_move(current: str, wanted: str) -> MoveRefused | None:
    """None if ``current`` → ``wanted`` is allowed, else the refusal (with its reason)."""
    if wanted in allowed_moves(current):
        return None
    return MoveRefused(current, wanted)


@dataclass
class Transition:
    """A proposal's status change, with the notifications it caused."""

    proposal: Proposal
    event: ProposalEvent
    notified: int = 0


class ProposalLifecycle:
    """Move proposals through their statuses and tell the people who care."""

    def __init__(self, db: Database, outbox: NotificationOutbox) -> None:
        self.db = db
        self.outbox = outbox

    async def pending(self, limit: int = 10, offset: int = 0) -> tuple[list[Proposal], int]:
        """Open proposals, overdue first, then oldest first; and how many there are."""
        today = ecuador_today()
        async with self.db.session() as session:
            overdue_first = (col(Proposal.deadline) >= today).asc()  # False (overdue) sorts first
            rows = list(
                await session.exec(
                    select(Proposal)
                    .where(col(Proposal.status).in_(OPEN_STATUSES))
                    .order_by(overdue_first, col(Proposal.created_at), col(Proposal.id))
                    .offset(offset)
                    .limit(limit)
                )
            )
            total = (
                await session.exec(
                    select(func.count())
                    .select_from(Proposal)
                    .where(col(Proposal.status).in_(OPEN_STATUSES))
                )
            ).one()
        return rows, int(total)

    async def transition(
        self,
        proposal_id: int,
        to_status: str,
        actor: str,
        *,
        public_message: str | None = None,
        internal_note: str | None = None,
        derived_to: str | None = None,
        reason: str | None = None,
        expected: str | None = None,
    ) -> Transition:
        """Change a proposal's status, record it, and tell the author and supporters.

        "derivada" needs the institution, "descartada" a reason, "respondida" the answer.
        ``expected`` is the status the caller saw (a button's view): if the proposal has moved
        since, the move is refused as stale rather than applied to a state nobody looked at.
        """
        public_message, internal_note = (
            clean_optional(public_message),
            clean_optional(internal_note),
        )
        derived_to, reason = clean_optional(derived_to), clean_optional(reason)
        for text, maximum in (
            (public_message, STAFF_TEXT_MAX),
            (internal_note, STAFF_TEXT_MAX),
            (reason, STAFF_TEXT_MAX),
            (derived_to, INSTITUTION_MAX),
        ):
            if text is not None and len(text.strip()) > maximum:
                raise FlowError("staff.too_long", length=len(text.strip()), maximum=maximum)
        required = {"derivada": derived_to, "descartada": reason, "respondida": public_message}
        if to_status in required and not (required[to_status] or "").strip():
            raise FlowError(f"staff.needs_{to_status}")
        async with self.db.session() as session:
            proposal = await session.get(Proposal, proposal_id)
            if proposal is None:
                raise FlowError("staff.unknown_code")
            if expected is not None and proposal.status != expected:
                raise StaleView(proposal.code, proposal.status)
            refusal = check_move(proposal.status, to_status)
            if refusal is not None:
                raise refusal
            event = ProposalEvent(
                proposal_id=proposal_id,
                actor=actor,
                from_status=proposal.status,
                to_status=to_status,
                public_message=public_message,
                internal_note=internal_note,
            )
            session.add(event)
            proposal.status = to_status
            proposal.updated_at = utcnow()
            if public_message:
                proposal.public_answer = public_message
            if derived_to:
                proposal.derived_to = derived_to.strip()
            if reason:
                proposal.reason = reason.strip()
            session.add(proposal)
            await session.flush()
            notified = 0
            if to_status != "retirada":
                notified = await self._notify(session, proposal, event)
            # Audited in the same transaction, whichever channel made the move.
            audit(
                session,
                actor,
                "proposal.status",
                proposal.code,
                to=to_status,
                public_message=public_message,
                notified=notified,
            )
            await session.commit()
        self.outbox.wake.set()
        return Transition(proposal, event, notified)

    async def _notify(self, session: AsyncSession, proposal: Proposal, event: ProposalEvent) -> int:
        """Queue the update for the author and every supporter, in the caller's transaction."""
        # A supporter's client language when they supported; the author's is the proposal's.
        client_languages: dict[int | None, str | None] = dict(
            (
                await session.exec(
                    select(ProposalSupport.citizen_id, ProposalSupport.language).where(
                        ProposalSupport.proposal_id == proposal.id
                    )
                )
            ).all()
        )
        client_languages[proposal.citizen_id] = proposal.language
        recipients = set(client_languages) - {None}
        if not recipients:
            return 0
        citizens = list(await session.exec(select(Citizen).where(col(Citizen.id).in_(recipients))))
        for citizen in citizens:
            assert citizen.id is not None
            notice = ProposalNotice(
                language=citizen.language or client_languages.get(citizen.id) or "es",
                code=proposal.code,
                status=event.to_status,
                to_author=citizen.id == proposal.citizen_id,
                message=event.public_message,
                derived_to=proposal.derived_to,
                reason=proposal.reason,
            )
            self.outbox.enqueue(
                session, citizen.id, f"proposal-event:{event.id}:{citizen.id}", notice
            )
        return len(citizens)

    async def deliveries(self, proposal_id: int) -> dict[str, int]:
        """How the notices of this proposal's moves fared: count per outbox status."""
        async with self.db.session() as session:
            events = list(
                await session.exec(
                    select(ProposalEvent.id).where(ProposalEvent.proposal_id == proposal_id)
                )
            )
            if not events:
                return {}
            keys = or_(
                *(col(Notification.dedupe_key).startswith(f"proposal-event:{e}:") for e in events)
            )
            rows = await session.exec(
                select(Notification.status, func.count()).where(keys).group_by(Notification.status)
            )
            return {status: int(count) for status, count in rows}

    async def add_note(self, proposal_id: int, actor: str, note: str) -> ProposalEvent | None:
        """Record a staff-only note; the status does not change and nobody is notified."""
        text = clean_text(note).strip()  # pasted text may carry a NUL PostgreSQL refuses
        if not text:
            return None
        async with self.db.session() as session:
            proposal = await session.get(Proposal, proposal_id)
            if proposal is None:
                return None
            # A note is an event that leaves the status where it is (from == to).
            event = ProposalEvent(
                proposal_id=proposal_id,
                actor=actor,
                from_status=proposal.status,
                to_status=proposal.status,
                internal_note=text[:2000],
            )
            session.add(event)
            audit(session, actor, "proposal.note", proposal.code, note=text[:2000])
            await session.commit()
            await session.refresh(event)
            return event

    async def withdraw(self, citizen_id: int, proposal_id: int) -> Transition | None:
        """The author withdraws their proposal; None if it is not theirs or cannot be."""
        async with self.db.session() as session:
            proposal = await session.get(Proposal, proposal_id)
        if proposal is None or proposal.citizen_id != citizen_id:
            return None
        if check_move(proposal.status, "retirada") is not None:
            return None
        return await self.transition(proposal_id, "retirada", "ciudadano")

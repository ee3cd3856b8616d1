"""Citizens' needs and proposals: the guided flow, tracking codes, the lifecycle, staff review,
supports, notifications, and the citizen's data rights (LOPDP).

The flow's state is a row per citizen (``ProposalDraft``), so a restart or another bot process
continues where the citizen stood. Sending is idempotent: the draft is claimed in the same
transaction that stores the proposal, so a double tap creates one proposal.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, func, select

from bot.db import Database
from bot.models import (
    Citizen,
    CommitmentFollow,
    Notification,
    Proposal,
    ProposalDraft,
    ProposalEvent,
    ProposalSupport,
    QuestionLog,
    StaffQuestion,
    utcnow,
)
from bot.render.texts import render
from bot.services.notifications import NotificationOutbox, enqueue
from knowledge.normalize import Normalizer

CATEGORIES = ("transparencia", "integridad", "participacion", "colaboracion", "otro")
PROVINCES = (
    "Azuay", "Bolívar", "Cañar", "Carchi", "Chimborazo", "Cotopaxi", "El Oro", "Esmeraldas",
    "Galápagos", "Guayas", "Imbabura", "Loja", "Los Ríos", "Manabí", "Morona Santiago", "Napo",
    "Orellana", "Pastaza", "Pichincha", "Santa Elena", "Santo Domingo de los Tsáchilas",
    "Sucumbíos", "Tungurahua", "Zamora Chinchipe",
)  # fmt: skip
TEXT_MIN, TEXT_MAX = 20, 2000
OPEN_STATUSES = ("recibida", "en_revision")
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
DRAFT_LIFETIME = dt.timedelta(hours=24)
# Tracking codes: no 0/O, 1/I/L, so they can be read aloud and typed without doubt.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PATTERN = re.compile(r"^GA-[A-Z2-9]{4}-[A-Z2-9]{2}$")
_EMAIL = re.compile(r"^[^@\s<>]{1,64}@[^@\s<>]{1,180}\.[a-z]{2,24}$", re.IGNORECASE)
SIMILAR_CUTOFF = 70.0


def new_code() -> str:
    """A random tracking code like ``GA-7K3M-Q9``."""
    pick = [secrets.choice(CODE_ALPHABET) for _ in range(6)]
    return f"GA-{''.join(pick[:4])}-{''.join(pick[4:])}"


def normalize_code(text: str) -> str | None:
    """Read a tracking code as citizens type it ("ga 7k3m q9"); None if it is not one."""
    compact = re.sub(r"[^A-Za-z0-9]", "", text).upper()
    if compact.startswith("GA"):
        compact = compact[2:]
    if len(compact) != 6:
        return None
    code = f"GA-{compact[:4]}-{compact[4:]}"
    return code if CODE_PATTERN.match(code) else None


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``start`` plus ``days`` working days (Monday to Friday; holidays are not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def validate_contact(text: str) -> str | None:
    """Return the contact (e-mail or Ecuadorian phone) normalised, or None if it is not one."""
    value = text.strip()
    if _EMAIL.match(value):
        return value.lower()
    digits = re.sub(r"[\s().-]", "", value)
    if digits.startswith("+593"):
        digits = "0" + digits[4:]
    if re.fullmatch(r"09\d{8}", digits) or re.fullmatch(r"0[2-7]\d{7}", digits):
        return digits
    return None


class FlowError(Exception):
    """The citizen's input does not fit the current step; ``key`` names the message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class SubmitResult:
    """A proposal stored (or found already stored, on a double tap)."""

    proposal: Proposal
    created: bool


@dataclass
class ErasureReport:
    """What /borrar_mis_datos removed and what it kept."""

    proposals_anonymised: int = 0
    supports_anonymised: int = 0
    questions_anonymised: int = 0
    follows_removed: int = 0
    notifications_removed: int = 0
    drafts_removed: int = 0


@dataclass
class Transition:
    """A proposal's status change, with the notifications it caused."""

    proposal: Proposal
    event: ProposalEvent
    notified: int = 0


@dataclass
class DataExport:
    """Everything held about one citizen."""

    data: dict[str, object] = field(default_factory=dict)


class ProposalService:
    """The business of needs and proposals, shared by Telegram, the CLI and the web."""

    def __init__(
        self,
        db: Database,
        outbox: NotificationOutbox,
        normalizer: Normalizer,
        review_days: int = 10,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.normalizer = normalizer
        self.review_days = review_days

    # -- the guided flow ----------------------------------------------------------------------

    async def draft(self, citizen_id: int) -> ProposalDraft | None:
        """The citizen's flow in progress, if any."""
        async with self.db.session() as session:
            return (
                await session.exec(
                    select(ProposalDraft).where(ProposalDraft.citizen_id == citizen_id)
                )
            ).first()

    async def start(self, citizen_id: int, text: str | None = None) -> ProposalDraft:
        """Begin (or restart) the flow at the consent step, optionally with the need's text."""
        async with self.db.session() as session:
            await session.exec(
                delete(ProposalDraft).where(col(ProposalDraft.citizen_id) == citizen_id)
            )
            draft = ProposalDraft(citizen_id=citizen_id, step="consent")
            if text and TEXT_MIN <= len(text.strip()) <= TEXT_MAX:
                draft.text = text.strip()
            session.add(draft)
            await session.commit()
            return draft

    async def _advance(
        self, citizen_id: int, expected: tuple[str, ...], **values: object
    ) -> ProposalDraft:
        async with self.db.session() as session:
            draft = (
                await session.exec(
                    select(ProposalDraft).where(ProposalDraft.citizen_id == citizen_id)
                )
            ).first()
            if draft is None or draft.step not in expected:
                raise FlowError("propose.stale")
            for name, value in values.items():
                setattr(draft, name, value)
            draft.step = self._next_step(draft)
            draft.updated_at = utcnow()
            session.add(draft)
            await session.commit()
            return draft

    @staticmethod
    def _next_step(draft: ProposalDraft) -> str:
        if draft.editing:
            draft.editing = False
            return "summary"
        if draft.category is None:
            return "category"
        if draft.text is None:
            return "text"
        if draft.step in ("consent", "category", "text"):
            return "province"
        if draft.step == "province":
            return "contact"
        return "summary"

    async def typing_citizens(self) -> set[int]:
        """Citizens whose flow waits for typed input (loaded at startup)."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(ProposalDraft.citizen_id).where(
                    col(ProposalDraft.step).in_(("text", "contact"))
                )
            )
            return set(rows)

    async def accept(self, citizen_id: int) -> ProposalDraft:
        """The citizen accepted the data notice."""
        return await self._advance(citizen_id, ("consent",))

    async def set_category(self, citizen_id: int, category: str) -> ProposalDraft:
        """Record the category (one of the four pillars, or "otro")."""
        if category not in CATEGORIES:
            raise FlowError("propose.stale")
        return await self._advance(citizen_id, ("category",), category=category)

    async def set_text(self, citizen_id: int, text: str) -> ProposalDraft:
        """Record the need in the citizen's words, 20 to 2,000 characters, stored as written."""
        value = text.strip()
        if len(value) < TEXT_MIN:
            raise FlowError("propose.text_short", length=len(value), minimum=TEXT_MIN)
        if len(value) > TEXT_MAX:
            raise FlowError("propose.text_long", length=len(value), maximum=TEXT_MAX)
        return await self._advance(citizen_id, ("text",), text=value)

    async def set_province(self, citizen_id: int, index: int | None) -> ProposalDraft:
        """Record the province (by its position in ``PROVINCES``) or skip it."""
        if index is not None and not 0 <= index < len(PROVINCES):
            raise FlowError("propose.stale")
        province = PROVINCES[index] if index is not None else None
        return await self._advance(citizen_id, ("province",), province=province)

    async def set_contact(self, citizen_id: int, text: str | None) -> ProposalDraft:
        """Record an e-mail or phone (validated), or skip it."""
        contact = None
        if text is not None:
            contact = validate_contact(text)
            if contact is None:
                raise FlowError("propose.contact_invalid")
        return await self._advance(citizen_id, ("contact",), contact=contact)

    async def edit(self, citizen_id: int, field_name: str) -> ProposalDraft:
        """Go back from the summary to one field; after it, return to the summary."""
        if field_name not in ("category", "text", "province", "contact"):
            raise FlowError("propose.stale")
        async with self.db.session() as session:
            draft = (
                await session.exec(
                    select(ProposalDraft).where(ProposalDraft.citizen_id == citizen_id)
                )
            ).first()
            if draft is None or draft.step != "summary":
                raise FlowError("propose.stale")
            draft.step = field_name
            draft.editing = True
            draft.updated_at = utcnow()
            session.add(draft)
            await session.commit()
            return draft

    async def cancel(self, citizen_id: int) -> bool:
        """Drop the citizen's flow; False if there was none."""
        async with self.db.session() as session:
            result = await session.exec(
                delete(ProposalDraft).where(col(ProposalDraft.citizen_id) == citizen_id)
            )
            await session.commit()
            return bool(result.rowcount)

    async def submit(self, citizen_id: int, language: str) -> SubmitResult:
        """Store the proposal with a new tracking code; a second tap returns the same one."""
        for _ in range(5):  # a code collision is astronomically rare; retry with a new one
            try:
                return await self._submit_once(citizen_id, language)
            except IntegrityError:
                continue
        raise RuntimeError("could not allocate a unique tracking code")

    async def _submit_once(self, citizen_id: int, language: str) -> SubmitResult:
        async with self.db.session() as session:
            claimed = await session.exec(
                update(ProposalDraft)
                .where(
                    col(ProposalDraft.citizen_id) == citizen_id,
                    col(ProposalDraft.step) == "summary",
                )
                .values(step="submitted")
            )
            draft = (
                await session.exec(
                    select(ProposalDraft).where(ProposalDraft.citizen_id == citizen_id)
                )
            ).first()
            if claimed.rowcount != 1:
                already = draft.proposal_id if draft is not None else None
                await session.rollback()
                if already is not None:
                    existing = await session.get(Proposal, already)
                    if existing is not None:
                        return SubmitResult(existing, created=False)
                raise FlowError("propose.stale")
            assert draft is not None and draft.category and draft.text
            today = utcnow().date()
            proposal = Proposal(
                code=new_code(),
                citizen_id=citizen_id,
                category=draft.category,
                text=draft.text,
                province=draft.province,
                contact=draft.contact,
                language=language,
                deadline=add_working_days(today, self.review_days),
            )
            session.add(proposal)
            await session.flush()
            session.add(
                ProposalEvent(proposal_id=proposal.id or 0, actor="ciudadano", to_status="recibida")
            )
            draft.proposal_id = proposal.id
            session.add(draft)
            await session.commit()
            return SubmitResult(proposal, created=True)

    async def similar(self, text: str, exclude_citizen: int | None = None) -> list[Proposal]:
        """Up to three open proposals that read alike (on normalised, stemmed words)."""
        wanted = " ".join(sorted(set(self.normalizer.tokens(text, "es")[0])))
        if not wanted:
            return []
        async with self.db.session() as session:
            candidates = list(
                await session.exec(
                    select(Proposal)
                    .where(col(Proposal.status).in_(("recibida", "en_revision", "aceptada")))
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

    async def support(self, citizen_id: int, proposal_id: int) -> bool | None:
        """+1 once; False if already supported, None if the proposal cannot be supported."""
        async with self.db.session() as session:
            proposal = await session.get(Proposal, proposal_id)
            if proposal is None or proposal.citizen_id == citizen_id:
                return None
            if proposal.status not in ("recibida", "en_revision", "aceptada"):
                return None
            session.add(ProposalSupport(proposal_id=proposal_id, citizen_id=citizen_id))
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

    # -- following ----------------------------------------------------------------------------

    async def by_code(self, code: str) -> Proposal | None:
        """The proposal with this tracking code."""
        async with self.db.session() as session:
            return (await session.exec(select(Proposal).where(Proposal.code == code))).first()

    async def get(self, proposal_id: int) -> Proposal | None:
        """The proposal with this id."""
        async with self.db.session() as session:
            return await session.get(Proposal, proposal_id)

    async def mine(self, citizen_id: int) -> list[Proposal]:
        """The citizen's proposals, newest first."""
        async with self.db.session() as session:
            return list(
                await session.exec(
                    select(Proposal)
                    .where(Proposal.citizen_id == citizen_id)
                    .order_by(col(Proposal.created_at).desc())
                )
            )

    async def history(self, proposal_id: int) -> list[ProposalEvent]:
        """Every transition, oldest first."""
        async with self.db.session() as session:
            return list(
                await session.exec(
                    select(ProposalEvent)
                    .where(ProposalEvent.proposal_id == proposal_id)
                    .order_by(col(ProposalEvent.at), col(ProposalEvent.id))
                )
            )

    @staticmethod
    def is_overdue(proposal: Proposal, today: dt.date | None = None) -> bool:
        """Whether the review deadline passed without a response."""
        return proposal.status in OPEN_STATUSES and (today or utcnow().date()) > proposal.deadline

    def status_fields(self, proposal: Proposal, language: str) -> dict[str, str]:
        """The ``status`` name and the ``overdue`` suffix (" (plazo vencido)") for templates."""
        overdue = render("proposal.overdue", language) if self.is_overdue(proposal) else ""
        return {
            "status": render(f"proposal.status.{proposal.status}", language),
            "overdue": overdue,
        }

    # -- staff ------------------------------------------------------------------------------------

    async def pending(self, limit: int = 10, offset: int = 0) -> tuple[list[Proposal], int]:
        """Open proposals, overdue first, then oldest first; and how many there are."""
        today = utcnow().date()
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
    ) -> Transition:
        """Change a proposal's status, record it, and tell the author and supporters.

        "derivada" needs the institution, "descartada" a reason, "respondida" the answer.
        """
        required = {"derivada": derived_to, "descartada": reason, "respondida": public_message}
        if to_status in required and not (required[to_status] or "").strip():
            raise FlowError(f"staff.needs_{to_status}")
        async with self.db.session() as session:
            proposal = await session.get(Proposal, proposal_id)
            if proposal is None:
                raise FlowError("staff.unknown_code")
            if to_status not in TRANSITIONS.get(proposal.status, ()):
                raise FlowError("staff.bad_transition", current=proposal.status, wanted=to_status)
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
            await session.commit()
        self.outbox.wake.set()
        return Transition(proposal, event, notified)

    async def _notify(self, session: object, proposal: Proposal, event: ProposalEvent) -> int:
        """Queue the update for the author and every supporter, in the caller's transaction."""
        from sqlmodel.ext.asyncio.session import AsyncSession

        assert isinstance(session, AsyncSession)
        supporter_ids = set(
            await session.exec(
                select(ProposalSupport.citizen_id).where(ProposalSupport.proposal_id == proposal.id)
            )
        )
        recipients = {proposal.citizen_id, *supporter_ids} - {None}
        if not recipients:
            return 0
        citizens = list(await session.exec(select(Citizen).where(col(Citizen.id).in_(recipients))))
        for citizen in citizens:
            assert citizen.id is not None
            language = citizen.language or proposal.language
            key = (
                "proposal.notify_author"
                if citizen.id == proposal.citizen_id
                else ("proposal.notify_supporter")
            )
            detail = ""
            if event.public_message:
                detail = render("proposal.notify_message", language, message=event.public_message)
            if proposal.derived_to and event.to_status == "derivada":
                detail += render(
                    "proposal.notify_derived", language, institution=proposal.derived_to
                )
            if proposal.reason and event.to_status == "descartada":
                detail += render("proposal.notify_reason", language, reason=proposal.reason)
            enqueue(
                session,
                citizen.id,
                f"proposal-event:{event.id}:{citizen.id}",
                render(
                    key,
                    language,
                    code=proposal.code,
                    status=render(f"proposal.status.{event.to_status}", language),
                )
                + detail,
            )
        return len(citizens)

    async def withdraw(self, citizen_id: int, proposal_id: int) -> Transition | None:
        """The author withdraws their proposal; None if it is not theirs or cannot be."""
        proposal = await self.get(proposal_id)
        if proposal is None or proposal.citizen_id != citizen_id:
            return None
        if "retirada" not in TRANSITIONS.get(proposal.status, ()):
            return None
        return await self.transition(proposal_id, "retirada", "ciudadano")

    # -- housekeeping and data rights ----------------------------------------------------------

    async def expire_drafts(self, now: dt.datetime | None = None) -> int:
        """Delete flows left untouched for a day and tell their citizens (through the outbox)."""
        cutoff = (now or utcnow()) - DRAFT_LIFETIME
        async with self.db.session() as session:
            stale = list(
                await session.exec(
                    select(ProposalDraft, Citizen)
                    .join(Citizen, col(Citizen.id) == ProposalDraft.citizen_id)
                    .where(
                        col(ProposalDraft.updated_at) < cutoff,
                        col(ProposalDraft.step) != "submitted",
                    )
                )
            )
            for draft, citizen in stale:
                enqueue(
                    session,
                    citizen.id or 0,
                    f"draft-expired:{draft.id}:{draft.created_at.isoformat()}",
                    render("propose.expired", citizen.language or "es"),
                )
                await session.delete(draft)
            await session.exec(
                delete(ProposalDraft).where(
                    col(ProposalDraft.step) == "submitted", col(ProposalDraft.updated_at) < cutoff
                )
            )
            await session.commit()
        if stale:
            self.outbox.wake.set()
        return len(stale)

    async def export(self, citizen_id: int) -> DataExport:
        """Everything held about the citizen, as plain data (for /mis_datos)."""
        async with self.db.session() as session:
            citizen = await session.get(Citizen, citizen_id)
            proposals = list(
                await session.exec(select(Proposal).where(Proposal.citizen_id == citizen_id))
            )
            questions = list(
                await session.exec(
                    select(QuestionLog)
                    .where(QuestionLog.citizen_id == citizen_id)
                    .order_by(col(QuestionLog.asked_at))
                )
            )
            staff_questions = list(
                await session.exec(
                    select(StaffQuestion).where(
                        StaffQuestion.citizen_id == citizen_id,
                        StaffQuestion.status != "draft",
                    )
                )
            )
            follows = list(
                await session.exec(
                    select(CommitmentFollow.commitment_id).where(
                        CommitmentFollow.citizen_id == citizen_id
                    )
                )
            )
            supports = list(
                await session.exec(
                    select(Proposal.code)
                    .join(ProposalSupport, col(ProposalSupport.proposal_id) == Proposal.id)
                    .where(ProposalSupport.citizen_id == citizen_id)
                )
            )
        data: dict[str, object] = {
            "pseudonym": citizen.pseudonym if citizen else None,
            "language": citizen.language if citizen else None,
            "chat_id_stored": citizen is not None and citizen.chat_id is not None,
            "first_contact": citizen.created_at.isoformat() if citizen else None,
            "proposals": [
                {
                    "code": p.code,
                    "category": p.category,
                    "text": p.text,
                    "province": p.province,
                    "contact": p.contact,
                    "status": p.status,
                    "public_answer": p.public_answer,
                    "created_at": p.created_at.isoformat(),
                }
                for p in proposals
            ],
            "questions": [
                {
                    "asked_at": q.asked_at.isoformat(),
                    "question": q.normalized,
                    "outcome": q.outcome,
                    "entry": q.entry_id,
                    "feedback": q.feedback,
                }
                for q in questions
            ],
            "questions_sent_to_staff": [
                {"text": q.text, "status": q.status, "answer": q.answer_text}
                for q in staff_questions
            ],
            "commitments_followed": follows,
            "proposals_supported": supports,
        }
        return DataExport(data)

    async def erase(self, citizen_id: int) -> ErasureReport:
        """Remove contact details and identifiers; keep texts for statistics, unlinked."""
        report = ErasureReport()
        async with self.db.session() as session:
            result = await session.exec(
                update(Proposal)
                .where(col(Proposal.citizen_id) == citizen_id)
                .values(citizen_id=None, contact=None)
            )
            report.proposals_anonymised = result.rowcount or 0
            result = await session.exec(
                update(ProposalSupport)
                .where(col(ProposalSupport.citizen_id) == citizen_id)
                .values(citizen_id=None)
            )
            report.supports_anonymised = result.rowcount or 0
            result = await session.exec(
                update(QuestionLog)
                .where(col(QuestionLog.citizen_id) == citizen_id)
                .values(citizen_id=None)
            )
            report.questions_anonymised = result.rowcount or 0
            await session.exec(
                delete(StaffQuestion).where(
                    col(StaffQuestion.citizen_id) == citizen_id,
                    col(StaffQuestion.status) == "draft",
                )
            )
            await session.exec(
                update(StaffQuestion)
                .where(col(StaffQuestion.citizen_id) == citizen_id)
                .values(citizen_id=None)
            )
            result = await session.exec(
                delete(CommitmentFollow).where(col(CommitmentFollow.citizen_id) == citizen_id)
            )
            report.follows_removed = result.rowcount or 0
            result = await session.exec(
                delete(Notification).where(col(Notification.citizen_id) == citizen_id)
            )
            report.notifications_removed = result.rowcount or 0
            result = await session.exec(
                delete(ProposalDraft).where(col(ProposalDraft.citizen_id) == citizen_id)
            )
            report.drafts_removed = result.rowcount or 0
            await session.exec(delete(Citizen).where(col(Citizen.id) == citizen_id))
            await session.commit()
        return report

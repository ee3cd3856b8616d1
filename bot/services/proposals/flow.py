"""The guided flow that turns a citizen's need into a proposal with a tracking code.

The flow's state is a row per citizen (``ProposalDraft``), so a restart or another bot process
continues where the citizen stood. Sending is idempotent: the draft is claimed in the same
transaction that stores the proposal, so a double tap creates one proposal.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select

from bot.db import Database
from bot.models import Citizen, Proposal, ProposalDraft, ProposalEvent, ecuador_today, utcnow
from bot.services.notices import DraftExpiredNotice
from bot.services.notifications import NotificationOutbox
from bot.services.proposals.calendar import add_working_days
from bot.services.proposals.errors import FlowError
from bot.services.proposals.lifecycle import ProposalLifecycle
from bot.services.proposals.similarity import ProposalSimilarity
from bot.services.proposals.supports import SupportService
from bot.services.staff_alerts import StaffAlerts
from bot.services.text import clean_text
from knowledge.normalize import Normalizer

CATEGORIES = ("transparencia", "integridad", "participacion", "colaboracion", "otro")
PROVINCES = (
    "Azuay", "Bolívar", "Cañar", "Carchi", "Chimborazo", "Cotopaxi", "El Oro", "Esmeraldas",
    "Galápagos", "Guayas", "Imbabura", "Loja", "Los Ríos", "Manabí", "Morona Santiago", "Napo",
    "Orellana", "Pastaza", "Pichincha", "Santa Elena", "Santo Domingo de los Tsáchilas",
    "Sucumbíos", "Tungurahua", "Zamora Chinchipe",
)  # fmt: skip
TEXT_MIN, TEXT_MAX = 20, 2000
DRAFT_LIFETIME = dt.timedelta(hours=24)
# Tracking codes: no 0/O, 1/I/L, so they can be read aloud and typed without doubt.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PATTERN = re.compile(r"^GA-[A-Z2-9]{4}-[A-Z2-9]{2}$")
# What a citizen may type as a code: the same shape with any letter or digit, so that a mistyped
# "GA-0000-00" is answered "no such code" rather than "write it like this".
_CODE_SHAPE = re.compile(r"^GA-[A-Z0-9]{4}-[A-Z0-9]{2}$")
# A code inside a sentence ("¿cómo va mi propuesta GA-GVCM-M5?"), separators required so that
# eight-letter words starting with "ga" are not taken for one.
CODE_IN_TEXT = re.compile(r"\bGA[-\s][A-Z0-9]{4}[-\s][A-Z0-9]{2}\b", re.IGNORECASE)
PROVINCE_CUTOFF = 80.0
_EMAIL = re.compile(r"^[^@\s<>]{1,64}@[^@\s<>]{1,180}\.[a-z]{2,24}$", re.IGNORECASE)
SIMILAR_CUTOFF = 70.0


def new_code() -> str:
    """A random tracking code like ``GA-7K3M-Q9``."""
    pick = [secrets.choice(CODE_ALPHABET) for _ in range(6)]
    return f"GA-{''.join(pick[:4])}-{''.join(pick[4:])}"


def normalize_code(text: str) -> str | None:
    """Read a tracking code as citizens type it ("ga 7k3m q9"); None if it is not one.

    Separators the citizen typed must fall where a code has them (four, then two): "ZZZ-999"
    is not a code, and rewriting it as "GA-ZZZ9-99" would answer a question nobody asked.
    """
    groups = re.findall(r"[A-Z0-9]+", text.upper())
    if sum(map(len, groups)) == 8 and groups[0].startswith("GA"):
        groups[0] = groups[0][2:]
        groups = [group for group in groups if group]
    compact = "".join(groups)
    if len(compact) != 6 or (len(groups) > 1 and [len(group) for group in groups] != [4, 2]):
        return None
    code = f"GA-{compact[:4]}-{compact[4:]}"
    return code if _CODE_SHAPE.match(code) else None


def code_in_text(text: str) -> str | None:
    """The tracking code a sentence mentions, normalised; None if it names none."""
    found = CODE_IN_TEXT.search(text)
    return normalize_code(found.group(0)) if found else None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_FOLDED_PROVINCES = [_fold(name) for name in PROVINCES]


# What people type for "no" at an optional step instead of pressing «Omitir» / "Skip".
_DECLINES = {
    _fold(word)
    for word in (
        "no", "omitir", "omito", "ninguno", "ninguna", "nada", "no gracias", "no, gracias",
        "sin contacto", "prefiero no", "no tengo", "paso", "saltar", "siguiente",
        "skip", "none", "no thanks", "no, thanks", "nothing", "pass", "next",
    )
}  # fmt: skip


def declines(text: str) -> bool:
    """Whether a typed answer to an optional step means "skip it" ("no", "omitir", "skip")."""
    return _fold(text).strip(" .!") in _DECLINES


def match_province(text: str) -> int | None:
    """The position in ``PROVINCES`` of a typed province name (typos, no accents); else None."""
    typed = _fold(text)
    if not typed or len(typed) > 60:
        return None
    if typed in _FOLDED_PROVINCES:
        return _FOLDED_PROVINCES.index(typed)
    found = process.extractOne(
        typed, _FOLDED_PROVINCES, scorer=fuzz.ratio, score_cutoff=PROVINCE_CUTOFF
    )
    if found is None and len(typed) >= 5:  # "santo domingo" for the long official name
        found = process.extractOne(
            typed, _FOLDED_PROVINCES, scorer=fuzz.partial_ratio, score_cutoff=95.0
        )
    return found[2] if found else None


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


@dataclass
class SubmitResult:
    """A proposal stored (or found already stored, on a double tap)."""

    proposal: Proposal
    created: bool


class ProposalService:
    """The guided flow and the proposals it stores; the other jobs hang off it.

    ``lifecycle``, ``similarity`` and ``supports`` are the status machine, the look-alike search
    and the +1s, each in its own module.
    """

    def __init__(
        self,
        db: Database,
        outbox: NotificationOutbox,
        normalizer: Normalizer,
        review_days: int = 10,
        staff_alerts: StaffAlerts | None = None,
    ) -> None:
        self.db = db
        self.staff_alerts = staff_alerts
        self.outbox = outbox
        self.normalizer = normalizer
        self.review_days = review_days
        self.lifecycle = ProposalLifecycle(db, outbox)
        self.similarity = ProposalSimilarity(db, normalizer)
        self.supports = SupportService(db)

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
            if text and TEXT_MIN <= len(clean_text(text).strip()) <= TEXT_MAX:
                draft.text = clean_text(text).strip()
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

    async def similar_to_offer(self, citizen_id: int) -> list[Proposal]:
        """Look-alike open proposals to show before the summary: once per draft text.

        The ones shown are recorded in the draft (the only ones the citizen may then support);
        a second update racing this one finds them recorded and shows the summary instead.
        """
        draft = await self.draft(citizen_id)
        if draft is None or draft.similar_offered is not None:
            return []
        similar = await self.similar(draft.text or "", citizen_id)
        async with self.db.session() as session:
            claimed = await session.exec(
                update(ProposalDraft)
                .where(
                    col(ProposalDraft.id) == draft.id,
                    col(ProposalDraft.similar_offered).is_(None),
                )
                .values(similar_offered=",".join(str(p.id) for p in similar))
            )
            await session.commit()
        return similar if claimed.rowcount == 1 else []

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
        value = clean_text(text).strip()
        if value and not any(character.isalpha() for character in value):
            raise FlowError("propose.text_words")  # only emoji, digits or signs
        if len(value) < TEXT_MIN:
            raise FlowError("propose.text_short", length=len(value), minimum=TEXT_MIN)
        if len(value) > TEXT_MAX:
            raise FlowError("propose.text_long", length=len(value), maximum=TEXT_MAX)
        # A new text deserves a new look for similar needs.
        return await self._advance(citizen_id, ("text",), text=value, similar_offered=None)

    async def set_province(self, citizen_id: int, index: int | None) -> ProposalDraft:
        """Record the province (by its position in ``PROVINCES``) or skip it."""
        if index is not None and not 0 <= index < len(PROVINCES):
            raise FlowError("propose.stale")
        province = PROVINCES[index] if index is not None else None
        return await self._advance(citizen_id, ("province",), province=province)

    async def set_contact(self, citizen_id: int, text: str | None) -> ProposalDraft:
        """Record an e-mail or phone (validated), or skip it."""
        contact = None
        if text is not None and not declines(text):
            contact = validate_contact(clean_text(text))
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
            today = ecuador_today()
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
            if self.staff_alerts is not None:  # in the same transaction as the proposal
                await self.staff_alerts.new_proposal(session, proposal)
            await session.commit()
        if self.staff_alerts is not None:
            self.outbox.wake.set()
        return SubmitResult(proposal, created=True)

    async def similar(self, text: str, exclude_citizen: int | None = None) -> list[Proposal]:
        """Up to three open proposals that read alike (see ``similarity``)."""
        return await self.similarity.similar(text, exclude_citizen)

    async def support(
        self, citizen_id: int, proposal_id: int, language: str | None = None
    ) -> bool | None:
        """+1 once; False if already supported, None if it cannot be (see ``supports``)."""
        return await self.supports.support(citizen_id, proposal_id, language)

    # -- reading ------------------------------------------------------------------------------

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

    # -- housekeeping ---------------------------------------------------------------------------

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
                self.outbox.enqueue(
                    session,
                    citizen.id or 0,
                    f"draft-expired:{draft.id}:{draft.created_at.isoformat()}",
                    DraftExpiredNotice(citizen.language or "es"),
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

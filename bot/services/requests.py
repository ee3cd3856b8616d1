"""Access-to-information requests: the guided flow, the legal deadline, reminders and outcomes.

Facts (../shared/research/ecuador-ogp.md §3):

* What a request contains — identification, contact for notifications, a precise description,
  the format (physical or digital) and the signature; on paper or electronically. [official]
  https://www.gob.ec/pr/tramites/atencion-solicitudes-acceso-informacion-publica
* The deadline — 10 calendar days, extendable by 5 more when the reasons are justified and
  explained to the requester; the 2023 law keeps the 2004 deadline. [secondary]
  https://lotaip.com/2023/10/17/en-cuanto-tiempo-las-entidades-sujetas-a-la-lotaip-deben-entregar-la-informacion-que-se-les-requiera
  (a 2011 summary says "15 working days", probably both periods added; the research prefers
  10 + 5 calendar days, §6). The sources do not say from which day the count starts nor what
  happens when the last day is a holiday: the assistant counts from the day after submission
  and moves nothing, and says that the count is an estimate to confirm.
* The first LOTAIP was published on 18 May 2004 (Registro Oficial Suplemento 337), so no
  request under it can be older. [secondary] informatica-juridica.com (see §3.2).

What is kept: the institution, a short subject the citizen types, the dates and the outcome.
The request's text lives in the draft only until the citizen says when they submitted it (or a
day passes), and the document itself is generated in memory, never stored. Names, cédula
numbers, signatures, addresses and contacts are never asked for: the document leaves blank lines
for the citizen to fill in by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from sqlmodel import col, delete, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.models import (
    ECUADOR,
    Citizen,
    InformationRequest,
    Notification,
    RequestDraft,
    ecuador_today,
    utcnow,
)
from bot.services.notices import RequestDraftExpiredNotice, RequestReminderNotice
from bot.services.notifications import NotificationOutbox
from knowledge.institutions import InstitutionDirectory, InstitutionMatch
from knowledge.schema import Institution

DEADLINE_DAYS = 10  # calendar days (lotaip.com)
EXTENSION_DAYS = 5  # calendar days, once, with justified reasons (lotaip.com)
LOTAIP_PUBLISHED = dt.date(2004, 5, 18)  # Registro Oficial Suplemento 337
REMINDER_HOUR = 9  # the morning after the last day, Ecuador time

DESCRIPTION_MIN, DESCRIPTION_MAX, DESCRIPTION_LONG = 20, 2000, 1200
SUBJECT_MIN, SUBJECT_MAX = 3, 80
INSTITUTION_NAME_MIN, INSTITUTION_NAME_MAX = 3, 200
DRAFT_LIFETIME = dt.timedelta(hours=24)
DELIVERIES = ("digital", "fisica")
# Steps where the citizen types rather than presses a button.
TYPING_STEPS = ("institution", "description", "subject", "submitted", "date")
# Steps answered with a button only: typing there gets the step's help (not the answer engine).
BUTTON_STEPS = ("consent", "check", "delivery")
# What the citizen answered, and what is recorded: "answered" is a yes whose timing is not
# known yet (asked after the deadline); "none" is no answer at all.
ANSWERS = ("yes", "on_time", "late", "partial", "no", "extension")
OUTCOMES = ("on_time", "late", "answered", "partial", "none")
# Knowledge-base answers about making a request: Telegram offers the flow under them.
REQUEST_ENTRY_IDS = frozenset(
    {
        "acceso-como-solicitar",
        "acceso-contenido-solicitud",
        "acceso-plazo",
        "acceso-negativa",
        "acceso-derecho",
        "acceso-quien-puede",
        "lotaip-que-es",
    }
)

_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_CEDULA = re.compile(r"(?<!\d)\d{10}(?!\d)")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_PERIOD = re.compile(
    r"\b(19|20)\d{2}\b|\b(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    r"setiembre|octubre|noviembre|diciembre|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|mes|meses|año|años|ano|anos|month|months|year|years|"
    r"semestre|trimestre|periodo|período|desde|hasta|entre|since|until|between|last|último|"
    r"últimos|ultimo|ultimos)\b",
    re.IGNORECASE,
)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("enero", "january", "jan", "ene"),
            ("febrero", "february", "feb"),
            ("marzo", "march", "mar"),
            ("abril", "april", "apr", "abr"),
            ("mayo", "may"),
            ("junio", "june", "jun"),
            ("julio", "july", "jul"),
            ("agosto", "august", "aug", "ago"),
            ("septiembre", "setiembre", "september", "sep", "sept"),
            ("octubre", "october", "oct"),
            ("noviembre", "november", "nov"),
            ("diciembre", "december", "dec", "dic"),
        ],
        start=1,
    )
    for name in names
}


class FlowError(Exception):
    """The citizen's input does not fit the current step; ``key`` names the message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


# -- dates ------------------------------------------------------------------------------------


def legal_deadline(submitted_on: dt.date, extended: bool = False) -> dt.date:
    """The last day to answer: 10 calendar days after submission, 15 with the extension."""
    return submitted_on + dt.timedelta(days=DEADLINE_DAYS + (EXTENSION_DAYS if extended else 0))


def reminder_time(deadline: dt.date) -> dt.datetime:
    """When to ask "¿Le respondieron?": 09:00 in Ecuador the day after the last day, in UTC."""
    local = dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(REMINDER_HOUR), ECUADOR)
    return local.astimezone(dt.UTC)


def parse_date(text: str, today: dt.date) -> dt.date:
    """Read a date as citizens type it: "hoy", "ayer", "3/11/2026", "2026-11-03", "3 de noviembre".

    Raises FlowError for anything unreadable, in the future, or before the 2004 LOTAIP.
    """
    value = " ".join(text.casefold().split())
    value = "".join(
        ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch)
    )
    relative = {"hoy": 0, "today": 0, "ayer": 1, "yesterday": 1, "anteayer": 2, "antier": 2}
    found: dt.date | None = None
    if value in relative:
        found = today - dt.timedelta(days=relative[value])
    elif match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
        found = _date(int(match[1]), int(match[2]), int(match[3]))
    elif match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?", value):
        year = int(match[3]) if match[3] else today.year
        found = _date(year + 2000 if year < 100 else year, int(match[2]), int(match[1]))
    elif match := re.fullmatch(r"(\d{1,2})(?: de)? ([a-z]+)\.?(?:(?: de)? (\d{4}))?", value):
        month = MONTHS.get(match[2])
        year = int(match[3]) if match[3] else today.year
        found = _date(year, month, int(match[1])) if month else None
    elif match := re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:,? (\d{4}))?", value):
        month = MONTHS.get(match[1])
        year = int(match[3]) if match[3] else today.year
        found = _date(year, month, int(match[2])) if month else None
    if found is None:
        raise FlowError("request.date_invalid")
    if found > today:
        raise FlowError("request.date_future")
    if found < LOTAIP_PUBLISHED:
        raise FlowError("request.date_too_old")
    return found


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# -- text checks --------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """Drop control characters (NUL and the like) but keep line breaks; trim."""
    kept = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return "\n".join(line.rstrip() for line in kept.strip().splitlines())


def _refuse_markup(value: str) -> None:
    if _HTML.search(value):
        raise FlowError("request.no_html")


# -- what the service hands back ----------------------------------------------------------------


@dataclass(frozen=True)
class DescriptionCheck:
    """The description was stored; ``warnings`` say what could make it more precise."""

    draft: RequestDraft
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequestLetter:
    """What the request document says; the citizen's own details are blank lines."""

    institution_name: str
    institution_acronym: str | None
    description: str
    delivery: str


@dataclass(frozen=True)
class FollowUpLetter:
    """What the follow-up (insistence) letter says."""

    institution_name: str
    institution_acronym: str | None
    subject: str
    submitted_on: dt.date
    deadline: dt.date
    reason: Literal["none", "partial"]


@dataclass(frozen=True)
class RequestView:
    """One request as /mis_solicitudes shows it."""

    id: int
    institution_name: str
    subject: str
    submitted_on: dt.date | None
    deadline: dt.date | None
    extended: bool
    outcome: str | None
    status: str  # sin_presentar | en_plazo | vencida | respondida | parcial | sin_respuesta


@dataclass(frozen=True)
class OutcomeResult:
    """What recording the citizen's answer did."""

    request: RequestView
    ask_timing: bool = False  # "Sí" after the deadline: on time or late?
    next_steps: bool = False  # "No" or "En parte": tell what can be done
    extended: bool = False  # the deadline moved by the extension


@dataclass
class InstitutionCount:
    """Anonymised outcome counts for one institution (for the public statistics)."""

    institution_name: str
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RequestTally:
    """How one institution answered the requests citizens said they sent (public figures).

    ``institution_name`` is None for the row that gathers institutions with too few requests
    to show on their own.
    """

    institution_name: str | None
    submitted: int
    on_time: int
    late: int
    untimed: int  # answered, the citizen did not say whether in time
    partial: int
    unanswered: int

    @property
    def answered(self) -> int:
        """Requests answered in full, on time, late or at a time not told."""
        return self.on_time + self.late + self.untimed

    @property
    def pending(self) -> int:
        """Requests with no outcome recorded yet."""
        return self.submitted - self.answered - self.partial - self.unanswered


# The open data's small-cell rule: an institution with fewer requests than this is not shown on
# its own, so that a single requester cannot be picked out.
PUBLIC_MIN_REQUESTS = 5


def _status(request: InformationRequest, today: dt.date) -> str:
    if request.outcome in ("on_time", "late", "answered"):
        return "respondida"
    if request.outcome == "partial":
        return "parcial"
    if request.outcome == "none":
        return "sin_respuesta"
    if request.submitted_on is None or request.deadline is None:
        return "sin_presentar"
    return "en_plazo" if today <= request.deadline else "vencida"


def view_of(request: InformationRequest, today: dt.date | None = None) -> RequestView:
    """The plain view of a stored request."""
    return RequestView(
        id=request.id or 0,
        institution_name=request.institution_name,
        subject=request.subject,
        submitted_on=request.submitted_on,
        deadline=request.deadline,
        extended=request.extended,
        outcome=request.outcome,
        status=_status(request, today or ecuador_today()),
    )


class RequestService:
    """Information requests, shared by Telegram, the CLI and the web."""

    def __init__(
        self, db: Database, outbox: NotificationOutbox, directory: InstitutionDirectory
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.directory = directory

    # -- the guided flow ----------------------------------------------------------------------

    async def draft(self, citizen_id: int) -> RequestDraft | None:
        """The citizen's flow in progress, if any."""
        async with self.db.session() as session:
            return (
                await session.exec(
                    select(RequestDraft).where(RequestDraft.citizen_id == citizen_id)
                )
            ).first()

    async def start(self, citizen_id: int) -> RequestDraft:
        """Begin (or restart) the flow at the consent step."""
        async with self.db.session() as session:
            await session.exec(
                delete(RequestDraft).where(col(RequestDraft.citizen_id) == citizen_id)
            )
            draft = RequestDraft(citizen_id=citizen_id, step="consent")
            session.add(draft)
            await session.commit()
            return draft

    async def _update(
        self, citizen_id: int, expected: tuple[str, ...], step: str, **values: object
    ) -> RequestDraft:
        async with self.db.session() as session:
            draft = (
                await session.exec(
                    select(RequestDraft).where(RequestDraft.citizen_id == citizen_id)
                )
            ).first()
            if draft is None or draft.step not in expected:
                raise FlowError("request.stale")
            for name, value in values.items():
                setattr(draft, name, value)
            draft.step = step
            draft.updated_at = utcnow()
            session.add(draft)
            await session.commit()
            return draft

    async def accept(self, citizen_id: int) -> RequestDraft:
        """The citizen accepted what will be kept."""
        return await self._update(citizen_id, ("consent",), "institution")

    async def offer_institutions(self, citizen_id: int, text: str) -> list[InstitutionMatch]:
        """Directory entries matching what the citizen typed, best first.

        The typed name is kept on the draft, so "Otra: usar «…»" can take it as it was written.
        """
        value = " ".join(clean_text(text).split())
        if not value:
            raise FlowError(
                "request.institution_length",
                minimum=INSTITUTION_NAME_MIN,
                maximum=INSTITUTION_NAME_MAX,
            )
        _refuse_markup(value)
        if len(value) > INSTITUTION_NAME_MAX:
            raise FlowError(
                "request.institution_length",
                minimum=INSTITUTION_NAME_MIN,
                maximum=INSTITUTION_NAME_MAX,
            )
        await self._update(citizen_id, ("institution",), "institution", institution_name=value)
        return self.directory.search(value)

    async def choose_typed_other(self, citizen_id: int) -> RequestDraft:
        """ "Otra: usar «…»": the name the citizen typed last, as written."""
        draft = await self.draft(citizen_id)
        if draft is None or draft.step != "institution" or not draft.institution_name:
            raise FlowError("request.stale")
        return await self.choose_other(citizen_id, draft.institution_name)

    async def choose_institution(self, citizen_id: int, institution_id: str) -> RequestDraft:
        """The citizen picked a directory entry."""
        institution = self.directory.get(institution_id)
        if institution is None:
            raise FlowError("request.unknown_institution")
        return await self._update(
            citizen_id,
            ("institution",),
            "description",
            institution_id=institution.id,
            institution_name=institution.name,
        )

    async def choose_other(self, citizen_id: int, name: str) -> RequestDraft:
        """The citizen names an institution the directory does not have ("otra")."""
        value = " ".join(clean_text(name).split())
        _refuse_markup(value)
        if not INSTITUTION_NAME_MIN <= len(value) <= INSTITUTION_NAME_MAX:
            raise FlowError(
                "request.institution_length",
                minimum=INSTITUTION_NAME_MIN,
                maximum=INSTITUTION_NAME_MAX,
            )
        return await self._update(
            citizen_id, ("institution",), "description", institution_id=None, institution_name=value
        )

    async def set_description(self, citizen_id: int, text: str) -> DescriptionCheck:
        """Store the description (20–2,000 characters, no HTML) and say what could be sharper."""
        value = clean_text(text)
        if not value:
            raise FlowError("request.description_empty")
        _refuse_markup(value)
        if len(value) > DESCRIPTION_MAX:
            raise FlowError("request.description_long", length=len(value), maximum=DESCRIPTION_MAX)
        if len(value) < DESCRIPTION_MIN or len(value.split()) < 4:
            raise FlowError("request.description_vague", minimum=DESCRIPTION_MIN)
        warnings = []
        if not _PERIOD.search(value):
            warnings.append("no_period")
        if len(value) > DESCRIPTION_LONG:
            warnings.append("long")
        step = "check" if warnings else "delivery"
        draft = await self._update(citizen_id, ("description",), step, description=value)
        return DescriptionCheck(draft, tuple(warnings))

    async def keep_description(self, citizen_id: int) -> RequestDraft:
        """The citizen keeps the description despite the tips."""
        return await self._update(citizen_id, ("check",), "delivery")

    async def rewrite_description(self, citizen_id: int) -> RequestDraft:
        """The citizen wants to write the description again."""
        return await self._update(citizen_id, ("check",), "description", description=None)

    async def set_delivery(self, citizen_id: int, delivery: str) -> RequestDraft:
        """Digital or physical copies."""
        if delivery not in DELIVERIES:
            raise FlowError("request.stale")
        return await self._update(citizen_id, ("delivery",), "subject", delivery=delivery)

    async def set_subject(
        self, citizen_id: int, text: str, language: str
    ) -> tuple[RequestDraft, InformationRequest]:
        """Store the short subject and create the request record (still without a date)."""
        value = " ".join(clean_text(text).split())
        _refuse_markup(value)
        if not SUBJECT_MIN <= len(value) <= SUBJECT_MAX:
            raise FlowError("request.subject_length", minimum=SUBJECT_MIN, maximum=SUBJECT_MAX)
        if _CEDULA.search(value) or _EMAIL.search(value):
            raise FlowError("request.subject_personal")
        async with self.db.session() as session:
            draft = (
                await session.exec(
                    select(RequestDraft).where(RequestDraft.citizen_id == citizen_id)
                )
            ).first()
            if draft is None or draft.step != "subject" or not draft.institution_name:
                raise FlowError("request.stale")
            request = InformationRequest(
                citizen_id=citizen_id,
                institution_id=draft.institution_id,
                institution_name=draft.institution_name,
                subject=value,
                language=language,
            )
            session.add(request)
            await session.flush()
            draft.request_id = request.id
            draft.step = "submitted"
            draft.updated_at = utcnow()
            session.add(draft)
            await session.commit()
            return draft, request

    async def letter(self, citizen_id: int) -> RequestLetter:
        """The request document's content, from the draft (while it still exists)."""
        draft = await self.draft(citizen_id)
        if draft is None or not draft.description or not draft.institution_name:
            raise FlowError("request.stale")
        institution = self.directory.get(draft.institution_id or "")
        return RequestLetter(
            institution_name=draft.institution_name,
            institution_acronym=institution.acronym if institution else None,
            description=draft.description,
            delivery=draft.delivery or "digital",
        )

    def institution(self, institution_id: str | None) -> Institution | None:
        """The directory entry behind a request or draft."""
        return self.directory.get(institution_id or "")

    async def set_submitted(
        self, citizen_id: int, text: str, now: dt.datetime | None = None
    ) -> RequestView:
        """The citizen submitted it on this date: compute the deadline, schedule the reminder.

        The draft — and with it the request's text — is deleted here.
        """
        today = ecuador_today(now)
        submitted_on = parse_date(text, today)
        async with self.db.session() as session:
            draft = (
                await session.exec(
                    select(RequestDraft).where(RequestDraft.citizen_id == citizen_id)
                )
            ).first()
            if draft is None or draft.step not in ("submitted", "date") or draft.request_id is None:
                raise FlowError("request.stale")
            request = await session.get(InformationRequest, draft.request_id)
            if request is None or request.citizen_id != citizen_id:
                raise FlowError("request.stale")
            request.submitted_on = submitted_on
            request.deadline = legal_deadline(submitted_on, request.extended)
            request.updated_at = utcnow()
            session.add(request)
            await session.delete(draft)
            await self._schedule_reminder(session, request)
            await session.commit()
            view = view_of(request, today)
        self.outbox.wake.set()
        return view

    async def later(self, citizen_id: int) -> RequestView:
        """The citizen will submit it later: keep the request without a date, drop the draft."""
        async with self.db.session() as session:
            draft = (
                await session.exec(
                    select(RequestDraft).where(RequestDraft.citizen_id == citizen_id)
                )
            ).first()
            if draft is None or draft.step != "submitted" or draft.request_id is None:
                raise FlowError("request.stale")
            request = await session.get(InformationRequest, draft.request_id)
            if request is None:
                raise FlowError("request.stale")
            await session.delete(draft)
            await session.commit()
            return view_of(request)

    async def ask_date(self, citizen_id: int, request_id: int) -> RequestDraft:
        """ "Ya la presenté" from /mis_solicitudes: wait for the date of an undated request."""
        async with self.db.session() as session:
            request = await session.get(InformationRequest, request_id)
            if request is None or request.citizen_id != citizen_id or request.submitted_on:
                raise FlowError("request.stale")
            await session.exec(
                delete(RequestDraft).where(col(RequestDraft.citizen_id) == citizen_id)
            )
            draft = RequestDraft(citizen_id=citizen_id, step="date", request_id=request_id)
            session.add(draft)
            await session.commit()
            return draft

    async def cancel(self, citizen_id: int) -> bool:
        """Drop the flow in progress; a request already created without a date stays listed."""
        async with self.db.session() as session:
            result = await session.exec(
                delete(RequestDraft).where(col(RequestDraft.citizen_id) == citizen_id)
            )
            await session.commit()
            return bool(result.rowcount)

    # -- following --------------------------------------------------------------------------------

    async def mine(self, citizen_id: int, today: dt.date | None = None) -> list[RequestView]:
        """The citizen's requests, newest first."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(InformationRequest)
                .where(InformationRequest.citizen_id == citizen_id)
                .order_by(col(InformationRequest.created_at).desc(), col(InformationRequest.id))
            )
            return [view_of(row, today) for row in rows]

    async def get(self, citizen_id: int, request_id: int) -> RequestView | None:
        """One of the citizen's requests."""
        async with self.db.session() as session:
            request = await session.get(InformationRequest, request_id)
            if request is None or request.citizen_id != citizen_id:
                return None
            return view_of(request)

    async def _schedule_reminder(self, session: AsyncSession, request: InformationRequest) -> None:
        """Queue "¿Le respondieron?" for the morning after the deadline, in the caller's work."""
        assert request.submitted_on and request.deadline and request.citizen_id
        await self._drop_reminders(session, request.id or 0)
        citizen = await session.get(Citizen, request.citizen_id)
        notice = RequestReminderNotice(
            language=(citizen.language if citizen else None) or request.language,
            request_id=request.id or 0,
            institution=request.institution_name,
            subject=request.subject,
            submitted_on=request.submitted_on,
            deadline=request.deadline,
            can_extend=not request.extended,
        )
        self.outbox.enqueue(
            session,
            request.citizen_id,
            f"request-deadline:{request.id}:{request.deadline.isoformat()}",
            notice,
            due=reminder_time(request.deadline),
        )

    @staticmethod
    async def _drop_reminders(session: AsyncSession, request_id: int) -> None:
        await session.exec(
            delete(Notification).where(
                col(Notification.dedupe_key).startswith(f"request-deadline:{request_id}:"),
                col(Notification.status) == "pending",
            )
        )

    async def record_outcome(
        self, citizen_id: int, request_id: int, answer: str, now: dt.datetime | None = None
    ) -> OutcomeResult:
        """The citizen's answer to "¿Le respondieron?" (from the reminder or /mis_solicitudes)."""
        today = ecuador_today(now)
        async with self.db.session() as session:
            request = await session.get(InformationRequest, request_id)
            if (
                request is None
                or request.citizen_id != citizen_id
                or request.submitted_on is None
                or request.deadline is None
            ):
                raise FlowError("request.stale")
            result_flags: dict[str, bool] = {}
            if answer == "extension":
                if request.outcome is not None:
                    raise FlowError("request.stale")  # an old reminder's button
                if request.extended:
                    raise FlowError("request.already_extended")
                request.extended = True
                request.deadline = legal_deadline(request.submitted_on, extended=True)
                await self._schedule_reminder(session, request)
                result_flags["extended"] = True
            elif answer == "yes":
                if today <= request.deadline:
                    request.outcome = "on_time"
                else:
                    request.outcome = "answered"
                    result_flags["ask_timing"] = True
            elif answer in ("on_time", "late"):
                if request.outcome not in ("answered", "on_time", "late"):
                    raise FlowError("request.stale")
                request.outcome = answer
            elif answer in ("partial", "no"):
                request.outcome = "partial" if answer == "partial" else "none"
                result_flags["next_steps"] = True
            else:
                raise FlowError("request.stale")
            if answer != "extension":
                request.outcome_on = today
                await self._drop_reminders(session, request.id or 0)
            request.updated_at = utcnow()
            session.add(request)
            await session.commit()
            view = view_of(request, today)
        if result_flags.get("extended"):
            self.outbox.wake.set()
        return OutcomeResult(view, **result_flags)

    async def followup_letter(self, citizen_id: int, request_id: int) -> FollowUpLetter:
        """The insistence letter for a request answered partly or not at all."""
        async with self.db.session() as session:
            request = await session.get(InformationRequest, request_id)
        if (
            request is None
            or request.citizen_id != citizen_id
            or request.outcome not in ("partial", "none")
            or request.submitted_on is None
            or request.deadline is None
        ):
            raise FlowError("request.stale")
        institution = self.directory.get(request.institution_id or "")
        return FollowUpLetter(
            institution_name=request.institution_name,
            institution_acronym=institution.acronym if institution else None,
            subject=request.subject,
            submitted_on=request.submitted_on,
            deadline=request.deadline,
            reason="partial" if request.outcome == "partial" else "none",
        )

    # -- housekeeping, statistics and data rights ----------------------------------------------

    async def expire_drafts(self, now: dt.datetime | None = None) -> int:
        """Delete flows left untouched for a day (their text with them) and tell the citizen."""
        cutoff = (now or utcnow()) - DRAFT_LIFETIME
        async with self.db.session() as session:
            stale = list(
                await session.exec(
                    select(RequestDraft, Citizen)
                    .join(Citizen, col(Citizen.id) == RequestDraft.citizen_id)
                    .where(col(RequestDraft.updated_at) < cutoff)
                )
            )
            for draft, citizen in stale:
                self.outbox.enqueue(
                    session,
                    citizen.id or 0,
                    f"request-draft-expired:{draft.id}:{draft.created_at.isoformat()}",
                    RequestDraftExpiredNotice(citizen.language or "es"),
                )
                await session.delete(draft)
            await session.commit()
        if stale:
            self.outbox.wake.set()
        return len(stale)

    async def statistics(self) -> list[InstitutionCount]:
        """Outcome counts per institution, with no link to any citizen."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(
                    InformationRequest.institution_name,
                    InformationRequest.outcome,
                    func.count(),
                )
                .where(col(InformationRequest.submitted_on).is_not(None))
                .group_by(col(InformationRequest.institution_name), col(InformationRequest.outcome))
            )
            by_name: dict[str, InstitutionCount] = {}
            for name, outcome, count in rows:
                entry = by_name.setdefault(name, InstitutionCount(name))
                entry.counts[outcome or "pending"] = int(count)
        return sorted(by_name.values(), key=lambda item: item.institution_name)

    async def public_statistics(self) -> list[RequestTally]:
        """Outcomes per institution for the public page, most requested first.

        Institutions with fewer than :data:`PUBLIC_MIN_REQUESTS` submitted requests are summed
        into one last row (``institution_name`` None).
        """
        shown: list[RequestTally] = []
        others = RequestTally(None, 0, 0, 0, 0, 0, 0)
        for entry in await self.statistics():
            counts = entry.counts
            tally = RequestTally(
                entry.institution_name,
                submitted=sum(counts.values()),
                on_time=counts.get("on_time", 0),
                late=counts.get("late", 0),
                untimed=counts.get("answered", 0),
                partial=counts.get("partial", 0),
                unanswered=counts.get("none", 0),
            )
            if tally.submitted >= PUBLIC_MIN_REQUESTS:
                shown.append(tally)
            else:
                others = RequestTally(
                    None,
                    others.submitted + tally.submitted,
                    others.on_time + tally.on_time,
                    others.late + tally.late,
                    others.untimed + tally.untimed,
                    others.partial + tally.partial,
                    others.unanswered + tally.unanswered,
                )
        shown.sort(key=lambda item: (-item.submitted, item.institution_name or ""))
        return shown + ([others] if others.submitted else [])

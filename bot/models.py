"""SQLModel tables. No names or usernames are stored: citizens are known by a pseudonym."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, DateTime, Index, Text, TypeDecorator, UniqueConstraint, text
from sqlmodel import Field, SQLModel

ECUADOR = ZoneInfo("America/Guayaquil")


def utcnow() -> dt.datetime:
    """Return the current time, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


def ecuador_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Ecuador (the date a citizen means by "hoy"; deadlines count from it)."""
    return (now or utcnow()).astimezone(ECUADOR).date()


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Store UTC without a zone (SQLite has none) and always hand back aware datetimes."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use aware UTC datetimes")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def _when(**kwargs: Any) -> Any:
    return Field(sa_type=UTCDateTime, **kwargs)


class Citizen(SQLModel, table=True):
    """Someone who talked to the assistant, known only by a pseudonym."""

    id: int | None = Field(default=None, primary_key=True)
    pseudonym: str = Field(max_length=64, unique=True, index=True)
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    language: str | None = Field(default=None, max_length=2)
    bot_blocked: bool = False
    created_at: dt.datetime = _when(default_factory=utcnow)
    last_seen_at: dt.datetime = _when(default_factory=utcnow)


class QuestionLog(SQLModel, table=True):
    """One question and what the assistant made of it (ids come from :mod:`bot.ids`)."""

    __tablename__ = "question_log"

    id: int | None = Field(default=None, primary_key=True, sa_type=BigInteger)
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    asked_at: dt.datetime = _when(default_factory=utcnow, index=True)
    channel: str = Field(default="telegram", max_length=16)
    language: str = Field(default="es", max_length=2)
    normalized: str = Field(sa_type=Text)
    outcome: str = Field(max_length=16, index=True)
    entry_id: str | None = Field(default=None, max_length=80, index=True)
    score: float = 0.0
    feedback: int | None = None


class StaffQuestion(SQLModel, table=True):
    """A question the assistant could not answer, sent to staff with the citizen's consent.

    A row starts as ``draft`` when the assistant falls back; only the citizen's "send" makes it
    ``pending`` and visible to staff. Drafts never sent are deleted after a day. Staff move it to
    ``answered``, ``for_kb`` (material for an entry) or, in the panel, ``closed`` (added to the
    knowledge base, out of scope or dismissed).
    """

    __tablename__ = "staff_question"

    id: int | None = Field(default=None, primary_key=True, sa_type=BigInteger)
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    question_log_id: int | None = Field(
        default=None, foreign_key="question_log.id", sa_type=BigInteger
    )
    text: str = Field(sa_type=Text)
    language: str = Field(default="es", max_length=2)
    status: str = Field(default="draft", max_length=16, index=True)
    created_at: dt.datetime = _when(default_factory=utcnow)
    sent_at: dt.datetime | None = _when(default=None)
    answered_at: dt.datetime | None = _when(default=None)
    answer_text: str | None = Field(default=None, sa_type=Text)
    faq_entry_id: str | None = Field(default=None, max_length=80)
    # The short reference staff read and type ("P-4821"), given when the citizen sends it.
    ref: str | None = Field(default=None, max_length=12, unique=True)


class CommitmentUpdate(SQLModel, table=True):
    """A status update of an action-plan commitment, recorded by staff."""

    __tablename__ = "commitment_update"

    id: int | None = Field(default=None, primary_key=True)
    commitment_id: str = Field(max_length=80, index=True)
    status: str = Field(max_length=16)
    note: str = Field(sa_type=Text)
    source_url: str = Field(max_length=500)
    as_of: dt.date
    author: str = Field(max_length=80)
    recorded_at: dt.datetime = _when(default_factory=utcnow)


class CommitmentFollow(SQLModel, table=True):
    """A citizen who wants to hear about a commitment's status changes."""

    __tablename__ = "commitment_follow"
    __table_args__ = (UniqueConstraint("citizen_id", "commitment_id"),)

    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id", index=True)
    commitment_id: str = Field(max_length=80, index=True)
    # The citizen's Telegram client language when they followed: notices use it when they
    # never chose one with /idioma.
    language: str | None = Field(default=None, max_length=2)
    created_at: dt.datetime = _when(default_factory=utcnow)


class Notification(SQLModel, table=True):
    """The outbox: a message to a citizen, written in the same transaction as its cause.

    A background worker delivers it. ``dedupe_key`` makes enqueuing idempotent (one notification
    per cause and citizen); ``status`` moves pending → sending → sent, or → undeliverable.
    """

    id: int | None = Field(default=None, primary_key=True)
    # A citizen, or (for staff alerts) no citizen and a ``chat_id`` of its own.
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    dedupe_key: str = Field(max_length=120, unique=True)
    text: str = Field(sa_type=Text)
    status: str = Field(default="pending", max_length=16, index=True)
    attempts: int = 0
    next_attempt_at: dt.datetime = _when(default_factory=utcnow, index=True)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: dt.datetime = _when(default_factory=utcnow)
    sent_at: dt.datetime | None = _when(default=None)
    # Inline buttons as JSON rows of [label, callback data]; most notifications have none.
    buttons: str | None = Field(default=None, sa_type=Text)
    # A text longer than one message goes in parts; those already delivered are not sent again.
    parts_sent: int = 0


class Proposal(SQLModel, table=True):
    """A need or proposal a citizen logged, with its tracking code and lifecycle."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=12, unique=True, index=True)
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    category: str = Field(max_length=16)
    text: str = Field(sa_type=Text)
    province: str | None = Field(default=None, max_length=40)
    contact: str | None = Field(default=None, max_length=120)
    language: str = Field(default="es", max_length=2)
    status: str = Field(default="recibida", max_length=16, index=True)
    public_answer: str | None = Field(default=None, sa_type=Text)
    derived_to: str | None = Field(default=None, max_length=200)
    reason: str | None = Field(default=None, sa_type=Text)
    supports: int = 0
    deadline: dt.date
    created_at: dt.datetime = _when(default_factory=utcnow, index=True)
    updated_at: dt.datetime = _when(default_factory=utcnow)


class ProposalEvent(SQLModel, table=True):
    """One transition of a proposal: who, when, the public message and an internal note."""

    __tablename__ = "proposal_event"

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    at: dt.datetime = _when(default_factory=utcnow)
    actor: str = Field(max_length=80)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    public_message: str | None = Field(default=None, sa_type=Text)
    internal_note: str | None = Field(default=None, sa_type=Text)


class ProposalSupport(SQLModel, table=True):
    """A citizen's "+1" on someone else's proposal (once each).

    ``marker`` is a one-way hash of the supporter's pseudonym and the proposal: it stays after
    the citizen erases their data (``citizen_id`` goes), so erasing cannot be used to support
    the same proposal again, and it cannot be turned back into a person.
    """

    __tablename__ = "proposal_support"
    __table_args__ = (
        UniqueConstraint("proposal_id", "citizen_id"),
        UniqueConstraint("proposal_id", "marker"),
    )

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True)
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    marker: str | None = Field(default=None, max_length=64)
    # The supporter's client language at the time (see CommitmentFollow.language).
    language: str | None = Field(default=None, max_length=2)
    created_at: dt.datetime = _when(default_factory=utcnow)


class ProposalDraft(SQLModel, table=True):
    """Where a citizen stands in the guided flow: kept here, not in process memory."""

    __tablename__ = "proposal_draft"

    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id", unique=True)
    step: str = Field(max_length=16)
    category: str | None = Field(default=None, max_length=16)
    text: str | None = Field(default=None, sa_type=Text)
    province: str | None = Field(default=None, max_length=40)
    contact: str | None = Field(default=None, max_length=120)
    editing: bool = False  # after an edit, go back to the summary
    # Ids of the similar proposals shown to this citizen ("" when none were): only these may be
    # supported from the flow, and they are shown once per draft text.
    similar_offered: str | None = Field(default=None, max_length=200)
    proposal_id: int | None = Field(default=None, foreign_key="proposal.id")
    created_at: dt.datetime = _when(default_factory=utcnow)
    updated_at: dt.datetime = _when(default_factory=utcnow, index=True)


class PanelLoginToken(SQLModel, table=True):
    """A one-time sign-in link for the staff panel; only its SHA-256 is stored."""

    __tablename__ = "panel_login_token"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    staff_id: int = Field(sa_type=BigInteger)
    created_at: dt.datetime = _when(default_factory=utcnow)
    expires_at: dt.datetime = _when()
    used_at: dt.datetime | None = _when(default=None)


class AuditEvent(SQLModel, table=True):
    """Who did what in the staff panel, and when (``detail`` is JSON)."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = _when(default_factory=utcnow, index=True)
    actor: str = Field(max_length=80)
    action: str = Field(max_length=40, index=True)
    target: str | None = Field(default=None, max_length=120)
    detail: str = Field(default="{}", sa_type=Text)


class KnowledgeEdit(SQLModel, table=True):
    """One version of an FAQ entry edited in the panel: the overlay over the YAML baseline.

    The newest version of each entry is what the bot serves; older ones are the history staff can
    restore. ``data`` is the entry as JSON (the YAML schema), or null when the edit hid it.
    """

    __tablename__ = "knowledge_edit"
    __table_args__ = (UniqueConstraint("entry_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    entry_id: str = Field(max_length=80, index=True)
    version: int
    data: str | None = Field(default=None, sa_type=Text)
    # A fingerprint of the YAML entry the edit was made over (None: a new entry). Once the YAML
    # changes (say, the edit was exported, reviewed and deployed), the YAML wins.
    base_hash: str | None = Field(default=None, max_length=16)
    actor: str = Field(max_length=80)
    note: str | None = Field(default=None, max_length=300)
    at: dt.datetime = _when(default_factory=utcnow)


class KnowledgeState(SQLModel, table=True):
    """A single row whose counter every process polls: it changes on every knowledge edit."""

    __tablename__ = "knowledge_state"

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    updated_at: dt.datetime = _when(default_factory=utcnow)


class QuestionTriage(SQLModel, table=True):
    """What staff did with a logged question in the panel (answered, added, out of scope…)."""

    __tablename__ = "question_triage"

    question_log_id: int = Field(
        primary_key=True, foreign_key="question_log.id", sa_type=BigInteger
    )
    resolution: str = Field(max_length=16)
    entry_id: str | None = Field(default=None, max_length=80)
    actor: str = Field(max_length=80)
    at: dt.datetime = _when(default_factory=utcnow)


class ProposalAssignment(SQLModel, table=True):
    """Which staff member looks after a proposal (one row per proposal)."""

    __tablename__ = "proposal_assignment"

    proposal_id: int = Field(primary_key=True, foreign_key="proposal.id")
    assignee: str = Field(max_length=80, index=True)
    actor: str = Field(max_length=80)
    at: dt.datetime = _when(default_factory=utcnow)


class ProposalPublication(SQLModel, table=True):
    """A proposal staff published as a public need: the redacted draft and the text shown.

    The citizen's own words stay in ``proposal.text`` (never public); ``redacted_text`` is what
    the redaction rules made of them, ``public_text`` what staff chose to publish (edited or not).
    """

    __tablename__ = "proposal_publication"

    proposal_id: int = Field(primary_key=True, foreign_key="proposal.id")
    redacted_text: str = Field(sa_type=Text)
    public_text: str = Field(sa_type=Text)
    actor: str = Field(max_length=80)
    published_at: dt.datetime = _when(default_factory=utcnow, index=True)


class InformationRequest(SQLModel, table=True):
    """An access-to-information request a citizen prepared with the assistant.

    Only what following the deadline needs: the institution, a short subject the citizen typed,
    the dates and the outcome. Never the citizen's name, cédula, signature, address or contact,
    and not the request's full text (that lives in the draft only until the document is made).
    """

    __tablename__ = "information_request"

    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int | None = Field(default=None, foreign_key="citizen.id", index=True)
    institution_id: str | None = Field(default=None, max_length=40, index=True)
    institution_name: str = Field(max_length=200)
    subject: str = Field(max_length=100)
    language: str = Field(default="es", max_length=2)
    submitted_on: dt.date | None = None
    deadline: dt.date | None = Field(default=None, index=True)
    extended: bool = False
    outcome: str | None = Field(default=None, max_length=16, index=True)
    outcome_on: dt.date | None = None
    created_at: dt.datetime = _when(default_factory=utcnow)
    updated_at: dt.datetime = _when(default_factory=utcnow)


class RequestDraft(SQLModel, table=True):
    """Where a citizen stands in the request flow; the description lives here, briefly.

    Deleted once the citizen says when they submitted the request (or after a day untouched),
    so the text of the request is never kept beyond making the document.
    """

    __tablename__ = "request_draft"

    id: int | None = Field(default=None, primary_key=True)
    citizen_id: int = Field(foreign_key="citizen.id", unique=True)
    step: str = Field(max_length=16)
    institution_id: str | None = Field(default=None, max_length=40)
    institution_name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, sa_type=Text)
    delivery: str | None = Field(default=None, max_length=10)
    request_id: int | None = Field(default=None, foreign_key="information_request.id")
    created_at: dt.datetime = _when(default_factory=utcnow)
    updated_at: dt.datetime = _when(default_factory=utcnow, index=True)


class TelegramUpdate(SQLModel, table=True):
    """A webhook delivery, kept a day so a retried delivery is never handled twice.

    ``payload`` holds the raw update only until it is handled (then it is cleared: no names or
    texts stay); a row without ``handled_at`` is picked up by any replica when its receiver died.
    """

    __tablename__ = "telegram_update"
    # The sweep's index: only rows not handled yet, by id. Marking a row handled adds no entry
    # to it (the new version is outside its condition), where an index on handled_at took one
    # at every update's claim.
    __table_args__ = (
        Index(
            "ix_telegram_update_unhandled",
            "update_id",
            postgresql_where=text("handled_at IS NULL"),
            sqlite_where=text("handled_at IS NULL"),
        ),
    )

    update_id: int = Field(
        primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False}
    )
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    payload: str | None = Field(default=None, sa_type=Text)
    received_at: dt.datetime = _when(default_factory=utcnow, index=True)
    handled_at: dt.datetime | None = _when(default=None)


class UpdateReply(SQLModel, table=True):
    """A Bot API call made for a webhook update, recorded as soon as Telegram accepted it.

    A replica killed mid-update leaves the update unhandled; whichever replica takes it again
    replays these calls (the same method to the same chat, in the same order) instead of making
    them a second time. Only what a handler may use of Telegram's answer is kept (message id,
    date, chat id and type): no text, no names. Purged with the deliveries, after a day.
    """

    __tablename__ = "update_reply"

    update_id: int = Field(
        primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False}
    )
    position: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    method: str = Field(max_length=40)
    chat_id: str | None = Field(default=None, max_length=40)
    result: str = Field(sa_type=Text)
    recorded_at: dt.datetime = _when(default_factory=utcnow, index=True)


class DeliveryPause(SQLModel, table=True):
    """Telegram's "retry after" for a channel: no outbox worker of any replica sends before it."""

    __tablename__ = "delivery_pause"

    channel: str = Field(primary_key=True, max_length=16)
    not_before: dt.datetime = _when()

"""The question log, citizens' feedback, and the queue of questions sent to staff."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, func, select

from bot.db import Database, is_unreachable
from bot.ids import IdGenerator
from bot.models import Citizen, QuestionLog, StaffQuestion, utcnow
from bot.services.answers import Reply
from bot.services.notices import StaffAnswerNotice
from bot.services.notifications import NotificationOutbox
from bot.services.proposals.errors import FlowError
from bot.services.redaction import redact
from bot.services.staff_alerts import StaffAlerts
from bot.services.text import clean_text
from knowledge.normalize import fold

logger = logging.getLogger(__name__)

DRAFT_LIFETIME = dt.timedelta(hours=24)
MAX_LOGGED_CHARS = 1000
STAFF_ANSWER_MAX = 3500  # with the question quoted, the notice still fits one message
_QUESTION_REF = re.compile(r"^\s*P\s*-?\s*(\d{4,8})\s*$", re.IGNORECASE)


def new_question_ref(digits: int = 4) -> str:
    """A short random reference for a question sent to staff, like ``P-4821``."""
    low = 10 ** (digits - 1)
    return f"P-{secrets.randbelow(9 * low) + low}"


def normalize_question_ref(text: str) -> str | None:
    """Read a reference as staff type it ("p4821", "P-4821"); None if it is not one."""
    found = _QUESTION_REF.match(text)
    return f"P-{found.group(1)}" if found else None


@dataclass(frozen=True)
class LoggedQuestion:
    """Ids a handler puts into buttons after a question was logged."""

    log_id: int
    draft_id: int | None


class QuestionService:
    """Record what citizens ask and keep the staff queue.

    Logging a question must not cost a database round trip while the citizen waits, so
    ``record`` only queues the rows (with ids made here, for the buttons) and a writer task
    stores them in one transaction every ``flush_seconds`` — and on shutdown. Every read flushes
    first, so nothing queued is ever invisible to the code that asks for it. A hard kill loses
    at most the last ``flush_seconds`` of the log.

    One row the database refuses (a citizen erased by another process a moment ago) must not
    stop the log for everyone: when a batch fails, its rows are written one by one and the ones
    refused are set aside and logged by id, never by content. While the database is unreachable
    the rows wait, up to ``max_queued``; beyond that new ones are dropped (and counted).
    """

    def __init__(
        self,
        db: Database,
        outbox: NotificationOutbox | None = None,
        flush_seconds: float = 0.25,
        max_batch: int = 500,
        max_queued: int = 20_000,
        staff_alerts: StaffAlerts | None = None,
    ) -> None:
        self.db = db
        self.staff_alerts = staff_alerts
        self.outbox = outbox
        self.flush_seconds = flush_seconds
        self.max_batch = max_batch
        self.max_queued = max_queued
        self.refused = 0  # rows the database would not take, set aside
        self.dropped = 0  # rows not queued because the queue was full
        self._ids = IdGenerator()
        self._logs: list[dict[str, object]] = []
        self._drafts: list[dict[str, object]] = []
        self._flush_lock = asyncio.Lock()
        self._full = asyncio.Event()
        self._stopping = False

    def record(
        self, citizen_id: int | None, question: str, reply: Reply, channel: str = "telegram"
    ) -> LoggedQuestion:
        """Queue one question and its outcome; unanswered ones also get a draft for staff."""
        question = clean_text(question)
        now = utcnow()
        log_id = self._ids.next()
        if len(self._logs) >= self.max_queued:
            self.dropped += 1
            if self.dropped % 1000 == 1:
                logger.warning("question log queue full: %d rows dropped so far", self.dropped)
            return LoggedQuestion(log_id, None)
        self._logs.append(
            {
                "id": log_id,
                "citizen_id": citizen_id,
                "asked_at": now,
                "channel": channel,
                "language": reply.language,
                # Statistics need the words, not anyone's e-mail, phone or cédula.
                "normalized": fold(redact(question))[:MAX_LOGGED_CHARS],
                "outcome": reply.decision,
                "entry_id": reply.entry_id,
                "score": reply.score,
                "feedback": None,
            }
        )
        draft_id = None
        # Answers get a draft too, so that a 👎 can offer to send the question to the team.
        if reply.decision in ("fallback", "suggest", "answer"):
            draft_id = self._ids.next()
            self._drafts.append(
                {
                    "id": draft_id,
                    "citizen_id": citizen_id,
                    "question_log_id": log_id,
                    "text": question.strip(),
                    "language": reply.language,
                    "status": "draft",
                    "created_at": now,
                }
            )
        if len(self._logs) >= self.max_batch:
            self._full.set()
        return LoggedQuestion(log_id, draft_id)

    async def flush(self) -> int:
        """Write every queued row now, in one transaction; return how many."""
        async with self._flush_lock:
            logs, drafts = self._logs, self._drafts
            self._logs, self._drafts = [], []
            if not logs and not drafts:
                return 0
            try:
                await self._write(logs, drafts)
            except Exception as error:
                if is_unreachable(error):
                    self._logs[:0], self._drafts[:0] = logs, drafts  # keep them for the next try
                    raise
                logger.warning(
                    "question log: a batch of %d rows was refused (%s); writing them one by one",
                    len(logs) + len(drafts),
                    type(error).__name__,
                )
                return await self._write_one_by_one(logs, drafts)
            return len(logs) + len(drafts)

    async def _write(self, logs: list[dict[str, object]], drafts: list[dict[str, object]]) -> None:
        async with self.db.engine.begin() as connection:
            if logs:  # logs first: drafts point at them
                await connection.execute(insert(QuestionLog), logs)
            if drafts:
                await connection.execute(insert(StaffQuestion), drafts)

    async def _write_one_by_one(
        self, logs: list[dict[str, object]], drafts: list[dict[str, object]]
    ) -> int:
        """Write each log row with its drafts; set aside (and log by id) the ones refused."""
        drafts_of: dict[object, list[dict[str, object]]] = {}
        for draft in drafts:
            drafts_of.setdefault(draft["question_log_id"], []).append(draft)
        written = 0
        groups = [([log], drafts_of.pop(log["id"], [])) for log in logs]
        groups += [([], orphans) for orphans in drafts_of.values()]
        for position, (group_logs, group_drafts) in enumerate(groups):
            try:
                await self._write(group_logs, group_drafts)
            except Exception as error:
                if is_unreachable(error):  # the database went away: keep the rest for later
                    for later_logs, later_drafts in groups[position:]:
                        self._logs.extend(later_logs)
                        self._drafts.extend(later_drafts)
                    raise
                self.refused += len(group_logs) + len(group_drafts)
                ids = [row["id"] for row in group_logs + group_drafts]
                logger.warning(
                    "question log: rows %s refused (%s); set aside", ids, type(error).__name__
                )
                continue
            written += len(group_logs) + len(group_drafts)
        return written

    async def run_writer(self) -> None:
        """Flush every ``flush_seconds`` (or when a batch is full) until :meth:`stop`."""
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._full.wait(), self.flush_seconds)
            self._full.clear()
            try:
                await self.flush()
            except Exception:
                logger.exception("could not write the question log; will retry")
        await self.flush()

    def stop(self) -> None:
        """Ask the writer to write what is queued and end (never cancel it mid-transaction)."""
        self._stopping = True
        self._full.set()

    async def record_pick(self, log_id: int, citizen_id: int, entry_id: str) -> bool:
        """Note that the citizen chose ``entry_id`` among the suggestions of ``log_id``."""
        await self.flush()
        async with self.db.session() as session:
            log = await session.get(QuestionLog, log_id)
            if log is None or log.citizen_id != citizen_id:
                return False
            log.entry_id = entry_id
            log.outcome = "picked"
            session.add(log)
            await session.commit()
            return True

    async def record_feedback(self, log_id: int, citizen_id: int, helpful: bool) -> bool:
        """Store 👍/👎 for a logged answer; only its own citizen may rate it."""
        await self.flush()
        async with self.db.session() as session:
            log = await session.get(QuestionLog, log_id)
            if log is None or log.citizen_id != citizen_id:
                return False
            log.feedback = 1 if helpful else -1
            session.add(log)
            await session.commit()
            return True

    async def draft_for_log(self, log_id: int, citizen_id: int) -> StaffQuestion | None:
        """The citizen's own draft made for the logged question ``log_id`` (for 👎)."""
        await self.flush()
        async with self.db.session() as session:
            return (
                await session.exec(
                    select(StaffQuestion).where(
                        StaffQuestion.question_log_id == log_id,
                        StaffQuestion.citizen_id == citizen_id,
                    )
                )
            ).first()

    async def own_draft(self, draft_id: int, citizen_id: int) -> StaffQuestion | None:
        """The citizen's draft ``draft_id`` if it is theirs and still kept, else None."""
        await self.flush()
        async with self.db.session() as session:
            draft = await session.get(StaffQuestion, draft_id)
            return draft if draft is not None and draft.citizen_id == citizen_id else None

    async def send_to_staff(self, draft_id: int, citizen_id: int) -> StaffQuestion | None:
        """Move a citizen's own draft into the staff queue (idempotent); None if not theirs.

        The question gets its short reference ("P-4821") here, unique: a collision draws again,
        with one more digit after a few tries.
        """
        await self.flush()
        for attempt in range(12):
            async with self.db.session() as session:
                draft = await session.get(StaffQuestion, draft_id)
                if draft is None or draft.citizen_id != citizen_id:
                    return None
                if draft.status != "draft":
                    return draft
                draft.status = "pending"
                draft.sent_at = utcnow()
                draft.ref = new_question_ref(4 + attempt // 4)
                session.add(draft)
                try:
                    await session.flush()
                except IntegrityError:
                    await session.rollback()
                    continue
                if self.staff_alerts is not None:  # in the same transaction as the send
                    await self.staff_alerts.new_question(session, draft)
                await session.commit()
                if self.staff_alerts is not None and self.outbox is not None:
                    self.outbox.wake.set()
                return draft
        raise RuntimeError("could not allocate a unique question reference")

    async def by_ref(self, text: str) -> StaffQuestion | None:
        """A queued question by its short reference ("P-4821", "p4821") or its long number."""
        await self.flush()
        ref = normalize_question_ref(text)
        async with self.db.session() as session:
            if ref is not None:
                return (
                    await session.exec(select(StaffQuestion).where(StaffQuestion.ref == ref))
                ).first()
            number = text.strip()
            # Only a number a row can have: anything above 64 bits would overflow the column.
            if number.isascii() and number.isdigit() and 0 < int(number) < 2**63:
                return await session.get(StaffQuestion, int(number))
            return None

    async def pending(self, limit: int = 20, offset: int = 0) -> list[StaffQuestion]:
        """Questions waiting for staff, oldest first."""
        await self.flush()
        async with self.db.session() as session:
            rows = await session.exec(
                select(StaffQuestion)
                .where(StaffQuestion.status == "pending")
                .order_by(col(StaffQuestion.sent_at), col(StaffQuestion.id))
                .offset(offset)
                .limit(limit)
            )
            return list(rows)

    async def purge_drafts(self, now: dt.datetime | None = None) -> int:
        """Delete drafts the citizen never sent, once they are a day old."""
        cutoff = (now or utcnow()) - DRAFT_LIFETIME
        async with self.db.session() as session:
            result = await session.exec(
                delete(StaffQuestion).where(
                    col(StaffQuestion.status) == "draft", col(StaffQuestion.created_at) < cutoff
                )
            )
            await session.commit()
            return result.rowcount or 0

    async def get(self, question_id: int) -> StaffQuestion | None:
        """One queued question by number."""
        await self.flush()
        async with self.db.session() as session:
            return await session.get(StaffQuestion, question_id)

    async def count_pending(self) -> int:
        """How many questions wait for staff."""
        await self.flush()
        async with self.db.session() as session:
            return int(
                (
                    await session.exec(
                        select(func.count())
                        .select_from(StaffQuestion)
                        .where(StaffQuestion.status == "pending")
                    )
                ).one()
            )

    async def answer(self, question_id: int, answer: str) -> bool:
        """Answer a pending question: the citizen is told through the outbox (same transaction).

        Raise :class:`FlowError` ("staff.too_long") when the answer would not fit one message.
        """
        answer = clean_text(answer)
        if len(answer.strip()) > STAFF_ANSWER_MAX:
            raise FlowError("staff.too_long", length=len(answer.strip()), maximum=STAFF_ANSWER_MAX)
        async with self.db.session() as session:
            question = await session.get(StaffQuestion, question_id)
            if question is None or question.status != "pending" or not answer.strip():
                return False
            question.status = "answered"
            question.answer_text = answer.strip()
            question.answered_at = utcnow()
            session.add(question)
            if question.citizen_id is not None:
                citizen = await session.get(Citizen, question.citizen_id)
                language = (citizen.language if citizen else None) or question.language
                if self.outbox is None:
                    raise RuntimeError("answering a citizen needs the notification outbox")
                self.outbox.enqueue(
                    session,
                    question.citizen_id,
                    f"staff-answer:{question.id}",
                    StaffAnswerNotice(language, question.text[:300], question.answer_text),
                )
            await session.commit()
        if self.outbox is not None:
            self.outbox.wake.set()
        return True

    async def mark_for_knowledge_base(self, question_id: int) -> bool:
        """Set a pending question aside as material for a new FAQ entry."""
        async with self.db.session() as session:
            question = await session.get(StaffQuestion, question_id)
            if question is None or question.status != "pending":
                return False
            question.status = "for_kb"
            session.add(question)
            await session.commit()
            return True

"""The question log, citizens' feedback, and the queue of questions sent to staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import col, delete, select

from bot.db import Database
from bot.models import QuestionLog, StaffQuestion, utcnow
from bot.services.answers import Reply
from knowledge.normalize import fold

DRAFT_LIFETIME = dt.timedelta(hours=24)
MAX_LOGGED_CHARS = 1000


@dataclass(frozen=True)
class LoggedQuestion:
    """Ids a handler puts into buttons after a question was logged."""

    log_id: int
    draft_id: int | None


class QuestionService:
    """Record what citizens ask and keep the staff queue."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self, citizen_id: int | None, question: str, reply: Reply, channel: str = "telegram"
    ) -> LoggedQuestion:
        """Log one question and its outcome; unanswered ones also get a draft for staff."""
        async with self.db.session() as session:
            log = QuestionLog(
                citizen_id=citizen_id,
                channel=channel,
                language=reply.language,
                normalized=fold(question)[:MAX_LOGGED_CHARS],
                outcome=reply.decision,
                entry_id=reply.entry_id,
                score=reply.score,
            )
            session.add(log)
            await session.flush()
            draft = None
            if reply.decision in ("fallback", "suggest"):
                draft = StaffQuestion(
                    citizen_id=citizen_id,
                    question_log_id=log.id,
                    text=question.strip(),
                    language=reply.language,
                )
                session.add(draft)
                await session.flush()
            await session.commit()
            return LoggedQuestion(log.id or 0, draft.id if draft else None)

    async def record_pick(self, log_id: int, citizen_id: int, entry_id: str) -> bool:
        """Note that the citizen chose ``entry_id`` among the suggestions of ``log_id``."""
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
        async with self.db.session() as session:
            log = await session.get(QuestionLog, log_id)
            if log is None or log.citizen_id != citizen_id:
                return False
            log.feedback = 1 if helpful else -1
            session.add(log)
            await session.commit()
            return True

    async def send_to_staff(self, draft_id: int, citizen_id: int) -> StaffQuestion | None:
        """Move a citizen's own draft into the staff queue (idempotent); None if not theirs."""
        async with self.db.session() as session:
            draft = await session.get(StaffQuestion, draft_id)
            if draft is None or draft.citizen_id != citizen_id:
                return None
            if draft.status == "draft":
                draft.status = "pending"
                draft.sent_at = utcnow()
                session.add(draft)
                await session.commit()
            return draft

    async def pending(self, limit: int = 20, offset: int = 0) -> list[StaffQuestion]:
        """Questions waiting for staff, oldest first."""
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

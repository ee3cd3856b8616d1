"""The learning loop: what the bot could not answer (or answered badly), grouped for staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from rapidfuzz import fuzz, process
from sqlmodel import col, or_, select

from bot.db import Database
from bot.models import Citizen, QuestionLog, QuestionTriage, StaffQuestion, utcnow
from bot.services.audit import audit
from bot.services.knowledge import KnowledgeService
from bot.services.notices import StaffAnswerNotice
from bot.services.notifications import NotificationOutbox
from bot.services.questions import QuestionService
from bot.services.text import clean_text
from knowledge.normalize import fold
from knowledge.schema import FaqEntry

GROUP_SIMILARITY = 85
MAX_ITEMS = 2000
RESOLUTIONS = ("answered", "alternate", "created", "out_of_scope", "dismissed")


@dataclass(frozen=True)
class ReviewItem:
    """One logged question waiting for staff."""

    log_id: int
    text: str
    kind: str  # fallback | sent | thumbs_down | picked
    asked_at: dt.datetime
    language: str
    citizen_id: int | None
    entry_id: str | None


@dataclass
class QuestionGroup:
    """Questions with similar wording, shown and acted on together."""

    text: str
    items: list[ReviewItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many times this was asked."""
        return len(self.items)

    @property
    def last_seen(self) -> dt.datetime:
        """When it was last asked."""
        return max(item.asked_at for item in self.items)

    @property
    def kinds(self) -> dict[str, int]:
        """How many of each kind the group holds."""
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return counts

    @property
    def log_ids(self) -> list[int]:
        """The logged questions in the group."""
        return [item.log_id for item in self.items]

    @property
    def language(self) -> str:
        """The language most of the group was asked in."""
        english = sum(1 for item in self.items if item.language == "en")
        return "en" if english * 2 > len(self.items) else "es"

    @property
    def wordings(self) -> list[str]:
        """The distinct wordings, most recent first."""
        return list(dict.fromkeys(item.text for item in self.items))


def group_questions(
    items: Sequence[ReviewItem], similarity: int = GROUP_SIMILARITY
) -> list[QuestionGroup]:
    """Group by similar wording (rapidfuzz), most asked and then most recent first."""
    groups: list[QuestionGroup] = []
    keys: list[str] = []
    for item in sorted(items, key=lambda i: i.asked_at, reverse=True):
        key = fold(item.text)
        best = process.extractOne(
            key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=similarity, processor=None
        )
        if best is None:
            groups.append(QuestionGroup(item.text, [item]))
            keys.append(key)
        else:
            groups[best[2]].items.append(item)
    groups.sort(key=lambda g: (g.count, g.last_seen), reverse=True)
    return groups


class ReviewError(ValueError):
    """An action on questions that cannot be done (nothing selected, empty answer…)."""


class ReviewService:
    """Show staff the questions to learn from, and act on them."""

    def __init__(
        self,
        db: Database,
        questions: QuestionService,
        knowledge: KnowledgeService,
        outbox: NotificationOutbox,
    ) -> None:
        self.db = db
        self.questions = questions
        self.knowledge = knowledge
        self.outbox = outbox

    async def items(self, limit: int = MAX_ITEMS) -> list[ReviewItem]:
        """Fallbacks, questions sent to the team, 👎 and "¿Quiso decir…?" picks not yet handled."""
        await self.questions.flush()
        async with self.db.session() as session:
            rows = await session.exec(
                select(QuestionLog, StaffQuestion)
                .join(
                    StaffQuestion,
                    col(StaffQuestion.question_log_id) == QuestionLog.id,
                    isouter=True,
                )
                .join(
                    QuestionTriage,
                    col(QuestionTriage.question_log_id) == QuestionLog.id,
                    isouter=True,
                )
                .where(col(QuestionTriage.question_log_id).is_(None))
                .where(
                    or_(
                        col(QuestionLog.outcome).in_(("fallback", "picked")),
                        col(QuestionLog.feedback) == -1,
                        col(StaffQuestion.status) == "pending",
                    )
                )
                .where(or_(col(StaffQuestion.status).is_(None), StaffQuestion.status != "answered"))
                .order_by(col(QuestionLog.asked_at).desc())
                .limit(limit)
            )
            result = []
            for log, joined in rows:
                staff = cast("StaffQuestion | None", joined)  # an outer join: it may be missing
                if staff is not None and staff.status in ("pending", "for_kb"):
                    kind = "sent"
                elif log.feedback == -1:
                    kind = "thumbs_down"
                elif log.outcome == "picked":
                    kind = "picked"
                else:
                    kind = "fallback"
                result.append(
                    ReviewItem(
                        log_id=int(log.id or 0),
                        text=staff.text if staff is not None else log.normalized,
                        kind=kind,
                        asked_at=log.asked_at,
                        language=log.language,
                        citizen_id=log.citizen_id,
                        entry_id=log.entry_id,
                    )
                )
            return result

    async def groups(self) -> list[QuestionGroup]:
        """The open questions, grouped by similar wording."""
        return group_questions(await self.items())

    async def _selected(self, log_ids: Sequence[int]) -> list[ReviewItem]:
        wanted = set(log_ids)
        if not wanted:
            raise ReviewError("review.none_selected")
        found = [item for item in await self.items() if item.log_id in wanted]
        if not found:
            raise ReviewError("review.already_handled")
        return found

    async def _resolve(
        self,
        items: Sequence[ReviewItem],
        resolution: str,
        actor: str,
        entry_id: str | None = None,
        answer: str | None = None,
    ) -> int:
        """Record what was done with ``items``; with ``answer``, tell each citizen once."""
        notified: set[int] = set()
        async with self.db.session() as session:
            for item in items:
                session.add(
                    QuestionTriage(
                        question_log_id=item.log_id,
                        resolution=resolution,
                        entry_id=entry_id,
                        actor=actor,
                    )
                )
                staff = (
                    await session.exec(
                        select(StaffQuestion).where(StaffQuestion.question_log_id == item.log_id)
                    )
                ).first()
                if staff is not None and staff.status in ("pending", "for_kb"):
                    # Handled here, so it leaves the Telegram queue (/preguntas) too.
                    if answer is not None:
                        staff.status = "answered"
                        staff.answer_text = answer
                        staff.answered_at = utcnow()
                    else:
                        staff.status = "closed"
                    session.add(staff)
                if answer is not None and item.citizen_id is not None:
                    if item.citizen_id in notified:
                        continue  # one message per citizen, even if they asked three times
                    citizen = await session.get(Citizen, item.citizen_id)
                    language = (citizen.language if citizen else None) or item.language
                    self.outbox.enqueue(
                        session,
                        item.citizen_id,
                        f"panel-answer:{item.log_id}",
                        StaffAnswerNotice(language, item.text[:300], answer),
                    )
                    notified.add(item.citizen_id)
            audit(
                session,
                actor,
                f"questions.{resolution}",
                entry_id,
                questions=[item.log_id for item in items],
                answer=answer,
                notified=len(notified),
            )
            await session.commit()
        if notified:
            self.outbox.wake.set()
        return len(notified)

    async def answer(self, log_ids: Sequence[int], answer: str, actor: str) -> int:
        """Answer the citizens who asked; return how many will be told."""
        answer = clean_text(answer).strip()
        if not answer:
            raise ReviewError("review.answer_empty")
        items = await self._selected(log_ids)
        return await self._resolve(items, "answered", actor, answer=answer)

    async def add_as_alternate(self, log_ids: Sequence[int], entry_id: str, actor: str) -> int:
        """Teach an entry the group's wordings; the next identical question is answered outright."""
        items = await self._selected(log_ids)
        by_language: dict[str, list[str]] = {}
        for item in items:
            by_language.setdefault(item.language, []).append(item.text)
        version = 0
        for language, wordings in by_language.items():
            version = await self.knowledge.add_alternates(
                entry_id, wordings, language, actor, note="from /panel/questions"
            )
        await self._resolve(items, "alternate", actor, entry_id=entry_id)
        return version

    async def create_entry(self, log_ids: Sequence[int], entry: FaqEntry, actor: str) -> int:
        """Store a new entry written from a group of questions."""
        items = await self._selected(log_ids) if log_ids else []
        if entry.id in {e.id for e in self.knowledge.kb.entries}:
            from bot.services.knowledge import KnowledgeError

            raise KnowledgeError([f"an entry with id '{entry.id}' already exists"])
        version = await self.knowledge.save(
            entry, actor, "created from /panel/questions", action="kb.create"
        )
        if items:
            await self._resolve(items, "created", actor, entry_id=entry.id)
        return version

    async def mark(self, log_ids: Sequence[int], resolution: str, actor: str) -> None:
        """Mark questions out of scope or dismiss them."""
        if resolution not in ("out_of_scope", "dismissed"):
            raise ReviewError("review.unknown_action")
        await self._resolve(await self._selected(log_ids), resolution, actor)

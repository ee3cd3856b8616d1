"""Action plans and commitments: current status, history, staff updates and followers."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select

from bot.db import Database
from bot.models import Citizen, CommitmentFollow, CommitmentUpdate, ecuador_today
from bot.services.audit import audit
from bot.services.notices import CommitmentUpdateNotice
from bot.services.notifications import NotificationOutbox
from bot.services.text import clean_text
from knowledge.commitments import CommitmentMatch
from knowledge.loader import KnowledgeBase
from knowledge.schema import Commitment, Plan

STATUS_CACHE_SECONDS = 2.0
_FOLLOWS = CommitmentFollow.__table__  # type: ignore[attr-defined]
_FOLLOWED = select(_FOLLOWS.c.commitment_id).where(_FOLLOWS.c.citizen_id == bindparam("citizen_id"))
COMPLETION_LEVELS = ("no-evidence", "not-started", "limited", "substantial", "complete")


@dataclass(frozen=True)
class CommitmentStatus:
    """A commitment's completion status: the latest staff update, else the curated baseline."""

    value: str | None
    as_of: str | None  # a year, a month or a day, as precise as the source
    source: str | None
    note: str | None = None
    from_update: bool = False


class UnknownCommitment(LookupError):
    """No commitment has that id."""


class PlanService:
    """Read the curated plans; record and announce staff status updates."""

    def __init__(self, kb: KnowledgeBase, db: Database, outbox: NotificationOutbox) -> None:
        self.kb = kb
        self.db = db
        self.outbox = outbox
        self._commitments = {c.id: c for c in kb.commitments}
        self._plans = {p.id: p for p in kb.plans}
        self._statuses: tuple[float, dict[str, CommitmentStatus]] | None = None
        self._follows: dict[int, tuple[float, set[str]]] = {}

    def plans(self) -> list[Plan]:
        """Every plan, in order."""
        return sorted(self.kb.plans, key=lambda p: p.number)

    def plan(self, plan_id: str) -> Plan | None:
        """One plan by id."""
        return self._plans.get(plan_id)

    def commitments_of(self, plan_id: str) -> list[Commitment]:
        """A plan's commitments: numbered ones first, in order."""
        found = [c for c in self.kb.commitments if c.plan == plan_id]
        return sorted(found, key=lambda c: (c.number is None, c.number or 0, c.id))

    def commitment(self, commitment_id: str) -> Commitment | None:
        """One commitment by id."""
        return self._commitments.get(commitment_id)

    async def card(self, commitment_id: str) -> CommitmentView:
        """A commitment with its plan and current status."""
        commitment = self._commitments.get(commitment_id)
        if commitment is None:
            raise UnknownCommitment(commitment_id)
        status = await self.current_status(commitment_id)
        return CommitmentView(commitment, self._plans.get(commitment.plan), status)

    async def matches(self, match: CommitmentMatch) -> CommitmentMatches:
        """The commitments a question named, with their live status."""
        return describe_match(match, self._plans, await self.statuses())

    async def history(self, commitment_id: str) -> list[CommitmentUpdate]:
        """Every recorded update of a commitment, newest first."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(CommitmentUpdate)
                .where(CommitmentUpdate.commitment_id == commitment_id)
                .order_by(col(CommitmentUpdate.recorded_at).desc(), col(CommitmentUpdate.id).desc())
            )
            return list(rows)

    async def current_status(self, commitment_id: str) -> CommitmentStatus:
        """The latest update's status, else the baseline."""
        commitment = self._commitments.get(commitment_id)
        if commitment is None:
            raise UnknownCommitment(commitment_id)
        updates = await self.history(commitment_id)
        if updates:
            latest = updates[0]
            return CommitmentStatus(
                latest.status,
                latest.as_of.isoformat(),
                latest.source_url,
                latest.note,
                from_update=True,
            )
        return baseline_status(commitment)

    async def statuses(self) -> dict[str, CommitmentStatus]:
        """Current status of every commitment, in one query, reused for a couple of seconds.

        Updates recorded here clear it at once; those recorded by another process (the CLI)
        show within ``STATUS_CACHE_SECONDS``.
        """
        now = time.monotonic()
        if self._statuses is not None and now - self._statuses[0] < STATUS_CACHE_SECONDS:
            return self._statuses[1]
        async with self.db.session() as session:
            rows = await session.exec(
                select(CommitmentUpdate).order_by(
                    col(CommitmentUpdate.recorded_at), col(CommitmentUpdate.id)
                )
            )
            latest = {row.commitment_id: row for row in rows}
        result = {}
        for commitment in self.kb.commitments:
            row = latest.get(commitment.id)
            result[commitment.id] = (
                CommitmentStatus(row.status, row.as_of.isoformat(), row.source_url, row.note, True)
                if row
                else baseline_status(commitment)
            )
        self._statuses = (now, result)
        return result

    async def record_update(
        self,
        commitment_id: str,
        status: str,
        note: str,
        source_url: str,
        author: str,
        as_of: dt.date | None = None,
    ) -> tuple[CommitmentUpdate, int]:
        """Store a status update and, in the same transaction, a notification per follower.

        Return the update and how many followers will be told.
        """
        commitment = self._commitments.get(commitment_id)
        if commitment is None:
            raise UnknownCommitment(commitment_id)
        if status not in COMPLETION_LEVELS:
            raise ValueError(f"status must be one of {', '.join(COMPLETION_LEVELS)}")
        note = clean_text(note).strip()
        if not note:
            raise ValueError("the note must not be empty")
        if not source_url.startswith(("http://", "https://")):
            raise ValueError("the source must be an http(s) URL")
        async with self.db.session() as session:
            update = CommitmentUpdate(
                commitment_id=commitment_id,
                status=status,
                note=note,
                source_url=source_url,
                author=author,
                as_of=as_of or ecuador_today(),
            )
            session.add(update)
            await session.flush()
            followers = list(
                await session.exec(
                    select(Citizen, CommitmentFollow.language)
                    .join(CommitmentFollow, col(CommitmentFollow.citizen_id) == Citizen.id)
                    .where(CommitmentFollow.commitment_id == commitment_id)
                )
            )
            for citizen, client_language in followers:
                assert citizen.id is not None
                # Their choice (/idioma), else their client's language when they followed.
                language = citizen.language or client_language or "es"
                self.outbox.enqueue(
                    session,
                    citizen.id,
                    f"commitment-update:{update.id}:{citizen.id}",
                    CommitmentUpdateNotice(
                        language,
                        commitment.title,
                        update.status,
                        update.note,
                        update.as_of,
                        update.source_url,
                    ),
                )
            audit(
                session,
                author,
                "commitment.update",
                commitment_id,
                status=status,
                source=source_url,
                followers=len(followers),
            )
            await session.commit()
        self._statuses = None
        self.outbox.wake.set()
        return update, len(followers)

    async def follow(
        self, citizen_id: int, commitment_id: str, language: str | None = None
    ) -> bool:
        """Follow a commitment (noting the client's ``language``); False if already followed."""
        if commitment_id not in self._commitments:
            raise UnknownCommitment(commitment_id)
        self._follows.pop(citizen_id, None)
        async with self.db.session() as session:
            session.add(
                CommitmentFollow(
                    citizen_id=citizen_id, commitment_id=commitment_id, language=language
                )
            )
            try:
                await session.commit()
            except IntegrityError:
                await session.rollback()
                return False
            return True

    async def unfollow(self, citizen_id: int, commitment_id: str) -> bool:
        """Stop following; return False if the citizen did not follow it."""
        self._follows.pop(citizen_id, None)
        async with self.db.session() as session:
            result = await session.exec(
                delete(CommitmentFollow).where(
                    col(CommitmentFollow.citizen_id) == citizen_id,
                    col(CommitmentFollow.commitment_id) == commitment_id,
                )
            )
            await session.commit()
            return bool(result.rowcount)

    async def followed(self, citizen_id: int) -> list[Commitment]:
        """The commitments a citizen follows, in plan order."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(CommitmentFollow.commitment_id).where(
                    CommitmentFollow.citizen_id == citizen_id
                )
            )
            ids = set(rows)
        return [c for c in self.kb.commitments if c.id in ids]

    async def is_following(self, citizen_id: int, commitment_id: str) -> bool:
        """Whether the citizen follows the commitment (to label the card's button)."""
        now = time.monotonic()
        cached = self._follows.get(citizen_id)
        if cached is None or now - cached[0] >= STATUS_CACHE_SECONDS:
            rows = await self.db.read(_FOLLOWED, {"citizen_id": citizen_id})
            cached = (now, {row[0] for row in rows})
            if len(self._follows) > 10_000:
                self._follows.clear()
            self._follows[citizen_id] = cached
        return commitment_id in cached[1]

    async def as_json(self) -> list[dict[str, object]]:
        """Every commitment as ``{"id", "plan", "number", "title", "status"}``."""
        statuses = await self.statuses()
        return [
            {
                "id": c.id,
                "plan": c.plan,
                "number": c.number,
                "title": c.title,
                "status": statuses[c.id].value,
            }
            for c in self.kb.commitments
        ]


def baseline_status(commitment: Commitment) -> CommitmentStatus:
    """The status the curated content gives (IRM completion), possibly unknown."""
    rating = commitment.assessment.completion
    return CommitmentStatus(
        rating.value, rating.as_of, str(rating.source) if rating.source else None
    )


@dataclass(frozen=True)
class CommitmentView:
    """One commitment with its plan and current status: what a card shows."""

    commitment: Commitment
    plan: Plan | None
    status: CommitmentStatus


@dataclass(frozen=True)
class CommitmentMatches:
    """The commitments a question named, with their status, and how they were named.

    ``kind`` is the matcher's (number, institution, result, completion, topic…); with no
    commitment found, ``number``, ``plan`` and ``value`` say what was asked for.
    """

    kind: str
    items: tuple[CommitmentView, ...]
    institution: str | None = None
    value: str | None = None
    number: int | None = None
    plan: Plan | None = None


def describe_match(
    match: CommitmentMatch, plans: dict[str, Plan], statuses: dict[str, CommitmentStatus]
) -> CommitmentMatches:
    """The commitments a question named, each with its plan and status."""
    return CommitmentMatches(
        kind=match.kind,
        items=tuple(
            CommitmentView(c, plans.get(c.plan), statuses.get(c.id) or baseline_status(c))
            for c in match.commitments
        ),
        institution=match.institution,
        value=match.value,
        number=match.number,
        plan=match.plan,
    )

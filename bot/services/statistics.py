"""Public statistics: what citizens ask, what they need, and how fast the team answers.

One service computes every figure from the database as plain data, and keeps the result for a
minute: the public page, the Telegram command and the open data all read the same snapshot, so a
busy page never costs more than one computation a minute. Nothing here names a person: only
counts, shares, dates and curated ids.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlmodel import col, func, select

from bot.db import Database
from bot.models import CommitmentFollow, Proposal, ProposalEvent, QuestionLog, utcnow
from bot.services.plans import COMPLETION_LEVELS, PlanService
from bot.services.proposals.calendar import is_overdue
from bot.services.proposals.flow import CATEGORIES
from bot.services.proposals.lifecycle import STATUSES
from knowledge.loader import KnowledgeBase

CACHE_SECONDS = 60.0
# Ecuador's mainland time (no daylight saving): days and weeks as people there read them.
ECUADOR = dt.timezone(dt.timedelta(hours=-5), "ECT")
WEEKS_SHOWN = 12
TOP_TOPICS = 8
# How the assistant's decisions group for the public: answered outright, offered choices, or fell
# back. Greetings, empty and over-long messages are "other".
OUTCOME_GROUPS = {
    "answer": "answered",
    "commitments": "answered",
    "suggest": "choices",
    "picked": "choices",
    "fallback": "fallback",
}
OUTCOMES = ("answered", "choices", "fallback", "other")
NO_PROVINCE = "sin_provincia"
NO_STATUS = "sin_dato"
CITIZEN_ACTOR = "ciudadano"
CLOSED_STATUSES = ("respondida", "aceptada", "derivada", "descartada", "retirada")


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day in Ecuador of a UTC moment."""
    return moment.astimezone(ECUADOR).date()


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def outcome_group(decision: str) -> str:
    """The public group of one logged decision."""
    return OUTCOME_GROUPS.get(decision, "other")


@dataclass(frozen=True)
class Tally:
    """One labelled count; ``share`` is its part of the chart's total (0–1)."""

    key: str
    count: int
    share: float = 0.0


def tallies(counts: Iterable[tuple[str, int]]) -> tuple[Tally, ...]:
    """Counts with their shares of the total."""
    pairs = list(counts)
    total = sum(n for _, n in pairs)
    return tuple(Tally(k, n, n / total if total else 0.0) for k, n in pairs)


@dataclass(frozen=True)
class Statistics:
    """Every public figure, computed at ``computed_at``."""

    computed_at: dt.datetime
    questions_total: int
    questions_per_week: tuple[Tally, ...]  # key: the Monday, ISO date; the last WEEKS_SHOWN weeks
    outcomes: tuple[Tally, ...]  # key: one of OUTCOMES
    top_topics: tuple[Tally, ...]  # key: a topic id, most asked first
    proposals_total: int
    proposals_by_status: tuple[Tally, ...]
    proposals_by_category: tuple[Tally, ...]
    proposals_by_province: tuple[Tally, ...]  # most first; NO_PROVINCE when not given
    responded: int  # proposals that got a first staff response
    median_days_to_response: float | None
    within_deadline: int  # of ``responded``, how many by their deadline
    overdue: int
    commitments_by_status: tuple[Tally, ...]  # key: an IRM level, or NO_STATUS
    followers: tuple[Tally, ...]  # key: a commitment id, most followed first

    @property
    def within_deadline_share(self) -> float | None:
        """The share of first responses given by the deadline (None before any)."""
        return self.within_deadline / self.responded if self.responded else None

    def outcome_share(self, group: str) -> float:
        """The share of questions in one outcome group."""
        return next((t.share for t in self.outcomes if t.key == group), 0.0)


@dataclass(frozen=True)
class ProposalTimes:
    """When a proposal got its first staff response and when it was closed (None: not yet)."""

    first_response: dt.datetime | None
    closed: dt.datetime | None


class StatisticsService:
    """Compute the public figures, at most once every ``cache_seconds``."""

    def __init__(
        self,
        db: Database,
        kb: Callable[[], KnowledgeBase],
        plans: PlanService,
        cache_seconds: float = CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.kb = kb
        self.plans = plans
        self.cache_seconds = cache_seconds
        self.clock = clock
        self._cached: tuple[float, Statistics] | None = None
        self._lock = asyncio.Lock()

    async def snapshot(self) -> Statistics:
        """The figures, reused for up to ``cache_seconds`` (one computation at a time)."""
        async with self._lock:
            now = self.clock()
            if self._cached is not None and now - self._cached[0] < self.cache_seconds:
                return self._cached[1]
            result = await self.compute()
            self._cached = (self.clock(), result)
            return result

    async def compute(self) -> Statistics:
        """Every figure, from the database, now."""
        now = utcnow()
        today = local_date(now)
        async with self.db.session() as session:
            logs = list(
                await session.exec(
                    select(QuestionLog.asked_at, QuestionLog.outcome, QuestionLog.entry_id)
                )
            )
            proposals = list(await session.exec(select(Proposal)))
            follows = list(
                await session.exec(
                    select(CommitmentFollow.commitment_id, func.count())
                    .group_by(col(CommitmentFollow.commitment_id))
                )
            )  # fmt: skip
        times = await self.proposal_times()
        kb = self.kb()

        this_week = week_start(today)
        weeks = [this_week - dt.timedelta(weeks=n) for n in range(WEEKS_SHOWN - 1, -1, -1)]
        per_week = Counter(week_start(local_date(asked)) for asked, _, _ in logs)
        outcomes = Counter(outcome_group(outcome) for _, outcome, _ in logs)
        topics: Counter[str] = Counter()
        for _, _, entry_id in logs:
            entry = kb.entry(entry_id) if entry_id else None
            if entry is not None:
                topics[entry.topic] += 1

        delays: list[float] = []
        within = 0
        for proposal in proposals:
            first = times.get(proposal.id or 0, ProposalTimes(None, None)).first_response
            if first is None:
                continue
            delays.append((first - proposal.created_at).total_seconds() / 86400)
            within += local_date(first) <= proposal.deadline
        statuses = await self.plans.statuses()
        by_level = Counter(s.value or NO_STATUS for s in statuses.values())
        levels = [*COMPLETION_LEVELS, NO_STATUS]
        return Statistics(
            computed_at=now,
            questions_total=len(logs),
            questions_per_week=tallies((w.isoformat(), per_week.get(w, 0)) for w in weeks),
            outcomes=tallies((group, outcomes.get(group, 0)) for group in OUTCOMES),
            top_topics=tallies(topics.most_common(TOP_TOPICS)),
            proposals_total=len(proposals),
            proposals_by_status=tallies(_in_order(STATUSES, (p.status for p in proposals))),
            proposals_by_category=tallies(_in_order(CATEGORIES, (p.category for p in proposals))),
            proposals_by_province=tallies(
                Counter(p.province or NO_PROVINCE for p in proposals).most_common()
            ),
            responded=len(delays),
            median_days_to_response=round(statistics.median(delays), 1) if delays else None,
            within_deadline=within,
            overdue=sum(is_overdue(p, today) for p in proposals),
            commitments_by_status=tallies((k, by_level.get(k, 0)) for k in levels),
            followers=tallies(
                sorted(((c, int(n)) for c, n in follows), key=lambda t: (-t[1], t[0]))
            ),
        )

    async def proposal_times(self) -> dict[int, ProposalTimes]:
        """Per proposal id: its first staff response and the moment it was closed."""
        async with self.db.session() as session:
            events = list(
                await session.exec(
                    select(ProposalEvent).order_by(col(ProposalEvent.at), col(ProposalEvent.id))
                )
            )
        first: dict[int, dt.datetime] = {}
        closed: dict[int, dt.datetime | None] = {}
        for event in events:
            # The first move staff made (the citizen's own "recibida" and withdrawal do not count).
            if event.from_status is not None and event.actor != CITIZEN_ACTOR:
                first.setdefault(event.proposal_id, event.at)
            closed[event.proposal_id] = event.at if event.to_status in CLOSED_STATUSES else None
        ids = set(first) | set(closed)
        return {i: ProposalTimes(first.get(i), closed.get(i)) for i in ids}


def _in_order(keys: Iterable[str], values: Iterable[str]) -> list[tuple[str, int]]:
    counts = Counter(values)
    known = list(keys)
    extra = sorted(k for k in counts if k not in known)
    return [(k, counts.get(k, 0)) for k in [*known, *extra]]

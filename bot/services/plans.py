"""Action plans and commitments: current status, history, staff updates and followers."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select

from bot.db import Database
from bot.models import Citizen, CommitmentFollow, CommitmentUpdate
from bot.render.texts import escape, render
from bot.services.notifications import NotificationOutbox, enqueue
from knowledge.commitments import CommitmentMatch
from knowledge.loader import KnowledgeBase
from knowledge.schema import Commitment, Plan

STATUS_CACHE_SECONDS = 2.0
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
        note = note.strip()
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
                as_of=as_of or dt.date.today(),
            )
            session.add(update)
            await session.flush()
            followers = list(
                await session.exec(
                    select(Citizen)
                    .join(CommitmentFollow, col(CommitmentFollow.citizen_id) == Citizen.id)
                    .where(CommitmentFollow.commitment_id == commitment_id)
                )
            )
            for citizen in followers:
                assert citizen.id is not None
                language = citizen.language or "es"
                enqueue(
                    session,
                    citizen.id,
                    f"commitment-update:{update.id}:{citizen.id}",
                    self.update_text(commitment, update, language),
                )
            await session.commit()
        self._statuses = None
        self.outbox.wake.set()
        return update, len(followers)

    def update_text(self, commitment: Commitment, update: CommitmentUpdate, language: str) -> str:
        """The notification a follower receives about an update."""
        return render(
            "plan.notify",
            language,
            title=commitment.title,
            status=render(f"status.{update.status}", language),
            note=update.note,
            date=update.as_of.isoformat(),
            source=update.source_url,
        )

    async def follow(self, citizen_id: int, commitment_id: str) -> bool:
        """Follow a commitment; return False if the citizen already did."""
        if commitment_id not in self._commitments:
            raise UnknownCommitment(commitment_id)
        self._follows.pop(citizen_id, None)
        async with self.db.session() as session:
            session.add(CommitmentFollow(citizen_id=citizen_id, commitment_id=commitment_id))
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
            async with self.db.session() as session:
                rows = await session.exec(
                    select(CommitmentFollow.commitment_id).where(
                        CommitmentFollow.citizen_id == citizen_id
                    )
                )
                cached = (now, set(rows))
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


PROGRESS = {"not-started": 0, "limited": 1, "substantial": 3, "complete": 4}


def progress_bar(status: str | None) -> str:
    """A four-cell bar for the completion scale ("▰▰▰▱" is substantial)."""
    if status not in PROGRESS:
        return ""
    filled = PROGRESS[status]
    return "▰" * filled + "▱" * (4 - filled)


def status_label(status: str | None, language: str) -> str:
    """The name of a completion level, or "sin información verificada"."""
    return render(f"status.{status}", language) if status else render("unverified", language)


def format_card(
    commitment: Commitment, plan: Plan | None, status: CommitmentStatus, language: str
) -> str:
    """A commitment card as Telegram HTML: title, plan, people, status, results, sources."""
    unverified = render("unverified", language)
    lines = [f"<b>{escape(commitment.title)}</b>"]
    number = (
        render("card.number", language, number=commitment.number)
        if commitment.number is not None
        else render("card.no_number", language)
    )
    lines.append(f"{escape(plan.name.get(language)) if plan else ''} · {number}")
    lines.append("")
    lines.append(escape(commitment.summary.get(language)))
    lines.append("")
    lead = commitment.lead_institution or unverified
    lines.append(render("card.lead", language, lead=lead))
    if commitment.lead_note is not None:
        lines.append(f"<i>{escape(commitment.lead_note.get(language))}</i>")
    if commitment.counterparts:
        lines.append(
            render("card.counterparts", language, names=", ".join(commitment.counterparts))
        )
    lines.append("")
    lines.append(
        render(
            "card.status",
            language,
            status=status_label(status.value, language),
            bar=progress_bar(status.value),
        ).rstrip()
    )
    lines.append(render("card.legend", language))
    if status.from_update and status.note:
        lines.append(render("card.staff_note", language, note=status.note))
    if status.as_of and status.source:
        lines.append(render("card.as_of", language, date=status.as_of, source=status.source))
    results = commitment.assessment.early_results
    lines.append(
        render(
            "card.results",
            language,
            value=render(f"results.{results.value}", language) if results.value else unverified,
        )
    )
    if results.value and results.as_of and results.source:
        lines.append(render("card.as_of", language, date=results.as_of, source=str(results.source)))
    ambition = commitment.assessment.ambition
    if ambition.value:
        lines.append(
            render("card.ambition", language, value=render(f"ambition.{ambition.value}", language))
        )
    if commitment.milestones:
        lines.append(render("card.milestones", language))
        lines.extend(f"• {escape(m.get(language))}" for m in commitment.milestones)
    lines.append("")
    lines.append(
        render("card.sources", language, sources=", ".join(str(u) for u in commitment.sources[:3]))
    )
    return "\n".join(lines)


def format_match_list(
    heading: str,
    commitments: list[Commitment],
    plans: dict[str, Plan],
    statuses: dict[str, CommitmentStatus],
    language: str,
) -> str:
    """A list of commitments under a heading (already safe HTML), one line each."""
    lines = [heading]
    for commitment in commitments:
        plan = plans.get(commitment.plan)
        number = f"n.º {commitment.number} · " if commitment.number is not None else ""
        plan_name = plan.name.get(language) if plan else commitment.plan
        status = status_label(statuses[commitment.id].value, language)
        lines.append(
            f"• {escape(number)}<b>{escape(commitment.title)}</b> "
            f"({escape(plan_name)}) — {escape(status)}"
        )
    return "\n".join(lines)


def baseline_status(commitment: Commitment) -> CommitmentStatus:
    """The status the curated content gives (IRM completion), possibly unknown."""
    rating = commitment.assessment.completion
    return CommitmentStatus(
        rating.value, rating.as_of, str(rating.source) if rating.source else None
    )


def describe_match(
    match: CommitmentMatch,
    plans: dict[str, Plan],
    statuses: dict[str, CommitmentStatus],
    language: str,
) -> str:
    """What to tell a citizen whose question named commitments: a card, a list, or why none."""
    found = list(match.commitments)
    if len(found) == 1:
        only = found[0]
        return format_card(only, plans.get(only.plan), statuses[only.id], language)
    if found:
        if match.kind == "institution" and match.institution:
            heading = render("plan.match_institution", language, institution=match.institution)
        elif match.kind == "result" and match.value:
            value = render(f"results.{match.value}", language)
            heading = render("plan.match_result", language, value=value)
        else:
            heading = render("plan.match_list", language)
        return format_match_list(heading, found, plans, statuses, language)
    if match.kind == "number":
        of_plan = (
            render("plan.of_plan", language, plan=match.plan.name.get(language))
            if match.plan
            else ""
        )
        return render("plan.match_none_number", language, number=match.number, plan=of_plan)
    if match.kind == "result" and match.value:
        value = render(f"results.{match.value}", language)
        return render("plan.match_none_result", language, value=value)
    if match.kind == "completion":
        return render("plan.match_none_completion", language)
    return render("plan.match_none", language)

"""The staff's review queue of proposals: filter, sort, page, export and assignment.

Status changes and internal notes go through the proposals lifecycle (the same state machine and
the same notes as Telegram); this module reads the queue and keeps who looks after what.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import or_
from sqlmodel import col, func, select

from bot.db import Database
from bot.models import Proposal, ProposalAssignment, ProposalEvent, ecuador_today, utcnow
from bot.services.audit import audit

Sort = Literal["oldest", "overdue", "supported", "newest"]
SORTS: tuple[Sort, ...] = ("overdue", "oldest", "newest", "supported")
OPEN = ("recibida", "en_revision")
EXPORT_COLUMNS = (
    "code",
    "status",
    "category",
    "province",
    "created",
    "deadline",
    "days_left",
    "supports",
    "assigned_to",
    "public_answer",
    "text",
)


@dataclass(frozen=True)
class QueueFilter:
    """What staff asked to see."""

    status: str = ""  # a status, "open", or "" for all
    category: str = ""
    province: str = ""
    overdue: bool = False
    assignee: str = ""  # an actor label, "none", or "" for anyone
    text: str = ""
    sort: Sort = "overdue"

    def as_query(self) -> dict[str, str]:
        """The filter as query parameters (for links that keep it)."""
        values = {
            "status": self.status,
            "category": self.category,
            "province": self.province,
            "overdue": "1" if self.overdue else "",
            "assignee": self.assignee,
            "q": self.text,
            "sort": self.sort,
        }
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class QueueRow:
    """One proposal in the queue."""

    proposal: Proposal
    assignee: str | None
    days_left: int  # negative: days late

    @property
    def overdue(self) -> bool:
        """Open and past its deadline."""
        return self.proposal.status in OPEN and self.days_left < 0


@dataclass
class ProposalDetail:
    """Everything staff see about one proposal."""

    row: QueueRow
    history: list[ProposalEvent] = field(default_factory=list)
    # Internal notes are lifecycle events that leave the status where it was (Telegram's /nota
    # writes them too).
    notes: list[ProposalEvent] = field(default_factory=list)


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class ProposalQueueService:
    """Read the queue and keep staff-only notes and assignments."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @staticmethod
    def days_left(proposal: Proposal, today: dt.date | None = None) -> int:
        """Days until the review deadline (negative once it passed)."""
        return (proposal.deadline - (today or ecuador_today())).days

    async def counts(self) -> dict[str, int]:
        """How many proposals are in each status."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(Proposal.status, func.count()).group_by(col(Proposal.status))
            )
            return {str(status): int(count) for status, count in rows}

    def _where(self, query: Any, wanted: QueueFilter, today: dt.date) -> Any:
        if wanted.status == "open":
            query = query.where(col(Proposal.status).in_(OPEN))
        elif wanted.status:
            query = query.where(Proposal.status == wanted.status)
        if wanted.category:
            query = query.where(Proposal.category == wanted.category)
        if wanted.province:
            query = query.where(Proposal.province == wanted.province)
        if wanted.overdue:
            query = query.where(col(Proposal.status).in_(OPEN), col(Proposal.deadline) < today)
        if wanted.assignee == "none":
            query = query.where(col(ProposalAssignment.assignee).is_(None))
        elif wanted.assignee:
            query = query.where(ProposalAssignment.assignee == wanted.assignee)
        text = " ".join(wanted.text.split())[:200]
        if text:
            pattern = f"%{_escape_like(text)}%"
            query = query.where(
                or_(
                    col(Proposal.text).ilike(pattern, escape="\\"),
                    col(Proposal.code).ilike(pattern, escape="\\"),
                )
            )
        return query

    async def search(
        self, wanted: QueueFilter, limit: int = 25, offset: int = 0
    ) -> tuple[list[QueueRow], int]:
        """One page of the filtered, sorted queue, and how many match."""
        today = ecuador_today()
        base = select(Proposal, ProposalAssignment.assignee).join(
            ProposalAssignment,
            col(ProposalAssignment.proposal_id) == Proposal.id,
            isouter=True,
        )
        query = self._where(base, wanted, today)
        if wanted.sort == "oldest":
            order: Sequence[Any] = (col(Proposal.created_at), col(Proposal.id))
        elif wanted.sort == "newest":
            order = (col(Proposal.created_at).desc(), col(Proposal.id).desc())
        elif wanted.sort == "supported":
            order = (col(Proposal.supports).desc(), col(Proposal.created_at))
        else:  # overdue first: open ones by deadline, then the rest
            order = (
                col(Proposal.status).in_(OPEN).desc(),
                col(Proposal.deadline),
                col(Proposal.created_at),
            )
        counted = self._where(
            select(func.count())
            .select_from(Proposal)
            .join(
                ProposalAssignment,
                col(ProposalAssignment.proposal_id) == Proposal.id,
                isouter=True,
            ),
            wanted,
            today,
        )
        async with self.db.session() as session:
            rows = await session.exec(query.order_by(*order).offset(offset).limit(limit))
            total = int((await session.exec(counted)).one())
            return [
                QueueRow(proposal, assignee, self.days_left(proposal, today))
                for proposal, assignee in rows
            ], total

    async def detail(self, code: str) -> ProposalDetail | None:
        """One proposal with its history and internal notes."""
        async with self.db.session() as session:
            found = (
                await session.exec(
                    select(Proposal, ProposalAssignment.assignee)
                    .join(
                        ProposalAssignment,
                        col(ProposalAssignment.proposal_id) == Proposal.id,
                        isouter=True,
                    )
                    .where(Proposal.code == code)
                )
            ).first()
            if found is None:
                return None
            proposal, assignee = found
            events = list(
                await session.exec(
                    select(ProposalEvent)
                    .where(ProposalEvent.proposal_id == proposal.id)
                    .order_by(col(ProposalEvent.at), col(ProposalEvent.id))
                )
            )
        notes = [e for e in events if e.from_status == e.to_status and e.internal_note]
        history = [e for e in events if e not in notes]
        return ProposalDetail(
            QueueRow(proposal, assignee, self.days_left(proposal)), history, notes
        )

    async def assign(self, proposal_id: int, assignee: str, actor: str) -> bool:
        """Give a proposal to a staff member ("" takes it from whoever had it)."""
        async with self.db.session() as session:
            proposal = await session.get(Proposal, proposal_id)
            if proposal is None:
                return False
            current = await session.get(ProposalAssignment, proposal_id)
            if not assignee:
                if current is not None:
                    await session.delete(current)
            elif current is None:
                session.add(
                    ProposalAssignment(proposal_id=proposal_id, assignee=assignee, actor=actor)
                )
            else:
                current.assignee, current.actor, current.at = assignee, actor, utcnow()
                session.add(current)
            audit(session, actor, "proposal.assign", proposal.code, assignee=assignee or None)
            await session.commit()
            return True

    async def export_csv(self, wanted: QueueFilter, include_contact: bool, actor: str) -> str:
        """The filtered queue as CSV, UTF-8 with a BOM so Excel shows accents; audited."""
        rows: list[QueueRow] = []
        offset = 0
        while True:
            page, total = await self.search(wanted, limit=500, offset=offset)
            rows.extend(page)
            offset += len(page)
            if not page or offset >= total:
                break
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        columns = [*EXPORT_COLUMNS, "contact"] if include_contact else list(EXPORT_COLUMNS)
        writer.writerow(columns)
        for row in rows:
            p = row.proposal
            values = [
                p.code,
                p.status,
                p.category,
                p.province or "",
                p.created_at.date().isoformat(),
                p.deadline.isoformat(),
                row.days_left,
                p.supports,
                row.assignee or "",
                p.public_answer or "",
                p.text,
            ]
            if include_contact:
                values.append(p.contact or "")
            writer.writerow([_cell(v) for v in values])
        async with self.db.session() as session:
            audit(
                session,
                actor,
                "proposals.export",
                None,
                rows=len(rows),
                include_contact=include_contact,
                filters=wanted.as_query(),
            )
            await session.commit()
        return out.getvalue()

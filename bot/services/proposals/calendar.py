"""Review deadlines: working days from the day a proposal arrives, and when one is overdue."""

from __future__ import annotations

import datetime as dt

from bot.models import Proposal, utcnow
from bot.services.proposals.lifecycle import OPEN_STATUSES


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``start`` plus ``days`` working days (Monday to Friday; holidays are not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def is_overdue(proposal: Proposal, today: dt.date | None = None) -> bool:
    """Whether the review deadline passed without a response."""
    return proposal.status in OPEN_STATUSES and (today or utcnow().date()) > proposal.deadline


def days_late(proposal: Proposal, today: dt.date | None = None) -> int:
    """Calendar days past the review deadline (0 when not overdue)."""
    if not is_overdue(proposal, today):
        return 0
    return ((today or utcnow().date()) - proposal.deadline).days

"""Review deadlines: working days from the day a proposal arrives, and when one is overdue."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from bot.models import Proposal, ecuador_today
from bot.services.proposals.lifecycle import OPEN_STATUSES


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[dt.date]:
    # Ecuador's national holidays, with the days the law moves them to (the "observed" ones).
    return frozenset(holidays.country_holidays("EC", years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a national public holiday of Ecuador."""
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """``start`` plus ``days`` working days (weekends and Ecuador's public holidays skipped)."""
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def is_overdue(proposal: Proposal, today: dt.date | None = None) -> bool:
    """Whether the review deadline passed without a response."""
    return proposal.status in OPEN_STATUSES and (today or ecuador_today()) > proposal.deadline


def days_late(proposal: Proposal, today: dt.date | None = None) -> int:
    """Calendar days past the review deadline (0 when not overdue)."""
    if not is_overdue(proposal, today):
        return 0
    return ((today or ecuador_today()) - proposal.deadline).days

"""What the outbox tells citizens, as data: each channel's renderer turns a notice into text.

The outbox stores the rendered text in the same transaction as the notice's cause, so the
renderer is handed to :class:`bot.services.notifications.NotificationOutbox` by the wiring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CommitmentUpdateNotice:
    """Staff recorded a new status for a commitment the citizen follows."""

    language: str
    title: str
    status: str  # a completion level
    note: str
    as_of: dt.date
    source: str


@dataclass(frozen=True)
class ProposalNotice:
    """A proposal the citizen wrote or supports changed status."""

    language: str
    code: str
    status: str
    to_author: bool
    message: str | None = None
    derived_to: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class DraftExpiredNotice:
    """The citizen's unfinished proposal was dropped after a day without activity."""

    language: str


@dataclass(frozen=True)
class StaffAnswerNotice:
    """Staff answered a question the citizen sent to the team."""

    language: str
    question: str
    answer: str


@dataclass(frozen=True)
class ProposalPublishedNotice:
    """Staff published the citizen's proposal as a public need (without name or contact)."""

    language: str
    code: str
    public_text: str


Notice = (
    CommitmentUpdateNotice
    | ProposalNotice
    | DraftExpiredNotice
    | StaffAnswerNotice
    | ProposalPublishedNotice
)
NoticeRenderer = Callable[[Notice], str]

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
class RequestReminderNotice:
    """The legal deadline of the citizen's information request has passed: did they answer?"""

    language: str
    request_id: int
    institution: str
    subject: str
    submitted_on: dt.date
    deadline: dt.date
    can_extend: bool  # the 5-day extension was not recorded yet


@dataclass(frozen=True)
class RequestDraftExpiredNotice:
    """The citizen's unfinished information request was dropped after a day, its text with it."""

    language: str


@dataclass(frozen=True)
class StaffAlertNotice:
    """Staff are told a new proposal or a question for the team arrived."""

    language: str
    kind: str  # "proposal" or "question"
    reference: str  # the tracking code or the question's short reference
    excerpt: str
    target_id: int  # the proposal's or the question's id, for the button that opens it
    category: str | None = None


Notice = (
    CommitmentUpdateNotice
    | ProposalNotice
    | DraftExpiredNotice
    | StaffAnswerNotice
    | StaffAlertNotice
    | RequestReminderNotice
    | RequestDraftExpiredNotice
)
NoticeRenderer = Callable[[Notice], str]


@dataclass(frozen=True)
class Action:
    """What a button under a notice does, in no channel's encoding: a name and its values.

    The Telegram sender turns it into callback data with the codec of that name.
    """

    name: str
    values: tuple[str | int, ...] = ()


# Rows of (label, action): the buttons a notice carries, as the renderer words them.
NoticeButtons = list[list[tuple[str, Action]]]
NoticeButtonRenderer = Callable[[Notice], NoticeButtons | None]

"""The notification outbox: messages to citizens, written with their cause, delivered by a worker.

Rows are enqueued inside the caller's transaction, so a status update and its notifications are
stored together or not at all. The worker claims a due row (pending → sending, with a lease),
sends it, and marks it sent. The sender is handed in by the channel (``bot.app.telegram_sender``
for Telegram), which turns the channel's errors into the outcomes below:

* :class:`RetryLater` (Telegram's 429): wait exactly as long as asked; the attempt does not count;
* :class:`Unreachable` (network errors, 5xx): back off and retry, up to ``max_attempts``;
* :class:`Blocked` (403, the citizen blocked the bot) or :class:`Undeliverable` (400, chat gone):
  never retried.

A text longer than one message is sent in parts (the channel's ``split``), the buttons under the
last; each part delivered is recorded on the row (``parts_sent``), so a retry after a failed part
sends only the parts not yet sent.

A row whose lease ran out while ``sending`` (the process died mid-send) is retried after a
restart. Telegram offers no idempotency key, so that one narrow window — a crash between
Telegram's "ok" and our commit — is the only way a message (or one part) can arrive twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import case, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.models import Citizen, DeliveryPause, Notification, utcnow
from bot.services.notices import (
    Action,
    Notice,
    NoticeButtonRenderer,
    NoticeButtons,
    NoticeRenderer,
)

logger = logging.getLogger(__name__)

# send(chat_id, text), and send(chat_id, text, buttons) for the notices that carry buttons.
Sender = Callable[..., Awaitable[object]]
# How the channel cuts a text into messages it accepts; the same text must give the same parts.
Splitter = Callable[[str], list[str]]


def whole(text: str) -> list[str]:
    """A channel without a length limit: the text is one message."""
    return [text]


class Delivery(Exception):
    """A sender's reason for not delivering a message; the subclass decides what happens next."""


class RetryLater(Delivery):
    """The channel asked to wait ``seconds`` before trying again."""

    def __init__(self, seconds: float, message: str = "") -> None:
        super().__init__(message or f"retry after {seconds:g}s")
        self.seconds = seconds


class Unreachable(Delivery):
    """A passing failure (network, server error): retry with backoff."""


class Blocked(Delivery):
    """The citizen blocked the bot: never retried, and the citizen is marked."""


class Undeliverable(Delivery):
    """The channel refused the message for good (chat gone, message invalid)."""


@dataclass
class DeliveryReport:
    """What one delivery round did."""

    sent: int = 0
    retried: int = 0
    undeliverable: int = 0
    paused_until: dt.datetime | None = None  # Telegram asked every worker to wait till then

    @property
    def handled(self) -> int:
        """Rows this round touched."""
        return self.sent + self.retried + self.undeliverable


PAUSE = DeliveryPause.__table__  # type: ignore[attr-defined]
CHANNEL = "telegram"


def _dump_buttons(buttons: NoticeButtons) -> str:
    rows = [[[label, action.name, list(action.values)] for label, action in row] for row in buttons]
    return json.dumps(rows, ensure_ascii=False)


def stored_buttons(notification: Notification) -> NoticeButtons | None:
    """The buttons a stored notification carries, as rows of (label, action)."""
    if not notification.buttons:
        return None
    return [
        [(str(label), Action(str(name), tuple(values))) for label, name, values in row]
        for row in json.loads(notification.buttons)
    ]


class NotificationOutbox:
    """Deliver due notifications, each exactly once or marked undeliverable."""

    def __init__(
        self,
        db: Database,
        render: NoticeRenderer,
        *,
        render_buttons: NoticeButtonRenderer | None = None,
        split: Splitter = whole,
        max_attempts: int = 8,
        base_delay: float = 2.0,
        max_delay: float = 900.0,
        lease_seconds: float = 120.0,
        batch_size: int = 25,
    ) -> None:
        self.db = db
        self.render = render
        self.render_buttons = render_buttons
        self.split = split
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.lease = dt.timedelta(seconds=lease_seconds)
        self.batch_size = batch_size
        self.wake = asyncio.Event()
        self._stopping = False
        # Claimed by this worker, the send not begun yet: row id → the lease it wrote.
        self._claimed: dict[int, dt.datetime] = {}

    def enqueue(
        self,
        session: AsyncSession,
        citizen_id: int | None,
        dedupe_key: str,
        notice: Notice,
        *,
        due: dt.datetime | None = None,
        chat_id: int | None = None,
    ) -> Notification:
        """Add a notification to the caller's transaction (commit is the caller's).

        ``due`` schedules it for later (a deadline reminder) instead of now. A citizen's goes to
        their chat; a staff alert has no citizen and names its ``chat_id``.
        """
        text = self.render(notice)
        buttons = self.render_buttons(notice) if self.render_buttons is not None else None
        notification = Notification(
            citizen_id=citizen_id,
            chat_id=chat_id,
            dedupe_key=dedupe_key,
            text=text,
            buttons=_dump_buttons(buttons) if buttons else None,
        )
        if due is not None:
            notification.next_attempt_at = due
        session.add(notification)
        return notification

    def backoff(self, attempts: int) -> dt.timedelta:
        """Delay before the next try after ``attempts`` failed ones."""
        return dt.timedelta(seconds=min(self.max_delay, self.base_delay * 2 ** (attempts - 1)))

    async def _claim(self, row: Notification, now: dt.datetime) -> bool:
        async with self.db.session() as session:
            result = await session.exec(
                update(Notification)
                .where(
                    col(Notification.id) == row.id,
                    col(Notification.status) == row.status,
                    col(Notification.attempts) == row.attempts,
                )
                .values(
                    status="sending", attempts=row.attempts + 1, next_attempt_at=now + self.lease
                )
            )
            await session.commit()
            return result.rowcount == 1

    async def _finish(self, notification_id: int, **values: object) -> None:
        async with self.db.session() as session:
            await session.exec(
                update(Notification).where(col(Notification.id) == notification_id).values(**values)
            )
            await session.commit()

    async def deliver_due(self, send: Sender, now: dt.datetime | None = None) -> DeliveryReport:
        """Send every notification that is due now; return what happened."""
        now = now or utcnow()
        report = DeliveryReport()
        async with self.db.session() as session:
            due = list(
                await session.exec(
                    select(Notification, Citizen)
                    .outerjoin(Citizen, col(Citizen.id) == Notification.citizen_id)
                    .where(
                        or_(
                            col(Notification.status) == "pending",
                            col(Notification.status) == "sending",
                        ),
                        col(Notification.next_attempt_at) <= now,
                    )
                    .order_by(col(Notification.id))
                    .limit(self.batch_size)
                )
            )
        for notification, citizen in due:
            if self._stopping:
                break  # shutting down: what is not claimed stays for the other replicas
            # Checked before every row: another replica's worker may just have been told to wait.
            report.paused_until = await self.paused_until(now)
            if report.paused_until is not None:
                break
            assert notification.id is not None
            self._claimed[notification.id] = now + self.lease
            if not await self._claim(notification, now):  # cancelled here: release() checks
                del self._claimed[notification.id]
                continue  # another worker took it
            await self._deliver_one(notification, citizen, send, now, report)
        return report

    @property
    def stopping(self) -> bool:
        """True once :meth:`stop` was called: no more rows are claimed."""
        return self._stopping

    async def paused_until(self, now: dt.datetime | None = None) -> dt.datetime | None:
        """When the pause Telegram asked for (a 429 to any worker) ends, if it is on at ``now``."""
        query = select(PAUSE.c.not_before).where(
            PAUSE.c.channel == CHANNEL, PAUSE.c.not_before > (now or utcnow())
        )
        async with self.db.autocommit.connect() as connection:
            until: dt.datetime | None = (await connection.execute(query)).scalar()
        return until

    async def pause(self, until: dt.datetime) -> None:
        """No worker of any replica sends before ``until`` (a later pause already set stays)."""
        statement = self.db.insert(PAUSE).values(channel=CHANNEL, not_before=until)
        asked = statement.excluded.not_before
        statement = statement.on_conflict_do_update(
            index_elements=["channel"],
            set_={
                "not_before": case((PAUSE.c.not_before < asked, asked), else_=PAUSE.c.not_before)
            },
        )
        async with self.db.autocommit.connect() as connection:
            await connection.execute(statement)

    async def stop(self, seconds: float, worker: asyncio.Task[None]) -> None:
        """Stop ``worker`` (running :meth:`run`): the send in flight ends, no row stays leased.

        It claims nothing more; the message being sent gets up to ``seconds`` to finish and be
        recorded. Cancelled after that, a row whose send had not begun is handed back at once
        (pending, due now: another replica sends it without waiting for the lease); one cut
        mid-send keeps its lease, since Telegram may have delivered it.
        """
        self._stopping = True
        self.wake.set()
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(asyncio.shield(worker), seconds)
        if not worker.done():
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        await self.release()

    async def release(self) -> int:
        """Hand back the rows this worker claimed but never began to send; return how many."""
        released = 0
        async with self.db.session() as session:
            for notification_id, lease in self._claimed.items():
                # Only our own claim (its exact lease): the claim may never have committed,
                # and another worker may hold the row now.
                result = await session.exec(
                    update(Notification)
                    .where(
                        col(Notification.id) == notification_id,
                        col(Notification.status) == "sending",
                        col(Notification.next_attempt_at) == lease,
                    )
                    .values(
                        status="pending",
                        attempts=col(Notification.attempts) - 1,
                        next_attempt_at=utcnow(),
                    )
                )
                released += int(result.rowcount or 0)
            await session.commit()
        self._claimed.clear()
        return released

    async def _deliver_one(
        self,
        notification: Notification,
        citizen: Citizen | None,
        send: Sender,
        now: dt.datetime,
        report: DeliveryReport,
    ) -> None:
        assert notification.id is not None
        attempts = notification.attempts + 1
        chat_id = notification.chat_id if citizen is None else citizen.chat_id
        if chat_id is None or (citizen is not None and citizen.bot_blocked):
            await self._finish(notification.id, status="undeliverable", last_error="no chat")
            report.undeliverable += 1
            return
        buttons = stored_buttons(notification)
        parts = self.split(notification.text)
        self._claimed.pop(notification.id, None)  # from here Telegram may have it: keep the lease
        try:
            for position in range(notification.parts_sent, len(parts)):
                if position < len(parts) - 1:
                    await send(chat_id, parts[position])
                    # Recorded at once: a failure of a later part must not resend this one.
                    await self._finish(notification.id, parts_sent=position + 1)
                elif buttons:
                    await send(chat_id, parts[position], buttons)
                else:
                    await send(chat_id, parts[position])
        except RetryLater as error:
            # Telegram's 429 is about the bot, not this message: every worker waits that long.
            seconds = error.seconds
            await self.pause(now + dt.timedelta(seconds=seconds))
            await self._finish(
                notification.id,
                status="pending",
                attempts=attempts - 1,  # Telegram asked us to wait; that is not a failure
                next_attempt_at=now + dt.timedelta(seconds=seconds),
                last_error=f"retry after {seconds:g}s",
            )
            report.retried += 1
            return
        except Blocked as error:
            await self._mark_blocked(notification.id, citizen.id if citizen else None, str(error))
            report.undeliverable += 1
            return
        except Undeliverable as error:
            await self._finish(notification.id, status="undeliverable", last_error=str(error)[:500])
            report.undeliverable += 1
            return
        except Unreachable as error:  # network errors, timeouts, 5xx
            if attempts >= self.max_attempts:
                await self._finish(
                    notification.id, status="undeliverable", last_error=str(error)[:500]
                )
                report.undeliverable += 1
            else:
                await self._finish(
                    notification.id,
                    status="pending",
                    next_attempt_at=now + self.backoff(attempts),
                    last_error=str(error)[:500],
                )
                report.retried += 1
            return
        await self._finish(notification.id, status="sent", sent_at=utcnow(), last_error=None)
        report.sent += 1

    async def _mark_blocked(self, notification_id: int, citizen_id: int | None, error: str) -> None:
        async with self.db.session() as session:
            await session.exec(
                update(Notification)
                .where(col(Notification.id) == notification_id)
                .values(status="undeliverable", last_error=error[:500])
            )
            await session.exec(
                update(Citizen).where(col(Citizen.id) == citizen_id).values(bot_blocked=True)
            )
            await session.commit()

    async def run(self, send: Sender, poll_seconds: float = 5.0) -> None:
        """Deliver until :meth:`stop`: after each round, sleep until woken or ``poll_seconds``."""
        while True:
            try:
                report = await self.deliver_due(send)
                if report.handled:
                    logger.info(
                        "notifications: %d sent, %d to retry, %d undeliverable",
                        report.sent,
                        report.retried,
                        report.undeliverable,
                    )
                    if report.handled >= self.batch_size:
                        continue  # more may be due right now
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("notification round failed; trying again shortly")
            if self.stopping:
                break
            self.wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), poll_seconds)

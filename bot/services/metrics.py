"""What one process tells Prometheus: counters it keeps, and gauges read from the database.

Each replica serves its own ``/metrics``; counters are per process (Prometheus sums them), the
database gauges (outbox, proposals, answer decisions) are the same on every replica.
"""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from sqlalchemy import func, select
from sqlmodel import col

from bot.db import Database
from bot.models import Notification, Proposal, QuestionLog

UPDATE_TYPES = ("message", "edited_message", "callback_query")
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The Prometheus registry of one process."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            "bot_updates", "Telegram updates received, by type.", ["type"], registry=r
        )
        self.duplicates = Counter(
            "bot_updates_duplicate", "Deliveries of an update already received.", registry=r
        )
        self.latency = Histogram(
            "bot_update_handling_seconds",
            "From receiving an update to the end of its handling.",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.decisions = Gauge(
            "bot_answer_decisions",
            "Questions in the question log, by what the assistant made of them.",
            ["decision"],
            registry=r,
        )
        self.outbox = Gauge(
            "bot_outbox_notifications",
            "Notifications in the outbox, by status.",
            ["status"],
            registry=r,
        )
        self.proposals = Gauge(
            "bot_proposals", "Citizens' proposals, by status.", ["status"], registry=r
        )
        self.kb_version = Gauge(
            "bot_knowledge_base_version",
            "Version of the panel's knowledge-base edits this process has applied.",
            registry=r,
        )
        self.kb_entries = Gauge(
            "bot_knowledge_base_entries", "FAQ entries this process answers from.", registry=r
        )

    @staticmethod
    def update_type(payload: dict[str, object]) -> str:
        """The kind of a raw update, from a fixed list (anything else is "other")."""
        return next((kind for kind in UPDATE_TYPES if kind in payload), "other")

    async def refresh(self, db: Database, kb_version: int, kb_entries: int) -> None:
        """Read the gauges that live in the database."""
        self.kb_version.set(kb_version)
        self.kb_entries.set(kb_entries)
        async with db.engine.connect() as connection:
            for gauge, column in (
                (self.outbox, col(Notification.status)),
                (self.proposals, col(Proposal.status)),
                (self.decisions, col(QuestionLog.outcome)),
            ):
                rows = await connection.execute(select(column, func.count()).group_by(column))
                gauge.clear()
                for value, count in rows:
                    gauge.labels(str(value)).set(int(count))
        # Always show the three outbox states, zero included, so alerts have a series.
        for status in ("pending", "sent", "undeliverable"):
            self.outbox.labels(status)

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format."""
        return generate_latest(self.registry)

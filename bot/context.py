"""The services one process holds, and the typed callback context that hands them to handlers.

Kept apart from ``bot.app`` (the Telegram wiring) so handlers and the wiring never import each
other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.db import Database
from bot.services.answers import AnswerService, load_answer_service
from bot.services.citizens import CitizenService
from bot.services.flood import FloodGuard
from bot.services.notifications import NotificationOutbox
from bot.services.plans import PlanService
from bot.services.proposals import ProposalService
from bot.services.questions import QuestionService


@dataclass
class Services:
    """Everything handlers, the web panel and the CLI call into."""

    settings: Settings
    db: Database
    answers: AnswerService
    citizens: CitizenService
    questions: QuestionService
    flood: FloodGuard
    outbox: NotificationOutbox
    plans: PlanService
    proposals: ProposalService
    # Citizens this process asked to type (need text, contact); see handlers/proposals.py.
    proposals_typing: set[int] = field(default_factory=set)


class AppContext(CallbackContext[ExtBot[None], dict, dict, dict]):  # type: ignore[type-arg]
    """Callback context that exposes the services to handlers."""

    @property
    def services(self) -> Services:
        """The application's services."""
        return self.application.bot_data["services"]


def build_services(settings: Settings, answers: AnswerService | None = None) -> Services:
    """Create the services for one process."""
    db = Database(settings.resolved_database_url)
    answers = answers or load_answer_service(settings.thresholds)
    outbox = NotificationOutbox(db)
    return Services(
        settings=settings,
        db=db,
        answers=answers,
        citizens=CitizenService(db, settings.pseudonym_key),
        questions=QuestionService(db, outbox),
        flood=FloodGuard(settings.flood_max_messages, settings.flood_window_seconds),
        outbox=outbox,
        plans=PlanService(answers.kb, db, outbox),
        proposals=ProposalService(
            db, outbox, answers.index.normalizer, settings.review_deadline_days
        ),
    )

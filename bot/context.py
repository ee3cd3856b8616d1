"""The services one process holds, and the typed callback context that hands them to handlers.

Kept apart from ``bot.app`` (the Telegram wiring) so handlers and the wiring never import each
other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.config import Settings
from bot.db import Database
from bot.render.html import split_html
from bot.render.telegram import notice_buttons, notice_text
from bot.services.answers import AnswerService, load_answer_service
from bot.services.audit import AuditService
from bot.services.citizens import CitizenRef, CitizenService
from bot.services.flood import Flood, FloodGuard, SharedFloodGuard
from bot.services.knowledge import KnowledgeService
from bot.services.metrics import Metrics
from bot.services.notifications import NotificationOutbox
from bot.services.open_data import OpenDataService
from bot.services.panel_auth import PanelAuthService
from bot.services.plans import PlanService
from bot.services.privacy import PrivacyService
from bot.services.proposal_queue import ProposalQueueService
from bot.services.proposals import ProposalLifecycle, ProposalService
from bot.services.public_needs import PublicNeedService
from bot.services.questions import QuestionService
from bot.services.requests import RequestService
from bot.services.review import ReviewService
from bot.services.staff_alerts import StaffAlerts
from bot.services.statistics import StatisticsService
from knowledge.institutions import InstitutionDirectory


@dataclass
class Services:
    """Everything handlers, the web panel and the CLI call into."""

    settings: Settings
    db: Database
    answers: AnswerService
    citizens: CitizenService
    questions: QuestionService
    flood: Flood
    outbox: NotificationOutbox
    plans: PlanService
    proposals: ProposalService
    lifecycle: ProposalLifecycle
    privacy: PrivacyService
    knowledge: KnowledgeService
    review: ReviewService
    proposal_queue: ProposalQueueService
    audit: AuditService
    panel_auth: PanelAuthService
    statistics: StatisticsService
    needs: PublicNeedService
    open_data: OpenDataService
    requests: RequestService
    metrics: Metrics = field(default_factory=Metrics)  # this process's Prometheus registry


class AppContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Callback context that exposes the services to handlers.

    PTB makes one context per update and hands it to every handler group, so the citizen read
    for this update is kept here (``citizen_memo``) and never beyond it.
    """

    citizen_memo: CitizenRef | None = None

    @property
    def services(self) -> Services:
        """The application's services."""
        return self.application.bot_data["services"]


def build_services(settings: Settings, answers: AnswerService | None = None) -> Services:
    """Create the services for one process."""
    # Webhook replicas give a share of their connections to the inbox's claims; polling doesn't.
    db = Database(
        settings.resolved_database_url,
        pool_size=settings.database_pool_size,
        claims=bool(settings.telegram_webhook_url),
    )
    answers = answers or load_answer_service(settings.thresholds)
    # Notifications are stored as the text Telegram will send, rendered when they are queued.
    # Long ones go in Telegram-sized parts, each recorded as it is delivered.
    outbox = NotificationOutbox(db, notice_text, render_buttons=notice_buttons, split=split_html)
    citizens = CitizenService(db, settings.pseudonym_key)
    knowledge = KnowledgeService(db, answers)
    alerts = StaffAlerts(
        outbox,
        settings.staff_telegram_ids,
        settings.staff_chat_id,
        settings.default_language,
        pseudonym=citizens.pseudonym,
    )
    questions = QuestionService(db, outbox, staff_alerts=alerts)
    proposals = ProposalService(
        db, outbox, answers.index.normalizer, settings.review_deadline_days, staff_alerts=alerts
    )
    plans = PlanService(answers.kb, db, outbox)
    statistics = StatisticsService(db, lambda: knowledge.kb, plans)
    needs = PublicNeedService(db, outbox, proposals.supports)
    return Services(
        settings=settings,
        db=db,
        answers=answers,
        citizens=citizens,
        questions=questions,
        flood=flood_guard(settings, citizens),
        outbox=outbox,
        plans=plans,
        proposals=proposals,
        lifecycle=proposals.lifecycle,
        privacy=PrivacyService(db, questions),
        knowledge=knowledge,
        review=ReviewService(db, questions, knowledge, outbox),
        proposal_queue=ProposalQueueService(db),
        audit=AuditService(db),
        # The staff list is read at every check: an id removed from the settings loses access.
        panel_auth=PanelAuthService(
            db,
            lambda: settings.staff_telegram_ids,
            lambda staff_id: staff_actor(citizens, staff_id),
        ),
        statistics=statistics,
        needs=needs,
        open_data=OpenDataService(db, lambda: knowledge.kb, plans, statistics, needs),
        requests=RequestService(db, outbox, InstitutionDirectory(answers.kb.institutions)),
    )


def flood_guard(settings: Settings, citizens: CitizenService) -> Flood:
    """Count in Redis when replicas share one (REDIS_URL), else in this process."""
    if settings.redis_url:
        return SharedFloodGuard(
            settings.redis_url,
            settings.flood_max_messages,
            settings.flood_window_seconds,
            citizens.pseudonym,
            prefix=settings.redis_key_prefix,
        )
    return FloodGuard(settings.flood_max_messages, settings.flood_window_seconds)


def staff_actor(citizens: CitizenService, telegram_id: int) -> str:
    """How a staff action is signed in histories and the audit: a pseudonym prefix, never a name."""
    return "equipo:" + citizens.pseudonym(telegram_id)[:8]

"""Tell staff that a new proposal or a question for the team arrived, through the outbox."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Proposal, StaffQuestion
from bot.services.notices import StaffAlertNotice
from bot.services.notifications import NotificationOutbox

EXCERPT = 200


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


class StaffAlerts:
    """Queue one alert per staff chat (the staff group if there is one, else each member)."""

    def __init__(
        self,
        outbox: NotificationOutbox,
        staff_ids: list[int],
        group_chat_id: int | None = None,
        language: str = "es",
    ) -> None:
        self.outbox = outbox
        self.chats = [group_chat_id] if group_chat_id is not None else list(staff_ids)
        self.language = language

    def new_proposal(self, session: AsyncSession, proposal: Proposal) -> int:
        """Queue the alert for a new proposal in the caller's transaction; return how many."""
        notice = StaffAlertNotice(
            self.language,
            "proposal",
            proposal.code,
            _excerpt(proposal.text),
            proposal.id or 0,
            proposal.category,
        )
        for chat_id in self.chats:
            self.outbox.enqueue(
                session,
                None,
                f"staff-proposal:{proposal.id}:{chat_id}",
                notice,
                chat_id=chat_id,
            )
        return len(self.chats)

    def new_question(self, session: AsyncSession, question: StaffQuestion) -> int:
        """Queue the alert for a question sent to the team; return how many."""
        notice = StaffAlertNotice(
            self.language,
            "question",
            question.ref or str(question.id),
            _excerpt(question.text),
            question.id or 0,
        )
        for chat_id in self.chats:
            self.outbox.enqueue(
                session,
                None,
                f"staff-question:{question.id}:{chat_id}",
                notice,
                chat_id=chat_id,
            )
        return len(self.chats)

"""Tell staff that a new proposal or a question for the team arrived, through the outbox."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.models import Citizen, Proposal, StaffQuestion
from bot.services.notices import StaffAlertNotice
from bot.services.notifications import NotificationOutbox

EXCERPT = 200


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


class StaffAlerts:
    """Queue one alert per staff chat (the staff group if there is one, else each member).

    Each member reads it in the language they chose with /idioma (``pseudonym`` finds them
    among the citizens); the group, and anyone who chose none, in ``language``.
    """

    def __init__(
        self,
        outbox: NotificationOutbox,
        staff_ids: list[int],
        group_chat_id: int | None = None,
        language: str = "es",
        pseudonym: Callable[[int], str] | None = None,
    ) -> None:
        self.outbox = outbox
        self.group = group_chat_id is not None
        self.chats = [group_chat_id] if group_chat_id is not None else list(staff_ids)
        self.language = language
        self.pseudonym = pseudonym

    async def _languages(self, session: AsyncSession) -> dict[int, str]:
        """Each staff chat's language."""
        chosen: dict[str, str] = {}
        if not self.group and self.pseudonym is not None and self.chats:
            names = {chat_id: self.pseudonym(chat_id) for chat_id in self.chats}
            rows = await session.exec(
                select(Citizen.pseudonym, Citizen.language).where(
                    col(Citizen.pseudonym).in_(list(names.values()))
                )
            )
            chosen = {name: language for name, language in rows if language}
        return {
            chat_id: chosen.get(self.pseudonym(chat_id) if self.pseudonym else "", self.language)
            for chat_id in self.chats
        }

    async def new_proposal(self, session: AsyncSession, proposal: Proposal) -> int:
        """Queue the alert for a new proposal in the caller's transaction; return how many."""
        for chat_id, language in (await self._languages(session)).items():
            notice = StaffAlertNotice(
                language,
                "proposal",
                proposal.code,
                _excerpt(proposal.text),
                proposal.id or 0,
                proposal.category,
            )
            self.outbox.enqueue(
                session,
                None,
                f"staff-proposal:{proposal.id}:{chat_id}",
                notice,
                chat_id=chat_id,
            )
        return len(self.chats)

    async def new_question(self, session: AsyncSession, question: StaffQuestion) -> int:
        """Queue the alert for a question sent to the team; return how many."""
        for chat_id, language in (await self._languages(session)).items():
            notice = StaffAlertNotice(
                language,
                "question",
                question.ref or str(question.id),
                _excerpt(question.text),
                question.id or 0,
            )
            self.outbox.enqueue(
                session,
                None,
                f"staff-question:{question.id}:{chat_id}",
                notice,
                chat_id=chat_id,
            )
        return len(self.chats)

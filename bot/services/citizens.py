"""Citizens: pseudonymous identity and language preference."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.db import Database
from bot.models import Citizen, utcnow


@dataclass(frozen=True)
class CitizenRef:
    """What a handler needs to know about the citizen it serves."""

    id: int
    language: str | None
    chat_id: int | None


def client_language(language_code: str | None, default: str = "es") -> str:
    """Map a Telegram client's language code ("es-EC", "en") to a supported language."""
    if language_code and language_code.lower().startswith("en"):
        return "en"
    if language_code and language_code.lower().startswith("es"):
        return "es"
    return default


class CitizenService:
    """Find or create citizens by pseudonym; the Telegram id itself is never stored."""

    def __init__(self, db: Database, key: bytes) -> None:
        self.db = db
        self._key = key
        # Citizen rows never change identity, so a small cache saves a query per message.
        self._cache: dict[str, CitizenRef] = {}
        self._pseudonyms: dict[int, str] = {}

    def pseudonym(self, telegram_user_id: int) -> str:
        """Return the stable pseudonym of a Telegram user (HMAC-SHA256, hex)."""
        known = self._pseudonyms.get(telegram_user_id)
        if known is None:
            digest = hmac.new(self._key, str(telegram_user_id).encode(), hashlib.sha256)
            known = digest.hexdigest()[:40]
            if len(self._pseudonyms) > 50_000:
                self._pseudonyms.clear()
            self._pseudonyms[telegram_user_id] = known
        return known

    async def identify(self, telegram_user_id: int, chat_id: int | None) -> CitizenRef:
        """Return the citizen for a Telegram user, creating the row on first contact."""
        pseudonym = self.pseudonym(telegram_user_id)
        cached = self._cache.get(pseudonym)
        if cached is not None and (chat_id is None or cached.chat_id == chat_id):
            return cached
        async with self.db.session() as session:
            citizen = (
                await session.exec(select(Citizen).where(Citizen.pseudonym == pseudonym))
            ).first()
            if citizen is None:
                citizen = Citizen(pseudonym=pseudonym, chat_id=chat_id)
                session.add(citizen)
                try:
                    await session.commit()
                except IntegrityError:  # another process created it a moment ago
                    await session.rollback()
                    citizen = (
                        await session.exec(select(Citizen).where(Citizen.pseudonym == pseudonym))
                    ).one()
            elif chat_id is not None and (citizen.chat_id != chat_id or citizen.bot_blocked):
                citizen.chat_id = chat_id
                citizen.bot_blocked = False
                citizen.last_seen_at = utcnow()
                session.add(citizen)
                await session.commit()
            ref = CitizenRef(citizen.id or 0, citizen.language, citizen.chat_id)
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[pseudonym] = ref
        return ref

    async def set_language(self, telegram_user_id: int, language: str) -> None:
        """Remember the citizen's language."""
        if language not in ("es", "en"):
            raise ValueError(f"unsupported language {language!r}")
        pseudonym = self.pseudonym(telegram_user_id)
        async with self.db.session() as session:
            citizen = (
                await session.exec(select(Citizen).where(Citizen.pseudonym == pseudonym))
            ).one()
            citizen.language = language
            session.add(citizen)
            await session.commit()
            self._cache[pseudonym] = CitizenRef(citizen.id or 0, language, citizen.chat_id)

    def forget(self, telegram_user_id: int) -> None:
        """Drop the cached row of a citizen (after their data changed elsewhere)."""
        self._cache.pop(self.pseudonym(telegram_user_id), None)

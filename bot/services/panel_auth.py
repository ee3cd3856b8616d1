"""Sign-in to the staff panel: one-time links bound to a staff member's Telegram id."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import update
from sqlmodel import col, select

from bot.db import Database
from bot.models import PanelLoginToken, utcnow
from bot.services.audit import audit

LINK_LIFETIME = dt.timedelta(minutes=10)
SESSION_IDLE = dt.timedelta(hours=8)


class NotStaff(PermissionError):
    """The Telegram id is not in STAFF_TELEGRAM_IDS."""


@dataclass(frozen=True)
class Redeemed:
    """What a sign-in link turned out to be."""

    outcome: Literal["ok", "expired", "used", "unknown", "not_staff"]
    staff_id: int | None = None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PanelAuthService:
    """Issue and redeem one-time sign-in links; the staff list is read at every check."""

    def __init__(
        self,
        db: Database,
        staff_ids: Callable[[], Collection[int]],
        actor_of: Callable[[int], str],
    ) -> None:
        self.db = db
        self.staff_ids = staff_ids
        self.actor_of = actor_of

    def is_staff(self, telegram_id: int | None) -> bool:
        """Whether ``telegram_id`` is in STAFF_TELEGRAM_IDS right now."""
        return telegram_id is not None and telegram_id in self.staff_ids()

    async def issue(self, staff_id: int, now: dt.datetime | None = None) -> str:
        """Store a new sign-in token for ``staff_id`` and return it (only its hash is kept)."""
        if not self.is_staff(staff_id):
            raise NotStaff(staff_id)
        token = secrets.token_urlsafe(32)
        created = now or utcnow()
        async with self.db.session() as session:
            session.add(
                PanelLoginToken(
                    token_hash=_digest(token),
                    staff_id=staff_id,
                    created_at=created,
                    expires_at=created + LINK_LIFETIME,
                )
            )
            await session.commit()
        return token

    async def redeem(self, token: str, now: dt.datetime | None = None) -> Redeemed:
        """Use a sign-in token once; say why when it cannot be used."""
        if not token or len(token) > 200:
            return Redeemed("unknown")
        at = now or utcnow()
        digest = _digest(token)
        async with self.db.session() as session:
            # One conditional UPDATE: two tabs (or replicas) racing for the same link cannot
            # both win.
            claimed = await session.exec(
                update(PanelLoginToken)
                .where(
                    col(PanelLoginToken.token_hash) == digest,
                    col(PanelLoginToken.used_at).is_(None),
                    col(PanelLoginToken.expires_at) > at,
                )
                .values(used_at=at)
            )
            row = (
                await session.exec(
                    select(PanelLoginToken).where(PanelLoginToken.token_hash == digest)
                )
            ).first()
            if row is None:
                return Redeemed("unknown")
            staff_id, used = row.staff_id, row.used_at is not None
            if not claimed.rowcount:
                await session.rollback()
                return Redeemed("used" if used else "expired", staff_id)
            if not self.is_staff(staff_id):
                await session.rollback()
                return Redeemed("not_staff", staff_id)
            audit(session, self.actor_of(staff_id), "panel.sign_in")
            await session.commit()
            return Redeemed("ok", staff_id)

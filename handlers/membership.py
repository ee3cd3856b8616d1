"""Whether a citizen blocked or unblocked the bot (Telegram's ``my_chat_member`` updates)."""

from __future__ import annotations

from telegram import ChatMember, Update

from bot.context import AppContext


async def track_membership(update: Update, context: AppContext) -> None:
    """Mark a citizen who blocked the bot; unmark them when they unblock it."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private" or change.from_user.is_bot:
        return
    status = change.new_chat_member.status
    if status in (ChatMember.BANNED, ChatMember.LEFT):
        await context.services.citizens.set_blocked(change.from_user.id, True)
    elif status == ChatMember.MEMBER:
        # Unblocking: identify() also stores the chat id and clears the mark.
        await context.services.citizens.identify(change.from_user.id, change.chat.id)

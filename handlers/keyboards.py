"""Keyboards and replies more than one feature shows (a commitment card's buttons)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.context import AppContext
from bot.render.telegram import commitment_matches
from bot.render.texts import render
from handlers import callbacks
from handlers.common import button, citizen_of, keyboard, label, reply
from knowledge.commitments import CommitmentMatch


async def card_keyboard(
    context: AppContext, commitment_id: str, citizen_id: int | None, language: str
) -> InlineKeyboardMarkup | None:
    """Follow or unfollow, history, and back to the plan."""
    plans = context.services.plans
    commitment = plans.commitment(commitment_id)
    assert commitment is not None
    following = citizen_id is not None and await plans.is_following(citizen_id, commitment_id)
    follow = (
        button(render("plan.unfollow", language), callbacks.UNFOLLOW.build(commitment_id))
        if following
        else button(render("plan.follow", language), callbacks.FOLLOW.build(commitment_id))
    )
    return keyboard(
        [
            [follow],
            [button(render("plan.history", language), callbacks.HISTORY.build(commitment_id))],
            [button(render("nav.back", language), callbacks.PLAN.build(commitment.plan, 0))],
        ]
    )


async def reply_with_commitments(
    update: Update, context: AppContext, match: CommitmentMatch, language: str
) -> None:
    """Answer a free-text commitment question with a card or a list, using live statuses."""
    text = commitment_matches(await context.services.plans.matches(match), language)
    found = match.commitments
    if len(found) == 1:
        citizen = await citizen_of(update, context)
        markup = await card_keyboard(
            context, found[0].id, citizen.id if citizen else None, language
        )
    else:
        markup = keyboard(
            [[button(label(c.title), callbacks.COMMITMENT.build(c.id))] for c in found[:8]]
        )
    await reply(update, text, markup)

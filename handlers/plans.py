"""/plan and /seguimientos: browse plans and commitments, follow them, see their history."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.context import AppContext
from bot.render.dates import format_date
from bot.render.telegram import commitment_card, known_about, status_label
from bot.render.texts import escape, render
from handlers import callbacks
from handlers.common import (
    button,
    citizen_of,
    expired_text,
    is_private,
    keyboard,
    label,
    language_of,
    pressed_under,
    private_link,
    reply,
)
from handlers.keyboards import card_keyboard

PAGE_SIZE = 6


def plans_keyboard(context: AppContext, language: str) -> InlineKeyboardMarkup | None:
    """One button per plan."""
    plans = context.services.plans.plans()
    return keyboard([[button(p.name.get(language), callbacks.PLAN.build(p.id, 0))] for p in plans])


async def show_plans(update: Update, context: AppContext) -> None:
    """Send the list of plans."""
    language = await language_of(update, context)
    await reply(update, render("plan.list_title", language), plans_keyboard(context, language))


async def show_plans_in_place(update: Update, context: AppContext) -> None:
    """Go back to the list of plans, editing the message."""
    query = update.callback_query
    assert query is not None
    language = await language_of(update, context)
    await query.answer()
    await query.edit_message_text(
        render("plan.list_title", language), reply_markup=plans_keyboard(context, language)
    )


async def show_plan(update: Update, context: AppContext) -> None:
    """A plan's summary and one page of its commitments."""
    query = update.callback_query
    assert query is not None and query.data is not None
    language = await language_of(update, context)
    plan_id, page_number = callbacks.PLAN.parse(query.data)
    plans = context.services.plans
    plan = plans.plan(plan_id)
    if plan is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    commitments = plans.commitments_of(plan_id)
    pages = max(1, -(-len(commitments) // PAGE_SIZE))
    page = min(max(page_number, 0), pages - 1)
    statuses = await plans.statuses()
    rows = []
    for commitment in commitments[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        prefix = f"{commitment.number}. " if commitment.number is not None else "• "
        rows.append(
            [button(label(prefix + commitment.title), callbacks.COMMITMENT.build(commitment.id))]
        )
    nav = []
    if page > 0:
        nav.append(button(render("nav.prev", language), callbacks.PLAN.build(plan_id, page - 1)))
    if page < pages - 1:
        nav.append(button(render("nav.next", language), callbacks.PLAN.build(plan_id, page + 1)))
    rows.append(nav)
    rows.append([button(render("nav.back", language), callbacks.PLANS.build())])
    count = (
        render("plan.count", language, known=len(commitments), total=plan.commitments_total)
        if plan.commitments_total is not None
        else render("plan.count_unknown", language)
    )
    text = render(
        "plan.header",
        language,
        name=plan.name.get(language),
        period=plan.period or render("plan.period_unknown", language),
        summary=plan.summary.get(language),
    )
    if plan.official_url:
        text += f"\n{escape(str(plan.official_url))}"
    text += f"\n\n{count}"
    if commitments:
        text += "\n" + render("plan.choose", language)
        text += "\n" + "\n".join(
            f"• {escape(c.title)} — {escape(known_about(c, statuses[c.id].value, language))}"
            for c in commitments[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        )
    await query.edit_message_text(text, reply_markup=keyboard(rows))


async def card_text(context: AppContext, commitment_id: str, language: str) -> str:
    """The card of a commitment with its current status."""
    return commitment_card(await context.services.plans.card(commitment_id), language)


async def show_commitment(update: Update, context: AppContext) -> None:
    """Show a commitment card: in place of a plan's page, else as a new message."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    (commitment_id,) = callbacks.COMMITMENT.parse(query.data)
    if context.services.plans.commitment(commitment_id) is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    markup = await card_keyboard(context, commitment_id, citizen.id if citizen else None, language)
    text = await card_text(context, commitment_id, language)
    if pressed_under(update, callbacks.PLANS):  # a plan's page: browsing goes on in place
        await query.edit_message_text(text, reply_markup=markup)
    else:  # a list the citizen may still be reading (/seguimientos, a free-text answer)
        await reply(update, text, markup)


async def show_history(update: Update, context: AppContext) -> None:
    """Send the status updates staff recorded for a commitment."""
    query = update.callback_query
    assert query is not None and query.data is not None
    language = await language_of(update, context)
    plans = context.services.plans
    commitment = plans.commitment(callbacks.HISTORY.parse(query.data)[0])
    if commitment is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    lines = [render("plan.history_title", language, title=commitment.title)]
    history = await plans.history(commitment.id)
    if not history:
        lines.append(render("plan.history_empty", language))
    for item in history:
        lines.append(
            render(
                "plan.history_item",
                language,
                date=format_date(item.as_of, language),
                status=status_label(item.status, language),
                note=item.note,
                source=item.source_url,
            )
        )
    await reply(update, "\n".join(lines))


async def toggle_follow(update: Update, context: AppContext) -> None:
    """Follow ("fl:") or unfollow ("uf:") a commitment, then refresh the card's buttons."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    following = callbacks.FOLLOW.matches(query.data)
    (commitment_id,) = (callbacks.FOLLOW if following else callbacks.UNFOLLOW).parse(query.data)
    plans = context.services.plans
    if citizen is None or plans.commitment(commitment_id) is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    if not is_private(update):
        await query.answer(render("group.private_only", language, link=private_link(context)))
        return
    if following:
        new = await plans.follow(citizen.id, commitment_id, language)
        await query.answer(render("plan.followed" if new else "plan.already_following", language))
    else:
        await plans.unfollow(citizen.id, commitment_id)
        await query.answer(render("plan.unfollowed", language))
    # The /seguimientos list (unfollow buttons, no history button) is refreshed in place.
    if pressed_under(update, callbacks.UNFOLLOW) and not pressed_under(update, callbacks.HISTORY):
        text, markup = await following_view(context, citizen.id, language)
        await query.edit_message_text(text, reply_markup=markup)
        return
    await query.edit_message_reply_markup(
        await card_keyboard(context, commitment_id, citizen.id, language)
    )


async def show_following(update: Update, context: AppContext) -> None:
    """List what the citizen follows, each with open and unfollow buttons."""
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    if not is_private(update) or citizen is None:
        await reply(update, render("group.private_only", language, link=private_link(context)))
        return
    text, markup = await following_view(context, citizen.id, language)
    await reply(update, text, markup)


async def following_view(
    context: AppContext, citizen_id: int, language: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The /seguimientos list: each commitment followed, with open and unfollow buttons."""
    followed = await context.services.plans.followed(citizen_id)
    if not followed:
        return render("plan.following_none", language), None
    statuses = await context.services.plans.statuses()
    lines = [render("plan.following_title", language)]
    rows = []
    for commitment in followed:
        lines.append(
            f"• {escape(commitment.title)} — "
            f"{escape(known_about(commitment, statuses[commitment.id].value, language))}"
        )
        rows.append(
            [
                button(label(commitment.title, 40), callbacks.COMMITMENT.build(commitment.id)),
                button(render("plan.unfollow", language), callbacks.UNFOLLOW.build(commitment.id)),
            ]
        )
    return "\n".join(lines), keyboard(rows)

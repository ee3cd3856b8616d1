"""Staff on Telegram: review proposals and answer queued questions.

Staff are the Telegram user ids in STAFF_TELEGRAM_IDS. Anyone else gets a plain "not authorised"
and learns nothing — not even whether a code exists.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot.context import AppContext
from bot.render.telegram import proposal_status_fields
from bot.render.texts import render, shorten
from bot.services.proposals import FlowError, normalize_code
from handlers import callbacks
from handlers.common import button, keyboard, language_of, reply

PAGE_SIZE = 8


async def _staff_language(update: Update, context: AppContext) -> str | None:
    """The staff member's language, or None after refusing a non-staff user."""
    language = await language_of(update, context)
    user = update.effective_user
    if user is None or user.id not in context.services.settings.staff_telegram_ids:
        if update.callback_query is not None:
            await update.callback_query.answer(
                render("staff.not_authorised", language), show_alert=True
            )
        else:
            await reply(update, render("staff.not_authorised", language))
        return None
    return language


def actor(update: Update, context: AppContext) -> str:
    """How a staff action is signed in the history: a pseudonym prefix, never a name."""
    assert update.effective_user is not None
    return "equipo:" + context.services.citizens.pseudonym(update.effective_user.id)[:8]


async def pending(update: Update, context: AppContext) -> None:
    """/pendientes: open proposals, overdue first, then oldest, paged."""
    language = await _staff_language(update, context)
    if language is None:
        return
    page = 0
    query = update.callback_query
    if query is not None and query.data:
        (page,) = callbacks.PENDING_PAGE.parse(query.data)
        await query.answer()
    rows, total = await context.services.lifecycle.pending(PAGE_SIZE, page * PAGE_SIZE)
    if not total:
        await reply(update, render("staff.pending_none", language))
        return
    lines = [render("staff.pending_title", language, total=total)]
    for proposal in rows:
        excerpt = shorten(proposal.text, 100)
        lines.append(
            render(
                "staff.pending_item",
                language,
                code=proposal.code,
                **proposal_status_fields(proposal, language),
                date=proposal.created_at.date().isoformat(),
                excerpt=excerpt,
            )
        )
    nav = []
    if page > 0:
        nav.append(button(render("nav.prev", language), callbacks.PENDING_PAGE.build(page - 1)))
    if (page + 1) * PAGE_SIZE < total:
        nav.append(button(render("nav.next", language), callbacks.PENDING_PAGE.build(page + 1)))
    await reply(update, "\n".join(lines), keyboard([nav]))


async def view(update: Update, context: AppContext) -> None:
    """/ver CODE: details (contact included, for staff only), history and status buttons."""
    language = await _staff_language(update, context)
    if language is None:
        return
    code = normalize_code(" ".join(context.args or []))
    if code is None:
        await reply(update, render("staff.code_usage", language, command="/ver"))
        return
    service = context.services.proposals
    proposal = await service.by_code(code)
    if proposal is None:
        await reply(update, render("proposal.not_found", language, code=code))
        return
    not_given = render("propose.not_given", language)
    text = render(
        "staff.view",
        language,
        code=proposal.code,
        **proposal_status_fields(proposal, language),
        category=render(f"category.{proposal.category}", language),
        province=proposal.province or not_given,
        contact=proposal.contact or not_given,
        supports=proposal.supports,
        deadline=proposal.deadline.isoformat(),
        text=proposal.text,
    )
    text += render("proposal.detail_history", language)
    for event in await service.history(proposal.id or 0):
        text += render(
            "staff.history_item",
            language,
            date=event.at.strftime("%Y-%m-%d %H:%M"),
            actor=event.actor,
            status=render(f"proposal.status.{event.to_status}", language),
            message=f" — {event.public_message}" if event.public_message else "",
            note=f" [{event.internal_note}]" if event.internal_note else "",
        )
    deliveries = await context.services.lifecycle.deliveries(proposal.id or 0)
    if deliveries:
        text += render(
            "staff.deliveries",
            language,
            sent=deliveries.get("sent", 0),
            queued=deliveries.get("pending", 0) + deliveries.get("sending", 0),
            failed=deliveries.get("undeliverable", 0),
        )
    text += "\n\n" + render("staff.usage", language, code=proposal.code)
    markup = keyboard(
        [
            [
                button(
                    render("staff.to_review", language),
                    callbacks.STAFF_STATUS.build(proposal.id, "en_revision"),
                ),
                button(
                    render("staff.to_accept", language),
                    callbacks.STAFF_STATUS.build(proposal.id, "aceptada"),
                ),
            ]
        ]
    )
    await reply(update, text, markup)


async def _apply(
    update: Update,
    context: AppContext,
    language: str,
    proposal_id: int,
    status: str,
    **values: str | None,
) -> None:
    try:
        result = await context.services.lifecycle.transition(
            proposal_id, status, actor(update, context), **values
        )
    except FlowError as error:
        await reply(update, render(error.key, language, **error.values))
        return
    await reply(
        update,
        render(
            "staff.done",
            language,
            code=result.proposal.code,
            status=render(f"proposal.status.{status}", language),
            notified=result.notified,
        ),
    )


async def change_status_button(update: Update, context: AppContext) -> None:
    """The status buttons under /ver ("st:<id>:<status>")."""
    language = await _staff_language(update, context)
    if language is None:
        return
    query = update.callback_query
    assert query is not None and query.data is not None
    proposal_id, status = callbacks.STAFF_STATUS.parse(query.data)
    await query.answer()
    await _apply(update, context, language, proposal_id, status)


async def _code_and_text(
    update: Update, context: AppContext, command: str
) -> tuple[str, int, str] | None:
    language = await _staff_language(update, context)
    if language is None:
        return None
    args = context.args or []
    code = normalize_code(args[0]) if args else None
    if code is None:
        await reply(update, render("staff.code_usage", language, command=command))
        return None
    proposal = await context.services.proposals.by_code(code)
    if proposal is None:
        await reply(update, render("proposal.not_found", language, code=code))
        return None
    return language, proposal.id or 0, " ".join(args[1:]).strip()


def status_command(
    command: str, status: str, field: str
) -> Callable[[Update, AppContext], Coroutine[Any, Any, None]]:
    """Build ``/command CODE text``: set ``status``, with the text as ``field``."""

    async def handle(update: Update, context: AppContext) -> None:
        found = await _code_and_text(update, context, command)
        if found:
            language, proposal_id, text = found
            await _apply(update, context, language, proposal_id, status, **{field: text or None})

    handle.__doc__ = f"{command} CODE text: the proposal becomes {status}."
    return handle


# /responder: a public answer to the citizen; /derivar: to another institution, named;
# /descartar: with a reason; /aceptar: with an optional message.
respond = status_command("/responder", "respondida", "public_message")
refer = status_command("/derivar", "derivada", "derived_to")
dismiss = status_command("/descartar", "descartada", "reason")
accept = status_command("/aceptar", "aceptada", "public_message")


async def questions(update: Update, context: AppContext) -> None:
    """/preguntas: the queue of questions the assistant could not answer."""
    language = await _staff_language(update, context)
    if language is None:
        return
    service = context.services.questions
    pending_questions = await service.pending(limit=PAGE_SIZE)
    if not pending_questions:
        await reply(update, render("staff.questions_none", language))
        return
    lines = [render("staff.questions_title", language, total=await service.count_pending())]
    for question in pending_questions:
        lines.append(
            render(
                "staff.question_item",
                language,
                id=question.id,
                date=(question.sent_at or question.created_at).date().isoformat(),
                text=question.text[:200],
            )
        )
    lines.append(render("staff.question_help", language))
    rows = [
        [
            button(
                render("staff.question_kb", language, id=q.id),
                callbacks.FOR_KNOWLEDGE_BASE.build(q.id),
            )
        ]
        for q in pending_questions
    ]
    await reply(update, "\n".join(lines), keyboard(rows))


async def answer_question(update: Update, context: AppContext) -> None:
    """/contestar NUMBER text: answer a queued question; the citizen is told."""
    language = await _staff_language(update, context)
    if language is None:
        return
    args = context.args or []
    if len(args) < 2 or not args[0].isdigit():
        await reply(update, render("staff.question_usage", language))
        return
    question_id = callbacks.valid_id(args[0])
    if question_id is None:  # a number no question can have
        await reply(update, render("staff.question_unknown", language))
        return
    try:
        answered = await context.services.questions.answer(question_id, " ".join(args[1:]))
    except FlowError as error:
        await reply(update, render(error.key, language, **error.values))
        return
    if not answered:
        await reply(update, render("staff.question_unknown", language))
        return
    await reply(update, render("staff.question_answered", language, id=question_id))


async def mark_for_knowledge_base(update: Update, context: AppContext) -> None:
    """ "📚 para la base": set a queued question aside for a new FAQ entry."""
    language = await _staff_language(update, context)
    if language is None:
        return
    query = update.callback_query
    assert query is not None and query.data is not None
    (question_id,) = callbacks.FOR_KNOWLEDGE_BASE.parse(query.data)
    if await context.services.questions.mark_for_knowledge_base(question_id):
        await query.answer(render("staff.question_marked", language, id=question_id))
    else:
        await query.answer(render("staff.question_unknown", language), show_alert=True)

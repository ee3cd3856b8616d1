"""Staff on Telegram: review proposals and answer queued questions.

Staff are the Telegram user ids in STAFF_TELEGRAM_IDS. Anyone else gets a plain "not authorised"
and learns nothing — not even whether a code exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import ForceReply, LinkPreviewOptions, Message, Update
from telegram.ext import filters

from bot.context import AppContext
from bot.render.dates import format_date, in_ecuador
from bot.render.telegram import actor_text, proposal_status_fields
from bot.render.texts import render, shorten
from bot.services.proposals import FlowError, allowed_moves, days_late, normalize_code
from bot.services.proposals.lifecycle import MoveRefused, StaleView
from handlers import callbacks
from handlers.common import (
    button,
    expired_text,
    is_private,
    keyboard,
    language_of,
    private_link,
    reply,
)

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


def typed_command(update: Update, default: str) -> str:
    """The command as the staff member typed it ("/view", "/ver"), for the usage hint."""
    message = update.effective_message
    if message is None or not message.text or not message.text.startswith("/"):
        return default
    return message.text.split()[0].partition("@")[0]


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
    buttons = []
    for proposal in rows:
        excerpt = shorten(proposal.text, 100)
        late = days_late(proposal)
        fields = proposal_status_fields(proposal, language)
        if late:
            fields["overdue"] = render("staff.overdue_days", language, days=late)
        lines.append(
            render(
                "staff.pending_item",
                language,
                code=proposal.code,
                **fields,
                date=format_date(proposal.created_at, language),
                excerpt=excerpt,
            )
        )
        marker = "⏰ " if late else ""
        buttons.append(button(marker + proposal.code, callbacks.STAFF_VIEW.build(proposal.id)))
    nav = []
    if page > 0:
        nav.append(button(render("nav.prev", language), callbacks.PENDING_PAGE.build(page - 1)))
    if (page + 1) * PAGE_SIZE < total:
        nav.append(button(render("nav.next", language), callbacks.PENDING_PAGE.build(page + 1)))
    rows_of_buttons = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    await reply(update, "\n".join(lines), keyboard([*rows_of_buttons, nav]))


async def view(update: Update, context: AppContext) -> None:
    """/ver CODE or a /pendientes button: details (contact included), history, notes, moves."""
    language = await _staff_language(update, context)
    if language is None:
        return
    service = context.services.proposals
    query = update.callback_query
    if query is not None:
        found = await service.get(callbacks.STAFF_VIEW.parse(query.data)[0])
        if found is None:
            await query.answer(expired_text(language), show_alert=True)
            return
        await query.answer()
        proposal = found
    else:
        code = normalize_code(" ".join(context.args or []))
        if code is None:
            await reply(
                update, render("staff.code_usage", language, command=typed_command(update, "/ver"))
            )
            return
        by_code = await service.by_code(code)
        if by_code is None:
            await reply(update, render("proposal.not_found", language, code=code))
            return
        proposal = by_code
    not_given = render("propose.not_given", language)
    text = render(
        "staff.view",
        language,
        code=proposal.code,
        **proposal_status_fields(proposal, language),
        category=render(f"category.{proposal.category}", language),
        province=proposal.province or render("propose.province_not_given", language),
        contact=proposal.contact or not_given,
        supports=proposal.supports,
        deadline=format_date(proposal.deadline, language),
        text=proposal.text,
    )
    history = await service.history(proposal.id or 0)
    text += render("proposal.detail_history", language)
    for event in history:
        if event.from_status == event.to_status:
            continue  # notes are listed apart
        text += render(
            "staff.history_item",
            language,
            date=f"{format_date(event.at, language)} {in_ecuador(event.at):%H:%M}",
            actor=actor_text(event.actor, language),
            status=render(f"proposal.status.{event.to_status}", language),
            message=f" — {event.public_message}" if event.public_message else "",
            note=f" [{event.internal_note}]" if event.internal_note else "",
        )
    notes = [e for e in history if e.from_status == e.to_status and e.internal_note]
    if notes:
        text += render("staff.notes_title", language)
        for event in notes:
            text += render(
                "staff.note_item",
                language,
                date=format_date(event.at, language),
                actor=actor_text(event.actor, language),
                note=event.internal_note,
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
    allowed = allowed_moves(proposal.status)
    text += "\n\n" + moves_text(proposal.status, language)
    if allowed:
        text += "\n" + render("staff.usage", language, code=proposal.code)
    buttons = [
        button(
            render(key, language),
            callbacks.STAFF_STATUS.build(proposal.id, status, proposal.status),
        )
        for status, key in (("en_revision", "staff.to_review"), ("aceptada", "staff.to_accept"))
        if status in allowed
    ]
    await reply(update, text, keyboard([buttons]))


def moves_text(current: str, language: str) -> str:
    """Which statuses a proposal may move to now, in words."""
    name = render(f"proposal.status.{current}", language)
    allowed = allowed_moves(current)
    if not allowed:
        return render("staff.no_moves", language, current=name)
    names = ", ".join(render(f"proposal.status.{s}", language) for s in allowed if s != "retirada")
    return render("staff.moves_now", language, current=name, allowed=names)


async def _apply(
    update: Update,
    context: AppContext,
    language: str,
    proposal_id: int,
    status: str,
    expected: str | None = None,
    **values: str | None,
) -> None:
    try:
        result = await context.services.lifecycle.transition(
            proposal_id, status, actor(update, context), expected=expected, **values
        )
    except MoveRefused as error:
        current = render(f"proposal.status.{error.current}", language)
        wanted = render(f"proposal.status.{error.wanted}", language)
        refusal = render("staff.bad_transition", language, current=current, wanted=wanted)
        await reply(update, refusal + " " + moves_text(error.current, language))
        return
    except StaleView as error:
        current = render(f"proposal.status.{error.current}", language)
        await reply(
            update, render("staff.stale_button", language, code=error.code, current=current)
        )
        return
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
    proposal_id, status, seen = callbacks.STAFF_STATUS.parse(query.data)
    await query.answer()
    await query.edit_message_reply_markup(None)  # one press per view: /ver shows the new moves
    await _apply(update, context, language, proposal_id, status, expected=seen)


async def _code_and_text(
    update: Update, context: AppContext, command: str
) -> tuple[str, int, str] | None:
    language = await _staff_language(update, context)
    if language is None:
        return None
    args = context.args or []
    code = normalize_code(args[0]) if args else None
    if code is None:
        usage = render("staff.code_usage", language, command=typed_command(update, command))
        await reply(update, usage)
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
    """/preguntas: the queue of questions the assistant could not answer, each with buttons."""
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
                id=question.ref or question.id,
                date=format_date(question.sent_at or question.created_at, language),
                text=question.text[:200],
            )
        )
    lines.append(render("staff.question_help", language))
    rows = [
        [
            button(
                render("staff.answer_button", language, ref=q.ref or q.id),
                callbacks.STAFF_ANSWER.build(q.id),
            ),
            button(
                render("staff.question_kb", language, id=q.ref or q.id),
                callbacks.FOR_KNOWLEDGE_BASE.build(q.id),
            ),
        ]
        for q in pending_questions
    ]
    await reply(update, "\n".join(lines), keyboard(rows))


async def prompt_answer(update: Update, context: AppContext) -> None:
    """ "✍️ Contestar P-4821": ask for the answer as a reply, so no number is typed."""
    language = await _staff_language(update, context)
    if language is None:
        return
    query = update.callback_query
    assert query is not None and query.data is not None
    question = await context.services.questions.get(callbacks.STAFF_ANSWER.parse(query.data)[0])
    if question is None or question.status != "pending":
        await query.answer(render("staff.question_unknown", language), show_alert=True)
        return
    await query.answer()
    if update.effective_chat is not None:
        ref = question.ref or str(question.id)
        await update.effective_chat.send_message(
            render("staff.answer_prompt", language, ref=ref),
            reply_markup=ForceReply(input_field_placeholder=ref),
        )


class _ReplyToAnswerPrompt(filters.MessageFilter):
    """A text that replies to the bot's "Escriba la respuesta a la pregunta P-…" prompt."""

    def filter(self, message: Message) -> bool:
        replied = message.reply_to_message
        return bool(
            message.text
            and replied is not None
            and replied.from_user is not None
            and replied.from_user.is_bot
            and replied.text
            and PROMPT_REF.search(replied.text)
        )


REPLY_TO_ANSWER_PROMPT = _ReplyToAnswerPrompt()
PROMPT_REF = re.compile(r"(?:a la pregunta|answer to question) (P-\d{4,8}|\d{1,19})\b")


async def answer_by_reply(update: Update, context: AppContext) -> None:
    """Staff replied to an answer prompt: the reply is the answer."""
    language = await _staff_language(update, context)
    message = update.effective_message
    if language is None or message is None or message.reply_to_message is None:
        return
    found = PROMPT_REF.search(message.reply_to_message.text or "")
    assert found is not None and message.text is not None
    await _answer(update, context, language, found.group(1), message.text)


async def answer_question(update: Update, context: AppContext) -> None:
    """/contestar P-4821 text: answer a queued question; the citizen is told."""
    language = await _staff_language(update, context)
    if language is None:
        return
    args = context.args or []
    if len(args) < 2:
        await reply(update, render("staff.question_usage", language))
        return
    await _answer(update, context, language, args[0], " ".join(args[1:]))


async def _answer(update: Update, context: AppContext, language: str, ref: str, text: str) -> None:
    service = context.services.questions
    question = await service.by_ref(ref)
    try:
        answered = question is not None and await service.answer(question.id or 0, text)
    except FlowError as error:  # too long for one message
        await reply(update, render(error.key, language, **error.values))
        return
    if question is None or not answered:
        await reply(update, render("staff.question_unknown", language))
        return
    shown = question.ref or question.id
    await reply(update, render("staff.question_answered", language, id=shown))


async def mark_for_knowledge_base(update: Update, context: AppContext) -> None:
    """ "📚 para la base": set a queued question aside for a new FAQ entry."""
    language = await _staff_language(update, context)
    if language is None:
        return
    query = update.callback_query
    assert query is not None and query.data is not None
    (question_id,) = callbacks.FOR_KNOWLEDGE_BASE.parse(query.data)
    question = await context.services.questions.get(question_id)
    if question is not None and await context.services.questions.mark_for_knowledge_base(
        question_id
    ):
        shown = question.ref or question_id
        await query.answer(render("staff.question_marked", language, id=shown))
    else:
        await query.answer(render("staff.question_unknown", language), show_alert=True)


async def panel_link(update: Update, context: AppContext) -> None:
    """/panel: a one-time sign-in link to the web panel, for staff only."""
    language = await _staff_language(update, context)
    if language is None:
        return
    assert update.effective_user is not None and update.effective_chat is not None
    if not is_private(update):  # a sign-in link must never land in a group
        await reply(update, render("group.private_only", language, link=private_link(context)))
        return
    services = context.services
    token = await services.panel_auth.issue(update.effective_user.id)
    url = f"{services.settings.public_base_url.rstrip('/')}/panel/entrar/{token}"
    # No link preview: Telegram's preview fetcher must not be the one that opens the link.
    await update.effective_chat.send_message(
        render("staff.panel_link", language, url=url),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def add_note(update: Update, context: AppContext) -> None:
    """/nota CODE text: an internal note staff see in /ver; citizens never do."""
    found = await _code_and_text(update, context, "/nota")
    if not found:
        return
    language, proposal_id, text = found
    if not text:
        await reply(update, render("staff.note_usage", language))
        return
    event = await context.services.lifecycle.add_note(proposal_id, actor(update, context), text)
    proposal = await context.services.proposals.get(proposal_id)
    if event is None or proposal is None:
        await reply(update, render("staff.note_usage", language))
        return
    await reply(update, render("staff.note_added", language, code=proposal.code))

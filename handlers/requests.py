"""/solicitud: prepare an access-to-information request, then follow its legal deadline.

The flow's state lives in the database (bot/services/requests.py); this module only reads the
update, calls the service and renders the result. The documents are made in memory and sent.
"""

from __future__ import annotations

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ApplicationHandlerStop

from bot.app import AppContext
from bot.models import RequestDraft
from bot.services.citizens import CitizenRef
from bot.services.request_documents import (
    Document,
    as_pdf,
    as_text,
    followup_document,
    request_document,
)
from bot.services.requests import (
    TYPING_STEPS,
    FlowError,
    RequestView,
    format_date,
    legal_deadline,
    reminder_time,
)
from bot.texts import escape, render, shorten
from handlers.common import (
    button,
    citizen_of,
    is_private,
    keyboard,
    language_of,
    private_link,
    reply,
)

ANSWERS = ("yes", "partial", "no", "extension")


async def _private_citizen(update: Update, context: AppContext) -> tuple[CitizenRef, str] | None:
    """The citizen and language, or None after telling a group to use a private chat."""
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    if citizen is None or not is_private(update):
        if update.callback_query is not None:
            await update.callback_query.answer()
        await reply(update, render("group.use_private", language, link=private_link(context)))
        return None
    return citizen, language


async def _ask_to_type(update: Update, text: str, placeholder: str) -> None:
    """A prompt the citizen answers by typing (a reply field with a hint)."""
    if update.effective_chat is not None:
        await update.effective_chat.send_message(
            text, reply_markup=ForceReply(input_field_placeholder=placeholder[:64])
        )


async def show_step(
    update: Update, context: AppContext, draft: RequestDraft, language: str
) -> None:
    """Send what the citizen must do at the draft's current step."""
    typing = context.services.requests_typing
    cancel = button(render("request.cancel_button", language), "rq:x")
    if draft.step in TYPING_STEPS:
        typing.add(draft.citizen_id)
    if draft.step == "consent":
        markup = keyboard([[button(render("request.accept", language), "rq:ok"), cancel]])
        await reply(update, render("request.consent", language), markup)
    elif draft.step == "institution":
        await _ask_to_type(
            update,
            render("request.institution", language),
            render("request.institution_placeholder", language),
        )
    elif draft.step == "description":
        await _ask_to_type(
            update,
            render("request.description", language),
            render("request.description_placeholder", language),
        )
    elif draft.step == "delivery":
        rows = [
            [button(render(f"request.delivery.{d}", language), f"rq:f:{d}")]
            for d in ("digital", "fisica")
        ]
        await reply(update, render("request.delivery", language), keyboard([*rows, [cancel]]))
    elif draft.step == "subject":
        await _ask_to_type(
            update,
            render("request.subject", language),
            render("request.subject_placeholder", language),
        )
    elif draft.step in ("submitted", "date"):
        await ask_for_date(update, context, draft, language)


def _date_keyboard(language: str, with_later: bool) -> InlineKeyboardMarkup | None:
    row = [
        button(render("request.today", language), "rq:d:today"),
        button(render("request.yesterday", language), "rq:d:yesterday"),
    ]
    if with_later:
        row.append(button(render("request.later", language), "rq:d:later"))
    return keyboard([row])


async def ask_for_date(
    update: Update, context: AppContext, draft: RequestDraft, language: str
) -> None:
    """Ask when the request was (or will be) submitted."""
    context.services.requests_typing.add(draft.citizen_id)
    if draft.step == "submitted":
        text = render("request.ask_submitted", language)
    else:
        view = await context.services.requests.get(draft.citizen_id, draft.request_id or 0)
        text = render(
            "request.ask_date", language, institution=view.institution_name if view else ""
        )
    await reply(update, text, _date_keyboard(language, draft.step == "submitted"))


def channel_text(context: AppContext, institution_id: str | None, language: str) -> str:
    """How the institution receives requests, where the sources say; else how to find out."""
    institution = context.services.requests.institution(institution_id)
    if institution is not None and institution.requests.known and institution.requests.how:
        channel = institution.requests
        return render(
            "request.channel_known",
            language,
            how=channel.how.get(language) if channel.how else "",
            url=str(channel.url or ""),
            source=str(channel.source or ""),
        )
    site = ""
    if institution is not None and institution.website is not None:
        site = render("request.channel_site", language, website=str(institution.website))
    return render("request.channel_unknown", language, site=site)


async def start_request(update: Update, context: AppContext) -> None:
    """/solicitud, /request, or the button under the access-to-information answers."""
    found = await _private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    if update.callback_query is not None:
        await update.callback_query.answer()
    draft = await context.services.requests.start(citizen.id)
    context.services.requests_typing.discard(citizen.id)
    await show_step(update, context, draft, language)


async def _institution_chosen(
    update: Update, context: AppContext, draft: RequestDraft, language: str
) -> None:
    await reply(
        update,
        render("request.institution_chosen", language, name=draft.institution_name or "")
        + "\n\n"
        + channel_text(context, draft.institution_id, language),
    )
    await show_step(update, context, draft, language)


async def advance_flow(update: Update, context: AppContext) -> None:
    """Every flow button: accept, institution, keep or rewrite, format, date, cancel."""
    query = update.callback_query
    assert query is not None and query.data is not None
    found = await _private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    service = context.services.requests
    parts = query.data.split(":")
    action = parts[1]
    try:
        if action == "ok":
            draft = await service.accept(citizen.id)
        elif action == "i":
            draft = await service.choose_institution(citizen.id, parts[2])
            await query.answer()
            await query.edit_message_reply_markup(None)
            await _institution_chosen(update, context, draft, language)
            return
        elif action == "o":
            draft = await service.choose_typed_other(citizen.id)
            await query.answer()
            await query.edit_message_reply_markup(None)
            await _institution_chosen(update, context, draft, language)
            return
        elif action == "k":
            draft = await service.keep_description(citizen.id)
        elif action == "w":
            draft = await service.rewrite_description(citizen.id)
        elif action == "f":
            draft = await service.set_delivery(citizen.id, parts[2])
        elif action == "d":
            await query.answer()
            if parts[2] == "later":
                await service.later(citizen.id)
                context.services.requests_typing.discard(citizen.id)
                await query.edit_message_reply_markup(None)
                await reply(update, render("request.later_saved", language))
                return
            await take_date(update, context, citizen, language, parts[2])
            return
        else:  # cancel
            await query.answer()
            await query.edit_message_reply_markup(None)
            await cancel_flow(update, context, citizen, language)
            return
    except FlowError as error:
        await query.answer(render(error.key, language, **error.values), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await show_step(update, context, draft, language)


async def take_date(
    update: Update, context: AppContext, citizen: CitizenRef, language: str, typed: str
) -> None:
    """Record the submission date and show the deadline; bad dates get their reason."""
    try:
        view = await context.services.requests.set_submitted(citizen.id, typed)
    except FlowError as error:
        await reply(update, render(error.key, language, **error.values))
        return
    context.services.requests_typing.discard(citizen.id)
    if update.callback_query is not None:
        await update.callback_query.edit_message_reply_markup(None)
    await reply(update, deadline_text(view, language))


def deadline_text(view: RequestView, language: str) -> str:
    """The deadline, the extended deadline and when the reminder comes."""
    assert view.submitted_on is not None and view.deadline is not None

    return render(
        "request.deadline",
        language,
        submitted=format_date(view.submitted_on, language),
        deadline=format_date(view.deadline, language),
        extended=format_date(legal_deadline(view.submitted_on, extended=True), language),
        reminder=_reminder_day(view, language),
    )


def _reminder_day(view: RequestView, language: str) -> str:
    assert view.deadline is not None
    when = reminder_time(view.deadline)
    return format_date(when.date(), language)


PIECE_LIMIT = 3500  # escaped characters per <pre> message, well under Telegram's 4096


def text_pieces(plain: str, limit: int = PIECE_LIMIT) -> list[str]:
    """Cut the letter at line breaks so each piece, once escaped, fits one message.

    Each piece goes in its own <pre>, so a cut never falls inside the markup.
    """
    pieces: list[str] = []
    current = ""
    for line in plain.splitlines(keepends=True):
        while len(escape(line)) > limit:  # one huge line: cut it by characters
            cut = limit
            while len(escape(line[:cut])) > limit:
                cut = cut * 3 // 4
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:cut])
            line = line[cut:]
        if len(escape(current + line)) > limit:
            pieces.append(current)
            current = ""
        current += line
    if current.strip():
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()]


async def send_text_pieces(update: Update, document: Document, language: str) -> None:
    """The letter as text to copy, in as many messages as it needs."""
    for piece in text_pieces(as_text(document)):
        await reply(update, render("request.document_text", language, text=piece.rstrip()))


async def send_document(update: Update, document: Document, caption: str) -> None:
    """Send the letter as a PDF (made now, in memory) and as text to copy."""
    chat = update.effective_chat
    if chat is None:
        return
    await chat.send_document(
        InputFile(as_pdf(document), filename=document.filename), caption=caption[:1024]
    )


async def send_request_document(
    update: Update, context: AppContext, citizen: CitizenRef, language: str
) -> None:
    """The request letter: PDF, then the same text, then the date question."""
    service = context.services.requests
    letter = await service.letter(citizen.id)
    document = request_document(letter)
    await send_document(
        update,
        document,
        render("request.document_caption", language, institution=letter.institution_name),
    )
    await reply(update, render("request.document_ready", language))
    await send_text_pieces(update, document, language)


async def take_typed_input(update: Update, context: AppContext) -> None:
    """If the citizen is at a typing step of this flow, take the message and stop the update."""
    message = update.effective_message
    if message is None or not is_private(update):
        return
    citizen = await citizen_of(update, context)
    if citizen is None:
        return
    replying = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == context.bot.id
    )
    typing = context.services.requests_typing
    if citizen.id not in typing and not replying:
        return
    service = context.services.requests
    draft = await service.draft(citizen.id)
    if draft is None or draft.step not in TYPING_STEPS:
        typing.discard(citizen.id)
        return
    language = await language_of(update, context, citizen)
    if message.text is None:
        await reply(update, render("request.text_only", language))
        raise ApplicationHandlerStop
    text = message.text
    try:
        if draft.step == "institution":
            await _take_institution(update, context, citizen, language, text)
        elif draft.step == "description":
            check = await service.set_description(citizen.id, text)
            if check.warnings:
                typing.discard(citizen.id)
                lines = [render("request.check_intro", language)]
                lines += [render(f"request.warning.{w}", language) for w in check.warnings]
                markup = keyboard(
                    [
                        [button(render("request.check_keep", language), "rq:k")],
                        [button(render("request.check_rewrite", language), "rq:w")],
                    ]
                )
                await reply(update, "\n".join(lines), markup)
            else:
                typing.discard(citizen.id)
                await show_step(update, context, check.draft, language)
        elif draft.step == "subject":
            new_draft, _ = await service.set_subject(citizen.id, text, language)
            await send_request_document(update, context, citizen, language)
            await show_step(update, context, new_draft, language)
        else:  # "submitted" or "date"
            await take_date(update, context, citizen, language, text)
    except FlowError as error:
        await reply(update, render(error.key, language, **error.values))
    raise ApplicationHandlerStop


async def _take_institution(
    update: Update, context: AppContext, citizen: CitizenRef, language: str, text: str
) -> None:
    service = context.services.requests
    matches = await service.offer_institutions(citizen.id, text)
    if len(matches) == 1 and matches[0].exact:
        draft = await service.choose_institution(citizen.id, matches[0].institution.id)
        context.services.requests_typing.discard(citizen.id)
        await _institution_chosen(update, context, draft, language)
        return
    typed = " ".join(text.split())
    other = button(render("request.institution_other", language, text=shorten(typed, 40)), "rq:o")
    if matches:
        rows = [[button(m.institution.name[:60], f"rq:i:{m.institution.id}")] for m in matches]
        rows.append([other])
        await reply(update, render("request.institution_choices", language), keyboard(rows))
    else:
        await reply(
            update,
            render("request.institution_none", language, text=shorten(typed, 80)),
            keyboard([[other]]),
        )


async def cancel_flow(
    update: Update, context: AppContext, citizen: CitizenRef, language: str
) -> bool:
    """Drop the request flow in progress; True if there was one."""
    context.services.requests_typing.discard(citizen.id)
    if not await context.services.requests.cancel(citizen.id):
        return False
    await reply(update, render("request.cancelled", language))
    return True


async def cancel(update: Update, context: AppContext) -> None:
    """/cancelar while a request is in progress; otherwise the proposal flow's /cancelar runs."""
    citizen = await citizen_of(update, context)
    if citizen is None:
        return
    if await context.services.requests.draft(citizen.id) is None:
        return
    language = await language_of(update, context, citizen)
    await cancel_flow(update, context, citizen, language)
    raise ApplicationHandlerStop


# -- following ------------------------------------------------------------------------------------


def _status(view: RequestView, language: str) -> str:
    status = render(f"request.status.{view.status}", language)
    return status + (render("request.extended_note", language) if view.extended else "")


async def my_requests(update: Update, context: AppContext) -> None:
    """/mis_solicitudes: each request with institution, subject, dates and status."""
    found = await _private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    views = await context.services.requests.mine(citizen.id)
    if not views:
        await reply(update, render("request.mine_none", language))
        return
    lines = [render("request.mine_title", language)]
    rows: list[list[InlineKeyboardButton]] = []
    for view in views:
        lines.append(
            render(
                "request.mine_item",
                language,
                institution=view.institution_name,
                subject=view.subject,
                submitted=format_date(view.submitted_on, language),
                deadline=format_date(view.deadline, language),
                status=_status(view, language),
            )
        )
        subject = shorten(view.subject, 30)
        if view.status == "sin_presentar":
            key, data = "request.mine_date_button", f"rq:s:{view.id}"
        elif view.status in ("en_plazo", "vencida"):
            key, data = "request.mine_answer_button", f"rq:q:{view.id}"
        elif view.status in ("parcial", "sin_respuesta"):
            key, data = "request.mine_followup_button", f"rq:l:{view.id}"
        else:
            continue
        if len(rows) < 10:
            rows.append([button(render(key, language, subject=subject), data)])
    await reply(update, "\n".join(lines), keyboard(rows))


def answer_keyboard(view: RequestView, language: str) -> InlineKeyboardMarkup | None:
    """[✅ Sí] [🟡 En parte] [❌ No] [⏳ Me pidieron prórroga] (the last only once)."""
    options = [a for a in ANSWERS if not (a == "extension" and view.extended)]
    return keyboard(
        [[button(render(f"request.answer.{a}", language), f"rq:a:{view.id}:{a}")] for a in options]
    )


async def follow_request(update: Update, context: AppContext) -> None:
    """Buttons from /mis_solicitudes and the reminder: date, answer, outcome, follow-up letter."""
    query = update.callback_query
    assert query is not None and query.data is not None
    found = await _private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    service = context.services.requests
    parts = query.data.split(":")
    action, request_id = parts[1], int(parts[2])
    try:
        if action == "s":
            draft = await service.ask_date(citizen.id, request_id)
            await query.answer()
            await ask_for_date(update, context, draft, language)
        elif action == "q":
            view = await service.get(citizen.id, request_id)
            if view is None or view.status not in ("en_plazo", "vencida"):
                raise FlowError("request.stale")
            await query.answer()
            await reply(
                update,
                render(
                    "request.ask_answer",
                    language,
                    institution=view.institution_name,
                    subject=view.subject,
                ),
                answer_keyboard(view, language),
            )
        elif action == "a":
            await record_answer(update, context, citizen, language, request_id, parts[3])
        else:  # "l": the follow-up letter
            letter = await service.followup_letter(citizen.id, request_id)
            await query.answer()
            document = followup_document(letter)
            await send_document(
                update,
                document,
                render("request.followup_caption", language, institution=letter.institution_name),
            )
            await send_text_pieces(update, document, language)
    except FlowError as error:
        await query.answer(render(error.key, language, **error.values), show_alert=True)


async def record_answer(
    update: Update,
    context: AppContext,
    citizen: CitizenRef,
    language: str,
    request_id: int,
    answer: str,
) -> None:
    """ "¿Le respondieron?": record the answer and say what follows."""
    query = update.callback_query
    assert query is not None
    result = await context.services.requests.record_outcome(citizen.id, request_id, answer)
    await query.answer()
    await query.edit_message_reply_markup(None)
    view = result.request
    if result.extended:
        assert view.deadline is not None
        await reply(
            update,
            render(
                "request.extended",
                language,
                deadline=format_date(view.deadline, language),
                reminder=_reminder_day(view, language),
            ),
        )
    elif result.ask_timing:
        markup = keyboard(
            [
                [
                    button(render("request.answer.on_time", language), f"rq:a:{view.id}:on_time"),
                    button(render("request.answer.late", language), f"rq:a:{view.id}:late"),
                ]
            ]
        )
        await reply(
            update,
            render("request.ask_timing", language, deadline=format_date(view.deadline, language)),
            markup,
        )
    elif result.next_steps:
        markup = keyboard(
            [[button(render("request.followup_button", language), f"rq:l:{view.id}")]]
        )
        await reply(update, render("request.next_steps", language), markup)
    else:
        await reply(update, render("request.recorded", language, status=_status(view, language)))


def start_button(language: str) -> InlineKeyboardButton:
    """The button under the access-to-information answers."""
    return button(render("request.start_button", language), "rq:start")

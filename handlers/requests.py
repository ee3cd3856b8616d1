"""/solicitud: prepare an access-to-information request, then follow its legal deadline.

The flow's state lives in the database (bot/services/requests.py); this module reads the
update, calls the service and sends what bot/render/requests.py and bot/render/letters.py make.
The letters are made in memory and sent, never stored.
"""

from __future__ import annotations

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import ApplicationHandlerStop

from bot.context import AppContext
from bot.models import RequestDraft
from bot.render import requests as view
from bot.render.dates import format_date
from bot.render.letters import Document, as_pdf, as_text, followup_document, request_document
from bot.render.texts import escape, render, shorten
from bot.services.citizens import CitizenRef
from bot.services.notices import NoticeButtons
from bot.services.requests import BUTTON_STEPS, TYPING_STEPS, FlowError, RequestView
from handlers import callbacks
from handlers.callbacks import NOTICE_ACTIONS
from handlers.common import (
    button,
    citizen_of,
    is_private,
    keyboard,
    language_of,
    private_citizen,
    reply,
    typed_by_citizen,
)

PIECE_LIMIT = 3500  # escaped characters per <pre> message, well under Telegram's 4096


def action_keyboard(buttons: NoticeButtons) -> InlineKeyboardMarkup | None:
    """Buttons described as (label, action) rows, with each action's callback data."""
    return keyboard(
        [
            [
                button(label, NOTICE_ACTIONS[action.name].build(*action.values))
                for label, action in row
            ]
            for row in buttons
        ]
    )


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
    cancel = button(render("request.cancel_button", language), callbacks.REQUEST_CANCEL.build())
    if draft.step == "consent":
        accept = button(render("request.accept", language), callbacks.REQUEST_ACCEPT.build())
        await reply(update, render("request.consent", language), keyboard([[accept, cancel]]))
    elif draft.step in ("institution", "description", "subject"):
        key = f"request.{draft.step}"
        await _ask_to_type(update, render(key, language), render(f"{key}_placeholder", language))
    elif draft.step == "delivery":
        rows = [
            [button(render(f"request.delivery.{d}", language), callbacks.REQUEST_FORMAT.build(d))]
            for d in ("digital", "fisica")
        ]
        await reply(update, render("request.delivery", language), keyboard([*rows, [cancel]]))
    elif draft.step in ("submitted", "date"):
        await ask_for_date(update, context, draft, language)


async def ask_for_date(
    update: Update, context: AppContext, draft: RequestDraft, language: str
) -> None:
    """Ask when the request was (or will be) submitted: type it, or "Hoy" / "Ayer"."""
    options = ["today", "yesterday"] + (["later"] if draft.step == "submitted" else [])
    names = {"today": "request.today", "yesterday": "request.yesterday", "later": "request.later"}
    row = [
        button(render(names[option], language), callbacks.REQUEST_DATE.build(option))
        for option in options
    ]
    if draft.step == "submitted":
        text = render("request.ask_submitted", language)
    else:
        found = await context.services.requests.get(draft.citizen_id, draft.request_id or 0)
        text = render(
            "request.ask_date", language, institution=found.institution_name if found else ""
        )
    await reply(update, text, keyboard([row]))


async def start_request(update: Update, context: AppContext) -> None:
    """/solicitud, /request, or the button under the access-to-information answers."""
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    if update.callback_query is not None:
        await update.callback_query.answer()
    draft = await context.services.requests.start(citizen.id)
    await show_step(update, context, draft, language)


async def _institution_chosen(
    update: Update, context: AppContext, draft: RequestDraft, language: str
) -> None:
    institution = context.services.requests.institution(draft.institution_id)
    await reply(
        update, view.institution_chosen(draft.institution_name or "", institution, language)
    )
    await show_step(update, context, draft, language)


async def advance_flow(update: Update, context: AppContext) -> None:
    """Every flow button: accept, institution, keep or rewrite, format, date, cancel."""
    query = update.callback_query
    assert query is not None and query.data is not None
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    service = context.services.requests
    data = query.data
    chosen = callbacks.REQUEST_INSTITUTION.matches(data) or callbacks.REQUEST_OTHER.matches(data)
    try:
        if callbacks.REQUEST_ACCEPT.matches(data):
            draft = await service.accept(citizen.id)
        elif callbacks.REQUEST_INSTITUTION.matches(data):
            (institution_id,) = callbacks.REQUEST_INSTITUTION.parse(data)
            draft = await service.choose_institution(citizen.id, institution_id)
        elif callbacks.REQUEST_OTHER.matches(data):
            draft = await service.choose_typed_other(citizen.id)
        elif callbacks.REQUEST_KEEP.matches(data):
            draft = await service.keep_description(citizen.id)
        elif callbacks.REQUEST_REWRITE.matches(data):
            draft = await service.rewrite_description(citizen.id)
        elif callbacks.REQUEST_FORMAT.matches(data):
            (delivery,) = callbacks.REQUEST_FORMAT.parse(data)
            draft = await service.set_delivery(citizen.id, delivery)
        elif callbacks.REQUEST_DATE.matches(data):
            (option,) = callbacks.REQUEST_DATE.parse(data)
            await query.answer()
            if option == "later":
                await service.later(citizen.id)
                await query.edit_message_reply_markup(None)
                await reply(update, render("request.later_saved", language))
            else:
                await take_date(update, context, citizen, language, option)
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
    if chosen:
        await _institution_chosen(update, context, draft, language)
    else:
        await show_step(update, context, draft, language)


async def take_date(
    update: Update, context: AppContext, citizen: CitizenRef, language: str, typed: str
) -> None:
    """Record the submission date and show the deadline; a bad date gets its reason."""
    try:
        submitted = await context.services.requests.set_submitted(citizen.id, typed)
    except FlowError as error:
        await reply(update, render(error.key, language, **error.values))
        return
    if update.callback_query is not None:
        await update.callback_query.edit_message_reply_markup(None)
    await reply(update, view.deadline_text(submitted, language))


def text_pieces(plain: str, limit: int = PIECE_LIMIT) -> list[str]:
    """Cut the letter at line breaks so each piece, once escaped, fits one message.

    Each piece goes in its own <pre>, so a cut never falls inside the markup.
    """
    pieces: list[str] = []
    current = ""
    for whole in plain.splitlines(keepends=True):
        line = whole
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


async def send_letter(update: Update, document: Document, caption: str, language: str) -> None:
    """The letter as a PDF made now, in memory, then the same text to copy."""
    chat = update.effective_chat
    if chat is None:
        return
    await chat.send_document(
        InputFile(as_pdf(document), filename=document.filename), caption=caption[:1024]
    )
    if document.filename.startswith("solicitud"):
        await reply(update, render("request.document_ready", language))
    for piece in text_pieces(as_text(document)):
        await reply(update, render("request.document_text", language, text=piece.rstrip()))


async def take_typed_input(update: Update, context: AppContext) -> None:
    """Take a private message as the flow's answer when the citizen is at a typing step.

    Runs in an earlier handler group than the answer engine and raises
    ``ApplicationHandlerStop`` when it took the message. The flow's step comes from the database
    with the citizen's row (one query per update, shared with the proposal flow's handler), so
    any process may take any message.
    """
    message = update.effective_message
    if message is None or not is_private(update):
        return
    if not typed_by_citizen(message, update):
        return
    citizen = await citizen_of(update, context)
    if citizen is None or citizen.request_step is None:
        return
    service = context.services.requests
    draft = await service.draft(citizen.id)
    if draft is None or draft.step not in (*TYPING_STEPS, *BUTTON_STEPS):
        return
    language = await language_of(update, context, citizen)
    if draft.step in BUTTON_STEPS:  # typed text or a photo where a button is expected
        await reply(update, render(f"request.{draft.step}_help", language))
        raise ApplicationHandlerStop
    if message.text is None:  # a photo or sticker while the flow waits for text
        await reply(update, render("request.text_only", language))
        raise ApplicationHandlerStop
    try:
        await _take_text(update, context, citizen, language, draft, message.text)
    except FlowError as error:
        await reply(update, render(error.key, language, **error.values))
    raise ApplicationHandlerStop


async def _take_text(
    update: Update,
    context: AppContext,
    citizen: CitizenRef,
    language: str,
    draft: RequestDraft,
    text: str,
) -> None:
    service = context.services.requests
    if draft.step == "institution":
        await _take_institution(update, context, citizen, language, text)
    elif draft.step == "description":
        check = await service.set_description(citizen.id, text)
        if check.warnings:
            markup = keyboard(
                [
                    [
                        button(
                            render("request.check_keep", language), callbacks.REQUEST_KEEP.build()
                        )
                    ],
                    [
                        button(
                            render("request.check_rewrite", language),
                            callbacks.REQUEST_REWRITE.build(),
                        )
                    ],
                ]
            )
            await reply(update, view.description_tips(check.warnings, language), markup)
        else:
            await show_step(update, context, check.draft, language)
    elif draft.step == "subject":
        new_draft, _ = await service.set_subject(citizen.id, text, language)
        letter = await service.letter(citizen.id)
        caption = render("request.document_caption", language, institution=letter.institution_name)
        await send_letter(update, request_document(letter), caption, language)
        await show_step(update, context, new_draft, language)
    else:  # "submitted" or "date"
        await take_date(update, context, citizen, language, text)


async def _take_institution(
    update: Update, context: AppContext, citizen: CitizenRef, language: str, text: str
) -> None:
    service = context.services.requests
    matches = await service.offer_institutions(citizen.id, text)
    if len(matches) == 1 and matches[0].exact:
        draft = await service.choose_institution(citizen.id, matches[0].institution.id)
        await _institution_chosen(update, context, draft, language)
        return
    typed = " ".join(text.split())
    other = button(
        render("request.institution_other", language, text=shorten(typed, 40)),
        callbacks.REQUEST_OTHER.build(),
    )
    if not matches:
        markup = keyboard([[other]])
        none = render("request.institution_none", language, text=shorten(typed, 80))
        await reply(update, none, markup)
        return
    rows = [
        [button(m.institution.name[:60], callbacks.REQUEST_INSTITUTION.build(m.institution.id))]
        for m in matches
    ]
    rows.append([other])
    await reply(update, render("request.institution_choices", language), keyboard(rows))


async def cancel_flow(
    update: Update, context: AppContext, citizen: CitizenRef, language: str
) -> bool:
    """Drop the request flow in progress; True if there was one."""
    if not await context.services.requests.cancel(citizen.id):
        return False
    await reply(update, render("request.cancelled", language))
    return True


async def cancel(update: Update, context: AppContext) -> None:
    """/cancelar while a request is in progress; otherwise the proposal flow's /cancelar runs."""
    citizen = await citizen_of(update, context)
    if citizen is None or await context.services.requests.draft(citizen.id) is None:
        return
    language = await language_of(update, context, citizen)
    await cancel_flow(update, context, citizen, language)
    raise ApplicationHandlerStop


# -- following ------------------------------------------------------------------------------------


def _follow_button(item: RequestView, language: str) -> InlineKeyboardButton | None:
    subject = shorten(item.subject, 30)
    if item.status == "sin_presentar":
        key, data = "request.mine_date_button", callbacks.REQUEST_GIVE_DATE.build(item.id)
    elif item.status in ("en_plazo", "vencida"):
        key, data = "request.mine_answer_button", callbacks.REQUEST_ASK_ANSWER.build(item.id)
    elif item.status in ("parcial", "sin_respuesta"):
        key, data = "request.mine_followup_button", callbacks.REQUEST_LETTER.build(item.id)
    else:
        return None
    return button(render(key, language, subject=subject), data)


async def my_requests(update: Update, context: AppContext) -> None:
    """/mis_solicitudes: each request with institution, subject, dates and status."""
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    views = await context.services.requests.mine(citizen.id)
    buttons = [b for item in views if (b := _follow_button(item, language)) is not None]
    await reply(update, view.listing_text(views, language), keyboard([[b] for b in buttons[:10]]))


async def follow_request(update: Update, context: AppContext) -> None:
    """Buttons from /mis_solicitudes and the reminder: date, answer, outcome, follow-up letter."""
    query = update.callback_query
    assert query is not None and query.data is not None
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    service = context.services.requests
    data = query.data
    try:
        if callbacks.REQUEST_GIVE_DATE.matches(data):
            (request_id,) = callbacks.REQUEST_GIVE_DATE.parse(data)
            draft = await service.ask_date(citizen.id, request_id)
            await query.answer()
            await ask_for_date(update, context, draft, language)
        elif callbacks.REQUEST_ASK_ANSWER.matches(data):
            (request_id,) = callbacks.REQUEST_ASK_ANSWER.parse(data)
            item = await service.get(citizen.id, request_id)
            if item is None or item.status not in ("en_plazo", "vencida"):
                raise FlowError("request.stale")
            await query.answer()
            question = render(
                "request.ask_answer",
                language,
                institution=item.institution_name,
                subject=item.subject,
            )
            buttons = view.answer_buttons(item.id, not item.extended, language)
            await reply(update, question, action_keyboard(buttons))
        elif callbacks.REQUEST_ANSWER.matches(data):
            request_id, answer = callbacks.REQUEST_ANSWER.parse(data)
            await record_answer(update, context, citizen, language, request_id, answer)
        else:
            (request_id,) = callbacks.REQUEST_LETTER.parse(data)
            letter = await service.followup_letter(citizen.id, request_id)
            await query.answer()
            caption = render(
                "request.followup_caption", language, institution=letter.institution_name
            )
            await send_letter(update, followup_document(letter), caption, language)
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
    item = result.request
    if result.extended:
        await reply(update, view.extended_text(item, language))
    elif result.ask_timing:
        row = [
            button(
                render(f"request.answer.{timing}", language),
                callbacks.REQUEST_ANSWER.build(item.id, timing),
            )
            for timing in ("on_time", "late")
        ]
        deadline = format_date(item.deadline, language)
        await reply(
            update, render("request.ask_timing", language, deadline=deadline), keyboard([row])
        )
    elif result.next_steps:
        letter = button(
            render("request.followup_button", language), callbacks.REQUEST_LETTER.build(item.id)
        )
        await reply(update, render("request.next_steps", language), keyboard([[letter]]))
    else:
        status = view.status_text(item, language)
        await reply(update, render("request.recorded", language, status=status))

"""/proponer and everything a citizen does with needs and proposals.

The flow's state lives in the database (see bot/services/proposals/flow.py).
"""

from __future__ import annotations

from telegram import ForceReply, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop

from bot.context import AppContext
from bot.models import Proposal, ProposalDraft
from bot.render.dates import format_date
from bot.render.telegram import proposal_status_fields
from bot.render.texts import render, shorten
from bot.services.citizens import CitizenRef
from bot.services.proposals import (
    CATEGORIES,
    PROVINCES,
    FlowError,
    code_in_text,
    declines,
    match_province,
    normalize_code,
)
from handlers import callbacks
from handlers.common import (
    button,
    citizen_of,
    confirmation_expired,
    expired_text,
    is_private,
    keyboard,
    language_of,
    private_citizen,
    reply,
    typed_by_citizen,
)

PROVINCE_PAGE = 8
# Every step of the flow: typed text goes to the flow first (a province by name, a contact, the
# need itself), and what a step cannot take gets that step's help, never the answer engine.
TYPING_STEPS = ("consent", "category", "text", "province", "contact", "summary")
# Steps answered with a button only: a photo there gets the step's help, not "type your text".
BUTTON_STEPS = ("consent", "category", "summary")
STEP_HELP = {
    "consent": "propose.consent_help",
    "category": "propose.category_help",
    "province": "propose.province_help",
    "summary": "propose.summary_help",
}


def province_keyboard(language: str, page: int) -> InlineKeyboardMarkup | None:
    """Provinces, eight a page, two a row, with paging and "Omitir"."""
    pages = -(-len(PROVINCES) // PROVINCE_PAGE)
    page = min(max(page, 0), pages - 1)
    start = page * PROVINCE_PAGE
    names = [
        button(PROVINCES[i], callbacks.FLOW_PROVINCE.build(i))
        for i in range(start, min(start + PROVINCE_PAGE, len(PROVINCES)))
    ]
    rows = [names[i : i + 2] for i in range(0, len(names), 2)]
    nav = []
    if page > 0:
        nav.append(
            button(render("nav.prev", language), callbacks.FLOW_PROVINCE_PAGE.build(page - 1))
        )
    if page < pages - 1:
        nav.append(
            button(render("nav.next", language), callbacks.FLOW_PROVINCE_PAGE.build(page + 1))
        )
    rows.append(nav)
    rows.append([button(render("propose.skip", language), callbacks.FLOW_PROVINCE.build("skip"))])
    return keyboard(rows)


def summary_text(draft: ProposalDraft, language: str) -> str:
    """The summary before sending; the citizen's text is escaped."""
    not_given = render("propose.not_given", language)
    return render(
        "propose.summary",
        language,
        category=render(f"category.{draft.category}", language),
        province=draft.province or render("propose.province_not_given", language),
        contact=draft.contact or not_given,
        text=draft.text or "",
    )


async def show_step(
    update: Update, context: AppContext, draft: ProposalDraft, language: str
) -> None:
    """Send what the citizen must do at the draft's current step."""
    cancel = button(render("propose.cancel_button", language), callbacks.FLOW_CANCEL.build())
    if draft.step == "consent":
        markup = keyboard(
            [[button(render("propose.accept", language), callbacks.FLOW_ACCEPT.build()), cancel]]
        )
        await reply(update, render("propose.consent", language), markup)
    elif draft.step == "category":
        rows = [
            [button(render(f"category.{c}", language), callbacks.FLOW_CATEGORY.build(c))]
            for c in CATEGORIES
        ]
        rows.append([cancel])
        await reply(update, render("propose.category", language), keyboard(rows))
    elif draft.step == "text":
        placeholder = render("propose.text_placeholder", language)
        force = ForceReply(input_field_placeholder=placeholder[:64])
        if update.effective_chat is not None:
            await update.effective_chat.send_message(
                render("propose.text", language), reply_markup=force
            )
    elif draft.step == "province":
        await reply(update, render("propose.province", language), province_keyboard(language, 0))
    elif draft.step == "contact":
        markup = keyboard(
            [[button(render("propose.skip", language), callbacks.FLOW_SKIP.build()), cancel]]
        )
        await reply(update, render("propose.contact", language), markup)
    elif draft.step == "summary":
        await show_summary(update, context, draft, language)


async def show_summary(
    update: Update, context: AppContext, draft: ProposalDraft, language: str
) -> None:
    """Similar needs first (support or "mine is different"), else the summary itself."""
    # Shown once per draft text; the draft records which ones (the only ones it may support).
    similar = await context.services.proposals.similar_to_offer(draft.citizen_id)
    if similar:
        lines = [render("propose.similar", language)]
        rows = []
        for proposal in similar:
            excerpt = shorten(proposal.text, 140)
            lines.append(
                render(
                    "propose.similar_item",
                    language,
                    code=proposal.code,
                    supports=proposal.supports,
                    excerpt=excerpt,
                )
            )
            rows.append(
                [
                    button(
                        render("propose.support", language, code=proposal.code),
                        callbacks.FLOW_SUPPORT.build(proposal.id),
                    )
                ]
            )
        rows.append([button(render("propose.distinct", language), callbacks.FLOW_DISTINCT.build())])
        await reply(update, "\n".join(lines), keyboard(rows))
        return
    markup = keyboard(
        [
            [button(render("propose.send", language), callbacks.FLOW_SEND.build())],
            [
                button(render("propose.edit", language), callbacks.FLOW_EDIT.build()),
                button(render("propose.cancel_button", language), callbacks.FLOW_CANCEL.build()),
            ],
        ]
    )
    await reply(update, summary_text(draft, language), markup)


async def start_proposal(update: Update, context: AppContext) -> None:
    """/proponer, the menu button, or "Registrar como necesidad" after a fallback."""
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    prefill = None
    query = update.callback_query
    if query is not None:
        await query.answer()
        if callbacks.PROPOSE_QUESTION.matches(query.data):
            (question_id,) = callbacks.PROPOSE_QUESTION.parse(query.data)
            question = await context.services.questions.get(question_id)
            if question is not None and question.citizen_id == citizen.id:
                prefill = question.text
    draft = await context.services.proposals.start(citizen.id, prefill)
    await show_step(update, context, draft, language)


async def advance_flow(update: Update, context: AppContext) -> None:
    """Every flow button: accept, category, province, skip, edit, send, support, cancel."""
    query = update.callback_query
    assert query is not None and query.data is not None
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    service = context.services.proposals
    data = query.data
    action = next(codec for codec in callbacks.FLOW_ACTIONS if codec.matches(data))
    values = action.parse(data)
    try:
        if action is callbacks.FLOW_ACCEPT:
            draft = await service.accept(citizen.id)
        elif action is callbacks.FLOW_CATEGORY:
            draft = await service.set_category(citizen.id, values[0])
        elif action is callbacks.FLOW_PROVINCE:
            draft = await service.set_province(citizen.id, values[0])
        elif action is callbacks.FLOW_PROVINCE_PAGE:
            await query.answer()
            await query.edit_message_reply_markup(province_keyboard(language, values[0]))
            return
        elif action is callbacks.FLOW_SKIP:
            draft = await service.set_contact(citizen.id, None)
        elif action is callbacks.FLOW_EDIT:
            await query.answer()
            fields = ("category", "text", "province", "contact")
            rows = [
                [button(render(f"propose.edit_{f}", language), callbacks.FLOW_EDIT_FIELD.build(f))]
                for f in fields
            ]
            await reply(update, render("propose.edit_which", language), keyboard(rows))
            return
        elif action is callbacks.FLOW_EDIT_FIELD:
            draft = await service.edit(citizen.id, values[0])
        elif action is callbacks.FLOW_DISTINCT:
            current = await service.draft(citizen.id)
            if current is None or current.step != "summary":
                raise FlowError("propose.stale")
            await query.answer()
            await show_summary(update, context, current, language)
            return
        elif action is callbacks.FLOW_SUPPORT:
            await support(update, context, citizen, language, values[0])
            return
        elif action is callbacks.FLOW_DONE:
            await query.answer()
            await query.edit_message_reply_markup(None)
            await service.cancel(citizen.id)
            await reply(update, render("propose.finished", language))
            return
        elif action is callbacks.FLOW_SEND:
            await send(update, context, citizen, language)
            return
        else:  # cancel
            await query.answer()
            await cancel(update, context)
            return
    except FlowError as error:
        key = error.key
        if key == "propose.stale" and citizen.typing_step is not None:
            key = "propose.stale_in_flow"  # a button of an earlier step: the flow goes on
        await query.answer(render(key, language, **error.values), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await show_step(update, context, draft, language)


async def support(
    update: Update, context: AppContext, citizen: CitizenRef, language: str, proposal_id: int
) -> None:
    """ "Apoyar": +1 once, and supporting is an alternative to sending: send anyway, or finish."""
    query = update.callback_query
    assert query is not None
    result = await context.services.proposals.support(citizen.id, proposal_id, language=language)
    proposal = await context.services.proposals.get(proposal_id)
    if result is None or proposal is None:
        await query.answer(render("propose.cannot_support", language), show_alert=True)
        return
    if not result:
        await query.answer(render("propose.already_supported", language, code=proposal.code))
    else:
        await query.answer()
    draft = await context.services.proposals.draft(citizen.id)
    if draft is None or draft.step != "summary":
        return  # an old list after the flow ended: the support counts, there is nothing to offer
    # The list of look-alikes is done with: its buttons would support twice or fork the flow.
    await query.edit_message_reply_markup(None)
    markup = keyboard(
        [
            [button(render("propose.send_anyway", language), callbacks.FLOW_DISTINCT.build())],
            [button(render("propose.finish", language), callbacks.FLOW_DONE.build())],
        ]
    )
    await reply(update, render("propose.after_support", language, code=proposal.code), markup)


async def send(update: Update, context: AppContext, citizen: CitizenRef, language: str) -> None:
    """Store the proposal; a double tap gets the same code back."""
    query = update.callback_query
    assert query is not None
    try:
        result = await context.services.proposals.submit(citizen.id, language)
    except FlowError as error:
        await query.answer(render(error.key, language), show_alert=True)
        return
    await query.answer()
    proposal = result.proposal
    if not result.created:
        await reply(update, render("propose.already_sent", language, code=proposal.code))
        return
    await query.edit_message_reply_markup(None)
    await reply(
        update,
        render(
            "propose.sent",
            language,
            code=proposal.code,
            deadline=format_date(proposal.deadline, language),
            days=context.services.settings.review_deadline_days,
        ),
    )


async def take_typed_input(update: Update, context: AppContext) -> None:
    """Take a private message as the flow's answer while the citizen is in the flow.

    Runs in an earlier handler group than the answer engine and raises
    ``ApplicationHandlerStop`` when it took the message, so the engine never sees it. Where
    the citizen stands comes from the database with the citizen's row (one query, reused by
    the later handlers of this update), so any process may take any message.
    """
    message = update.effective_message
    if message is None or not is_private(update):
        return
    if not typed_by_citizen(message, update):
        return  # commands (/cancelar) and service messages are not the flow's answer
    citizen = await citizen_of(update, context)
    if citizen is None or citizen.typing_step not in TYPING_STEPS:
        return
    step = citizen.typing_step
    service = context.services.proposals
    language = await language_of(update, context, citizen)
    if step == "contact" and message.contact is not None:
        await take_shared_contact(update, context, citizen.id, language)
        raise ApplicationHandlerStop
    if message.text is None:  # a photo or sticker: say what this step waits for
        key = STEP_HELP[step] if step in BUTTON_STEPS else "propose.text_only"
        await reply(update, render(key, language))
        raise ApplicationHandlerStop
    try:
        if step == "text":
            draft = await service.set_text(citizen.id, message.text)
        elif step == "contact":
            draft = await service.set_contact(citizen.id, message.text)
        elif step == "province" and (index := match_province(message.text)) is not None:
            draft = await service.set_province(citizen.id, index)
        elif step == "province" and declines(message.text):
            draft = await service.set_province(citizen.id, None)
        else:
            await reply(update, render(STEP_HELP[step], language))
            raise ApplicationHandlerStop
    except FlowError as error:
        if error.key == "propose.stale":  # the flow moved on meanwhile: this is a question
            return
        await reply(update, render(error.key, language, **error.values))
        raise ApplicationHandlerStop from None
    context.citizen_memo = None  # the step changed
    await show_step(update, context, draft, language)
    raise ApplicationHandlerStop


async def take_shared_contact(
    update: Update, context: AppContext, citizen_id: int, language: str
) -> None:
    """Take a contact shared with Telegram's button as the phone, if it is the citizen's own."""
    message = update.effective_message
    assert message is not None and message.contact is not None
    user = update.effective_user
    if user is None or message.contact.user_id != user.id:
        await reply(update, render("propose.contact_not_yours", language))
        return
    phone = message.contact.phone_number
    # Telegram sends the number in international form, usually without its "+".
    typed = phone if phone.startswith("+") else f"+{phone}"
    try:
        draft = await context.services.proposals.set_contact(citizen_id, typed)
    except FlowError as error:
        if error.key != "propose.stale":
            await reply(update, render(error.key, language, **error.values))
        return
    context.citizen_memo = None  # the step changed
    await show_step(update, context, draft, language)


async def cancel(update: Update, context: AppContext) -> None:
    """/cancelar: drop the flow in progress."""
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    if citizen is None:
        return
    cancelled = await context.services.proposals.cancel(citizen.id)
    key = "propose.cancelled" if cancelled else "propose.nothing_to_cancel"
    await reply(update, render(key, language))


async def my_proposals(update: Update, context: AppContext) -> None:
    """/mis_propuestas or "📂 Mis propuestas": the citizen's proposals with their status."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    service = context.services.proposals
    proposals = await service.mine(citizen.id)
    if not proposals:
        await reply(update, render("proposal.mine_none", language))
        return
    lines = [render("proposal.mine_title", language)]
    for proposal in proposals:
        lines.append(
            render(
                "proposal.mine_item",
                language,
                code=proposal.code,
                **proposal_status_fields(proposal, language),
                date=format_date(proposal.created_at, language),
            )
        )
    rows = [[button(p.code, callbacks.OPEN_PROPOSAL.build(p.id))] for p in proposals[:10]]
    await reply(update, "\n".join(lines), keyboard(rows))


async def proposal_text(
    context: AppContext, proposal: Proposal, language: str, is_author: bool
) -> str:
    """Public status for anyone with the code; the text and history only for the author."""
    service = context.services.proposals
    text = render(
        "proposal.public",
        language,
        code=proposal.code,
        category=render(f"category.{proposal.category}", language),
        **proposal_status_fields(proposal, language),
        date=format_date(proposal.created_at, language),
        deadline=format_date(proposal.deadline, language),
        supports=proposal.supports,
    )
    if proposal.public_answer:
        text += render("proposal.public_answer", language, answer=proposal.public_answer)
    if proposal.derived_to:
        text += render("proposal.derived_to", language, institution=proposal.derived_to)
    if is_author:
        text += render("proposal.detail_text", language, text=proposal.text)
        text += render("proposal.detail_history", language)
        for event in await service.history(proposal.id or 0):
            if event.from_status == event.to_status:
                continue  # a staff-only internal note, never shown to citizens
            message = f" — {event.public_message}" if event.public_message else ""
            text += render(
                "proposal.history_item",
                language,
                date=format_date(event.at, language),
                status=render(f"proposal.status.{event.to_status}", language),
                message=message,
            )
    return text


async def show_status(update: Update, context: AppContext) -> None:
    """/estado CODE: full details to the author, public status to anyone else."""
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    typed = " ".join(context.args or [])
    code = normalize_code(typed)
    if code is None:
        key = "proposal.bad_code" if typed.strip() else "proposal.status_usage"
        await reply(update, render(key, language))
        return
    proposal = await context.services.proposals.by_code(code)
    if proposal is None:
        await reply(update, render("proposal.not_found", language, code=code))
        return
    await _send_proposal(update, context, proposal, citizen, language)


async def status_from_text(update: Update, context: AppContext) -> None:
    """A tracking code typed in a sentence ("¿cómo va mi propuesta GA-GVCM-M5?"): its status."""
    message = update.effective_message
    if message is None or message.text is None or not is_private(update):
        return
    code = code_in_text(message.text)
    if code is None:
        return
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    proposal = await context.services.proposals.by_code(code)
    if proposal is None:
        await reply(update, render("proposal.not_found", language, code=code))
        return
    await _send_proposal(update, context, proposal, citizen, language)


async def _send_proposal(
    update: Update,
    context: AppContext,
    proposal: Proposal,
    citizen: CitizenRef | None,
    language: str,
) -> None:
    is_author = citizen is not None and proposal.citizen_id == citizen.id and is_private(update)
    markup = None
    if is_author and proposal.status in ("recibida", "en_revision", "respondida"):
        markup = keyboard(
            [[button(render("proposal.withdraw", language), callbacks.WITHDRAW.build(proposal.id))]]
        )
    await reply(update, await proposal_text(context, proposal, language, is_author), markup)


async def open_proposal(update: Update, context: AppContext) -> None:
    """A proposal button from /mis_propuestas (only the author's own)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    proposal = await context.services.proposals.get(callbacks.OPEN_PROPOSAL.parse(query.data)[0])
    if proposal is None or citizen is None or proposal.citizen_id != citizen.id:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    await _send_proposal(update, context, proposal, citizen, language)


async def withdraw(update: Update, context: AppContext) -> None:
    """ "Retirar": ask to confirm ("pw:"), then withdraw ("pwy:")."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    confirming = callbacks.WITHDRAW.matches(query.data)
    (proposal_id,) = (callbacks.WITHDRAW if confirming else callbacks.WITHDRAW_YES).parse(
        query.data
    )
    service = context.services.proposals
    proposal = await service.get(proposal_id)
    if proposal is None or citizen is None or proposal.citizen_id != citizen.id:
        await query.answer(expired_text(language), show_alert=True)
        return
    if confirming:
        await query.answer()
        markup = keyboard(
            [
                [
                    button(
                        render("proposal.withdraw_yes", language),
                        callbacks.WITHDRAW_YES.build(proposal.id),
                    ),
                    button(render("erase.no", language), callbacks.KEEP.build()),
                ]
            ]
        )
        await reply(
            update, render("proposal.withdraw_confirm", language, code=proposal.code), markup
        )
        return
    if confirmation_expired(update):
        await query.answer()
        await query.edit_message_reply_markup(None)
        again = keyboard(
            [[button(render("proposal.withdraw", language), callbacks.WITHDRAW.build(proposal.id))]]
        )
        await reply(
            update, render("proposal.withdraw_expired", language, code=proposal.code), again
        )
        return
    result = await context.services.lifecycle.withdraw(citizen.id, proposal.id or 0)
    if result is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await reply(update, render("proposal.withdrawn", language, code=proposal.code))


async def keep(update: Update, context: AppContext) -> None:
    """ "No" on a confirmation: nothing changes."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_reply_markup(None)

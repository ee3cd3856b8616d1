"""/proponer and everything a citizen does with needs and proposals; /mis_datos and
/borrar_mis_datos. The flow's state lives in the database (see bot/services/proposals.py)."""

from __future__ import annotations

import json

from telegram import ForceReply, InlineKeyboardMarkup, InputFile, Update

from bot.app import AppContext
from bot.models import Proposal, ProposalDraft
from bot.services.citizens import CitizenRef
from bot.services.proposals import (
    CATEGORIES,
    PROVINCES,
    FlowError,
    normalize_code,
)
from bot.texts import render, shorten
from handlers.common import (
    button,
    citizen_of,
    expired_text,
    is_private,
    keyboard,
    language_of,
    private_link,
    reply,
)

PROVINCE_PAGE = 8
# Steps where the citizen types; the handler for free text checks these first.
TYPING_STEPS = ("text", "contact")


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


def province_keyboard(language: str, page: int) -> InlineKeyboardMarkup | None:
    """Provinces, eight a page, two a row, with paging and "Omitir"."""
    pages = -(-len(PROVINCES) // PROVINCE_PAGE)
    page = min(max(page, 0), pages - 1)
    start = page * PROVINCE_PAGE
    names = [
        button(PROVINCES[i], f"pp:prov:{i}")
        for i in range(start, min(start + PROVINCE_PAGE, len(PROVINCES)))
    ]
    rows = [names[i : i + 2] for i in range(0, len(names), 2)]
    nav = []
    if page > 0:
        nav.append(button(render("nav.prev", language), f"pp:provpg:{page - 1}"))
    if page < pages - 1:
        nav.append(button(render("nav.next", language), f"pp:provpg:{page + 1}"))
    rows.append(nav)
    rows.append([button(render("propose.skip", language), "pp:prov:skip")])
    return keyboard(rows)


def summary_text(draft: ProposalDraft, language: str) -> str:
    """The summary before sending; the citizen's text is escaped."""
    not_given = render("propose.not_given", language)
    return render(
        "propose.summary",
        language,
        category=render(f"category.{draft.category}", language),
        province=draft.province or not_given,
        contact=draft.contact or not_given,
        text=draft.text or "",
    )


async def show_step(
    update: Update, context: AppContext, draft: ProposalDraft, language: str
) -> None:
    """Send what the citizen must do at the draft's current step."""
    cancel = button(render("propose.cancel_button", language), "pp:cancel")
    if draft.step == "consent":
        markup = keyboard([[button(render("propose.accept", language), "pp:ok"), cancel]])
        await reply(update, render("propose.consent", language), markup)
    elif draft.step == "category":
        rows = [[button(render(f"category.{c}", language), f"pp:cat:{c}")] for c in CATEGORIES]
        rows.append([cancel])
        await reply(update, render("propose.category", language), keyboard(rows))
    elif draft.step == "text":
        context.services.proposals_typing.add(draft.citizen_id)
        placeholder = render("propose.text_placeholder", language)
        force = ForceReply(input_field_placeholder=placeholder[:64])
        if update.effective_chat is not None:
            await update.effective_chat.send_message(
                render("propose.text", language), reply_markup=force
            )
    elif draft.step == "province":
        await reply(update, render("propose.province", language), province_keyboard(language, 0))
    elif draft.step == "contact":
        context.services.proposals_typing.add(draft.citizen_id)
        markup = keyboard([[button(render("propose.skip", language), "pp:skip"), cancel]])
        await reply(update, render("propose.contact", language), markup)
    elif draft.step == "summary":
        await show_summary(update, context, draft, language)


async def show_summary(
    update: Update, context: AppContext, draft: ProposalDraft, language: str
) -> None:
    """Similar needs first (support or "mine is different"), else the summary itself."""
    similar = await context.services.proposals.similar(draft.text or "", draft.citizen_id)
    if similar and context.chat_data.get("similar_seen") != draft.id:
        context.chat_data["similar_seen"] = draft.id
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
                        f"pp:sup:{proposal.id}",
                    )
                ]
            )
        rows.append([button(render("propose.distinct", language), "pp:distinct")])
        await reply(update, "\n".join(lines), keyboard(rows))
        return
    markup = keyboard(
        [
            [button(render("propose.send", language), "pp:send")],
            [
                button(render("propose.edit", language), "pp:edit"),
                button(render("propose.cancel_button", language), "pp:cancel"),
            ],
        ]
    )
    await reply(update, summary_text(draft, language), markup)


async def start_proposal(update: Update, context: AppContext) -> None:
    """/proponer, the menu button, or "Registrar como necesidad" after a fallback."""
    found = await _private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    prefill = None
    query = update.callback_query
    if query is not None:
        await query.answer()
        if query.data and query.data.startswith("pp:q:"):
            question = await context.services.questions.get(int(query.data.removeprefix("pp:q:")))
            if question is not None and question.citizen_id == citizen.id:
                prefill = question.text
    draft = await context.services.proposals.start(citizen.id, prefill)
    context.services.proposals_typing.discard(citizen.id)
    await show_step(update, context, draft, language)


async def advance_flow(update: Update, context: AppContext) -> None:
    """Every flow button: accept, category, province, skip, edit, send, support, cancel."""
    query = update.callback_query
    assert query is not None and query.data is not None
    found = await _private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    service = context.services.proposals
    parts = query.data.split(":")
    action = parts[1]
    try:
        if action == "ok":
            draft = await service.accept(citizen.id)
        elif action == "cat":
            draft = await service.set_category(citizen.id, parts[2])
        elif action == "prov":
            draft = await service.set_province(
                citizen.id, None if parts[2] == "skip" else int(parts[2])
            )
        elif action == "provpg":
            await query.answer()
            await query.edit_message_reply_markup(province_keyboard(language, int(parts[2])))
            return
        elif action == "skip":
            draft = await service.set_contact(citizen.id, None)
        elif action == "edit":
            await query.answer()
            fields = ("category", "text", "province", "contact")
            rows = [[button(render(f"propose.edit_{f}", language), f"pp:ed:{f}")] for f in fields]
            await reply(update, render("propose.edit_which", language), keyboard(rows))
            return
        elif action == "ed":
            draft = await service.edit(citizen.id, parts[2])
        elif action == "distinct":
            current = await service.draft(citizen.id)
            if current is None or current.step != "summary":
                raise FlowError("propose.stale")
            await query.answer()
            await show_summary(update, context, current, language)
            return
        elif action == "sup":
            await support(update, context, citizen, language, int(parts[2]))
            return
        elif action == "send":
            await send(update, context, citizen, language)
            return
        else:  # cancel
            await query.answer()
            await cancel(update, context)
            return
    except FlowError as error:
        await query.answer(render(error.key, language, **error.values), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await show_step(update, context, draft, language)


async def support(
    update: Update, context: AppContext, citizen: CitizenRef, language: str, proposal_id: int
) -> None:
    """ "Apoyar esta": +1 once, then back to the citizen's own summary."""
    query = update.callback_query
    assert query is not None
    result = await context.services.proposals.support(citizen.id, proposal_id)
    proposal = await context.services.proposals.get(proposal_id)
    if result is None or proposal is None:
        await query.answer(render("propose.cannot_support", language), show_alert=True)
        return
    key = "propose.supported" if result else "propose.already_supported"
    await query.answer(render(key, language, code=proposal.code))
    draft = await context.services.proposals.draft(citizen.id)
    if draft is not None and draft.step == "summary":
        await show_summary(update, context, draft, language)


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
            deadline=proposal.deadline.isoformat(),
            days=context.services.settings.review_deadline_days,
        ),
    )


async def take_typed_input(update: Update, context: AppContext, citizen: CitizenRef) -> bool:
    """If the citizen is at a typing step, take this message as its answer. Return True if so.

    Only citizens this process prompted, or messages that reply to the bot, cost a lookup:
    everyone else's questions go straight to the answer engine.
    """
    message = update.effective_message
    if message is None or message.text is None or not is_private(update):
        return False
    replying = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == context.bot.id
    )
    typing = context.services.proposals_typing
    if citizen.id not in typing and not replying:
        return False
    service = context.services.proposals
    draft = await service.draft(citizen.id)
    if draft is None or draft.step not in TYPING_STEPS:
        typing.discard(citizen.id)
        return False
    language = await language_of(update, context, citizen)
    try:
        if draft.step == "text":
            draft = await service.set_text(citizen.id, message.text)
        else:
            draft = await service.set_contact(citizen.id, message.text)
    except FlowError as error:
        await reply(update, render(error.key, language, **error.values))
        return True
    typing.discard(citizen.id)
    await show_step(update, context, draft, language)
    return True


async def reject_non_text_input(update: Update, context: AppContext) -> bool:
    """A photo or sticker while the flow waits for text: say what is needed. True if so."""
    citizen = await citizen_of(update, context)
    if citizen is None or citizen.id not in context.services.proposals_typing:
        return False
    draft = await context.services.proposals.draft(citizen.id)
    if draft is None or draft.step not in TYPING_STEPS:
        return False
    language = await language_of(update, context, citizen)
    await reply(update, render("propose.text_only", language))
    return True


async def cancel(update: Update, context: AppContext) -> None:
    """/cancelar: drop the flow in progress."""
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    if citizen is None:
        return
    context.services.proposals_typing.discard(citizen.id)
    cancelled = await context.services.proposals.cancel(citizen.id)
    key = "propose.cancelled" if cancelled else "propose.nothing_to_cancel"
    await reply(update, render(key, language))


async def my_proposals(update: Update, context: AppContext) -> None:
    """/mis_propuestas: the citizen's proposals with their status."""
    found = await _private_citizen(update, context)
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
                **service.status_fields(proposal, language),
                date=proposal.created_at.date().isoformat(),
            )
        )
    rows = [[button(p.code, f"ps:{p.id}")] for p in proposals[:10]]
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
        **service.status_fields(proposal, language),
        date=proposal.created_at.date().isoformat(),
        deadline=proposal.deadline.isoformat(),
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
            message = f" — {event.public_message}" if event.public_message else ""
            text += render(
                "proposal.history_item",
                language,
                date=event.at.date().isoformat(),
                status=render(f"proposal.status.{event.to_status}", language),
                message=message,
            )
    return text


async def show_status(update: Update, context: AppContext) -> None:
    """/estado CODE: full details to the author, public status to anyone else."""
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    code = normalize_code(" ".join(context.args or []))
    if code is None:
        await reply(update, render("proposal.status_usage", language))
        return
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
        markup = keyboard([[button(render("proposal.withdraw", language), f"pw:{proposal.id}")]])
    await reply(update, await proposal_text(context, proposal, language, is_author), markup)


async def open_proposal(update: Update, context: AppContext) -> None:
    """A proposal button from /mis_propuestas (only the author's own)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    proposal = await context.services.proposals.get(int(query.data.removeprefix("ps:")))
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
    action, proposal_id = query.data.split(":")
    service = context.services.proposals
    proposal = await service.get(int(proposal_id))
    if proposal is None or citizen is None or proposal.citizen_id != citizen.id:
        await query.answer(expired_text(language), show_alert=True)
        return
    if action == "pw":
        await query.answer()
        markup = keyboard(
            [
                [
                    button(render("proposal.withdraw_yes", language), f"pwy:{proposal.id}"),
                    button(render("erase.no", language), "pp:keep"),
                ]
            ]
        )
        await reply(
            update, render("proposal.withdraw_confirm", language, code=proposal.code), markup
        )
        return
    result = await service.withdraw(citizen.id, proposal.id or 0)
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


async def my_data(update: Update, context: AppContext) -> None:
    """/mis_datos: everything held about the citizen, as a message and a JSON file."""
    found = await _private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    await context.services.questions.flush()
    export = (await context.services.proposals.export(citizen.id)).data
    export.update(await context.services.requests.export(citizen.id))
    summary = render(
        "data.summary",
        language,
        pseudonym=str(export["pseudonym"])[:12] + "…",
        chosen_language=export["language"] or language,
        proposals=len(export["proposals"]),  # type: ignore[arg-type]
        questions=len(export["questions"]),  # type: ignore[arg-type]
        follows=len(export["commitments_followed"]),  # type: ignore[arg-type]
        supports=len(export["proposals_supported"]),  # type: ignore[arg-type]
    )
    summary += render(
        "data.requests",
        language,
        requests=len(export["information_requests"]),  # type: ignore[arg-type]
    )
    await reply(update, summary)
    payload = json.dumps(export, ensure_ascii=False, indent=2).encode()
    if update.effective_chat is not None:
        await update.effective_chat.send_document(
            InputFile(payload, filename="mis_datos.json"), caption=render("data.caption", language)
        )


async def ask_erase(update: Update, context: AppContext) -> None:
    """/borrar_mis_datos: explain and ask for confirmation."""
    found = await _private_citizen(update, context)
    if found is None:
        return
    _, language = found
    markup = keyboard(
        [
            [
                button(render("erase.yes", language), "del:yes"),
                button(render("erase.no", language), "del:no"),
            ]
        ]
    )
    await reply(update, render("erase.confirm", language), markup)


async def erase(update: Update, context: AppContext) -> None:
    """Confirmation of /borrar_mis_datos: erase and say exactly what was kept and why."""
    query = update.callback_query
    assert query is not None and query.data is not None and update.effective_user is not None
    citizen = await citizen_of(update, context)
    language = await language_of(update, context, citizen)
    await query.answer()
    await query.edit_message_reply_markup(None)
    if query.data == "del:no" or citizen is None:
        await reply(update, render("erase.cancelled", language))
        return
    await context.services.questions.flush()
    # Requests first: their rows point at the citizen row the proposal erasure deletes.
    requests_report = await context.services.requests.erase(citizen.id)
    report = await context.services.proposals.erase(citizen.id)
    context.services.citizens.forget(update.effective_user.id)
    context.services.proposals_typing.discard(citizen.id)
    context.services.requests_typing.discard(citizen.id)
    await reply(
        update,
        render(
            "erase.done",
            language,
            follows=report.follows_removed,
            notifications=report.notifications_removed,
            drafts=report.drafts_removed,
            proposals=report.proposals_anonymised,
            questions=report.questions_anonymised,
            supports=report.supports_anonymised,
        )
        + render(
            "erase.requests",
            language,
            requests=requests_report.requests_anonymised,
            drafts=requests_report.drafts_removed,
        ),
    )

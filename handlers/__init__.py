"""Telegram handlers: parse the update, call a service, render the reply.

Every handler is registered here, in order. PTB runs, per group, the first handler that matches;
groups run from the lowest number up.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import AppContext
from bot.services.proposals import CODE_IN_TEXT
from handlers import (
    callbacks,
    fallbacks,
    language,
    membership,
    plans,
    privacy,
    proposals,
    public,
    questions,
    requests,
    staff,
    start,
    topics,
)

Callback = Callable[[Update, AppContext], Coroutine[Any, Any, None]]


async def take_typed_input(update: Update, context: AppContext) -> None:
    """Hand a private message to the flow waiting for typed text (it stops the update), if any."""
    await requests.take_typed_input(update, context)
    await proposals.take_typed_input(update, context)


# Each command's names: the Spanish one first, the English alias last (texts in English name
# the English one, which tests/test_command_names.py checks).
COMMANDS: list[tuple[list[str], Callback]] = [
    (["start"], start.start),
    (["ayuda", "help"], start.show_help),
    (["privacidad", "privacy"], start.show_privacy),
    (["temas", "topics"], topics.show_topics),
    (["idioma", "language"], language.ask_language),
    (["plan", "planes", "plans"], plans.show_plans),
    (["seguimientos", "following"], plans.show_following),
    (["proponer", "propose"], proposals.start_proposal),
    (["cancelar", "cancel"], proposals.cancel),
    (["mis_propuestas", "my_proposals"], proposals.my_proposals),
    (["solicitud", "request"], requests.start_request),
    (["mis_solicitudes", "my_requests"], requests.my_requests),
    (["estado", "status"], proposals.show_status),
    (["mis_datos", "my_data"], privacy.my_data),
    (["borrar_mis_datos", "delete_my_data"], privacy.ask_erase),
    (["estadisticas", "statistics"], public.show_statistics),
    (["necesidades", "needs"], public.show_needs),
    # Staff only; each refuses anyone not in STAFF_TELEGRAM_IDS.
    (["pendientes", "pending"], staff.pending),
    (["ver", "view"], staff.view),
    (["responder", "respond"], staff.respond),
    (["derivar", "refer"], staff.refer),
    (["descartar", "dismiss"], staff.dismiss),
    (["aceptar", "accept"], staff.accept),
    (["preguntas", "questions"], staff.questions),
    (["contestar", "answer"], staff.answer_question),
    (["panel"], staff.panel_link),
    (["nota", "note"], staff.add_note),
]


def register_handlers(application: Application) -> None:
    """Register every handler in its explicit order."""
    # Group -4: blocking and unblocking the bot (no message: nothing else runs for it).
    application.add_handler(
        ChatMemberHandler(membership.track_membership, ChatMemberHandler.MY_CHAT_MEMBER), group=-4
    )
    # Group -3: pre-filters. Flood control runs before anything else and may stop the update.
    application.add_handler(TypeHandler(Update, fallbacks.guard_flood), group=-3)
    # Groups -2 and -1: a flow waiting for typed input takes the message and stops the update
    # (ApplicationHandlerStop), so the answer engine below never sees it. -2: the information
    # request's /cancelar, which stops the update only when a request is in progress; -1: one
    # handler asks each flow in turn (the request, then the proposal), since every private
    # message passes its filter and a handler per flow cost each question a handler call.
    application.add_handler(
        CommandHandler(["cancelar", "cancel"], requests.cancel, filters=filters.UpdateType.MESSAGE),
        group=-2,
    )
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE, take_typed_input),
        group=-1,
    )

    new_messages = filters.UpdateType.MESSAGE  # edited messages are never answered twice
    # Staff replying to "Escriba la respuesta a la pregunta P-…": the reply is the answer.
    application.add_handler(
        MessageHandler(
            new_messages & filters.TEXT & ~filters.COMMAND & staff.REPLY_TO_ANSWER_PROMPT,
            staff.answer_by_reply,
        )
    )
    # A tracking code in a sentence opens its status instead of going to the answer engine.
    application.add_handler(
        MessageHandler(
            new_messages & filters.TEXT & ~filters.COMMAND & filters.Regex(CODE_IN_TEXT),
            proposals.status_from_text,
        )
    )
    # Free text first: it is most of the traffic, and it cannot match a command, so checking it
    # before the fifty command and button handlers saves every question that walk.
    application.add_handler(
        MessageHandler(new_messages & filters.TEXT & ~filters.COMMAND, questions.answer_question)
    )
    for names, callback in COMMANDS:
        application.add_handler(CommandHandler(names, callback, filters=new_messages))

    callback_handlers = [
        (callbacks.MENU.accepts, start.choose_menu_item),
        (callbacks.MINE.accepts, proposals.my_proposals),
        (callbacks.LANGUAGE.accepts, language.set_language),
        (callbacks.TOPICS_PAGE.accepts, topics.page_topics),
        (callbacks.TOPIC.accepts, topics.show_topic),
        (callbacks.ENTRY.accepts, questions.show_entry),
        (callbacks.DETAIL.accepts, questions.show_detail),
        (callbacks.PICK.accepts, questions.pick_suggestion),
        (callbacks.NONE_OF_THESE.accepts, questions.reject_suggestions),
        (callbacks.SEND_TO_STAFF.accepts, questions.send_to_staff),
        (callbacks.FEEDBACK.accepts, questions.record_feedback),
        (callbacks.PLANS.accepts, plans.show_plans_in_place),
        (callbacks.PLAN.accepts, plans.show_plan),
        (callbacks.COMMITMENT.accepts, plans.show_commitment),
        (callbacks.HISTORY.accepts, plans.show_history),
        (callbacks.either(callbacks.FOLLOW, callbacks.UNFOLLOW), plans.toggle_follow),
        (callbacks.either(callbacks.PROPOSE, callbacks.PROPOSE_QUESTION), proposals.start_proposal),
        (callbacks.either(*callbacks.FLOW_ACTIONS), proposals.advance_flow),
        (callbacks.KEEP.accepts, proposals.keep),
        (callbacks.OPEN_PROPOSAL.accepts, proposals.open_proposal),
        (callbacks.either(callbacks.WITHDRAW, callbacks.WITHDRAW_YES), proposals.withdraw),
        (callbacks.ERASE.accepts, privacy.erase),
        (callbacks.NEEDS_BY.accepts, public.choose_filter),
        (callbacks.NEEDS_LIST.accepts, public.list_needs),
        (callbacks.NEED.accepts, public.open_need),
        (callbacks.NEED_SUPPORT.accepts, public.support_need),
        (callbacks.REQUEST_START.accepts, requests.start_request),
        (callbacks.either(*callbacks.REQUEST_FLOW_ACTIONS), requests.advance_flow),
        (callbacks.either(*callbacks.REQUEST_FOLLOW_ACTIONS), requests.follow_request),
        (callbacks.PENDING_PAGE.accepts, staff.pending),
        (callbacks.STAFF_VIEW.accepts, staff.view),
        (callbacks.STAFF_ANSWER.accepts, staff.prompt_answer),
        (callbacks.STAFF_STATUS.accepts, staff.change_status_button),
        (callbacks.FOR_KNOWLEDGE_BASE.accepts, staff.mark_for_knowledge_base),
    ]
    for pattern, callback in callback_handlers:
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))

    # Catch-alls must be last: unknown commands, other media, and unrecognised buttons.
    application.add_handler(
        MessageHandler(new_messages & filters.COMMAND, fallbacks.unknown_command)
    )
    application.add_handler(
        MessageHandler(
            new_messages & ~filters.TEXT & ~filters.StatusUpdate.ALL, fallbacks.unsupported_media
        )
    )
    application.add_handler(CallbackQueryHandler(fallbacks.expired_button))
    application.add_error_handler(fallbacks.report_error)

"""Telegram handlers: parse the update, call a service, render the reply.

Every handler is registered here, in order. PTB runs, per group, the first handler that matches;
groups run from the lowest number up.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import (
    fallbacks,
    language,
    plans,
    proposals,
    questions,
    requests,
    staff,
    start,
    topics,
)

ID = r"[a-z0-9-]{1,40}"
NUMBER = r"\d{1,19}"


def register_handlers(application: Application) -> None:
    """Register every handler in its explicit order."""
    # Group -2: pre-filters. Flood control runs before anything else and may stop the update.
    application.add_handler(TypeHandler(Update, fallbacks.guard_flood), group=-2)

    new_messages = filters.UpdateType.MESSAGE  # edited messages are never answered twice
    # Group -1: the information-request flow takes typed input (and /cancelar) when it waits
    # for it, and stops the update (ApplicationHandlerStop); otherwise the update goes on.
    application.add_handler(
        CommandHandler(["cancelar", "cancel"], requests.cancel, filters=new_messages), group=-1
    )
    application.add_handler(
        MessageHandler(
            new_messages & filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
            requests.take_typed_input,
        ),
        group=-1,
    )
    # Free text first: it is most of the traffic, and it cannot match a command, so checking it
    # before the fifty command and button handlers saves every question that walk.
    application.add_handler(
        MessageHandler(new_messages & filters.TEXT & ~filters.COMMAND, questions.answer_question)
    )
    command_handlers = [
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
        (["mis_datos", "my_data"], proposals.my_data),
        (["borrar_mis_datos", "delete_my_data"], proposals.ask_erase),
        # Staff only; each refuses anyone not in STAFF_TELEGRAM_IDS.
        (["pendientes", "pending"], staff.pending),
        (["ver", "view"], staff.view),
        (["responder", "respond"], staff.respond),
        (["derivar", "refer"], staff.refer),
        (["descartar", "dismiss"], staff.dismiss),
        (["aceptar", "accept"], staff.accept),
        (["preguntas", "questions"], staff.questions),
        (["contestar", "answer"], staff.answer_question),
    ]
    for names, callback in command_handlers:
        application.add_handler(CommandHandler(names, callback, filters=new_messages))

    callback_handlers = [
        (r"^menu:(ask|help)$", start.choose_menu_item),
        (r"^lang:(es|en)$", language.set_language),
        (r"^tp:\d{1,3}$", topics.page_topics),
        (rf"^tl:{ID}:\d{{1,3}}$", topics.show_topic),
        (rf"^a:{ID}$", questions.show_entry),
        (rf"^pk:{NUMBER}:{ID}$", questions.pick_suggestion),
        (rf"^no:{NUMBER}$", questions.reject_suggestions),
        (rf"^sq:{NUMBER}$", questions.send_to_staff),
        (rf"^fb:{NUMBER}:[01]$", questions.record_feedback),
        (r"^pls$", plans.show_plans_in_place),
        (rf"^pl:{ID}:\d{{1,3}}$", plans.show_plan),
        (rf"^c:{ID}$", plans.show_commitment),
        (rf"^ph:{ID}$", plans.show_history),
        (rf"^(fl|uf):{ID}$", plans.toggle_follow),
        (rf"^pp:(start|q:{NUMBER})$", proposals.start_proposal),
        (
            r"^pp:(ok|cat:[a-z]{1,16}|prov:(\d{1,2}|skip)|provpg:\d|skip|edit"
            rf"|ed:(category|text|province|contact)|distinct|sup:{NUMBER}|send|cancel)$",
            proposals.advance_flow,
        ),
        (r"^pp:keep$", proposals.keep),
        (rf"^ps:{NUMBER}$", proposals.open_proposal),
        (rf"^pwy?:{NUMBER}$", proposals.withdraw),
        (r"^del:(yes|no)$", proposals.erase),
        (r"^rq:start$", requests.start_request),
        (
            rf"^rq:(ok|x|o|k|w|i:{ID}|f:(digital|fisica)|d:(today|yesterday|later))$",
            requests.advance_flow,
        ),
        (
            rf"^rq:((s|q|l):{NUMBER}|a:{NUMBER}:(yes|partial|no|extension|on_time|late))$",
            requests.follow_request,
        ),
        (r"^sp:\d{1,4}$", staff.pending),
        (rf"^st:{NUMBER}:(en_revision|aceptada)$", staff.change_status_button),
        (rf"^qkb:{NUMBER}$", staff.mark_for_knowledge_base),
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

"""Every text the assistant says, in Spanish and English, under stable keys.

Templates are Telegram HTML. Values passed to :func:`render` are HTML-escaped, so a citizen's own
words can never break the markup. The terminal and the web strip the markup with :func:`to_plain`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

CATALOGUE: Mapping[str, Mapping[str, str]] = {
    "es": {
        "answer.source": "Fuente: {sources}",
        "answer.reviewed": "Revisado: {date}",
        "answer.suggest": "No estoy seguro de haberle entendido. ¿Quiso decir…?",
        "answer.suggest_none": "Ninguna de estas",
        "answer.fallback": (
            "Lo siento, todavía no tengo una respuesta verificada para eso. "
            "Puede ver los temas que conozco con /temas, o enviar su pregunta al equipo de "
            "Gobierno Abierto para que la responda."
        ),
        "answer.fallback_cli": (
            "Lo siento, todavía no tengo una respuesta verificada para eso. "
            "Pruebe con otras palabras o pregunte por un tema: gobierno abierto, OGP, "
            "planes de acción, acceso a la información, participación ciudadana."
        ),
        "answer.empty": (
            "Escríbame su pregunta con palabras, por ejemplo: ¿Qué es el gobierno abierto?"
        ),
        "answer.too_long": (
            "Su mensaje es muy largo ({length} caracteres). Por favor, escriba su pregunta en "
            "menos de {limit} caracteres."
        ),
        "chat.welcome": (
            "Asistente de Gobierno Abierto Ecuador — chat en la terminal.\n"
            "Escriba su pregunta y presione Enter. Escriba «salir» para terminar."
        ),
        "chat.bye": "¡Hasta pronto!",
        "plan.list_title": "<b>Planes de acción de Gobierno Abierto de Ecuador</b>\nElija un plan:",
        "plan.header": "<b>{name}</b> ({period})\n\n{summary}",
        "plan.count": "Compromisos identificados aquí: {known} de {total}.",
        "plan.count_unknown": "No hay un número verificado de compromisos.",
        "plan.choose": "Elija un compromiso:",
        "plan.all_plans": "📋 Todos los planes",
        "plan.follow": "🔔 Seguir este compromiso",
        "plan.unfollow": "🔕 Dejar de seguir",
        "plan.history": "🕓 Historial",
        "plan.followed": "Listo: le avisaré cuando cambie el estado de este compromiso.",
        "plan.already_following": "Ya sigue este compromiso.",
        "plan.unfollowed": "Ya no sigue este compromiso.",
        "plan.history_title": "<b>Historial — {title}</b>",
        "plan.history_empty": (
            "El equipo aún no ha registrado actualizaciones. El estado mostrado es el de la "
            "última revisión verificada."
        ),
        "plan.history_item": "• {date}: <b>{status}</b> — {note}\n  Fuente: {source}",
        "plan.following_title": "<b>Compromisos que usted sigue</b>",
        "plan.following_none": (
            "Todavía no sigue ningún compromiso. Use /plan, abra un compromiso y pulse "
            "«Seguir este compromiso»."
        ),
        "plan.notify": (
            "🔔 <b>Novedad en un compromiso que usted sigue</b>\n{title}\n"
            "Nuevo estado: <b>{status}</b> (al {date})\n{note}\nFuente: {source}"
        ),
        "plan.match_list": "Encontré estos compromisos:",
        "plan.match_institution": "Compromisos a cargo de {institution}:",
        "plan.match_result": "Compromisos con resultados tempranos «{value}» según el MRI:",
        "plan.match_none_number": (
            "No encuentro el compromiso número {number}{plan} en la información verificada. "
            "Vea la lista completa con /plan."
        ),
        "plan.match_none_result": (
            "Ningún compromiso tiene resultados tempranos «{value}» en la información "
            "verificada. Vea la lista con /plan."
        ),
        "plan.match_none_completion": (
            "No hay datos verificados del nivel de cumplimiento de los compromisos: el MRI no "
            "los publicó en los documentos revisados. Lo que sí se conoce son los resultados "
            "tempranos de cada compromiso; véalos con /plan."
        ),
        "plan.match_none": "No encontré compromisos que coincidan. Vea todos con /plan.",
        "plan.of_plan": " del {plan}",
        "card.number": "Compromiso n.º {number}",
        "card.no_number": "Número no verificado",
        "card.lead": "🏛 Institución responsable: {lead}",
        "card.counterparts": "🤝 Contrapartes de sociedad civil: {names}",
        "card.status": "📊 Cumplimiento (escala del MRI): <b>{status}</b> {bar}",
        "card.legend": (
            "Escala: no iniciado → limitado → sustancial → completo (o sin evidencia disponible)."
        ),
        "card.as_of": "Al {date} · Fuente: {source}",
        "card.staff_note": "Actualización del equipo: {note}",
        "card.results": "🌱 Resultados tempranos (MRI): <b>{value}</b>",
        "card.ambition": "🎯 Ambición (MRI): <b>{value}</b>",
        "card.milestones": "📌 Hitos:",
        "card.sources": "📚 Fuentes: {sources}",
        "unverified": "sin información verificada",
        "status.no-evidence": "Sin evidencia disponible",
        "status.not-started": "No iniciado",
        "status.limited": "Limitado",
        "status.substantial": "Sustancial",
        "status.complete": "Completo",
        "results.none": "ninguno",
        "results.marginal": "marginales",
        "results.significant": "significativos",
        "results.outstanding": "sobresalientes",
        "ambition.low": "baja",
        "ambition.moderate": "moderada",
        "ambition.high": "alta",
        "start.welcome": (
            "¡Hola! Soy el <b>Asistente de Gobierno Abierto Ecuador</b>.\n\n"
            "Respondo preguntas sobre gobierno abierto, la Alianza para el Gobierno Abierto (OGP), "
            "los planes de acción de Ecuador, el acceso a la información pública y la "
            "participación ciudadana. Mis respuestas vienen de una base de conocimiento revisada, "
            "con sus fuentes.\n\n"
            "Escríbame su pregunta con sus palabras, o elija una opción:"
        ),
        "start.group": (
            "¡Hola! Soy el Asistente de Gobierno Abierto Ecuador. En este grupo respondo cuando me "
            "mencionan o usan un comando. Para temas personales, escríbame en privado: {link}"
        ),
        "menu.ask": "❓ Preguntar",
        "menu.topics": "📚 Temas",
        "menu.plan": "📋 Plan de acción",
        "menu.propose": "💡 Proponer",
        "menu.help": "ℹ️ Ayuda",
        "menu.ask_hint": "Escriba su pregunta, por ejemplo: ¿Cómo pido información pública?",
        "help": (
            "<b>¿Cómo le ayudo?</b>\n"
            "Escriba su pregunta con sus palabras. También puede usar:\n"
            "/temas — ver los temas y sus preguntas\n"
            "/idioma — cambiar el idioma (español / English)\n"
            "/privacidad — qué datos guardo y para qué\n"
            "/start — menú principal"
        ),
        "help.extra": (
            "/plan — compromisos de los planes de acción y su estado\n"
            "/seguimientos — compromisos que usted sigue"
        ),
        "privacy": (
            "<b>Su privacidad</b>\n"
            "• No guardo su nombre ni su usuario de Telegram. Le identifico con un seudónimo "
            "(un código que no se puede revertir) y guardo su chat solo para responderle.\n"
            "• Guardo sus preguntas en forma normalizada, la respuesta que di y su valoración, "
            "para mejorar las respuestas y publicar estadísticas anónimas.\n"
            "• Si no tengo respuesta, su pregunta solo llega al equipo si usted lo pide; si no, "
            "se borra en 24 horas.\n"
            "• Sus derechos están en la Ley Orgánica de Protección de Datos Personales (LOPDP)."
        ),
        "topics.title": "<b>Temas</b> — elija uno:",
        "topics.entries": "<b>{topic}</b> — elija una pregunta:",
        "nav.back": "⬅️ Volver",
        "nav.prev": "◀️ Anterior",
        "nav.next": "Siguiente ▶️",
        "nav.topics": "📚 Temas",
        "language.choose": "Elija su idioma / Choose your language:",
        "language.set": "Listo, le responderé en español.",
        "feedback.ask": "¿Le sirvió?",
        "feedback.yes": "👍 Sí",
        "feedback.no": "👎 No",
        "feedback.thanks_yes": "¡Gracias! Me alegra haberle ayudado.",
        "feedback.thanks_no": (
            "Gracias por decírmelo. Puede reformular su pregunta o enviarla al equipo."
        ),
        "fallback.send": "📨 Enviar mi pregunta al equipo",
        "fallback.sent": (
            "Listo: su pregunta llegó al equipo de Gobierno Abierto (n.º {number}). "
            "Le escribiré aquí cuando respondan."
        ),
        "fallback.already_sent": "Su pregunta ya está en manos del equipo (n.º {number}).",
        "none.reply": (
            "Entendido. No tengo una respuesta verificada para su pregunta. "
            "¿Quiere enviarla al equipo de Gobierno Abierto?"
        ),
        "media.unsupported": (
            "Por ahora solo entiendo mensajes de texto. Escríbame su pregunta con palabras, "
            "por favor."
        ),
        "command.unknown": "No conozco el comando {command}. Estos son los que sí conozco:",
        "group.private_only": ("Esto es mejor hablarlo en privado. Escríbame aquí: {link}"),
        "flood.notice": (
            "Está enviando muchos mensajes muy rápido. Haré una pausa de un minuto y luego "
            "seguiré respondiéndole."
        ),
        "callback.expired": "Este botón ya no es válido. Escriba /start para empezar de nuevo.",
        "error.generic": (
            "Lo siento, ocurrió un error al procesar su mensaje. Por favor, inténtelo de nuevo "
            "en un momento."
        ),
    },
    "en": {
        "answer.source": "Source: {sources}",
        "answer.reviewed": "Reviewed: {date}",
        "answer.suggest": "I am not sure I understood. Did you mean…?",
        "answer.suggest_none": "None of these",
        "answer.fallback": (
            "Sorry, I do not have a verified answer to that yet. "
            "You can browse the topics I know with /topics, or send your question to the "
            "Open Government team so they can answer it."
        ),
        "answer.fallback_cli": (
            "Sorry, I do not have a verified answer to that yet. "
            "Try other words or ask about a topic: open government, OGP, action plans, access "
            "to information, citizen participation."
        ),
        "answer.empty": "Please type your question in words, for example: What is open government?",
        "answer.too_long": (
            "Your message is very long ({length} characters). Please write your question in "
            "fewer than {limit} characters."
        ),
        "chat.welcome": (
            "Open Government Assistant Ecuador — terminal chat.\n"
            "Type your question and press Enter. Type “exit” to quit."
        ),
        "chat.bye": "Goodbye!",
        "plan.list_title": "<b>Ecuador's Open Government action plans</b>\nChoose a plan:",
        "plan.header": "<b>{name}</b> ({period})\n\n{summary}",
        "plan.count": "Commitments identified here: {known} of {total}.",
        "plan.count_unknown": "There is no verified number of commitments.",
        "plan.choose": "Choose a commitment:",
        "plan.all_plans": "📋 All plans",
        "plan.follow": "🔔 Follow this commitment",
        "plan.unfollow": "🔕 Unfollow",
        "plan.history": "🕓 History",
        "plan.followed": "Done: I will tell you when this commitment's status changes.",
        "plan.already_following": "You already follow this commitment.",
        "plan.unfollowed": "You no longer follow this commitment.",
        "plan.history_title": "<b>History — {title}</b>",
        "plan.history_empty": (
            "The team has not recorded any update yet. The status shown is the one from the "
            "latest verified review."
        ),
        "plan.history_item": "• {date}: <b>{status}</b> — {note}\n  Source: {source}",
        "plan.following_title": "<b>Commitments you follow</b>",
        "plan.following_none": (
            "You do not follow any commitment yet. Use /plan, open a commitment and press "
            "“Follow this commitment”."
        ),
        "plan.notify": (
            "🔔 <b>News on a commitment you follow</b>\n{title}\n"
            "New status: <b>{status}</b> (as of {date})\n{note}\nSource: {source}"
        ),
        "plan.match_list": "I found these commitments:",
        "plan.match_institution": "Commitments led by {institution}:",
        "plan.match_result": "Commitments with “{value}” early results according to the IRM:",
        "plan.match_none_number": (
            "I cannot find commitment number {number}{plan} in the verified information. "
            "See the full list with /plan."
        ),
        "plan.match_none_result": (
            "No commitment has “{value}” early results in the verified information. See the "
            "list with /plan."
        ),
        "plan.match_none_completion": (
            "There is no verified data on how far the commitments were completed: the IRM did "
            "not publish it in the documents reviewed. What is known are each commitment's "
            "early results; see them with /plan."
        ),
        "plan.match_none": "I found no matching commitments. See them all with /plan.",
        "plan.of_plan": " of the {plan}",
        "card.number": "Commitment no. {number}",
        "card.no_number": "Number not verified",
        "card.lead": "🏛 Lead institution: {lead}",
        "card.counterparts": "🤝 Civil-society counterparts: {names}",
        "card.status": "📊 Completion (IRM scale): <b>{status}</b> {bar}",
        "card.legend": "Scale: not started → limited → substantial → complete (or no evidence).",
        "card.as_of": "As of {date} · Source: {source}",
        "card.staff_note": "Team update: {note}",
        "card.results": "🌱 Early results (IRM): <b>{value}</b>",
        "card.ambition": "🎯 Ambition (IRM): <b>{value}</b>",
        "card.milestones": "📌 Milestones:",
        "card.sources": "📚 Sources: {sources}",
        "unverified": "no verified information",
        "status.no-evidence": "No evidence available",
        "status.not-started": "Not started",
        "status.limited": "Limited",
        "status.substantial": "Substantial",
        "status.complete": "Complete",
        "results.none": "none",
        "results.marginal": "marginal",
        "results.significant": "significant",
        "results.outstanding": "outstanding",
        "ambition.low": "low",
        "ambition.moderate": "moderate",
        "ambition.high": "high",
        "start.welcome": (
            "Hello! I am the <b>Open Government Assistant Ecuador</b>.\n\n"
            "I answer questions about open government, the Open Government Partnership (OGP), "
            "Ecuador's action plans, access to public information and citizen participation. "
            "My answers come from a reviewed knowledge base, with their sources.\n\n"
            "Type your question in your own words, or choose an option:"
        ),
        "start.group": (
            "Hello! I am the Open Government Assistant Ecuador. In this group I answer when I am "
            "mentioned or a command is used. For anything personal, write to me privately: {link}"
        ),
        "menu.ask": "❓ Ask",
        "menu.topics": "📚 Topics",
        "menu.plan": "📋 Action plan",
        "menu.propose": "💡 Propose",
        "menu.help": "ℹ️ Help",
        "menu.ask_hint": "Type your question, for example: How do I request public information?",
        "help": (
            "<b>How can I help?</b>\n"
            "Type your question in your own words. You can also use:\n"
            "/topics — browse the topics and their questions\n"
            "/language — change the language (español / English)\n"
            "/privacy — what data I keep and why\n"
            "/start — main menu"
        ),
        "help.extra": (
            "/plan — action-plan commitments and their status\n/following — commitments you follow"
        ),
        "privacy": (
            "<b>Your privacy</b>\n"
            "• I do not keep your name or Telegram username. I know you by a pseudonym (a code "
            "that cannot be reversed) and keep your chat only to reply to you.\n"
            "• I keep your questions in normalised form, the answer I gave and your rating, to "
            "improve answers and publish anonymous statistics.\n"
            "• If I have no answer, your question reaches the team only if you ask; otherwise it "
            "is deleted within 24 hours.\n"
            "• Your rights are set out in Ecuador's Personal Data Protection Law (LOPDP)."
        ),
        "topics.title": "<b>Topics</b> — choose one:",
        "topics.entries": "<b>{topic}</b> — choose a question:",
        "nav.back": "⬅️ Back",
        "nav.prev": "◀️ Previous",
        "nav.next": "Next ▶️",
        "nav.topics": "📚 Topics",
        "language.choose": "Elija su idioma / Choose your language:",
        "language.set": "Done, I will answer in English.",
        "feedback.ask": "Was this helpful?",
        "feedback.yes": "👍 Yes",
        "feedback.no": "👎 No",
        "feedback.thanks_yes": "Thank you! I am glad it helped.",
        "feedback.thanks_no": "Thank you for telling me. You can rephrase or send it to the team.",
        "fallback.send": "📨 Send my question to the team",
        "fallback.sent": (
            "Done: your question reached the Open Government team (no. {number}). "
            "I will write to you here when they answer."
        ),
        "fallback.already_sent": "Your question is already with the team (no. {number}).",
        "none.reply": (
            "Understood. I do not have a verified answer to your question. "
            "Would you like to send it to the Open Government team?"
        ),
        "media.unsupported": (
            "For now I only understand text messages. Please type your question in words."
        ),
        "command.unknown": "I do not know the command {command}. These are the ones I know:",
        "group.private_only": "This is better discussed privately. Write to me here: {link}",
        "flood.notice": (
            "You are sending many messages very quickly. I will pause for a minute and then "
            "keep answering you."
        ),
        "callback.expired": "This button is no longer valid. Type /start to begin again.",
        "error.generic": (
            "Sorry, something went wrong while processing your message. Please try again in a "
            "moment."
        ),
    },
}

_TAG = re.compile(r"<[^>]+>")


def render(key: str, language: str = "es", **values: object) -> str:
    """Return the text ``key`` in ``language`` with every value HTML-escaped."""
    table = CATALOGUE.get(language) or CATALOGUE["es"]
    template = table.get(key) or CATALOGUE["es"][key]
    escaped = {name: html.escape(str(value), quote=False) for name, value in values.items()}
    return template.format(**escaped)


def to_plain(text: str) -> str:
    """Turn Telegram HTML into plain text for the terminal."""
    return html.unescape(_TAG.sub("", text))

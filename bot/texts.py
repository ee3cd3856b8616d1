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
        "help.extra": "",
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
        "help.extra": "",
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

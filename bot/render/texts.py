"""Every text the assistant says, in Spanish and English, under stable keys.

Templates are Telegram HTML. Values passed to :func:`render` are HTML-escaped, so a citizen's own
words can never break the markup. The terminal and the web strip the markup with :func:`to_plain`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from bot.render.plurals import fill
from bot.render.request_texts import REQUEST_TEXTS

CATALOGUE: Mapping[str, Mapping[str, str]] = {
    "es": {
        "answer.source": "Fuente: {sources}",
        "answer.sources": "Fuentes: {sources}",
        "answer.related": "También puede interesarle:",
        "answer.more": "📖 Más detalles",
        "answer.detail_expired": "Ese detalle ya no está disponible. Escriba su pregunta otra vez.",
        "answer.reviewed": "Revisado: {date}",
        "answer.suggest": "No estoy seguro de haberle entendido. ¿Quiso decir…?",
        "answer.suggest_none": "Ninguna de estas",
        "answer.fallback": (
            "Lo siento, todavía no tengo una respuesta verificada para eso en las fuentes que "
            "revisé hasta {as_of}. Puede consultar gobiernoabierto.ec, ver los temas "
            "que conozco con /temas, o enviar su pregunta al equipo de Gobierno Abierto para que "
            "la responda."
        ),
        "answer.fallback_cli": (
            "Lo siento, todavía no tengo una respuesta verificada para eso en las fuentes que "
            "revisé hasta {as_of}; puede consultar gobiernoabierto.ec. "
            "Pruebe con otras palabras o pregunte por un tema: gobierno abierto, OGP, "
            "planes de acción, acceso a la información, participación ciudadana."
        ),
        "answer.empty": (
            "Escríbame su pregunta con palabras, por ejemplo: ¿Qué es el gobierno abierto?"
        ),
        "answer.too_long": (
            "Su mensaje es muy largo ({length:number} caracteres). Por favor, escriba su pregunta "
            "en "
            "menos de {limit:number} caracteres."
        ),
        "chat.welcome": (
            "Asistente de Gobierno Abierto Ecuador — chat en la terminal.\n"
            "Escriba su pregunta y presione Enter. Escriba «salir» para terminar."
        ),
        "chat.bye": "¡Hasta pronto!",
        "propose.consent": (
            "<b>Registrar una necesidad o propuesta</b>\n\n<b>Qué guardo:</b> la categoría, su "
            "texto, la provincia y un contacto (estos dos, si usted quiere), junto a su "
            "seudónimo.\n<b>Para qué:</b> para que el equipo de Gobierno Abierto la revise y "
            "le responda, y para estadísticas públicas anónimas. El texto puede mostrarse, sin "
            "su nombre ni contacto, a quien registre una necesidad parecida. Su contacto solo "
            "lo ve el equipo.\n<b>Por cuánto tiempo:</b> mientras la propuesta esté abierta; "
            "después, el texto se conserva sin vínculo con usted si pide borrar sus datos.\n"
            "<b>Sus derechos (LOPDP):</b> ver sus datos (/mis_datos), borrarlos "
            "(/borrar_mis_datos) y retirar su propuesta cuando quiera.\n\nPuede cancelar en "
            "cualquier momento con /cancelar. ¿Acepta?"
        ),
        "propose.accept": "✅ Acepto",
        "propose.cancel_button": "✖️ Cancelar",
        "propose.category": "Paso 1 de 4 · ¿Sobre qué es su necesidad o propuesta?",
        "category.transparencia": "Transparencia y acceso a la información",
        "category.integridad": "Integridad y rendición de cuentas",
        "category.participacion": "Participación ciudadana",
        "category.colaboracion": "Colaboración e innovación",
        "category.otro": "Otro tema",
        "propose.text": (
            "Paso 2 de 4 · Cuéntenos su necesidad o propuesta con sus palabras (entre 20 y 2.000 "
            "caracteres). Responda a este mensaje."
        ),
        "propose.text_placeholder": "Mi necesidad o propuesta es…",
        "propose.text_short": (
            "Es muy corto ({length:number} caracteres). Escriba al menos {minimum:number}, por "
            "favor."
        ),
        "propose.text_long": (
            "Es muy largo ({length:number} caracteres). El máximo es {maximum:number}; resúmalo, "
            "por favor."
        ),
        "propose.text_only": (
            "En este paso necesito su texto escrito. Responda a este mensaje, por favor."
        ),
        "propose.province": "Paso 3 de 4 · ¿En qué provincia? (opcional)",
        "propose.skip": "Omitir",
        "propose.contact": (
            "Paso 4 de 4 · Si quiere que el equipo le contacte fuera de Telegram, responda con "
            "su correo o teléfono. Si no, pulse «Omitir»."
        ),
        "propose.contact_placeholder": "correo@ejemplo.ec o 0991234567",
        "propose.contact_not_yours": (
            "Ese contacto es de otra persona. Comparta el suyo, o escriba su correo o teléfono. "
            "O pulse «Omitir»."
        ),
        "propose.text_words": (
            "Escriba su necesidad con palabras, por favor: solo recibí emojis, números o signos."
        ),
        "propose.contact_invalid": (
            "No reconozco ese correo o teléfono. Ejemplos: nombre@correo.ec o 0991234567. O "
            "pulse «Omitir»."
        ),
        "propose.summary": (
            "<b>Revise su propuesta</b>\nCategoría: {category}\nProvincia: {province}\n"
            "Contacto: {contact}\n\n{text}"
        ),
        "propose.not_given": "no indicado",
        "propose.province_not_given": "no indicada",
        "propose.send": "📨 Enviar",
        "propose.edit": "✏️ Editar",
        "propose.edit_which": "¿Qué quiere cambiar?",
        "propose.edit_category": "Categoría",
        "propose.edit_text": "Texto",
        "propose.edit_province": "Provincia",
        "propose.edit_contact": "Contacto",
        "propose.similar": (
            "Hay necesidades parecidas ya registradas. Puede apoyar una (su apoyo se suma y le "
            "avisaré de sus novedades) o seguir con la suya:"
        ),
        "propose.similar_item": "• <b>{code}</b> ({supports} apoyos): {excerpt}",
        "propose.support": "👍 Apoyar {code}",
        "propose.distinct": "La mía es distinta",
        "propose.supported": "Gracias: su apoyo a {code} quedó registrado.",
        "propose.already_supported": "Ya apoyó esa propuesta.",
        "propose.cannot_support": "Esa propuesta ya no recibe apoyos.",
        "propose.sent": (
            "✅ <b>Recibida.</b> Su código de seguimiento es <b>{code}</b>.\nEl equipo la "
            "revisará hasta el {deadline} ({days} días hábiles). Le avisaré aquí cada vez que "
            "cambie su estado. Consulte con /estado {code} o /mis_propuestas."
        ),
        "propose.already_sent": "Ya la había enviado: su código es <b>{code}</b>.",
        "propose.cancelled": "Listo, cancelé el registro. No se guardó nada.",
        "propose.nothing_to_cancel": "No hay nada que cancelar.",
        "propose.stale": "Ese paso ya no está activo. Escriba /proponer para empezar de nuevo.",
        "propose.stale_in_flow": (
            "Ese botón es de un paso anterior. Siga con mi último mensaje, o escriba /cancelar."
        ),
        "propose.expired": (
            "Su borrador de propuesta se borró tras 24 horas sin actividad. Puede empezar de "
            "nuevo con /proponer."
        ),
        "propose.from_fallback": "📝 Registrar como necesidad",
        "proposal.status.recibida": "Recibida",
        "proposal.status.en_revision": "En revisión",
        "proposal.status.respondida": "Respondida",
        "proposal.status.aceptada": "Aceptada",
        "proposal.status.derivada": "Derivada",
        "proposal.status.descartada": "Descartada",
        "proposal.status.retirada": "Retirada",
        "proposal.notify_author": (
            "🔔 Su propuesta <b>{code}</b> cambió de estado: <b>{status}</b>."
        ),
        "proposal.notify_supporter": (
            "🔔 La propuesta <b>{code}</b> que usted apoya cambió de estado: <b>{status}</b>."
        ),
        "proposal.notify_message": "\nRespuesta del equipo: {message}",
        "proposal.notify_derived": "\nDerivada a: {institution}",
        "proposal.notify_reason": "\nMotivo: {reason}",
        "proposal.mine_title": "<b>Sus propuestas</b>",
        "proposal.mine_none": "Aún no ha registrado propuestas. Use /proponer.",
        "proposal.mine_item": "• <b>{code}</b> — {status}{overdue} — {date}",
        "proposal.overdue": " (plazo vencido)",
        "proposal.status_usage": "Escriba el código así: /estado GA-XXXX-XX",
        "proposal.bad_code": (
            "Ese código no tiene el formato GA-XXXX-XX (GA, cuatro letras o cifras y dos más), "
            "por ejemplo: /estado GA-7K3M-Q9. Lo encuentra en el mensaje que recibió al enviar "
            "su propuesta, o con /mis_propuestas."
        ),
        "proposal.not_found": "No encuentro ninguna propuesta con el código {code}.",
        "proposal.public": (
            "<b>{code}</b>\nCategoría: {category}\nEstado: <b>{status}</b>{overdue}\n"
            "Registrada: {date} · Plazo de revisión: {deadline}\nApoyos: {supports}"
        ),
        "proposal.public_answer": "\nRespuesta pública: {answer}",
        "proposal.derived_to": "\nDerivada a: {institution}",
        "proposal.detail_text": "\n\n<b>Su texto</b>\n{text}",
        "proposal.detail_history": "\n\n<b>Historial</b>",
        "proposal.history_item": "\n• {date}: {status}{message}",
        "proposal.withdraw": "Retirar mi propuesta",
        "proposal.withdraw_confirm": "¿Seguro que quiere retirar {code}? No se puede deshacer.",
        "proposal.withdraw_yes": "Sí, retirar",
        "proposal.withdraw_expired": (
            "Esa confirmación caducó y no retiré {code}. Si aún quiere retirarla, pulse el botón "
            "y confirme otra vez."
        ),
        "proposal.withdrawn": "Retiró la propuesta {code}.",
        "staff.not_authorised": "No está autorizado para esta acción.",
        "staff.panel_link": (
            "Su enlace para entrar al panel del equipo (vale 10 minutos y sirve una sola vez; "
            "no lo reenvíe):\n{url}"
        ),
        "staff.pending_title": "<b>Propuestas abiertas</b> ({total}), vencidas primero:",
        "staff.pending_none": "No hay propuestas abiertas.",
        "staff.pending_item": "• <b>{code}</b> {status}{overdue} — {date}\n  {excerpt}",
        "staff.view": (
            "<b>{code}</b> · {status}{overdue}\nCategoría: {category} · Provincia: {province}\n"
            "Contacto: {contact} · Apoyos: {supports} · Plazo: {deadline}\n\n{text}"
        ),
        "staff.history_item": "\n• {date} {actor}: {status}{message}{note}",
        "staff.actor_staff": "equipo {id}",
        "staff.actor_citizen": "ciudadano/a",
        "staff.usage": (
            "Comandos: /responder {code} texto · /derivar {code} institución · /descartar {code} "
            "motivo · /aceptar {code} [mensaje]"
        ),
        "staff.to_review": "🔎 En revisión",
        "staff.to_accept": "✅ Aceptar",
        "staff.done": (
            "Hecho: {code} ahora está «{status}». Aviso en cola para {notified} "
            "{notified:persona|personas}; "
            "/ver {code} muestra si llegó."
        ),
        "staff.deliveries": (
            "\n\nAvisos: {sent} {sent:entregado|entregados}, {queued} en cola, {failed} no "
            "{failed:entregado|entregados}."
        ),
        "staff.bad_transition": "No se puede pasar de «{current}» a «{wanted}».",
        "staff.needs_derivada": "Indique la institución: /derivar CÓDIGO Institución",
        "staff.needs_descartada": "Indique el motivo: /descartar CÓDIGO motivo",
        "staff.needs_respondida": "Escriba la respuesta: /responder CÓDIGO texto",
        "staff.unknown_code": "No existe esa propuesta.",
        "staff.code_usage": "Uso: {command} GA-XXXX-XX …",
        "staff.questions_title": (
            "<b>Preguntas sin respuesta</b> ({total}), las más antiguas primero:"
        ),
        "staff.questions_none": "No hay preguntas pendientes.",
        "staff.question_item": "• <b>{id}</b> ({date}): {text}",
        "staff.question_help": (
            "Pulse «✍️ Contestar» y responda al mensaje, o use /contestar P-1234 texto; o "
            "márquela para la base:"
        ),
        "staff.question_kb": "📚 {id} para la base",
        "staff.question_answered": "Respondí al ciudadano (pregunta {id}).",
        "staff.question_marked": "Pregunta {id} marcada para la base de conocimiento.",
        "staff.question_usage": "Uso: /contestar P-1234 texto de la respuesta",
        "staff.question_unknown": "No hay una pregunta pendiente con esa referencia.",
        "staff.too_long": (
            "Su texto tiene {length:number} caracteres; el máximo es {maximum:number}. Acórtelo y "
            "envíelo de "
            "nuevo: no se guardó nada."
        ),
        "staffq.answer": "📬 <b>Respuesta del equipo</b> a su pregunta «{question}»:\n{answer}",
        "data.summary": (
            "<b>Sus datos</b>\nSeudónimo: {pseudonym}\nIdioma: {chosen_language}\nPropuestas: "
            "{proposals}\nPreguntas registradas: {questions}\nCompromisos que sigue: "
            "{follows}\nApoyos: {supports}\nSolicitudes de información: {requests} (institución, "
            "asunto, fechas y resultado)\nLe envío además un archivo JSON con todo el detalle."
        ),
        "data.caption": "Sus datos en el Asistente de Gobierno Abierto",
        "erase.confirm": (
            "¿Borrar sus datos? Eliminaré su seudónimo, su chat, su idioma, sus contactos y sus "
            "seguimientos. El texto de sus propuestas y preguntas se conserva sin ningún vínculo "
            "con usted, para las estadísticas públicas. No se puede deshacer."
        ),
        "erase.yes": "Sí, borrar",
        "erase.expired": (
            "Esa confirmación caducó y no borré nada. Si aún quiere borrar sus datos, escriba "
            "/borrar_mis_datos y confirme otra vez."
        ),
        "erase.no": "No",
        "erase.done": (
            "Listo. <b>Borré</b> su seudónimo, su chat y su idioma, {follows} "
            "{follows:seguimiento|seguimientos}, "
            "{notifications} {notifications:aviso pendiente|avisos pendientes} y {drafts} "
            "{drafts:borrador|borradores}. <b>Anonimicé</b> "
            "{proposals} {proposals:propuesta|propuestas} (también borré su contacto), "
            "{questions} {questions:pregunta|preguntas} y "
            "{supports} {supports:apoyo|apoyos}: esos textos se conservan sin vínculo con usted, "
            "para las "
            "estadísticas públicas. De {requests} {requests:solicitud|solicitudes} de información "
            "quedan solo la "
            "institución, las fechas y el resultado, sin vínculo con usted ni asunto; borré "
            "{request_drafts} {request_drafts:solicitud|solicitudes} sin terminar. Si vuelve a "
            "escribir, empezará de cero."
        ),
        "erase.cancelled": "No borré nada.",
        "group.use_private": "Para esto escríbame en privado: {link}",
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
            "/seguimientos — compromisos que usted sigue\n"
            "/proponer — registrar una necesidad o propuesta\n"
            "/mis_propuestas — sus propuestas · /estado CÓDIGO — el estado de una\n"
            "/necesidades — necesidades publicadas · /estadisticas — cifras públicas\n"
            "/mis_datos — sus datos · /borrar_mis_datos — borrarlos\n"
            "/cancelar — cancelar lo que esté haciendo"
        ),
        "privacy": (
            "<b>Su privacidad</b>\n"
            "• No guardo su nombre ni su usuario de Telegram. Le identifico con un seudónimo "
            "(un código que no se puede revertir) y guardo su chat solo para responderle.\n"
            "• Guardo sus preguntas en forma normalizada, la respuesta que di y su valoración, "
            "para mejorar las respuestas y publicar estadísticas anónimas.\n"
            "• Su pregunta tal como la escribió solo llega al equipo si usted lo pide (cuando no "
            "tengo respuesta, o tras un 👎); si no, se borra en 24 horas.\n"
            "• Si registra una propuesta, guardo su texto, la categoría y, si usted quiere, la "
            "provincia y un contacto que solo ve el equipo.\n"
            "• Sus derechos están en la Ley Orgánica de Protección de Datos Personales (LOPDP): "
            "vea todo lo que guardo con /mis_datos y bórrelo con /borrar_mis_datos."
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
            "Listo: su pregunta llegó al equipo de Gobierno Abierto ({number}). "
            "Le escribiré aquí cuando respondan."
        ),
        "fallback.already_sent": "Su pregunta ya está en manos del equipo ({number}).",
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
        "propose.province_help": (
            "No reconozco esa provincia. Elija una con los botones o escriba su nombre (por "
            "ejemplo, Pichincha). También puede pulsar «Omitir»."
        ),
        "propose.consent_help": (
            "Para seguir, pulse «✅ Acepto» en el mensaje de arriba, o escriba /cancelar."
        ),
        "propose.category_help": (
            "Elija la categoría con uno de los botones de arriba, o escriba /cancelar."
        ),
        "propose.summary_help": (
            "Su propuesta está lista para enviar: pulse «📨 Enviar», «✏️ Editar» o «✖️ Cancelar» "
            "en el resumen de arriba, o escriba /cancelar."
        ),
        "propose.after_support": (
            "Gracias: su apoyo a <b>{code}</b> quedó registrado y le avisaré de sus novedades. "
            "¿Quiere enviar también la suya?"
        ),
        "propose.send_anyway": "📨 Enviar la mía de todos modos",
        "propose.finish": "✅ Terminar aquí",
        "propose.finished": "Listo. No registré una propuesta nueva; su apoyo queda guardado.",
        "menu.mine": "📂 Mis propuestas",
        "feedback.offer_staff": (
            "Gracias por decírmelo. Puede escribir su pregunta con otras palabras, o enviarla al "
            "equipo de Gobierno Abierto:"
        ),
        "help.staff": (
            "\n<b>Para el equipo</b>\n"
            "/pendientes — propuestas abiertas · /ver CÓDIGO — una propuesta\n"
            "/responder, /aceptar, /derivar, /descartar CÓDIGO texto — cambiar su estado\n"
            "/nota CÓDIGO texto — nota interna (solo la ve el equipo)\n"
            "/preguntas — preguntas enviadas al equipo · /contestar P-1234 texto — responder"
        ),
        "staff.overdue_days": " ⏰ {days} {days:día|días} de retraso",
        "staff.no_moves": "Desde «{current}» no se puede cambiar el estado.",
        "staff.moves_now": "Desde «{current}» puede pasar a: {allowed}.",
        "staff.stale_button": (
            "Ese botón es de una vista anterior: {code} ya está «{current}». Abra /ver {code}."
        ),
        "staff.note_usage": "Uso: /nota GA-XXXX-XX texto de la nota",
        "staff.note_added": "Nota interna guardada en {code}. El ciudadano no la ve.",
        "staff.notes_title": "\n\n<b>Notas internas</b>",
        "staff.note_item": "\n• {date} {actor}: {note}",
        "staff.answer_button": "✍️ Contestar {ref}",
        "staff.answer_prompt": (
            "Escriba la respuesta a la pregunta {ref} respondiendo a este mensaje."
        ),
        "staff.new_proposal": ("🆕 Nueva propuesta <b>{code}</b> ({category}):\n{excerpt}"),
        "staff.new_question": "📨 Nueva pregunta para el equipo <b>{ref}</b>:\n{excerpt}",
        "staff.open_proposal": "📂 Abrir la propuesta",
        "staff.answer_now": "✍️ Contestar",
        "referral.where": (
            "Eso no es un tema de gobierno abierto, así que no lo envío al equipo. Ese trámite lo "
            "atiende <b>{institution}</b>: {url}\nPara cualquier otro trámite público: "
            "https://www.gob.ec"
        ),
        "referral.out_of_scope": (
            "Solo respondo sobre gobierno abierto, acceso a la información pública y "
            "participación ciudadana en Ecuador. Vea los temas que conozco con /temas."
        ),
        "plan.period_unknown": "fechas no confirmadas",
        "plan.known_results": "resultados tempranos {value} (MRI)",
        "plan.known_ambition": "ambición {value} (MRI)",
        "plan.known_nothing": "aún sin evaluación publicada",
        "data.language_unset": "no elegido (le respondo en el de su Telegram: {client})",
        "language.name.es": "español",
        "language.name.en": "inglés",
        "data.pseudonym_note": (
            "\n<i>El seudónimo se calcula a partir de su identificador de Telegram; no es un dato "
            "guardado. Si borró sus datos, verá el mismo seudónimo, pero sin nada asociado.</i>"
        ),
        "erase.pseudonym_note": (
            " Su seudónimo se vuelve a calcular a partir de su identificador de Telegram, así que "
            "en /mis_datos verá el mismo, sin ningún dato asociado."
        ),
        "chat.help": (
            "Escriba su pregunta con sus palabras. En esta terminal también entiendo:\n"
            "/temas — los temas y sus preguntas\n/plan — los planes de acción y sus compromisos\n"
            "/ayuda — esta ayuda\nsalir — terminar\n"
            "Cuando le muestro una lista numerada (preguntas parecidas a la suya, «También puede "
            "interesarle», los temas), escriba su número para elegir una.\n"
            "Proponer, seguir compromisos, /mis_datos y el envío al equipo necesitan Telegram."
        ),
        "chat.choose": "Escriba el número de su elección (o Enter para volver):",
        "chat.needs_telegram": (
            "{command} necesita Telegram: ábralo en la aplicación del asistente."
        ),
        "chat.bad_choice": "No hay una opción con ese número.",
        "chat.choose_suggestion": "Escriba el número de la que quiso preguntar, u otra pregunta.",
        "chat.choose_related": "Escriba el número de una de ellas para leerla, u otra pregunta.",
        "callback.expired": "Este botón ya no es válido. Escriba /start para empezar de nuevo.",
        # Public statistics and published needs (issue 14)
        "stats.message": (
            "<b>Estadísticas públicas del asistente</b>\n\n"
            "Preguntas recibidas: <b>{questions}</b>\n"
            "Respondidas directamente: <b>{answered}</b> · con opciones: {choices} · sin "
            "respuesta verificada: {fallback}\n"
            "Necesidades y propuestas: <b>{proposals}</b>\n"
            "Mediana de días hasta la primera respuesta: <b>{median}</b>\n"
            "Respondidas dentro del plazo: <b>{within}</b>\n"
            "Abiertas con plazo vencido: <b>{overdue}</b>\n\n"
            "Cifras del {when} (se actualizan cada minuto)."
        ),
        "stats.more": "Todas las cifras y los datos abiertos: {url}",
        "stats.none": "sin dato",
        "stats.chart_title": "Preguntas por semana",
        "stats.chart_weeks": "Semana (lunes)",
        "stats.chart_questions": "Preguntas",
        "needs.intro": (
            "<b>Necesidades publicadas</b>\n\nNecesidades que otros ciudadanos registraron y el "
            "equipo publicó, sin nombres ni contactos. Puede apoyar las que comparta.\n"
            "Publicadas: <b>{total}</b>. ¿Cómo quiere verlas?"
        ),
        "needs.all": "📋 Todas",
        "needs.by_category": "🗂 Por categoría",
        "needs.by_province": "📍 Por provincia",
        "needs.choose_category": "Elija una categoría:",
        "needs.choose_province": "Elija una provincia:",
        "needs.page": (
            "<b>Necesidades publicadas</b> · {filter}\nPágina {page} de {pages} · {total} en total"
        ),
        "needs.filter_all": "todas",
        "needs.none": "No hay necesidades publicadas aquí todavía.",
        "needs.card": (
            "<b>Necesidad {code}</b>\n{category}{province}\nEstado: <b>{status}</b> · 👍 {supports}"
            "\n\n{text}"
        ),
        "needs.card_answer": "\n\n<b>Respuesta del equipo:</b> {answer}",
        "needs.card_derived": "\n<b>Derivada a:</b> {institution}",
        "needs.share": (
            "\n\nPara compartirla, envíe este código: <code>{code}</code> — quien escriba "
            "/necesidades {code} la verá."
        ),
        "needs.share_link": "\nEn la web: {url}",
        "needs.support": "👍 Apoyar",
        "needs.supported": (
            "Gracias: su apoyo quedó registrado. Le avisaré cuando cambie su estado."
        ),
        "needs.already": "Ya apoyó esta necesidad (cuenta una vez por persona).",
        "needs.cannot": "Esta necesidad no se puede apoyar (es suya, o ya está cerrada).",
        "needs.unknown": "No encuentro una necesidad publicada con el código {code}.",
        "needs.published": (
            "📢 El equipo publicó su propuesta {code} como necesidad pública, sin su nombre ni "
            "su contacto, para que otros puedan apoyarla. Texto publicado:\n\n{text}"
        ),
        "error.unavailable": (
            "El servicio no está disponible por un momento. Por favor, escriba de nuevo en unos "
            "minutos."
        ),
        "error.generic": (
            "Lo siento, ocurrió un error al procesar su mensaje. Por favor, inténtelo de nuevo "
            "en un momento."
        ),
    },
    "en": {
        "answer.source": "Source: {sources}",
        "answer.sources": "Sources: {sources}",
        "answer.related": "You may also want to know:",
        "answer.more": "📖 More details",
        "answer.detail_expired": "That detail is no longer available. Please ask again.",
        "answer.reviewed": "Reviewed: {date}",
        "answer.suggest": "I am not sure I understood. Did you mean…?",
        "answer.suggest_none": "None of these",
        "answer.fallback": (
            "Sorry, I do not have a verified answer to that yet in the sources I reviewed up "
            "to {as_of}. You can check gobiernoabierto.ec, browse the topics I know with "
            "/topics, or send your question to the Open Government team so they can answer it."
        ),
        "answer.fallback_cli": (
            "Sorry, I do not have a verified answer to that yet in the sources I reviewed up "
            "to {as_of}; you can check gobiernoabierto.ec. "
            "Try other words or ask about a topic: open government, OGP, action plans, access "
            "to information, citizen participation."
        ),
        "answer.empty": "Please type your question in words, for example: What is open government?",
        "answer.too_long": (
            "Your message is very long ({length:number} characters). Please write your question in "
            "fewer than {limit:number} characters."
        ),
        "chat.welcome": (
            "Open Government Assistant Ecuador — terminal chat.\n"
            "Type your question and press Enter. Type “exit” to quit."
        ),
        "chat.bye": "Goodbye!",
        "propose.consent": (
            "<b>Log a need or proposal</b>\n\n<b>What I keep:</b> the category, your text, the "
            "province and a contact (these two only if you want), with your pseudonym.\n"
            "<b>What for:</b> so the Open Government team can review it and answer you, and "
            "for anonymous public statistics. The text may be shown, without your name or "
            "contact, to people who log a similar need. Only the team sees your contact.\n"
            "<b>For how long:</b> while the proposal is open; afterwards the text is kept with "
            "no link to you if you ask to delete your data.\n<b>Your rights (LOPDP):</b> see "
            "your data (/my_data), delete it (/delete_my_data) and withdraw your proposal at "
            "any time.\n\nYou can cancel at any time with /cancel. Do you accept?"
        ),
        "propose.accept": "✅ I accept",
        "propose.cancel_button": "✖️ Cancel",
        "propose.category": "Step 1 of 4 · What is your need or proposal about?",
        "category.transparencia": "Transparency and access to information",
        "category.integridad": "Integrity and accountability",
        "category.participacion": "Citizen participation",
        "category.colaboracion": "Collaboration and innovation",
        "category.otro": "Another topic",
        "propose.text": (
            "Step 2 of 4 · Tell us your need or proposal in your own words (20 to 2,000 "
            "characters). Reply to this message."
        ),
        "propose.text_placeholder": "My need or proposal is…",
        "propose.text_short": (
            "That is too short ({length:number} characters). Please write at least "
            "{minimum:number}."
        ),
        "propose.text_long": (
            "That is too long ({length:number} characters). The maximum is {maximum:number}; "
            "please shorten it."
        ),
        "propose.text_only": "At this step I need your written text. Please reply to this message.",
        "propose.province": "Step 3 of 4 · Which province? (optional)",
        "propose.skip": "Skip",
        "propose.contact": (
            "Step 4 of 4 · If you want the team to contact you outside Telegram, reply with your "
            "e-mail or phone. Otherwise press “Skip”."
        ),
        "propose.contact_placeholder": "name@example.ec or 0991234567",
        "propose.contact_not_yours": (
            "That contact belongs to someone else. Share your own, or type your e-mail or phone. "
            "Or press “Skip”."
        ),
        "propose.text_words": (
            "Please write your need in words: I only received emoji, numbers or signs."
        ),
        "propose.contact_invalid": (
            "I do not recognise that e-mail or phone. Examples: name@mail.ec or 0991234567. Or "
            "press “Skip”."
        ),
        "propose.summary": (
            "<b>Check your proposal</b>\nCategory: {category}\nProvince: {province}\nContact: "
            "{contact}\n\n{text}"
        ),
        "propose.not_given": "not given",
        "propose.province_not_given": "not given",
        "propose.send": "📨 Send",
        "propose.edit": "✏️ Edit",
        "propose.edit_which": "What do you want to change?",
        "propose.edit_category": "Category",
        "propose.edit_text": "Text",
        "propose.edit_province": "Province",
        "propose.edit_contact": "Contact",
        "propose.similar": (
            "Similar needs are already logged. You can support one (your support adds up and I "
            "will tell you its news) or go on with yours:"
        ),
        "propose.similar_item": "• <b>{code}</b> ({supports} supports): {excerpt}",
        "propose.support": "👍 Support {code}",
        "propose.distinct": "Mine is different",
        "propose.supported": "Thank you: your support for {code} is recorded.",
        "propose.already_supported": "You already support that proposal.",
        "propose.cannot_support": "That proposal no longer takes supports.",
        "propose.sent": (
            "✅ <b>Received.</b> Your tracking code is <b>{code}</b>.\nThe team will review it "
            "by {deadline} ({days} working days). I will tell you here every time its status "
            "changes. Check it with /status {code} or /my_proposals."
        ),
        "propose.already_sent": "You had already sent it: your code is <b>{code}</b>.",
        "propose.cancelled": "Done, I cancelled it. Nothing was stored.",
        "propose.nothing_to_cancel": "There is nothing to cancel.",
        "propose.stale": "That step is no longer active. Type /propose to start again.",
        "propose.stale_in_flow": (
            "That button belongs to an earlier step. Go on from my last message, or type /cancel."
        ),
        "propose.expired": (
            "Your draft proposal was deleted after 24 hours without activity. You can start "
            "again with /propose."
        ),
        "propose.from_fallback": "📝 Log it as a need",
        "proposal.status.recibida": "Received",
        "proposal.status.en_revision": "Under review",
        "proposal.status.respondida": "Answered",
        "proposal.status.aceptada": "Accepted",
        "proposal.status.derivada": "Referred",
        "proposal.status.descartada": "Dismissed",
        "proposal.status.retirada": "Withdrawn",
        "proposal.notify_author": "🔔 Your proposal <b>{code}</b> changed status: <b>{status}</b>.",
        "proposal.notify_supporter": (
            "🔔 The proposal <b>{code}</b> you support changed status: <b>{status}</b>."
        ),
        "proposal.notify_message": "\nThe team's answer: {message}",
        "proposal.notify_derived": "\nReferred to: {institution}",
        "proposal.notify_reason": "\nReason: {reason}",
        "proposal.mine_title": "<b>Your proposals</b>",
        "proposal.mine_none": "You have not logged any proposal yet. Use /propose.",
        "proposal.mine_item": "• <b>{code}</b> — {status}{overdue} — {date}",
        "proposal.overdue": " (overdue)",
        "proposal.status_usage": "Type the code like this: /status GA-XXXX-XX",
        "proposal.bad_code": (
            "That code does not have the format GA-XXXX-XX (GA, four letters or digits and two "
            "more), for example: /status GA-7K3M-Q9. You will find it in the message you got "
            "when you sent your proposal, or with /my_proposals."
        ),
        "proposal.not_found": "I cannot find any proposal with the code {code}.",
        "proposal.public": (
            "<b>{code}</b>\nCategory: {category}\nStatus: <b>{status}</b>{overdue}\nLogged: "
            "{date} · Review deadline: {deadline}\nSupports: {supports}"
        ),
        "proposal.public_answer": "\nPublic answer: {answer}",
        "proposal.derived_to": "\nReferred to: {institution}",
        "proposal.detail_text": "\n\n<b>Your text</b>\n{text}",
        "proposal.detail_history": "\n\n<b>History</b>",
        "proposal.history_item": "\n• {date}: {status}{message}",
        "proposal.withdraw": "Withdraw my proposal",
        "proposal.withdraw_confirm": "Do you really want to withdraw {code}? It cannot be undone.",
        "proposal.withdraw_yes": "Yes, withdraw",
        "proposal.withdraw_expired": (
            "That confirmation has expired and I did not withdraw {code}. If you still want to "
            "withdraw it, press the button and confirm again."
        ),
        "proposal.withdrawn": "You withdrew the proposal {code}.",
        "staff.not_authorised": "You are not authorised to do this.",
        "staff.panel_link": (
            "Your link to the team panel (valid for 10 minutes, works once; do not forward "
            "it):\n{url}"
        ),
        "staff.pending_title": "<b>Open proposals</b> ({total}), overdue first:",
        "staff.pending_none": "There are no open proposals.",
        "staff.pending_item": "• <b>{code}</b> {status}{overdue} — {date}\n  {excerpt}",
        "staff.view": (
            "<b>{code}</b> · {status}{overdue}\nCategory: {category} · Province: {province}\n"
            "Contact: {contact} · Supports: {supports} · Deadline: {deadline}\n\n{text}"
        ),
        "staff.history_item": "\n• {date} {actor}: {status}{message}{note}",
        "staff.actor_staff": "team member {id}",
        "staff.actor_citizen": "citizen",
        "staff.usage": (
            "Commands: /respond {code} text · /refer {code} institution · /dismiss {code} "
            "reason · /accept {code} [message]"
        ),
        "staff.to_review": "🔎 Under review",
        "staff.to_accept": "✅ Accept",
        "staff.done": (
            "Done: {code} is now “{status}”. Notice queued for {notified} "
            "{notified:person|people}; "
            "/view {code} shows whether it arrived."
        ),
        "staff.deliveries": (
            "\n\nNotices: {sent} delivered, {queued} queued, {failed} not delivered."
        ),
        "staff.bad_transition": "It cannot go from “{current}” to “{wanted}”.",
        "staff.needs_derivada": "Name the institution: /refer CODE Institution",
        "staff.needs_descartada": "Give the reason: /dismiss CODE reason",
        "staff.needs_respondida": "Write the answer: /respond CODE text",
        "staff.unknown_code": "That proposal does not exist.",
        "staff.code_usage": "Usage: {command} GA-XXXX-XX …",
        "staff.questions_title": "<b>Unanswered questions</b> ({total}), oldest first:",
        "staff.questions_none": "There are no pending questions.",
        "staff.question_item": "• <b>{id}</b> ({date}): {text}",
        "staff.question_help": (
            "Press “✍️ Answer” and reply to the message, or use /answer P-1234 text; or mark "
            "it for the knowledge base:"
        ),
        "staff.question_kb": "📚 {id} for the base",
        "staff.question_answered": "I answered the citizen (question {id}).",
        "staff.question_marked": "Question {id} marked for the knowledge base.",
        "staff.question_usage": "Usage: /answer P-1234 answer text",
        "staff.question_unknown": "There is no pending question with that reference.",
        "staff.too_long": (
            "Your text has {length:number} characters; the maximum is {maximum:number}. Shorten "
            "it and send it "
            "again: nothing was saved."
        ),
        "staffq.answer": "📬 <b>The team's answer</b> to your question “{question}”:\n{answer}",
        "data.summary": (
            "<b>Your data</b>\nPseudonym: {pseudonym}\nLanguage: {chosen_language}\nProposals: "
            "{proposals}\nQuestions logged: {questions}\nCommitments followed: {follows}\n"
            "Supports: {supports}\nInformation requests: {requests} (institution, subject, dates "
            "and outcome)\nI am also sending you a JSON file with every detail."
        ),
        "data.caption": "Your data in the Open Government Assistant",
        "erase.confirm": (
            "Delete your data? I will remove your pseudonym, your chat, your language, your "
            "contacts and what you follow. The text of your proposals and questions is kept with "
            "no link to you, for public statistics. This cannot be undone."
        ),
        "erase.yes": "Yes, delete",
        "erase.expired": (
            "That confirmation has expired and I deleted nothing. If you still want to delete "
            "your data, type /delete_my_data and confirm again."
        ),
        "erase.no": "No",
        "erase.done": (
            "Done. <b>Deleted:</b> your pseudonym, chat and language, {follows} "
            "{follows:follow|follows}, "
            "{notifications} pending {notifications:notice|notices} and {drafts} "
            "{drafts:draft|drafts}. <b>Anonymised:</b> "
            "{proposals} {proposals:proposal|proposals} (their contact deleted too), {questions} "
            "{questions:question|questions} and "
            "{supports} {supports:support|supports}: those texts are kept with no link to you, "
            "for public "
            "statistics. Of {requests} information {requests:request|requests} only the "
            "institution, dates and "
            "outcome stay, with no link to you and no subject; {request_drafts} unfinished "
            "{request_drafts:request|requests} deleted. If you write again, you start from scratch."
        ),
        "erase.cancelled": "I deleted nothing.",
        "group.use_private": "For this, write to me privately: {link}",
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
            "/plan — action-plan commitments and their status\n"
            "/following — commitments you follow\n"
            "/needs — published needs · /statistics — public figures\n"
            "/propose — log a need or proposal\n"
            "/my_proposals — your proposals · /status CODE — the status of one\n"
            "/my_data — your data · /delete_my_data — delete it\n"
            "/cancel — cancel what you are doing"
        ),
        "privacy": (
            "<b>Your privacy</b>\n"
            "• I do not keep your name or Telegram username. I know you by a pseudonym (a code "
            "that cannot be reversed) and keep your chat only to reply to you.\n"
            "• I keep your questions in normalised form, the answer I gave and your rating, to "
            "improve answers and publish anonymous statistics.\n"
            "• Your question as you wrote it reaches the team only if you ask (when I have no "
            "answer, or after a 👎); otherwise it is deleted within 24 hours.\n"
            "• If you log a proposal, I keep its text, the category and, if you want, the "
            "province and a contact that only the team sees.\n"
            "• Your rights are set out in Ecuador's Personal Data Protection Law (LOPDP): see "
            "everything I keep with /my_data and delete it with /delete_my_data."
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
            "Done: your question reached the Open Government team ({number}). "
            "I will write to you here when they answer."
        ),
        "fallback.already_sent": "Your question is already with the team ({number}).",
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
        "propose.province_help": (
            "I do not recognise that province. Choose one with the buttons or type its name "
            "(for example, Pichincha). You can also press “Skip”."
        ),
        "propose.consent_help": (
            "To go on, press “✅ I accept” in the message above, or type /cancel."
        ),
        "propose.category_help": (
            "Choose the category with one of the buttons above, or type /cancel."
        ),
        "propose.summary_help": (
            "Your proposal is ready to send: press “📨 Send”, “✏️ Edit” or “✖️ Cancel” in the "
            "summary above, or type /cancel."
        ),
        "propose.after_support": (
            "Thank you: your support for <b>{code}</b> is recorded and I will tell you its news. "
            "Do you want to send yours too?"
        ),
        "propose.send_anyway": "📨 Send mine anyway",
        "propose.finish": "✅ Finish here",
        "propose.finished": "Done. I did not log a new proposal; your support is kept.",
        "menu.mine": "📂 My proposals",
        "feedback.offer_staff": (
            "Thank you for telling me. You can rephrase your question, or send it to the Open "
            "Government team:"
        ),
        "help.staff": (
            "\n<b>For the team</b>\n"
            "/pending — open proposals · /view CODE — one proposal\n"
            "/respond, /accept, /refer, /dismiss CODE text — change its status\n"
            "/note CODE text — internal note (only the team sees it)\n"
            "/questions — questions sent to the team · /answer P-1234 text — answer one"
        ),
        "staff.overdue_days": " ⏰ {days} {days:day|days} late",
        "staff.no_moves": "From “{current}” the status cannot change.",
        "staff.moves_now": "From “{current}” it can move to: {allowed}.",
        "staff.stale_button": (
            "That button is from an older view: {code} is now “{current}”. Open /view {code}."
        ),
        "staff.note_usage": "Usage: /note GA-XXXX-XX text of the note",
        "staff.note_added": "Internal note saved on {code}. The citizen does not see it.",
        "staff.notes_title": "\n\n<b>Internal notes</b>",
        "staff.note_item": "\n• {date} {actor}: {note}",
        "staff.answer_button": "✍️ Answer {ref}",
        "staff.answer_prompt": "Type the answer to question {ref} as a reply to this message.",
        "staff.new_proposal": "🆕 New proposal <b>{code}</b> ({category}):\n{excerpt}",
        "staff.new_question": "📨 New question for the team <b>{ref}</b>:\n{excerpt}",
        "staff.open_proposal": "📂 Open the proposal",
        "staff.answer_now": "✍️ Answer",
        "referral.where": (
            "That is not an open-government matter, so I do not send it to the team. That "
            "procedure is handled by <b>{institution}</b>: {url}\nFor any other public "
            "procedure: https://www.gob.ec"
        ),
        "referral.out_of_scope": (
            "I only answer about open government, access to public information and citizen "
            "participation in Ecuador. See the topics I know with /topics."
        ),
        "plan.period_unknown": "dates not confirmed",
        "plan.known_results": "early results {value} (IRM)",
        "plan.known_ambition": "ambition {value} (IRM)",
        "plan.known_nothing": "no assessment published yet",
        "data.language_unset": "not chosen (I answer in your Telegram’s: {client})",
        "language.name.es": "Spanish",
        "language.name.en": "English",
        "data.pseudonym_note": (
            "\n<i>The pseudonym is computed from your Telegram id; it is not stored data. If you "
            "deleted your data you will see the same pseudonym, with nothing linked to it.</i>"
        ),
        "erase.pseudonym_note": (
            " Your pseudonym is recomputed from your Telegram id, so /my_data will show the same "
            "one, with no data linked to it."
        ),
        "chat.help": (
            "Type your question in your own words. In this terminal I also understand:\n"
            "/topics — the topics and their questions\n/plan — the action plans and their "
            "commitments\n/help — this help\nexit — quit\n"
            'When I show a numbered list (questions like yours, "You may also want to know", '
            "the topics), type its number to pick one.\n"
            "Proposing, following commitments, /my_data and sending to the team need Telegram."
        ),
        "chat.choose": "Type the number of your choice (or Enter to go back):",
        "chat.needs_telegram": "{command} needs Telegram: open it in the assistant's app.",
        "chat.bad_choice": "There is no option with that number.",
        "chat.choose_suggestion": "Type the number of the one you meant, or another question.",
        "chat.choose_related": "Type the number of one of them to read it, or another question.",
        "callback.expired": "This button is no longer valid. Type /start to begin again.",
        # Public statistics and published needs (issue 14)
        "stats.message": (
            "<b>The assistant's public statistics</b>\n\n"
            "Questions received: <b>{questions}</b>\n"
            "Answered outright: <b>{answered}</b> · with choices: {choices} · no verified "
            "answer: {fallback}\n"
            "Needs and proposals: <b>{proposals}</b>\n"
            "Median days to the first response: <b>{median}</b>\n"
            "Answered within the deadline: <b>{within}</b>\n"
            "Open past their deadline: <b>{overdue}</b>\n\n"
            "Figures of {when} (updated every minute)."
        ),
        "stats.more": "Every figure and the open data: {url}",
        "stats.none": "no figure yet",
        "stats.chart_title": "Questions per week",
        "stats.chart_weeks": "Week (Monday)",
        "stats.chart_questions": "Questions",
        "needs.intro": (
            "<b>Published needs</b>\n\nNeeds other citizens logged and staff published, without "
            "names or contacts. You can support those you share.\n"
            "Published: <b>{total}</b>. How would you like to see them?"
        ),
        "needs.all": "📋 All",
        "needs.by_category": "🗂 By category",
        "needs.by_province": "📍 By province",
        "needs.choose_category": "Choose a category:",
        "needs.choose_province": "Choose a province:",
        "needs.page": "<b>Published needs</b> · {filter}\nPage {page} of {pages} · {total} in all",
        "needs.filter_all": "all",
        "needs.none": "There are no published needs here yet.",
        "needs.card": (
            "<b>Need {code}</b>\n{category}{province}\nStatus: <b>{status}</b> · 👍 {supports}"
            "\n\n{text}"
        ),
        "needs.card_answer": "\n\n<b>The team's answer:</b> {answer}",
        "needs.card_derived": "\n<b>Referred to:</b> {institution}",
        "needs.share": (
            "\n\nTo share it, send this code: <code>{code}</code> — anyone who sends "
            "/needs {code} will see it."
        ),
        "needs.share_link": "\nOn the web: {url}",
        "needs.support": "👍 Support",
        "needs.supported": (
            "Thank you: your support is recorded. I will tell you when its status changes."
        ),
        "needs.already": "You already support this need (it counts once per person).",
        "needs.cannot": "This need cannot be supported (it is yours, or it is closed).",
        "needs.unknown": "I cannot find a published need with the code {code}.",
        "needs.published": (
            "📢 Staff published your proposal {code} as a public need, without your name or "
            "contact, so others can support it. Published text:\n\n{text}"
        ),
        "error.unavailable": (
            "The service is briefly unavailable. Please write again in a few minutes."
        ),
        "error.generic": (
            "Sorry, something went wrong while processing your message. Please try again in a "
            "moment."
        ),
    },
}

for _language, _texts in REQUEST_TEXTS.items():
    CATALOGUE[_language].update(_texts)  # type: ignore[attr-defined]

_TAG = re.compile(r"<[^>]+>")


def escape(text: str) -> str:
    """Escape a value for Telegram HTML (quotes need no escaping outside attributes)."""
    return html.escape(text, quote=False)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with "…" when something was cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def render(key: str, language: str = "es", **values: object) -> str:
    """Return the text ``key`` in ``language`` with every value HTML-escaped."""
    table = CATALOGUE.get(language) or CATALOGUE["es"]
    template = table.get(key) or CATALOGUE["es"][key]
    escaped = {name: escape(str(value)) for name, value in values.items()}
    return fill(template, language, **escaped)


def to_plain(text: str) -> str:
    """Turn Telegram HTML into plain text for the terminal."""
    return html.unescape(_TAG.sub("", text))

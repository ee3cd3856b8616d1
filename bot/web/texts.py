"""Every text of the staff panel, in Spanish and English, under stable keys.

Plain text: the templates escape everything they print (jinja2 autoescape), so values need no
escaping here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from bot.render.dates import format_date, format_moment
from bot.render.plurals import fill
from bot.render.texts import render, to_plain

PANEL_TEXTS: Mapping[str, Mapping[str, str]] = {
    "es": {
        "app.title": "Panel del equipo · Gobierno Abierto Ecuador",
        "app.short": "Panel del equipo",
        "app.skip": "Ir al contenido",
        "app.language": "English",
        "nav.dashboard": "Inicio",
        "nav.questions": "Preguntas",
        "nav.knowledge": "Base de conocimiento",
        "nav.commitments": "Compromisos",
        "nav.proposals": "Propuestas",
        "nav.audit": "Auditoría",
        "nav.sign_out": "Salir",
        "nav.signed_in_as": "Sesión iniciada: {actor}",
        "actor.staff": "equipo {id}",
        "actor.citizen": "ciudadano/a",
        "login.title": "Entrar al panel",
        "login.body": (
            "El panel es solo para el equipo de Gobierno Abierto (las cuentas de Telegram en "
            "STAFF_TELEGRAM_IDS). Para entrar:"
        ),
        "login.step_telegram": "Escriba /panel al asistente en Telegram: le enviará un enlace.",
        "login.step_cli": (
            "O, en el servidor, ejecute: python -m bot panel link SU_ID_DE_TELEGRAM"
        ),
        "login.step_open": (
            "Abra el enlace en este navegador antes de 10 minutos. Sirve una sola vez."
        ),
        "login.expired_session": "Su sesión terminó por inactividad. Entre de nuevo.",
        "login.signed_out": "Salió del panel.",
        "sign_out.title": "Salir del panel",
        "sign_out.body": "¿Quiere cerrar su sesión del panel en este navegador?",
        "sign_out.back": "No, volver al panel",
        "link.title": "Confirmar la entrada",
        "link.body": "Este enlace abre una sesión del panel en este navegador.",
        "link.button": "Entrar al panel",
        "link.expired": "Este enlace ya venció (dura 10 minutos). Pida otro con /panel.",
        "link.used": "Este enlace ya se usó (sirve una sola vez). Pida otro con /panel.",
        "link.unknown": "Este enlace no es válido. Pida uno nuevo con /panel.",
        "link.not_staff": "No está autorizado: esta cuenta ya no es parte del equipo.",
        "link.problem_title": "No se pudo entrar",
        "denied.title": "No está autorizado",
        "denied.body": "Esta cuenta no es parte del equipo. Su sesión se cerró.",
        "csrf.title": "Formulario no válido",
        "csrf.body": (
            "El formulario venció o no vino de este panel, así que no se cambió nada. "
            "Vuelva a la página y envíelo otra vez."
        ),
        "notfound.title": "No encontrado",
        "notfound.body": "No existe lo que busca.",
        "back": "Volver",
        "save": "Guardar",
        "search": "Buscar",
        "saved": "Guardado.",
        "none": "Nada por ahora.",
        "dashboard.title": "Inicio",
        "dashboard.questions": "Grupos de preguntas por revisar",
        "dashboard.sent": "Preguntas enviadas al equipo",
        "dashboard.proposals": "Propuestas abiertas",
        "dashboard.overdue": "Propuestas con plazo vencido",
        "dashboard.entries": "Entradas en la base",
        "dashboard.edited": "Entradas editadas en el panel",
        "dashboard.version": "Versión de la base aplicada",
        "dashboard.rebuild": "Último índice reconstruido en {ms} ms",
        "dashboard.recent": "Actividad reciente",
        "questions.title": "Preguntas para aprender",
        "questions.intro": (
            "Lo que el asistente no supo responder o respondió mal: respuestas de respaldo, "
            "preguntas enviadas al equipo, 👎 y elecciones en «¿Quiso decir…?». Agrupadas por "
            "redacción parecida; las más frecuentes primero."
        ),
        "questions.count": "{count} veces · última: {date}",
        "questions.count_one": "1 vez · {date}",
        "questions.kind.fallback": "sin respuesta",
        "questions.kind.sent": "enviada al equipo",
        "questions.kind.thumbs_down": "👎",
        "questions.kind.picked": "eligió una opción",
        "questions.picked": "eligió: {entry}",
        "questions.wordings": "Redacciones",
        "questions.answer": "Responder a quienes preguntaron",
        "questions.answer_label": "Respuesta (la recibe cada persona por Telegram)",
        "questions.answer_button": "Enviar respuesta",
        "questions.alternate": "Añadir como forma de preguntar de una entrada",
        "questions.create": "Crear una entrada nueva",
        "questions.out_of_scope": "Fuera de alcance",
        "questions.dismiss": "Descartar",
        "questions.done_answered": "Respuesta enviada a {count} {count:persona|personas}.",
        "questions.done_alternate": "Añadido a «{entry}». La próxima pregunta igual se responde.",
        "questions.done_created": "Entrada «{entry}» creada y ya en uso.",
        "questions.done_marked": "Listo.",
        "picker.title": "Elegir la entrada",
        "picker.intro": "Estas redacciones se añadirán como formas de preguntar:",
        "picker.search_label": "Buscar una entrada",
        "picker.choose": "Añadir a esta entrada",
        "review.none_selected": "No eligió ninguna pregunta.",
        "review.already_handled": "Esas preguntas ya se atendieron.",
        "review.answer_empty": "Escriba la respuesta.",
        "review.unknown_action": "Acción desconocida.",
        "knowledge.title": "Base de conocimiento",
        "knowledge.search_label": "Buscar por palabras o id",
        "knowledge.topic_label": "Tema",
        "knowledge.all_topics": "Todos los temas",
        "knowledge.col_entry": "Entrada",
        "knowledge.col_topic": "Tema",
        "knowledge.col_served": "Servida",
        "knowledge.col_up": "👍",
        "knowledge.col_down": "👎",
        "knowledge.edited": "editada en el panel",
        "knowledge.new": "Crear una entrada",
        "knowledge.count": "{count} entradas",
        "entry.title": "Entrada {id}",
        "entry.new_title": "Nueva entrada",
        "entry.id": "Id (minúsculas, números y guiones)",
        "entry.topic": "Tema",
        "entry.question_es": "Pregunta (español)",
        "entry.question_en": "Pregunta (inglés)",
        "entry.answer_es": "Respuesta (español, hasta 700 caracteres)",
        "entry.answer_en": "Respuesta (inglés, hasta 700 caracteres)",
        "entry.detail_es": "Detalle (español, opcional)",
        "entry.detail_en": "Detalle (inglés, opcional)",
        "entry.alternates_es": "Otras formas de preguntar, español (una por línea, al menos 4)",
        "entry.alternates_en": "Otras formas de preguntar, inglés (una por línea, al menos 2)",
        "entry.sources": "Fuentes (una URL por línea, al menos una)",
        "entry.related": "Entradas relacionadas (ids, una por línea)",
        "entry.reviewed": "Revisada el",
        "entry.note": "Nota del cambio (opcional)",
        "entry.problems": "No se guardó. Corrija esto:",
        "problem.empty": "{field}: está vacío.",
        "problem.id": (
            "{field}: use solo minúsculas sin tildes, números y guiones, por ejemplo "
            "lotaip-plazos («{value}» no sirve)."
        ),
        "problem.url": "{field}: «{value}» no es una dirección web (empiece con https://).",
        "problem.date": (
            "{field}: escriba la fecha como año-mes-día, por ejemplo 2026-11-30 («{value}» no "
            "sirve)."
        ),
        "problem.too_long": (
            "{field}: tiene {count:number} caracteres; el límite es {limit:number}."
        ),
        "problem.over": "{field}: pasa de {limit:number} caracteres.",
        "problem.too_few": "{field}: tiene {count}; hacen falta al menos {minimum}.",
        "problem.related_unknown": "{field}: no existe ninguna entrada «{value}».",
        "problem.related_self": "{field}: una entrada no puede ser relacionada de sí misma.",
        "problem.no_sources": "{field}: agregue al menos una.",
        "problem.unknown_topic": "{field}: el tema «{value}» no existe.",
        "problem.phrasing_taken": (
            "«{value}» ya es una forma de preguntar de la entrada «{owner}»: déjela en una sola."
        ),
        "entry.history": "Historial",
        "entry.version": "versión {version}",
        "entry.baseline": "YAML (base revisada)",
        "entry.current": "actual",
        "entry.restore": "Restaurar esta versión",
        "entry.unknown_version": (
            "Esa versión no está en el historial de la entrada; no se restauró nada."
        ),
        "entry.restore_refused": "No se restauró esa versión: {problems}",
        "entry.hidden": "oculta",
        "entry.stats": "Servida {served} veces · 👍 {up} · 👎 {down}",
        "commitments.title": "Compromisos",
        "commitments.col_commitment": "Compromiso",
        "commitments.col_status": "Estado",
        "commitments.col_as_of": "A la fecha",
        "commitments.form": "Registrar una actualización",
        "commitments.commitment": "Compromiso",
        "commitments.status": "Estado (escala del MRI)",
        "commitments.note": "Qué cambió",
        "commitments.source": "URL de la fuente (obligatoria)",
        "commitments.as_of": "Fecha a la que se refiere",
        "commitments.done": (
            "Actualización registrada; {count} {count:seguidor recibirá|seguidores recibirán} el "
            "aviso."
        ),
        "commitments.unknown": "Ese compromiso no existe.",
        "commitments.needs_note": "No se guardó: escriba qué cambió.",
        "commitments.needs_source": (
            "No se guardó: la fuente debe ser una dirección web que empiece con https://."
        ),
        "commitments.bad_date": (
            "No se guardó: escriba la fecha como año-mes-día, por ejemplo 2026-11-30 («{value}» "
            "no sirve)."
        ),
        "commitments.unverified": "sin verificar",
        "audit.title": "Auditoría",
        "audit.col_when": "Cuándo",
        "audit.col_who": "Quién",
        "audit.col_what": "Qué",
        "audit.col_target": "Sobre",
        "audit.col_detail": "Detalle",
        "action.panel.sign_in": "Entró al panel",
        "action.panel.sign_out": "Salió del panel",
        "action.kb.edit": "Editó una entrada de la base",
        "action.kb.create": "Creó una entrada de la base",
        "action.kb.add_alternate": "Añadió una forma de preguntar",
        "action.kb.restore": "Restauró una versión de la base",
        "action.questions.answered": "Respondió preguntas",
        "action.questions.alternate": "Unió preguntas a una entrada",
        "action.questions.created": "Creó una entrada con preguntas",
        "action.questions.out_of_scope": "Marcó preguntas fuera de tema",
        "action.questions.dismissed": "Descartó preguntas",
        "action.proposal.status": "Cambió el estado de una propuesta",
        "action.proposal.note": "Anotó una propuesta",
        "action.proposal.assign": "Asignó una propuesta",
        "action.proposal.publish": "Publicó una propuesta",
        "action.proposal.unpublish": "Retiró una propuesta publicada",
        "action.proposals.export": "Exportó las propuestas",
        "action.commitment.update": "Actualizó un compromiso",
        "detail.to": "Nuevo estado",
        "detail.status": "Estado",
        "detail.public_message": "Mensaje público",
        "detail.notified": "Personas avisadas",
        "detail.note": "Nota",
        "detail.assignee": "Asignada a",
        "detail.nobody": "nadie",
        "detail.version": "Versión",
        "detail.created": "Entrada nueva",
        "detail.questions": "Preguntas",
        "detail.answer": "Respuesta",
        "detail.source": "Fuente",
        "detail.followers": "Seguidores avisados",
        "detail.edited": "Texto editado",
        "detail.rows": "Filas",
        "detail.include_contact": "Con contacto",
        "detail.filters": "Filtros",
        "detail.overdue": "plazo vencido",
        "detail.yes": "sí",
        "detail.no": "no",
        "detail.none": "ninguno",
        "publish.title": "Publicar como necesidad",
        "publish.intro": (
            "Lo publicado aparece en /necesidades (Telegram y web) y en los datos abiertos, "
            "sin el nombre ni el contacto de la persona, para que otros la apoyen. El texto de "
            "la persona se conserva aparte, sin publicar. Se le avisará por Telegram."
        ),
        "publish.removed": (
            "Se quitó automáticamente: {what}. Revise también nombres y direcciones."
        ),
        "publish.nothing_removed": (
            "Las reglas no encontraron correos, teléfonos, cédulas ni enlaces. Revise nombres y "
            "direcciones antes de publicar."
        ),
        "publish.label": "Texto público (se vuelve a limpiar al guardar)",
        "publish.button": "Publicar",
        "publish.update_button": "Actualizar el texto publicado",
        "publish.is_public": "Publicada el {date} por {actor}.",
        "publish.unpublish": "Retirar de la lista pública",
        "publish.done": "Publicada. La persona recibirá un aviso.",
        "publish.updated": "Texto público actualizado.",
        "publish.withdrawn": "Retirada de la lista pública.",
        "publish.bad_text": "El texto público debe tener entre 10 y 2000 caracteres.",
        "proposals.title": "Propuestas",
        "proposals.counts": "Por estado",
        "proposals.all": "Todas",
        "proposals.open": "Abiertas",
        "proposals.filters": "Filtrar",
        "proposals.status": "Estado",
        "proposals.category": "Categoría",
        "proposals.province": "Provincia",
        "proposals.any": "Cualquiera",
        "proposals.overdue": "Solo con plazo vencido",
        "proposals.assignee": "Asignada a",
        "proposals.nobody": "Nadie",
        "proposals.search": "Buscar en el texto o el código",
        "proposals.sort": "Orden",
        "proposals.sort.overdue": "Vencidas primero",
        "proposals.sort.oldest": "Más antiguas primero",
        "proposals.sort.newest": "Más nuevas primero",
        "proposals.sort.supported": "Más apoyadas primero",
        "proposals.apply": "Aplicar",
        "proposals.found": "{total} {total:propuesta|propuestas}",
        "proposals.col_code": "Código",
        "proposals.col_status": "Estado",
        "proposals.col_text": "Texto",
        "proposals.col_supports": "Apoyos",
        "proposals.col_deadline": "Plazo",
        "proposals.col_assignee": "Asignada",
        "proposals.days_left": "{days:queda|quedan} {days} {days:día|días}",
        "proposals.days_late": "{days} {days:día|días} de retraso",
        "proposals.due_today": "vence hoy",
        "proposals.csv": "Descargar CSV",
        "proposals.include_contact": "Incluir contacto (queda registrado en la auditoría)",
        "proposals.detail": "Propuesta {code}",
        "proposals.text": "Texto de la persona",
        "proposals.contact": "Contacto (solo para el equipo)",
        "proposals.not_given": "no indicado",
        "proposals.supports": "Apoyos",
        "proposals.deadline": "Plazo de revisión",
        "proposals.created": "Recibida el",
        "proposals.public_answer": "Respuesta pública",
        "proposals.history": "Historial",
        "proposals.notes": "Notas internas (solo el equipo las ve)",
        "proposals.note_label": "Nueva nota interna",
        "proposals.note_button": "Guardar nota",
        "proposals.note_saved": "Nota guardada.",
        "proposals.assign_label": "Asignar a",
        "proposals.assign_button": "Asignar",
        "proposals.assigned": "Asignación guardada.",
        "proposals.unknown_assignee": (
            "Esa persona no está en la lista del equipo; la asignación no cambió. "
            "Elija a alguien de la lista."
        ),
        "proposals.change": "Cambiar el estado",
        "proposals.change_label": "Nuevo estado (solo los cambios permitidos)",
        "proposals.public_message": "Mensaje público (lo reciben la persona y quienes la apoyan)",
        "proposals.derived_to": "Institución (si se deriva)",
        "proposals.reason": "Motivo (si se descarta)",
        "proposals.internal_note": "Nota interna del cambio (opcional)",
        "proposals.change_button": "Cambiar el estado",
        "proposals.status_changed": (
            "Estado cambiado; {count} {count:persona recibirá|personas recibirán} el aviso."
        ),
        "proposals.no_moves": "Este estado ya no admite cambios.",
        "proposals.needs_respondida": (
            "No se cambió el estado: escriba el mensaje público, que es la respuesta que "
            "recibirán la persona y quienes la apoyan."
        ),
        "proposals.needs_derivada": (
            "No se cambió el estado: indique la institución en «Institución (si se deriva)»."
        ),
        "proposals.needs_descartada": (
            "No se cambió el estado: escriba el motivo en «Motivo (si se descarta)»."
        ),
        "page.prev": "← Anterior",
        "page.next": "Siguiente →",
        "page.of": "Página {page} de {pages}",
    },
    "en": {
        "app.title": "Team panel · Open Government Ecuador",
        "app.short": "Team panel",
        "app.skip": "Skip to content",
        "app.language": "Español",
        "nav.dashboard": "Home",
        "nav.questions": "Questions",
        "nav.knowledge": "Knowledge base",
        "nav.commitments": "Commitments",
        "nav.proposals": "Proposals",
        "nav.audit": "Audit",
        "nav.sign_out": "Sign out",
        "nav.signed_in_as": "Signed in: {actor}",
        "actor.staff": "team member {id}",
        "actor.citizen": "citizen",
        "login.title": "Sign in to the panel",
        "login.body": (
            "The panel is only for the open-government team (the Telegram accounts in "
            "STAFF_TELEGRAM_IDS). To sign in:"
        ),
        "login.step_telegram": "Send /panel to the assistant on Telegram: it sends you a link.",
        "login.step_cli": "Or, on the server, run: python -m bot panel link YOUR_TELEGRAM_ID",
        "login.step_open": "Open the link in this browser within 10 minutes. It works once.",
        "login.expired_session": "Your session ended after a period of inactivity. Sign in again.",
        "login.signed_out": "You signed out.",
        "sign_out.title": "Sign out of the panel",
        "sign_out.body": "Do you want to end your panel session in this browser?",
        "sign_out.back": "No, back to the panel",
        "link.title": "Confirm sign-in",
        "link.body": "This link opens a panel session in this browser.",
        "link.button": "Sign in to the panel",
        "link.expired": "This link has expired (it lasts 10 minutes). Ask for another with /panel.",
        "link.used": "This link was already used (it works once). Ask for another with /panel.",
        "link.unknown": "This link is not valid. Ask for a new one with /panel.",
        "link.not_staff": "Not authorised: this account is no longer on the team.",
        "link.problem_title": "Could not sign in",
        "denied.title": "Not authorised",
        "denied.body": "This account is not on the team. Your session was closed.",
        "csrf.title": "Invalid form",
        "csrf.body": (
            "The form expired or did not come from this panel, so nothing was changed. Go back "
            "to the page and send it again."
        ),
        "notfound.title": "Not found",
        "notfound.body": "What you are looking for does not exist.",
        "back": "Back",
        "save": "Save",
        "search": "Search",
        "saved": "Saved.",
        "none": "Nothing for now.",
        "dashboard.title": "Home",
        "dashboard.questions": "Question groups to review",
        "dashboard.sent": "Questions sent to the team",
        "dashboard.proposals": "Open proposals",
        "dashboard.overdue": "Overdue proposals",
        "dashboard.entries": "Entries in the knowledge base",
        "dashboard.edited": "Entries edited in the panel",
        "dashboard.version": "Knowledge base version applied",
        "dashboard.rebuild": "Last index rebuilt in {ms} ms",
        "dashboard.recent": "Recent activity",
        "questions.title": "Questions to learn from",
        "questions.intro": (
            "What the assistant could not answer or answered badly: fallbacks, questions sent to "
            "the team, 👎 and “Did you mean…?” picks. Grouped by similar wording; most frequent "
            "first."
        ),
        "questions.count": "{count} times · last: {date}",
        "questions.count_one": "once · {date}",
        "questions.kind.fallback": "no answer",
        "questions.kind.sent": "sent to the team",
        "questions.kind.thumbs_down": "👎",
        "questions.kind.picked": "picked a choice",
        "questions.picked": "picked: {entry}",
        "questions.wordings": "Wordings",
        "questions.answer": "Answer the people who asked",
        "questions.answer_label": "Answer (each person receives it on Telegram)",
        "questions.answer_button": "Send answer",
        "questions.alternate": "Add as a phrasing of an entry",
        "questions.create": "Create a new entry",
        "questions.out_of_scope": "Out of scope",
        "questions.dismiss": "Dismiss",
        "questions.done_answered": "Answer sent to {count} {count:person|people}.",
        "questions.done_alternate": "Added to “{entry}”. The next identical question is answered.",
        "questions.done_created": "Entry “{entry}” created and already in use.",
        "questions.done_marked": "Done.",
        "picker.title": "Choose the entry",
        "picker.intro": "These wordings will be added as phrasings:",
        "picker.search_label": "Search for an entry",
        "picker.choose": "Add to this entry",
        "review.none_selected": "No question was selected.",
        "review.already_handled": "Those questions were already handled.",
        "review.answer_empty": "Write the answer.",
        "review.unknown_action": "Unknown action.",
        "knowledge.title": "Knowledge base",
        "knowledge.search_label": "Search by words or id",
        "knowledge.topic_label": "Topic",
        "knowledge.all_topics": "All topics",
        "knowledge.col_entry": "Entry",
        "knowledge.col_topic": "Topic",
        "knowledge.col_served": "Served",
        "knowledge.col_up": "👍",
        "knowledge.col_down": "👎",
        "knowledge.edited": "edited in the panel",
        "knowledge.new": "Create an entry",
        "knowledge.count": "{count} entries",
        "entry.title": "Entry {id}",
        "entry.new_title": "New entry",
        "entry.id": "Id (lowercase letters, digits and hyphens)",
        "entry.topic": "Topic",
        "entry.question_es": "Question (Spanish)",
        "entry.question_en": "Question (English)",
        "entry.answer_es": "Answer (Spanish, up to 700 characters)",
        "entry.answer_en": "Answer (English, up to 700 characters)",
        "entry.detail_es": "Detail (Spanish, optional)",
        "entry.detail_en": "Detail (English, optional)",
        "entry.alternates_es": "Other ways to ask, Spanish (one per line, at least 4)",
        "entry.alternates_en": "Other ways to ask, English (one per line, at least 2)",
        "entry.sources": "Sources (one URL per line, at least one)",
        "entry.related": "Related entries (ids, one per line)",
        "entry.reviewed": "Reviewed on",
        "entry.note": "Note about the change (optional)",
        "entry.problems": "Not saved. Please fix:",
        "problem.empty": "{field}: it is empty.",
        "problem.id": (
            "{field}: use only lowercase letters without accents, digits and hyphens, for "
            'example lotaip-plazos ("{value}" will not do).'
        ),
        "problem.url": '{field}: "{value}" is not a web address (start it with https://).',
        "problem.date": (
            '{field}: write the date as year-month-day, for example 2026-11-30 ("{value}" will '
            "not do)."
        ),
        "problem.too_long": (
            "{field}: it has {count:number} characters; the limit is {limit:number}."
        ),
        "problem.over": "{field}: it is over {limit:number} characters.",
        "problem.too_few": "{field}: it has {count}; at least {minimum} are needed.",
        "problem.related_unknown": '{field}: there is no entry "{value}".',
        "problem.related_self": "{field}: an entry cannot be related to itself.",
        "problem.no_sources": "{field}: add at least one.",
        "problem.unknown_topic": '{field}: there is no topic "{value}".',
        "problem.phrasing_taken": (
            '"{value}" is already a way of asking of the entry "{owner}": keep it in one only.'
        ),
        "entry.history": "History",
        "entry.version": "version {version}",
        "entry.baseline": "YAML (reviewed baseline)",
        "entry.current": "current",
        "entry.restore": "Restore this version",
        "entry.unknown_version": (
            "That version is not in this entry's history; nothing was restored."
        ),
        "entry.restore_refused": "That version was not restored: {problems}",
        "entry.hidden": "hidden",
        "entry.stats": "Served {served} times · 👍 {up} · 👎 {down}",
        "commitments.title": "Commitments",
        "commitments.col_commitment": "Commitment",
        "commitments.col_status": "Status",
        "commitments.col_as_of": "As of",
        "commitments.form": "Record a status update",
        "commitments.commitment": "Commitment",
        "commitments.status": "Status (IRM scale)",
        "commitments.note": "What changed",
        "commitments.source": "Source URL (required)",
        "commitments.as_of": "Date it refers to",
        "commitments.done": "Update recorded; {count} {count:follower|followers} will be notified.",
        "commitments.unknown": "That commitment does not exist.",
        "commitments.needs_note": "Not saved: write what changed.",
        "commitments.needs_source": (
            "Not saved: the source must be a web address starting with https://."
        ),
        "commitments.bad_date": (
            'Not saved: write the date as year-month-day, for example 2026-11-30 ("{value}" will '
            "not do)."
        ),
        "commitments.unverified": "unverified",
        "audit.title": "Audit",
        "audit.col_when": "When",
        "audit.col_who": "Who",
        "audit.col_what": "What",
        "audit.col_target": "About",
        "audit.col_detail": "Detail",
        "action.panel.sign_in": "Signed in to the panel",
        "action.panel.sign_out": "Signed out of the panel",
        "action.kb.edit": "Edited a knowledge entry",
        "action.kb.create": "Created a knowledge entry",
        "action.kb.add_alternate": "Added a way of asking",
        "action.kb.restore": "Restored a knowledge version",
        "action.questions.answered": "Answered questions",
        "action.questions.alternate": "Joined questions to an entry",
        "action.questions.created": "Created an entry from questions",
        "action.questions.out_of_scope": "Marked questions out of scope",
        "action.questions.dismissed": "Dismissed questions",
        "action.proposal.status": "Changed a proposal's status",
        "action.proposal.note": "Noted a proposal",
        "action.proposal.assign": "Assigned a proposal",
        "action.proposal.publish": "Published a proposal",
        "action.proposal.unpublish": "Unpublished a proposal",
        "action.proposals.export": "Exported the proposals",
        "action.commitment.update": "Updated a commitment",
        "detail.to": "New status",
        "detail.status": "Status",
        "detail.public_message": "Public message",
        "detail.notified": "People notified",
        "detail.note": "Note",
        "detail.assignee": "Assigned to",
        "detail.nobody": "nobody",
        "detail.version": "Version",
        "detail.created": "New entry",
        "detail.questions": "Questions",
        "detail.answer": "Answer",
        "detail.source": "Source",
        "detail.followers": "Followers notified",
        "detail.edited": "Text edited",
        "detail.rows": "Rows",
        "detail.include_contact": "With contact",
        "detail.filters": "Filters",
        "detail.overdue": "overdue",
        "detail.yes": "yes",
        "detail.no": "no",
        "detail.none": "none",
        "publish.title": "Publish as a need",
        "publish.intro": (
            "What you publish appears under /needs on Telegram, on the website's needs page and "
            "in the open data, without the person's name or contact, so others can support it. "
            "The person's own text is kept apart, unpublished. They will be told on Telegram."
        ),
        "publish.removed": "Taken out automatically: {what}. Check names and addresses too.",
        "publish.nothing_removed": (
            "The rules found no e-mails, phones, cédula numbers or links. Check names and "
            "addresses before publishing."
        ),
        "publish.label": "Public text (cleaned again when saved)",
        "publish.button": "Publish",
        "publish.update_button": "Update the published text",
        "publish.is_public": "Published on {date} by {actor}.",
        "publish.unpublish": "Take off the public list",
        "publish.done": "Published. The person will be told.",
        "publish.updated": "Public text updated.",
        "publish.withdrawn": "Taken off the public list.",
        "publish.bad_text": "The public text must be 10 to 2000 characters long.",
        "proposals.title": "Proposals",
        "proposals.counts": "By status",
        "proposals.all": "All",
        "proposals.open": "Open",
        "proposals.filters": "Filter",
        "proposals.status": "Status",
        "proposals.category": "Category",
        "proposals.province": "Province",
        "proposals.any": "Any",
        "proposals.overdue": "Overdue only",
        "proposals.assignee": "Assigned to",
        "proposals.nobody": "Nobody",
        "proposals.search": "Search the text or the code",
        "proposals.sort": "Order",
        "proposals.sort.overdue": "Overdue first",
        "proposals.sort.oldest": "Oldest first",
        "proposals.sort.newest": "Newest first",
        "proposals.sort.supported": "Most supported first",
        "proposals.apply": "Apply",
        "proposals.found": "{total} {total:proposal|proposals}",
        "proposals.col_code": "Code",
        "proposals.col_status": "Status",
        "proposals.col_text": "Text",
        "proposals.col_supports": "Supports",
        "proposals.col_deadline": "Deadline",
        "proposals.col_assignee": "Assigned",
        "proposals.days_left": "{days} {days:day|days} left",
        "proposals.days_late": "{days} {days:day|days} late",
        "proposals.due_today": "due today",
        "proposals.csv": "Download CSV",
        "proposals.include_contact": "Include contact (recorded in the audit)",
        "proposals.detail": "Proposal {code}",
        "proposals.text": "The person's text",
        "proposals.contact": "Contact (team only)",
        "proposals.not_given": "not given",
        "proposals.supports": "Supports",
        "proposals.deadline": "Review deadline",
        "proposals.created": "Received on",
        "proposals.public_answer": "Public answer",
        "proposals.history": "History",
        "proposals.notes": "Internal notes (only the team sees them)",
        "proposals.note_label": "New internal note",
        "proposals.note_button": "Save note",
        "proposals.note_saved": "Note saved.",
        "proposals.assign_label": "Assign to",
        "proposals.assign_button": "Assign",
        "proposals.assigned": "Assignment saved.",
        "proposals.unknown_assignee": (
            "That person is not on the staff list; the assignment did not change. "
            "Choose someone from the list."
        ),
        "proposals.change": "Change the status",
        "proposals.change_label": "New status (allowed moves only)",
        "proposals.public_message": "Public message (the person and their supporters receive it)",
        "proposals.derived_to": "Institution (when referring)",
        "proposals.reason": "Reason (when dismissing)",
        "proposals.internal_note": "Internal note about the change (optional)",
        "proposals.change_button": "Change the status",
        "proposals.status_changed": (
            "Status changed; {count} {count:person|people} will be notified."
        ),
        "proposals.no_moves": "This status allows no more changes.",
        "proposals.needs_respondida": (
            "The status was not changed: write the public message, the answer the person and "
            "their supporters will receive."
        ),
        "proposals.needs_derivada": (
            'The status was not changed: name the institution in "Institution (when referring)".'
        ),
        "proposals.needs_descartada": (
            'The status was not changed: give the reason in "Reason (when dismissing)".'
        ),
        "page.prev": "← Previous",
        "page.next": "Next →",
        "page.of": "Page {page} of {pages}",
    },
}


def panel_text(key: str, language: str = "es", **values: object) -> str:
    """Return the panel text ``key`` in ``language`` (Spanish when missing), filled in."""
    table = PANEL_TEXTS.get(language) or PANEL_TEXTS["es"]
    template = table.get(key) or PANEL_TEXTS["es"][key]
    return fill(template, language, **values) if values else template


def action_text(code: str, language: str = "es") -> str:
    """Return an audit action code in words in ``language`` (the code itself when unknown)."""
    key = f"action.{code}"
    return panel_text(key, language) if key in PANEL_TEXTS["es"] else code


def actor_text(actor: str | None, language: str = "es") -> str:
    """Return who signed an action as people read it: "equipo 5c2e3702", not "equipo:5c2e3702"."""
    if not actor:
        return ""
    if actor.startswith("equipo:"):
        return panel_text("actor.staff", language, id=actor.removeprefix("equipo:"))
    if actor == "ciudadano":
        return panel_text("actor.citizen", language)
    return actor


DETAIL_LENGTH = 160  # a long note or answer is read on its own page; the trail shows its start


def _label(key: str, language: str) -> str:
    """A catalogue text as plain words (the citizen-facing catalogue holds Telegram HTML)."""
    return to_plain(render(key, language))


def _filters_text(filters: Mapping[str, object], language: str) -> str:
    """The queue filters of an export as the queue's own form names them."""
    parts = []
    for name, value in filters.items():
        shown = str(value)
        if name == "status":
            shown = (
                panel_text("proposals.open", language)
                if value == "open"
                else _label(f"proposal.status.{value}", language)
            )
        elif name == "category":
            shown = _label(f"category.{value}", language)
        elif name == "assignee":
            shown = actor_text(shown, language)
        elif name == "sort" and f"proposals.sort.{value}" in PANEL_TEXTS["es"]:
            shown = panel_text(f"proposals.sort.{value}", language)
        elif name == "overdue":
            parts.append(panel_text("detail.overdue", language))
            continue
        elif name == "q":
            shown = f"«{value}»"
        label_key = "proposals.search" if name == "q" else f"proposals.{name}"
        label = panel_text(label_key, language) if label_key in PANEL_TEXTS["es"] else name
        parts.append(f"{label}: {shown}")
    return ", ".join(parts) or panel_text("detail.none", language)


def _value_text(action: str, name: str, value: object, language: str) -> str:
    """One audit detail value in words."""
    if isinstance(value, bool):
        return panel_text("detail.yes" if value else "detail.no", language)
    if name == "to" and action == "proposal.status":
        return _label(f"proposal.status.{value}", language)
    if name == "status" and action == "commitment.update":
        return _label(f"status.{value}", language)
    if name == "assignee":
        return actor_text(str(value), language) if value else panel_text("detail.nobody", language)
    if name == "filters" and isinstance(value, Mapping):
        return _filters_text(value, language)
    if isinstance(value, list):
        return str(len(value))
    text = str(value)
    try:
        if len(text) == 10:
            return format_date(dt.date.fromisoformat(text), language)
        if 16 <= len(text) <= 32 and text[4] == "-" and "T" in text:
            return format_moment(dt.datetime.fromisoformat(text), language)
    except ValueError:
        pass
    return text if len(text) <= DETAIL_LENGTH else text[: DETAIL_LENGTH - 1].rstrip() + "…"


def audit_details(
    action: str, detail: Mapping[str, object], language: str = "es"
) -> list[tuple[str, str]]:
    """An audit event's details as (label, value) pairs people read: "Nuevo estado: Respondida"."""
    pairs = []
    for name, value in detail.items():
        if value is None:
            continue
        key = f"detail.{name}"
        label = panel_text(key, language) if key in PANEL_TEXTS["es"] else name.replace("_", " ")
        pairs.append((label, _value_text(action, name, value, language)))
    return pairs


# What ``kb check`` says of one entry (knowledge/check.py), read back to say it in the panel's
# words; a message these do not know is shown as it is. tests/web pins each one.
_CHECKS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), field, key)
    for pattern, field, key in (
        (r"^answer\.(?P<lang>es|en) has (?P<count>\d+) characters \(limit (?P<limit>\d+)\)$",
         "answer", "problem.too_long"),
        (r"^detail\.(?P<lang>es|en) is over (?P<limit>\d+) characters$", "detail",
         "problem.over"),
        (r"^alternates\.(?P<lang>es|en) has (?P<count>\d+) phrasings "
         r"\(at least (?P<minimum>\d+)\)$", "alternates", "problem.too_few"),
        (r"^missing language '(?P<lang>es|en)' in alternates$", "alternates", "problem.empty"),
        (r"^related id '(?P<value>.*)' does not exist$", "related", "problem.related_unknown"),
        (r"^lists itself as related$", "related", "problem.related_self"),
        (r"^has no sources$", "sources", "problem.no_sources"),
        (r"^unknown topic '(?P<value>.*)'$", "topic", "problem.unknown_topic"),
        (r"^phrasing '(?P<value>.*)' is also in entry '(?P<owner>.*)'$", "",
         "problem.phrasing_taken"),
    )
)  # fmt: skip

# The schema's error types (pydantic) the entry form can cause, by what they mean to staff.
_SCHEMA_KEYS = {
    "string_pattern_mismatch": "problem.id",
    "string_too_short": "problem.empty",
    "missing": "problem.empty",
    "too_short": "problem.empty",
    "url_parsing": "problem.url",
    "url_scheme": "problem.url",
    "url_syntax_violation": "problem.url",
    "url_type": "problem.url",
    "date_from_datetime_parsing": "problem.date",
    "date_parsing": "problem.date",
    "date_type": "problem.date",
    "datetime_from_date_parsing": "problem.date",
}


def _field_label(path: str, language: str) -> str:
    """The form's label for a schema path: "answer.es" → "Respuesta (español, …)"."""
    parts = [p for p in path.split(".") if not p.isdigit()]
    key = "entry." + "_".join(parts[:2])
    if key not in PANEL_TEXTS["es"]:
        key = f"entry.{parts[0]}" if parts else key
    return panel_text(key, language) if key in PANEL_TEXTS["es"] else path


def entry_problems(
    problems: Sequence[str], fields: Sequence[tuple[str, str, object]], language: str = "es"
) -> list[str]:
    """An entry form's problems in the panel's language, each naming the form's field."""
    if fields:
        said = []
        for (path, kind, typed), raw in zip(fields, problems, strict=False):
            key = _SCHEMA_KEYS.get(kind)
            if key is None:
                said.append(raw)
                continue
            said.append(panel_text(key, language, field=_field_label(path, language), value=typed))
        return said
    said = []
    for raw in problems:
        message = re.sub(r"^entry '[^']*': ", "", raw)
        for pattern, field, key in _CHECKS:
            found = pattern.match(message)
            if found is None:
                continue
            values = found.groupdict()
            language_of_field = values.pop("lang", None)
            path = f"{field}.{language_of_field}" if language_of_field else field
            said.append(panel_text(key, language, field=_field_label(path, language), **values))
            break
        else:
            said.append(raw)
    return said

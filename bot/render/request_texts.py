"""Texts of the information-request flow, in Spanish and English (merged into bot.render.texts).

Facts and their sources (../shared/research/ecuador-ogp.md §3):
* deadline 10 calendar days + 5 with justified extension: lotaip.com (secondary);
* institutions publish their forms, including the request form: LOTAIP 2023 Art. 19 (official
  page registropropiedadpuertoquito.gob.ec/?p=7664); paper or electronic submission: gob.ec;
* Defensoría del Pueblo, governing body able to sanction: dpe.gob.ec (official); its complaint
  steps are NOT FOUND in the research, and the text says so;
* acción de acceso a la información pública: Constitution Art. 91 (dlcarballo.com, secondary),
  LOGJCC arts. 47–48 (quilanga.gob.ec, official; slideshare, secondary);
* the first LOTAIP: Registro Oficial Suplemento 337, 18 May 2004 (informatica-juridica.com).
"""

from __future__ import annotations

SOURCE_DEADLINE = (
    "https://lotaip.com/2023/10/17/en-cuanto-tiempo-las-entidades-sujetas-a-la-lotaip-deben-"
    "entregar-la-informacion-que-se-les-requiera"
)
SOURCE_FORMS = "https://registropropiedadpuertoquito.gob.ec/?p=7664"
SOURCE_PROCEDURE = "https://www.gob.ec/pr/tramites/atencion-solicitudes-acceso-informacion-publica"
SOURCE_DPE = (
    "https://www.dpe.gob.ec/la-defensoria-del-pueblo-de-ecuador-es-la-institucion-rectora-del-"
    "control-y-cumplimiento-del-derecho-al-acceso-a-la-informacion-publica/"
)
SOURCE_ACTION = (
    "https://dlcarballo.com/2013/02/27/transparencia-y-acceso-a-la-informacion-en-ecuador/"
)
SOURCE_LOGJCC = "http://quilanga.gob.ec/?p=1563"

_NEXT_STEPS_SOURCES = (
    f'<a href="{SOURCE_DPE}">dpe.gob.ec</a> · <a href="{SOURCE_ACTION}">dlcarballo.com</a> · '
    f'<a href="{SOURCE_LOGJCC}">quilanga.gob.ec</a>'
)
_CHANNEL_SOURCES = (
    f'<a href="{SOURCE_FORMS}">registropropiedadpuertoquito.gob.ec</a> · '
    f'<a href="{SOURCE_PROCEDURE}">gob.ec</a>'
)
_DEADLINE_SOURCE = f'<a href="{SOURCE_DEADLINE}">lotaip.com</a>'

REQUEST_TEXTS: dict[str, dict[str, str]] = {
    "es": {
        "request.consent": (
            "<b>Preparar una solicitud de acceso a la información pública</b>\n\n"
            "Le ayudo a escribir su solicitud a una institución, en PDF y en texto, y a seguir "
            "el plazo de respuesta.\n\n"
            "<b>Qué guardo:</b> la institución, un asunto corto que usted escribe, las fechas y "
            "el resultado. <b>Nunca</b> su nombre, cédula, firma, dirección ni contacto: el "
            "documento deja esas líneas en blanco para que usted las llene a mano.\n"
            "El texto de su pedido solo sirve para hacer el documento: se borra cuando me dice "
            "la fecha en que lo presentó, o tras un día sin actividad. El documento no se "
            "guarda.\n"
            "<b>Para qué:</b> para recordarle el plazo y, sin vínculo con usted, contar cómo "
            "responde cada institución.\n"
            "<b>Sus derechos (LOPDP):</b> ver sus datos (/mis_datos) y borrarlos "
            "(/borrar_mis_datos).\n\n"
            "Puede salir en cualquier momento con /cancelar. ¿Acepta?"
        ),
        "request.accept": "✅ Acepto",
        "request.cancel_button": "✖️ Cancelar",
        "request.start_button": "📝 Preparar una solicitud",
        "request.institution": (
            "Paso 1 de 4 · ¿A qué institución le pide la información? Escriba su nombre o su "
            "sigla (por ejemplo: SERCOP, Defensoría del Pueblo, Ministerio del Trabajo). "
            "Responda a este mensaje."
        ),
        "request.institution_placeholder": "Nombre o sigla de la institución",
        "request.institution_choices": "Encontré estas instituciones. ¿Cuál es?",
        "request.institution_none": (
            "No encontré «{text}» en mi directorio. Escríbalo de otra forma, o use el nombre tal "
            "como lo escribió."
        ),
        "request.institution_other": "Otra: usar «{text}»",
        "request.institution_chosen": "Institución: <b>{name}</b>",
        "request.channel_known": "<b>Cómo recibe solicitudes:</b> {how}\n{url}\nFuente: {source}",
        "request.channel_unknown": (
            "<b>Cómo presentarla:</b> mis fuentes no dicen por qué canal recibe solicitudes esta "
            "institución. La LOTAIP de 2023 (Art. 19) obliga a cada institución a publicar en su "
            "sitio web sus formularios, entre ellos el de solicitud de información: búsquelo "
            "allí{site}. La solicitud puede entregarse en papel o por vía electrónica.\n"
            f"Fuentes: {_CHANNEL_SOURCES}"
        ),
        "request.channel_site": " ({website})",
        "request.description": (
            "Paso 2 de 4 · ¿Qué información necesita? Escríbala con sus palabras (entre 20 y "
            "2.000 caracteres).\n\n<b>Para que sea precisa:</b>\n"
            "• el periodo (por ejemplo, «de enero a junio de 2025»);\n"
            "• los documentos o datos concretos (contratos, informes, presupuestos…);\n"
            "• la unidad o el lugar, si aplica.\n\n"
            "No escriba aquí su nombre ni su cédula. Responda a este mensaje."
        ),
        "request.description_placeholder": "Solicito copia de…",
        "request.description_empty": (
            "No recibí texto. Escriba qué información necesita, por favor."
        ),
        "request.description_vague": (
            "Es demasiado corto para que la institución sepa qué buscar (al menos {minimum:number} "
            "caracteres y unas palabras). Diga qué documentos o datos quiere y de qué periodo."
        ),
        "request.description_long": (
            "Es muy largo ({length:number} caracteres; el máximo es {maximum:number}). Resúmalo, "
            "por favor: "
            "una solicitud precisa se responde mejor."
        ),
        "request.no_html": "Escriba el texto sin etiquetas HTML (sin «&lt;…&gt;»), por favor.",
        "request.check_intro": "Guardé su texto. Antes de seguir, una sugerencia:",
        "request.warning.no_period": (
            "• No veo un periodo (años, meses, «desde… hasta…»). Indicarlo ayuda a que la "
            "respuesta sea completa."
        ),
        "request.warning.long": (
            "• Es un texto largo. Las solicitudes cortas y concretas suelen responderse mejor."
        ),
        "request.check_keep": "✅ Continuar así",
        "request.check_rewrite": "✏️ Escribirlo de nuevo",
        "request.delivery": "Paso 3 de 4 · ¿En qué formato quiere recibir la información?",
        "request.delivery.digital": "💾 Digital",
        "request.delivery.fisica": "📄 Copias físicas",
        "request.subject": (
            "Paso 4 de 4 · Escriba un asunto corto para reconocer esta solicitud en "
            "/mis_solicitudes (entre 3 y 80 caracteres), por ejemplo «contratos de medicinas "
            "2025». Es lo único de su texto que guardo: no ponga datos personales."
        ),
        "request.subject_placeholder": "Asunto corto",
        "request.subject_length": (
            "El asunto debe tener entre {minimum:number} y {maximum:number} caracteres."
        ),
        "request.subject_personal": (
            "El asunto parece tener una cédula o un correo. No los escriba aquí, por favor: no "
            "los guardo."
        ),
        "request.document_caption": (
            "Solicitud a {institution}. Complete a mano su nombre, cédula, contacto y firma."
        ),
        "request.document_ready": (
            "<b>Su solicitud está lista.</b> Arriba tiene el PDF; abajo, el mismo texto para "
            "copiar en un correo o un formulario. Está en español, como lo espera la "
            "institución. Llene sus datos y fírmela antes de presentarla. No la guardo."
        ),
        "request.document_text": "<pre>{text}</pre>",
        "request.ask_submitted": (
            "Cuando la presente, dígame la fecha y le calculo el plazo legal: escríbala (por "
            "ejemplo 3/11/2026) o pulse un botón."
        ),
        "request.date_placeholder": "Fecha de presentación",
        "request.today": "Hoy",
        "request.yesterday": "Ayer",
        "request.later": "Más tarde",
        "request.date_invalid": (
            "No entendí la fecha. Escríbala como 3/11/2026, 2026-11-03 o «3 de noviembre»."
        ),
        "request.date_future": "Esa fecha todavía no llega. Dígame la fecha en que ya la presentó.",
        "request.date_too_old": (
            "Esa fecha es anterior al 18 de mayo de 2004, cuando se publicó la primera LOTAIP. "
            "Revísela, por favor."
        ),
        "request.ask_date": (
            "¿En qué fecha presentó su solicitud a {institution}? Escríbala (por ejemplo "
            "3/11/2026) o pulse un botón."
        ),
        "request.deadline": (
            "<b>Plazo de respuesta</b>\nPresentada: {submitted}\nPlazo: hasta el "
            "<b>{deadline}</b> (10 días calendario). Si la institución pide prórroga con razones "
            "justificadas: hasta el {extended}.\n\n"
            f"Según {_DEADLINE_SOURCE} (sitio explicativo, no oficial), la institución tiene 10 "
            "días calendario, prorrogables 5 más si hay razones justificadas y se las explican; "
            "la ley de 2023 mantiene el plazo de la de 2004. Cuento desde el día siguiente a la "
            "presentación. Las fuentes no dicen qué pasa si el último día es feriado: tómelo "
            "como una estimación y confírmelo con la institución o la Defensoría del Pueblo.\n\n"
            "El {reminder} le preguntaré si le respondieron. Sus solicitudes: /mis_solicitudes."
        ),
        "request.later_saved": (
            "De acuerdo. La guardo como «sin presentar» en /mis_solicitudes; cuando la presente, "
            "pulse allí «Ya la presenté»."
        ),
        "request.mine_title": "<b>Sus solicitudes de información</b>",
        "request.mine_item": (
            "\n• <b>{institution}</b> — {subject}\n  Presentada: {submitted} · Plazo: {deadline}"
            " · Estado: {status}"
        ),
        "request.mine_none": "No tiene solicitudes de información. Prepare una con /solicitud.",
        "request.status.sin_presentar": "sin presentar",
        "request.status.en_plazo": "en plazo",
        "request.status.vencida": "plazo vencido, sin respuesta anotada",
        "request.status.respondida": "respondida",
        "request.status.parcial": "respondida en parte",
        "request.status.sin_respuesta": "sin respuesta",
        "request.extended_note": " (con prórroga)",
        "request.mine_date_button": "📅 Ya la presenté: {subject}",
        "request.mine_answer_button": "¿Le respondieron? {subject}",
        "request.mine_followup_button": "📝 Carta de insistencia: {subject}",
        "request.reminder": (
            "<b>¿Le respondieron?</b>\nEl plazo de su solicitud a <b>{institution}</b> "
            "(«{subject}»), presentada el {submitted}, terminó el {deadline}."
        ),
        "request.ask_answer": "<b>¿Le respondieron?</b> {institution} («{subject}»)",
        "request.answer.yes": "✅ Sí",
        "request.answer.partial": "🟡 En parte",
        "request.answer.no": "❌ No",
        "request.answer.extension": "⏳ Me pidieron prórroga",
        "request.answer.on_time": "Dentro del plazo",
        "request.answer.late": "Después del plazo",
        "request.ask_timing": (
            "Qué bien. ¿La respuesta llegó dentro del plazo (hasta el {deadline})?"
        ),
        "request.recorded": (
            "Anotado: {status}. Gracias: sin ningún dato suyo, esto ayuda a saber cómo responden "
            "las instituciones."
        ),
        "request.extended": (
            "Anotado. Con la prórroga de 5 días, el nuevo plazo es el <b>{deadline}</b>. El "
            "{reminder} le volveré a preguntar."
        ),
        "request.already_extended": "La prórroga ya está anotada (la ley prevé una, de 5 días).",
        "request.next_steps": (
            "<b>Qué puede hacer ahora</b>\n"
            "1. <b>Insistir por escrito</b> ante la institución, recordando su solicitud y la "
            "fecha en que la presentó. Le preparo esa carta con el botón de abajo.\n"
            "2. <b>Defensoría del Pueblo:</b> con la LOTAIP de 2023 es el órgano rector del "
            "derecho de acceso a la información y puede sancionar el incumplimiento. Los pasos y "
            "plazos de un reclamo ante ella no están en mis fuentes: consúltelos directamente "
            "con la Defensoría.\n"
            "3. <b>Acción de acceso a la información pública</b> ante un juez (Constitución, "
            "Art. 91): procede cuando le niegan la información de forma expresa o tácita (sin "
            "responder), o se la dan incompleta o poco fiable. Su procedimiento está en los "
            "artículos 47 y 48 de la Ley Orgánica de Garantías Jurisdiccionales y Control "
            "Constitucional (LOGJCC).\n\n"
            f"Fuentes: {_NEXT_STEPS_SOURCES}"
        ),
        "request.followup_button": "📝 Preparar la carta de insistencia",
        "request.followup_caption": (
            "Carta de insistencia a {institution}. Adjunte una copia de su solicitud original, "
            "complete sus datos y fírmela."
        ),
        "request.expired": (
            "Su solicitud de información sin terminar se borró tras un día sin actividad. Puede "
            "empezar de nuevo con /solicitud."
        ),
        "request.stale": (
            "Este paso ya no está vigente. Escriba /solicitud para empezar de nuevo o "
            "/mis_solicitudes para ver las suyas."
        ),
        "request.unknown_institution": (
            "Esa institución no está en mi directorio. Escriba su nombre de nuevo, por favor."
        ),
        "request.institution_length": (
            "El nombre de la institución debe tener entre {minimum:number} y {maximum:number} "
            "caracteres."
        ),
        "request.text_only": (
            "En este paso necesito texto escrito. Responda a mi mensaje, por favor."
        ),
        "request.consent_help": (
            "Para seguir, pulse «✅ Acepto» en el mensaje de arriba, o escriba /cancelar."
        ),
        "request.check_help": (
            "Elija «✅ Continuar así» o «✏️ Escribirlo de nuevo» en el mensaje de arriba, o "
            "escriba /cancelar."
        ),
        "request.delivery_help": (
            "Elija el formato con los botones de arriba, «💾 Digital» o «📄 Copias físicas», o "
            "escriba /cancelar."
        ),
        "request.cancelled": "Listo, dejé la solicitud sin terminar. No guardé su texto.",
        "help.requests": (
            "/solicitud — preparar una solicitud de información pública · /mis_solicitudes — "
            "sus solicitudes y sus plazos"
        ),
        "privacy.requests": (
            "• Si prepara una solicitud de información, guardo la institución, un asunto corto "
            "que usted escribe, las fechas y el resultado; nunca su nombre, cédula, firma, "
            "dirección ni contacto. El texto del pedido se borra cuando me da la fecha de "
            "presentación (o tras un día), y el documento no se guarda."
        ),
    },
    "en": {
        "request.consent": (
            "<b>Prepare a request for public information</b>\n\n"
            "I help you write your request to an institution, as a PDF and as text, and follow "
            "the deadline to answer.\n\n"
            "<b>What I keep:</b> the institution, a short subject you type, the dates and the "
            "outcome. <b>Never</b> your name, identity number, signature, address or contact: "
            "the document leaves those lines blank for you to fill in by hand.\n"
            "The text of your request is only used to make the document: it is deleted when you "
            "tell me the date you submitted it, or after a day without activity. The document "
            "is not kept.\n"
            "<b>What for:</b> to remind you of the deadline and, with no link to you, to count "
            "how each institution answers.\n"
            "<b>Your rights (LOPDP):</b> see your data (/my_data) and delete it "
            "(/delete_my_data).\n\n"
            "You can leave at any time with /cancel. Do you accept?"
        ),
        "request.accept": "✅ I accept",
        "request.cancel_button": "✖️ Cancel",
        "request.start_button": "📝 Prepare a request",
        "request.institution": (
            "Step 1 of 4 · Which institution are you asking? Type its name or acronym (for "
            "example: SERCOP, Defensoría del Pueblo, Ministerio del Trabajo). Reply to this "
            "message."
        ),
        "request.institution_placeholder": "Institution name or acronym",
        "request.institution_choices": "I found these institutions. Which one is it?",
        "request.institution_none": (
            "I did not find “{text}” in my directory. Type it another way, or use the name as "
            "you wrote it."
        ),
        "request.institution_other": "Other: use “{text}”",
        "request.institution_chosen": "Institution: <b>{name}</b>",
        "request.channel_known": "<b>How it receives requests:</b> {how}\n{url}\nSource: {source}",
        "request.channel_unknown": (
            "<b>How to submit it:</b> my sources do not say through which channel this "
            "institution receives requests. The 2023 LOTAIP (Art. 19) requires every institution "
            "to publish its forms on its website, including the information-request form: look "
            "for it there{site}. The request can be handed in on paper or electronically.\n"
            f"Sources: {_CHANNEL_SOURCES}"
        ),
        "request.channel_site": " ({website})",
        "request.description": (
            "Step 2 of 4 · What information do you need? Write it in your own words (20 to 2,000 "
            "characters). The document will be in Spanish, so Spanish is best here.\n\n"
            "<b>To make it precise:</b>\n"
            "• the period (for example, “January to June 2025”);\n"
            "• the specific documents or data (contracts, reports, budgets…);\n"
            "• the unit or place, if it applies.\n\n"
            "Do not type your name or identity number here. Reply to this message."
        ),
        "request.description_placeholder": "I request a copy of…",
        "request.description_empty": "I received no text. Please type what information you need.",
        "request.description_vague": (
            "That is too short for the institution to know what to look for (at least "
            "{minimum:number} "
            "characters and a few words). Say which documents or data you want and for which "
            "period."
        ),
        "request.description_long": (
            "That is very long ({length:number} characters; the maximum is {maximum:number}). "
            "Please shorten "
            "it: a precise request gets a better answer."
        ),
        "request.no_html": "Please type the text without HTML tags (no “&lt;…&gt;”).",
        "request.check_intro": "I saved your text. Before going on, a suggestion:",
        "request.warning.no_period": (
            "• I see no period (years, months, “from… to…”). Giving one helps to get a complete "
            "answer."
        ),
        "request.warning.long": (
            "• It is a long text. Short, specific requests usually get better answers."
        ),
        "request.check_keep": "✅ Keep it as it is",
        "request.check_rewrite": "✏️ Write it again",
        "request.delivery": "Step 3 of 4 · In which format do you want the information?",
        "request.delivery.digital": "💾 Digital",
        "request.delivery.fisica": "📄 Paper copies",
        "request.subject": (
            "Step 4 of 4 · Type a short subject to recognise this request in /my_requests (3 to "
            "80 characters), for example “medicine contracts 2025”. It is the only part of your "
            "text I keep: no personal details, please."
        ),
        "request.subject_placeholder": "Short subject",
        "request.subject_length": (
            "The subject must have {minimum:number} to {maximum:number} characters."
        ),
        "request.subject_personal": (
            "The subject seems to contain an identity number or an e-mail. Please leave them "
            "out: I do not keep them."
        ),
        "request.document_caption": (
            "Request to {institution}. Fill in your name, identity number, contact and signature "
            "by hand."
        ),
        "request.document_ready": (
            "<b>Your request is ready.</b> Above is the PDF; below, the same text to paste into "
            "an e-mail or a form. It is in Spanish, as the institution expects. Fill in your "
            "details and sign it before submitting it. I do not keep it."
        ),
        "request.document_text": "<pre>{text}</pre>",
        "request.ask_submitted": (
            "When you submit it, tell me the date and I will work out the legal deadline: type "
            "it (for example 3/11/2026, day first) or press a button."
        ),
        "request.date_placeholder": "Date submitted",
        "request.today": "Today",
        "request.yesterday": "Yesterday",
        "request.later": "Later",
        "request.date_invalid": (
            "I did not understand the date. Type it as 3/11/2026 (day first), 2026-11-03 or "
            "“3 November”."
        ),
        "request.date_future": "That date has not come yet. Tell me the date you submitted it.",
        "request.date_too_old": (
            "That date is before 18 May 2004, when the first LOTAIP was published. Please check it."
        ),
        "request.ask_date": (
            "On what date did you submit your request to {institution}? Type it (for example "
            "3/11/2026, day first) or press a button."
        ),
        "request.deadline": (
            "<b>Deadline to answer</b>\nSubmitted: {submitted}\nDeadline: <b>{deadline}</b> (10 "
            "calendar days). If the institution asks for an extension with justified reasons: "
            "{extended}.\n\n"
            f"According to {_DEADLINE_SOURCE} (an unofficial explainer site), the institution "
            "has 10 calendar days, extendable by 5 more if there are justified reasons that it "
            "explains to you; the 2023 law keeps the 2004 deadline. I count from the day after "
            "submission. The sources do not say what happens when the last day is a holiday: "
            "take it as an estimate and confirm it with the institution or the Ombudsman's "
            "Office (Defensoría del Pueblo).\n\n"
            "On {reminder} I will ask you whether they answered. Your requests: /my_requests."
        ),
        "request.later_saved": (
            "All right. I keep it as “not submitted” in /my_requests; when you submit it, press "
            "“I submitted it” there."
        ),
        "request.mine_title": "<b>Your information requests</b>",
        "request.mine_item": (
            "\n• <b>{institution}</b> — {subject}\n  Submitted: {submitted} · Deadline: "
            "{deadline} · Status: {status}"
        ),
        "request.mine_none": "You have no information requests. Prepare one with /request.",
        "request.status.sin_presentar": "not submitted",
        "request.status.en_plazo": "within the deadline",
        "request.status.vencida": "deadline passed, no answer recorded",
        "request.status.respondida": "answered",
        "request.status.parcial": "partly answered",
        "request.status.sin_respuesta": "not answered",
        "request.extended_note": " (extended)",
        "request.mine_date_button": "📅 I submitted it: {subject}",
        "request.mine_answer_button": "Did they answer? {subject}",
        "request.mine_followup_button": "📝 Follow-up letter: {subject}",
        "request.reminder": (
            "<b>Did they answer you?</b>\nThe deadline of your request to <b>{institution}</b> "
            "(“{subject}”), submitted on {submitted}, ended on {deadline}."
        ),
        "request.ask_answer": "<b>Did they answer you?</b> {institution} (“{subject}”)",
        "request.answer.yes": "✅ Yes",
        "request.answer.partial": "🟡 Partly",
        "request.answer.no": "❌ No",
        "request.answer.extension": "⏳ They asked for an extension",
        "request.answer.on_time": "Within the deadline",
        "request.answer.late": "After the deadline",
        "request.ask_timing": "Good. Did the answer arrive within the deadline (by {deadline})?",
        "request.recorded": (
            "Noted: {status}. Thank you: with none of your details, this helps to know how "
            "institutions answer."
        ),
        "request.extended": (
            "Noted. With the 5-day extension the new deadline is <b>{deadline}</b>. On "
            "{reminder} I will ask you again."
        ),
        "request.already_extended": (
            "The extension is already noted (the law provides one, of 5 days)."
        ),
        "request.next_steps": (
            "<b>What you can do now</b>\n"
            "1. <b>Insist in writing</b> to the institution, recalling your request and the date "
            "you submitted it. I will prepare that letter with the button below.\n"
            "2. <b>Ombudsman's Office (Defensoría del Pueblo):</b> under the 2023 LOTAIP it is "
            "the governing body for the right of access to information and can sanction "
            "non-compliance. The steps and deadlines of a complaint to it are not in my sources: "
            "ask the Defensoría directly.\n"
            "3. <b>Access-to-information court action</b> (acción de acceso a la información "
            "pública, Constitution Art. 91): for when the information is refused expressly or "
            "tacitly (no answer), or given incomplete or unreliable. Its procedure is in "
            "articles 47 and 48 of the Organic Law on Jurisdictional Guarantees and "
            "Constitutional Control (LOGJCC).\n\n"
            f"Sources: {_NEXT_STEPS_SOURCES}"
        ),
        "request.followup_button": "📝 Prepare the follow-up letter",
        "request.followup_caption": (
            "Follow-up letter to {institution} (in Spanish). Attach a copy of your original "
            "request, fill in your details and sign it."
        ),
        "request.expired": (
            "Your unfinished information request was deleted after a day without activity. You "
            "can start again with /request."
        ),
        "request.stale": (
            "This step is no longer open. Type /request to start again or /my_requests to see "
            "yours."
        ),
        "request.unknown_institution": (
            "That institution is not in my directory. Please type its name again."
        ),
        "request.institution_length": (
            "The institution's name must have {minimum:number} to {maximum:number} characters."
        ),
        "request.text_only": "At this step I need typed text. Please reply to my message.",
        "request.consent_help": (
            "To go on, press “✅ I accept” in the message above, or type /cancel."
        ),
        "request.check_help": (
            "Choose “✅ Keep it as it is” or “✏️ Write it again” in the message above, or type "
            "/cancel."
        ),
        "request.delivery_help": (
            "Choose the format with the buttons above, “💾 Digital” or “📄 Paper copies”, or "
            "type /cancel."
        ),
        "request.cancelled": "Done, I dropped the unfinished request. I did not keep your text.",
        "help.requests": (
            "/request — prepare a public-information request · /my_requests — your requests and "
            "their deadlines"
        ),
        "privacy.requests": (
            "• If you prepare an information request, I keep the institution, a short subject you "
            "type, the dates and the outcome; never your name, identity number, signature, "
            "address or contact. The request's text is deleted when you give me the submission "
            "date (or after a day), and the document is not kept."
        ),
    },
}

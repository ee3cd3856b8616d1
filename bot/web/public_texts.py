"""Every text of the public pages (statistics, open data, needs), in Spanish and English.

Plain text: the templates escape everything they print (jinja2 autoescape).
"""

from __future__ import annotations

from collections.abc import Mapping

PUBLIC_TEXTS: Mapping[str, Mapping[str, str]] = {
    "es": {
        "site": "Asistente de Gobierno Abierto Ecuador",
        "skip": "Ir al contenido",
        "language": "English",
        "nav.stats": "Estadísticas",
        "nav.data": "Datos abiertos",
        "nav.needs": "Necesidades",
        "stats.title": "Estadísticas públicas",
        "stats.intro": (
            "Qué preguntan los ciudadanos al asistente, qué necesidades registran y qué tan "
            "rápido responde el equipo. Solo cifras: ninguna persona aparece aquí."
        ),
        "stats.updated": "Cifras calculadas el {when}; se actualizan cada minuto.",
        "stats.key": "Cifras clave",
        "stats.questions_total": "Preguntas recibidas",
        "stats.answered_share": "Respondidas directamente",
        "stats.proposals_total": "Necesidades y propuestas",
        "stats.median": "Mediana de días hasta la primera respuesta",
        "stats.within": "Respondidas dentro del plazo",
        "stats.overdue": "Abiertas con plazo vencido",
        "stats.none": "Sin dato todavía",
        "stats.per_week": "Preguntas por semana (últimas 12 semanas)",
        "stats.week_of": "Semana del {date}",
        "stats.outcomes": "Cómo se respondieron las preguntas",
        "outcome.answered": "Respondidas directamente",
        "outcome.choices": "Con opciones («¿Quiso decir…?»)",
        "outcome.fallback": "Sin respuesta verificada",
        "outcome.other": "Otros mensajes (saludos, vacíos)",
        "stats.topics": "Temas más consultados",
        "stats.by_status": "Propuestas por estado",
        "stats.by_category": "Propuestas por categoría",
        "stats.by_province": "Propuestas por provincia",
        "stats.commitments": "Compromisos por estado de cumplimiento (escala del MRI)",
        "stats.followers": "Personas que siguen cada compromiso",
        "stats.no_followers": "Nadie sigue un compromiso todavía.",
        "stats.empty": "Sin datos todavía.",
        "requests.title": "Solicitudes de acceso a la información (LOTAIP) por institución",
        "requests.intro": (
            "Lo que los ciudadanos contaron al asistente sobre las solicitudes que enviaron: si "
            "la institución respondió dentro del plazo legal. Las instituciones con menos de 5 "
            "solicitudes se suman en «Otras instituciones»."
        ),
        "requests.institution": "Institución",
        "requests.submitted": "Enviadas",
        "requests.on_time": "Respondidas a tiempo",
        "requests.late": "Respondidas tarde",
        "requests.untimed": "Respondidas (sin fecha)",
        "requests.partial": "Respuesta parcial",
        "requests.unanswered": "Sin respuesta",
        "requests.pending": "Sin resultado todavía",
        "requests.others": "Otras instituciones",
        "col.per-week": "Semana",
        "col.outcomes": "Cómo se respondió",
        "col.topics": "Tema",
        "col.by-status": "Estado",
        "col.by-category": "Categoría",
        "col.by-province": "Provincia",
        "col.commitments": "Estado de cumplimiento",
        "col.followers": "Compromiso",
        "col.count": "Cantidad",
        "col.share": "Porcentaje",
        "chart.label": "{title}: gráfico de barras; los números están en la tabla.",
        "province.none": "Sin provincia",
        "level.sin_dato": "Sin dato",
        "data.title": "Datos abiertos",
        "data.intro": (
            "Los datos del asistente, anónimos, para descargar y reutilizar. No contienen "
            "seudónimos, identificadores de chat, contactos ni textos que el equipo no haya "
            "publicado. Las cuentas pequeñas se ocultan: menos de 5 propuestas de una provincia, "
            "categoría y mes se muestran como «<5»."
        ),
        "data.license": (
            "Licencia: {license}. Puede usar, compartir y adaptar estos datos citando la "
            "fuente: «Asistente de Gobierno Abierto Ecuador»."
        ),
        "data.updated": "Actualizado: {when}; los archivos se regeneran como máximo cada minuto.",
        "data.rows": "{count} filas",
        "data.download": "Descargar",
        "data.encoding": (
            "Los CSV van en UTF-8 con BOM (marca de orden de bytes), separados por comas, para "
            "que Excel muestre bien las tildes; en un programa, léalos como «utf-8-sig». Los JSON "
            "van en UTF-8 sin BOM."
        ),
        "data.schema": "esquema JSON",
        "data.dictionary": "Diccionario de datos",
        "data.column": "Columna",
        "data.type": "Tipo",
        "data.meaning": "Significado",
        "type.string": "texto",
        "type.integer": "número entero",
        "type.date": "fecha (AAAA-MM-DD)",
        "type.count": "número entero o «<5»",
        "type.nullable": "puede estar vacío",
        "needs.title": "Necesidades publicadas",
        "needs.intro": (
            "Necesidades que los ciudadanos registraron y que el equipo publicó, sin nombres ni "
            "contactos. Para apoyar una, escriba /necesidades al asistente en Telegram."
        ),
        "needs.filter": "Filtrar",
        "needs.category": "Categoría",
        "needs.province": "Provincia",
        "needs.all": "Todas",
        "needs.none": "No hay necesidades publicadas con estos filtros.",
        "needs.supports": "{count} apoyos",
        "needs.support_one": "1 apoyo",
        "needs.status": "Estado",
        "needs.answer": "Respuesta del equipo",
        "needs.derived": "Derivada a",
        "needs.code": "Código",
        "needs.since": "Registrada el {date}",
        "needs.page": "Página {page} de {pages}",
        "needs.previous": "Anterior",
        "needs.next": "Siguiente",
        "needs.back": "Volver a la lista",
        "needs.share": "Para apoyarla, escriba en Telegram: /necesidades {code}",
        "notfound.title": "No encontrado",
        "notfound.body": "No existe lo que busca, o ya no es público.",
    },
    "en": {
        "site": "Open Government Assistant Ecuador",
        "skip": "Skip to content",
        "language": "Español",
        "nav.stats": "Statistics",
        "nav.data": "Open data",
        "nav.needs": "Needs",
        "stats.title": "Public statistics",
        "stats.intro": (
            "What citizens ask the assistant, which needs they log and how fast the team "
            "answers. Figures only: no person appears here."
        ),
        "stats.updated": "Figures computed on {when}; updated every minute.",
        "stats.key": "Key figures",
        "stats.questions_total": "Questions received",
        "stats.answered_share": "Answered outright",
        "stats.proposals_total": "Needs and proposals",
        "stats.median": "Median days to the first response",
        "stats.within": "Answered within the deadline",
        "stats.overdue": "Open past their deadline",
        "stats.none": "No figure yet",
        "stats.per_week": "Questions per week (last 12 weeks)",
        "stats.week_of": "Week of {date}",
        "stats.outcomes": "How questions were answered",
        "outcome.answered": "Answered outright",
        "outcome.choices": 'With choices ("Did you mean…?")',
        "outcome.fallback": "No verified answer",
        "outcome.other": "Other messages (greetings, empty)",
        "stats.topics": "Most asked topics",
        "stats.by_status": "Proposals by status",
        "stats.by_category": "Proposals by category",
        "stats.by_province": "Proposals by province",
        "stats.commitments": "Commitments by completion status (IRM scale)",
        "stats.followers": "People following each commitment",
        "stats.no_followers": "Nobody follows a commitment yet.",
        "stats.empty": "No data yet.",
        "requests.title": "Requests for public information (LOTAIP) by institution",
        "requests.intro": (
            "What citizens told the assistant about the requests they sent: whether the "
            "institution answered within the legal deadline. Institutions with fewer than 5 "
            "requests are added up under «Other institutions»."
        ),
        "requests.institution": "Institution",
        "requests.submitted": "Sent",
        "requests.on_time": "Answered on time",
        "requests.late": "Answered late",
        "requests.untimed": "Answered (date not told)",
        "requests.partial": "Partial answer",
        "requests.unanswered": "No answer",
        "requests.pending": "No outcome yet",
        "requests.others": "Other institutions",
        "col.per-week": "Week",
        "col.outcomes": "How it was answered",
        "col.topics": "Topic",
        "col.by-status": "Status",
        "col.by-category": "Category",
        "col.by-province": "Province",
        "col.commitments": "Completion status",
        "col.followers": "Commitment",
        "col.count": "Count",
        "col.share": "Share",
        "chart.label": "{title}: bar chart; the numbers are in the table.",
        "province.none": "No province",
        "level.sin_dato": "Unknown",
        "data.title": "Open data",
        "data.intro": (
            "The assistant's data, anonymous, to download and reuse. It holds no pseudonyms, "
            "chat ids, contacts or texts staff did not publish. Small counts are hidden: fewer "
            'than 5 proposals of one province, category and month show as "<5".'
        ),
        "data.license": (
            "Licence: {license}. You may use, share and adapt this data citing the source: "
            '"Asistente de Gobierno Abierto Ecuador".'
        ),
        "data.updated": "Updated: {when}; files are rebuilt at most once a minute.",
        "data.rows": "{count} rows",
        "data.download": "Download",
        "data.encoding": (
            "CSV files are UTF-8 with a BOM (byte order mark), comma-separated, so that Excel "
            'shows accents right; in a program, read them as "utf-8-sig". JSON files are UTF-8 '
            "without a BOM."
        ),
        "data.schema": "JSON schema",
        "data.dictionary": "Data dictionary",
        "data.column": "Column",
        "data.type": "Type",
        "data.meaning": "Meaning",
        "type.string": "text",
        "type.integer": "whole number",
        "type.date": "date (YYYY-MM-DD)",
        "type.count": 'whole number or "<5"',
        "type.nullable": "may be empty",
        "needs.title": "Published needs",
        "needs.intro": (
            "Needs citizens logged and staff published, without names or contacts. To support "
            "one, send /needs to the assistant on Telegram."
        ),
        "needs.filter": "Filter",
        "needs.category": "Category",
        "needs.province": "Province",
        "needs.all": "All",
        "needs.none": "No published needs match these filters.",
        "needs.supports": "{count} supports",
        "needs.support_one": "1 support",
        "needs.status": "Status",
        "needs.answer": "The team's answer",
        "needs.derived": "Referred to",
        "needs.code": "Code",
        "needs.since": "Logged on {date}",
        "needs.page": "Page {page} of {pages}",
        "needs.previous": "Previous",
        "needs.next": "Next",
        "needs.back": "Back to the list",
        "needs.share": "To support it, send on Telegram: /needs {code}",
        "notfound.title": "Not found",
        "notfound.body": "What you are looking for does not exist, or is no longer public.",
    },
}


def public_text(key: str, language: str = "es", **values: object) -> str:
    """The public pages' text ``key`` in ``language``, with ``values`` filled in."""
    table = PUBLIC_TEXTS.get(language) or PUBLIC_TEXTS["es"]
    template = table.get(key) or PUBLIC_TEXTS["es"][key]
    return template.format(**values) if values else template

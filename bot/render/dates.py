"""Dates as people read them, in the citizen's language (Babel's CLDR data).

"15 de diciembre de 2026" in Spanish, "December 15, 2026" in English; "—" when there is none.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_format_date

_LOCALES = {"es": "es_EC", "en": "en_US"}


def format_date(value: dt.date | dt.datetime | None, language: str) -> str:
    """``value`` in words in ``language``; "—" when there is none."""
    if value is None:
        return "—"
    day = value.date() if isinstance(value, dt.datetime) else value
    return _babel_format_date(day, format="long", locale=_LOCALES.get(language, "es_EC"))

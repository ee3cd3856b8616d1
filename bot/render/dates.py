"""Dates as people read them, in the citizen's language (Babel's CLDR data)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_format_date

_LOCALES = {"es": "es_EC", "en": "en_US"}


def format_date(date: dt.date | dt.datetime, language: str) -> str:
    """``date`` in words: "15 de diciembre de 2026" or "December 15, 2026"."""
    day = date.date() if isinstance(date, dt.datetime) else date
    return _babel_format_date(day, format="long", locale=_LOCALES.get(language, "es_EC"))

"""Dates as people read them, in their language: "15 de diciembre de 2026", "December 15, 2026".

One helper for every channel (Babel's long format), so no template writes a date its own way.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_format_date

LOCALES = {"es": "es_EC", "en": "en_US"}


def format_date(value: dt.date | dt.datetime | None, language: str) -> str:
    """The date written out in ``language`` (Spanish for anything unknown); "—" when none."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_format_date(value, format="long", locale=LOCALES.get(language, LOCALES["es"]))

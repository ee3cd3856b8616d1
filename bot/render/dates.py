"""Dates as citizens read them, in their language ("15 de diciembre de 2026")."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

LOCALES = {"es": "es_EC", "en": "en_US"}


def long_date(day: dt.date | dt.datetime, language: str) -> str:
    """The date written out in ``language`` (Spanish for anything unknown)."""
    if isinstance(day, dt.datetime):
        day = day.date()
    return format_date(day, format="long", locale=LOCALES.get(language, LOCALES["es"]))

"""Dates as people read them, in the reader's language (Babel's CLDR data).

"15 de diciembre de 2026" in Spanish, "December 15, 2026" in English; "—" when there is none.
Moments (a proposal's creation, a staff note) are shown in Ecuador's time, where the staff and
the citizens are: "1 dic 2026, 09:30".
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton

from bot.models import ECUADOR

LOCALES = {"es": "es_EC", "en": "en_US"}


def in_ecuador(value: dt.datetime) -> dt.datetime:
    """A stored moment (UTC; SQLite hands it back without its zone) in Ecuador's time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(ECUADOR)


def format_date(value: dt.date | dt.datetime | None, language: str) -> str:
    """``value`` in words in ``language`` (a moment: its day in Ecuador); "—" when there is none."""
    if value is None:
        return "—"
    day = in_ecuador(value).date() if isinstance(value, dt.datetime) else value
    return _babel_format_date(day, format="long", locale=LOCALES.get(language, "es_EC"))


def format_month(value: dt.date | None, language: str) -> str:
    """A month as people say it: "diciembre de 2026", "December 2026"; "—" when there is none."""
    if value is None:
        return "—"
    return format_skeleton("yMMMM", value, locale=LOCALES.get(language, "es_EC"))


def format_moment(value: dt.date | dt.datetime | None, language: str) -> str:
    """A moment, short, in Ecuador's time: "1 dic 2026, 09:30"; a bare date has no time."""
    if value is None:
        return "—"
    locale = LOCALES.get(language, "es_EC")
    if not isinstance(value, dt.datetime):
        return _babel_format_date(value, format="medium", locale=locale)
    local = in_ecuador(value)
    return f"{_babel_format_date(local.date(), format='medium', locale=locale)}, {local:%H:%M}"

"""Dates as people read them: "3 de noviembre de 2026", "3 November 2026"."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "es": (
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ).split(),
    "en": (
        "January February March April May June July August September October November December"
    ).split(),
}


def format_date(value: dt.date | None, language: str) -> str:
    """A date in words in ``language``; "—" when there is none."""
    if value is None:
        return "—"
    month = MONTHS["en" if language == "en" else "es"][value.month - 1]
    if language == "en":
        return f"{value.day} {month} {value.year}"
    return f"{value.day} de {month} de {value.year}"

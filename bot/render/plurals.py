"""Plural forms by each language's CLDR rules (Babel): "1 día", "3 días"; "1 day", "3 days".

A text writes ``{days:día|días}`` where the word depends on a count: the first form is CLDR's
"one", the second every other count (0 included: "0 días", "0 days"). ``{n:number}`` writes a
count as the language groups its digits: "5.000" in Spanish (as the texts write "2.000"), "5,000"
in English.
"""

from __future__ import annotations

import string
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

from bot.render.dates import LOCALES


@lru_cache(maxsize=4)
def _locale(language: str) -> Locale:
    return Locale.parse(LOCALES.get(language, "es_EC"))


class _PluralFormatter(string.Formatter):
    def __init__(self, language: str) -> None:
        self.locale = _locale(language)

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec == "number":
            return format_decimal(int(str(value)), locale=self.locale)
        if "|" not in format_spec:
            return str(super().format_field(value, format_spec))
        one, other = format_spec.split("|", 1)
        return one if self.locale.plural_form(int(str(value))) == "one" else other


def fill(template: str, language: str, **values: object) -> str:
    """Fill ``template`` with ``values``, choosing each ``{n:one|other}`` form for ``language``."""
    return _PluralFormatter(language).format(template, **values)

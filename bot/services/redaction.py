"""Redaction: the one set of rules for taking identifying details out of text that is kept.

Used when a question is logged (the log is for statistics: no e-mail, phone, cédula or name
belongs in it), when a citizen erases their data (what is kept of their proposals and questions
loses every such detail, the contact they gave and their Telegram name and username wherever
they appear), and by anything that publishes citizens' texts. The placeholders survive the answer
engine's folding ("(correo)" → "correo").

A typed name is found by what introduces it — "me llamo", "mi nombre es", "soy", "my name is",
"call me" — followed by capitalised words: "soy Juan Carlos Torres" loses the name, while
"soy profesora" and "soy de Quito" keep every word. A name typed in capitals throughout, or
without an opener, is not recognised (it is caught at erasure only when it is the citizen's
Telegram name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.normalize import fold

EMAIL_MARK = "(correo)"
PHONE_MARK = "(teléfono)"
ID_MARK = "(cédula)"
CONTACT_MARK = "(contacto)"
NAME_MARK = "(nombre)"

EMAIL = re.compile(r"[^\s@<>()\[\]]{1,64}@[^\s@<>()\[\]]{1,180}\.[a-z]{2,24}\b", re.IGNORECASE)
# A cédula: ten digits, optionally "-" before the check digit (validated below).
CEDULA = re.compile(r"(?<![\d+])(\d{9})-?(\d)(?!\d)")
# Ecuadorian phones as people write them: +593 or 0, then 8 or 9 more digits, with or without
# spaces, dots, dashes or brackets between them.
PHONE = re.compile(r"(?<![\w+])(?:\+\s?593|\(?0)[\s().-]{0,2}\d(?:[\s().-]{0,2}\d){6,8}(?!\d)")
# In folded text (the question log) separators are already spaces.
FOLDED_PHONE = re.compile(r"(?<!\d)(?:593 ?|0)\d(?: ?\d){6,8}(?!\d)")


# A name word: a capital then lowercase letters ("Pérez", "O'Brien", "Ana-María"); "DE" is none.
_UPPER = "A-ZÁÉÍÓÚÑÜÀÈÌÒÙÂÊÎÔÛÄËÏÖÇ"
_LOWER = "a-záéíóúñüàèìòùâêîôûäëïöç"
_NAME_WORD = rf"[{_UPPER}](?:[{_LOWER}]+|['’][{_UPPER}][{_LOWER}]+)(?:-[{_UPPER}]?[{_LOWER}]+)*"
# Words people capitalise after "soy" that are not names: roles, demonyms, greetings.
NOT_NAMES = frozenset(
    """
    ecuatoriano ecuatoriana ciudadano ciudadana estudiante profesor profesora docente maestro
    maestra madre padre abogado abogada ingeniero ingeniera doctor doctora licenciado licenciada
    periodista funcionario funcionaria servidor servidora dirigente presidente presidenta
    representante miembro concejal alcalde alcaldesa comerciante agricultor agricultora
    emprendedor emprendedora jubilado jubilada usuario usuaria vecino vecina indígena
    montubio montubia afroecuatoriano afroecuatoriana extranjero extranjera venezolano venezolana
    colombiano colombiana peruano peruana parte hola buenos buenas gracias
    """.split()
)
# The opener in any case ("Me llamo", "SOY"), then one to four name words, "de", "del",
# "de la", "de los", "de las" allowed between them ("María de los Ángeles Pérez").
TYPED_NAME = re.compile(
    r"(?<!\w)(?P<opener>(?i:me\s+llamo|mi\s+nombre\s+es|yo\s+soy|soy|my\s+name\s+is|"
    r"call\s+me))\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:(?:de|del)(?:\s+(?:la|los|las))?\s+)?{_NAME_WORD}){{0,3}})"
    r"(?![\w'’-])"
)
# In the folded question log capitals are gone: only the unambiguous openers, and the one or two
# words after them (used at erasure, on rows logged before names were redacted when written).
FOLDED_NAME = re.compile(r"\b(me llamo|mi nombre es|my name is) ((?!nombre\b)[a-z]+(?: [a-z]+)?)")


def _typed_names(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        words = match.group("name").split()
        if words[0].casefold() in NOT_NAMES:
            return match.group(0)
        return f"{match.group('opener')} {NAME_MARK}"

    return TYPED_NAME.sub(replace, text)


def _names(text: str, names: Iterable[str | None], folded: bool) -> str:
    """Each of ``names`` (and each word of it) as a whole word, replaced by the name mark."""
    mark = fold(NAME_MARK) if folded else NAME_MARK
    needles: set[str] = set()
    for name in names:
        if not name or not name.strip():
            continue
        value = name.strip().lstrip("@")
        for candidate in (value, f"@{value}", *value.split()):
            needle = fold(candidate) if folded else candidate
            if len(needle.strip("@")) >= 3:
                needles.add(needle)
    for needle in sorted(needles, key=len, reverse=True):
        text = re.sub(rf"(?<![\w@]){re.escape(needle)}(?!\w)", mark, text, flags=re.IGNORECASE)
    return text


def is_cedula(digits: str) -> bool:
    """Whether ten digits are a valid Ecuadorian cédula (province, third digit, check digit)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    province, third = int(digits[:2]), int(digits[2])
    if not (1 <= province <= 24 or province == 30) or third >= 6:
        return False
    total = 0
    for position, char in enumerate(digits[:9]):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10 == int(digits[9])


def _cedulas(text: str) -> str:
    return CEDULA.sub(lambda m: ID_MARK if is_cedula(m.group(1) + m.group(2)) else m.group(0), text)


def _known(text: str, known: Iterable[str | None], folded: bool) -> str:
    for value in sorted({k for k in known if k and len(k.strip()) >= 4}, key=len, reverse=True):
        needle = fold(value) if folded else value.strip()
        if needle:
            text = re.sub(re.escape(needle), CONTACT_MARK, text, flags=re.IGNORECASE)
    return text


def redact(text: str, known: Iterable[str | None] = (), names: Iterable[str | None] = ()) -> str:
    """``text`` with e-mails, cédulas, phones, typed names, ``known`` contacts and ``names`` out."""
    text = _known(text, known, folded=False)
    text = EMAIL.sub(EMAIL_MARK, text)
    text = _cedulas(text)
    text = PHONE.sub(PHONE_MARK, text)
    return _names(_typed_names(text), names, folded=False)


def redact_folded(
    text: str, known: Iterable[str | None] = (), names: Iterable[str | None] = ()
) -> str:
    """The same for folded text (lowercase, no punctuation), as the question log keeps it."""
    text = _known(text, known, folded=True).replace(CONTACT_MARK, fold(CONTACT_MARK))
    text = _cedulas(text).replace(ID_MARK, fold(ID_MARK))
    text = FOLDED_PHONE.sub(fold(PHONE_MARK), text)
    text = FOLDED_NAME.sub(lambda m: f"{m.group(1)} {fold(NAME_MARK)}", text)
    return _names(text, names, folded=True)


# -- publishing a citizen's text (issue 14) --------------------------------------------------------

URL_MARK = "(enlace)"
# Web addresses: with a scheme or www., or a bare domain under the endings citizens use here.
URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:ec|com|org|net|gob)(?:/\S*)?\b",
    re.IGNORECASE,
)
# Ten or more digits in a row that are not a valid cédula nor a phone: an account, a RUC, a
# mistyped cédula — before publishing, better taken out than shown.
LONG_NUMBER = re.compile(r"(?<![\w+])\d{10,}(?!\w)")


@dataclass(frozen=True)
class Redacted:
    """A text made fit to publish, and how many of each detail were taken out (by mark)."""

    text: str
    removed: dict[str, int]

    @property
    def changed(self) -> bool:
        """Whether anything was taken out."""
        return any(self.removed.values())


def redact_for_publication(text: str, known: Iterable[str | None] = ()) -> Redacted:
    """:func:`redact` plus web addresses and long numbers, counting what was taken out."""
    # E-mails first (a known contact may be part of one, a mail's domain looks like an address);
    # phones and cédulas next, so what is left of ten or more digits is neither.
    value = URL.sub(URL_MARK, _known(EMAIL.sub(EMAIL_MARK, text), known, folded=False))
    value = LONG_NUMBER.sub(ID_MARK, redact(value))
    marks = (EMAIL_MARK, URL_MARK, PHONE_MARK, ID_MARK, CONTACT_MARK, NAME_MARK)
    return Redacted(value, {mark: value.count(mark) - text.count(mark) for mark in marks})

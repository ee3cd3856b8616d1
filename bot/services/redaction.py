"""Redaction: the one set of rules for taking identifying details out of text that is kept.

Used when a question is logged (the log is for statistics: no e-mail, phone or cédula belongs in
it), when a citizen erases their data (what is kept of their proposals and questions loses every
such detail, and the contact they gave wherever it appears), and by anything that publishes
citizens' texts. The placeholders survive the answer engine's folding ("(correo)" → "correo").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.normalize import fold

EMAIL_MARK = "(correo)"
PHONE_MARK = "(teléfono)"
ID_MARK = "(cédula)"
CONTACT_MARK = "(contacto)"

EMAIL = re.compile(r"[^\s@<>()\[\]]{1,64}@[^\s@<>()\[\]]{1,180}\.[a-z]{2,24}\b", re.IGNORECASE)
# A cédula: ten digits, optionally "-" before the check digit (validated below).
CEDULA = re.compile(r"(?<![\d+])(\d{9})-?(\d)(?!\d)")
# Ecuadorian phones as people write them: +593 or 0, then 8 or 9 more digits, with or without
# spaces, dots, dashes or brackets between them.
PHONE = re.compile(r"(?<![\w+])(?:\+\s?593|\(?0)[\s().-]{0,2}\d(?:[\s().-]{0,2}\d){6,8}(?!\d)")
# In folded text (the question log) separators are already spaces.
FOLDED_PHONE = re.compile(r"(?<!\d)(?:593 ?|0)\d(?: ?\d){6,8}(?!\d)")


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


def redact(text: str, known: Iterable[str | None] = ()) -> str:
    """``text`` with e-mails, cédulas, phone numbers and each ``known`` contact replaced."""
    text = _known(text, known, folded=False)
    text = EMAIL.sub(EMAIL_MARK, text)
    text = _cedulas(text)
    return PHONE.sub(PHONE_MARK, text)


def redact_folded(text: str, known: Iterable[str | None] = ()) -> str:
    """The same for folded text (lowercase, no punctuation), as the question log keeps it."""
    text = _known(text, known, folded=True).replace(CONTACT_MARK, fold(CONTACT_MARK))
    text = _cedulas(text).replace(ID_MARK, fold(ID_MARK))
    return FOLDED_PHONE.sub(fold(PHONE_MARK), text)

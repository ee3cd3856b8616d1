"""Redaction rules, in one place: what is taken out of a text before anyone else may read it.

E-mail addresses, web addresses, Ecuadorian phone numbers (mobile 09…, landline 02…–07…, with
or without +593 and separators) and 10-digit cédula numbers are replaced by a bracketed label.
Order matters: addresses go first (they may hold digits), then numbers: a run of digits is a phone
if its digits spell one, else a cédula when it has 10 or more digits (or a number we cannot tell
apart from one — better removed than published); shorter numbers (years, amounts) stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL_LABEL = "[correo]"
URL_LABEL = "[enlace]"
PHONE_LABEL = "[teléfono]"
ID_LABEL = "[cédula]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:ec|com|org|net|gob)(?:/\S*)?\b"
)
# A run of digits that may hold spaces, dots, dashes or parentheses; what its digits spell decides.
_NUMBER = re.compile(r"(?<![\w+])\+?\(?\d[\d\s.\-()]{5,}\d(?!\w)")
_DIGITS = re.compile(r"\D")


def _number_label(found: re.Match[str]) -> str:
    digits = _DIGITS.sub("", found.group(0))
    if digits.startswith("593"):
        digits = "0" + digits[3:].removeprefix("0")
    if re.fullmatch(r"09\d{8}|0[2-7]\d{7}", digits):
        return PHONE_LABEL
    if len(digits) >= 10:  # a cédula, or a number we cannot tell from one: better removed
        return ID_LABEL
    return found.group(0)


@dataclass(frozen=True)
class Redacted:
    """A text with the personal data taken out, and what was taken (by label)."""

    text: str
    removed: dict[str, int]

    @property
    def changed(self) -> bool:
        """Whether anything was taken out."""
        return any(self.removed.values())


def redact(text: str) -> Redacted:
    """Replace e-mails, URLs, phone numbers and cédula numbers in ``text`` by labels."""
    removed: dict[str, int] = {}
    value = text
    for label, pattern in (
        (EMAIL_LABEL, _EMAIL),
        (URL_LABEL, _URL),
    ):
        value, count = pattern.subn(label, value)
        removed[label] = count
    counts = {PHONE_LABEL: 0, ID_LABEL: 0}

    def replace(found: re.Match[str]) -> str:
        label = _number_label(found)
        if label in counts:
            counts[label] += 1
        return label

    value = _NUMBER.sub(replace, value)
    removed.update(counts)
    return Redacted(value, removed)


def redact_text(text: str) -> str:
    """``text`` with personal data replaced (see :func:`redact`)."""
    return redact(text).text

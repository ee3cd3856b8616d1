"""Text from people, made safe to store: the one boundary every service passes citizen text through.

PostgreSQL refuses a NUL byte in text (``invalid byte sequence for encoding "UTF8": 0x00``) and
a lone UTF-16 surrogate cannot be encoded as UTF-8 at all; either would make the whole write
fail. Telegram's JSON can carry both. Other control characters are invisible and only confuse
staff, so they go too (tabs and line breaks stay).
"""

from __future__ import annotations

import re

_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without NUL bytes, other control characters and lone surrogates."""
    if text.isprintable() or not _UNSTORABLE.search(text):
        return text
    return _UNSTORABLE.sub(lambda m: "\ufffd" if m.group(0) >= "\ud800" else "", text)


def clean_optional(text: str | None) -> str | None:
    """:func:`clean_text`, letting None through."""
    return None if text is None else clean_text(text)

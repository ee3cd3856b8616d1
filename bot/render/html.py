"""Telegram HTML helpers: split a long message without breaking its markup.

Telegram counts a message's length after parsing its entities (a tag counts nothing, ``&amp;``
counts one), in UTF-16 code units, and refuses a part whose tags do not balance. So a cut never
falls inside a tag or an entity, and tags open at a cut are closed before it and reopened after.
"""

from __future__ import annotations

import re

MAX_MESSAGE = 4096
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
# Where to cut, best first: between paragraphs, between lines, between words, anywhere.
_BREAKS = ("\n\n", "\n", " ")


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _find_cut(body: str, limit: int) -> tuple[int, list[tuple[str, str]]]:
    """The best place to cut ``body`` so that what comes before shows at most ``limit`` units."""
    stack: list[tuple[str, str]] = []  # (tag name, its opening tag as written)
    best: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    visible = 0
    position = 0
    last_safe: tuple[int, list[tuple[str, str]]] = (0, [])
    while position < len(body):
        token = _TOKEN.match(body, position) if body[position] in "<&" else None
        if token is not None and token.group(2) is not None:  # a tag: shows nothing
            name = token.group(2).lower()
            if token.group(1):
                if stack and stack[-1][0] == name:
                    stack.pop()
            else:
                stack.append((name, token.group(0)))
            position = token.end()
            continue
        step = token.end() - position if token is not None else 1
        width = 1 if token is not None else _units(body[position])
        if visible + width > limit:
            break
        for mark in _BREAKS:
            if body.startswith(mark, position):
                best.setdefault(mark, (position, list(stack)))
                best[mark] = (position, list(stack))
        visible += width
        position += step
        last_safe = (position, list(stack))
    else:
        return len(body), stack
    for mark in _BREAKS:
        if mark in best and best[mark][0] > 0:
            return best[mark]
    return last_safe


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split Telegram HTML into parts Telegram accepts, at paragraph, line or word breaks."""
    if _units(text) <= limit:
        # Markup only adds to the raw length: a text that fits raw fits shown (most replies).
        return [text] if text.strip() else []
    chunks: list[str] = []
    body = text
    while body:
        cut, stack = _find_cut(body, limit)
        if cut >= len(body):
            if body.strip():
                chunks.append(body)
            break
        cut = max(cut, 1)
        head = body[:cut].rstrip()
        closing = "".join(f"</{name}>" for name, _ in reversed(stack))
        reopening = "".join(opening for _, opening in stack)
        if head.strip():
            chunks.append(head + closing)
        body = reopening + body[cut:].lstrip()
    return chunks

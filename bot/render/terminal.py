"""Plain text for the terminal chat and ``python -m bot ask``: the Telegram rendering, unmarked."""

from __future__ import annotations

from bot.render.telegram import reply_html
from bot.render.texts import render, to_plain
from bot.services.answers import Reply, Suggestion


def reply_text(reply: Reply) -> str:
    """A reply as plain text, with the terminal's own fallback (it has no staff queue)."""
    return to_plain(reply_html(reply, fallback_key="answer.fallback_cli", related_heading=False))


def pickable(reply: Reply) -> tuple[Suggestion, ...]:
    """What a number typed after ``reply`` picks: its “¿Quiso decir…?” choices, then its related
    questions (Telegram's buttons under an answer), numbered in that order from 1."""
    return (*reply.suggestions, *reply.related)


def reply_lines(reply: Reply) -> list[str]:
    """The reply, its numbered “¿Quiso decir…?” choices and its numbered related questions."""
    lines = [reply_text(reply)]
    lines.extend(
        f"  {number}. {suggestion.question}"
        for number, suggestion in enumerate(reply.suggestions, start=1)
    )
    if reply.entry is not None and reply.entry.detail is not None:
        lines.append(f"{to_plain(render('answer.more', reply.language))}: {reply.entry.detail}")
    if reply.related:
        lines.append(to_plain(render("answer.related", reply.language)))
        lines.extend(
            f"  {number}. {related.question}"
            for number, related in enumerate(reply.related, start=len(reply.suggestions) + 1)
        )
    return lines


def reply_json(reply: Reply) -> dict[str, object]:
    """The machine-readable form printed by ``python -m bot ask --json``."""
    return {
        "answer": reply_text(reply),
        "id": reply.entry_id,
        "score": reply.score,
        "confident": reply.confident,
        "language": reply.language,
        "decision": reply.decision,
        "detail": reply.entry.detail if reply.entry else None,
        "commitments": [c.id for c in reply.commitments.commitments] if reply.commitments else [],
        "suggestions": [
            {"id": s.id, "question": s.question, "score": s.score} for s in reply.suggestions
        ],
    }

"""Raw Bot API update JSON, as Telegram sends it."""

from __future__ import annotations

import itertools
import re
import time
from typing import Any

_update_ids = itertools.count(1)
_message_ids = itertools.count(1)
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@\w{1,32})?")

CITIZEN_ID = 5_550_001
OTHER_CITIZEN_ID = 5_550_002
GROUP_ID = -1_001_234_567


def user(user_id: int = CITIZEN_ID, language_code: str | None = "es") -> dict[str, Any]:
    """A Telegram user (a person, not a bot)."""
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Ciudadana"}
    if language_code is not None:
        data["language_code"] = language_code
    return data


def chat(chat_id: int, chat_type: str = "private") -> dict[str, Any]:
    """A chat: the citizen's private chat (same id as the user) or a group."""
    data: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type != "private":
        data["title"] = "Vecinos por la transparencia"
    else:
        data["first_name"] = "Ciudadana"
    return data


def message(
    text: str | None = None,
    *,
    user_id: int = CITIZEN_ID,
    chat_id: int | None = None,
    chat_type: str = "private",
    language_code: str | None = "es",
    extra: dict[str, Any] | None = None,
    edited: bool = False,
) -> dict[str, Any]:
    """An update carrying a new (or edited) message; commands get their bot_command entity."""
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat(chat_id if chat_id is not None else user_id, chat_type),
        "from": user(user_id, language_code),
    }
    if text is not None:
        body["text"] = text
        found = _COMMAND.match(text)
        if found:
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": found.end()}]
    if extra:
        body.update(extra)
    if edited:
        body["edit_date"] = int(time.time())
    key = "edited_message" if edited else "message"
    return {"update_id": next(_update_ids), key: body}


def mention(text: str, username: str, **kwargs: Any) -> dict[str, Any]:
    """A group message mentioning the bot: "@username text"."""
    full = f"@{username} {text}"
    update = message(full, chat_type="group", chat_id=GROUP_ID, **kwargs)
    update["message"]["entities"] = [{"type": "mention", "offset": 0, "length": len(username) + 1}]
    return update


def callback(
    data: str,
    *,
    user_id: int = CITIZEN_ID,
    message_id: int = 1,
    language_code: str | None = "es",
    sent_at: float | None = None,
) -> dict[str, Any]:
    """An update for a press on an inline button under a bot message sent at ``sent_at``
    (a Unix time; now when not given)."""
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": user(user_id, language_code),
            "chat_instance": "ci-1",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time() if sent_at is None else sent_at),
                "chat": chat(user_id),
                "from": {"id": 7_000_000_001, "is_bot": True, "first_name": "Asistente"},
                "text": "…",
            },
        },
    }


MEDIA: dict[str, dict[str, Any]] = {
    "photo": {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]},
    "sticker": {
        "sticker": {
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "voice": {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
    "document": {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "a.pdf"}},
    "location": {"location": {"latitude": -0.22, "longitude": -78.51}},
    "contact": {"contact": {"phone_number": "+593999999999", "first_name": "Ana"}},
}

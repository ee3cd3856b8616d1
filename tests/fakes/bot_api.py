"""A fake Telegram Bot API: answers like Telegram, refuses what Telegram refuses, records calls.

Used two ways: behind :class:`FakeRequest` (a real ``telegram.request.BaseRequest``) for tests
through ``Application.process_update``, and behind an aiohttp server (``server.py``) for
end-to-end tests of the real bot process.
"""

from __future__ import annotations

import html
import itertools
import re
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}  # fmt: skip
_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);|[<>&]"
)


class BotApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def html_text_length(text: str) -> int:
    """Check Telegram-HTML like Telegram does; return the length of the visible text."""
    stack: list[str] = []
    visible = 0
    position = 0
    for match in _TOKEN.finditer(text):
        visible += match.start() - position
        position = match.end()
        token = match.group(0)
        if token in "<>&":
            raise BotApiError(
                400,
                f"Bad Request: can't parse entities: unescaped {token!r} at byte {match.start()}",
            )
        if match.group(4) is not None:
            visible += 1
            continue
        closing, name = match.group(1), match.group(2).lower()
        if name not in ALLOWED_TAGS:
            raise BotApiError(400, f"Bad Request: can't parse entities: unsupported tag <{name}>")
        if closing:
            if not stack or stack.pop() != name:
                raise BotApiError(400, f"Bad Request: can't parse entities: unexpected </{name}>")
        else:
            stack.append(name)
    visible += len(text) - position
    if stack:
        raise BotApiError(400, f"Bad Request: can't parse entities: unclosed <{stack[-1]}>")
    return visible


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    ok: bool = True
    # Refused because the test asked for it (fail_next, a blocked chat), not because of a bug.
    injected: bool = False

    @property
    def text(self) -> str:
        """The text sent or edited (empty for other methods)."""
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback_data) of every inline button in the call's keyboard."""
        markup = self.params.get("reply_markup") or {}
        return [
            (b.get("text", ""), b.get("callback_data", ""))
            for row in markup.get("inline_keyboard", [])
            for b in row
        ]


# Every fake made during the current test (cleared by tests/conftest.py before each test).
CREATED: list[FakeBotApi] = []


@dataclass
class FakeBotApi:
    """The state of one fake bot: its identity, sent messages, injected failures."""

    bot_id: int = 7_000_000_001
    username: str = "GobiernoAbiertoEcBot"
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, deque[BotApiError]] = field(default_factory=dict)
    blocked_chats: set[int] = field(default_factory=set)
    pending_updates: deque[dict[str, Any]] = field(default_factory=deque)
    # (method, field, file name, bytes) of every file uploaded, in order.
    uploads: list[tuple[str, str, str | None, bytes]] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)  # the last setWebhook's parameters
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(1000))
    _update_ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        CREATED.append(self)  # the suite checks, after each test, that none refused a call

    # -- test controls ------------------------------------------------------------------------

    def fail_next(self, method: str, error: BotApiError, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``error``."""
        self.failures.setdefault(method, deque()).extend([error] * times)

    def sent(self, method: str | None = "sendMessage") -> list[Call]:
        """The calls of ``method`` (all calls with None), refused ones included."""
        return [c for c in self.calls if method is None or c.method == method]

    def refused(self) -> list[Call]:
        """Calls Telegram would have refused that no test asked to fail: each one is a bug."""
        return [c for c in self.calls if not c.ok and not c.injected]

    def delivered(self, method: str = "sendMessage") -> list[Call]:
        """The calls of ``method`` that Telegram accepted."""
        return [c for c in self.calls if c.method == method and c.ok]

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue a raw update for getUpdates, numbering it."""
        update.setdefault("update_id", next(self._update_ids))
        self.pending_updates.append(update)

    # -- the API ------------------------------------------------------------------------------

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call as Telegram would: (HTTP status, JSON body)."""
        call = Call(method, params)
        if method != "getUpdates":
            self.calls.append(call)
        try:
            queued = self.failures.get(method)
            if queued:
                call.injected = True
                raise queued.popleft()
            result = self._dispatch(method, params)
        except BotApiError as error:
            call.ok = False
            chat = params.get("chat_id")
            if error.status == 403 and chat is not None and int(chat) in self.blocked_chats:
                call.injected = True
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.status,
                "description": error.description,
            }
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            return error.status, body
        return 200, {"ok": True, "result": result}

    def _dispatch(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                "id": self.bot_id,
                "is_bot": True,
                "first_name": "Asistente Gobierno Abierto",
                "username": self.username,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if method == "setWebhook":
            self.webhook = {k: params[k] for k in params}
            return True
        if method == "getWebhookInfo":
            url = self.webhook.get("url", "")
            return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}
        if method in ("setMyCommands", "deleteWebhook", "answerCallbackQuery"):
            if method == "answerCallbackQuery":
                self._check_callback_answer(params)
            return True
        if method == "getUpdates":
            offset = int(params.get("offset") or 0)
            while self.pending_updates and self.pending_updates[0]["update_id"] < offset:
                self.pending_updates.popleft()
            return list(self.pending_updates)
        if method == "sendMessage":
            return self._message(params, self._checked_text(params))
        if method == "editMessageText":
            return self._message(params, self._checked_text(params), edited=True)
        if method == "editMessageReplyMarkup":
            self._check_markup(params)
            return True
        if method == "sendDocument":
            chat_id = self._chat(params)
            message = self._message(params, None)
            message["document"] = {"file_id": "doc", "file_unique_id": "doc", "file_name": "x"}
            message["chat"]["id"] = chat_id
            return message
        raise BotApiError(404, f"Not Found: method {method} is not in the fake")

    def _chat(self, params: dict[str, Any]) -> int:
        if "chat_id" not in params:
            raise BotApiError(400, "Bad Request: chat_id is empty")
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked_chats:
            raise BotApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _checked_text(self, params: dict[str, Any]) -> str:
        text = params.get("text")
        if text is None or not str(text).strip():
            raise BotApiError(400, "Bad Request: message text is empty")
        text = str(text)
        length = html_text_length(text) if params.get("parse_mode") == "HTML" else len(text)
        if length > 4096:
            raise BotApiError(400, "Bad Request: message is too long")
        self._check_markup(params)
        return text

    def _check_markup(self, params: dict[str, Any]) -> None:
        markup = params.get("reply_markup")
        if not markup:
            return
        for row in markup.get("inline_keyboard", []):
            for item in row:
                if not str(item.get("text", "")).strip():
                    raise BotApiError(400, "Bad Request: text buttons are unallowed")
                data = item.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    raise BotApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    def _check_callback_answer(self, params: dict[str, Any]) -> None:
        if not params.get("callback_query_id"):
            raise BotApiError(400, "Bad Request: query id is invalid")
        if len(str(params.get("text") or "")) > 200:
            raise BotApiError(400, "Bad Request: MESSAGE_TOO_LONG")

    def _message(self, params: dict[str, Any], text: str | None, edited: bool = False) -> dict:
        chat_id = self._chat(params)
        message: dict[str, Any] = {
            "message_id": int(params.get("message_id") or next(self._message_ids)),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": {"id": self.bot_id, "is_bot": True, "first_name": "Asistente"},
        }
        if text is not None:
            message["text"] = html.unescape(re.sub(r"<[^>]+>", "", text))
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # like Telegram: only inline keyboards come back
        if edited:
            message["edit_date"] = int(time.time())
        return message

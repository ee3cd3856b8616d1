"""A ``telegram.request.BaseRequest`` that talks to :class:`FakeBotApi` in process."""

from __future__ import annotations

from typing import Any

from bot.devtools.request import InProcessRequest
from tests.fakes.bot_api import FakeBotApi


class FakeRequest(InProcessRequest):
    """Answer every Bot API call from a :class:`FakeBotApi`, without any network."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    def answer(self, endpoint: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return self.api.handle(endpoint, params)

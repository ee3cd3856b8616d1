"""A ``telegram.request.BaseRequest`` that talks to :class:`FakeBotApi` in process."""

from __future__ import annotations

from typing import Any

from telegram.request import RequestData

from bot.devtools.request import InProcessRequest
from tests.fakes.bot_api import FakeBotApi


class FakeRequest(InProcessRequest):
    """Answer every Bot API call from a :class:`FakeBotApi`, without any network."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    def answer(self, endpoint: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return self.api.handle(endpoint, params)

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        # Files (sendDocument) travel as multipart data, not as parameters: keep their bytes so
        # tests can read what a citizen received.
        if request_data is not None and request_data.contains_files:
            for name, (filename, content, *_) in request_data.multipart_data.items():
                data = content if isinstance(content, bytes) else content.read()
                self.api.uploads.append((url.rsplit("/", 1)[-1], name, filename, data))
        return await super().do_request(url, method, request_data, **timeouts)

"""A ``telegram.request.BaseRequest`` that talks to :class:`FakeBotApi` in process."""

from __future__ import annotations

from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.benchmark import InProcessRequest
from tests.fakes.bot_api import FakeBotApi


class FakeRequest(InProcessRequest):
    """Answer every Bot API call from a :class:`FakeBotApi`, without any network."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    def answer(self, endpoint: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return self.api.handle(endpoint, params)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        write_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        connect_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        pool_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
    ) -> tuple[int, bytes]:
        # Uploaded files (a PDF, a JSON export) travel as multipart data, not as parameters:
        # keep their bytes so tests can open what the citizen received.
        if request_data is not None and request_data.contains_files:
            for filename, content, *_ in request_data.multipart_data.values():
                self.api.uploads.append((str(filename), bytes(content)))
        return await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )

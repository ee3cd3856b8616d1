"""A ``telegram.request.BaseRequest`` that talks to :class:`FakeBotApi` in process."""

from __future__ import annotations

import json

from telegram.request import BaseRequest, RequestData

from tests.fakes.bot_api import FakeBotApi


class FakeRequest(BaseRequest):
    """Answer every Bot API call from a :class:`FakeBotApi`, without any network."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

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
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        status, body = self.api.handle(endpoint, params)
        return status, json.dumps(body).encode()

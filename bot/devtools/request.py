"""An in-process ``BaseRequest``: the benchmark's Bot API stand-in and the tests' fake share it."""

from __future__ import annotations

import json
from typing import Any

from telegram._utils.types import ODVInput  # the type BaseRequest itself declares
from telegram.request import BaseRequest, RequestData


class InProcessRequest(BaseRequest):
    """A BaseRequest answered by Python code in this process instead of the network.

    Subclasses implement :meth:`answer`; the benchmark and the tests' fake Bot API share this.
    """

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def answer(self, endpoint: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Return (HTTP status, JSON body) for one Bot API call."""
        raise NotImplementedError

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        params = dict(request_data.parameters) if request_data is not None else {}
        status, body = self.answer(url.rsplit("/", 1)[-1], params)
        return status, json.dumps(body).encode()

"""The Bot API over aiohttp: PTB's ``BaseRequest`` on the HTTP client the web server already has.

PTB's default request (HTTPXRequest) goes through httpx, httpcore, h11 and anyio: switching to
aiohttp's client (it parses in C, and keeps connections alive the same way) took a webhook
update from 4.0 to 2.8 CPU ms in ``python -m bot bench webhook``. A call without a file goes as
one JSON body (the Bot API takes ``application/json``): form encoding quoted an answer's
non-ASCII text byte by byte in Python, ~0.1 ms a reply, where ``json.dumps`` runs in C; a call
with a file goes as multipart, as HTTPXRequest sends it. Errors become PTB's ``NetworkError``
and ``TimedOut`` as there.
"""

from __future__ import annotations

import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput  # the type BaseRequest itself declares
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """Make Bot API calls with one pooled ``aiohttp.ClientSession``."""

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float = 5.0,
        write_timeout: float = 5.0,
        connect_timeout: float = 5.0,
        media_write_timeout: float = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read = read_timeout
        self._write = write_timeout
        self._connect = connect_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._default = self._timeout(read_timeout, write_timeout, connect_timeout)
        self._headers = {"User-Agent": self.USER_AGENT}
        self._json_headers = self._headers | {"Content-Type": "application/json"}

    @property
    def read_timeout(self) -> float:
        """The read timeout of calls that set none."""
        return self._read

    @staticmethod
    def _timeout(
        read: float | None, write: float | None, connect: float | None
    ) -> aiohttp.ClientTimeout:
        # aiohttp has no write timeout of its own: sending counts towards the whole call's.
        total = None if read is None or write is None else read + write + (connect or 0.0)
        return aiohttp.ClientTimeout(total=total, sock_connect=connect, sock_read=read)

    async def initialize(self) -> None:
        """Open the session (its connections open on first use)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

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
        """Make one call; return the HTTP status and the body."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = (
            request_data.multipart_data if request_data and request_data.contains_files else None
        )
        timeout = self._default
        if (
            not all(
                isinstance(given, DefaultValue)
                for given in (read_timeout, write_timeout, connect_timeout)
            )
            or files
        ):
            timeout = self._timeout(
                self._read if isinstance(read_timeout, DefaultValue) else read_timeout,
                (self._media_write if files else self._write)
                if isinstance(write_timeout, DefaultValue)
                else write_timeout,
                self._connect if isinstance(connect_timeout, DefaultValue) else connect_timeout,
            )
        data: aiohttp.FormData | bytes | None = None
        headers = self._headers
        if files:
            assert request_data is not None
            form = aiohttp.FormData()
            for name, value in request_data.json_parameters.items():
                form.add_field(name, value)
            for name, upload in files.items():
                filename, content, *rest = upload
                form.add_field(
                    name,
                    content,
                    filename=filename,
                    content_type=rest[0] if rest else "application/octet-stream",
                )
            data = form
        elif request_data is not None:
            data = json.dumps(request_data.parameters, ensure_ascii=False).encode()
            headers = self._json_headers
        try:
            async with self._session.request(
                method, url, data=data, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

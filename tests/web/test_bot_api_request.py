"""Replies over aiohttp (webhook mode): what reaches the Bot API, and what a failure becomes."""

from __future__ import annotations

import socket

import pytest
from telegram import Bot, InputFile
from telegram.error import NetworkError

from bot.bot_api import AiohttpRequest
from tests.fakes.server import FakeBotApiServer


@pytest.fixture
async def server():
    server = FakeBotApiServer()
    await server.start()
    yield server
    await server.stop()


def bot_on(base_url: str) -> Bot:
    return Bot("123456:REQUEST-TEST", base_url=base_url, request=AiohttpRequest())


async def test_a_message_with_buttons_and_a_document_arrive_as_telegram_reads_them(server):
    async with bot_on(server.base_url) as bot:
        sent = await bot.send_message(
            42, "<b>Hola</b>", parse_mode="HTML", reply_markup={"inline_keyboard": []}
        )
        await bot.send_document(42, InputFile(b"%PDF-1.4 ...", filename="solicitud.pdf"))
    assert sent.chat.id == 42 and sent.text
    message, document = server.api.calls[-2:]
    # One JSON body (no file): the id arrives as a number, the buttons as an object.
    assert (message.method, message.params["chat_id"]) == ("sendMessage", 42)
    assert message.params["text"] == "<b>Hola</b>"
    assert message.params["reply_markup"] == {"inline_keyboard": []}
    assert (document.method, document.params["document"]) == ("sendDocument", "solicitud.pdf")


async def test_an_unreachable_bot_api_is_a_network_error():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bot = bot_on(f"http://127.0.0.1:{port}/bot")
    with pytest.raises(NetworkError):
        await bot.initialize()  # getMe: what startup retries with backoff
    await bot.shutdown()

"""/estadisticas and /necesidades: the public figures, and published needs to browse and support."""

from __future__ import annotations

import asyncio

from telegram import InputFile, Update

from bot.context import AppContext
from bot.render.charts import statistics_chart
from bot.render.telegram import need_card, statistics_text
from bot.render.texts import render, shorten, to_plain
from bot.services.proposals import CATEGORIES, PROVINCES, normalize_code
from handlers import callbacks
from handlers.common import (
    button,
    expired_text,
    keyboard,
    language_of,
    private_citizen,
    reply,
)


def _public_url(context: AppContext, path: str) -> str | None:
    base = context.services.settings.public_base_url.rstrip("/")
    return base + path if base else None


async def show_statistics(update: Update, context: AppContext) -> None:
    """Send the key figures and the questions-per-week chart as a PNG."""
    language = await language_of(update, context)
    stats = await context.services.statistics.snapshot()
    text = statistics_text(stats, language, _public_url(context, "/estadisticas"))
    await reply(update, text)
    chat = update.effective_chat
    if chat is not None:
        # Drawing takes tens of milliseconds: off the event loop, like any blocking work.
        png = await asyncio.to_thread(statistics_chart, stats, language)
        await chat.send_photo(InputFile(png, filename="estadisticas.png"))


def _filter_of(token: str) -> tuple[str, str] | None:
    """(category, province) for a list filter token; None if it names nothing."""
    if token == "a":
        return "", ""
    index = int(token[1:])
    if token[0] == "c" and index < len(CATEGORIES):
        return CATEGORIES[index], ""
    if token[0] == "p" and index < len(PROVINCES):
        return "", PROVINCES[index]
    return None


async def show_needs(update: Update, context: AppContext) -> None:
    """/necesidades: how many are published and how to browse them; with a code, open it."""
    language = await language_of(update, context)
    args = list(context.args or [])
    if args:
        code = normalize_code(" ".join(args)[:40])
        need = await context.services.needs.need(code) if code else None
        if need is None:
            shown = " ".join(args)[:40]
            await reply(update, render("needs.unknown", language, code=shown))
            return
        await _send_card(update, context, code or "", language)
        return
    found = await context.services.needs.browse()
    await reply(
        update,
        render("needs.intro", language, total=found.total),
        keyboard(
            [
                [button(render("needs.all", language), callbacks.NEEDS_LIST.build("a", 1))],
                [button(render("needs.by_category", language), callbacks.NEEDS_BY.build("cat"))],
                [button(render("needs.by_province", language), callbacks.NEEDS_BY.build("prov"))],
            ]
        ),
    )


async def choose_filter(update: Update, context: AppContext) -> None:
    """The categories or the provinces, one button each."""
    query = update.callback_query
    assert query is not None
    language = await language_of(update, context)
    (kind,) = callbacks.NEEDS_BY.parse(query.data)
    await query.answer()
    if kind == "cat":
        rows = [
            [button(render(f"category.{c}", language), callbacks.NEEDS_LIST.build(f"c{i}", 1))]
            for i, c in enumerate(CATEGORIES)
        ]
        text = render("needs.choose_category", language)
    else:
        buttons = [
            button(p, callbacks.NEEDS_LIST.build(f"p{i}", 1)) for i, p in enumerate(PROVINCES)
        ]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        text = render("needs.choose_province", language)
    await query.edit_message_text(text, reply_markup=keyboard(rows))


async def list_needs(update: Update, context: AppContext) -> None:
    """One page of published needs under a filter, one button per need."""
    query = update.callback_query
    assert query is not None
    language = await language_of(update, context)
    token, page = callbacks.NEEDS_LIST.parse(query.data)
    wanted = _filter_of(token)
    if wanted is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    found = await context.services.needs.browse(wanted[0], wanted[1], page)
    label = to_plain(
        render(f"category.{found.category}", language)
        if found.category
        else found.province or render("needs.filter_all", language)
    )
    rows = [
        [
            button(
                f"{n.code} · 👍 {n.supports} · {shorten(n.text, 40)}", callbacks.NEED.build(n.code)
            )
        ]
        for n in found.needs
    ]
    nav = []
    if found.page > 1:
        nav.append(
            button(render("nav.prev", language), callbacks.NEEDS_LIST.build(token, found.page - 1))
        )
    if found.page < found.pages:
        nav.append(
            button(render("nav.next", language), callbacks.NEEDS_LIST.build(token, found.page + 1))
        )
    rows.append(nav)
    text = render(
        "needs.page", language, filter=label, page=found.page, pages=found.pages, total=found.total
    )
    if not found.needs:
        text += "\n\n" + render("needs.none", language)
    await query.edit_message_text(text, reply_markup=keyboard(rows))


async def _send_card(update: Update, context: AppContext, code: str, language: str) -> None:
    need = await context.services.needs.need(code)
    if need is None:
        await reply(update, render("needs.unknown", language, code=code))
        return
    text = need_card(need, language, _public_url(context, f"/necesidades/{code}"))
    await reply(
        update,
        text,
        keyboard([[button(render("needs.support", language), callbacks.NEED_SUPPORT.build(code))]]),
    )


async def open_need(update: Update, context: AppContext) -> None:
    """Open one need from a list."""
    query = update.callback_query
    assert query is not None
    language = await language_of(update, context)
    (code,) = callbacks.NEED.parse(query.data)
    if await context.services.needs.need(code) is None:
        await query.answer(expired_text(language), show_alert=True)
        return
    await query.answer()
    await _send_card(update, context, code, language)


async def support_need(update: Update, context: AppContext) -> None:
    """👍 Apoyar: +1 once per citizen; supporters then hear of its status changes."""
    query = update.callback_query
    assert query is not None
    found = await private_citizen(update, context)
    if found is None:
        return
    citizen, language = found
    (code,) = callbacks.NEED_SUPPORT.parse(query.data)
    result = await context.services.needs.support(citizen.id, code)
    key = {True: "needs.supported", False: "needs.already", None: "needs.cannot"}[result]
    await query.answer(render(key, language)[:200], show_alert=True)

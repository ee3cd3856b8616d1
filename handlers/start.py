"""/start, /ayuda, /privacidad and the main menu."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.context import AppContext
from bot.render.telegram import help_text
from bot.render.texts import render
from handlers import callbacks
from handlers.common import button, is_private, keyboard, language_of, private_link, reply

# The main menu: (text key, callback data). Features add their entry here.
MENU_ITEMS: list[tuple[str, str]] = [
    ("menu.ask", callbacks.MENU.build("ask")),
    ("menu.topics", callbacks.TOPICS_PAGE.build(0)),
    ("menu.plan", callbacks.PLANS.build()),
    ("menu.propose", callbacks.PROPOSE.build()),
    ("menu.mine", callbacks.MINE.build()),
    ("menu.help", callbacks.MENU.build("help")),
]


def main_menu(language: str) -> InlineKeyboardMarkup | None:
    """Return the main menu keyboard, two buttons a row."""
    buttons = [button(render(key, language), data) for key, data in MENU_ITEMS]
    return keyboard([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


async def start(update: Update, context: AppContext) -> None:
    """Greet the citizen and show the main menu."""
    language = await language_of(update, context)
    if not is_private(update):
        await reply(update, render("start.group", language, link=private_link(context)))
        return
    await reply(update, render("start.welcome", language), main_menu(language))


def help_for(update: Update, context: AppContext, language: str) -> str:
    """The help, with the staff commands for staff."""
    user = update.effective_user
    staff = user is not None and user.id in context.services.settings.staff_telegram_ids
    return help_text(language) + (render("help.staff", language) if staff else "")


async def show_help(update: Update, context: AppContext) -> None:
    """Explain how to use the assistant."""
    language = await language_of(update, context)
    await reply(update, help_for(update, context, language))


async def show_privacy(update: Update, context: AppContext) -> None:
    """Explain what is stored and why."""
    language = await language_of(update, context)
    await reply(update, render("privacy", language) + "\n" + render("privacy.requests", language))


async def choose_menu_item(update: Update, context: AppContext) -> None:
    """Handle the main menu's "ask" and "help" buttons."""
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    language = await language_of(update, context)
    if callbacks.MENU.parse(query.data) == ("ask",):
        await reply(update, render("menu.ask_hint", language))
    else:
        await reply(update, help_for(update, context, language))

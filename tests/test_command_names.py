"""Texts in English name the English alias of a command (/language, not /idioma).

Every Spanish command has an English alias (handlers.COMMANDS); an English reader who is told
to type /idioma can, but the menu in English lists /language, and the mixture reads as a slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from bot.app import COMMAND_MENU, STAFF_COMMAND_MENU
from bot.render.texts import CATALOGUE
from bot.web.public_texts import PUBLIC_TEXTS
from bot.web.texts import PANEL_TEXTS
from handlers import COMMANDS

CONTENT = Path(__file__).parent.parent / "knowledge" / "content"
ENGLISH_NAMES = {name for name, _ in COMMAND_MENU["en"] + STAFF_COMMAND_MENU["en"]}
SPANISH = {
    name: names[-1] for names, _ in COMMANDS for name in names[:-1] if name not in ENGLISH_NAMES
}
MENTION = re.compile(
    r"(?<![\w/.:-])/(" + "|".join(sorted(SPANISH, key=len, reverse=True)) + r")(?![\w/-])"
)


def _english_strings(node: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en" and isinstance(value, str):
                yield where, value
            else:
                yield from _english_strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _english_strings(value, f"{where}[{index}]")


def _english_texts() -> Iterator[tuple[str, str]]:
    for path in sorted(CONTENT.rglob("*.yaml")):
        yield from _english_strings(yaml.safe_load(path.read_text("utf-8")), path.name)
    for name, table in (("CATALOGUE", CATALOGUE), ("PANEL", PANEL_TEXTS), ("PUBLIC", PUBLIC_TEXTS)):
        for key, text in table["en"].items():
            yield f"{name}[en][{key}]", text


def test_every_spanish_command_has_an_english_alias():
    assert {"idioma", "solicitud", "proponer", "borrar_mis_datos"} <= set(SPANISH)
    assert SPANISH["idioma"] == "language" and SPANISH["planes"] == "plans"


def test_english_texts_name_the_english_commands():
    found = [
        f"{where}: /{match.group(1)} (use /{SPANISH[match.group(1)]})"
        for where, text in _english_texts()
        for match in MENTION.finditer(text)
    ]
    assert found == [], "\n".join(found)

"""The layers in ARCHITECTURE.md hold: every module's imports (lazy ones too) follow the rules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "knowledge")
# Shared helpers every Telegram feature module may use; feature modules never import each other.
HANDLER_SHARED = {"handlers.common", "handlers.callbacks", "handlers.keyboards"}
HTML_TAG = re.compile(r"</?(b|i|u|s|a|code|pre|strong|em|blockquote|tg-spoiler)( [^>]*)?>")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, ast.Module]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return found


MODULES = modules()


def imports_of(name: str) -> set[str]:
    """Every module ``name`` imports, anywhere in its body (lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(MODULES[name]):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import (the project uses none, but count them right)
                anchor = name.split(".")[: -node.level]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # "from handlers import plans" imports the module handlers.plans
            found.update(
                f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES
            )
    return found


def under(imported: str, *prefixes: str) -> bool:
    return any(imported == p or imported.startswith(p + ".") for p in prefixes)


def broken(name: str, *forbidden: str) -> list[str]:
    return sorted(i for i in imports_of(name) if under(i, *forbidden))


def in_layer(*prefixes: str) -> list[str]:
    return [name for name in MODULES if under(name, *prefixes)]


@pytest.mark.parametrize("name", in_layer("knowledge"))
def test_knowledge_imports_no_bot_handlers_or_telegram(name):
    assert broken(name, "bot", "handlers", "telegram", "aiohttp") == []


@pytest.mark.parametrize("name", in_layer("bot.services"))
def test_services_import_no_channel(name):
    """Services return data: no Telegram, no rendering, no wiring, no handlers."""
    assert (
        broken(
            name,
            "telegram",
            "aiohttp",
            "handlers",
            "bot.render",
            "bot.app",
            "bot.context",
            "bot.cli",
            "bot.devtools",
        )
        == []
    )


@pytest.mark.parametrize("name", in_layer("bot.services", "knowledge"))
def test_services_and_knowledge_hold_no_html(name):
    strings = [
        node.value
        for node in ast.walk(MODULES[name])
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    assert [s for s in strings if HTML_TAG.search(s)] == []


@pytest.mark.parametrize("name", in_layer("bot.render"))
def test_renderers_import_no_telegram_wiring_or_handlers(name):
    assert broken(name, "telegram", "handlers", "bot.app", "bot.context", "bot.cli") == []


@pytest.mark.parametrize("name", [n for n in in_layer("handlers") if n != "handlers"])
def test_handlers_never_import_each_other_or_the_wiring(name):
    others = {n for n in in_layer("handlers") if n != "handlers"} - HANDLER_SHARED - {name}
    assert broken(name, *others, "bot.app", "bot.cli", "bot.devtools") == []


@pytest.mark.parametrize("name", in_layer("bot.web"))
def test_the_web_panel_calls_services_and_never_telegram_or_the_wiring(name):
    """The panel renders the same services the bot uses; it never reaches into Telegram."""
    assert broken(name, "telegram", "handlers", "bot.app", "bot.cli", "bot.devtools") == []


@pytest.mark.parametrize("name", ["bot.context", "bot.db", "bot.models", "bot.config"])
def test_foundations_import_no_handlers_or_wiring(name):
    assert broken(name, "handlers", "bot.app", "bot.cli", "bot.devtools") == []


@pytest.mark.parametrize(
    "name", [n for n in in_layer("bot", "handlers") if not under(n, "bot.devtools", "bot.cli")]
)
def test_runtime_imports_no_developer_tools_or_tests(name):
    assert broken(name, "bot.devtools", "tests") == []


def test_the_rules_see_every_layer():
    """Guard the guard: the walk found the modules the rules are about."""
    assert {"bot.services.answers", "bot.render.telegram", "handlers.questions"} <= set(MODULES)
    assert {"bot.web", "bot.web.panel"} <= set(MODULES)
    assert "handlers.plans" in imports_of("handlers")
    assert "bot.render.telegram" in imports_of("handlers.questions")

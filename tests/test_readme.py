"""The README stays true: its configuration table lists every setting, with its default."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Settings

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_setting_is_in_the_configuration_table_with_its_default():
    rows = {
        match.group(1): match.group(2)
        for match in re.finditer(r"^\| `([A-Z_]+)` \| (.*?) \|", README.read_text(), re.M)
    }
    for name, field in Settings.model_fields.items():
        assert name.upper() in rows, f"{name.upper()} is missing from the README"
        default = field.default_factory() if field.default_factory else field.default
        if default not in (None, "", []):
            shown = default.as_posix() if hasattr(default, "as_posix") else str(default)
            assert rows[name.upper()] == f"`{shown}`", name
    assert set(rows) <= {n.upper() for n in Settings.model_fields}, "README lists unknown settings"


def test_the_readme_names_the_two_commands_and_ci_runs_the_test_one():
    text = README.read_text()
    assert "make run" in text and "make test" in text
    ci = (README.parent / ".ci" / "run").read_text()
    assert "make test" in ci

"""Theme probes: a commitment named by its theme with its lead institution, by what its card tells
of it, or with its status asked, gets its card; an institution's FAQ entry keeps what the
institution does (theme_probes.yaml, our own words)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict

PROBES = yaml.safe_load((Path(__file__).with_name("theme_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["in_scope"], ids=lambda raw: raw["q"][:60])
def test_a_theme_probe_is_answered_right(raw):
    assert probe_verdict(raw) == "right"

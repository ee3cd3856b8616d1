"""Neighbour probes: questions on one subject that two entries share (how to request vs what a
request must contain, who may request vs how, another person's data vs public servants' pay…),
written for this test in our own words (neighbor_probes.yaml), both sides of each pair. A citizen
must never get the neighbour's answer as if it were the answer to the question asked.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict

PROBES = yaml.safe_load((Path(__file__).with_name("neighbor_probes.yaml")).read_text("utf-8"))
# Share of the probes answered outright and right (measured 2026-12-03: 35 of 40, rounded down).
RIGHT_FLOOR = 0.85


@pytest.mark.parametrize("raw", PROBES["in_scope"], ids=lambda raw: raw["q"][:60])
def test_a_neighbor_probe_is_never_answered_with_the_neighbor(raw):
    assert probe_verdict(raw) not in ("wrong", "choices_wrong")


def test_most_neighbor_probes_are_answered_outright_and_right():
    verdicts = [probe_verdict(raw) for raw in PROBES["in_scope"]]
    assert len(verdicts) >= 40
    assert verdicts.count("right") / len(verdicts) >= RIGHT_FLOOR


def test_every_entry_of_a_pair_has_probes():
    counts = Counter(raw["id"] for raw in [*PROBES["in_scope"], *PROBES["known_wrong"]])
    assert min(counts.values()) >= 3


# Known gaps, kept visible: when one of these is fixed, strict xfail fails and it moves up.
@pytest.mark.parametrize("raw", PROBES["known_wrong"], ids=lambda raw: raw["q"][:60])
@pytest.mark.xfail(strict=True, reason="still answered with the neighbouring entry")
def test_a_known_neighbor_miss_is_still_answered_wrong_until_fixed(raw):
    assert probe_verdict(raw) not in ("wrong", "choices_wrong")

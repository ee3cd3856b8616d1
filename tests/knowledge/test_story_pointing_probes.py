"""Story-then-short-question probes (story_pointing_probes.yaml): a citizen tells a situation,
then asks a question that points back at it ("¿Eso puede ser reservado?") or only checks a claim
told in it, with a remark doubting the claim in between ("No le creo. ¿Es cierto?").

Written for these tests in citizens' own voices, never from alternates nor golden sets. Each
probe is answered outright and right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict

PROBES = yaml.safe_load((Path(__file__).with_name("story_pointing_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["doubted_claims"], ids=lambda raw: raw["q"][:60])
def test_a_doubted_claim_is_what_is_checked(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("raw", PROBES["known_gaps"], ids=lambda raw: raw["q"][:60])
@pytest.mark.xfail(
    strict=True, reason="who-may-ask barely leads how-to-ask on 'solo los periodistas': a known gap"
)
def test_a_known_gap_is_not_answered_right_yet(raw):
    assert probe_verdict(raw) == "right"

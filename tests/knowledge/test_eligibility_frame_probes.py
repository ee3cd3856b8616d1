"""Who may ask, not how to ask (eligibility_frame_probes.yaml, written for this test).

"¿Puedo, como extranjera, enviar una solicitud…?" shares its words with the entry on how to file
a request; only the frame ("como extranjera", "siendo extranjero", "solo pueden", the lexicon's
``_elegible`` question words) tells that it asks whether a foreigner may. Two phrasings still
lean on "presentar una solicitud" and are answered with the how-to entry: known gaps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load(
    (Path(__file__).with_name("eligibility_frame_probes.yaml")).read_text("utf-8")
)


def _eligible(raw: dict) -> object:
    if raw.get("known_gap"):
        return pytest.param(
            raw, marks=pytest.mark.xfail(strict=True, reason="read as how to file a request")
        )
    return raw


@pytest.mark.parametrize(
    "raw", [_eligible(raw) for raw in PROBES["eligible"]], ids=lambda raw: raw["q"][:60]
)
def test_a_foreigner_asking_whether_they_may_is_never_answered_with_another_entry(raw):
    assert probe_verdict(raw) in ("right", "choices_right"), raw["q"]


@pytest.mark.parametrize(
    "phrase", ["como extranjera", "siendo extranjero", "los extranjeros pueden", "solo pueden"]
)
def test_a_foreigners_frame_asks_who_may(phrase):
    tokens = shared_answers().index.normalizer.tokens(f"¿{phrase} pedir información?", "es")[0]
    assert "_elegible" in tokens, phrase


@pytest.mark.parametrize("raw", PROBES["how"], ids=lambda raw: raw["q"][:60])
def test_how_to_file_stays_the_how_to_entry(raw):
    assert probe_verdict(raw) == "right", raw["q"]

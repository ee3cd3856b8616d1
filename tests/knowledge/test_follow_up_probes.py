"""A joined follow-up does not take the answer from the question it follows (follow_up_probes.yaml,
written for this test).

"When did the new LOTAIP enter into force, and who enforces it?" asks when first; the whole
message leaned to the follow-up's entry (the Defensoría enforces the law), whose words the
short question spells out. When the second of two questions joined in one sentence points
back with a pronoun (``follow_up_pronouns``: "it", "lo"…), the first question's entry answers
and the follow-up's is offered beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("follow_up_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["joined"], ids=lambda raw: raw["q"][-60:])
def test_the_first_of_two_joined_questions_is_answered(raw):
    assert probe_verdict(raw) == "right", raw["q"]


@pytest.mark.parametrize("raw", PROBES["joined"], ids=lambda raw: raw["q"][-60:])
def test_the_follow_up_is_offered_beside_the_answer(raw):
    reply = shared_answers().answer(raw["q"])
    assert raw["offered"] in [related.id for related in reply.related], raw["q"]

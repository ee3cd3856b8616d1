"""Story-then-question probes (story_question_probes.yaml): long messages whose question sentence,
read alone, is answered, and which the story around it used to sink into a fallback or choices;
and long messages outside the scope, of the same shapes, that must stay unanswered.

Written for these tests in citizens' own voices and personas, never from alternates nor golden
sets. Each in-scope probe is answered outright and right; none outside the scope is answered or
given a commitment card. Known gaps are strict xfails, so a fix shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.devtools.quality import GoldenItem, judge, outcome_of
from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("story_question_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["in_scope"], ids=lambda raw: raw["q"][:60])
def test_the_story_does_not_sink_the_question(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("question", PROBES["out_of_scope"], ids=lambda q: q[:60])
def test_a_long_message_outside_the_scope_stays_unanswered(question):
    outcome = outcome_of(shared_answers().answer(question))
    assert judge(GoldenItem(question, False), outcome) == "rejected"


@pytest.mark.parametrize(
    "question",
    [*PROBES["out_of_scope"], *PROBES["known_not_rejected"]],
    ids=lambda q: q[:60],
)
def test_a_long_message_outside_the_scope_gets_no_commitment_card(question):
    assert shared_answers().answer(question).decision != "commitments"


@pytest.mark.xfail(strict=True, reason="still answered with another entry: a known gap")
@pytest.mark.parametrize("raw", PROBES["known_wrong"], ids=lambda raw: raw["q"][:60])
def test_a_known_gap_is_still_answered_wrong(raw):
    assert probe_verdict(raw) != "wrong"


@pytest.mark.xfail(strict=True, reason="still answered outright: a known gap")
@pytest.mark.parametrize("question", PROBES["known_not_rejected"], ids=lambda q: q[:60])
def test_a_known_gap_outside_the_scope_is_still_not_rejected(question):
    outcome = outcome_of(shared_answers().answer(question))
    assert judge(GoldenItem(question, False), outcome) == "rejected"

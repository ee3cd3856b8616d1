"""Long chatty messages whose story named another subject than the question
(long_wrong_probes.yaml): story words about procedures must not add their commitment's card
beside the one the "compromiso" clause names, and what the citizen says they already know ("ya
sé qué es la OGP, pero…") must not answer for what they ask.

Written for these tests in citizens' own voices and personas, never from alternates nor golden
sets. Each in-scope probe is answered outright and right; none outside the scope is answered or
given a commitment card.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.devtools.quality import GoldenItem, judge, outcome_of
from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("long_wrong_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["in_scope"], ids=lambda raw: raw["q"][:60])
def test_the_question_not_the_story_decides(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("question", PROBES["out_of_scope"], ids=lambda q: q[:60])
def test_what_the_citizen_already_knows_answers_nothing_outside_the_scope(question):
    reply = shared_answers().answer(question)
    assert judge(GoldenItem(question, False), outcome_of(reply)) == "rejected"
    assert reply.decision != "commitments"

"""Rumour probes: a citizen checks something heard ("¿es cierto que…?", "is it true that…?",
"dicen que…, ¿es así?"), written for this test in our own words (rumour_probes.yaml). The frame
only asks whether the claim holds: the citizen gets the entry on the claim's subject, as when the
claim is asked plainly, and a rumour outside the scope (politics, news, another country) stays
unanswered.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.devtools.quality import GoldenItem, judge, outcome_of
from knowledge.lexicon import shipped_lexicon
from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("rumour_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["pairs"], ids=lambda raw: raw["framed"][:60])
def test_a_rumour_checked_is_answered_with_the_entry_on_its_claim(raw):
    assert probe_verdict({"q": raw["framed"], "id": raw["id"]}) == "right"


@pytest.mark.parametrize("raw", PROBES["told"], ids=lambda raw: raw["q"][:60])
def test_a_rumour_told_by_someone_is_answered_with_the_entry_on_it(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("raw", PROBES["pairs"], ids=lambda raw: raw["framed"][:60])
def test_the_rumour_frame_reads_as_the_plain_claim(raw):
    tokens = shared_answers().index.normalizer.tokens
    framed, language = tokens(raw["framed"], fix_typos=True)
    plain, _ = tokens(raw["plain"], language, fix_typos=True)
    assert set(framed) == set(plain)


@pytest.mark.parametrize("question", PROBES["out_of_scope"])
def test_a_rumour_outside_the_scope_is_not_answered(question):
    outcome = outcome_of(shared_answers().answer(question))
    assert judge(GoldenItem(question, False), outcome) == "rejected"


def test_the_rumour_frames_are_lexicon_data():
    frames = shipped_lexicon().rumour_frame_phrases()
    assert ("es", "cierto", "que") in frames and ("is", "it", "true", "that") in frames


@pytest.mark.parametrize("raw", PROBES["compared"], ids=lambda raw: raw["q"][:60])
def test_a_comparison_is_answered_by_the_entry_telling_the_difference(raw):
    reply = shared_answers().answer(raw["q"])
    assert probe_verdict(raw) == "right"
    # The other thing compared is offered beside it.
    assert reply.related


@pytest.mark.parametrize("raw", PROBES["compared_choices"], ids=lambda raw: raw["q"][:60])
def test_a_comparison_both_answers_tell_is_left_to_the_citizen(raw):
    reply = shared_answers().answer(raw["q"])
    assert reply.decision == "suggest"
    assert set(raw["ids"]) <= {s.id for s in reply.suggestions}

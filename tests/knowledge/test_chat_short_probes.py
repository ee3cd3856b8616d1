"""Short chat probes (chat_short_probes.yaml, our own words): a greeting ("buenos días", "good
evening"), a rumour's "ya no sé a quién creer" and where the citizen saw it ("lo vi en face")
add nothing to the question, while the days of a deadline ("¿en cuántos días…?") stay a topic
word: "días" is courtesy only in the greeting."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("chat_short_probes.yaml")).read_text("utf-8"))


@pytest.mark.parametrize("raw", PROBES["answered"], ids=lambda raw: raw["q"][:60])
def test_a_short_chat_message_is_answered(raw):
    assert probe_verdict(raw) == "right"


@pytest.mark.parametrize("pair", PROBES["same"], ids=lambda pair: pair[0][:60])
def test_greetings_and_asides_add_no_words(pair):
    tokens = shared_answers().index.normalizer.tokens
    said, language = tokens(pair[0], fix_typos=True)
    plain, _ = tokens(pair[1], language, fix_typos=True)
    assert sorted(said) == sorted(plain)


@pytest.mark.parametrize("raw", PROBES["kept"], ids=lambda raw: raw["q"][:60])
def test_the_days_of_a_deadline_are_a_topic_word(raw):
    normalizer = shared_answers().index.normalizer
    said, language = normalizer.tokens(raw["q"], fix_typos=True)
    assert normalizer.stem(raw["word"], language) in said


@pytest.mark.parametrize("raw", PROBES["framed"], ids=lambda raw: raw["q"][:60])
def test_not_knowing_whom_to_believe_names_no_topic(raw):
    tokens = shared_answers().index.normalizer.tokens
    said, language = tokens(raw["q"], fix_typos=True)
    plain, _ = tokens(raw["plain"], language, fix_typos=True)
    assert {t for t in said if not t.startswith("_")} == {t for t in plain if not t.startswith("_")}

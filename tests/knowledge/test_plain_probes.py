"""Plain probes: short, well-written Spanish questions that ask one specific fact
(plain_probes.yaml), written for this test from the entries' answers, never from alternates nor
golden sets. None may be answered with another entry or card, and a manner adverb
("formalmente") must not decide which entry answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import probe_verdict, shared_answers

PROBES = yaml.safe_load((Path(__file__).with_name("plain_probes.yaml")).read_text("utf-8"))
# Share of the probes answered outright and right (measured 2026-12-02: 47 of 52, rounded down).
RIGHT_FLOOR = 0.9


@pytest.mark.parametrize("raw", PROBES["in_scope"], ids=lambda raw: raw["q"][:60])
def test_a_plain_probe_is_never_answered_wrong(raw):
    assert probe_verdict(raw) not in ("wrong", "choices_wrong")


def test_most_plain_probes_are_answered_outright_and_right():
    verdicts = [probe_verdict(raw) for raw in PROBES["in_scope"]]
    assert len(verdicts) >= 50
    assert verdicts.count("right") / len(verdicts) >= RIGHT_FLOOR


# "formalmente" stems to "formal", a rare word of the entry on formal requests through this
# chat (asistente-oficial): it says how the citizen wants to ask, not what about.
@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("¿Cómo pedimos formalmente esa información?", "acceso-como-solicitar"),
        ("¿Cómo pido formalmente información a una institución?", "acceso-como-solicitar"),
        ("¿Cómo reclamo formalmente si no me entregan la información?", "acceso-negativa"),
        ("¿Cómo me uno formalmente a una veeduría?", "veeduria-como"),
        ("¿Cómo registro formalmente una propuesta?", "asistente-proponer"),
        ("How do I formally request information from a ministry?", "acceso-como-solicitar"),
    ],
)
def test_a_manner_adverb_does_not_pick_the_entry(question, entry_id):
    reply = shared_answers().answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


# The adjective is still the topic: asking whether this chat is a formal request is answered.
@pytest.mark.parametrize(
    "question",
    ["¿Esto cuenta como una solicitud formal?", "¿Escribir aquí vale como pedido formal?"],
)
def test_the_adjective_formal_still_names_formal_requests(question):
    reply = shared_answers().answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", "asistente-oficial")

"""A law named by what it does ("la ley que protege los datos personales") is that law."""

from __future__ import annotations

import pytest

from knowledge.normalize import laws_by_purpose
from tests.conftest import shared_answers


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("which law protects my personal data", "lopdp-que-es"),
        ("what law covers citizen participation", "participacion-ley"),
        ("which law guarantees access to public information", "lotaip-que-es"),
        ("the law that regulates transparency", "lotaip-que-es"),
        ("law governing citizen participation in Ecuador", "participacion-ley"),
        ("cual es la ley que protege los datos personales", "lopdp-que-es"),
        ("¿qué ley protege mis datos personales?", "lopdp-que-es"),
        ("¿hay alguna ley que proteja mis datos personales?", "lopdp-que-es"),
        ("¿qué ley regula el acceso a la información pública?", "lotaip-que-es"),
        ("¿cuál ley garantiza la participación ciudadana?", "participacion-ley"),
        ("¿existe una ley que regule la participación ciudadana?", "participacion-ley"),
    ],
)
def test_a_law_named_by_what_it_does_gets_that_laws_entry(question, entry):
    reply = shared_answers().answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry)


@pytest.mark.parametrize(
    "question",
    [
        "¿hay una ley que proteja a los animales?",
        "what law regulates taxes in Ecuador",
        "la ley protege a los denunciantes?",
        "does the law protect whistleblowers?",
    ],
)
def test_a_law_no_entry_names_is_not_answered_as_one_that_does(question):
    assert shared_answers().answer(question).decision != "answer"


def test_only_what_a_law_does_is_read_as_its_title():
    assert laws_by_purpose("ley que protege los datos".split()) == ["ley", "de", "datos"]
    assert laws_by_purpose("que ley regula el acceso".split()) == ["que", "ley", "de", "acceso"]
    assert laws_by_purpose("law that protects my data".split()) == ["law", "data"]
    # Said of a law, not asked which: the words stay.
    assert (
        laws_by_purpose("la ley protege a los ninos".split())
        == "la ley protege a los ninos".split()
    )
    assert laws_by_purpose("ley de transparencia".split()) == ["ley", "de", "transparencia"]

"""Chat-style questions (issue: the typos slice). Each kind of slip found by spelling the entries'
own texts the way chat writes them: a chat spelling that made its word's sound ambiguous, a short
dropped-h or dropped-letter spelling too short to be corrected, a word of a question phrase
"corrected" into another word, an idiom whose words name nothing, the citizen's trust said in
passing. Every probe is written for these tests, none comes from a golden set.
"""

from __future__ import annotations

import pytest

from bot.devtools.quality import GoldenItem, judge, outcome_of
from tests.conftest import probe_verdict, shared_answers


def tokens(text: str) -> list[str]:
    return shared_answers().index.normalizer.tokens(text, fix_typos=True)[0]


def correct(word: str) -> str | None:
    return shared_answers().index.correct_typo(word)


GAP = pytest.mark.xfail(
    strict=True,
    reason="a known gap: keeping the rules' phrase words from being corrected fixed this but added "
    "wrong answers on two never-tuned sets, so it was left out",
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # "aser" is a chat spelling of "hacer": the two share one sound, which is no ambiguity.
        ("como se puede haser una veeduria", "como se puede hacer una veeduria"),
        ("q hasen con mi solicitud", "que hacen con mi solicitud"),
        # Too short to be corrected: the lexicon spells them out.
        ("quien izo el segundo plan", "quien hizo el segundo plan"),
        ("q compromisos abia en el primer plan", "que compromisos habia en el primer plan"),
        ("cuado sale el informe del mri", "cuando sale el informe del mri"),
        # Chat shortenings and spellings of Ecuadorian chat that stand for one word only.
        ("q agan con mis datos", "que hagan con mis datos"),  # not "pagan"
        ("ntnd q es la lotaip", "no entiendo que es la lotaip"),
        ("dnd puedo ber el presupuesto", "donde puedo ver el presupuesto"),
        ("avisame cuando haiga novedades del plan", "avisame cuando haya novedades del plan"),
        ("tmpc se q asemos en una veeduria", "tampoco se que hacemos en una veeduria"),
        ("dsp de pedir la info q pasa", "despues de pedir la informacion que pasa"),
    ],
)
def test_a_chat_spelling_reads_as_the_word_meant(typed, meant):
    assert tokens(typed) == tokens(meant)


def test_a_spelling_by_sound_is_never_read_as_an_english_contraction():
    assert correct("hasen") == "hacen"
    assert correct("haser") == "hacer"


@pytest.mark.parametrize(
    ("question", "token"),
    [
        pytest.param("el observatorio sigue funcionando?", "_estado", marks=GAP),
        pytest.param("funcionaron los compromisos del primer plan?", "_estado", marks=GAP),
        pytest.param("en q quedaron los compromisos del segundo plan", "_estado", marks=GAP),
        pytest.param("q cosa es la silla vacia", "_que_es", marks=GAP),
        ("cuanta gente participo en el segundo plan", "_cuanto"),
    ],
)
def test_the_words_of_a_question_phrase_are_not_corrected_away(question, token):
    assert token in tokens(question)


@GAP
def test_a_question_word_is_no_typo_of_another_word():
    # "funcionaron" is no "funcionario", "funcionando" no "funcionan".
    for word in ("funcionaron", "funcionando", "quedaron", "lograron"):
        assert correct(word) is None


def test_an_idiom_of_relation_sees_nothing():
    assert tokens("la defensoria tiene algo q ver con la lotaip") == tokens(
        "la defensoria tiene algo con la lotaip"
    )
    assert tokens("eso no tiene nada q ver con la ley") == tokens("eso no tiene nada con la ley")
    # "ver" alone still asks to see something.
    assert tokens("donde puedo ver el presupuesto") != tokens("donde puedo el presupuesto")


def test_the_citizens_trust_said_in_passing_names_no_topic():
    assert tokens("no me fio, guardan mis mensajes?") == tokens("guardan mis mensajes?")
    assert tokens("no confio, guardan mis mensajes?") == tokens("guardan mis mensajes?")


# Chat-style probes written for this test: answered with the entry named, or offered it.
PROBES = [
    {"q": "q hasen con mi solicitud si no me responden", "id": "acceso-negativa"},
    {"q": "como se puede haser una veeduria", "id": "veeduria-como"},
    {"q": "q compromisos abia en el primer plan", "id": "plan-primero-compromisos"},
    {"q": "cuado sale el informe del mri", "id": "mri-informes"},
    pytest.param(
        {"q": "funcionaron los compromisos del primer plan?", "id": "plan-primero-resultados"},
        marks=GAP,
    ),
    pytest.param(
        {"q": "en q quedaron los compromisos del segundo plan", "id": "plan-segundo-avances"},
        marks=GAP,
    ),
    {"q": "q cosa es la silla vacia", "id": "silla-vacia"},
    {"q": "no me fio, ustedes guardan lo q escribo?", "id": "asistente-datos"},
    {"q": "la defensoria tiene algo q ver con la lotaip?", "id": "acceso-defensoria"},
]


@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe["q"][:50])
def test_a_chat_probe_is_answered_right(probe):
    assert probe_verdict(probe) == "right"


@pytest.mark.parametrize(
    "question",
    [
        "q tal es el gobierno d colombia pa haser tramites",
        "cuanta plata gana el presidente d peru",
        "la publicidad d mi tienda en facebook como la hago",
        "mi seguro no me cubre la operacion, q hago",
        "no tiene nada q ver pero q hora es en madrid",
        "mi empresa privada sigue funcionando? q hago con los impuestos",
    ],
)
def test_a_chat_question_outside_the_scope_stays_rejected(question):
    outcome = outcome_of(shared_answers().answer(question))
    assert judge(GoldenItem(question, False), outcome) == "rejected"

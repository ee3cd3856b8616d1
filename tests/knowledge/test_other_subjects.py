"""A question in the frame of an entry's question but about something else is not answered
outright: "¿cuándo se fundó la ONU?" shares every word but one with "¿cuándo se fundó la OGP?",
and that one word is the subject. Each off-topic question below was answered outright (and so
wrongly) before; its in-scope counterpart must still be answered."""

from __future__ import annotations

import pytest

from bot.services.answers import AnswerService
from tests.conftest import edited_lexicon, shared_answers


@pytest.fixture(scope="module")
def service() -> AnswerService:
    return shared_answers()


@pytest.mark.parametrize(
    "question",
    [
        # Another organisation, in the frame of an OGP entry.
        "¿Cuándo se fundó la ONU?",
        "¿Cuándo se fundó la OEA?",
        "¿Cómo se une un país a la OTAN?",
        "¿Cómo se une un país al Mercosur?",
        "¿Qué países fundaron el Mercosur?",
        "¿Cuántos miembros tiene la OPEP?",
        "When was NATO founded?",
        "How does a country join the European Union?",
        "How many members does the G20 have?",
        "What countries founded the African Union?",
        # A name that begins with a word the knowledge base takes for the OGP ("alianza").
        "cuando se fundo la alianza del pacifico",
        "¿Cuándo se fundó la Alianza Bolivariana?",
        # A city or a company founded, not the partnership.
        "¿Cuándo se fundó Guayaquil?",
        "¿Cuándo se fundó Apple?",
        # Another procedure in the frame of an open-government one.
        "¿Qué criterios de elegibilidad pide la beca Senescyt?",
        "¿Quién coordina la selección de fútbol de Ecuador?",
        "¿Qué hago si me niegan la visa?",
        "¿Qué cambió con la nueva Ley de Comunicación?",
        # A concept in general, where the entry is one narrow instance of it.
        "¿Qué es la inteligencia artificial?",
        "¿Qué es una herramienta?",
        # The entry's own question names the instance ("¿Qué es PAGA IA?"); these ask about AI.
        "¿Qué es la IA?",
        "what is AI",
    ],
)
def test_a_question_about_another_subject_in_an_entrys_frame_is_not_answered(service, question):
    reply = service.answer(question)
    assert not reply.confident, (reply.decision, reply.entry_id)


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("¿cuándo se fundó la OGP?", "ogp-fundacion"),
        ("¿Cuándo se fundó?", "ogp-fundacion"),
        ("cuando se fundo la alianza para el gobierno abierto", "ogp-fundacion"),
        ("¿cuándo se fundó la alianza?", "ogp-fundacion"),
        ("¿La OGP empezó en la ONU?", "ogp-fundacion"),
        ("When was OGP founded?", "ogp-fundacion"),
        ("¿cómo se une un país a la alianza?", "ogp-como-unirse"),
        ("How does a country join OGP?", "ogp-como-unirse"),
        ("¿Qué países fundaron la OGP?", "ogp-fundadores"),
        ("¿Cuántos miembros tiene la OGP?", "ogp-miembros"),
        ("¿Quién coordina el gobierno abierto en Ecuador?", "ecuador-coordinacion"),
        ("¿Qué hago si me niegan la información que pedí?", "acceso-negativa"),
        ("¿Qué cambió con la nueva Ley de Transparencia?", "lotaip-2023"),
        ("¿Qué es PAGA IA?", "plan-paga-ia"),
        ("¿Qué es la inteligencia artificial de gobierno abierto?", "plan-paga-ia"),
        # A concept the entry's phrasings name on their own is the entry's.
        ("what is a commitment?", "plan-compromiso"),
        ("¿Qué es la transparencia?", "pilar-transparencia"),
        ("¿Qué es la innovación?", "pilar-colaboracion"),
        # A capitalised name the entry knows is no other subject.
        ("¿Qué gobiernos locales como Quito están en OGP Local?", "ogp-local-ecuador"),
    ],
)
def test_the_same_frame_about_the_entrys_subject_is_still_answered(service, question, entry_id):
    reply = service.answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


def test_a_message_written_in_capitals_names_no_other_subject(service):
    reply = service.answer("CUANDO SE FUNDO LA OGP")
    assert (reply.decision, reply.entry_id) == ("answer", "ogp-fundacion")


@pytest.mark.parametrize(
    "word",
    ["cunado", "medicos", "matrimonial", "cuesta", "paris", "electrica", "lancha", "motor"],
)
def test_a_real_word_is_not_corrected_into_a_word_of_the_knowledge_base(service, word):
    # "cuñado" is not "cuando", "médicos" not "medios", "lancha" not "launch".
    assert service.index.correct_typo(word) is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("fondo", "fondos"), ("tranparencia", "transparencia"), ("gobiermo", "gobierno")],
)
def test_a_typo_or_a_real_words_other_ending_is_still_corrected(service, typed, meant):
    assert service.index.correct_typo(typed) == meant


@pytest.mark.parametrize("question", ["mi cuñado pide información", "cuando se fundo paris"])
def test_a_real_word_corrected_no_longer_makes_a_question_look_on_topic(service, question):
    reply = service.answer(question)
    assert not reply.confident, (reply.decision, reply.entry_id)


@pytest.mark.parametrize(
    "question",
    [
        # Another country: its plan, its coordination, its commitments are not Ecuador's.
        "¿Qué es el gobierno abierto en España?",
        "¿Quién coordina el gobierno abierto en Colombia?",
        "¿Cuántos compromisos tiene el segundo plan de Perú?",
        "¿Cómo va el compromiso de datos abiertos de Chile?",
        "open data commitments of the European Union",
        # "Canadá" stems to the English word "can": each language's words are compared apart.
        "What does open government mean in Canada?",
        # Another organisation whose acronym is an everyday word, written as a name.
        "When was the WHO set up?",
        # The private sector: an insurer is not a public institution.
        "¿qué hago si la aseguradora me niega la información?",
    ],
)
def test_a_question_about_another_country_body_or_the_private_sector_is_not_answered(
    service, question
):
    reply = service.answer(question)
    assert not reply.confident, (reply.decision, reply.entry_id)


@pytest.mark.parametrize(
    ("question", "decision", "answered"),
    [
        # The entry itself names the country or the sector asked about.
        ("¿México fue uno de los países fundadores de la OGP?", "answer", "ogp-fundadores"),
        (
            "¿una empresa privada debe entregar información pública?",
            "answer",
            "acceso-sujetos-obligados",
        ),
        # Where the citizen works or comes from is their situation, not the question.
        (
            "Trabajo en una empresa privada, ¿qué hago si me niegan la información pública?",
            "answer",
            "acceso-negativa",
        ),
        (
            "Soy de Colombia, ¿cómo va el compromiso de contratación pública del primer plan?",
            "commitments",
            "paga-1-c03",
        ),
    ],
)
def test_a_country_or_sector_the_knowledge_base_speaks_of_is_still_answered(
    service, question, decision, answered
):
    reply = service.answer(question)
    shown = reply.entry_id or ",".join(c.id for c in reply.commitments.commitments)
    assert (reply.decision, shown) == (decision, answered)


def test_outside_subjects_are_lexicon_data_checked_by_kb_check(tmp_path):
    from knowledge.check import _check_lexicon
    from knowledge.lexicon import read_lexicon

    countries = "  countries: [colombia,"
    edited = edited_lexicon(tmp_path, countries, "  countries: [bolivia del sur, colombia,")
    said = "el plan de bolivia del sur".split()
    assert ("bolivia", "del", "sur") in read_lexicon(edited).outside_subjects_in(said)
    # A name that is also an everyday word counts only written in capitals.
    assert read_lexicon().outside_subjects_in("who founded it".split()) == []
    assert read_lexicon().outside_subjects_in("who founded it".split(), ["who"]) == [("who",)]
    edited = edited_lexicon(tmp_path, countries, "  countries: [Perú, colombia,")
    assert [p.message for p in _check_lexicon(edited)] == [
        "lexicon: outside_subjects.countries: 'Perú' is not folded (lowercase letters/digits)"
    ]


@pytest.mark.parametrize(
    ("question", "cited", "entry_id"),
    [
        # The right-to-information entry cites article 18 of the Constitution, not article 3.
        (
            "what does article 3 of the constitution say about the right to information",
            "que dice el articulo 18 de la constitucion",
            "acceso-derecho",
        ),
        # The reserved-information entry cites article 15 of the LOTAIP, not article 30.
        (
            "el articulo 30 de la lotaip habla de informacion reservada?",
            "que dice el articulo 15 de la lotaip sobre informacion reservada",
            "acceso-reservada",
        ),
    ],
)
def test_an_article_the_entry_never_cites_is_offered_not_answered(
    service, question, cited, entry_id
):
    reply = service.answer(question)
    assert reply.decision == "suggest"
    assert entry_id in [s.id for s in reply.suggestions]
    assert (service.answer(cited).decision, service.answer(cited).entry_id) == ("answer", entry_id)


@pytest.mark.parametrize(
    "question",
    [
        # Another international body, after a self-introduction or a greeting (the whole
        # message's check reads "estudiante" among the words the entry leaves out, and missed it).
        "Soy estudiante. ¿Cuándo se fundó la ONU?",
        "Hola. ¿Cuándo se fundó la ONU?",
        "Trabajo en una empresa privada. ¿Cuándo se fundó la ONU?",
        "Vivo en Cuenca y estudio derecho. ¿Cuándo se fundó la ONU?",
        "Buenos días, le escribo desde Manta. ¿Cuándo se fundó la OEA?",
        "Soy periodista, ¿cuántos miembros tiene la OEA?",
        "Buenas tardes, soy ingeniero. ¿Cómo se une un país a la OPEP?",
        "Soy estudiante. cuando se fundo la alianza del pacifico",
        "Hola, soy estudiante. ¿Qué países fundaron el Mercosur?",
        "Hi, I'm a student. When was the UN founded?",
        "I work at a bank. When was the UN founded?",
        "I'm a teacher. How many members does the G20 have?",
        "Hello! How does a country join the African Union?",
        # Another country.
        "Buenos días, soy profesora. ¿Cuál es el plan de acción de Colombia?",
        "Soy estudiante. ¿Cuál es el plan de acción de Argentina?",
        "Hello. What is Colombia's action plan?",
        "Hi, I'm a lawyer. What is Peru's action plan?",
        # A private company.
        "Soy estudiante. ¿Cuándo se fundó Microsoft?",
        "Soy estudiante de derecho. ¿Cuándo se fundó Coca-Cola?",
        "I'm a student. When was Google founded?",
        "Hello, I'm a businessman. How does a private company report?",
        # A procedure outside open government.
        "Hola, trabajo en un banco. ¿Cómo saco el pasaporte?",
        "Buenas, soy comerciante. ¿Cómo pago mis impuestos al SRI?",
        "Hola, soy jubilado. ¿Cómo me afilio al IESS?",
        "Good morning, I am a teacher. How do I get a passport?",
        "Hi, I'm a shopkeeper. How do I pay my taxes?",
        "I'm a retiree. How do I apply for my IESS pension?",
        # A concept in general, where the entry is one narrow instance of it.
        "Soy estudiante. ¿Qué es la inteligencia artificial?",
    ],
)
def test_another_subject_after_an_introduction_or_a_greeting_is_not_answered(service, question):
    reply = service.answer(question)
    assert not reply.confident, (reply.decision, reply.entry_id)


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("Soy estudiante. ¿Cuándo se fundó la OGP?", "ogp-fundacion"),
        ("Hola. ¿Cuándo se fundó la OGP?", "ogp-fundacion"),
        ("Soy periodista. ¿Cuántos países son miembros de la OGP?", "ogp-miembros"),
        ("Soy estudiante. ¿Qué es el gobierno abierto?", "ga-que-es"),
        ("I'm a student. What is open government?", "ga-que-es"),
        ("Soy dirigente barrial en Loja. ¿Qué es el MRI?", "mri-que-es"),
    ],
)
def test_the_entrys_own_subject_after_an_introduction_is_still_answered(
    service, question, entry_id
):
    reply = service.answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


@pytest.mark.parametrize(
    "question",
    [
        # Another country's institutions named by its nationality.
        "¿Qué dice la ley española sobre protección de datos?",
        "What open data does the Colombian government publish?",
        # Everyday matters that are plainly not open government, whatever entry shares words.
        "¿Cuándo es el examen de admisión a la universidad?",
        "¿Cómo creo una cuenta de Instagram?",
        # A partisan opinion shares a word with the commitment on political parties.
        "¿Cuál es el mejor partido político del Ecuador?",
        "Which is the best political party?",
    ],
)
def test_another_countrys_law_or_an_everyday_matter_is_not_answered(service, question):
    reply = service.answer(question)
    assert not reply.confident, (reply.decision, reply.entry_id)


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        # A nationality telling who the citizen is, or a language, names no other country.
        ("Soy venezolano, ¿puedo pedir información pública?", "acceso-quien-puede"),
        ("¿Puedo escribirte en español?", "asistente-idioma"),
        ("Can I write to you in Spanish?", "asistente-idioma"),
        # An off-topic word in the story, not in what is asked.
        (
            "Entreno a un club de fútbol barrial. ¿Una entidad privada que recibe fondos "
            "públicos está obligada a entregar información?",
            "acceso-sujetos-obligados",
        ),
    ],
)
def test_a_nationality_or_an_off_topic_word_outside_what_is_asked_still_answers(
    service, question, entry_id
):
    reply = service.answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


def test_the_commitment_on_political_parties_is_still_shown_when_asked_for():
    reply = shared_answers().answer("¿Cuál es el compromiso sobre partidos políticos?")
    assert reply.decision == "commitments"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        # A count before a plural asks for all of them; a number after the noun names one.
        ("los 3 pilares del gobierno abierto", "pilares-cuales"),
        ("What are the three pillars of open government?", "pilares-cuales"),
        ("¿Qué es el pilar tres?", "pilar-participacion"),
    ],
)
def test_a_count_is_not_taken_for_the_number_of_one(service, question, entry_id):
    reply = service.answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)

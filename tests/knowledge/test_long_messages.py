"""Long, chatty messages: the question found inside greetings, a story and courtesy.

Every message here was written for these tests in a citizen's voice (none comes from a golden set).
"""

from __future__ import annotations

import pytest

from knowledge.lexicon import read_lexicon
from tests.conftest import edited_lexicon, shared_answers


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        # The subject sits in "un deber sobre X"; "no encontramos nada…" and "me ayuda" are not it.
        (
            "hola buenas noches, mi hija tiene que hacer un deber sobre los pilares del gobierno "
            "abierto y no encontramos nada en internet, me ayuda porfa",
            "pilares-cuales",
        ),
        (
            "buenas tardes licenciado, disculpe que le moleste a esta hora, tengo que dar una "
            "charla sobre la silla vacia en mi barrio el sabado y quisiera tener las ideas "
            "claras, me ayuda?",
            "silla-vacia",
        ),
        # "Queremos saber X": the first person plural asks as "quiero saber" does.
        (
            "Buenas, somos un grupo de jóvenes de la parroquia y hacemos radio comunitaria los "
            "sábados. Queremos saber qué es la rendición de cuentas porque el alcalde va a "
            "presentar la suya.",
            "rendicion-cuentas",
        ),
    ],
)
def test_a_long_message_naming_its_subject_in_a_story_is_answered_outright(message, entry_id):
    reply = shared_answers().answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


def test_a_framed_subject_yields_to_the_question_asked_about_it():
    reply = shared_answers().answer(
        "hola, tengo una tarea sobre los pilares del gobierno abierto, que significa el pilar "
        "de colaboracion?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "pilar-colaboracion")


@pytest.mark.parametrize(
    "message",
    [
        "saludos, tengo una empresa pequeña y quiero saber cómo declaro el impuesto a la renta "
        "en el SRI, ¿qué tengo que hacer y cuánto demora?",
        "hola, tengo un carro con multas de tránsito y quiero saber cómo impugno las citaciones "
        "en la agencia, ¿qué tengo que hacer y cuánto demora?",
        # What the citizen wants to request or obtain is the subject too.
        "Hola, vivo en Loja. Necesito tramitar mi licencia de conducir tipo B, ¿qué documentos "
        "necesito y en cuánto tiempo me la dan?",
    ],
)
def test_a_long_message_about_another_procedure_is_not_answered_by_its_how_long(message):
    # "¿cuánto demora?" fits the deadline for an information request, but the citizen said
    # what it is about: something the knowledge base does not cover.
    reply = shared_answers().answer(message)
    assert not reply.confident, reply.entry_id


def test_where_the_citizen_heard_of_a_subject_ends_it():
    # "…en un taller" says where, not what: "taller" is no other subject to penalise.
    said = "escuche hablar del mecanismo de revision independiente en un taller".split()
    assert read_lexicon().subjects_of(said) == [["mecanismo", "de", "revision", "independiente"]]


def test_what_was_requested_is_not_the_subject_asked_about():
    # "Pedimos información sobre una concesión minera…": the mining concession is what the
    # request asked for; the question is what to do when it went unanswered.
    said = "pedimos informacion sobre una concesion minera y no nos respondieron".split()
    assert read_lexicon().subjects_of(said) == []
    # Someone else's request ("vino a pedir información sobre…") still names what it is about.
    said = "un senor vino a pedir informacion sobre una vecina".split()
    assert read_lexicon().subjects_of(said) == [["una", "vecina"]]
    reply = shared_answers().answer(
        "Buenas, soy dirigente de una comuna en Cotopaxi. Pedimos información sobre una concesión "
        "minera y no nos respondieron en meses. ¿Podemos ir ante un juez? ¿Qué acción se presenta?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "acceso-accion-judicial")


def test_information_the_citizen_wants_to_request_is_still_a_request_for_information():
    reply = shared_answers().answer(
        "Hola, soy estudiante. Necesito pedir información pública al ministerio de educación "
        "para mi tesis, ¿cuánto se demoran en responder?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "acceso-plazo")


def test_a_place_named_in_the_subject_does_not_make_it_another_subject():
    reply = shared_answers().answer(
        "necesito informacion sobre como presentar una queja en la defensoria del pueblo de Machala"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "acceso-defensoria")


def test_the_topic_frames_are_lexicon_data_checked_by_kb_check(tmp_path):
    from knowledge.check import _check_lexicon

    edited = edited_lexicon(
        tmp_path, "  es: [un deber sobre,", "  es: [una ponencia sobre, un deber sobre,"
    )
    said = "mi jefe me pidio una ponencia sobre la silla vacia pero no se nada".split()
    assert read_lexicon(edited).subjects_of(said) == [["la", "silla", "vacia"]]
    assert read_lexicon().subjects_of(said) == []
    # Two frames in one clause: two subjects.
    said = "tengo una tarea sobre la lotaip y necesito saber cuando se aprobo".split()
    assert read_lexicon().subjects_of(said) == [["la", "lotaip"], ["cuando", "se", "aprobo"]]
    edited = edited_lexicon(
        tmp_path, "  es: [un deber sobre,", "  es: [Una Ponencia sobre, un deber sobre,"
    )
    where = "lexicon: long_message_subject_frames.es"
    assert [p.message for p in _check_lexicon(edited)] == [
        f"{where}: '{word}' is not folded (lowercase letters/digits)"
        for word in ("Una", "Ponencia")
    ]


def test_a_message_that_opens_with_its_question_is_answered_by_that_question():
    # The question first, then a story around it that names nothing the question is about.
    reply = shared_answers().answer(
        "¿Qué es la silla vacía? Le explico: en la reunión del barrio alguien la mencionó y nos "
        "quedamos todos con la duda, nadie supo decir nada y yo quedé mal con mis vecinos."
    )
    assert (reply.decision, reply.entry_id) == ("answer", "silla-vacia")


def test_a_clause_opens_with_a_question_only_when_its_first_words_ask():
    from knowledge.normalize import opens_with_question

    assert opens_with_question(["que", "es", "la", "silla", "vacia"])
    assert opens_with_question(["how", "many", "plans"])
    assert not opens_with_question(["la", "silla", "vacia", "que", "es"])
    assert not opens_with_question([])


# -- who the citizen is names no commitment asked about ------------------------------------------


@pytest.mark.parametrize(
    ("message", "entry_id"),
    [
        # "mi tesis es sobre la violencia de género" is the student's, not the question.
        (
            "Buenas, soy estudiante de la universidad y mi tesis es sobre la violencia de "
            "género. Mi tutora me habló de los planes de gobierno abierto. ¿Qué es un plan de "
            "acción?",
            "plan-que-es",
        ),
        (
            "Trabajo en el Consejo Nacional Electoral en las elecciones. ¿Qué resultados tuvo el "
            "plan de gobierno abierto?",
            "plan-primero-resultados",
        ),
        (
            "Soy funcionaria de la Defensoría del Pueblo. ¿Cuántos compromisos tiene el primer "
            "plan?",
            "plan-primero-compromisos",
        ),
    ],
)
def test_a_commitment_named_in_who_the_citizen_is_gets_no_card(message, entry_id):
    reply = shared_answers().answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)


def test_a_self_introduction_is_left_out_of_commitment_matching():
    matcher = shared_answers().commitments
    assert (
        matcher.match(
            "Soy pescador en Manta y trabajo en una cooperativa pesquera. ¿Cómo va el segundo plan "
            "de acción?"
        )
        is None
    )
    # Told apart from the question, and kept when it says "compromiso".
    assert (
        matcher.without_introductions("Hola, vivo en Manta. ¿Qué es la OGP?")
        == "Hola. Qué es la OGP"
    )
    kept = "Soy parte del compromiso de pesca. ¿Cómo va?"
    assert matcher.without_introductions(kept) == kept


@pytest.mark.parametrize(
    ("message", "commitment_id"),
    [
        # The story names the commitment; the question points back to it.
        (
            "Soy pescadora en Manta y en la asociación nos hablaron de la transparencia pesquera "
            "del segundo plan. ¿En qué quedó ese compromiso?",
            "paga-2-ec0020",
        ),
        # The question names its own commitment, whoever asks.
        (
            "Trabajo en una cooperativa pesquera de Manta. ¿Cómo va el compromiso del laboratorio "
            "de innovación ciudadana?",
            "paga-1-c08",
        ),
        (
            "Saludos, soy profesora en Loja. ¿Cómo les fue con el compromiso de compras públicas "
            "del primer plan?",
            "paga-1-c03",
        ),
    ],
)
def test_a_commitment_asked_about_after_a_story_gets_its_card(message, commitment_id):
    reply = shared_answers().answer(message)
    assert reply.decision == "commitments"
    assert reply.commitments is not None
    assert [c.id for c in reply.commitments.commitments] == [commitment_id]


def test_self_introductions_and_pointing_words_are_lexicon_data_checked_by_kb_check(tmp_path):
    from knowledge.check import _check_lexicon

    edited = edited_lexicon(tmp_path, "  es: [soy, somos,", "  es: [Soy, somos,")
    assert [p.message for p in _check_lexicon(edited)] == [
        "lexicon: self_introductions.es: 'Soy' is not folded (lowercase letters/digits)"
    ]
    edited = edited_lexicon(tmp_path, "  es: [ese, esa,", "  es: [Ése, esa,")
    assert [p.message for p in _check_lexicon(edited)] == [
        "lexicon: pointing_words: 'Ése' is not folded (lowercase letters/digits)"
    ]
    lexicon = read_lexicon()
    assert lexicon.introduces_self("mi hijo estudia en la universidad".split())
    assert lexicon.introduces_self("i m a teacher from quito".split())
    assert not lexicon.introduces_self("me dijeron que hay un plan".split())
    # An introduction tells the citizen's situation, for the FAQ search too.
    assert lexicon.opens_context("trabajo en el municipio".split())


# -- two questions in one message -----------------------------------------------------------------


def test_the_second_of_two_questions_is_offered_first_among_the_related():
    reply = shared_answers().answer(
        "Hola, soy secretaria de una junta parroquial en Cañar y tengo una consulta. ¿Cuántos "
        "días tiene una institución para responder una solicitud de información? ¿Y qué hago si "
        "no me responden?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "acceso-plazo")
    assert reply.related[0].id == "acceso-negativa"


def test_the_questions_a_message_asks_are_read_by_their_question_marks():
    from knowledge.search import asked_questions

    message = "Soy lideresa en Sucumbíos. ¿Ya hay un tercer plan? ¿Cuándo se abre la convocatoria?"
    assert asked_questions(message) == [
        ("Soy lideresa en Sucumbíos. ¿Ya hay un tercer plan?", "Ya hay un tercer plan"),
        (message, "Cuándo se abre la convocatoria"),
    ]
    assert asked_questions("hola, qué es la OGP") == []


def test_of_two_questions_the_first_is_answered_when_the_message_offers_it_among_choices():
    message = (
        "Buenas noches. Hace días le conté al bot cosas de mi familia y ahora me da miedo: no "
        "quiero que nada quede guardado. ¿Cómo pido que se borre todo mi historial y mis datos? "
        "¿Cuánto se demoran?"
    )
    answers = shared_answers()
    # Read whole, the second question's "¿cuánto…?" pulls an information request's deadline;
    # the first question, read apart from the story, decides already in the search.
    whole = answers.index.search(message)
    assert whole.decision == "answer"
    assert whole.top is not None and whole.top.entry.id == "asistente-borrar-datos"
    reply = answers.answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", "asistente-borrar-datos")
    # "¿Cuánto se demoran?" alone says too little to offer the deadline of a request.
    assert "acceso-plazo" not in [r.id for r in reply.related]


def test_the_question_asked_decides_when_the_story_pulls_elsewhere():
    # The story ("gobierno abierto y la transparencia", the words seen in a document) fits the
    # definition of open government better than the question does; read apart from it, the
    # question asks plainly for the IRM's scale.
    reply = shared_answers().answer(
        "Soy costurera en Otavalo y en mis ratos libres leo sobre el gobierno abierto y la "
        "transparencia. En un documento vi palabras como «avance limitado» y «completo». ¿Qué "
        "niveles de cumplimiento usan y qué significa cada uno?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "mri-escala-cumplimiento")


@pytest.mark.parametrize(
    "message",
    [
        # "ese plan" points back at the story: alone, "¿cuándo empezó y cuándo termina?" would
        # fit the founding of the partnership.
        "Soy mecánico en Latacunga y arreglo motos. Un cliente me contó que el gobierno tiene "
        "un segundo plan. ¿Cuándo empezó y cuándo termina ese plan?",
        # The story says what the question is about, in words the knowledge base never uses.
        "Buenas tardes, quiero saber cómo saco el pasaporte en el registro civil para viajar a "
        "España con mis hijos. ¿Qué documentos necesito y cuánto se demoran?",
        # Too few words of its own: "¿dónde pongo una queja?" is about the story's noise.
        "Mi vecino hace mucho ruido todas las noches con su música. ¿Dónde puedo poner una queja?",
    ],
)
def test_a_question_that_needs_its_story_is_not_read_alone(message):
    reply = shared_answers().answer(message)
    assert not reply.confident, reply.entry_id


def test_a_question_pointing_back_stops_the_questions_after_it_from_deciding():
    # "¿Quién lo tenía a cargo?" continues "¿Se cumplió ese compromiso?": both are about the
    # commitment the story names, not about who coordinates open government in general.
    index = shared_answers().index
    message = (
        "Somos una junta de regantes en Cotacachi. Nos contaron que el gobierno se comprometió "
        "a publicar datos del agua. ¿Se cumplió ese compromiso? ¿Quién lo tenía a cargo?"
    )
    assert index.search(message).decision != "answer"


def test_what_a_friend_said_about_another_country_is_context():
    # "Una amiga me dijo que Perú…" tells where the citizen heard it; the question asks about
    # the partnership's members, which Peru does not make another subject.
    reply = shared_answers().answer(
        "Soy peruana y vivo en Ibarra, vendo ropa en la feria. Una amiga me dijo que Perú "
        "también está en la alianza de gobierno abierto. ¿Cuántos países son miembros de la "
        "alianza hoy?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "ogp-miembros")


@pytest.mark.parametrize(
    "message",
    [
        "En la asociación de jubilados escribimos un boletín mensual y queremos saber qué tanto "
        "se ha avanzado en el segundo plan de acción. ¿Existe ya una evaluación del mecanismo "
        "independiente o un reporte sobre los avances?",
        "Somos un grupo de estudiantes de sociología y queremos saber qué tanto se ha avanzado "
        "en el segundo plan de acción. ¿El mecanismo independiente ya publicó alguna evaluación "
        "o reporte de avances?",
    ],
)
def test_a_story_that_asks_about_something_else_keeps_the_question_from_deciding(message):
    # "queremos saber qué tanto se ha avanzado en el segundo plan" asks on its own, surely, for
    # the second plan's progress: the question alone ("¿…evaluación del mecanismo…?") would
    # answer what the IRM is, and the two readings disagree.
    reply = shared_answers().answer(message)
    assert not (reply.decision == "answer" and reply.entry_id == "mri-que-es")
    assert reply.entry_id in (None, "plan-segundo-avances")


def test_a_question_word_for_word_an_entrys_phrasing_decides_after_a_story():
    # Two topic words alone would be too few to read apart from the story, but "¿para qué
    # sirve este asistente?" is word for word how citizens ask what the bot does.
    reply = shared_answers().answer(
        "Hola, me uní hace poco a un grupo de vecinos en Telegram y alguien compartió este "
        "enlace. ¿Para qué sirve este asistente?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "asistente-que-hace")


# -- a long message whose question says too little alone ----------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        # Pointing back at the story: the question alone says too little.
        "¿Qué puedo hacer cuando esa entidad se niega a entregarme lo que pedí?",
        "¿Dónde se ve eso de los contratos del municipio con la empresa?",
        # Vague: a few words, none naming a subject.
        "¿Cómo hago para saber más de esas cosas?",
        # Words the knowledge base never uses: about something else.
        "¿A quién le reclamo por el sancocho que nos sirvieron frío en la minga?",
    ],
)
def test_a_long_message_whose_question_is_vague_gets_no_card(question):
    reply = shared_answers().answer(
        "Buenas, le cuento que en mi parroquia de Zamora hicieron una obra de agua potable y los "
        "dirigentes dicen que el municipio firmó contratos con una empresa que nadie conoce. "
        + question
    )
    assert not reply.confident, reply.entry_id


# -- two questions joined in one sentence ("…y qué…") ------------------------------------------


def test_two_questions_joined_by_y_que_are_each_handled():
    # Read as one, "¿…y qué informes publica?" pulls the whole sentence to the reports; asked
    # apart, the first question is answered and the second is offered first among the related.
    reply = shared_answers().answer(
        "Buenas noches, trabajo en una imprenta en Cuenca y un cliente me dejó un folleto sobre "
        "el tema. ¿Qué es el Mecanismo de Revisión Independiente y qué informes publica?"
    )
    assert (reply.decision, reply.entry_id) == ("answer", "mri-que-es")
    assert reply.related[0].id == "mri-informes"


def test_a_sentence_joining_a_follow_up_asks_two_questions():
    index = shared_answers().index
    message = "Soy taxista en Quito. ¿Qué es una veeduría ciudadana y cómo se forma?"
    assert index.asked_questions(message, "es") == [
        ("Soy taxista en Quito. ¿Qué es una veeduría ciudadana?", "Qué es una veeduría ciudadana"),
        (message, "cómo se forma"),
    ]
    english = "I drive a taxi in Quito. What is the IRM and what does it publish?"
    assert [asked for _, asked in index.asked_questions(english, "en")] == [
        "What is the IRM",
        "what does it publish",
    ]
    # Each part needs two words: "¿cuándo y cómo me inscribo?" asks one question.
    assert len(index.asked_questions("Soy taxista. ¿Cuándo y cómo me inscribo?", "es")) == 1
    # Without the index, question marks alone tell the questions.
    from knowledge.search import asked_questions

    assert len(asked_questions(message)) == 1


def test_a_second_question_naming_its_own_subject_keeps_the_sentence_one_question():
    # "cómo contacto al equipo de Ecuador" is what the whole sentence wants: the team's contact.
    message = (
        "Hola, soy comerciante y me llegó un mensaje raro por whatsapp. ¿Qué es la OGP y cómo "
        "contacto al equipo de Ecuador?"
    )
    answers = shared_answers()
    assert len(answers.index.asked_questions(message, "es")) == 1
    reply = answers.answer(message)
    assert (reply.decision, reply.entry_id) == ("answer", "ecuador-contacto")


def test_the_links_joining_two_questions_are_lexicon_data_checked_by_kb_check(tmp_path):
    from knowledge.check import _check_lexicon

    edited = edited_lexicon(tmp_path, "  es: [y que, y como,", "  es: [y, y Como,")
    assert [p.message for p in _check_lexicon(edited)] == [
        "lexicon: joined_question_links.es: 'Como' is not folded (lowercase letters/digits)",
        "lexicon: joined_question_links.es: 'y' needs a joining word and the words opening the "
        "second question",
    ]
    lexicon = read_lexicon()
    assert lexicon.joined_question_pattern().search("qué es la OGP y qué hace")
    assert lexicon.joined_question_pattern().search("what is it, and how does it work")
    assert not lexicon.joined_question_pattern().search("qué es y para mí")

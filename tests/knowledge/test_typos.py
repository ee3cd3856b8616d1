"""Spellings of citizens who write as they speak, in chat, or in a hurry (issue 8).

Every example is written for these tests, from the kinds of spelling citizens use (no accents,
chat abbreviations, spelling by sound, dropped letters, words run together, slang); none comes
from a golden set.
"""

import pytest

from knowledge.normalize import Normalizer, loose_phrase, phonetic_key
from tests.conftest import shared_answers


def tokens(text: str) -> list[str]:
    return shared_answers().index.normalizer.tokens(text, fix_typos=True)[0]


def correct(word: str) -> str | None:
    return shared_answers().index.correct_typo(word)


# -- the lexicon: chat spellings, dropped h, slang ----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ques la lotaip", "que es la lotaip"),  # "qué es" in one word
        ("kes la ogp", "que es la ogp"),
        ("q e la rendicion de cuentas", "que es la rendicion de cuentas"),  # the coast's dropped s
        ("nose q es la silla vacia", "no se que es la silla vacia"),  # "no sé", not a nose
        ("asta cuando tienen plazo", "hasta cuando tienen plazo"),  # not a flagpole
        ("ya salio el 3er plan", "ya salio el tercer plan"),
        ("la 5ta funcion del estado", "la quinta funcion del estado"),
        ("boz q aces", "vos que haces"),
        ("onde pido info", "donde pido informacion"),
        ("ola q tal", "hola que tal"),  # a wave is no greeting
    ],
)
def test_chat_and_sound_spellings_read_as_the_words_meant(typed, meant):
    assert tokens(typed) == tokens(meant)


@pytest.mark.parametrize(
    "slang",
    [
        "simon",
        "full",
        "parce",
        "chamo",
        "mi llave",
        "ntp",
        "aver",
        "bacan",
        "chevere",
        "de repente",
        "talvez",
        "hermano",
        "uy",
    ],
)
def test_slang_and_fillers_name_no_topic(slang):
    assert tokens(f"{slang} q es la veeduria") == tokens("q es la veeduria")


def test_a_word_that_stems_like_a_topic_but_means_something_else_names_no_topic():
    # "leyó" (read) would stem to "ley" (law); "hace rato" is "a while ago".
    assert tokens("alguien la leyo") == tokens("alguien la")
    assert tokens("la mande hace rato") == tokens("la mande hace")
    assert tokens("mi vecino x ej") == tokens("mi vecino por ejemplo")


def test_a_dropped_h_in_a_short_english_word_is_read_so_only_in_spanish():
    assert tokens("como ago una solicitud") == tokens("como hago una solicitud")
    assert tokens("no me an respondido") == tokens("no me han respondido")
    # "ago" and "an" stay English words in an English message.
    assert "hago" not in Normalizer().tokens("two years ago I sent an email")[0]


# -- named phrases read loosely ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "rendicion de cuenta",  # the final s dropped, as on the coast
        "rendicion cuentas",  # the linking word left out, as in a search box
        "la rendicion d las cuentas",
    ],
)
def test_a_named_phrase_written_loosely_is_still_the_phrase(typed):
    assert tokens(typed) == ["rendicion_de_cuentas"]


def test_loose_phrases_drop_plural_endings_and_linking_words_only():
    assert loose_phrase("planes de acciones".split()) == ("plan", "accion")
    assert loose_phrase("lo dato abierto".split()) == loose_phrase("los datos abiertos".split())
    # No stemming: "presidencia" (the institution) is not "presidente" (the person).
    assert loose_phrase(["presidencia"]) != loose_phrase(["presidente"])


def test_a_loose_phrase_does_not_swallow_what_its_first_word_already_names():
    normalizer = Normalizer(
        synonyms={
            ("alianza",): "ogp",
            ("alianza", "de", "gobierno", "abierto"): "ogp",
            ("gobierno", "abierto"): "gobierno_abierto",
        }
    )
    assert normalizer.tokens("la alianza del gobierno abierto")[0] == ["ogp", "gobierno_abierto"]


def test_concejo_is_how_citizens_spell_the_consejo_de_participacion():
    reply = shared_answers().answer("q es el concejo de participasion ciudadana")
    assert (reply.decision, reply.entry_id) == ("answer", "cpccs-que-es")


# -- corrections against the knowledge base's vocabulary ----------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("aseso", "acceso"),  # "cc", "x" and "ks" sound as s
        ("aksion", "accion"),
        ("acsion", "accion"),
        ("ecsepcion", "excepcion"),
        ("conpromisos", "compromisos"),  # n before b, p, f sounds m
        ("tanbien", "tambien"),
        ("imformasion", "informacion"),  # nearest a chat spelling, which is expanded
        ("informacionpublica", "informacion publica"),  # two known words run together
        ("saver", "saber"),  # an English word, but in Spanish the sound of "saber"
        ("rendisoin", "rendicion"),  # spelt by sound, and two letters swapped besides
        ("komprimisos", "compromisos"),
        ("siudadnia", "ciudadania"),
    ],
)
def test_spellings_by_sound_and_run_together_words_are_corrected(typed, meant):
    assert correct(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        "carchi",  # a province, not "casi"
        "ceviche",  # a dish, not "service"
        "tesista",  # a thesis student, not "exista"
        "quesos",  # cheese, not "esos"
    ],
)
def test_a_word_a_slip_away_in_sound_only_is_not_corrected(word):
    assert correct(word) is None


def test_x_and_cc_share_the_sound_of_s():
    assert phonetic_key("acceso") == phonetic_key("aseso") == phonetic_key("acseso")
    assert phonetic_key("examen") == phonetic_key("esamen")


@pytest.mark.parametrize(
    "word",
    [
        "reunirse",  # not "re unirse": a prefix is no word of its own
        "pedirles",  # not "pedir les"
    ],
)
def test_a_word_is_not_split_at_a_prefix_or_a_pronoun(word):
    assert " " not in (correct(word) or "")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("q es la infor macion reservada", "q es la informacion reservada"),
        ("q es el de recho de acceso", "q es el derecho de acceso"),
        ("q es el gobier no abierto", "q es el gobierno abierto"),
    ],
)
def test_a_word_split_by_a_stray_space_is_made_whole(typed, meant):
    assert tokens(typed) == tokens(meant)


def test_two_real_words_side_by_side_are_not_joined():
    # A split word has a half that is no word; "sin fin" is two real words.
    assert tokens("sin fin") == tokens("sin") + tokens("fin")


def test_an_english_message_keeps_its_english_words():
    tokens_en = shared_answers().index.normalizer.tokens(
        "is the information saver of the portal free", fix_typos=True
    )[0]
    assert "saber" not in tokens_en


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("ques la lotaip", "lotaip-que-es"),
        ("q e la rendision d cuenta", "rendicion-cuentas"),
        ("kien tiene q rendir cuenta", "rendicion-cuentas-proceso"),
        ("no me an respondido la solisitud, q ago", "acceso-negativa"),
        ("ya ay un tersero plan de aksion?", "plan-tercero"),
    ],
)
def test_questions_written_as_spoken_are_answered_outright(question, entry):
    reply = shared_answers().answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry)


def test_kb_check_reports_a_spanish_spelling_shadowed_by_a_general_one(tmp_path):
    from knowledge.check import _check_lexicon
    from knowledge.lexicon import LEXICON_PATH

    bad = tmp_path / "lexicon.yaml"
    shipped = LEXICON_PATH.read_text(encoding="utf-8")
    bad.write_text(shipped.replace("  ago: hago\n", "  ago: hago\n  q: que\n"), encoding="utf-8")
    assert [p.message for p in _check_lexicon(bad)] == [
        "lexicon: spanish_spellings: 'q' is also in spellings, which come first"
    ]


def test_a_replaced_index_is_freed_without_the_cyclic_collector() -> None:
    """The normaliser's callbacks and the typo cache call back into the index weakly: an index
    no one holds is freed at once, not kept beside its successor until the collector runs."""
    import gc
    import weakref

    from knowledge.search import SearchIndex

    index = SearchIndex(shared_answers().index.kb)
    assert index.normalizer.tokens("infor macion publik", fix_typos=True)[0]  # callbacks work
    assert index.correct_typo("tranparencia") == "transparencia"
    held = weakref.ref(index)
    collecting = gc.isenabled()
    gc.disable()
    try:
        del index
        assert held() is None
    finally:
        if collecting:
            gc.enable()


def test_the_yo_form_of_a_verb_is_no_typo():
    from tests.conftest import shared_answers

    index = shared_answers().index
    # The dictionary lists "siembra" and "cosecha", not "siembro" / "cosecho".
    assert index.correct_typo("siembro") is None
    assert index.correct_typo("cosecho") is None
    assert index.correct_typo("tranparencia") == "transparencia"


def test_numero_de_counts_only_before_a_plural():
    from knowledge.normalize import question_tokens

    COUNT_TOKEN = "_cuanto"

    assert COUNT_TOKEN not in question_tokens("cual es el numero de telefono".split())
    assert COUNT_TOKEN in question_tokens("el numero de compromisos del plan".split())
    assert COUNT_TOKEN in question_tokens("the number of commitments".split())


# -- rare dictionary words and the likeliest slip -----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("redicion", "rendicion"),  # a dictionary has "redición", barely: a dropped n
        ("alcandia", "alcaldia"),  # "alcandía" too: a key beside the l
    ],
)
def test_a_word_the_dictionaries_barely_know_is_read_as_a_slip(typed, meant):
    assert correct(typed) == meant


@pytest.mark.parametrize("word", ["medicos", "lancha", "cunado", "sueldo"])
def test_a_common_word_or_a_form_of_one_is_not_corrected(word):
    assert correct(word) is None


def test_a_slip_keeps_the_first_letter_and_prefers_a_neighbouring_key():
    from knowledge.search import _likeliest_slips

    # "redicion" is one edit from both; a slip rarely takes the first letter.
    assert _likeliest_slips("redicion", {"rendicion", "edicion"}) == {"rendicion"}
    # "gobierbo": b is beside n on the keyboard, not beside the l of an imagined "gobierlo".
    assert _likeliest_slips("gobierbo", {"gobierno", "gobierlo"}) == {"gobierno"}
    # Neither more likely: both kept, so the caller corrects neither.
    assert len(_likeliest_slips("casa", {"cara", "cama"})) == 2


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ciudadanya", "ciudadania"),  # a y written for the vowel i
        ("ministeryo", "ministerio"),
        ("partysipacion", "participacion"),
    ],
)
def test_a_y_written_for_the_vowel_i_is_corrected_by_sound(typed, meant):
    assert correct(typed) == meant


def test_the_y_before_a_vowel_stays_a_consonant():
    assert phonetic_key("calle") == phonetic_key("caye")
    assert phonetic_key("ley") == phonetic_key("lei")
    assert phonetic_key("mayo") != phonetic_key("maio")


def test_the_voseo_you_are_is_no_topic_word():
    # "vos sos…" (you are…) says nothing about the subject; in English "sos" stays a word.
    assert tokens("vos sos un asistente oficial") == tokens("eres un asistente oficial")
    assert "sos" in shared_answers().index.normalizer.raw_words("send an sos")


def test_que_es_after_a_verb_of_saying_reports_and_does_not_ask_a_definition():
    from knowledge.normalize import DEFINITION_TOKEN

    assert DEFINITION_TOKEN not in tokens("el funcionario me dijo q es confidencial, q hago")
    assert DEFINITION_TOKEN in tokens("q es la informacion confidencial")


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("cdo sale el plan pk no lo veo", "cuando sale el plan porque no lo veo"),
        ("dde pido info, tbm x correo?", "donde pido informacion, tambien por correo?"),
        ("weno sq nse q es la lotaip", "bueno es que no se que es la lotaip"),
    ],
)
def test_more_chat_abbreviations_read_as_the_words_meant(typed, meant):
    assert tokens(typed) == tokens(meant)


def test_a_plural_spelled_by_sound_meets_its_singular():
    # The texts say "parroquial" only in the singular; the plural by sound still finds it.
    assert correct("parrokiales") == "parroquial"


# -- "tener que" / "hay que": the duty the texts write as "deber" -------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("las cooperativas tienen q entregar info?", "las cooperativas deben entregar info?"),
        ("q tiene q llevar el oficio", "que debe llevar el oficio"),
        ("hay q firmar la solicitud?", "debe firmar la solicitud?"),
        ("tenemos que ir en persona", "debemos ir en persona"),
    ],
)
def test_having_to_do_something_reads_as_must(typed, meant):
    assert tokens(typed) == tokens(meant)


def test_having_to_do_with_something_is_no_duty():
    assert "deb" not in tokens("eso q tiene que ver con la ogp")
    # The question phrase that asks how keeps asking how.
    assert "_como" in tokens("que tengo que hacer para pedir un dato")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("q tienen q publicar los gads en su web sin q nadie pida", "acceso-transparencia-activa"),
        ("q tiene q decir una solisitud d informacion", "acceso-contenido-solicitud"),
    ],
)
def test_chat_questions_about_a_duty_are_answered_outright(question, entry):
    reply = shared_answers().answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry)


def test_kb_check_reports_a_one_word_obligation_phrase(tmp_path):
    from knowledge.lexicon import Lexicon, shipped_lexicon

    lexicon = Lexicon(
        word_classes=shipped_lexicon().word_classes, obligation_phrases={"tocar": "deber"}
    )
    assert any("two words" in problem for problem in lexicon.problems())


# -- words run together around a linking word, words never corrected, fillers ------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("rendiciondecuentas", "rendicion de cuentas"),
        ("leydeparticipacion", "ley de participacion"),  # a short first word, with a link
        ("derechoalainformacion", "derecho a la informacion"),  # two linking words
    ],
)
def test_words_run_together_around_a_linking_word_are_split(typed, meant):
    assert correct(typed) == meant


def test_a_question_with_words_run_together_is_answered_as_if_spaced():
    reply = shared_answers().answer("q significa rendiciondecuentas")
    assert (reply.decision, reply.entry_id) == ("answer", "rendicion-cuentas")


def test_habeas_is_not_read_as_hablas():
    # "hábeas data" is a legal action; one slip from "hablas", it must not speak to the bot.
    assert correct("habeas") is None


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("igual puedo pedir datos al gad", "puedo pedir datos al gad"),
        ("y luego a quien le reclamo", "y a quien le reclamo"),
    ],
)
def test_chat_fillers_name_no_topic(typed, plain):
    assert tokens(typed) == tokens(plain)


def test_im_without_its_apostrophe_names_no_topic():
    assert tokens("im a reporter, who leads the irm") == tokens("a reporter, who leads the irm")


def test_q_ago_is_que_hago_even_among_english_words():
    raw = shared_answers().index.normalizer.raw_words("they denied my request q ago")
    assert raw[-2:] == ["que", "hago"]
    # "ago" alone stays English.
    assert "ago" in shared_answers().index.normalizer.raw_words("I asked two weeks ago")


def test_kb_check_reports_a_phrase_spelling_of_one_word():
    from knowledge.lexicon import Lexicon, shipped_lexicon

    lexicon = Lexicon(word_classes=shipped_lexicon().word_classes, phrase_spellings={"ago": "hago"})
    assert any("two words or more" in p for p in lexicon.problems())


def test_the_letter_compare_reads_a_misspelling_as_the_words_meant():
    index = shared_answers().index
    position = index._positions["rendicion-cuentas"]
    typed = index.resemblance("q es la rendiciondecuentas", [position])
    assert typed == index.resemblance("q es la rendicion de cuentas", [position])


def test_the_letter_compare_keeps_a_real_word_as_typed():
    # "desarrollador" is only another form of "desarrollada" (which the texts use): compared
    # as typed, the question keeps its own letters.
    index = shared_answers().index
    assert index.correct_typo("desarrollador") is not None
    position = index._positions["ga-datos-abiertos"]
    assert index.resemblance("soy desarrollador", [position]) != index.resemblance(
        "soy desarrollada", [position]
    )

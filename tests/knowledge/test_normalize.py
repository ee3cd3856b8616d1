"""How citizens' spelling is folded into search tokens."""

import pytest

from knowledge.normalize import Normalizer, detect_language, expand_sms, fold, stem_word, words


def test_fold_drops_case_accents_punctuation_and_emoji():
    assert fold("¿Qué es la INFORMACIÓN pública? 🙏🇪🇨") == "que es la informacion publica"


def test_stretched_letters_are_squeezed_but_double_letters_kept():
    assert words("holaaaa buenasss") == ["hola", "buenas"]
    assert words("leer acceso") == ["leer", "acceso"]


def test_laughter_becomes_one_token():
    assert words("jajajaja") == ["jaja"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("q es", ["que", "es"]),
        ("xq no me responden", ["porque", "no", "me", "responden"]),
        ("tb quiero saber", ["tambien", "quiero", "saber"]),
        ("x favor", ["por", "favor"]),
        ("dnd pido info", ["donde", "pido", "informacion"]),
    ],
)
def test_sms_spellings_are_expanded(typed, meant):
    assert expand_sms(words(typed)) == meant


def test_stop_words_go_and_inflections_meet():
    normalizer = Normalizer()
    tokens, language = normalizer.tokens("¿Cómo solicito la información pública?")
    assert language == "es"
    assert len(tokens) == 4  # como, solicit-, inform-, public-: "la" is gone
    assert tokens == normalizer.tokens("como solicitar informaciones publicas")[0]


def test_synonym_phrases_become_one_canonical_token():
    normalizer = Normalizer(
        synonyms={("alianza", "para", "el", "gobierno", "abierto"): "ogp", ("aga",): "ogp"}
    )
    assert normalizer.tokens("que es la Alianza para el Gobierno Abierto")[0] == ["ogp", "_que_es"]
    assert normalizer.tokens("q es la AGA")[0] == ["ogp", "_que_es"]
    when = normalizer.tokens("cuando se fundo la AGA")[0]
    assert "ogp" in when and "_que_es" not in when, "a date question is not a definition"
    assert "_cuando" in when


def test_typos_are_corrected_only_when_asked():
    normalizer = Normalizer(
        correct=lambda word: "transparencia" if word == "tranparencia" else None
    )
    assert (
        normalizer.tokens("tranparencia", fix_typos=True)[0]
        == normalizer.tokens("transparencia")[0]
    )
    assert normalizer.tokens("tranparencia")[0] != normalizer.tokens("transparencia")[0]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("what is the open government partnership", "en"),
        ("que es el gobierno abierto", "es"),
        ("como pido informacion a un ministerio", "es"),
        ("how do I request information", "en"),
    ],
)
def test_language_is_detected(text, language):
    assert detect_language(words(text)) == language


def test_language_is_unknown_without_evidence():
    assert detect_language(words("OGP"), default=None) is None


def test_kb_check_reports_a_lexicon_word_that_is_not_folded(tmp_path):
    from knowledge.check import _check_lexicon
    from knowledge.lexicon import LEXICON_PATH

    bad = tmp_path / "lexicon.yaml"
    bad.write_text(
        LEXICON_PATH.read_text(encoding="utf-8").replace("  q: que\n", "  Q: que\n"),
        encoding="utf-8",
    )
    assert [p.message for p in _check_lexicon(bad)] == [
        "lexicon: spellings: 'Q' is not folded (lowercase letters/digits)"
    ]
    assert list(_check_lexicon(LEXICON_PATH)) == [], "the shipped lexicon is clean"


def test_chat_spellings_and_fillers_come_from_the_lexicon():
    normalizer = Normalizer()
    tokens, _ = normalizer.tokens("oiga ñaño, k es la lotaip porfa")
    assert tokens == ["lotaip", "_que_es"], "courtesy and slang dropped, 'k es' asks a definition"
    assert "_cuanto" in normalizer.tokens("cuantos compromisos hay")[0]


def test_a_courteous_conditional_leaves_no_topic_word():
    normalizer = Normalizer()
    tokens, _ = normalizer.tokens("me gustaría saber qué es la veeduría")
    assert tokens == normalizer.tokens("qué es la veeduría")[0]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("grpo", "grupo"),  # a letter missing, in a four-letter word
        ("privvada", "privada"),  # a letter extra
        ("daots", "datos"),  # two letters swapped
        ("munisipio", "municipio"),  # a letter changed
    ],
)
def test_one_slip_of_the_finger_is_corrected_against_the_knowledge_base(typed, meant):
    from tests.conftest import shared_answers

    assert shared_answers().index.correct_typo(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        "radio",  # "adios" drops its "s" where "radio" drops its "r": two edits, not one slip
        "miedo",  # "medio"
        "ruido",  # "unido"
        "educacion",  # rapidfuzz's nearest, "duracion", differs at the start
    ],
)
def test_a_real_word_two_edits_from_a_known_one_is_left_alone(word):
    from tests.conftest import shared_answers

    assert shared_answers().index.correct_typo(word) is None


def test_a_common_four_letter_word_is_not_turned_into_a_rare_one():
    from tests.conftest import shared_answers

    # "iban a hacer" asks how a commitment is going; "iaen" is an institute.
    assert shared_answers().index.correct_typo("iban") is None


def test_a_question_with_slips_in_its_key_words_is_answered_outright():
    from tests.conftest import shared_answers

    reply = shared_answers().answer("q es el grpo nucleo")
    assert (reply.decision, reply.entry_id) == ("answer", "nucleo-que-es")


# Written for this test (not from a golden set): where the citizen heard of it, after the question.
HEARD_ON_THE_NEWS = (
    "hola buenas tardes, quisiera saber que es eso del gobierno abierto que vi en las noticias"
)


def test_where_the_citizen_heard_of_it_does_not_choose_the_entry():
    from knowledge.search import clauses
    from tests.conftest import shared_answers

    assert clauses("¿qué es la LOTAIP que escuché en la radio?") == [
        "qué es la LOTAIP",
        "que escuché en la radio",
    ]
    # "noticias" is what the portal entry is about; here it only says where they saw it.
    reply = shared_answers().answer(HEARD_ON_THE_NEWS)
    assert (reply.decision, reply.entry_id) == ("answer", "ga-que-es")


def test_where_the_citizen_heard_of_it_is_found_in_chat_spellings_too():
    from knowledge.search import clauses

    assert clauses("ke es eso de la silla vacia q salio en la tele") == [
        "ke es eso de la silla vacia",
        "q salio en la tele",
    ]
    # A chat spelling alone opens no clause: "q" must be followed by a hearsay verb.
    assert clauses("quiero saber q es la silla vacia") == ["quiero saber q es la silla vacia"]


def test_a_filler_inside_a_question_phrase_still_asks_it():
    from knowledge.lexicon import Lexicon, shipped_lexicon
    from knowledge.normalize import DEFINITION_TOKEN, question_tokens
    from tests.conftest import shared_answers

    normalizer = shared_answers().index.normalizer
    assert DEFINITION_TOKEN in normalizer.tokens("q mismo es la silla vacia")[0]
    assert question_tokens("que mismo es la silla vacia".split()) == [DEFINITION_TOKEN]
    assert question_tokens("what exactly is the irm".split()) == [DEFINITION_TOKEN]
    # A filler that opens a question phrase would swallow it: kb check says so.
    lexicon = Lexicon(
        word_classes=shipped_lexicon().word_classes,
        question_words={"_quien": ["quien"]},
        question_fillers={"es": ["quien"]},
    )
    assert lexicon.problems() == ["question_fillers: 'quien' also opens a question phrase"]


def test_an_english_obligation_reads_as_must_in_messages_and_texts():
    normalizer = Normalizer()
    asked, _ = normalizer.tokens("does the company have to give information", "en", fix_typos=True)
    said, _ = normalizer.tokens("the company must give information", "en")
    assert "must" in asked and set(said) <= set(asked) | {"doe"}
    curated, _ = normalizer.tokens("do private companies have to disclose", "en")
    assert "must" in curated


def test_nobody_reads_as_never():
    normalizer = Normalizer()
    tokens, _ = normalizer.tokens("nobody answered my request", "en")
    assert tokens[:2] == normalizer.tokens("never answered", "en")[0]


def test_a_change_question_asks_no_definition_in_a_message():
    normalizer = Normalizer()
    for asked in ("what is new in the lotaip", "whats new in the law", "que es lo nuevo de la ley"):
        assert "_que_es" not in normalizer.tokens(asked, fix_typos=True)[0]
    assert "_que_es" in normalizer.tokens("what is the lotaip", fix_typos=True)[0]
    # A curated text keeps its token (see question_tokens).
    assert "_que_es" in normalizer.tokens("what is new in the 2023 lotaip", "en")[0]


def test_the_rules_word_classes_are_data_a_missing_or_empty_one_is_refused(tmp_path):
    import yaml
    from pydantic import ValidationError

    from knowledge.lexicon import LEXICON_PATH, read_lexicon

    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    # Staff who extend the lexicon see the laws' words where the rule reads them.
    assert "ley" in read_lexicon().word_classes.law_words.all()
    del data["word_classes"]["law_words"]
    broken = tmp_path / "lexicon.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match="law_words"):
        read_lexicon(broken)
    data["word_classes"]["law_words"] = {"es": [], "en": []}
    data["number_words"]["cien"] = 100
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = read_lexicon(broken).problems()
    assert "word_classes.law_words: has no words" in problems
    assert "number_words: 'cien' must be 0 to 99" in problems


def test_cuando_before_a_subjunctive_asks_no_date():
    normalizer = Normalizer()
    for told in ("avíseme cuando haya novedades", "me avisa cuando se publique el informe"):
        assert "_cuando" not in normalizer.tokens(told, fix_typos=True)[0], told
    # Without its accent, "cuando" still asks a date before anything else.
    for asked in ("cuando empezo el segundo plan", "hasta cuando hay plazo", "¿cuándo es?"):
        assert "_cuando" in normalizer.tokens(asked, fix_typos=True)[0], asked


@pytest.mark.parametrize(
    ("conditional", "infinitive"),
    [
        ("deberia", "deber"),
        ("responderian", "responder"),
        ("cumpliria", "cumplir"),
        ("uniria", "unir"),
    ],
)
def test_a_conditional_meets_its_infinitive(conditional, infinitive):
    # "¿la alcaldía debería publicarlo?" asks what an institution must do ("deben publicar").
    assert stem_word(conditional, "es") == stem_word(infinitive, "es")


def test_a_noun_ending_in_aria_is_no_conditional():
    # "secretaría" read as the infinitive "secretar" would stem like "secreto".
    assert stem_word("secretaria", "es") == stem_word("secretario", "es")
    assert stem_word("secretaria", "es") != stem_word("secreto", "es")

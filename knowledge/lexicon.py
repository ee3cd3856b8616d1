"""How citizens write, read from ``content/lexicon.yaml``: spellings, stop words, question words.

The lexicon is content, not code: staff can extend it (a new chat spelling, a slang filler)
without touching Python, and ``python -m bot kb check`` validates it.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

LEXICON_PATH = Path(__file__).parent / "content" / "lexicon.yaml"
_FOLDED_WORD = re.compile(r"^[0-9a-z]+$")
_QUESTION_TOKEN = re.compile(r"^_[a-z_]+$")
# Where a split question phrase's subject goes ("what does … mean"), and how long it may be.
FRAME_GAP = "…"
MAX_FRAME_GAP = 6
# Words other than ``local_plan_fillers`` that may stand between a plan word and its local owner
# ("el compromiso de datos abiertos de la prefectura").
MAX_OWNER_GAP = 3
MAX_OWNER_WINDOW = 10


def _split(value: object) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value]
    raise TypeError("expected a string of words or a list")


class WordsByLanguage(BaseModel):
    """Words for each language, written as one space-separated string or a list."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    es: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    @field_validator("es", "en", mode="before")
    @classmethod
    def _words(cls, value: object) -> list[str]:
        return _split(value)

    # The rules ask for these sets at every message: each is made once (the model is frozen).
    def all(self) -> frozenset[str]:
        """Every word, whatever its language."""
        cached = self.__dict__.get("_all_cache")
        if cached is None:
            cached = frozenset(self.es) | frozenset(self.en)
            object.__setattr__(self, "_all_cache", cached)
        return cached

    def get(self, language: str) -> frozenset[str]:
        """The words of one language."""
        key = "_en_cache" if language == "en" else "_es_cache"
        cached = self.__dict__.get(key)
        if cached is None:
            cached = frozenset(self.en if language == "en" else self.es)
            object.__setattr__(self, key, cached)
        return cached


# A folded letter and the letters it stands for in what citizens type.
_ACCENTED = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}


def _as_read(phrase: str, spellings: dict[str, str]) -> tuple[str, ...]:
    """A phrase's words as a message's are read, chat spellings expanded: "i d like to know" is
    compared with "I'd like to know" after its "d" became "de"."""
    return tuple(w for word in phrase.split() for w in spellings.get(word, word).split())


def _by_first_word(
    groups: dict[str, list[str]], spellings: dict[str, str] | None = None
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases (as word tuples) by their first word, the longest first: "quisiera saber sobre"
    before "quisiera saber"."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrases in groups.values():
        for phrase in phrases:
            words = _as_read(phrase, spellings or {})
            if words:
                index.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in index.items()}


class WordClasses(BaseModel):
    """The closed word classes the matching rules test words against (``knowledge/normalize.py``,
    ``search.py``, ``commitments.py``). Every class must be written in the lexicon: a missing one
    fails validation rather than leaving a rule with no words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Words a citizen leaves out or keeps inside a named phrase ("rendición cuentas").
    link_words: WordsByLanguage
    # What joins a name's parts ("Alianza del Pacífico", "Banco de la Vivienda").
    name_links: WordsByLanguage
    # What a citizen runs in between two words typed without spaces ("rendiciondecuentas").
    run_together_links: WordsByLanguage
    # What names a plan, and its plural; what names a commitment, and its plural.
    plan_words: WordsByLanguage
    plural_plan_words: WordsByLanguage
    commitment_words: WordsByLanguage
    plural_commitment_words: WordsByLanguage
    # A law; "que" / "that" after it; the question words before it ("¿qué ley…?"); and what
    # opens the object of what it does ("la ley que protege *los* datos").
    law_words: WordsByLanguage
    law_relatives: WordsByLanguage
    law_question_words: WordsByLanguage
    law_object_openers: WordsByLanguage
    # A count before a plural ("los tres pilares") says how many, not which one.
    count_words: WordsByLanguage
    # Determiners a counted noun may follow ("el número de *los* compromisos").
    plural_determiners: WordsByLanguage
    # What asks a definition, spelled out ("¿qué significa…?").
    definition_words: WordsByLanguage
    # The citizen's own ("mi compromiso"), not a plan's.
    citizen_possessives: WordsByLanguage
    # After a commitment's name, what opens another subject ("con los jubilados", "to the gym"),
    # and the articles that then open a noun.
    subject_openers: WordsByLanguage
    linked_articles: WordsByLanguage
    # Words that make a results question ("resultados", "IRM"), name the rating scale itself,
    # are too common in institution names to identify one, are what a citizen asks of a card
    # ("¿quién lo lideró?"), or name no commitment's subject (the plans, institutions in general).
    result_context: WordsByLanguage
    scale_words: WordsByLanguage
    generic_institution_words: WordsByLanguage
    card_question_words: WordsByLanguage
    generic_topic_words: WordsByLanguage


class Lexicon(BaseModel):
    """The normaliser's word lists."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    spellings: dict[str, str] = Field(default_factory=dict)
    # Two words or more that stand for others in any message ("q ago" is "que hago").
    phrase_spellings: dict[str, str] = Field(default_factory=dict)
    # Spellings that stand for a Spanish word only in a Spanish message ("ago" is "hago" there).
    spanish_spellings: dict[str, str] = Field(default_factory=dict)
    # Ways to say one must, in a Spanish message, as the verb the texts use ("tienen que" ->
    # "deben"), unless the next word is one of ``obligation_not_before``.
    obligation_phrases: dict[str, str] = Field(default_factory=dict)
    # The same in an English message ("have to" -> "must").
    english_obligation_phrases: dict[str, str] = Field(default_factory=dict)
    obligation_not_before: list[str] = Field(default_factory=list)
    stop_words: WordsByLanguage = WordsByLanguage()
    courtesy: WordsByLanguage = WordsByLanguage()
    light_verbs: WordsByLanguage = WordsByLanguage()
    # Adverbs that say how, not what about ("formalmente", "oficialmente"): their stem is an
    # entry's topic word ("formal", "oficial"), which they would otherwise bring to the question.
    manner_words: WordsByLanguage = WordsByLanguage()
    language_markers: WordsByLanguage = WordsByLanguage()
    stem_exceptions: dict[str, str] = Field(default_factory=dict)
    # Spanish words naming one of a kind the texts name only in general, and that kind: "el
    # director del hospital" is a public servant ("funcionario"). The word is kept; its kind is
    # read beside it.
    kinds: dict[str, str] = Field(default_factory=dict)
    # Words no text uses and no dictionary lists that are still no typo of a known word
    # ("hábeas" of "hábeas data" is not "hablas"): never corrected.
    not_typos: WordsByLanguage = WordsByLanguage()
    question_words: dict[str, list[str]] = Field(default_factory=dict)
    # Phrases that open as a question word does but ask what changed ("what is new"): no
    # question token is read from their question word.
    change_questions: list[str] = Field(default_factory=list)
    # Phrases that open as a question word does but ask what the citizen can do ("what are my
    # options", "qué opciones tengo"): no question token is read from their question word either.
    option_questions: list[str] = Field(default_factory=list)
    # Words a question phrase may carry inside it ("qué mismo es", "what exactly is").
    question_fillers: WordsByLanguage = WordsByLanguage()
    # Verbs in the subjunctive after which "cuando" opens a time clause, not a question
    # ("avíseme cuando haya novedades"): no one asks "¿cuándo haya…?".
    time_clause_verbs: WordsByLanguage = WordsByLanguage()
    # Verbs telling what the citizen did or does at a place or with a person, after which a
    # "donde" or "quien" that follows a noun opens a relative clause ("el hospital donde
    # trabajo", "la persona quien me atendió"), not a question; the pronouns that may come
    # between, and the verbs of what was done to the citizen that count only after one; and
    # the verbs of asking or knowing after which the word still asks ("dime dónde").
    relative_clause_verbs: WordsByLanguage = WordsByLanguage()
    relative_clause_pronouns: WordsByLanguage = WordsByLanguage()
    relative_clause_done_to: WordsByLanguage = WordsByLanguage()
    asking_verbs: WordsByLanguage = WordsByLanguage()
    # Question phrases split around their subject ("what does <the IRM> mean"): "…" marks
    # where up to ``MAX_FRAME_GAP`` words of the subject go.
    question_frames: dict[str, list[str]] = Field(default_factory=dict)
    context_openers: dict[str, list[str]] = Field(default_factory=dict)
    # Context openers in which the citizen says who they are ("soy", "trabajo en", "mi hijo").
    self_introductions: dict[str, list[str]] = Field(default_factory=dict)
    # Words that point back to what the message told before ("¿qué es eso?", "ese compromiso").
    pointing_words: WordsByLanguage = WordsByLanguage()
    # Pronouns by which a question joined to another follows it up ("…, and who enforces it?").
    follow_up_pronouns: WordsByLanguage = WordsByLanguage()
    # Words that speak to the assistant ("¿pa qué sirves?", "¿qué guardas de mí?"), and the
    # question words after which one only frames a question ("¿sabes qué es la LOTAIP?").
    addressee_words: WordsByLanguage = WordsByLanguage()
    # Pronouns of the second person and names of the assistant: the message speaks to it.
    assistant_addressed: WordsByLanguage = WordsByLanguage()
    # Who holds the data or receives a request when it is not the assistant ("al municipio", "a
    # bank"), what says the message is written in the assistant's chat ("aquí", "este chat"),
    # and what names the citizen's own data ("mis datos"): which side of a subject is asked
    # (``Searcher._addressee_first``).
    data_holders: dict[str, list[str]] = Field(default_factory=dict)
    assistant_here: dict[str, list[str]] = Field(default_factory=dict)
    assistant_keeps: WordsByLanguage = WordsByLanguage()
    own_data: dict[str, list[str]] = Field(default_factory=dict)
    addressee_frame_before: WordsByLanguage = WordsByLanguage()
    # Verbs of knowing that, before one of those question words, only frame the question:
    # "¿sabes qué es la LOTAIP?" asks what the LOTAIP is; they are dropped there.
    knowing_frames: WordsByLanguage = WordsByLanguage()
    # What a law does, said after "ley que" / "law that" ("la ley que protege los datos
    # personales"): the words after it name the law as its title would.
    law_purpose_verbs: WordsByLanguage = WordsByLanguage()
    hearsay_clauses: dict[str, list[str]] = Field(default_factory=dict)
    # What the citizen says they already know ("ya sé qué es el gobierno abierto, pero…"): such
    # a clause is not what the message asks (see ``tells_known``).
    known_already: dict[str, list[str]] = Field(default_factory=dict)
    # What frames a rumour checked or a yes/no question ("¿es cierto que…?", "dicen que…, ¿es
    # así?", "is it true that…"): it asks whether the claim after it holds, which the entry on the
    # claim's subject answers; its words ("cierto", "true") name no topic.
    rumour_frames: dict[str, list[str]] = Field(default_factory=dict)
    # A question that only asks whether what the story told holds ("…el vecino dice que X. ¿Es
    # verdad?"), and what opens the claim told in the story ("dice que", "me dijeron que"): the
    # claim is what is asked (``SearchIndex._claim_checked``).
    claim_checks: dict[str, list[str]] = Field(default_factory=dict)
    claim_told: dict[str, list[str]] = Field(default_factory=dict)
    # What joins two questions asked in one ("¿qué es la OGP y qué países la forman?"): each
    # phrase's first word only joins, the words after it open the second question.
    joined_question_links: dict[str, list[str]] = Field(default_factory=dict)
    # What asks the assistant's own view ("¿…y qué opinas?"): such a question is not read apart.
    opinion_asked: dict[str, list[str]] = Field(default_factory=dict)
    # Long messages (see ``subject_of``): what introduces the subject, and what ends it.
    long_message_subject_frames: dict[str, list[str]] = Field(default_factory=dict)
    long_message_subject_ends: dict[str, list[str]] = Field(default_factory=dict)
    # What ends a question's words when the reason for asking follows (see ``without_reason``).
    question_tail_ends: dict[str, list[str]] = Field(default_factory=dict)
    # Words that contain a frame but tell what was requested, not what is asked ("pedimos
    # información sobre una concesión minera y no nos respondieron": the question is the request).
    long_message_requested: dict[str, list[str]] = Field(default_factory=dict)
    # More question phrases (merged into ``question_words``), kept apart for long messages' sake.
    long_message_question_words: dict[str, list[str]] = Field(default_factory=dict)
    # Subjects outside the assistant's scope (see ``outside_subjects_in``), by kind, and those of
    # their names that count only written in capitals ("WHO", not "who").
    outside_subjects: dict[str, list[str]] = Field(default_factory=dict)
    outside_subjects_in_capitals: list[str] = Field(default_factory=list)
    # Another country's institutions by its nationality ("la ley española", "the Colombian
    # government"): the adjective counts only next to one of ``nationality_nouns``, so "soy
    # venezolano" or "can I write in Spanish?" name no outside subject.
    outside_nationalities: list[str] = Field(default_factory=list)
    nationality_nouns: list[str] = Field(default_factory=list)
    word_classes: WordClasses
    # Phrases that name no commitment's subject ("gobierno abierto", "action plan").
    generic_topic_phrases: dict[str, list[str]] = Field(default_factory=dict)
    # What asks about a concept rather than a commitment: "¿qué diferencia hay entre…?", "…como
    # pilar", "definition of": the FAQ entry explaining it answers, not a commitment on it.
    concept_questions: dict[str, list[str]] = Field(default_factory=dict)
    # What asks how two things differ ("¿en qué se diferencia X de Y?"): of the two entries the
    # question names, the one whose answer also speaks of the other tells the difference.
    comparison_questions: dict[str, list[str]] = Field(default_factory=dict)
    # The state's branches and bodies, which a question names for reasons of its own ("¿qué pasó
    # hoy en la Asamblea?"): their names alone (no "compromiso", plan or status asked) name no
    # commitment.
    state_bodies: dict[str, list[str]] = Field(default_factory=dict)
    # A local government named as the owner of a plan or commitment (see
    # ``names_local_plan_owner``): the nouns, what opens the owner after the plan word, the words
    # that may stand between, the verbs and articles of "compromisos tiene la prefectura", and
    # the possessives of "su plan" after a local government is named.
    local_governments: dict[str, list[str]] = Field(default_factory=dict)
    local_owner_openers: dict[str, list[str]] = Field(default_factory=dict)
    local_plan_fillers: WordsByLanguage = WordsByLanguage()
    local_owner_verbs: WordsByLanguage = WordsByLanguage()
    local_owner_articles: WordsByLanguage = WordsByLanguage()
    local_owner_possessives: WordsByLanguage = WordsByLanguage()
    # "número de" / "number of": counting phrases that count only before a plural.
    count_openings: dict[str, list[str]] = Field(default_factory=dict)
    # Numbers and ordinals as words, with their value ("tres": 3, "third": 3).
    number_words: dict[str, int] = Field(default_factory=dict)
    ordinal_words: dict[str, int] = Field(default_factory=dict)

    def outside_subjects_in(
        self, words: Sequence[str], capitals: Iterable[str] = ()
    ) -> list[tuple[str, ...]]:
        """The outside subjects (another country or international body, the private sector) a
        clause's folded words name; a name that is also an everyday word only when it is among
        ``capitals``, the words the message writes in capitals."""
        index = self.__dict__.get("_outside_cache")
        if index is None:
            index = _by_first_word(self.outside_subjects)
            object.__setattr__(self, "_outside_cache", index)
        found: list[tuple[str, ...]] = []
        for at, word in enumerate(words):
            for phrase in index.get(word, ()):
                if tuple(words[at : at + len(phrase)]) == phrase:
                    found.append(phrase)
                    break
        named = set(capitals) & set(self.outside_subjects_in_capitals)
        found.extend((word,) for word in words if word in named)
        nationalities, nouns = set(self.outside_nationalities), set(self.nationality_nouns)
        found.extend(
            (word,)
            for at, word in enumerate(words)
            if word in nationalities
            and (
                (at > 0 and words[at - 1] in nouns)
                or (at + 1 < len(words) and words[at + 1] in nouns)
            )
        )
        return found

    def subjects_of(self, words: Sequence[str]) -> list[list[str]]:
        """The words each topic frame introduces in a clause ("un deber sobre X y no…" -> X)."""
        frames, ends = self._subject_phrases()

        def phrase_at(index: dict[str, tuple[tuple[str, ...], ...]], at: int) -> tuple[str, ...]:
            # Phrases by their first word, longest first: one lookup a word, not a scan of all.
            for phrase in index.get(words[at], ()):
                if tuple(words[at : at + len(phrase)]) == phrase:
                    return phrase
            return ()

        requested = self._requested_phrases()
        found: list[list[str]] = []
        start = 0
        while start < len(words):
            told = phrase_at(requested, start)
            if told:
                start += len(told)
                continue
            frame = phrase_at(frames, start)
            if not frame:
                start += 1
                continue
            begin = start = start + len(frame)
            while start < len(words) and not phrase_at(ends, start):
                # A second frame in the same clause starts a second subject.
                if start > begin and phrase_at(frames, start):
                    break
                start += 1
            if start > begin:
                found.append(list(words[begin:start]))
        return found

    def _requested_phrases(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        cached = self.__dict__.get("_requested_cache")
        if cached is None:
            cached = _by_first_word(self.long_message_requested, self.spellings)
            object.__setattr__(self, "_requested_cache", cached)
        return cached

    def _subject_phrases(
        self,
    ) -> tuple[dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[tuple[str, ...], ...]]]:
        cached = self.__dict__.get("_subject_cache")
        if cached is None:
            cached = (
                _by_first_word(self.long_message_subject_frames, self.spellings),
                _by_first_word(self.long_message_subject_ends, self.spellings),
            )
            object.__setattr__(self, "_subject_cache", cached)
        return cached

    def without_reason(self, words: Sequence[str]) -> list[str]:
        """A question's words up to the reason given for asking ("qué es el gobierno abierto
        porque lo vio en un video" -> "qué es el gobierno abierto"); all of them when none."""
        cached = self.__dict__.get("_reason_cache")
        if cached is None:
            cached = _by_first_word(self.question_tail_ends, self.spellings)
            object.__setattr__(self, "_reason_cache", cached)
        for at in range(1, len(words)):
            for phrase in cached.get(words[at], ()):
                if tuple(words[at : at + len(phrase)]) == phrase:
                    return list(words[:at])
        return list(words)

    def opens_context(self, words: Sequence[str]) -> bool:
        """Whether a clause (as folded words) tells the citizen's situation, not the question."""
        if not words:
            return False
        phrases = self._context_by_first_word().get(words[0], ())
        return any(tuple(words[: len(phrase)]) == phrase for phrase in phrases)

    def introduces_self(self, words: Sequence[str]) -> bool:
        """Whether a clause (as folded words) says who the citizen is ("soy pescador…")."""
        return self.opens_with_one_of("self_introductions", words)

    def _context_by_first_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The context phrases by their first word: a clause is compared only with those."""
        cached = self.__dict__.get("_context_index")
        if cached is None:
            grouped: dict[str, list[tuple[str, ...]]] = {}
            for phrase in self._context_phrases():
                if phrase:
                    grouped.setdefault(phrase[0], []).append(phrase)
            cached = {first: tuple(group) for first, group in grouped.items()}
            object.__setattr__(self, "_context_index", cached)
        return cached

    def _context_phrases(self) -> tuple[tuple[str, ...], ...]:
        cached = self.__dict__.get("_context_cache")
        if cached is None:
            openers = [
                *self.context_openers.values(),
                *self.self_introductions.values(),
                *self.hearsay_clauses.values(),
            ]
            cached = tuple(_as_read(p, self.spellings) for phrases in openers for p in phrases)
            object.__setattr__(self, "_context_cache", cached)
        return cached

    def tells_known(self, words: Sequence[str]) -> bool:
        """Whether a clause (as folded words) says what the citizen already knows ("ya sé más o
        menos qué es la OGP"): what they ask is elsewhere in the message."""
        return self.opens_with_one_of("known_already", words)

    def rumour_frame_phrases(self) -> tuple[tuple[str, ...], ...]:
        """The rumour frames as folded words, longest first."""
        cached = self.__dict__.get("_rumour_cache")
        if cached is None:
            phrases = {_as_read(p, self.spellings) for g in self.rumour_frames.values() for p in g}
            cached = tuple(sorted(phrases, key=len, reverse=True))
            object.__setattr__(self, "_rumour_cache", cached)
        return cached

    def hearsay_pattern(self) -> re.Pattern[str]:
        """Where a clause saying where the citizen heard of it begins, accents or not."""
        cached = self.__dict__.get("_hearsay_cache")
        if cached is None:
            phrases = sorted(
                (p for group in self.hearsay_clauses.values() for p in group), key=len, reverse=True
            )
            alternatives = "|".join(r"\s+".join(map(self._as_typed, p.split())) for p in phrases)
            cached = re.compile(rf"\s+(?=(?:{alternatives or '(?!)'})\b)", re.IGNORECASE)
            object.__setattr__(self, "_hearsay_cache", cached)
        return cached

    def only_checks_a_claim(self, words: Sequence[str]) -> bool:
        """Whether a question (as folded words) only asks whether something told holds: word for
        word one of the lexicon's ``claim_checks`` ("¿es verdad?", "¿eso es así?", "is that
        so?")."""
        return tuple(words) in self._read_phrases("claim_checks")

    def told_claim(self, words: Sequence[str]) -> list[str] | None:
        """The claim a sentence (as folded words) tells after one of the lexicon's ``claim_told``
        ("…me dijo que el CPCCS nombra al Contralor": "el CPCCS nombra al Contralor"), from the
        last such frame on; None when it tells none."""
        said = tuple(words)
        for start in range(len(said) - 1, -1, -1):
            for phrase in self._read_phrases("claim_told"):
                if said[start : start + len(phrase)] == phrase:
                    return list(said[start + len(phrase) :])
        return None

    def asks_a_comparison(self, words: Sequence[str]) -> bool:
        """Whether a question (as folded words) asks how two things differ (one of the lexicon's
        ``comparison_questions`` phrases, anywhere in it)."""
        return self.says_one_of("comparison_questions", words)

    def asks_an_opinion(self, words: Sequence[str]) -> bool:
        """Whether a question (as folded words) asks the assistant's view: one of the lexicon's
        ``opinion_asked`` phrases, anywhere in it ("y qué opinas de ella", "what do you think")."""
        return self.says_one_of("opinion_asked", words)

    def _read_phrases(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The phrases of the lexicon list ``name``, in every language, as folded words."""
        key = f"_{name}_cache"
        cached = self.__dict__.get(key)
        if cached is None:
            cached = tuple(
                _as_read(p, self.spellings) for group in getattr(self, name).values() for p in group
            )
            object.__setattr__(self, key, cached)
        return cached

    def opens_with_one_of(self, name: str, words: Sequence[str]) -> bool:
        """Whether the folded words open with one of the phrases of the lexicon list ``name``."""
        key = f"_{name}_by_start"
        by_start = self.__dict__.get(key)
        if by_start is None:
            # The phrases by their first word: only those can open the words (an empty phrase
            # opens any words, and is looked up under "").
            grouped: dict[str, list[tuple[str, ...]]] = {}
            for phrase in self._read_phrases(name):
                grouped.setdefault(phrase[0] if phrase else "", []).append(phrase)
            by_start = {start: tuple(phrases) for start, phrases in grouped.items()}
            object.__setattr__(self, key, by_start)
        if "" in by_start:
            return True
        if not words:
            return False
        return any(tuple(words[: len(phrase)]) == phrase for phrase in by_start.get(words[0], ()))

    def says_one_of(self, name: str, words: Sequence[str]) -> bool:
        """Whether the folded words hold one of the phrases of the lexicon list ``name``
        (``data_holders``, ``assistant_here``, ``own_data``, ``opinion_asked``…), anywhere."""
        said = tuple(words)
        return any(
            said[start : start + len(phrase)] == phrase
            for phrase in self._read_phrases(name)
            for start in range(len(said) - len(phrase) + 1)
        )

    def joined_question_pattern(self) -> re.Pattern[str]:
        """What joins two questions in one ("…y qué…", "…and how…"), accents or not: a match
        spans the joining words, and the second question begins where it ends."""
        cached = self.__dict__.get("_joined_cache")
        if cached is None:
            phrases = sorted(
                (p.split() for group in self.joined_question_links.values() for p in group),
                key=len,
                reverse=True,
            )
            space = r"\s+"
            alternatives = "|".join(
                self._as_typed(joining)
                + space
                + f"(?={space.join(map(self._as_typed, opening))}\\b)"
                for joining, *opening in phrases
                if opening
            )
            cached = re.compile(rf",?\s+(?:{alternatives or '(?!)'})", re.IGNORECASE)
            object.__setattr__(self, "_joined_cache", cached)
        return cached

    def _as_typed(self, word: str) -> str:
        """A folded word as a regular expression matching it as typed: with accents or without,
        or in a chat spelling ("q dicen", "k salio")."""
        spelt = self.__dict__.get("_spelt_cache")
        if spelt is None:
            spelt = defaultdict(list)
            for spelling, meaning in self.spellings.items():
                spelt[meaning].append(spelling)
            object.__setattr__(self, "_spelt_cache", spelt)
        forms = [word, *spelt.get(word, ())]
        return (
            "(?:"
            + "|".join("".join(_ACCENTED.get(c, re.escape(c)) for c in form) for form in forms)
            + ")"
        )

    def dropped(self, language: str) -> frozenset[str]:
        """Words removed before matching in ``language``: stop words, courtesy, light verbs,
        manner adverbs."""
        return (
            self.stop_words.get(language)
            | self.courtesy.get(language)
            | self.light_verbs.get(language)
            | self.manner_words.get(language)
        )

    def split_question_phrases(self) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
        """Each split question phrase as (the words before the subject, after it, its token)."""
        found = []
        for token, frames in self.question_frames.items():
            for frame in frames:
                opening, _, closing = frame.partition(FRAME_GAP)
                found.append((tuple(opening.split()), tuple(closing.split()), token))
        return found

    def expansions(self) -> dict[str, tuple[str, ...]]:
        """Each spelling and the words it stands for."""
        return {key: tuple(value.split()) for key, value in self.spellings.items()}

    def phrase_expansions(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Each phrase spelling (as words) and the words it stands for."""
        return {
            tuple(key.split()): tuple(value.split()) for key, value in self.phrase_spellings.items()
        }

    def spanish_expansions(self) -> dict[str, tuple[str, ...]]:
        """Each Spanish-only spelling and the words it stands for."""
        return {key: tuple(value.split()) for key, value in self.spanish_spellings.items()}

    def obligations(self, language: str = "es") -> dict[tuple[str, ...], tuple[str, ...]]:
        """Each way to say one must (as words) in ``language`` and the words it is read as."""
        phrases = self.obligation_phrases if language == "es" else self.english_obligation_phrases
        return {tuple(phrase.split()): tuple(meant.split()) for phrase, meant in phrases.items()}

    def question_phrases(self) -> dict[tuple[str, ...], str]:
        """Each question phrase (as words) and the token it becomes."""
        return {
            tuple(phrase.split()): token
            for groups in (self.question_words, self.long_message_question_words)
            for token, phrases in groups.items()
            for phrase in phrases
        }

    def names_local_plan_owner(self, words: Sequence[str]) -> bool:
        """Whether the folded words name a local government as the owner of a plan or of
        commitments: "el plan de gobierno abierto de la prefectura", "¿qué compromisos tiene el
        municipio?", "la prefectura… ¿qué compromisos tiene su plan?", "the city's plan". A
        local government named otherwise ("el compromiso de fortalecer a los GAD", "la rendición
        de cuentas del municipio") owns none."""
        said = tuple(words)
        plan_words = self._plan_and_commitment_words()
        if plan_words.isdisjoint(said):
            return False
        nouns = self._read_phrases("local_governments")
        openers = self._read_phrases("local_owner_openers")
        fillers = self.local_plan_fillers.all()
        verbs = self.local_owner_verbs.all()
        articles = self.local_owner_articles.all()

        def noun_at(at: int) -> bool:
            return any(said[at : at + len(noun)] == noun for noun in nouns)

        def owner_after(at: int) -> bool:
            """An owner opened after the plan word: "de la prefectura", "tiene el municipio"."""
            others = 0
            for j in range(at, min(len(said), at + MAX_OWNER_WINDOW)):
                if any(said[j : j + len(o)] == o and noun_at(j + len(o)) for o in openers):
                    return True
                verb = said[j] in verbs and j + 1 < len(said) and said[j + 1] in articles
                if verb and noun_at(j + 2):
                    return True
                if said[j] not in fillers:
                    others += 1
                    if others > MAX_OWNER_GAP:
                        return False
            return False

        named_before = [i for i in range(1, len(said)) if said[i - 1] in articles and noun_at(i)]
        for i, word in enumerate(said):
            if word not in plan_words:
                continue
            if owner_after(i + 1):
                return True
            possessive = i > 0 and said[i - 1] in self.local_owner_possessives.all()
            if possessive and any(at < i for at in named_before):
                return True
            # "the city's plan", "the city's open government commitments" ("city s plan").
            before = i - 1
            while before > 0 and said[before] in fillers:
                before -= 1
            if before > 0 and said[before] == "s" and noun_at(before - 1):
                return True
        return False

    def _plan_and_commitment_words(self) -> frozenset[str]:
        """The words naming a plan or a commitment, singular or plural."""
        cached = self.__dict__.get("_plan_and_commitment_cache")
        if cached is None:
            classes = self.word_classes
            cached = (
                classes.plan_words.all()
                | classes.plural_plan_words.all()
                | classes.commitment_words.all()
                | classes.plural_commitment_words.all()
            )
            object.__setattr__(self, "_plan_and_commitment_cache", cached)
        return cached

    def problems(self) -> list[str]:
        """What is wrong with the lexicon: unfolded words, bad tokens, clashes."""
        found: list[str] = []

        def check_words(where: str, items: Iterable[str]) -> None:
            for word in items:
                if not _FOLDED_WORD.match(word):
                    found.append(f"{where}: '{word}' is not folded (lowercase letters/digits)")

        for name, spellings in (
            ("spellings", self.spellings),
            ("spanish_spellings", self.spanish_spellings),
        ):
            for key, value in spellings.items():
                check_words(name, [key, *value.split()])
                if key in value.split():
                    found.append(f"{name}: '{key}' maps to itself")
        for phrase, meant in self.phrase_spellings.items():
            check_words("phrase_spellings", [*phrase.split(), *meant.split()])
            if len(phrase.split()) < 2:
                found.append(f"phrase_spellings: '{phrase}' must have two words or more")
        for name, obligations in (
            ("obligation_phrases", self.obligation_phrases),
            ("english_obligation_phrases", self.english_obligation_phrases),
        ):
            for phrase, meant in obligations.items():
                check_words(name, [*phrase.split(), *meant.split()])
                if len(phrase.split()) != 2:
                    found.append(f"{name}: '{phrase}' must have two words")
        check_words("obligation_not_before", self.obligation_not_before)
        for word, kind in self.kinds.items():
            check_words("kinds", [word, *kind.split()])
            if word in kind.split():
                found.append(f"kinds: '{word}' is its own kind")
        for phrase in self.change_questions:
            check_words("change_questions", phrase.split())
        for phrase in self.option_questions:
            check_words("option_questions", phrase.split())
        for key in sorted(set(self.spanish_spellings) & set(self.spellings)):
            found.append(f"spanish_spellings: '{key}' is also in spellings, which come first")
        for name in ("stop_words", "courtesy", "light_verbs", "manner_words", "language_markers"):
            group: WordsByLanguage = getattr(self, name)
            for language in ("es", "en"):
                words = group.get(language)
                check_words(f"{name}.{language}", words)
                dropped_spellings = sorted(words & set(self.spellings))
                if name != "language_markers" and dropped_spellings:
                    found.append(
                        f"{name}.{language}: {dropped_spellings} are also spellings "
                        "(they are expanded first, so listing them here does nothing)"
                    )
        check_words("stem_exceptions", [*self.stem_exceptions, *self.stem_exceptions.values()])
        seen: dict[tuple[str, ...], str] = {}
        for token, phrases in itertools.chain(
            self.question_words.items(), self.long_message_question_words.items()
        ):
            if not _QUESTION_TOKEN.match(token):
                found.append(f"question_words: '{token}' must look like _name")
            for phrase in phrases:
                check_words(f"question_words.{token}", phrase.split())
                phrase_words = tuple(phrase.split())
                other = seen.get(phrase_words)
                if other is not None and other != token:
                    found.append(f"question_words: '{phrase}' is under {other} and {token}")
                seen[phrase_words] = token
        for token, frames in self.question_frames.items():
            if not _QUESTION_TOKEN.match(token):
                found.append(f"question_frames: '{token}' must look like _name")
            for frame in frames:
                opening, gap, closing = frame.partition(FRAME_GAP)
                if not gap or not opening.split() or not closing.split():
                    found.append(f"question_frames: '{frame}' needs words, '{FRAME_GAP}', words")
                check_words(f"question_frames.{token}", [*opening.split(), *closing.split()])
        for name in (
            "context_openers",
            "self_introductions",
            "hearsay_clauses",
            "known_already",
            "rumour_frames",
            "claim_checks",
            "claim_told",
            "joined_question_links",
            "opinion_asked",
            "data_holders",
            "assistant_here",
            "own_data",
            "long_message_subject_frames",
            "long_message_subject_ends",
            "question_tail_ends",
            "long_message_requested",
            "outside_subjects",
            "generic_topic_phrases",
            "concept_questions",
            "comparison_questions",
            "state_bodies",
            "local_governments",
            "local_owner_openers",
            "count_openings",
        ):
            for language, phrases in getattr(self, name).items():
                for phrase in phrases:
                    check_words(f"{name}.{language}", phrase.split())
        check_words("outside_subjects_in_capitals", self.outside_subjects_in_capitals)
        check_words("outside_nationalities", self.outside_nationalities)
        check_words("nationality_nouns", self.nationality_nouns)
        check_words("question_fillers", sorted(self.question_fillers.all()))
        for name in (
            "local_plan_fillers",
            "local_owner_verbs",
            "local_owner_articles",
            "local_owner_possessives",
        ):
            check_words(name, sorted(getattr(self, name).all()))
        check_words("time_clause_verbs", sorted(self.time_clause_verbs.all()))
        check_words("relative_clause_verbs", sorted(self.relative_clause_verbs.all()))
        check_words("relative_clause_pronouns", sorted(self.relative_clause_pronouns.all()))
        check_words("relative_clause_done_to", sorted(self.relative_clause_done_to.all()))
        check_words("asking_verbs", sorted(self.asking_verbs.all()))
        check_words("pointing_words", sorted(self.pointing_words.all()))
        check_words("follow_up_pronouns", sorted(self.follow_up_pronouns.all()))
        check_words("addressee_words", sorted(self.addressee_words.all()))
        check_words("assistant_addressed", sorted(self.assistant_addressed.all()))
        check_words("assistant_keeps", sorted(self.assistant_keeps.all()))
        check_words("addressee_frame_before", sorted(self.addressee_frame_before.all()))
        check_words("knowing_frames", sorted(self.knowing_frames.all()))
        check_words("law_purpose_verbs", sorted(self.law_purpose_verbs.all()))
        check_words("not_typos", sorted(self.not_typos.all()))
        for name in WordClasses.model_fields:
            words = getattr(self.word_classes, name).all()
            check_words(f"word_classes.{name}", sorted(words))
            if not words:
                found.append(f"word_classes.{name}: has no words")
        for name, numbers in (
            ("number_words", self.number_words),
            ("ordinal_words", self.ordinal_words),
        ):
            check_words(name, numbers)
            found.extend(
                f"{name}: '{w}' must be 0 to 99" for w, n in numbers.items() if not 0 <= n <= 99
            )
        for language, phrases in self.joined_question_links.items():
            found.extend(
                f"joined_question_links.{language}: '{p}' needs a joining word and the words "
                "opening the second question"
                for p in phrases
                if len(p.split()) < 2
            )
        starts = {p.split()[0] for phrases in self.question_words.values() for p in phrases}
        for word in sorted(self.question_fillers.all() & starts):
            found.append(f"question_fillers: '{word}' also opens a question phrase")
        return found


def read_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and validate a lexicon file (raises on a malformed file)."""
    with path.open(encoding="utf-8") as handle:
        return Lexicon.model_validate(yaml.safe_load(handle) or {})


@lru_cache(maxsize=1)
def shipped_lexicon() -> Lexicon:
    """The lexicon shipped in ``content/``, read once."""
    return read_lexicon()

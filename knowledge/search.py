"""The answer engine's search: typo-tolerant, paraphrase-aware ranking of FAQ entries.

Each entry is known by its phrasings (the question and its alternates, in both languages). A
question is scored against every phrasing that shares a token with it, on three signals:

* how much of the phrasing the question covers (IDF-weighted) — robust to long, rambling messages;
* how much of the question the phrasing explains — what keeps out-of-scope questions out;
* rapidfuzz ``token_set_ratio`` over the normalised strings — tolerant of word order and leftovers.

rapidfuzz never sees raw text: every string it compares has already been through our normaliser
(lowercase, no accents or punctuation, stems), which is the processor; hence ``processor=None``.

Words the knowledge base does not know are first corrected against its vocabulary (by sound, by
a single slip, then with rapidfuzz), so "tranparencia" and "gobiermo" still count; a real Spanish
or English word is left as it is ("cuñado" is not "cuando"). Whether to
answer outright is the ``Confidence`` model's call: the score and its lead, plus a second,
letter-by-letter opinion (character n-gram TF-IDF cosine against the leading entries), fitted on
the golden sets' tune splits (``python -m bot kb tune``, measured with ``python -m bot kb eval``).
"""

from __future__ import annotations

import gc
import heapq
import itertools
import math
import re
import time
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from operator import itemgetter
from types import MethodType
from typing import Literal, TypeVar, cast

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.lexicon import shipped_lexicon
from knowledge.loader import KnowledgeBase
from knowledge.normalize import (
    DEFINITION_TOKEN,
    ENGLISH_STOP_WORDS,
    MESSAGES_REMEMBERED,
    QUESTION_TOKENS,
    SMS_SPELLINGS,
    SPANISH_STOP_WORDS,
    Language,
    Normalizer,
    _words,
    asks_only,
    detect_language,
    expand_sms,
    fold,
    fold_words,
    frames_the_question,
    language_evidence,
    letter_grams,
    loose_phrase,
    opens_with_question,
    phonetic_key,
    question_tail,
    words,
)
from knowledge.referrals import load_referrals
from knowledge.schema import Commitment, FaqEntry, SmallTalk
from knowledge.wordforms import (
    barely_known,
    is_inflection,
    is_spanish_verb_form,
    rare_words,
    real_words,
    real_words_by_language,
)

EXACT_PHRASING = 0.99
# A whole question after a self-introduction counts nearly as the message itself: never as an
# exact phrasing, so that the confidence model and the other-subject checks still read it.
INTRODUCED_WEIGHT = 0.98
# A story of at least this many words around a message's questions lets the question decide
# (see ``SearchIndex._question_decides``), when its entry is among this many of the message's.
STORY_MIN_WORDS = 6
QUESTION_DECIDES_AMONG = 3
# …unless the whole message is answered outright with at least this confidence; the question
# read alone must name this many topic words and be answered with at least this confidence (a
# wrong answer is worse than none: 0.75 gained two right answers on the tune splits and lost
# them, and more, to wrong ones on fresh4's check split).
QUESTION_DECIDES_UNSURE = 0.9
QUESTION_DECIDES_MIN_WORDS = 3
QUESTION_DECIDES_CONFIDENCE = 0.8
# The fewest words of each of two questions joined in one sentence ("…y qué…", ``asked_questions``).
JOINED_QUESTION_MIN_WORDS = 2
# …and the most topic words of the second, which only follows up the first ("…y cómo funciona?").
FOLLOW_UP_MAX_WORDS = 2
# The fewest topic words of a joined question that, mostly unknown to the knowledge base, name a
# subject outside it (``SearchIndex._asks_outside``).
FOREIGN_SUBJECT_MIN_WORDS = 2
# A question naming only two topic words ("¿tengo q decir pa q kiero la info?": the purpose it
# asks about is all stop words) decides when read alone it is answered this surely.
QUESTION_DECIDES_FEW_WORDS = 2
QUESTION_DECIDES_FEW_CONFIDENCE = 0.85
# The fewest words after a colon that are the question itself ("Tengo una duda: …?").
QUESTION_AFTER_COLON_WORDS = 3
# A word that most phrasings of this many entries or more repeat ("gobierno abierto", "OGP")
# is the knowledge base's own subject: a story naming it names no other entry.
UMBRELLA_SUBJECT_ENTRIES = 4
# A question that points back ("¿de qué trata esa ley?") with at most this many words of its own
# is read with the subject words of the clause before it.
POINTING_OWN_WORDS = 2
# The topic of the entries about the assistant itself, and the word that names it ("bot",
# "chat" are its synonyms), which a message speaking to it stands for (``asks_the_assistant``).
ASSISTANT_TOPIC = "asistente"
ASSISTANT_WORD = "asistente"
LEXICON = shipped_lexicon()
# The words of the second person, by language ("sirves", "guardas"; ``asks_the_assistant``).
_ADDRESSEE_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(getattr(LEXICON.addressee_words, lang)) for lang in ("es", "en")
}
# How far a lone suggestion of the assistant's own entries must lead the runner-up to be
# answered (see ``_search``).
ASSISTANT_ALONE_LEAD = 0.1
# Everything that says the message speaks to the assistant (``speaks_to_the_assistant``).
_ADDRESSED = frozenset().union(*_ADDRESSEE_WORDS.values(), LEXICON.assistant_addressed.all())
MAX_SMALLTALK_WORDS = 5
MAX_TYPO_LENGTH_CHANGE = 2
# The shortest word whose sound may also carry a slip ("rendisoin" for "rendición").
MIN_SOUND_SLIP = 6
MIN_SOUND_SLIP_RATIO = 75
# The shortest word the dictionaries barely know that is read as a slip of a known word.
MIN_RARE_WORD_SLIP = 6
# The shortest word made whole again from two split by a stray space.
MIN_REJOINED = 7
# The shortest half of two words run together that is split off by rule.
MIN_RUN_TOGETHER_HALF = 4
# With a linking word between them, the halves may be shorter ("leydetransparencia"): three
# words in one are seldom one word mistyped.
MIN_LINKED_HALF = 3
# What may join two words run together ("rendiciondecuentas"), and words never corrected.
_RUN_TOGETHER_LINKS = sorted(LEXICON.word_classes.run_together_links.all())
# One linking word or two ("a la", "de los"), as typed run together -> as words; where two
# readings give one string ("dela": "de la" or "del a"), the first, one word before two.
_LINKS_JOINED: dict[str, str] = {}
for _first in _RUN_TOGETHER_LINKS:
    _LINKS_JOINED.setdefault(_first, _first)
for _first, _second in itertools.product(_RUN_TOGETHER_LINKS, repeat=2):
    _LINKS_JOINED.setdefault(_first + _second, f"{_first} {_second}")
_NOT_TYPOS = LEXICON.not_typos.all()
# The leading entries whose resemblance to the question the confidence model compares.
RESEMBLANCE_CANDIDATES = 5
Decision = Literal["answer", "suggest", "fallback", "smalltalk", "empty"]


# A message whose words tell one language but at least this share as many tell the other
# ("how do i make a solicitud de informacion") mixes the two.
MIXED_LANGUAGE_SHARE = 0.25
# A best entry of an English question leading by less than this, while another leading entry
# resembles the question more, is offered among choices (``SearchIndex.opinions_split``).
ENGLISH_NARROW_LEAD = 0.04
# How many entries (evenly spread) tell how much of an entry's vector each language makes.
SHARE_SAMPLE = 200
# Up to this many entries, every entry's letter-by-letter vector is made when the index is built.
EAGER_GRAM_ENTRIES = 1000


@dataclass(frozen=True)
class Thresholds:
    """The decision rule's knobs; defaults were measured on the golden sets' tune splits."""

    # Answer outright when the estimated probability that the best entry is right (see
    # ``Confidence``) reaches this.
    confidence: float = 0.62
    # A best entry scoring under this is never answered outright (none of the tune sets' right
    # answers scored under 0.44), so its letter-by-letter resemblance is not even computed.
    answer_floor: float = 0.35
    suggest: float = 0.54
    suggest_window: float = 0.2
    max_suggestions: int = 3
    max_related: int = 3
    smalltalk: float = 90.0
    # Words the knowledge base has never seen lower the score in proportion to the share of the
    # question they carry ("¿cómo saco mi pasaporte?" is about something else).
    unknown_penalty: float = 0.2
    # A clause scored on its own ("…, ¿qué es la rendición de cuentas?") counts at this factor.
    clause_factor: float = 0.85
    # Beyond this many words, a message's weight grows with (words / this) ** -damping; such
    # a message counts as long for the confidence model too (context lowers every score).
    long_words: int = 10
    long_damping: float = 1.0
    # A clause is scored alone only when it has at least this many topic words.
    clause_min_words: int = 4
    # Clauses are scored alone only in messages with more topic words than this.
    clause_min_message: int = 6
    # A clause's question tail ("…qué es el grupo núcleo") scored alone counts at this factor.
    tail_factor: float = 0.6
    # What a word the knowledge base never uses weighs, as a share of the rarest known word's
    # weight: context in a long message ("soy profesora en Riobamba") dilutes, but less.
    unknown_weight: float = 0.7
    # Words the knowledge base never uses in what a topic frame introduces ("quiero saber cómo
    # declaro el impuesto a la renta…") lower every score in proportion to their share of it.
    subject_unknown_penalty: float = 0.5
    # …when they carry at least this share of it (a place name alone is not another subject).
    subject_unknown_share: float = 0.5
    # "¿Qué es X?" whose best entry explains something else about X ("cómo se forma una
    # veeduría") gets the entry that defines X instead, when that one scores within this of it.
    definition_window: float = 0.2


FEATURES = ("phrasing_coverage", "question_coverage", "entry_coverage", "answer_coverage", "fuzzy")


@dataclass(frozen=True)
class Weights:
    """How the signals add up to one score (fitted on the golden set's tune split)."""

    phrasing_coverage: float = 0.289
    question_coverage: float = 0.216
    entry_coverage: float = 0.423
    answer_coverage: float = 0.0
    fuzzy: float = 0.072

    def as_tuple(self) -> tuple[float, ...]:
        """The weights in the order of ``FEATURES``."""
        return self._in_order

    @cached_property
    def _in_order(self) -> tuple[float, ...]:
        # Read at every scoring: made once (the weights are frozen).
        return tuple(getattr(self, name) for name in FEATURES)


CONFIDENCE_SIGNALS = (
    "bias",
    "top",
    "lead",
    "capped_lead",
    "same_subject",
    "resemblance",
    "resemblance_lead",
    "resemblance_agrees",
    "long_top",
    "long",
)


@dataclass(frozen=True)
class Confidence:
    """How likely the best entry is to be right: a logistic model over the decision's signals.

    Besides the score and its lead over the runner-up, it reads a second, independent opinion:
    how much the question resembles each leading entry's phrasings letter by letter
    (character n-grams, TF-IDF cosine), which catches what stems miss ("veedor" / "veeduría",
    split or glued words) and disagrees when a single rare shared word carried the score.
    Fitted on the golden sets' tune splits (``python -m bot kb tune``).
    """

    bias: float = -5.01
    top: float = 3.7
    lead: float = 1.7
    # The lead up to 0.2: beyond that, a wider lead says little more.
    capped_lead: float = 1.28
    # The two leading entries are on one subject (a narrow lead between them matters less).
    same_subject: float = 0.55
    # The letter-by-letter resemblance of the best entry, its lead over the best other leading
    # entry's, and whether the best entry is also the one resembling the question most.
    resemblance: float = 4.87
    resemblance_lead: float = 2.85
    resemblance_agrees: float = 1.1
    long_top: float = 0.59
    long: float = 0.86

    def probability(self, signals: tuple[float, ...]) -> float:
        """The estimated probability that the best entry is right, given ``signals``."""
        z = sum([c * x for c, x in zip(self._coefficients, signals, strict=True)])
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    @cached_property
    def _coefficients(self) -> tuple[float, ...]:
        # In the order of ``CONFIDENCE_SIGNALS``, made once (the model is frozen).
        return tuple(getattr(self, name) for name in CONFIDENCE_SIGNALS)


@dataclass(frozen=True)
class Match:
    """One ranked FAQ entry."""

    entry: FaqEntry
    score: float


@dataclass(frozen=True)
class SearchResult:
    """What the engine made of a question."""

    decision: Decision
    language: str
    matches: tuple[Match, ...] = ()
    suggestions: tuple[Match, ...] = ()
    smalltalk: SmallTalk | None = None
    # With an answer: close entries on the same subject, offered as "También puede interesarle".
    related: tuple[Match, ...] = ()
    # The estimated probability that the best entry is right (see ``Confidence``).
    confidence: float = 0.0
    # The one broad word the question is ("gobierno"), which names no single entry.
    broad: str | None = None

    @property
    def top(self) -> Match | None:
        """The best-ranked entry, if any entry matched at all."""
        return self.matches[0] if self.matches else None

    @property
    def confident(self) -> bool:
        """Whether the engine answers with an FAQ entry."""
        return self.decision == "answer"


@dataclass(slots=True)
class _Phrasing:
    entry_index: int
    weight: float
    tokens: frozenset[str]

    @property
    def text(self) -> str:
        """The tokens as one string, for rapidfuzz (built only for shortlisted phrasings)."""
        return " ".join(sorted(self.tokens))


@dataclass
class SearchIndex:
    """An immutable search index over one knowledge base."""

    kb: KnowledgeBase
    thresholds: Thresholds = field(default_factory=Thresholds)
    weights: Weights = field(default_factory=Weights)
    confidence: Confidence = field(default_factory=Confidence)
    build_seconds: float = 0.0
    # Index answer texts even when their signal weighs nothing (the tuner wants every signal).
    all_signals: bool = False

    def __post_init__(self) -> None:
        started = time.perf_counter()
        # Building allocates hundreds of thousands of small containers, none in a reference
        # cycle; the cyclic collector would rescan them over and over. Refcounting still frees.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.normalizer = Normalizer(
                synonyms=_synonym_map(self.kb.synonyms),
                plan_ordinals={
                    p.number: (fold(p.ordinal.es), fold(p.ordinal.en))
                    for p in self.kb.plans
                    if p.ordinal is not None
                },
            )
            self._build_vocabulary()
            # Weakly: held strongly, each callback would make the normaliser and the index a
            # reference cycle (see ``_weakly``).
            self.normalizer.correct = _weakly(self._correct)
            self.normalizer.join = _weakly(self._rejoined)
            self._build_phrasings()
            self._buildletter_grams()
            self._build_smalltalk()
        finally:
            if collecting:
                gc.enable()
        self.build_seconds = time.perf_counter() - started

    # -- building ---------------------------------------------------------------------------

    def _build_vocabulary(self) -> None:
        vocabulary: set[str] = set(SPANISH_STOP_WORDS | ENGLISH_STOP_WORDS)
        for expansion in SMS_SPELLINGS.values():
            vocabulary.update(expansion)
        vocabulary.update(SMS_SPELLINGS)
        for group in self.kb.synonyms:
            for term in group:
                vocabulary.update(words(term))
        # Every word each language's texts use (phrasings and answers), each language's
        # phrasings' own words, and every phrasing's words as read with chat spellings expanded
        # (the letter n-grams' vocabulary): one pass over the texts for all three.
        used: dict[str, set[str]] = {"es": set(), "en": set()}
        phrased: dict[str, set[str]] = {"es": set(), "en": set()}
        spelled: set[str] = set()
        for entry in self.kb.entries:
            for language in ("es", "en"):
                phrased_here = phrased[language]
                for text in (entry.question.get(language), *entry.alternates.get(language)):
                    folded = _words(text)
                    phrased_here.update(folded)
                    spelled.update(expand_sms(folded))
                # An answer is read once here: its words are not remembered (at 10,000 entries
                # they held tens of MiB in the folding memory).
                used[language].update(fold_words(entry.answer.get(language)))
        for language in ("es", "en"):
            used[language] |= phrased[language]
        self._phrasing_words = spelled
        # The longer words of each language's phrasings.
        by_language = {
            language: {w for w in words_here if len(w) > 3}
            for language, words_here in phrased.items()
        }
        vocabulary |= used["es"] | used["en"]
        for intent in self.kb.smalltalk:
            for language in ("es", "en"):
                for text in intent.patterns.get(language):
                    vocabulary.update(words(text))
        for commitment in self.kb.commitments:
            for text in (commitment.title, *commitment.keywords, commitment.theme.es):
                vocabulary.update(words(text))
        self._vocabulary = vocabulary
        # A typo is corrected only into a word the message's own language uses.
        self.normalizer.foreign_words = {
            "es": frozenset(used["en"] - used["es"]),
            "en": frozenset(used["es"] - used["en"]),
        }
        # Words only one language's phrasings use tell the language of short questions.
        self.normalizer.spanish_words = frozenset(by_language["es"] - by_language["en"])
        self.normalizer.english_words = frozenset(by_language["en"] - by_language["es"])
        # Only words long enough to be typo targets; short ones are matched exactly.
        self._typo_targets = sorted(w for w in vocabulary if len(w) >= 4 and not w.isdigit())
        # Misspellings that sound right ("silla basia", "informasion") differ by letters that
        # Spanish pronounces alike; they meet on a phonetic key. Ambiguous keys are dropped.
        # A chat spelling sounds as the word it stands for ("aser" and "hacer", "kien" and
        # "quien"): the two are one word there, and "haser" or "hasen" still has one meaning.
        sounds: dict[str, set[str]] = defaultdict(set)
        for word in self._typo_targets:
            meant = SMS_SPELLINGS.get(word)
            sounds[phonetic_key(word)].add(meant[0] if meant and len(meant) == 1 else word)
        self._sounds = {key: next(iter(ws)) for key, ws in sounds.items() if len(ws) == 1}
        # A spelling by sound with a slip besides ("rendisoin", "komprimisos"): the sounds of
        # the longer words, each with one letter left out, as for the letters below.
        sound_deletions: dict[str, str | None] = {}
        for key, word in self._sounds.items():
            if len(key) >= MIN_SOUND_SLIP:
                for deleted in _one_deleted(key):
                    if sound_deletions.setdefault(deleted, word) != word:
                        sound_deletions[deleted] = None
        self._sound_deletions = sound_deletions
        # One letter missing, extra, changed or two swapped ("grpo", "privvada", "daots"):
        # every known word is indexed by itself with one letter deleted (as SymSpell does); a
        # deletion two words share is ambiguous and dropped.
        deletions: dict[str, str | None] = {}
        for word in self._typo_targets:
            for deleted in _one_deleted(word):
                if deletions.setdefault(deleted, word) != word:
                    deletions[deleted] = None
        self._deletions = deletions
        self._real_words = real_words()
        rare_words()  # read once here, not in the first question that needs it
        # English words no Spanish dictionary has, which a Spanish speaker may write when
        # spelling a Spanish word by sound ("saver" for "saber", "aces" for "haces").
        dictionaries = real_words_by_language()
        self._english_only_words = dictionaries["en"] - dictionaries["es"]
        self._stop_words = SPANISH_STOP_WORDS | ENGLISH_STOP_WORDS
        self._correct_cached = lru_cache(maxsize=50_000)(_weakly(self._correct_uncached))

    def correct_typo(self, word: str) -> str | None:
        """Return the known word ``word`` is a typo of, or None."""
        return self._correct(word)

    def _correct(self, word: str) -> str | None:
        # A word with a digit is a number, a code or an ordinal ("ec0001", "2do", "ga-7k3m"): one
        # digit changed names another thing ("EC0001" is not "EC0016").
        if (
            word in self._vocabulary
            or len(word) < 4
            or any(ch.isdigit() for ch in word)
            or word in _NOT_TYPOS
        ):
            return None
        return self._correct_cached(word)

    def _correct_uncached(self, word: str) -> str | None:
        corrected = self._typo_target(word)
        if word in self._real_words or is_spanish_verb_form(word):
            # A real word is no typo ("cuñado" is not "cuando"), unless the correction only
            # changes its ending ("fondo" / "fondos"), which keeps what the citizen meant, or
            # the word is English only and sounds, read as Spanish, exactly like a word only the
            # Spanish texts use ("saver" / "saber"); an English message keeps it (the
            # normaliser corrects no word into the other language's).
            if corrected is not None and (
                is_inflection(word, corrected)
                or (
                    word in self._english_only_words
                    and self._sounds.get(phonetic_key(word)) == corrected
                    and corrected in self.normalizer.foreign_words.get("en", frozenset())
                )
            ):
                return self._expanded(corrected)
            if len(word) >= MIN_RARE_WORD_SLIP and barely_known(word):
                # A word the dictionaries barely know ("redicion", "alcandia") one slip or the
                # same sound away from a known word is that word mistyped.
                slip = self._sounds.get(phonetic_key(word)) or self._one_edit(word)
                if slip is not None:
                    return self._expanded(slip)
            return None
        if corrected is None:
            return self._run_together(word)
        return self._expanded(corrected)

    @staticmethod
    def _expanded(corrected: str) -> str:
        """A correction that is a chat spelling, as the words it stands for ("imformasion" is
        nearest "informasion", which is "informacion")."""
        expansion = SMS_SPELLINGS.get(corrected)
        return " ".join(expansion) if expansion is not None else corrected

    def _rejoined(self, raw: Sequence[str]) -> Sequence[str]:
        """The words with one split by a stray space made whole again ("infor macion", "de
        recho", "gobier no"): two neighbours, one of them no known nor real word, that together
        make a known word of seven letters or more that names something."""
        vocabulary, real = self._vocabulary, self._real_words
        if all(word in vocabulary for word in raw):
            return raw
        out: list[str] = []
        at = 0
        while at < len(raw):
            if at + 1 < len(raw):
                first, second = raw[at], raw[at + 1]
                whole = first + second
                if (
                    len(whole) >= MIN_REJOINED
                    and whole in vocabulary
                    and whole not in self._stop_words
                    and any(w not in vocabulary and w not in real for w in (first, second))
                ):
                    out.append(whole)
                    at += 2
                    continue
            out.append(raw[at])
            at += 1
        return out

    def _run_together(self, word: str) -> str | None:
        """Two known words typed without the space between them ("gobiernoabierto",
        "informacionpublica"), as "gobierno abierto"; None unless exactly one split makes both
        halves known words of four letters or more that name something. Shorter or emptier
        halves are prefixes and pronouns: "reunirse" is not "re unirse", "pedirles" not
        "pedir les" (run-together little words, "nose", "aver", are in the lexicon)."""
        if len(word) < 2 * MIN_RUN_TOGETHER_HALF:
            return None
        found = [
            (word[:at], word[at:])
            for at in range(MIN_RUN_TOGETHER_HALF, len(word) - MIN_RUN_TOGETHER_HALF + 1)
            if self._names_something(word[:at]) and self._names_something(word[at:])
        ]
        if len(found) == 1:
            return " ".join(self._expanded(half) for half in found[0])
        return self._run_together_linked(word) if not found else None

    def _run_together_linked(self, word: str) -> str | None:
        """Two known words typed without spaces around the linking words between them
        ("rendiciondecuentas", "accesoalainformacion"): "rendicion de cuentas"; None unless
        exactly one or two linking words (``run_together_links``) split it so."""
        found = {
            (word[:at], joined, word[at + len(joined) :])
            for joined in _LINKS_JOINED
            for at in range(MIN_LINKED_HALF, len(word) - len(joined) - MIN_LINKED_HALF + 1)
            if word.startswith(joined, at)
            and self._names_something(word[:at])
            and self._names_something(word[at + len(joined) :])
        }
        if len(found) != 1:
            return None
        first, joined, second = found.pop()
        return f"{self._expanded(first)} {_LINKS_JOINED[joined]} {self._expanded(second)}"

    def _names_something(self, word: str) -> bool:
        """Whether ``word`` is a known word that is no stop word."""
        return word in self._vocabulary and word not in self._stop_words

    def _typo_target(self, word: str) -> str | None:
        sounds_like = self._sounds.get(phonetic_key(word))
        if sounds_like is not None:
            return sounds_like
        if len(word) >= MIN_SOUND_SLIP and word.endswith("s"):
            # A plural spelled by sound whose plural the texts never use ("parrokiales"): the
            # sound of its singular.
            singular = self._sounds.get(phonetic_key(loose_phrase((word,))[0]))
            if singular is not None and len(singular) >= MIN_SOUND_SLIP:
                return singular
        # A single slip first: rapidfuzz's best ratio may be a different word ("ceuntas" is
        # one swap from "cuentas" but nearer "cuantas" by ratio).
        one_edit = self._one_edit(word)
        if one_edit is not None:
            return one_edit
        if len(word) >= MIN_SOUND_SLIP:
            # A slip in the sound is looser than one in the letters: the letters must still be
            # close, and start alike ("rendisoin" is "rendición"; "carchi" is a province, not
            # "casi", and "tesista" no form of "existir").
            key = phonetic_key(word)
            sound_slip = self._sound_slip(key)
            if (
                sound_slip is not None
                and phonetic_key(sound_slip)[:1] == key[:1]
                and abs(len(sound_slip) - len(word)) <= 1
                and fuzz.ratio(word, sound_slip) >= MIN_SOUND_SLIP_RATIO
            ):
                return sound_slip
        if len(word) > 4:
            # A typo changes a letter or two; "population" is not a typo of "popular". Typing
            # slips rarely touch a word's first two letters: a word that differs there is
            # another word ("educación" is not "duración", "curso" not "recurso").
            for candidate, _, _ in process.extract(
                word,
                self._typo_targets,
                scorer=fuzz.ratio,
                score_cutoff=82,
                processor=None,
                limit=3,
            ):
                if (
                    abs(len(candidate) - len(word)) <= MAX_TYPO_LENGTH_CHANGE
                    and candidate[:2] == word[:2]
                ):
                    return candidate
        return None

    def _sound_slip(self, key: str) -> str | None:
        """The one known word whose sound ``key`` is a single slip away from, if exactly one is."""
        sounds, deletions = self._sounds, self._sound_deletions
        found = {deletions.get(key)}  # a letter missing
        for deleted in _one_deleted(key):
            found.add(sounds.get(deleted))  # a letter extra
            target = deletions.get(deleted)
            # A letter changed or two swapped ("rendisoin"), not two edits apart.
            if target is not None and _single_slip(key, phonetic_key(target)):
                found.add(target)
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def _one_edit(self, word: str) -> str | None:
        """The one known word ``word`` is a single edit away from, if exactly one is."""
        vocabulary, deletions = self._vocabulary, self._deletions
        # A letter missing: "grpo". A deletion several words share (None) names none of them.
        found = {deletions[word]} if word in deletions else set()
        if len(word) > 4:
            # A letter extra ("privvada"), changed or two swapped ("daots"); four-letter words
            # are too often other words ("iban" is not "iaen").
            found |= {d for d in _one_deleted(word) if d in vocabulary and len(d) >= 4}
            if not found:
                # Both words with a letter left out meet for a changed letter or two swapped,
                # but also for two edits apart ("radio" / "adios", "miedo" / "medio").
                found = {
                    target
                    for d in _one_deleted(word)
                    if (target := deletions.get(d)) is not None and _single_slip(word, target)
                }
        candidates = {w for w in found if w is not None}
        if len(candidates) > 1:
            candidates = _likeliest_slips(word, candidates)
        return candidates.pop() if len(candidates) == 1 else None

    def _build_phrasings(self) -> None:
        token_sets: list[tuple[int, frozenset[str]]] = []
        index_answers = self.all_signals or self.weights.answer_coverage > 0
        phrasing_bags: list[set[str]] = [set() for _ in self.kb.entries]
        answer_bags: list[set[str]] = [set() for _ in self.kb.entries]
        for index, entry in enumerate(self.kb.entries):
            for language in ("es", "en"):
                for text in (entry.question.get(language), *entry.alternates.get(language)):
                    tokens, _ = self.normalizer.tokens(text, language)
                    unique = frozenset(tokens)
                    if not unique:
                        continue
                    token_sets.append((index, unique))
                    phrasing_bags[index].update(unique)
                if index_answers:
                    answer_text = entry.answer.get(language)
                    if entry.detail is not None:
                        answer_text += " " + entry.detail.get(language)
                    answer_bags[index].update(self.normalizer.tokens(answer_text, language)[0])
        # Which entries use each token: its document frequency, and the entry-level postings.
        entry_postings, answer_postings = _inverted(phrasing_bags), _inverted(answer_bags)
        self._idf, self._unknown_weight = _idf(entry_postings, len(phrasing_bags))
        self._answer_idf, self._answer_unknown_weight = _idf(answer_postings, len(answer_bags))
        self._phrasings: list[_Phrasing] = []
        postings: dict[str, list[int]] = defaultdict(list)
        idf = self._idf
        for entry_index, phrasing_tokens in token_sets:
            position = len(self._phrasings)
            weight = sum([idf[t] for t in phrasing_tokens])
            self._phrasings.append(_Phrasing(entry_index, weight, phrasing_tokens))
            for token in phrasing_tokens:
                postings[token].append(position)
        self._phrasing_texts: dict[int, str] = {}
        # The postings as arrays: a question's signals are then a few vector operations over
        # the phrasings and entries it touches, not a Python loop over each of them.
        self._phrasing_entry_array = np.array(
            [p.entry_index for p in self._phrasings], dtype=np.int32
        )
        self._inverse_weight_array = np.array(
            [1.0 / p.weight if p.weight else 0.0 for p in self._phrasings], dtype=np.float64
        )
        self._posting_arrays = _arrays(postings)
        self._entry_posting_arrays = _arrays(entry_postings)
        self._answer_posting_arrays = _arrays(answer_postings)
        # Phrasings are stored entry by entry: each entry's are one run of positions.
        self._entry_phrasing_starts = np.searchsorted(
            self._phrasing_entry_array, np.arange(len(self.kb.entries) + 1)
        )
        self._entry_subjects: dict[int, frozenset[str]] = {}
        self._subject_words: frozenset[str] | None = None
        self._assistant_token = self.normalizer.tokens(ASSISTANT_WORD, "es")[0][0]
        self._assistant_words = frozenset(
            token
            for phrasing in self._phrasings
            if self.kb.entries[phrasing.entry_index].topic == ASSISTANT_TOPIC
            for token in phrasing.tokens
        )
        self._umbrellas: frozenset[str] | None = None
        self._institution_names: tuple[tuple[str, ...], ...] | None = None
        self._entry_texts: dict[int, frozenset[str]] = {}
        self._commitment_texts: dict[str, frozenset[str]] = {}
        self._definitions: dict[str, bool] = {}
        self._entry_articles: dict[int, frozenset[str]] = {}

    def _buildletter_grams(self) -> None:
        # A character n-gram is weighted by how few of the phrasings' words contain it: counted
        # over the vocabulary rather than the entries, so that building stays cheap; each
        # entry's vector is made the first time the entry leads a question.
        vocabulary = self._phrasing_words - _STOP_WORDS
        frequency: dict[str, int] = defaultdict(int)
        for word in vocabulary:
            for gram in set(letter_grams(word)):
                frequency[gram] += 1
        count = len(vocabulary) + 1
        self._gram_idf = {g: math.log(count / (df + 1)) + 1.0 for g, df in frequency.items()}
        self._unseen_gram_idf = math.log(count) + 1.0
        # Each entry's vector is made the first time the entry leads a question, and at most
        # this many are kept (a 10,000-entry base would otherwise hold them all).
        self._entry_grams: dict[tuple[int, Language | None], dict[str, float]] = {}
        self._max_entry_grams = 4096
        # A message's own vector is read against the leading entries, and again against the
        # best one's phrasings in its language: made once for both (the few latest messages').
        self._message_grams = lru_cache(maxsize=MESSAGES_REMEMBERED)(_weakly(self._message_vector))
        self._positions = {entry.id: index for index, entry in enumerate(self.kb.entries)}
        # The language most of the phrasings are written in (Spanish) makes most of every
        # entry's vector; the other's phrasings are a smaller share of it.
        self._language_share = self._language_shares()
        self._main_language = max(self._language_share, key=self._language_share.__getitem__)
        other = next(lang for lang in self._language_share if lang != self._main_language)
        # A base of ordinary size has every vector made now, so that no citizen's question
        # waits for one (a few tens of milliseconds in all); a huge one makes them as it goes.
        if len(self.kb.entries) <= EAGER_GRAM_ENTRIES:
            for entry_index in range(len(self.kb.entries)):
                self._entry_vector(entry_index)
                self._entry_vector(entry_index, other)

    def _language_shares(self) -> dict[Language, float]:
        """Per language, how much of an entry's two-language vector its phrasings in that
        language make, on average (the cosine of the two vectors)."""
        count = len(self.kb.entries)
        sample = range(0, count, max(1, count // SHARE_SAMPLE))
        shares: dict[Language, float] = {}
        for language in ("es", "en"):
            found = []
            for entry_index in sample:
                one = self._entry_vector(entry_index, language)
                both = self._entry_vector(entry_index)
                found.append(sum([x * both.get(g, 0.0) for g, x in one.items()]))
            shares[language] = sum(found) / len(found) if found else 1.0
        return shares

    def _gram_vector(self, texts: Iterable[str]) -> dict[str, float]:
        """The TF-IDF vector (unit length) of the texts' character n-grams, stop words left out."""
        vector, norm = self._raw_gram_vector(expand_sms(_words(text)) for text in texts)
        inverse_norm = 1.0 / norm
        return {g: x * inverse_norm for g, x in vector.items()}

    def _raw_gram_vector(self, texts: Iterable[Iterable[str]]) -> tuple[dict[str, float], float]:
        """The n-gram TF-IDF weights of texts given as their words, and the vector's length (1
        when empty)."""
        stop = _STOP_WORDS
        counts = Counter(
            itertools.chain.from_iterable(
                letter_grams(word) for text in texts for word in text if word not in stop
            )
        )
        idf, unseen, log = self._gram_idf, self._unseen_gram_idf, math.log
        vector = {
            g: idf.get(g, unseen) if n == 1 else (1.0 + log(n)) * idf.get(g, unseen)
            for g, n in counts.items()
        }
        return vector, math.sqrt(sum([x * x for x in vector.values()])) or 1.0

    def _entry_vector(self, entry_index: int, language: Language | None = None) -> dict[str, float]:
        """The entry's n-gram vector over its phrasings in ``language`` (both when None)."""
        key = (entry_index, language)
        vector = self._entry_grams.get(key)
        if vector is None:
            entry = self.kb.entries[entry_index]
            texts = [
                text
                for each in ((language,) if language is not None else ("es", "en"))
                for text in (entry.question.get(each), *entry.alternates.get(each))
            ]
            vector = self._gram_vector(texts)
            if len(self._entry_grams) >= self._max_entry_grams:
                # Oldest first: dicts keep insertion order.
                del self._entry_grams[next(iter(self._entry_grams))]
            self._entry_grams[key] = vector
        return vector

    def resemblance(
        self, question: str, entry_indices: Iterable[int], language: Language | None = None
    ) -> list[float]:
        """How much ``question`` resembles each entry's phrasings, letter by letter (0–1).

        With ``language``, only the phrasings in that language count, and the resemblance is
        brought to the scale of the main language's questions against both languages' phrasings
        (the scale the confidence model was fitted on)."""
        asked, norm = self._message_grams(question)
        scale = 1.0
        if language is not None:
            scale = self._language_share[self._main_language]
        found = []
        for entry_index in entry_indices:
            vector = self._entry_vector(entry_index, language)
            # Only the n-grams both share count: the set intersection runs in C.
            shared = sum([asked[g] * vector[g] for g in asked.keys() & vector.keys()])
            found.append(scale * shared / norm)
        return found

    def _message_vector(self, question: str) -> tuple[dict[str, float], float]:
        """A message's n-gram weights as read letter by letter, and the vector's length."""
        read, _ = self.normalizer.read_words(question, correct=self._letter_correction)
        return self._raw_gram_vector((read,))

    def _letter_correction(self, word: str) -> str | None:
        """What a question's word is compared as letter by letter: a misspelling is not the
        word meant ("rendiciondecuentas", "q ago" are "rendicion de cuentas", "que hago"), but
        a real word stays as typed, and so does a word whose correction is only another form
        of it ("desarrollador" / "desarrollada"): the letters already share its stem, and the
        other form's ending would pull towards whatever uses it."""
        fixed = self._correct(word)
        if fixed is None or word in self._real_words:
            return None
        if " " not in fixed and is_inflection(word, fixed):
            return None
        return fixed

    def sure_language(self, question: str) -> Language | None:
        """The language a message's own words tell, or None when they do not, or when it mixes
        in many of the other's ("what does gobierno abierto mean in Ecuador")."""
        normalizer = self.normalizer
        spanish, english = language_evidence(
            normalizer.raw_words(question), normalizer.spanish_words, normalizer.english_words
        )
        if spanish > english and english <= MIXED_LANGUAGE_SHARE * spanish:
            return "es"
        if english > spanish and spanish <= MIXED_LANGUAGE_SHARE * english:
            return "en"
        return None

    def _resemblance_language(self, question: str) -> Language | None:
        """The phrasings' language a question is compared with (None: both languages')."""
        language = self.sure_language(question)
        return language if language != self._main_language else None

    def confidence_signals(
        self, question: str, matches: list[Match], tokens: list[str]
    ) -> tuple[float, ...]:
        """The signals of ``Confidence`` (in the order of ``CONFIDENCE_SIGNALS``)."""
        if not matches:
            return (1.0, *(0.0 for _ in CONFIDENCE_SIGNALS[1:]))
        top = matches[0].score
        lead = top - (matches[1].score if len(matches) > 1 else 0.0)
        position = self._positions
        leading = [position[m.entry.id] for m in matches[:RESEMBLANCE_CANDIDATES]]
        # Which entry resembles the question most is read against both languages' phrasings
        # (cognates count: "include" resembles "incluía"), but an English question's
        # resemblance to the best entry is diluted there by the Spanish phrasings, which
        # outnumber the English ones (these make 0.72 of an entry's vector on average, the
        # Spanish 0.86): it is also read against the English phrasings alone, on the Spanish
        # questions' scale, and the higher counts. Spanish questions against Spanish phrasings
        # alone lost on fresh4's check split (83.6% right / 5.0% wrong -> 83.3% / 6.3%).
        resembles = self.resemblance(question, leading)
        best_other = max(resembles[1:], default=0.0)
        level = resembles[0]
        language = self._resemblance_language(question)
        if language is not None:
            level = max(level, self.resemblance(question, leading[:1], language)[0])
        long = 1.0 if len(set(tokens)) > self.thresholds.long_words else 0.0
        return (
            1.0,
            top,
            lead,
            min(lead, 0.2),
            1.0
            if len(matches) > 1 and self.same_subject(matches[0].entry, matches[1].entry)
            else 0.0,
            level,
            resembles[0] - best_other,
            1.0 if resembles[0] >= best_other else 0.0,
            long * top,
            long,
        )

    def opinions_split(self, question: str, signals: tuple[float, ...]) -> bool:
        """Whether the best entry of a question not surely Spanish barely leads on score while
        another leading entry resembles the question more letter by letter: then the choice is
        the citizen's. An English question is scored against a few English phrasings an entry
        has, not its many Spanish ones, so a narrow lead there is thinner evidence; on Spanish
        questions of the tune sets the same rule removed as many right answers as wrong ones.
        """
        lead = signals[CONFIDENCE_SIGNALS.index("lead")]
        resemblance_lead = signals[CONFIDENCE_SIGNALS.index("resemblance_lead")]
        if lead >= ENGLISH_NARROW_LEAD or resemblance_lead >= 0.0:
            return False
        return self.sure_language(question) != "es"

    def _build_smalltalk(self) -> None:
        self._smalltalk_patterns: list[tuple[str, SmallTalk]] = []
        # Patterns matched only word for word: those of a word-for-word intent, and any longer
        # than MAX_SMALLTALK_WORDS ("eres un robot o una persona"), since likeness over that many
        # words would catch questions.
        self._smalltalk_exact: dict[str, SmallTalk] = {}
        for intent in self.kb.smalltalk:
            for language in ("es", "en"):
                for pattern in intent.patterns.get(language):
                    text = " ".join(words(pattern))
                    if intent.word_for_word or len(text.split()) > MAX_SMALLTALK_WORDS:
                        self._smalltalk_exact[text] = intent
                    else:
                        self._smalltalk_patterns.append((text, intent))
        self._smalltalk_texts = [text for text, _ in self._smalltalk_patterns]

    # -- searching --------------------------------------------------------------------------

    def features(
        self, tokens: list[str], shortlist: int | None = None
    ) -> dict[int, tuple[float, ...]]:
        """Return, per candidate entry, its signals (in the order of ``FEATURES``).

        With ``shortlist``, only that many entries (best by the cheap signals and the current
        weights) are kept, and only they get the fuzzy signal — the costly one.
        """
        unique = list(dict.fromkeys(tokens))
        if not unique:
            return {}
        w_phrasing, w_question, w_entry, w_answer, _ = self.weights.as_tuple()
        unknown_weight = self._unknown_weight * self.thresholds.unknown_weight
        weights = {t: self._idf.get(t, unknown_weight) for t in unique}
        question_weight = sum(weights.values())
        # A long message explains its question with context: beyond a few words, what an entry
        # must explain grows more slowly than the message does.
        long_words, damping = self.thresholds.long_words, self.thresholds.long_damping
        if len(unique) > long_words:
            question_weight *= (long_words / len(unique)) ** damping
        inverse_question = 1.0 / question_weight
        # Every phrasing sharing a word: the weight it shares, its coverage and what it explains.
        positions, shared = _gathered(self._posting_arrays, weights)
        if len(positions):
            shared = np.bincount(positions, weights=shared)
            positions = np.flatnonzero(shared)
            shared = shared[positions]
        coverage = shared * self._inverse_weight_array[positions]
        explained = np.minimum(shared * inverse_question, 1.0)
        # Each entry's best phrasing: the one covering and explaining most (first on a tie).
        owners = self._phrasing_entry_array[positions]
        chosen = _first_best_of_runs(coverage + explained, owners)
        entries = owners[chosen]
        coverage, explained, positions = coverage[chosen], explained[chosen], positions[chosen]
        entry_rows, entry_weights = _gathered(self._entry_posting_arrays, weights)
        entry_shared = np.bincount(
            entry_rows, weights=entry_weights, minlength=len(self.kb.entries)
        )
        entry_coverage = np.minimum(entry_shared[entries] * inverse_question, 1.0)
        answer = np.zeros(len(entries))
        answer_only: np.ndarray = np.zeros(0, dtype=np.int32)
        answer_total = 1.0
        # The answer signal is skipped when it weighs nothing, unless every signal is wanted.
        if w_answer or shortlist is None:
            answer_weights = {
                t: self._answer_idf.get(t, self._answer_unknown_weight) for t in unique
            }
            answer_total = sum(answer_weights.values())
            rows, row_weights = _gathered(self._answer_posting_arrays, answer_weights)
            answer_shared = (
                np.bincount(rows, weights=row_weights, minlength=len(self.kb.entries))
                / answer_total
            )
            answer = answer_shared[entries]
            # Entries sharing words only through their answers have no phrasing signals.
            # (np.setdiff1d's result, sorted and unique, without its sorting: a mask is cheaper)
            answering = answer_shared != 0
            answering[entries] = False
            answer_only = np.flatnonzero(answering)
            if len(answer_only):
                entries = np.concatenate((entries, answer_only))
                coverage = np.concatenate((coverage, np.zeros(len(answer_only))))
                explained = np.concatenate((explained, np.zeros(len(answer_only))))
                positions = np.concatenate((positions, np.full(len(answer_only), -1)))
                entry_coverage = np.concatenate(
                    (entry_coverage, np.minimum(entry_shared[answer_only] * inverse_question, 1.0))
                )
                answer = np.concatenate((answer, answer_shared[answer_only]))
        if shortlist is not None and len(entries) > shortlist:
            partial = (
                w_phrasing * coverage
                + w_question * explained
                + w_entry * entry_coverage
                + w_answer * answer
            )
            kept = np.argpartition(-partial, shortlist - 1)[:shortlist]
            entries, coverage, explained = entries[kept], coverage[kept], explained[kept]
            positions, entry_coverage, answer = (
                positions[kept],
                entry_coverage[kept],
                answer[kept],
            )
        question_text = " ".join(sorted(unique))
        result: dict[int, tuple[float, ...]] = {}
        for entry_index, cover, explain, position, entry_cover, answered in zip(
            entries.tolist(),
            coverage.tolist(),
            explained.tolist(),
            positions.tolist(),
            entry_coverage.tolist(),
            answer.tolist(),
            strict=True,
        ):
            similarity = 0.0
            if position >= 0:
                similarity = (
                    fuzz.token_set_ratio(question_text, self._text_of(position), processor=None)
                    / 100.0
                )
            result[entry_index] = (cover, explain, entry_cover, answered, similarity)
        return result

    def _text_of(self, position: int) -> str:
        """A phrasing's tokens as one string for rapidfuzz, built once, when first shortlisted."""
        text = self._phrasing_texts.get(position)
        if text is None:
            text = self._phrasing_texts[position] = self._phrasings[position].text
        return text

    def unknown_share(self, tokens: list[str]) -> float:
        """The share of a question's weight carried by words the knowledge base never uses."""
        unique = set(tokens)
        if not unique:
            return 0.0
        unknown = sum(self._unknown_weight for t in unique if t not in self._idf)
        total = unknown + sum(self._idf[t] for t in unique if t in self._idf)
        return unknown / total

    def _score(self, tokens: list[str], limit: int) -> dict[int, float]:
        features = self.features(tokens, shortlist=limit * 3)
        a, b, c, d, e = self.weights.as_tuple()
        penalty = 1.0 - self.thresholds.unknown_penalty * self.unknown_share(tokens)
        return {
            entry_index: penalty * (a * v[0] + b * v[1] + c * v[2] + d * v[3] + e * v[4])
            for entry_index, v in features.items()
        }

    def _rank(
        self, question: str, hint: str | None, limit: int
    ) -> tuple[list[Match], str, list[str], list[tuple[str, list[str], frozenset[str]]]]:
        """The entries ranked for ``question``, its language and tokens, and the message's
        question read without the clauses of context around it (its text, tokens, and the
        context's words): what the other-subject checks read besides the whole message."""
        tokens, detected = self.normalizer.tokens(question, hint=hint, fix_typos=True)
        # Where the citizen heard of it ("…que vi en las noticias") names no subject.
        parts = clauses(question)
        # What the citizen says they already know ("ya sé qué es la OGP, pero…") is not asked.
        # Only a clause saying what something is counts: "ya sé que la LOTAIP obliga a los
        # municipios, ¿y a las juntas parroquiales?" names its subject there.
        known = [
            p
            for p in parts
            if LEXICON.tells_known(self.normalizer.raw_words(p))
            and DEFINITION_TOKEN in self.normalizer.tokens(p, hint=detected)[0]
        ]
        if known and len(known) < len(parts):
            rest = [p for p in parts if p not in known]
            rest_tokens, _ = self.normalizer.tokens(" ".join(rest), hint=detected, fix_typos=True)
            if set(rest_tokens) - QUESTION_TOKENS:
                parts, tokens = rest, rest_tokens
        heard = [p for p in parts if LEXICON.hearsay_pattern().match(" " + p)]
        if heard:
            told = " ".join(p for p in parts if p not in heard)
            told_tokens, _ = self.normalizer.tokens(told, hint=detected, fix_typos=True)
            if told_tokens:
                tokens = told_tokens
        # "¿pa qué sirves?" is "¿para qué sirve el asistente?": a message that speaks to the
        # assistant about nothing else names it.
        if self._assistant_token not in tokens and self.asks_the_assistant(
            question, tokens, detected
        ):
            tokens = [*tokens, self._assistant_token]
        scores = self._score(tokens, limit)
        # The question without its context ("Soy estudiante. ¿Cuándo se fundó la ONU?"), however
        # it scores: the whole message's other-subject check reads the introduction's words too.
        bare: list[tuple[str, list[str], frozenset[str]]] = []
        # A long message often wraps its question in greetings and context: the clause that
        # asks (alone, and with the clause before it) is scored too, and counts when it fits
        # an entry better than the whole message does.
        # Short messages are their own question, unless one of their clauses asks and another
        # is an aside ("el X ese q es, pa q sirve aparte de <una queja>").
        short = len(set(tokens)) < self.thresholds.clause_min_message
        # The clauses that ask, each of which may be the question beside asides.
        # A clause of question words only ("how often") asks about the clause before it: it
        # is no question alone.
        alone = [p for p in parts if not asks_only(self.normalizer.raw_words(p), detected)]
        asking = (
            [
                p
                for p in alone
                if not QUESTION_TOKENS.isdisjoint(
                    self.normalizer.tokens(p, detected, fix_typos=True)[0]
                )
            ]
            if len(parts) > 1 and len(set(tokens)) <= self.thresholds.long_words
            else []
        )
        if not short or asking:
            factor = self.thresholds.clause_factor
            windows = (
                [*alone, *(f"{a} {b}" for a, b in itertools.pairwise(parts))]
                if len(parts) > 1
                else []
            )
            situation = {p for p in parts if LEXICON.opens_context(self.normalizer.raw_words(p))}
            # (text, weight, kind): a window of clauses, a question tail, or the question alone.
            candidates = [(text, factor, "window") for text in windows]
            # "soy estudiante y mi profe me pidió investigar qué es el grupo núcleo": from the
            # question word on, a clause is the question itself; and a clause that opens with
            # one ("¿Qué es el gobierno abierto? Le cuento por qué pregunto…") is one whole.
            for part in alone:
                raw = self.normalizer.raw_words(part)
                tail = question_tail(raw) or (part if opens_with_question(raw) else None)
                if tail:
                    candidates.append((tail, self.thresholds.tail_factor, "tail"))
                    # "…qué es el gobierno abierto porque lo vio en un video": without the
                    # reason for asking, the story's words do not dilute the question.
                    asked_words = LEXICON.without_reason(tail.split())
                    if len(asked_words) < len(tail.split()):
                        candidates.append((" ".join(asked_words), factor, "tail"))
            # "…un deber sobre los pilares del gobierno abierto y no encontramos nada": what a
            # topic frame introduces is the subject, even inside a clause of context.
            subjects: dict[str, str] = {}
            for part in parts:
                found = LEXICON.subjects_of(self.normalizer.raw_words(part))
                if found:
                    subjects[part] = " ".join(" ".join(subject) for subject in found)
                    candidates.append((subjects[part], factor, "subject"))
            other_questions = bool(subjects) and any(
                len(
                    [
                        t
                        for t in self.normalizer.tokens(p, detected, fix_typos=True)[0]
                        if t not in QUESTION_TOKENS
                    ]
                )
                >= 2
                for p in parts
                if p not in situation and p not in subjects
            )
            # Without the clauses that tell the citizen's situation, what is left is the question
            # (with the subject a clause of context names).
            asked, told_context = [], False
            for part in parts:
                if part not in situation:
                    asked.append(part)
                elif part in subjects:
                    asked.append(subjects[part])
                    told_context = True
            if asked and (len(asked) < len(parts) or told_context):
                candidates.append((" ".join(asked), 1.0, "asked"))
            # The words of the context left out, which the checks' entry must not use: context
            # that names its subject ("mi profe dijo q el gobierno abierto…") is part of the
            # question, context that does not ("Trabajo en un banco.") leaves it alone.
            context_words = frozenset(
                t
                for part in situation
                if part not in subjects
                for t in self.normalizer.tokens(part, detected, fix_typos=True)[0]
                if t not in QUESTION_TOKENS
            )
            seen: set[frozenset[str]] = {frozenset(tokens)}
            # The same words reached two ways count once, at the weight of the first way in this
            # list (not sorted heaviest first: that was tried on 2026-12-01 and lost a few right
            # answers on the never-tuned sets while gaining as few on the tune sets).
            for text, weight, kind in candidates:
                clause_tokens, _ = self.normalizer.tokens(text, detected, fix_typos=True)
                topic_words = [t for t in clause_tokens if t not in QUESTION_TOKENS]
                asks = kind != "window" or len(topic_words) < len(clause_tokens)
                # A fragment ("me preguntó") must not win: a clause needs a few topic words,
                # or one that asks ("¿qué es la rendición de cuentas?") at least one.
                enough = len(topic_words) >= self.thresholds.clause_min_words or (
                    asks and len(topic_words) >= (1 if kind in ("tail", "subject") else 2)
                )
                # A clause that is a whole question on its own (a question word and only words
                # the knowledge base knows: "la silla vacía esa q es") is enough with one.
                whole = (
                    kind == "window"
                    and text in asking
                    and asks
                    and bool(topic_words)
                    and all(t in self._idf for t in topic_words)
                    and self._asides(text, parts, subjects, detected)
                )
                enough = whole if short else enough or whole
                # Next to a self-introduction that names no subject ("Soy dirigente barrial en
                # Loja. ¿Qué es el MRI?"), a short message's question, or a "¿qué es X?" in one
                # under the long length, is the message (a longer question after one, "¿qué
                # resultados tuvo el plan…?", lost its lead when it counted in full).
                introduced = (
                    whole
                    and (short or DEFINITION_TOKEN in clause_tokens)
                    and self._introduced(text, parts, situation)
                )
                if introduced or kind == "asked":
                    bare.append((text, clause_tokens, frozenset() if introduced else context_words))
                key = frozenset(clause_tokens)
                if not enough or key in seen:
                    continue
                if introduced:
                    weight = INTRODUCED_WEIGHT
                # When another clause asks about more ("tengo una tarea sobre los pilares, ¿qué
                # significa el de colaboración?"), the subject names the topic, not the question.
                if kind == "subject" and other_questions:
                    weight = self.thresholds.tail_factor
                seen.add(key)
                # Clauses compete only for the top places: a short shortlist keeps long
                # messages fast (the fuzzy signal is the costly one).
                for entry_index, score in self._score(clause_tokens, limit // 2).items():
                    if weight * score > scores.get(entry_index, 0.0):
                        scores[entry_index] = weight * score
            # "My aunt keeps talking about a veeduría for the school. What is that?": a clause
            # that only asks points back at the clause before it, and the words of that clause
            # an entry is about are its subject (its other words are the story around it).
            pointing = LEXICON.pointing_words.all()
            for before, part in itertools.pairwise(parts):
                asked_only = self.normalizer.tokens(part, detected, fix_typos=True)[0]
                if not asked_only or QUESTION_TOKENS.isdisjoint(asked_only):
                    continue
                # "…existe la Ley de Participación Ciudadana. ¿De qué trata esa ley?": a question
                # pointing back with a word or two of its own asks about the clause before too.
                # "…rendición de cuentas, how often?": a clause of question words only does too.
                own = set(asked_only) - QUESTION_TOKENS
                part_words = self.normalizer.raw_words(part)
                if (
                    own
                    and part in alone
                    and (len(own) > POINTING_OWN_WORDS or pointing.isdisjoint(part_words))
                ):
                    continue
                story, _ = self.normalizer.tokens(before, detected, fix_typos=True)
                named = [t for t in story if t in self.subject_words()]
                key = frozenset(named + asked_only)
                if not named or key in seen:
                    continue
                seen.add(key)
                for entry_index, score in self._score(named + asked_only, limit // 2).items():
                    if factor * score > scores.get(entry_index, 0.0):
                        scores[entry_index] = factor * score
            # What the citizen says the message is about, in words the knowledge base never
            # uses ("…quiero saber cómo desalojo a mi inquilino"), is another subject.
            subject_tokens = (
                self.normalizer.tokens(" ".join(subjects.values()), detected, fix_typos=True)[0]
                if subjects
                else []
            )
            # One word ("le escribo por un problema…") says too little to tell, and a place or a
            # name in it ("…la defensoría del pueblo de Machala") is not another subject.
            share = self.unknown_share(subject_tokens)
            if (
                len(set(subject_tokens) - QUESTION_TOKENS) >= 2
                and share >= self.thresholds.subject_unknown_share
            ):
                foreign = 1.0 - self.thresholds.subject_unknown_penalty * share
                scores = {entry_index: foreign * score for entry_index, score in scores.items()}
        scored = heapq.nlargest(limit, scores.items(), key=itemgetter(1))
        matches = [
            Match(self.kb.entries[entry_index], round(min(score, 1.0), 4))
            for entry_index, score in scored
        ]
        matches = self._definition_first(matches, tokens)
        return self._addressee_first(matches, question), detected, tokens, bare

    def _introduced(
        self,
        question: str,
        parts: list[str],
        situation: set[str],
    ) -> bool:
        """Whether every clause but ``question`` says who the citizen is (and names no subject:
        see ``_asides``)."""
        return all(
            part in situation or LEXICON.introduces_self(self.normalizer.raw_words(part))
            for part in parts
            if part != question
        )

    def asks_the_assistant(self, question: str, tokens: Sequence[str], language: str) -> bool:
        """Whether the message speaks to the assistant ("¿pa qué sirves?") about nothing else.

        A word of the second person (``addressee_words``) says who is asked; the message is
        about the assistant only when each of its other words is one the assistant's own
        entries use or one the knowledge base never uses: "¿qué haces si te niegan la
        información?" asks about a denied request. Before a question word the verb frames the
        question ("¿sabes qué es la LOTAIP?"), unless it is denied ("si no sabes qué pasa").
        """
        lang: Language = "en" if language == "en" else "es"
        words = _ADDRESSEE_WORDS[lang]
        raw = self.normalizer.raw_words(question)
        if words.isdisjoint(raw):
            return False
        addressed = [
            word
            for at, word in enumerate(raw)
            if word in words and not frames_the_question(raw, at)
        ]
        if not addressed:
            return False
        own = {self.normalizer.stem(word, lang) for word in addressed}
        return all(
            token in QUESTION_TOKENS
            or token in own
            or token in self._assistant_words
            or token not in self._idf
            for token in tokens
        )

    def speaks_to_the_assistant(self, question: str) -> bool:
        """Whether the message addresses the assistant: a verb or pronoun of the second person
        ("puedes", "te", "you"; ``addressee_words`` and ``assistant_addressed``) or a word that
        names it ("bot", "asistente")."""
        raw = set(self.normalizer.raw_words(question))
        return not raw.isdisjoint(_ADDRESSED)

    def subject_words(self) -> frozenset[str]:
        """The words some entry is about (see ``entry_subject``)."""
        if self._subject_words is None:
            self._subject_words = frozenset().union(
                *(self.entry_subject(i) for i in range(len(self.kb.entries)))
            )
        return self._subject_words

    def _asides(
        self, question: str, parts: list[str], subjects: dict[str, str], detected: str
    ) -> bool:
        """Whether every clause but ``question`` is an aside ("…aparte de pelearse en la tele"):
        it names no subject (no topic frame, no word an entry is about) and, if it asks, asks
        mostly in words the knowledge base knows (else it asks about something outside)."""
        subject_words = self.subject_words()
        for part in parts:
            if part == question:
                continue
            if part in subjects:
                return False
            told, _ = self.normalizer.tokens(part, detected, fix_typos=True)
            if not subject_words.isdisjoint(told):
                return False
            if not QUESTION_TOKENS.isdisjoint(told) and (
                self.unknown_share([t for t in told if t not in QUESTION_TOKENS])
                >= self.thresholds.subject_unknown_share
            ):
                return False
        return True

    def _names_a_holder(self, raw: Sequence[str]) -> bool:
        """Whether folded words name who holds data or receives a request other than the
        assistant: a word of the lexicon's ``data_holders`` ("municipio", "bank") or a name,
        acronym or alias of an institution (content/institutions.yaml)."""
        if LEXICON.says_one_of("data_holders", raw):
            return True
        if self._institution_names is None:
            self._institution_names = tuple(
                tuple(self.normalizer.raw_words(name))
                for institution in self.kb.institutions
                for name in (institution.name, institution.acronym or "", *institution.aliases)
                if name
            )
        said = tuple(raw)
        return any(
            said[start : start + len(name)] == name
            for name in self._institution_names
            for start in range(len(said) - len(name) + 1)
        )

    def _addressee_first(self, matches: list[Match], question: str) -> list[Match]:
        """Put first the side of a subject the message is addressed to.

        "¿Cómo le pido al municipio que borre mis datos?" names who holds the data and does not
        speak to the assistant: its own entry ("borrar lo que escribí aquí") steps back behind
        the next close entry on the institution's side. "¿Qué datos míos guardas?" speaks to the
        assistant about the citizen's own data and names no holder: the assistant's entry close
        behind comes first. The assistant's entry steps back only behind one on its subject
        (``same_subject``). The two swap places and scores, as in ``_definition_first``.
        """
        if len(matches) < 2:
            return matches
        top = matches[0]
        wanted = top.entry.topic != ASSISTANT_TOPIC
        floor = top.score - self.thresholds.definition_window
        position = next(
            (
                at
                for at, other in enumerate(matches[1:], 1)
                if other.score >= floor
                and (other.entry.topic == ASSISTANT_TOPIC) == wanted
                and (wanted or self.same_subject(top.entry, other.entry))
            ),
            None,
        )
        if position is None:
            return matches
        raw = self.normalizer.raw_words(question)
        to_assistant = self.speaks_to_the_assistant(question) or LEXICON.says_one_of(
            "assistant_here", raw
        )
        if not wanted:
            if to_assistant or not self._names_a_holder(raw):
                return matches
        elif (
            not to_assistant
            or (
                LEXICON.assistant_keeps.all().isdisjoint(raw)
                and not LEXICON.says_one_of("assistant_here", raw)
            )
            or not LEXICON.says_one_of("own_data", raw)
            or self._names_a_holder(raw)
        ):
            return matches
        other = matches[position]
        swapped = [Match(other.entry, top.score), Match(top.entry, other.score)]
        rest = [m for i, m in enumerate(matches) if i not in (0, position)]
        return sorted([*swapped, *rest], key=lambda m: -m.score)

    def _definition_first(self, matches: list[Match], tokens: list[str]) -> list[Match]:
        """Put first the entry that defines what a "¿qué es…?" question asks about.

        The words around a definition question ("veeduría, ¿qué es?, ¿para vigilar obras?")
        often fit an entry on how or why better than the definition itself; when the best entry's
        own question asks no definition and a close one's does, the two swap places (and scores,
        so that the lead the confidence model reads stays the question's).
        """
        if len(matches) < 2 or DEFINITION_TOKEN not in tokens:
            return matches
        top = matches[0]
        if self._defines(top.entry):
            return matches
        floor = top.score - self.thresholds.definition_window
        for position, other in enumerate(matches[1:], 1):
            if other.score < floor:
                break
            if self._defines(other.entry):
                swapped = [Match(other.entry, top.score), Match(top.entry, other.score)]
                rest = [m for i, m in enumerate(matches) if i not in (0, position)]
                return sorted([*swapped, *rest], key=lambda m: -m.score)
        return matches

    def _defines(self, entry: FaqEntry) -> bool:
        """Whether an entry's own question asks what something is ("¿Qué es la OGP?")."""
        found = self._definitions.get(entry.id)
        if found is None:
            tokenize = self.normalizer.tokens
            found = self._definitions[entry.id] = any(
                DEFINITION_TOKEN in tokenize(entry.question.get(language), language)[0]
                for language in ("es", "en")
            )
        return found

    def same_subject(self, first: FaqEntry, second: FaqEntry) -> bool:
        """Whether two entries answer questions on one subject (linked, or one topic and stem)."""
        if second.id in first.related or first.id in second.related:
            return True
        return first.topic == second.topic and _stem_id(first.id) == _stem_id(second.id)

    def smalltalk_match(
        self, question: str, scorer: Callable[..., float] = fuzz.ratio
    ) -> tuple[SmallTalk | None, float]:
        """Return the small-talk intent a short message is, with its similarity (0–100)."""
        folded = words(question)
        exact = self._smalltalk_exact.get(" ".join(folded))
        if exact is not None:
            return exact, 100.0
        if not folded or len(folded) > MAX_SMALLTALK_WORDS or not self._smalltalk_texts:
            return None, 0.0
        best = process.extractOne(
            " ".join(folded), self._smalltalk_texts, scorer=scorer, processor=None
        )
        return self._smalltalk_patterns[best[2]][1], float(best[1])

    def search(self, question: str, hint: str | None = None) -> SearchResult:
        """Decide how to answer ``question``: answer, suggest, small talk or fall back.

        ``hint`` is the citizen's language, used when the question's words do not tell.
        """
        return self._compared(
            question, self._question_decides(question, self._search(question, hint))
        )

    def _compared(self, message: str, result: SearchResult) -> SearchResult:
        """The entry that tells how two things differ, when a comparison ("¿en qué se diferencia
        la veeduría de la rendición de cuentas?") leads to the entries on both: the message names
        each one's subject, and only one's answer also speaks of the other's."""
        if result.decision != "suggest" or len(result.suggestions) < 2:
            return result
        words = self.normalizer.raw_words(message)
        if not LEXICON.asks_a_comparison(words):
            return result
        tokens = set(self.normalizer.tokens(message, result.language, fix_typos=True)[0])
        first, second = result.suggestions[:2]
        subjects = []
        for match in (first, second):
            subject = self.entry_subject(self._positions[match.entry.id]) - QUESTION_TOKENS
            if not subject or not subject <= tokens:
                return result
            subjects.append(subject)
        if subjects[0] <= subjects[1] or subjects[1] <= subjects[0]:
            return result
        telling = [
            match
            for match, other in ((first, subjects[1]), (second, subjects[0]))
            if other <= self._answer_words(match.entry)
        ]
        if len(telling) != 1:
            return result
        best = telling[0]
        matches = (best, *(m for m in result.matches if m.entry.id != best.entry.id))
        other = second if best is first else first
        return SearchResult(
            "answer", result.language, matches, related=(other,), confidence=result.confidence
        )

    def _answer_words(self, entry: FaqEntry) -> frozenset[str]:
        """The tokens of an entry's answer, in either language."""
        return frozenset(
            token
            for language in ("es", "en")
            for token in self.normalizer.tokens(entry.answer.get(language), language)[0]
        )

    def _question_decides(self, message: str, result: SearchResult) -> SearchResult:
        """The answer to the sentence that asks, when a story around it kept the whole message
        from one ("Trabajo en una camaronera… ¿Cuántos compromisos tenía el primer plan?").

        The story's words (the shrimp farm, the night shift) dilute the question; read alone,
        a question asked with a question mark and naming enough on its own is answered
        outright and surely, by an entry the whole message also ranks near the top. A question
        that points back at the story ("¿cuándo termina ese plan?") says too little alone, and
        so do the ones after it; a message answered surely as a whole keeps its answer, and one
        whose story names another country or body (checked on the whole message) keeps its
        refusal.
        """
        if "?" not in message or result.decision == "smalltalk":
            return result
        if result.decision == "answer" and result.confidence >= QUESTION_DECIDES_UNSURE:
            return result
        asked = self.asked_questions(message, result.language)
        if not asked:
            return result
        story = message
        for _, alone in asked:
            story = story.replace(alone, " ")
        if len(words(story)) < STORY_MIN_WORDS:
            return result
        ranked = [m.entry.id for m in result.matches[:QUESTION_DECIDES_AMONG]]
        pointing = LEXICON.pointing_words.all()
        for position, (upto, asked_alone) in enumerate(asked):
            # "Mi vecino dice que el CPCCS nombra al Contralor. ¿Es verdad?": the claim told
            # before a question that only checks it is what is asked (after another question,
            # "¿…? Leí que… ¿Es así?", it follows that one up).
            claim = None if position else self._claim_checked(upto, asked_alone)
            alone = claim if claim is not None else asked_alone
            # "¿Se cumplió ese compromiso? ¿Quién lo tenía a cargo?": from a question pointing
            # back on, the questions are about the story.
            if claim is None and not pointing.isdisjoint(words(alone)):
                break
            # "¿…y qué opinas de ella?" asks the assistant's view, which no entry gives: the
            # question does not decide over the story.
            if LEXICON.asks_an_opinion(self.normalizer.raw_words(alone)):
                continue
            read = self._search(alone, result.language)
            top = read.top
            if read.decision != "answer" or top is None or top.entry.id not in ranked:
                continue
            # The whole message's own answer, when it is the question's, stands as it is.
            if result.decision == "answer" and result.matches[0].entry.id == top.entry.id:
                return result
            alone_tokens = self.normalizer.tokens(alone, result.language, fix_typos=True)[0]
            # Word for word one of an entry's phrasings ("what can you help me with"), the
            # question is enough on its own, unless the story names another entry's subject
            # ("Soy miembro de una veeduría. ¿Qué es la silla vacía?": either may be meant).
            exact = top.score >= EXACT_PHRASING and self._story_names_only(
                story, top.entry, result.language
            )
            named = len(set(alone_tokens) - QUESTION_TOKENS)
            few_but_sure = (
                named >= QUESTION_DECIDES_FEW_WORDS
                and read.confidence >= QUESTION_DECIDES_FEW_CONFIDENCE
            )
            # Read alone, a question whose entry the whole message also ranks first is as sure
            # as any question answered outright: the story only diluted the score, and both
            # readings agree ("Ayer le conté algo personal… ¿Se puede borrar mi historial?").
            # …and no other entry is near enough to be offered beside it (a narrow lead is the
            # citizen's to choose).
            runner_up = read.matches[1].score if len(read.matches) > 1 else 0.0
            agrees = (
                bool(result.matches)
                and result.matches[0].entry.id == top.entry.id
                and top.score - runner_up > self.thresholds.suggest_window
            )
            needed = self.thresholds.confidence if agrees else QUESTION_DECIDES_CONFIDENCE
            if (
                not exact
                and not few_but_sure
                and (named < QUESTION_DECIDES_MIN_WORDS or read.confidence < needed)
            ):
                continue
            if self._story_refuses(message, top.entry, alone_tokens, result.language):
                return result
            if self._story_asks_otherwise(story, top.entry, result.language):
                return result
            return replace(read, language=result.language)
        return result

    def _claim_checked(self, upto: str, question: str) -> str | None:
        """The claim a question that only checks one asks about ("…dice que el CPCCS nombra al
        Contralor. ¿Es verdad?", the lexicon's ``claim_checks``): the sentence told before it
        (``upto`` is the message up to and including the question), from its last
        ``claim_told`` frame on ("dice que", "me dijeron que"); None for any other question."""
        if not LEXICON.only_checks_a_claim(self.normalizer.raw_words(question)):
            return None
        before = upto[: upto.rfind(question)].rstrip(" ¿")
        sentences = [s for s in _SENTENCE_END.split(before) if words(s)]
        if not sentences:
            return None
        told = self.normalizer.raw_words(sentences[-1].rstrip("?").split("¿")[-1])
        claim = LEXICON.told_claim(told)
        # "Alguien dijo que X. Yo no le creo. ¿Es verdad?": a remark on the claim between it
        # and the check tells no claim of its own; the sentence just before it does.
        if claim is None and len(sentences) > 1:
            earlier = self.normalizer.raw_words(sentences[-2].rstrip("?").split("¿")[-1])
            claim = LEXICON.told_claim(earlier)
        return " ".join(claim if claim else told) or None

    def asked_questions(self, message: str, language: str) -> list[tuple[str, str]]:
        """The questions a message asks (see ``asked_questions``), two joined in one sentence
        read apart when the second only follows up the first: "¿Qué es la OGP y cómo funciona?"
        asks what the OGP is, then how it works. A second question naming a subject of its own
        ("…y cómo contacto al equipo?") may be what the whole sentence asks (the team that
        coordinates), so the sentence stays one question; so does a sentence that, whole or in
        part, asks outside the scope (``_asks_outside``): read apart, "¿Qué es la LOTAIP y cómo
        saco la cédula?" would answer the law and drop the refusal of the identity card."""
        outside: list[bool] = []

        def splits(parts: list[str]) -> bool:
            # A message naming another country or body, or another institution's procedure,
            # keeps its questions whole: none of them is answered apart from the refusal. (Read
            # only when a sentence joins two questions: most messages do not.)
            if not outside:
                outside.append(
                    bool(self.outside_subjects(message))
                    or not load_referrals().scope(message).for_the_team
                )
            if outside[0]:
                return False
            for position, part in enumerate(parts):
                tokens = self.normalizer.tokens(part, language, fix_typos=True)[0]
                topic = [t for t in tokens if t not in QUESTION_TOKENS]
                if position and len(set(topic)) > FOLLOW_UP_MAX_WORDS:
                    return False
                if self._asks_outside(part, topic):
                    return False
            return True

        return asked_questions(message, splits)

    def _asks_outside(self, part: str, topic: list[str]) -> bool:
        """Whether one of the questions a sentence joins asks outside the scope: it names
        another country or body, another institution's procedure or a plainly off-topic subject
        (``knowledge.referrals``), it asks the assistant's view ("¿…y qué opinas?", the
        lexicon's ``opinion_asked``), or two words or more of it are mostly ones the knowledge
        base never uses."""
        if self.outside_subjects(part) or not load_referrals().scope(part).for_the_team:
            return True
        if LEXICON.asks_an_opinion(self.normalizer.raw_words(part)):
            return True
        # One unknown word ("¿…y dónde se leen?") is a verb the entries happen not to use; two
        # or more mostly unknown name a subject of their own ("…y cómo cobro el bono?").
        return (
            len(set(topic)) >= FOREIGN_SUBJECT_MIN_WORDS
            and self.unknown_share(topic) >= self.thresholds.subject_unknown_share
        )

    def _story_refuses(
        self, message: str, entry: FaqEntry, question_tokens: list[str], language: str
    ) -> bool:
        """Whether the whole message asks ``entry``'s frame about another subject: another
        country or body, its question beside a context naming another one, or a question that
        does not name the entry's subject after a story saying, in words the knowledge base
        never uses, what it is about ("…quiero saber cómo declaro el impuesto a la renta,
        ¿qué tengo que hacer y cuánto demora?")."""
        _, _, tokens, bare = self._rank(message, language, limit=10)
        if self.names_another_subject(message, entry, tokens):
            return True
        if self._bare_names_another_subject(entry, bare):
            return True
        subject = self.entry_subject(self._positions[entry.id])
        return subject.isdisjoint(question_tokens) and self._story_subject_foreign(
            message, language
        )

    def _story_names_only(self, story: str, entry: FaqEntry, language: str) -> bool:
        """Whether the subjects of entries the story names are all ``entry``'s own."""
        if self._subject_words is None:
            self._subject_words = frozenset().union(
                *(self.entry_subject(i) for i in range(len(self.kb.entries)))
            )
        told = set(self.normalizer.tokens(story, language, fix_typos=True)[0])
        named = told & self._subject_words - self._umbrella_subjects()
        return named <= self.entry_subject(self._positions[entry.id])

    def _umbrella_subjects(self) -> frozenset[str]:
        """The words many entries are about ("gobierno abierto", "OGP", "plan"): a story that
        names them names the knowledge base's subject, not one entry's."""
        if self._umbrellas is None:
            counts = Counter(
                word for i in range(len(self.kb.entries)) for word in self.entry_subject(i)
            )
            self._umbrellas = frozenset(
                word for word, n in counts.items() if n >= UMBRELLA_SUBJECT_ENTRIES
            )
        return self._umbrellas

    def _story_asks_otherwise(self, story: str, entry: FaqEntry, language: str) -> bool:
        """Whether what the story itself asks about ("…queremos saber qué tanto se ha avanzado
        en el segundo plan") is answered surely by another entry than the question's: the two
        readings disagree, and neither decides alone."""
        for part in clauses(story):
            for subject in LEXICON.subjects_of(self.normalizer.raw_words(part)):
                read = self._search(" ".join(subject), language)
                if (
                    read.decision == "answer"
                    and read.top is not None
                    and read.top.entry.id != entry.id
                    and read.confidence >= QUESTION_DECIDES_CONFIDENCE
                ):
                    return True
        return False

    def _story_subject_foreign(self, message: str, language: str) -> bool:
        """Whether what the topic frames of a message introduce ("quiero saber cómo declaro el
        impuesto…") is mostly in words the knowledge base never uses (as ``_rank`` weighs)."""
        told = " ".join(
            " ".join(" ".join(subject) for subject in LEXICON.subjects_of(raw))
            for raw in map(self.normalizer.raw_words, clauses(message))
        ).strip()
        if not told:
            return False
        subject_tokens = self.normalizer.tokens(told, language, fix_typos=True)[0]
        return (
            len(set(subject_tokens) - QUESTION_TOKENS) >= 2
            and self.unknown_share(subject_tokens) >= self.thresholds.subject_unknown_share
        )

    def _search(self, question: str, hint: str | None = None) -> SearchResult:
        matches, detected, tokens, bare = self._rank(question, hint, limit=10)
        t = self.thresholds
        top = matches[0].score if matches else 0.0
        second = matches[1].score if len(matches) > 1 else 0.0
        # A short message that is plainly small talk ("cómo está", "gracias") is small talk,
        # unless it is word for word one of an entry's phrasings.
        intent, similarity = self.smalltalk_match(question)
        if intent is not None and similarity >= t.smalltalk and top < EXACT_PHRASING:
            return SearchResult("smalltalk", detected, tuple(matches), smalltalk=intent)
        exact = top >= EXACT_PHRASING > second
        confidence = 0.0
        if top >= t.answer_floor and not exact:
            signals = self.confidence_signals(question, matches, tokens)
            confidence = self.confidence.probability(signals)
            if self.opinions_split(question, signals):
                confidence = 0.0
        # One broad word ("gobierno", "ley") leads to several entries: unless the best one is
        # that word's definition ("LOTAIP", "veeduría"), the citizen chooses among them.
        broad = self.broad_word(question, tokens)
        if broad is not None and matches and not self.defines_word(matches[0].entry, broad):
            exact = False
            confidence = 0.0
        if exact or (
            confidence >= t.confidence
            and not self.names_another_subject(question, matches[0].entry, tokens)
            and not self._bare_names_another_subject(matches[0].entry, bare)
        ):
            best = matches[0]
            related = tuple(
                m
                for m in matches[1:]
                if m.score >= t.suggest
                and m.score >= top - t.suggest_window
                and self.same_subject(best.entry, m.entry)
            )[: t.max_related]
            return SearchResult(
                "answer",
                detected,
                tuple(matches),
                related=related,
                confidence=confidence,
                broad=broad,
            )
        # Otherwise a short message made of small-talk words ("holaaa buenas") is small talk too.
        intent, similarity = self.smalltalk_match(question, fuzz.token_set_ratio)
        if intent is not None and similarity >= t.smalltalk:
            return SearchResult("smalltalk", detected, tuple(matches), smalltalk=intent)
        if top >= t.suggest:
            close = tuple(
                m for m in matches if m.score >= t.suggest and m.score >= top - t.suggest_window
            )[: t.max_suggestions]
            # "¿Puedes avisarme de las novedades?": spoken to the assistant, with one of its own
            # entries the only one near, the question is about it; a list of one would only ask
            # the citizen to confirm what they asked.
            if (
                len(close) == 1
                and broad is None
                and close[0].entry.topic == ASSISTANT_TOPIC
                # …and clearly first: two of its entries near one another are for the citizen.
                and (
                    top - second >= ASSISTANT_ALONE_LEAD
                    or len(matches) < 2
                    or matches[1].entry.topic != ASSISTANT_TOPIC
                )
                and self.speaks_to_the_assistant(question)
                # A remark ("eres un bot inútil") asks nothing: only a question is answered.
                and ("?" in question or not QUESTION_TOKENS.isdisjoint(tokens))
            ):
                return SearchResult(
                    "answer", detected, tuple(matches), confidence=confidence, broad=broad
                )
            return SearchResult("suggest", detected, tuple(matches), suggestions=close, broad=broad)
        if not tokens:
            return SearchResult("empty", detected, tuple(matches))
        # A short message that fits nothing may be a question beside a remark on where the
        # citizen is ("what can this bot do? just landed in Quito"): the question alone decides.
        parts = clauses(question) if len(set(tokens)) < t.clause_min_message else []
        asked = [p for p in parts if not LEXICON.opens_context(self.normalizer.raw_words(p))]
        if asked and len(asked) < len(parts):
            alone = self._search(" ".join(asked), hint or detected)
            if alone.decision != "fallback":
                return alone
        return SearchResult("fallback", detected, tuple(matches), broad=broad)

    # -- one broad word -----------------------------------------------------------------------

    def broad_word(self, question: str, tokens: Sequence[str]) -> str | None:
        """The one topic word a question is, when the phrasings of several entries use it.

        "gobierno", "ley", "datos" alone do not say which of the entries that use them the
        citizen wants; a word only one entry's phrasings use ("pesca") names that entry. The
        spread is the index's own: how many entries' phrasings hold the word. Only "¿qué es…?"
        may come with it; and the message holds one long word at most, since a stop word may
        still ask something of it ("estado de mi propuesta" asks how the proposal is going).
        """
        asked = set(tokens)
        topic = asked - QUESTION_TOKENS
        if len(topic) != 1 or not asked - topic <= {DEFINITION_TOKEN}:
            return None
        raw = self.normalizer.raw_words(question)
        if sum(len(w) > BROAD_WORD_SHORT for w in raw if w not in DEFINITION_WORDS) > 1:
            return None
        (word,) = topic
        postings = self._entry_posting_arrays.get(word)
        return word if postings is not None and len(postings) >= BROAD_WORD_ENTRIES else None

    def defines_word(self, entry: FaqEntry, word: str) -> bool:
        """Whether an entry is *the* definition of ``word``: its own question asks what the word
        is ("¿Qué es la LOTAIP?", "¿Qué es un compromiso de un plan de acción?"), the word being
        what the entry's phrasings repeat or nearly all its question names."""
        if not self._defines(entry):
            return False
        entry_index = self._positions.get(entry.id)
        if entry_index is not None and word in self.entry_subject(entry_index):
            return True
        for language in ("es", "en"):
            named = set(self.normalizer.tokens(entry.question.get(language), language)[0])
            named -= QUESTION_TOKENS
            if word in named and len(named) <= DEFINITION_NAMES:
                return True
        return False

    # -- a question about something else, in an entry's frame --------------------------------

    def names_another_article(self, question: str, entry_index: int) -> bool:
        """Whether a question asks about a numbered article ("¿qué dice el artículo 1 de la
        Constitución?") that none of the entry's texts cite: the entry on article 18 does not
        say what article 1 says."""
        asked = _article_numbers(" ".join(words(question)))
        if not asked:
            return False
        cited = self._entry_articles.get(entry_index)
        if cited is None:
            texts = _entry_texts(self.kb.entries[entry_index])
            cited = self._entry_articles[entry_index] = _article_numbers(
                " ".join(" ".join(words(text)) for text in texts)
            )
        return asked.isdisjoint(cited)

    def entry_subject(self, entry_index: int) -> frozenset[str]:
        """The words most of an entry's phrasings repeat: what the entry is about ("ogp")."""
        found = self._entry_subjects.get(entry_index)
        if found is None:
            start, end = self._entry_phrasing_starts[entry_index : entry_index + 2].tolist()
            counts = Counter(
                token
                for phrasing in self._phrasings[start:end]
                for token in phrasing.tokens
                if token not in QUESTION_TOKENS
            )
            least = SUBJECT_SHARE * (end - start)
            found = frozenset(t for t, n in counts.items() if n >= least)
            self._entry_subjects[entry_index] = found
        return found

    def is_about(self, entry: FaqEntry, name: str) -> bool:
        """Whether ``entry`` is about what ``name`` names (an institution, "Defensoría del
        Pueblo"): every word of the name, read in Spanish and in English, is among the words most
        of the entry's phrasings repeat (``entry_subject``). An entry that only mentions it
        ("the portal the Defensoría runs") is not about it."""
        entry_index = self._positions.get(entry.id)
        if entry_index is None:
            return False
        subject = self.entry_subject(entry_index)
        # "Defensoría del Pueblo de Ecuador (DPE)": its acronym, or its name without it.
        acronym = _ACRONYM.search(name)
        names = [name, _ACRONYM.sub(" ", name), *([acronym.group(1)] if acronym else [])]
        for text in names:
            for language in ("es", "en"):
                named = set(self.normalizer.tokens(text, language)[0]) - QUESTION_TOKENS
                if named and named <= subject:
                    return True
        return False

    def about_any(self, entry: FaqEntry, stems: frozenset[str]) -> bool:
        """Whether some of ``stems`` (a commitment's subject named, "particip", "ciudadan") are
        among the words most of the entry's phrasings repeat (``entry_subject``)."""
        entry_index = self._positions.get(entry.id)
        return entry_index is not None and not stems.isdisjoint(self.entry_subject(entry_index))

    def _bare_names_another_subject(
        self, entry: FaqEntry, bare: list[tuple[str, list[str], frozenset[str]]]
    ) -> bool:
        """Whether the question a message asks beside its context ("Soy estudiante. ¿Cuándo se
        fundó la ONU?") names another subject in the entry's frame: the whole message's check
        misses it, since the introduction's words are left out of the entry's phrasings too.
        Context using the entry's own words is part of the question and is not left out."""
        if not bare:
            return False
        entry_index = self._positions[entry.id]
        start, end = self._entry_phrasing_starts[entry_index : entry_index + 2].tolist()
        used = frozenset().union(*(p.tokens for p in self._phrasings[start:end]))
        return any(
            context.isdisjoint(used) and self.names_another_subject(text, entry, text_tokens)
            for text, text_tokens, context in bare
        )

    def names_another_subject(self, question: str, entry: FaqEntry, tokens: list[str]) -> bool:
        """Whether a question asks the entry's frame about something the entry is not about:
        "¿cuándo se fundó la ONU?" is not "¿cuándo se fundó la OGP?", "¿cuál es el plan de
        acción de Colombia?" not Ecuador's (see ``outside_subjects``)."""
        entry_index = self._positions[entry.id]
        if any(
            not self.speaks_of(self._entry_words(entry_index), subject)
            for subject in self.outside_subjects(question)
        ):
            return True
        if self.names_another_article(question, entry_index):
            return True
        asked = set(tokens) - QUESTION_TOKENS
        if not asked or len(asked) > SUBJECT_MAX_WORDS:
            return False
        subject = self.entry_subject(entry_index)
        # The entry's subject as the question names it ("la Alianza del Pacífico" does not).
        named_subject = asked - self._other_namesakes(question)
        if not subject or subject <= named_subject:
            # "¿Qué es la IA?" names all the subject of "¿Qué es PAGA IA?", and still asks about
            # the concept in general.
            return (
                DEFINITION_TOKEN in tokens
                and not self._asks_one_phrasing(entry_index, asked)
                and self._names_an_instance(entry_index, asked)
            )
        start, end = self._entry_phrasing_starts[entry_index : entry_index + 2].tolist()
        unknown = self._unknown_weight * self.thresholds.unknown_weight
        weights = {t: self._idf.get(t, unknown) for t in asked}
        total = sum(weights.values())

        def fit(phrasing: _Phrasing) -> float:
            shared = sum(weights[t] for t in asked & phrasing.tokens)
            return (shared / phrasing.weight if phrasing.weight else 0.0) + shared / total

        best = max(self._phrasings[start:end], key=fit)
        left = asked - best.tokens
        if not left:
            return DEFINITION_TOKEN in tokens and self._asks_a_wider_concept(entry_index, asked)
        # What the best phrasing leaves out must all be the other subject's name: words the
        # knowledge base never uses, in a question naming none of the entry's subject ("¿cuántos
        # miembros tiene la OPEP?"), or a name (capitalised, an acronym) with a word it rarely
        # uses ("ONU", "Guayaquil", "Ley de Comunicación"). Anything else left out is a
        # paraphrase, which the score already weighs.
        named = self._named_tokens(question)
        unknown_ok = subject.isdisjoint(named_subject)
        rare = unknown_ok and any(t not in self._idf for t in left)
        rare = rare or any(self._idf.get(t, unknown) >= NAMED_MIN_IDF for t in left & named)
        return rare and all((unknown_ok and t not in self._idf) or t in named for t in left)

    def outside_subjects(self, question: str) -> list[tuple[frozenset[str], ...]]:
        """The subjects outside the assistant's scope (another country or international body,
        the private sector: the lexicon's ``outside_subjects``) the clauses that ask name, each
        as its tokens read in Spanish and in English. A clause telling the citizen's situation
        ("trabajo en una empresa privada…") or where they heard of it asks nothing."""
        capitals = self._capital_words(question)
        # Most questions name none: one scan of the whole message says so.
        if not LEXICON.outside_subjects_in(self.normalizer.raw_words(question), capitals):
            return []
        found: list[tuple[frozenset[str], ...]] = []
        for part in clauses(question):
            raw = self.normalizer.raw_words(part)
            if LEXICON.opens_context(raw):
                continue
            for phrase in LEXICON.outside_subjects_in(raw, capitals):
                text = " ".join(phrase)
                found.append(tuple(self.text_words([(text, lang)]) for lang in ("es", "en")))
        return found

    @staticmethod
    def speaks_of(words: frozenset[str], subject: tuple[frozenset[str], ...]) -> bool:
        """Whether texts whose tokens are ``words`` speak of ``subject`` (in either language)."""
        return any(tokens and tokens <= words for tokens in subject)

    def entry_speaks_of(self, entry: FaqEntry, phrase: str) -> bool:
        """Whether an entry's texts (either language) say ``phrase``, a folded phrase, whole:
        "el mejor partido" is not said by a text on improving parties' transparency."""
        return _says(_entry_texts(entry), phrase)

    def commitments_speak_of(self, commitments: Iterable[Commitment], phrase: str) -> bool:
        """Whether any of these commitments' texts say ``phrase`` (see ``entry_speaks_of``)."""
        return any(
            _says(
                [
                    c.title,
                    c.summary.es,
                    c.summary.en,
                    c.theme.es,
                    c.theme.en,
                    c.lead_institution or "",
                    *c.counterparts,
                    *c.keywords,
                ],
                phrase,
            )
            for c in commitments
        )

    def text_words(self, texts: Iterable[tuple[str, str]]) -> frozenset[str]:
        """The tokens of (text, language) pairs, each tagged with its language, for
        ``speaks_of``: the Spanish stem of "Canadá" is "can", which English texts say."""
        return frozenset(
            f"{language}:{token}"
            for text, language in texts
            for token in self.normalizer.tokens(text, language)[0]
        )

    def names_an_outside_subject(self, question: str, commitments: Iterable[Commitment]) -> bool:
        """Whether a question names an outside subject (``outside_subjects``) that none of these
        commitments' texts speak of: "¿cómo va el compromiso de datos abiertos de Colombia?"."""
        subjects = self.outside_subjects(question)
        if not subjects:
            return False
        known = [self._commitment_words(c) for c in commitments]
        return any(not any(self.speaks_of(words, s) for words in known) for s in subjects)

    def _commitment_words(self, commitment: Commitment) -> frozenset[str]:
        found = self._commitment_texts.get(commitment.id)
        if found is None:
            spanish = (
                commitment.title,
                commitment.summary.es,
                commitment.theme.es,
                commitment.lead_institution or "",
                *commitment.counterparts,
                *commitment.keywords,
            )
            english = (commitment.summary.en, commitment.theme.en)
            found = self._commitment_texts[commitment.id] = self.text_words(
                [*((t, "es") for t in spanish), *((t, "en") for t in english)]
            )
        return found

    def entry_words(self, entry: FaqEntry) -> frozenset[str]:
        """Every token of an entry's phrasings, answer and detail, in either language (without
        the language tag ``_entry_words`` gives them)."""
        return frozenset(
            word.partition(":")[2] for word in self._entry_words(self._positions[entry.id])
        )

    def _entry_words(self, entry_index: int) -> frozenset[str]:
        """Every token of an entry's phrasings, answer and detail, in both languages."""
        found = self._entry_texts.get(entry_index)
        if found is None:
            entry = self.kb.entries[entry_index]
            texts = [
                (text, language)
                for language in ("es", "en")
                for text in (
                    entry.question.get(language),
                    *entry.alternates.get(language),
                    entry.answer.get(language),
                    entry.detail.get(language) if entry.detail is not None else "",
                )
            ]
            found = self._entry_texts[entry_index] = self.text_words(texts)
        return found

    def _capital_words(self, question: str) -> list[str]:
        """The folded words a message writes in capitals (none when it is written in capitals)."""
        found = _CAPITAL_WORD.findall(question)
        if not found or _written_in_capitals(question):
            return []
        return [w for name in found for w in _words(name)]

    def _other_namesakes(self, question: str) -> set[str]:
        """The canonical tokens a one-word synonym gave that another name takes back: "alianza"
        is the OGP, but "la Alianza del Pacífico" and "la Alianza Bolivariana" are not (a word no
        phrasing uses follows it, after a "de" or written as a name)."""
        raw = self.normalizer.raw_words(question)
        names: set[str] | None = None
        found: set[str] = set()
        for position, word in enumerate(raw[:-1]):
            canonical = self.normalizer.synonyms.get((word,))
            if canonical is None:
                continue
            rest = raw[position + 1 :]
            linked = rest[0] in _NAME_LINKS
            if linked:  # "del Pacífico", "de la Vivienda"
                rest = [w for w in rest[1:3] if w not in _STOP_WORDS]
            if not rest:
                continue
            following, _ = self.normalizer.tokens(rest[0])
            if not following or any(t in self._idf for t in following):
                continue
            if not linked:
                names = self._named_tokens(question) if names is None else names
                if not names.issuperset(following):
                    continue
            found.add(canonical)
        return found

    def _asks_one_phrasing(self, entry_index: int, asked: set[str]) -> bool:
        """Whether some phrasing of the entry asks nothing but what the question asks."""
        start, end = self._entry_phrasing_starts[entry_index : entry_index + 2].tolist()
        return any(p.tokens - QUESTION_TOKENS <= asked for p in self._phrasings[start:end])

    def _names_an_instance(self, entry_index: int, asked: set[str]) -> bool:
        """Whether the entry's own question names (an acronym, a capitalised word) what a
        definition question leaves out: "PAGA" in "¿Qué es PAGA IA?" beside "¿qué es la IA?"."""
        entry = self.kb.entries[entry_index]
        return any(
            self._named_tokens(entry.question.get(language)) - asked - QUESTION_TOKENS
            for language in ("es", "en")
        )

    def _asks_a_wider_concept(self, entry_index: int, asked: set[str]) -> bool:
        """Whether "¿qué es X?" asks about X in general while every phrasing of the entry
        narrows X down ("¿qué es la inteligencia artificial?" beside "PAGA IA, la inteligencia
        artificial de gobierno abierto")."""
        if self._asks_one_phrasing(entry_index, asked):
            return False
        if self._names_an_instance(entry_index, asked):
            return True
        # What most phrasings of one language repeat names the entry's concept; asked by it
        # ("what is a commitment?", "¿qué es la transparencia?"), the entry is the answer.
        entry = self.kb.entries[entry_index]
        for language in ("es", "en"):
            texts = (entry.question.get(language), *entry.alternates.get(language))
            bags = [set(self.normalizer.tokens(text, language)[0]) for text in texts]
            counts = Counter(t for bag in bags for t in bag if t in asked)
            if any(n >= SUBJECT_SHARE * len(bags) for n in counts.values()):
                return False
        return True

    def _named_tokens(self, question: str) -> set[str]:
        """The tokens of the words a question writes as names: acronyms, and capitalised words
        that do not open a sentence (a message written all in capitals names nothing)."""
        found = _NAMED_WORD.findall(question)
        if not found or _written_in_capitals(question):
            return set()
        language = detect_language(self.normalizer.raw_words(question)) or "es"
        return {
            token
            for name in found
            for token in self.normalizer.tokens(name, language, fix_typos=True)[0]
        }


_STOP_WORDS = SPANISH_STOP_WORDS | ENGLISH_STOP_WORDS
# A question names another subject (``names_another_subject``) only when short: at most this
# many topic words. An entry's subject is what at least this share of its phrasings say.
SUBJECT_MAX_WORDS = 6
SUBJECT_SHARE = 0.4
# A lone topic word the phrasings of at least this many entries use is broad: it is offered as
# choices, not answered with one entry (``SearchIndex.broad_word``).
BROAD_WORD_ENTRIES = 2
# Words of at most this many letters ("el", "de", "mi", "plan") may come with a broad word; a
# longer one besides it says more than the word alone.
BROAD_WORD_SHORT = 4
# What asks a definition, spelled out: it may come with a broad word.
DEFINITION_WORDS = LEXICON.word_classes.definition_words.all()
# A definition question naming at most this many topic words defines each ("¿Qué es la
# cocreación de un plan de acción?" defines "cocreación").
DEFINITION_NAMES = 2
# A name the knowledge base uses this rarely (IDF over the entries' phrasings) is not one of its
# own subjects ("Ecuador" is everywhere; "ONU" in one phrasing).
NAMED_MIN_IDF = 3.0
# An acronym ("ONU", "G20"), or a capitalised word not opening a sentence or the message.
_NAMED_WORD = re.compile(
    r"\b[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]+\b|(?<![¿¡.!?:]\s)(?<!^)(?<=\s)[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+"
)
# The words that join a name's parts ("Alianza del Pacífico", "Banco de la Vivienda").
_NAME_LINKS = LEXICON.word_classes.name_links.all()
# "artículo 18", "art 18", "article 18", "artículo número 18", "artículos 18 y 91" (folded words).
ARTICLE_NUMBER = re.compile(
    r"\b(?:articulos?|arts?|articles?)\s+(?:n\s+|no\s+|nro\s+|numero\s+|number\s+)?"
    r"(\d{1,3}(?:\s+(?:y|e|and|al|a|to)?\s*\d{1,3}\b)*)"
)


# An institution's acronym after its name: "Servicio Nacional de Contratación Pública (SERCOP)".
_ACRONYM = re.compile(r"\(([^()]+)\)")


def _article_numbers(folded: str) -> frozenset[str]:
    """The article numbers folded words cite ("articulo 18", "arts 18 y 91")."""
    return frozenset(
        n for found in ARTICLE_NUMBER.findall(folded) for n in found.split() if n.isdigit()
    )


_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_CAPITAL_WORD = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,}\b")


def _written_in_capitals(text: str) -> bool:
    """Whether most of a message's words are in capitals (then its capitals name nothing)."""
    letters = _LETTER_WORD.findall(text)
    return sum(w.isupper() for w in letters) * 2 > len(letters)


def _entry_texts(entry: FaqEntry) -> list[str]:
    """Every text an entry has, in both languages: question, phrasings, answer and detail."""
    return [
        text
        for language in ("es", "en")
        for text in (
            entry.question.get(language),
            *entry.alternates.get(language),
            entry.answer.get(language),
            entry.detail.get(language) if entry.detail is not None else "",
        )
    ]


def _says(texts: Iterable[str], phrase: str) -> bool:
    """Whether one of the texts, folded, holds ``phrase`` (folded) as whole words."""
    pattern = re.compile(rf"\b{re.escape(phrase)}\b")
    return any(pattern.search(fold(text)) for text in texts)


def _inverted(bags: list[set[str]]) -> dict[str, list[int]]:
    """For every token, the bags (by position) holding it."""
    postings: dict[str, list[int]] = defaultdict(list)
    for position, bag in enumerate(bags):
        for token in bag:
            postings[token].append(position)
    return postings


def _arrays(postings: dict[str, list[int]]) -> dict[str, np.ndarray]:
    """Posting lists as integer arrays."""
    return {token: np.array(rows, dtype=np.int32) for token, rows in postings.items()}


def _first_best_of_runs(values: np.ndarray, runs: np.ndarray) -> np.ndarray:
    """Where each run of equal ``runs`` (sorted) has its largest value, the first on a tie.

    The phrasings sharing a question's words come entry by entry, so each entry's are one run:
    a maximum per run and a comparison find its best phrasing, cheaper than sorting them all.
    """
    if not len(runs):
        return np.zeros(0, dtype=np.intp)
    opens = np.empty(len(runs), dtype=bool)  # where each run begins
    opens[0] = True
    np.not_equal(runs[1:], runs[:-1], out=opens[1:])
    best = np.maximum.reduceat(values, opens.nonzero()[0])
    hits = (values == best[opens.cumsum() - 1]).nonzero()[0]
    owners = runs[hits]
    first = np.empty(len(hits), dtype=bool)
    first[0] = True
    np.not_equal(owners[1:], owners[:-1], out=first[1:])
    return hits[first]


def _gathered(
    postings: dict[str, np.ndarray], weights: dict[str, float]
) -> tuple[np.ndarray, np.ndarray]:
    """The rows every weighted token is posted in, each with that token's weight."""
    found = [(postings[t], w) for t, w in weights.items() if t in postings]
    if not found:
        return np.zeros(0, dtype=np.int32), np.zeros(0)
    rows = np.concatenate([r for r, _ in found])
    row_weights = np.repeat([w for _, w in found], [len(r) for r, _ in found])
    return rows, row_weights


def _single_slip(word: str, other: str) -> bool:
    """Whether two words of one length differ by one changed letter or two adjacent swapped."""
    if len(word) != len(other):
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == other[diff[1]]
        and word[diff[1]] == other[diff[0]]
    )


# Keys side by side on a Spanish keyboard: a finger that slips hits a neighbour ("gobienro",
# "infornacion"), rarely a key across the board.
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjklñ", "zxcvbnm")
_NEIGHBOURS: dict[str, frozenset[str]] = {}
for _row_index, _row in enumerate(_KEYBOARD_ROWS):
    for _at, _key in enumerate(_row):
        _near = {_row[i] for i in (_at - 1, _at + 1) if 0 <= i < len(_row)}
        for _other_row in (_row_index - 1, _row_index + 1):
            if 0 <= _other_row < len(_KEYBOARD_ROWS):
                _near.update(_KEYBOARD_ROWS[_other_row][max(0, _at - 1) : _at + 2])
        _NEIGHBOURS[_key] = frozenset(_near)


def _likeliest_slips(word: str, candidates: set[str]) -> set[str]:
    """Of several words one edit from ``word``, the ones a slip most likely made it from.

    A slip keeps a word's first letter ("redicion" is "rendicion", not "edicion"); then a
    letter doubled or left out, two swapped, or a key's neighbour hit beats an unrelated letter
    ("gobierbo" is "gobierno", the n beside the b)."""
    kept = {c for c in candidates if c[:1] == word[:1]} or candidates
    if len(kept) > 1:
        likely = {c for c in kept if _keyboard_slip(word, c)}
        if likely:
            kept = likely
    return kept


def _keyboard_slip(word: str, other: str) -> bool:
    """Whether ``word`` is ``other`` with a letter doubled, two swapped, or one replaced by (or
    typed beside) a neighbouring key."""
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        if len(diff) == 1:
            return word[diff[0]] in _NEIGHBOURS.get(other[diff[0]], frozenset())
        return len(diff) == 2  # two swapped (``_single_slip`` has checked it)
    longer, shorter = (word, other) if len(word) > len(other) else (other, word)
    at = next(
        (i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter)
    )
    extra = longer[at]
    beside = {longer[i] for i in (at - 1, at + 1) if 0 <= i < len(longer)}
    return extra in beside or any(extra in _NEIGHBOURS.get(b, frozenset()) for b in beside)


_Argument = TypeVar("_Argument")
_Result = TypeVar("_Result")


def _weakly(method: Callable[[_Argument], _Result]) -> Callable[[_Argument], _Result]:
    """A bound method of one argument that holds its object weakly.

    The normaliser's callbacks and the typo cache belong to the index and call back into it;
    bound methods there would make the index a reference cycle, which only the cyclic collector
    frees, and it runs rarely on a heap this size (never while an index builds). A replaced
    index (each panel edit, each benchmark round) then stayed in memory beside the new one: at
    10,000 entries, two more indexes alive made ``kb bench`` peak about 100 MiB higher.
    """
    assert isinstance(method, MethodType)
    function = cast(Callable[[object, _Argument], _Result], method.__func__)
    owner = weakref.ref(method.__self__)

    def call(argument: _Argument) -> _Result:
        return function(owner(), argument)

    return call


def _one_deleted(word: str) -> set[str]:
    """The word with each one of its letters left out."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _stem_id(entry_id: str) -> str:
    """The first part of an entry id: "plan-primero-resultados" -> "plan"."""
    return entry_id.split("-", 1)[0]


_CLAUSE_BREAK = re.compile(r"[.!?;:¿¡\n]+|,\s+|\s+(?:pero|but|entonces|so)\s+")


def clauses(text: str) -> list[str]:
    """Split a message into its clauses (sentences, parts between commas, and a clause saying
    where the citizen heard of the subject)."""
    parts = (p.strip() for p in _CLAUSE_BREAK.split(text) if p and p.strip())
    return [q for p in parts for q in LEXICON.hearsay_pattern().split(p) if q]


_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")
_QUESTION_OPENING = re.compile(r"[¿]")


def asked_questions(
    text: str, splits: Callable[[list[str]], bool] | None = None
) -> list[tuple[str, str]]:
    """The questions a message asks with question marks, in order: each as (the message up to
    and including it, the question alone). "Soy lideresa en Sucumbíos. ¿Ya hay un tercer plan?
    ¿Cuándo se abre la convocatoria?" asks two. With ``splits``, a sentence joining two
    questions ("…y qué…", the lexicon's ``joined_question_links``) asks each, when ``splits``
    accepts them (their texts, in order)."""
    found: list[tuple[str, str]] = []
    position = 0
    for sentence in _SENTENCE_END.split(text):
        position = text.find(sentence, position) + len(sentence)
        stripped = sentence.strip()
        if not stripped.endswith("?"):
            continue
        opening = stripped.rfind("¿")
        question = stripped[opening + 1 :] if opening >= 0 else stripped
        # "Tengo una duda: ¿…?", "Mi pregunta es: …?": what follows the colon is the question.
        introduced = question.rpartition(":")[2].strip()
        if opening < 0 and len(words(introduced)) >= QUESTION_AFTER_COLON_WORDS:
            question = introduced
        question = question.rstrip("?").strip()
        if not question:
            continue
        # "¿Qué es la OGP y qué países la forman?" asks two: the first as if it ended there.
        start = text.rfind(question, 0, position)
        *first, last = _joined_questions(question, splits)
        for end, asked in first:
            found.append((text[: start + end] + "?", asked))
        found.append((text[:position], last[1]))
    return found


def _joined_questions(
    question: str, splits: Callable[[list[str]], bool] | None
) -> list[tuple[int, str]]:
    """The questions one sentence asks, joined by the lexicon's ``joined_question_links``: each
    as (where it ends in ``question``, its text); the sentence alone when a part would be
    shorter than ``JOINED_QUESTION_MIN_WORDS`` ("¿cuándo y cómo se inscribe?" is one) or
    ``splits`` does not accept the parts."""
    whole = [(len(question), question)]
    if splits is None:
        return whole
    parts: list[tuple[int, str]] = []
    begin = 0
    for link in LEXICON.joined_question_pattern().finditer(question):
        parts.append((link.start(), question[begin : link.start()]))
        begin = link.end()
    if not parts:
        return whole
    parts.append((len(question), question[begin:]))
    if any(len(words(part)) < JOINED_QUESTION_MIN_WORDS for _, part in parts):
        return whole
    if not splits([part for _, part in parts]):
        return whole
    return parts


def _idf(postings: dict[str, list[int]], bags: int) -> tuple[dict[str, float], float]:
    """Inverse document frequency of every token over ``bags`` bags, from the bags each token is
    in (``_inverted``), and the weight of unseen ones."""
    count = max(bags, 1)
    idf = {
        t: math.log(1 + (count - len(rows) + 0.5) / (len(rows) + 0.5))
        for t, rows in postings.items()
    }
    return idf, math.log(1 + (count + 0.5) / 0.5)


def _synonym_map(groups: Iterable[list[str]]) -> dict[tuple[str, ...], str]:
    mapping: dict[tuple[str, ...], str] = {}
    for group in groups:
        if not group:
            continue
        canonical = "_".join(expand_sms(words(group[0])))
        for term in group:
            key = tuple(expand_sms(words(term)))
            if key and key not in mapping:
                mapping[key] = canonical
    return mapping

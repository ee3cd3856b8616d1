"""Turn what citizens type into comparable tokens.

The pipeline is deliberately explicit, one step a function, because each step answers a real way
citizens write: "HOLAAA", "q es la aga??", "tranparencia", "informasion pública 🙏".
"""

from __future__ import annotations

import itertools
import re
import threading
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from knowledge.lexicon import MAX_FRAME_GAP, shipped_lexicon

Language = str  # "es" | "en"

_NON_WORD = re.compile(r"[^0-9a-z]+")
# A Roman numeral ("PAGA III", "plan II") is no stretched letter: it is matched first and kept.
_STRETCHED = re.compile(r"\b[ivx]+\b|([a-z])\1{2,}")
_LAUGH = re.compile(r"^(?:ja|je|ji|ha|he|js|jk)+j?$")
# Either a letter three times in a row, or something that may be laughter: two patterns, as
# two scans of a text run faster than one of the alternation (index builds fold every text).
_TRIPLED = re.compile(r"([a-z])\1\1")
_LAUGH_START = re.compile(r"\b(?:ja|je|ji|ha|he|js|jk){2,}")
# Two syllables of laughter in a row, wherever they stand: a pattern that opens on a set of
# letters scans a text faster than one opening on a word boundary, and it is found in every
# text laughter is found in (and few others), so only those are scanned for laughter itself.
_LAUGH_SYLLABLES = re.compile(r"[jh][aeiks][jh][aeiks]")

# The word lists are content (``content/lexicon.yaml``), read once at import.
_LEXICON = shipped_lexicon()
# Chat spellings and abbreviations -> the words they stand for ("q" -> "que", "gob" -> "gobierno").
SMS_SPELLINGS: Mapping[str, tuple[str, ...]] = _LEXICON.expansions()
_SMS_KEYS = frozenset(SMS_SPELLINGS)
# Two-word chat spellings ("q ago" -> "que hago"), by their first word.
_PHRASE_SPELLINGS: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
for _phrase, _meant in _LEXICON.phrase_expansions().items():
    _PHRASE_SPELLINGS.setdefault(_phrase[0], []).append((_phrase, _meant))
# Every word that may begin a spelling: one C-fast set test a text.
_SPELLING_STARTS = _SMS_KEYS | frozenset(_PHRASE_SPELLINGS)
# The same, only in a message read as Spanish ("como ago" is "como hago"; "years ago" is not).
SPANISH_SPELLINGS: Mapping[str, tuple[str, ...]] = _LEXICON.spanish_expansions()
_SPANISH_KEYS = frozenset(SPANISH_SPELLINGS)
# "Tener que" / "hay que" as "deber", in a Spanish message ("tienen que" -> "deben").
# And "have to" / "need to" as "must", in an English message.
OBLIGATIONS: Mapping[str, Mapping[tuple[str, ...], tuple[str, ...]]] = {
    "es": _LEXICON.obligations("es"),
    "en": _LEXICON.obligations("en"),
}
_OBLIGATION_STARTS = {
    language: frozenset(phrase[0] for phrase in phrases)
    for language, phrases in OBLIGATIONS.items()
}
_NOT_OBLIGATION_BEFORE = frozenset(_LEXICON.obligation_not_before)
# Dropped before matching: stop words, greetings and courtesy, light and hearsay verbs.
SPANISH_STOP_WORDS = _LEXICON.dropped("es")
ENGLISH_STOP_WORDS = _LEXICON.dropped("en")
# Words that give away the language of a message.
SPANISH_MARKERS = _LEXICON.language_markers.get("es")
ENGLISH_MARKERS = _LEXICON.language_markers.get("en")
# Words the Snowball stemmers would merge with unrelated ones; each keeps the stem given.
STEM_EXCEPTIONS: Mapping[str, str] = _LEXICON.stem_exceptions
# A post ("director", "rector") -> the kind the texts name ("funcionario"), read beside it.
KINDS: Mapping[str, str] = _LEXICON.kinds
# Question words ("qué es…", "¿cuántos…?") -> a token of their own, so that among entries on one
# subject the one that answers that kind of question wins.
QUESTION_PHRASES: Mapping[tuple[str, ...], str] = _LEXICON.question_phrases()
QUESTION_TOKENS = frozenset(QUESTION_PHRASES.values())
DEFINITION_TOKEN = "_que_es"
_LONGEST_QUESTION_PHRASE = max((len(p) for p in QUESTION_PHRASES), default=1)
# "what is new in the 2023 law" asks what changed, not what the law is.
# "what are my options" asks what one can do, not what options are.
_CHANGE_QUESTIONS = frozenset(
    tuple(phrase.split()) for phrase in (*_LEXICON.change_questions, *_LEXICON.option_questions)
)
_LONGEST_CHANGE_QUESTION = max((len(p) for p in _CHANGE_QUESTIONS), default=1)
_CHANGE_STARTS = frozenset(p[0] for p in _CHANGE_QUESTIONS if p)


# Every ASCII character that is not a letter or digit becomes a space (str.translate is C fast).
_ASCII_NON_WORD = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() or not chr(c).isascii()}
)


def fold(text: str) -> str:
    """Lowercase, drop accents and everything that is not a letter or digit."""
    text = text.casefold()
    if text.isascii():
        return " ".join(text.translate(_ASCII_NON_WORD).split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


def _squeezed(found: re.Match[str]) -> str:
    return found.group(1) or found.group(0)


# "2do", "2o" (2º), "2nd", "3rd", "4th": a number written as an ordinal, with its language.
_WRITTEN_ORDINAL = re.compile(r"^(\d{1,2})(?:(do|o|ro|to|er|ero|vo|no|mo)|(st|nd|rd|th))$")
_PLAN_WORDS = _LEXICON.word_classes.plan_words.all()
_ORDINALS = frozenset(_LEXICON.ordinal_words)


def words(text: str) -> list[str]:
    """Split folded text into words, squeezing stretched letters ("holaaa" -> "hola")."""
    return list(_words(text))


def clear_caches() -> None:
    """Forget every memoised text and stem (benchmarks use it to measure cold builds)."""
    _words.cache_clear()
    letter_grams.cache_clear()
    _loose_word.cache_clear()
    _spelled_words.cache_clear()
    for remembered in _REMEMBERED_STEMS.values():
        remembered.clear()


def fold_words(text: str) -> tuple[str, ...]:
    """The folded words of ``text``, stretched letters squeezed, without remembering them (for
    a text read once, such as an answer when the vocabulary is gathered)."""
    # This is fold() inlined, with one scan for the rare cases (stretched letters, laughter).
    folded = text.casefold()
    if folded.isascii():
        folded = folded.translate(_ASCII_NON_WORD)
    else:
        folded = unicodedata.normalize("NFKD", folded)
        folded = _NON_WORD.sub(" ", "".join(ch for ch in folded if not unicodedata.combining(ch)))
    if _TRIPLED.search(folded) or (
        _LAUGH_SYLLABLES.search(folded) is not None and _LAUGH_START.search(folded)
    ):
        folded = _STRETCHED.sub(_squeezed, folded)
        out = folded.split()
        for position, word in enumerate(out):
            if len(word) >= 4 and _LAUGH.match(word):
                out[position] = "jaja"
        return tuple(out)
    return tuple(folded.split())


# Index building folds every phrasing several times (vocabulary, then phrasings): remember them.
_words = lru_cache(maxsize=400_000)(fold_words)


@lru_cache(maxsize=200_000)
def letter_grams(word: str) -> tuple[str, ...]:
    """The word's character 3-, 4- and 5-grams, its edges marked: "voto" -> " vo", "vot"…"""
    padded = f" {word} "
    return tuple(padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


_PHONETIC_RULES = (
    (re.compile(r"h"), ""),  # silent
    (re.compile(r"v"), "b"),
    # Before b, p and f an n sounds m, and is written either way: "conpromiso", "imformasion".
    (re.compile(r"n(?=[bpf])"), "m"),
    (re.compile(r"z"), "s"),
    (re.compile(r"c(?=[ei])"), "s"),
    (re.compile(r"qu(?=[ei])"), "k"),
    (re.compile(r"c"), "k"),
    (re.compile(r"g(?=[ei])"), "j"),
    (re.compile(r"ll"), "y"),
    # A y that is no consonant sounds i: after a consonant or before one ("ciudadanya",
    # "mui", "hai"), as "ley" and "lei" sound alike.
    (re.compile(r"(?<=[^aeiou])y|y(?![aeiou])"), "i"),
    (re.compile(r"x"), "ks"),
    # Most speakers say "acceso", "acción" and "examen" with a plain s: "aseso", "asion".
    (re.compile(r"ks"), "s"),
    (re.compile(r"w"), "u"),
    (re.compile(r"(.)\1+"), r"\1"),
)


def phonetic_key(word: str) -> str:
    """How a folded Spanish word sounds: "vacia" and "basia" share the key "basia"."""
    for pattern, replacement in _PHONETIC_RULES:
        word = pattern.sub(replacement, word)
    return word


# Words a citizen leaves out or keeps inside a named phrase without naming something else:
# "rendición cuentas", "consejo participación ciudadana", "ley de la transparencia".
_LINK_WORDS = _LEXICON.word_classes.link_words.all()


def loose_phrase(words: Sequence[str]) -> tuple[str, ...]:
    """A phrase without its linking words, each word in the singular, so that a final s dropped
    as on the coast changes nothing: "rendicion de cuenta" and "rendicion cuentas" both become
    ("rendicion", "cuenta")."""
    return tuple(_loose_word(word) for word in words if word not in _LINK_WORDS)


# A plural in -es after these letters: "acciones", "locales", "populares", "leyes".
_PLURAL_ES = re.compile(r"(?<=[aeiou][nrlzdjy])es$")


@lru_cache(maxsize=50_000)
def _loose_word(word: str) -> str:
    # Only the plural's ending goes, not a stem's: Snowball's stems would merge "presidente" with
    # "presidencia" and "participación" with "participar", which name different things.
    if len(word) <= 3 or not word.endswith("s"):
        return word
    return _PLURAL_ES.sub("", word) if _PLURAL_ES.search(word) else word[:-1]


def expand_sms(tokens: Sequence[str]) -> Sequence[str]:
    """Replace chat spellings (q, xq, tb, x…) with the words they stand for."""
    if _SPELLING_STARTS.isdisjoint(tokens):
        return tokens
    out: list[str] = []
    at = 0
    starts = _SPELLING_STARTS
    while at < len(tokens):
        token = tokens[at]
        if token not in starts:  # most words: no spelling, kept as typed, no scan below
            out.append(token)
            at += 1
            continue
        phrase = next(
            (
                (spelled, meant)
                for spelled, meant in _PHRASE_SPELLINGS.get(token, ())
                if tuple(tokens[at : at + len(spelled)]) == spelled
            ),
            None,
        )
        if phrase is not None:
            out.extend(phrase[1])
            at += len(phrase[0])
            continue
        out.extend(SMS_SPELLINGS.get(token, (token,)))
        at += 1
    return out


# One search reads the same few texts again and again (the message, its clauses, each read for
# its tokens, its language, its letters): about ten readings of four or five texts. The memory
# is kept SMALL on purpose: it serves the readings within one search and the next few, never a
# whole set of questions asked again (a benchmark's rounds, a golden set re-run), which must
# cost what a new question costs. lru_cache is thread-safe, and it holds tuples, which no
# caller can change: an index rebuilt in a worker thread meanwhile shares it safely.
SPELLED_TEXTS_REMEMBERED = 128


@lru_cache(maxsize=SPELLED_TEXTS_REMEMBERED)
def _spelled_words(text: str) -> tuple[str, ...]:
    """The folded, squeezed words of ``text`` with chat spellings expanded."""
    return tuple(expand_sms(_words(text)))


# A citizen's message is read for its tokens several times in one search: the whole message,
# then each clause alone, in windows and in the checks, often the same text again. Those
# readings (typos fixed) are remembered, and as few as the spelled texts above, for the same
# reason: a question asked again later costs what a new one costs.
MESSAGES_REMEMBERED = SPELLED_TEXTS_REMEMBERED
# Words read alike wherever they stand, remembered per normaliser and language (as many as the
# stems each normaliser remembers).
MAX_READ_ALIKE = 200_000


_per_thread = threading.local()
MAX_REMEMBERED_STEMS = 500_000
_REMEMBERED_STEMS: dict[Language, dict[str, str]] = {"es": {}, "en": {}}


def _thread_stemmer(language: Language) -> snowballstemmer.stemmer:
    """One Snowball stemmer per thread and language (PyStemmer's, in C, which snowballstemmer
    returns when it is installed, as the project's dependencies ask).

    A Snowball stemmer keeps the word it is working on in the instance, so an index built in a
    worker thread (a live knowledge-base edit) and the questions answered meanwhile must not
    share one.
    """
    stemmers: dict[str, snowballstemmer.stemmer] = _per_thread.__dict__.setdefault("stemmers", {})
    stemmer = stemmers.get(language)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer("spanish" if language == "es" else "english")
        stemmers[language] = stemmer
    return stemmer


# The ending of a conditional of a Spanish -er or -ir verb, accents folded: "debería",
# "uniría", "cumpliríamos".
_CONDITIONAL = re.compile(r"[ei]r(?:ia|ias|iamos|iais|ian)$")


def stem_word(word: str, language: Language) -> str:
    """Snowball's stem of ``word``, remembered: a word's stem never changes, and stemming is
    most of an index build, so a rebuild after one edit only stems the words it has not seen.
    (dict reads and writes are atomic, so threads share the memory safely.)"""
    remembered = _REMEMBERED_STEMS["en" if language == "en" else "es"]
    found = remembered.get(word)
    if found is None:
        conditional = _CONDITIONAL.search(word) if language != "en" else None
        if conditional is not None:
            # Snowball keeps the "i" of a conditional ("uniría" -> "uniri") that the infinitive
            # and the future lose ("unir", "unirán" -> "unir"): it is stemmed as its infinitive.
            # Not "-aría", the ending of many nouns and adjectives ("secretaría", "diaria").
            found = _thread_stemmer(language).stemWord(word[: conditional.start() + 2])
        else:
            found = _thread_stemmer(language).stemWord(word)
        if len(remembered) < MAX_REMEMBERED_STEMS:
            remembered[word] = found
    return found


def language_evidence(
    tokens: Iterable[str],
    spanish_words: frozenset[str] = frozenset(),
    english_words: frozenset[str] = frozenset(),
) -> tuple[int, int]:
    """Count the words that give a message away as Spanish and as English (a word both
    languages' markers list, such as "plan", counts for both)."""
    spanish = english = 0
    for token in tokens:
        spanish += token in SPANISH_MARKERS or token in spanish_words
        english += token in ENGLISH_MARKERS or token in english_words
    return spanish, english


def detect_language(
    tokens: Iterable[str],
    default: Language | None = None,
    spanish_words: frozenset[str] = frozenset(),
    english_words: frozenset[str] = frozenset(),
) -> Language | None:
    """Guess "es" or "en" from marker words (and words only one language uses, when given);
    return ``default`` when the evidence is even."""
    spanish, english = language_evidence(tokens, spanish_words, english_words)
    if spanish > english:
        return "es"
    if english > spanish:
        return "en"
    return default


@dataclass
class Normalizer:
    """Normalise text into search tokens with one knowledge base's synonyms and vocabulary.

    ``synonyms`` maps a phrase (tuple of folded words) to its canonical token. ``correct`` is
    called on words the knowledge base does not know, to fix typos; the index sets it once it has
    seen every word.
    """

    synonyms: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    correct: Callable[[str], str | None] | None = None
    # Rejoins a word split in two by a stray space ("infor macion"); the index sets it too.
    join: Callable[[Sequence[str]], Sequence[str]] | None = None
    spanish_words: frozenset[str] = frozenset()
    english_words: frozenset[str] = frozenset()
    # Words only the other language's texts use, per language: a Spanish message's typo is not
    # an English word ("capacitar" is not "capacity", "revise" not "review").
    foreign_words: Mapping[Language, frozenset[str]] = field(default_factory=dict)
    # Each action plan's number and its ordinal in Spanish and English (plans.yaml): "2do plan"
    # and "2nd plan" name the plan numbered 2 as "segundo plan" / "second plan" do.
    plan_ordinals: Mapping[int, tuple[str, str]] = field(default_factory=dict)
    _longest_synonym: int = 1

    def __post_init__(self) -> None:
        self._longest_synonym = max((len(k) for k in self.synonyms), default=1)
        # A law's English name read law first ("personal data law" as "law personal data"),
        # as ``laws_by_purpose`` reads "law that protects personal data".
        law_first = {
            ("law", *phrase[:-1]): canonical
            for phrase, canonical in self.synonyms.items()
            if len(phrase) > 1 and phrase[-1] == "law"
        }
        self.synonyms = {**law_first, **self.synonyms}
        # Named phrases as they are written loosely (see ``loose_phrase``); one that two
        # phrases with different meanings share names neither.
        loose: dict[tuple[str, ...], str | None] = {}
        for phrase, canonical in self.synonyms.items():
            key = loose_phrase(phrase)
            if len(phrase) < 2 or len(key) < 2:
                continue
            if loose.setdefault(key, canonical) != canonical:
                loose[key] = None
        self._loose_synonyms = {key: c for key, c in loose.items() if c is not None}
        self._loose_beginnings = frozenset(k[:2] for k in self._loose_synonyms)
        self._loose_firsts = frozenset(k[0] for k in self._loose_synonyms)
        # The lengths of the exact phrases each word begins, longest first: at a word, only
        # windows of those lengths can name one exactly.
        sizes: dict[str, set[int]] = {}
        for phrase in self.synonyms:
            sizes.setdefault(phrase[0], set()).add(len(phrase))
        self._synonym_sizes = {
            first: tuple(sorted(lengths, reverse=True)) for first, lengths in sizes.items()
        }
        # Every word that may begin a phrase: exactly, or loosely as itself or in a plural
        # (``_loose_word`` only takes a plural's ending off). One C-fast set test a message.
        loose_starts = {k[0] for k in self._loose_synonyms}
        self._synonym_starts = frozenset(k[0] for k in self.synonyms).union(
            loose_starts,
            (f"{word}s" for word in loose_starts),
            (f"{word}es" for word in loose_starts),
        )
        # A group's canonical term is its Spanish name: it is stemmed as Spanish in either
        # language, so "national action plan" meets "plan de acción" and "veeduría".
        self._canonical = frozenset(self.synonyms.values())
        self._stems: dict[Language, dict[str, str]] = {"es": {}, "en": {}}
        # Per language, what each word that reads the same wherever it stands becomes.
        self._read_alike: dict[Language, dict[str, str]] = {}
        # Held weakly: a bound method in the memory would make the normaliser a reference
        # cycle, which only the rarely-run cyclic collector frees (see ``search._weakly``).
        owner = weakref.ref(self)

        def read_message(
            text: str, language: Language | None, hint: Language | None
        ) -> tuple[tuple[str, ...], Language]:
            normalizer = owner()
            assert normalizer is not None
            tokens, lang = normalizer._read_tokens(text, language, hint, fix_typos=True)
            return tuple(tokens), lang

        self._messages_read = lru_cache(maxsize=MESSAGES_REMEMBERED)(read_message)

    def __setattr__(self, name: str, value: object) -> None:
        # What a text reads as depends on every attribute (the index sets its vocabulary and
        # typo callbacks after construction): a change forgets the readings remembered.
        super().__setattr__(name, value)
        remembered = self.__dict__.get("_messages_read")
        if remembered is not None and name not in ("_messages_read", "_read_alike"):
            remembered.cache_clear()
            self._read_alike.clear()

    def raw_words(self, text: str) -> list[str]:
        """Fold, squeeze and expand chat spellings; no stop words removed, no stemming."""
        raw = list(_spelled_words(text))
        if self.plan_ordinals and not _PLAN_WORDS.isdisjoint(raw):
            return self._plans_named(raw)
        return raw

    def _plans_named(self, raw: list[str]) -> list[str]:
        """The words with a plan's number written as an ordinal before "plan" ("2do", "2nd")
        spelled as the plan's ordinal."""
        out = list(raw)
        for at, word in enumerate(raw):
            if word not in _PLAN_WORDS:
                continue
            if at > 0:
                written = _WRITTEN_ORDINAL.match(raw[at - 1])
                if written is not None and int(written.group(1)) in self.plan_ordinals:
                    spanish, english = self.plan_ordinals[int(written.group(1))]
                    out[at - 1] = english if written.group(3) else spanish
        return out

    def apply_synonyms(self, tokens: Sequence[str]) -> Sequence[str]:
        """Rewrite every known synonym phrase, longest first, to its canonical token."""
        if not self.synonyms:
            return tokens
        out: list[str] = []
        i = 0
        starts = self._synonym_starts
        while i < len(tokens):
            if tokens[i] not in starts:
                out.append(tokens[i])
                i += 1
                continue
            size = self._synonym_at(tokens, i)
            # "un tercero plan" counts plans: an ordinal before a plan word names no synonym
            # ("un tercero" is someone else only when no plan follows).
            if (
                size
                and tokens[i + size - 1] in _ORDINALS
                and i + size < len(tokens)
                and tokens[i + size] in _PLAN_WORDS
            ):
                size = 0
            if size:
                out.append(self._canonical_at(tokens, i, size))
                i += size
            else:
                out.append(tokens[i])
                i += 1
        return out

    def _synonym_at(self, tokens: Sequence[str], start: int) -> int:
        """How many words from ``start`` name a synonym phrase, exactly or loosely (0: none)."""
        loose, exact = self._loose_synonyms, self.synonyms
        longest = min(self._longest_synonym, len(tokens) - start)
        head = tokens[start]
        sizes = self._synonym_sizes.get(head, ())
        # Loosely read, the words from ``start``; looked at only when their first two begin a
        # loose phrase (most words that begin one, "plan", "ley", begin it rarely), which the
        # first word alone rules out for most words.
        named: list[str | None] = []
        if head in _LINK_WORDS or _loose_word(head) in self._loose_firsts:
            named = [
                None if t in _LINK_WORDS else _loose_word(t)
                for t in tokens[start : start + longest]
            ]
            if tuple(w for w in named if w is not None)[:2] not in self._loose_beginnings:
                named = []
        if not named:
            for size in sizes:
                if size <= longest and tuple(tokens[start : start + size]) in exact:
                    return size
            return 0
        for size in range(longest, 0, -1):
            if size in sizes and tuple(tokens[start : start + size]) in exact:
                return size
            # A loose phrase ends on a named word, never on a linking one. It is only read
            # where its first words do not already name the same thing exactly ("alianza del
            # gobierno abierto" keeps "alianza" and "gobierno abierto", as before).
            if size > 1 and named[size - 1] is not None:
                canonical = loose.get(tuple(w for w in named[:size] if w is not None))
                if canonical is not None and all(
                    exact.get(tuple(tokens[start : start + shorter])) != canonical
                    for shorter in range(1, size)
                ):
                    return size
        return 0

    def _canonical_at(self, tokens: Sequence[str], start: int, size: int) -> str:
        window = tuple(tokens[start : start + size])
        exact = self.synonyms.get(window)
        return exact if exact is not None else self._loose_synonyms[loose_phrase(window)]

    def stem(self, token: str, language: Language) -> str:
        """Stem one token (canonical synonym tokens and numbers are kept as they are)."""
        cache = self._stems["en" if language == "en" else "es"]
        cached = cache.get(token)
        if cached is None:
            if token in STEM_EXCEPTIONS:
                cached = STEM_EXCEPTIONS[token]
            elif "_" in token or token.isdigit():
                cached = token
            elif token in self._canonical:
                cached = stem_word(token, "es")
            else:
                cached = stem_word(token, language)
            if len(cache) < 200_000:
                cache[token] = cached
        return cached

    @staticmethod
    def _corrected(
        raw: Sequence[str], correct: Callable[[str], str | None], foreign: frozenset[str]
    ) -> list[str]:
        """Each word, or what ``correct`` makes of it: one word, or several ("gobiernoabierto"
        is "gobierno abierto"); none into a word only the other language uses."""
        out: list[str] = []
        for word in raw:
            fixed = correct(word)
            if fixed is None:
                out.append(word)
                continue
            parts = fixed.split()
            if any(part in foreign for part in parts):
                out.append(word)
            else:
                out.extend(parts)
        return out

    def read_words(
        self,
        text: str,
        language: Language | None = None,
        *,
        hint: Language | None = None,
        fix_typos: bool = True,
        correct: Callable[[str], str | None] | None = None,
    ) -> tuple[Sequence[str], Language]:
        """The words of ``text`` as read before matching, and their language: chat spellings
        expanded (the Spanish-only ones in Spanish) and, with ``fix_typos``, a word split by a
        stray space made whole and each unknown word corrected (by ``correct`` when given);
        nothing dropped or stemmed."""
        raw: Sequence[str] = self.raw_words(text)
        lang = (
            language
            or detect_language(raw, None, self.spanish_words, self.english_words)
            or hint
            or "es"
        )
        if lang == "es" and not _SPANISH_KEYS.isdisjoint(raw):
            raw = [meant for word in raw for meant in SPANISH_SPELLINGS.get(word, (word,))]
        if fix_typos and self.join is not None:
            raw = self.join(raw)
        correct = correct or self.correct
        if fix_typos and correct is not None:
            raw = self._corrected(raw, correct, self.foreign_words.get(lang, frozenset()))
        return raw, lang

    def tokens(
        self,
        text: str,
        language: Language | None = None,
        *,
        hint: Language | None = None,
        fix_typos: bool = False,
    ) -> tuple[list[str], Language]:
        """Return the search tokens of ``text`` and the language they were read in.

        ``language`` forces the language; otherwise it is detected, and ``hint`` (the citizen's
        preference) decides when the words give no evidence either way.
        """
        if not fix_typos:  # the curated texts, each read once when the index is built
            return self._read_tokens(text, language, hint, fix_typos=False)
        tokens, lang = self._messages_read(text, language, hint)
        return list(tokens), lang

    def _read_tokens(
        self, text: str, language: Language | None, hint: Language | None, *, fix_typos: bool
    ) -> tuple[list[str], Language]:
        raw, lang = self.read_words(text, language, hint=hint, fix_typos=fix_typos)
        # The question tokens below are read from ``raw``, where "que tengo que hacer" still asks
        # how; the topic words from ``said``, where the obligation is the verb the texts use.
        # Only a citizen's message (read with typos fixed) is rewritten: the curated texts say
        # "deber" where they mean it, and rewriting their few "tengo que" too moved which
        # entries lead on questions with no obligation in them (kb eval --tune-only).
        said = raw
        if fix_typos and not _RUMOUR_STARTS.isdisjoint(raw) and _ASSISTANT_NAMED.isdisjoint(raw):
            said = without_rumour_frames(raw)
        if (fix_typos or lang == "en") and not _OBLIGATION_STARTS[lang].isdisjoint(raw):
            said = obligations_as_said(said, lang)
        if fix_typos and not _LAW_WORDS.isdisjoint(said):
            said = laws_by_purpose(said)
        # The synonym and definition scans only run when a word that can start one is present.
        canon = said if self._synonym_starts.isdisjoint(said) else self.apply_synonyms(said)
        # Most words read the same wherever they stand: what they become ("" for a stop word,
        # which is dropped) is looked up once, and a text of such words only is read at once.
        read_alike = self._read_alike.get(lang)
        if read_alike is None:
            read_alike = self._read_alike[lang] = {}
        readings = list(map(read_alike.get, canon))
        if None not in readings:
            out = [reading for reading in readings if reading]
        else:
            out = self._read_one_by_one(canon, readings, lang, read_alike, fix_typos=fix_typos)
        if not _QUESTION_STARTS.isdisjoint(raw):
            out.extend(question_tokens(raw, asked=fix_typos))
        return out, lang

    def _read_one_by_one(
        self,
        canon: Sequence[str],
        readings: list[str | None],
        lang: Language,
        read_alike: dict[str, str],
        *,
        fix_typos: bool,
    ) -> list[str]:
        """The tokens of words not all read before: each new one read in its place (and
        remembered when it reads alike wherever it stands)."""
        stop = SPANISH_STOP_WORDS if lang == "es" else ENGLISH_STOP_WORDS
        # A word only the other language's phrasings use is stemmed as that language stems it,
        # so that "what is a veeduría ciudadana" meets the Spanish phrasings' stems.
        other: Language = "es" if lang == "en" else "en"
        borrowed = self.spanish_words if lang == "en" else self.english_words
        out: list[str] = []
        for at, token in enumerate(canon):
            reading = readings[at]
            if reading is not None:
                if reading:
                    out.append(reading)
                continue
            alike = token not in _READ_IN_CONTEXT and not token.isdigit()
            if token in stop:
                reading = ""
            elif (  # a count before a plural, a verb of knowing that frames the question
                (token in _COUNT_WORDS or token.isdigit()) and _counts_the_next(canon, at, stop)
            ) or (token in _KNOWING_FRAMES and frames_the_question(canon, at)):
                continue
            elif token in borrowed:
                reading = self.stem(token, other)
                out.append(reading)
            else:
                reading = self.stem(token, lang)
                out.append(reading)
                # Only a citizen's Spanish message: the curated texts say the kind where they
                # mean it.
                if fix_typos and lang == "es" and token in KINDS:
                    out.extend(self.stem(kind, lang) for kind in KINDS[token].split())
            # ("" stands for a dropped word: an empty stem, were there one, is not remembered.)
            if alike and (reading or token in stop) and len(read_alike) < MAX_READ_ALIKE:
                read_alike[token] = reading
        return out


_LAW_WORDS = _LEXICON.word_classes.law_words.all()
_LAW_PURPOSE_VERBS = _LEXICON.law_purpose_verbs.all()
_LAW_RELATIVES = _LEXICON.word_classes.law_relatives.all()
_LAW_QUESTIONS = _LEXICON.word_classes.law_question_words.all()
_LAW_OBJECT_OPENERS = _LEXICON.word_classes.law_object_openers.all()


def laws_by_purpose(said: Sequence[str]) -> list[str]:
    """The words with a law named by what it does read as its title: "la ley que protege los
    datos personales" as "ley de datos personales", "which law protects my personal data" as
    "law personal data" (a law's English name, "personal data law", is also read law first)."""
    out: list[str] = []
    at = 0
    while at < len(said):
        word = said[at]
        out.append(word)
        at += 1
        if word not in _LAW_WORDS:
            continue
        after = at + 1 if at < len(said) and said[at] in _LAW_RELATIVES else at
        spanish = word.startswith("ley")
        # "la ley protege a…" says what a law does; "qué ley protege…" asks which law it is.
        if spanish and after == at and (at < 2 or said[at - 2] not in _LAW_QUESTIONS):
            continue
        if after < len(said) and said[after] in _LAW_PURPOSE_VERBS:
            after += 1
            if after < len(said) and said[after] in _LAW_OBJECT_OPENERS:
                after += 1
            if spanish:
                out.append("de")
            at = after
    return out


def obligations_as_said(raw: Sequence[str], language: Language = "es") -> list[str]:
    """The words with each way to say one must read as the verb "deber" ("las juntas tienen que
    dar información" as "las juntas deben dar información"), not before "ver" ("no tiene nada
    que ver" is no duty, nor "¿qué tiene que ver?"); in English, as "must" ("does the company
    have to give information" as the texts' "must give")."""
    starts, phrases = _OBLIGATION_STARTS[language], OBLIGATIONS[language]
    out: list[str] = []
    at = 0
    while at < len(raw):
        if raw[at] in starts:
            pair = tuple(raw[at : at + 2])
            meant = phrases.get(pair)
            following = raw[at + 2] if at + 2 < len(raw) else ""
            if meant is not None and following not in _NOT_OBLIGATION_BEFORE:
                out.extend(meant)
                at += 2
                continue
        out.append(raw[at])
        at += 1
    return out


# A count before a plural ("los 3 pilares", "three pillars", "los 15 compromisos") says how
# many, not which one: "pilar 3" is the third pillar, "los 3 pilares" all of them.
_COUNT_WORDS = _LEXICON.word_classes.count_words.all()


_RUMOUR_FRAMES = _LEXICON.rumour_frame_phrases()
_RUMOUR_BY_START: dict[str, tuple[tuple[str, ...], ...]] = {}
for _frame in _RUMOUR_FRAMES:
    _RUMOUR_BY_START[_frame[0]] = (*_RUMOUR_BY_START.get(_frame[0], ()), _frame)
_RUMOUR_STARTS = frozenset(_RUMOUR_BY_START)
# "¿es cierto que tus respuestas son oficiales?": spoken to the assistant, whether it is true is
# what is asked (the entry on the assistant's sources answers it), so the frame stays.
_ASSISTANT_NAMED = _LEXICON.assistant_addressed.all() | _LEXICON.addressee_words.all()


def without_rumour_frames(words: Sequence[str]) -> list[str]:
    """The words without the frames of a rumour checked ("es cierto que", "dicen que", "is it
    true that"): "¿es cierto que la LOTAIP solo obliga a los ministerios?" asks about what the
    LOTAIP obliges, and "cierto" names nothing an entry answers."""
    out: list[str] = []
    at = 0
    while at < len(words):
        frames = _RUMOUR_BY_START.get(words[at], ())
        size = next((len(p) for p in frames if tuple(words[at : at + len(p)]) == p), 0)
        if size:
            at += size
            continue
        out.append(words[at])
        at += 1
    return out


_ADDRESSEE_FRAME_BEFORE = _LEXICON.addressee_frame_before.all()
_KNOWING_FRAMES = _LEXICON.knowing_frames.all()
# Words whose reading depends on the words around them or on whose message it is: counts (and
# numbers) before a plural, verbs of knowing before a question word, posts read with their kind.
_READ_IN_CONTEXT = _COUNT_WORDS | _KNOWING_FRAMES | frozenset(KINDS)


def frames_the_question(words: Sequence[str], at: int) -> bool:
    """Whether the word at ``at`` only frames the question after it ("¿sabes qué es…?")."""
    return (
        at + 1 < len(words)
        and words[at + 1] in _ADDRESSEE_FRAME_BEFORE
        and (at == 0 or words[at - 1] != "no")
    )


def _counts_the_next(tokens: Sequence[str], at: int, stop: frozenset[str]) -> bool:
    token = tokens[at]
    if not (token in _COUNT_WORDS or (token.isdigit() and len(token) <= 2)):
        return False
    following = tokens[at + 1] if at + 1 < len(tokens) else ""
    return (
        len(following) >= 4
        and following.endswith("s")
        and following not in stop
        and not following.isdigit()
    )


# "what does the IRM mean": a question phrase split around its subject.
_SPLIT_PHRASES = _LEXICON.split_question_phrases()
_QUESTION_STARTS = frozenset(phrase[0] for phrase in QUESTION_PHRASES) | {
    opening[0] for opening, _, _ in _SPLIT_PHRASES
}
# The split phrases by their opening's first word, in their order: only those can open there.
_SPLIT_BY_START: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
for _split in _SPLIT_PHRASES:
    _SPLIT_BY_START.setdefault(_split[0][0], []).append(_split)
_QUESTION_FILLERS = _LEXICON.question_fillers.all()
# The lengths of the question phrases each word opens, longest first: at a word, only phrases of
# those lengths can be looked up ("what" opens phrases of one to seven words, "sin" of two).
_question_lengths: dict[str, set[int]] = {}
for _phrase in QUESTION_PHRASES:
    _question_lengths.setdefault(_phrase[0], set()).add(len(_phrase))
_QUESTION_SIZES = {
    start: tuple(sorted(lengths, reverse=True)) for start, lengths in _question_lengths.items()
}
_TIME_CLAUSE_VERBS = _LEXICON.time_clause_verbs.all()
# "me dijeron que es reservada", "escuché que son dos planes": after a verb of hearing or saying,
# "que es" reports what was said; it does not ask what something is ("¿qué es…?", its accent
# lost in chat and in folding).
_REPORTING_VERBS = _LEXICON.light_verbs.get("es")


def question_tail(raw: Sequence[str]) -> str | None:
    """The words from the first question phrase on, when something comes before it."""
    for start, word in enumerate(raw):
        if start and word in _QUESTION_STARTS:
            for size in range(min(_LONGEST_QUESTION_PHRASE, len(raw) - start), 0, -1):
                if tuple(raw[start : start + size]) in QUESTION_PHRASES:
                    return " ".join(raw[start:])
    return None


def opens_with_question(raw: Sequence[str]) -> bool:
    """Whether the words open with a question phrase ("qué es…", "how many…")."""
    if not raw or raw[0] not in _QUESTION_STARTS:
        return False
    longest = min(_LONGEST_QUESTION_PHRASE, len(raw))
    return any(tuple(raw[:size]) in QUESTION_PHRASES for size in range(1, longest + 1))


# The short question phrases alone (not the long messages' "de qué se trata", "en qué consiste",
# which are read as a question of their own: see ``asks_only``).
_SHORT_QUESTION_PHRASES = frozenset(
    tuple(phrase.split()) for phrases in _LEXICON.question_words.values() for phrase in phrases
)


def asks_only(raw: Sequence[str], language: Language) -> bool:
    """Whether the words are question words and nothing that names a subject: "how often",
    "what about", "¿y cuándo?". Such a clause asks about the clause it follows; scored alone,
    its question words ("how", "often") are all it has, and the entries that say them win.

    A long message's "¿de qué se trata?" is not one: it asks what the story named is, and read
    alone it still leads to the definitions (kb eval --tune-only: one right answer lost)."""
    stop = SPANISH_STOP_WORDS if language == "es" else ENGLISH_STOP_WORDS
    asked, at = False, 0
    while at < len(raw):
        size = next(
            (
                size
                for size in range(min(_LONGEST_QUESTION_PHRASE, len(raw) - at), 0, -1)
                if tuple(raw[at : at + size]) in _SHORT_QUESTION_PHRASES
            ),
            0,
        )
        if size:
            asked, at = True, at + size
        elif raw[at] in stop:
            at += 1
        else:
            return False
    return asked or not _QUESTION_STARTS.isdisjoint(raw)


def question_tokens(raw: Sequence[str], asked: bool = True) -> list[str]:
    """Return the question-word tokens ("_que_es", "_cuanto"…) a message's words contain.

    In a citizen's message (``asked``), a change question ("what is new in…") reads none from its
    question word. The curated texts keep theirs: two phrasings of the 2023 law say "what is
    new", and reading them without "_que_es" shifted the confidence of unrelated questions."""
    found: list[str] = []
    for start, word in enumerate(raw):
        if word not in _QUESTION_STARTS:
            continue
        if _opens_time_clause(raw, start) or _opens_relative_clause(raw, start):
            continue
        if (
            asked
            and word in _CHANGE_STARTS
            and any(
                tuple(raw[start : start + size]) in _CHANGE_QUESTIONS
                for size in range(2, _LONGEST_CHANGE_QUESTION + 1)
            )
        ):
            continue
        sizes = _QUESTION_SIZES.get(word, ())
        if sizes:
            # "¿qué mismo es…?", "what exactly is…": a filler inside the phrase still asks it.
            following = raw[start + 1 : start + 2 * _LONGEST_QUESTION_PHRASE]
            kept = (w for w in following if w not in _QUESTION_FILLERS)
            phrase = [word, *itertools.islice(kept, sizes[0] - 1)]
            reported = start > 0 and raw[start - 1] in _REPORTING_VERBS
            for size in sizes:
                if size > len(phrase):
                    continue
                token = QUESTION_PHRASES.get(tuple(phrase[:size]))
                if token is not None and not _counts_nothing(phrase[:size], raw[start + size :]):
                    if not (token == DEFINITION_TOKEN and reported) and token not in found:
                        found.append(token)
                    break
        for opening, closing, token in _SPLIT_BY_START.get(word, ()):
            if token not in found and _frames(raw, start, opening, closing):
                found.append(token)
    return found


def _opens_time_clause(raw: Sequence[str], start: int) -> bool:
    """Whether the "cuando" at ``start`` opens a time clause ("avíseme cuando haya novedades",
    "cuando se publique"): a subjunctive follows it, which no question asks with."""
    if raw[start] != "cuando":
        return False
    following = raw[start + 1 : start + 3]
    if following[:1] == ["se"]:
        following = following[1:]
    return bool(following) and following[0] in _TIME_CLAUSE_VERBS


_RELATIVE_CLAUSE_VERBS = _LEXICON.relative_clause_verbs.all()
_RELATIVE_CLAUSE_PRONOUNS = _LEXICON.relative_clause_pronouns.all()
_RELATIVE_CLAUSE_DONE_TO = _LEXICON.relative_clause_done_to.all()
_ASKING_VERBS = _LEXICON.asking_verbs.all()
_RELATIVES = frozenset({"donde", "quien"})


def _opens_relative_clause(raw: Sequence[str], start: int) -> bool:
    """Whether the "donde" or "quien" at ``start`` opens a relative clause after a noun ("el
    hospital donde trabajo", "la persona quien me atendió"): a word that is no stop word
    (no preposition, no "y") and no verb of asking ("dime dónde") comes before it, and a verb
    telling what the citizen did or does there after it, or, after "me" or "nos", what was done
    to them ("donde me atendieron")."""
    if raw[start] not in _RELATIVES or start == 0:
        return False
    before = raw[start - 1]
    if before in SPANISH_STOP_WORDS or before in _ASKING_VERBS or before in _QUESTION_STARTS:
        return False
    following = raw[start + 1 : start + 3]
    if following[:1] and following[0] in _RELATIVE_CLAUSE_PRONOUNS:
        return len(following) > 1 and (
            following[1] in _RELATIVE_CLAUSE_VERBS or following[1] in _RELATIVE_CLAUSE_DONE_TO
        )
    return bool(following) and following[0] in _RELATIVE_CLAUSE_VERBS


# "número de" / "number of" count only before a plural: "el número de compromisos", not "el
# número de teléfono" or "the number of the office".
_COUNT_OPENINGS = frozenset(
    tuple(phrase.split()) for phrases in _LEXICON.count_openings.values() for phrase in phrases
)


def _counts_nothing(phrase: Sequence[str], after: Sequence[str]) -> bool:
    """Whether a counting phrase counts nothing: "número de" before a singular noun."""
    if tuple(phrase) not in _COUNT_OPENINGS:
        return False
    noun = next((w for w in after if w not in _ARTICLES), "")
    return not noun.endswith("s")


_ARTICLES = _LEXICON.word_classes.plural_determiners.all()


def _frames(
    raw: Sequence[str], start: int, opening: tuple[str, ...], closing: tuple[str, ...]
) -> bool:
    """Whether the words from ``start`` open with ``opening`` and close with ``closing`` after a
    subject of one to ``MAX_FRAME_GAP`` words ("what does | the IRM | mean")."""
    after = start + len(opening)
    if tuple(raw[start:after]) != opening:
        return False
    last = min(after + MAX_FRAME_GAP, len(raw) - len(closing))
    return any(
        tuple(raw[end : end + len(closing)]) == closing for end in range(after + 1, last + 1)
    )

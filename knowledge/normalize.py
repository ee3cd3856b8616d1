"""Turn what citizens type into comparable tokens.

The pipeline is deliberately explicit, one step a function, because each step answers a real way
citizens write: "HOLAAA", "q es la aga??", "tranparencia", "informasion pública 🙏".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

Language = str  # "es" | "en"

_NON_WORD = re.compile(r"[^0-9a-z]+")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_LAUGH = re.compile(r"^(?:ja|je|ji|ha|he|js|jk)+j?$")

# SMS and chat spellings -> the word they stand for. Only unambiguous ones: "x" is "por" in
# Ecuadorian chat ("x favor", "x q"), "k"/"q" are "que".
SMS_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "q": ("que",),
    "k": ("que",),
    "ke": ("que",),
    "qe": ("que",),
    "xq": ("porque",),
    "pq": ("porque",),
    "xk": ("porque",),
    "porq": ("porque",),
    "tb": ("tambien",),
    "tmb": ("tambien",),
    "tbn": ("tambien",),
    "x": ("por",),
    "xa": ("para",),
    "pa": ("para",),
    "pal": ("para", "el"),
    "xfa": ("por", "favor"),
    "xfavor": ("por", "favor"),
    "porfa": ("por", "favor"),
    "porfis": ("por", "favor"),
    "dnd": ("donde",),
    "d": ("de",),
    "cmo": ("como",),
    "cm": ("como",),
    "info": ("informacion",),
    "inf": ("informacion",),
    "msj": ("mensaje",),
    "bn": ("bien",),
    "tons": ("entonces",),
    "toy": ("estoy",),
    "sta": ("esta",),
    "salu2": ("saludos",),
    "u": ("you",),
    "r": ("are",),
    "pls": ("please",),
    "plz": ("please",),
    "govt": ("government",),
    "gov": ("government",),
    "thx": ("thanks",),
}

SPANISH_STOP_WORDS = frozenset(
    """
    a al algo algun alguna algunas alguno algunos ante antes asi aun aunque bajo bien cada casi
    con contra cual cuales de del desde donde dos el ella ellas ello ellos en entre era eran es
    esa esas ese eso esos esta estaba estado estamos estan estar estas este esto estos estoy
    fue fueron ha hacia han has hasta hay he la las le les lo los mas me mi
    mis mismo mucho muy nada ni no nos nosotros nuestra nuestro o otra otro otros para pero
    poco por porque pues que quiero queria quisiera saber se sea ser si sido sin sobre solo son
    su sus tambien te tengo tiene tienen toda todas todo todos tu tus un una unas uno unos
    usted ustedes va vamos y ya yo hola buenas buenos dias tardes noches saludos gracias
    disculpe disculpa oiga porfavor favor senor senora estimado estimados buen bueno alo ayuda
    ayudeme ayudarme puede pueden podria podrian decir dime digame explica explique expliqueme
    explicar consulta consultita pregunta preguntar ahi aqui eh ah oye entonces pues osea nomas
    mande mano nano pana
    """.split()
)

ENGLISH_STOP_WORDS = frozenset(
    """
    a about an and any are as at be been but by can could do does did for from had has have
    hello hi hey i if in into is it its me my of on or our please so tell than that the their
    them then there these they this those to us was we were what which will with would you your
    know want wanted thanks thank explain
    """.split()
)

# Words that give away the language of a message.
SPANISH_MARKERS = frozenset(
    """
    que el la los las de del es como para por una un en y cual cuales donde quien cuando mi me
    se hay puedo sobre esta son al lo le su sus con porque tambien gobierno abierto informacion
    pedir solicitud plan ley derecho derechos datos hacer hago tiene tienen cuanto cuantos
    """.split()
)
ENGLISH_MARKERS = frozenset(
    """
    the what is how who when where can i do does of to a an and in my are which about open
    government information request plan law right rights data make have has many much why
    should could would you your it this that with
    """.split()
)


# Words the Snowball stemmers would merge with unrelated ones ("informes" and "información"
# both become "inform"; "datos" and "dato" are fine). Each maps to the stem it must keep.
STEM_EXCEPTIONS: Mapping[str, str] = {
    "informacion": "informacion",
    "informaciones": "informacion",
    "information": "informacion",
    "info": "informacion",
    "informe": "informe",
    "informes": "informe",
    "report": "informe",
    "reports": "informe",
}

# "qué es…", "what is…": a definitional question. It becomes a token of its own so that, among
# entries about the same thing, the one that defines it wins a bare "¿qué es X?".
DEFINITION_OPENERS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("que", "es"),
        ("que", "son"),
        ("que", "significa"),
        ("que", "significan"),
        ("what", "is"),
        ("what", "are"),
        ("whats",),
        ("what", "s"),
        ("what", "does", "mean"),
    }
)
DEFINITION_TOKEN = "_que_es"


def fold(text: str) -> str:
    """Lowercase, drop accents and everything that is not a letter or digit."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Split folded text into words, squeezing stretched letters ("holaaa" -> "hola")."""
    out: list[str] = []
    for word in fold(text).split():
        word = _STRETCHED.sub(r"\1", word)
        if _LAUGH.match(word) and len(word) >= 4:
            word = "jaja"
        out.append(word)
    return out


def expand_sms(tokens: Iterable[str]) -> list[str]:
    """Replace chat spellings (q, xq, tb, x…) with the words they stand for."""
    out: list[str] = []
    for token in tokens:
        out.extend(SMS_SPELLINGS.get(token, (token,)))
    return out


@lru_cache(maxsize=2)
def _stemmer(language: Language) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("spanish" if language == "es" else "english")


def detect_language(tokens: Iterable[str], default: Language | None = None) -> Language | None:
    """Guess "es" or "en" from marker words; return ``default`` when the evidence is even."""
    spanish = english = 0
    for token in tokens:
        spanish += token in SPANISH_MARKERS
        english += token in ENGLISH_MARKERS
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
    _longest_synonym: int = 1

    def __post_init__(self) -> None:
        self._longest_synonym = max((len(k) for k in self.synonyms), default=1)
        self._stem_cache: dict[tuple[str, Language], str] = {}

    def raw_words(self, text: str) -> list[str]:
        """Fold, squeeze and expand chat spellings; no stop words removed, no stemming."""
        return expand_sms(words(text))

    def apply_synonyms(self, tokens: list[str]) -> list[str]:
        """Rewrite every known synonym phrase, longest first, to its canonical token."""
        if not self.synonyms:
            return tokens
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for size in range(min(self._longest_synonym, len(tokens) - i), 0, -1):
                canonical = self.synonyms.get(tuple(tokens[i : i + size]))
                if canonical is not None:
                    out.append(canonical)
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out

    def stem(self, token: str, language: Language) -> str:
        """Stem one token (canonical synonym tokens and numbers are kept as they are)."""
        key = (token, language)
        cached = self._stem_cache.get(key)
        if cached is None:
            if token in STEM_EXCEPTIONS:
                cached = STEM_EXCEPTIONS[token]
            elif "_" in token or token.isdigit():
                cached = token
            else:
                cached = _stemmer(language).stemWord(token)
            if len(self._stem_cache) < 200_000:
                self._stem_cache[key] = cached
        return cached

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
        raw = self.raw_words(text)
        lang = language or detect_language(raw) or hint or "es"
        if fix_typos and self.correct is not None:
            raw = [self.correct(word) or word for word in raw]
        canon = self.apply_synonyms(raw)
        stop = SPANISH_STOP_WORDS if lang == "es" else ENGLISH_STOP_WORDS
        out = [self.stem(t, lang) for t in canon if t not in stop and t not in _BOTH_STOP]
        if _asks_definition(raw):
            out.append(DEFINITION_TOKEN)
        return out, lang


def _asks_definition(raw: list[str]) -> bool:
    for size in (1, 2, 3):
        for start in range(len(raw) - size + 1):
            if tuple(raw[start : start + size]) in DEFINITION_OPENERS:
                return True
    return False


# A few words are noise in either language (chat fillers that cross over).
_BOTH_STOP = frozenset({"ok", "okay", "pls", "please", "jaja", "xd", "lol"})

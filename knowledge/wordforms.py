"""Words that are real words of Spanish or English, whether or not the knowledge base uses them.

A word the knowledge base does not know is corrected towards one it does ("tranparencia" ->
"transparencia"), but a real word is no typo: "cuñado" is not "cuando", "médicos" not "medios",
"lancha" not "launch". Corrected, such words make an off-topic question look on-topic. The word
lists are pyspellchecker's frequency dictionaries (pure data, shipped in the package), folded
like everything the engine compares.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib.resources import files

from knowledge.normalize import fold, stem_word

LANGUAGES = ("es", "en")


@lru_cache(maxsize=1)
def real_words() -> frozenset[str]:
    """Every folded word of the Spanish and English dictionaries (read once per process)."""
    return frozenset().union(*real_words_by_language().values())


@lru_cache(maxsize=1)
def real_words_by_language() -> dict[str, frozenset[str]]:
    """Each language's folded dictionary words: "saver" is English only, "asta" Spanish."""
    by_language: dict[str, frozenset[str]] = {}
    resources = files("spellchecker") / "resources"
    for language in LANGUAGES:
        found: set[str] = set()
        # The dictionary file itself (word -> frequency), not a SpellChecker: building one
        # indexes the words for its own corrections, which the engine does not use.
        with (resources / f"{language}.json.gz").open("rb") as packed:
            dictionary: dict[str, int] = json.loads(gzip.decompress(packed.read()))
        for word in dictionary:
            found.add(word if word.isascii() and word.isalpha() else fold(word))
        # Only words of four letters or more are ever corrected.
        by_language[language] = frozenset(w for w in found if len(w) >= 4 and w.isalpha())
    return by_language


def is_inflection(word: str, other: str) -> bool:
    """Whether two words are forms of one word ("fondo" / "fondos", "vecina" / "vecino"):
    correcting one into the other keeps what the citizen meant."""
    if word.startswith(other) or other.startswith(word):
        return True
    return any(stem_word(word, language) == stem_word(other, language) for language in LANGUAGES)


def is_spanish_verb_form(word: str) -> bool:
    """Whether a folded word the dictionary lacks is the "yo" form of a verb it has: "siembro"
    beside "siembra", "cosecho" beside "cosecha", "pesco" beside "pesca". The dictionaries list
    few first-person forms, and a citizen telling what they do writes them ("siembro cacao")."""
    if len(word) < 5 or not word.endswith("o"):
        return False
    spanish = real_words_by_language()["es"]
    return any(f"{word[:-1]}{ending}" in spanish for ending in ("a", "e", "as", "es"))

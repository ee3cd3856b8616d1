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
    return {language: frozenset(counts) for language, counts in _dictionaries().items()}


@lru_cache(maxsize=1)
def rare_words() -> frozenset[str]:
    """Dictionary words seen no more than the dictionaries' floor count in either language.

    Most of a frequency dictionary is words met once or twice in its corpus ("redición",
    "alcandía", "ipomea"), and there a typo of a common word often lands. Such a word one slip
    from a word the knowledge base uses is read as that slip; a common real word never is.
    """
    dictionaries = _dictionaries()
    floor = {language: min(counts.values(), default=0) for language, counts in dictionaries.items()}
    found: set[str] = set()
    for language, counts in dictionaries.items():
        found.update(w for w, n in counts.items() if n <= floor[language])
    for language, counts in dictionaries.items():
        found.difference_update(w for w, n in counts.items() if n > floor[language])
    return frozenset(found)


# Endings of the other forms of a word: "medicos" is a rare form of the common "medico".
_ENDINGS = ("", "s", "es", "a", "o", "e", "as", "os")


def barely_known(word: str) -> bool:
    """Whether ``word`` is a rare dictionary word none of whose near forms (another gender or
    number) is a common one: "redicion" is, "medicos" (beside "medico") is not."""
    rare, real = rare_words(), real_words()
    if word not in rare:
        return False
    for cut in (0, 1, 2):
        base = word[: len(word) - cut] if cut else word
        for ending in _ENDINGS:
            form = base + ending
            if form != word and form in real and form not in rare:
                return False
    return True


@lru_cache(maxsize=1)
def _dictionaries() -> dict[str, dict[str, int]]:
    """Each language's folded dictionary words with their frequency (accented spellings that
    fold alike add up)."""
    by_language: dict[str, dict[str, int]] = {}
    resources = files("spellchecker") / "resources"
    for language in LANGUAGES:
        found: dict[str, int] = {}
        # The dictionary file itself (word -> frequency), not a SpellChecker: building one
        # indexes the words for its own corrections, which the engine does not use.
        with (resources / f"{language}.json.gz").open("rb") as packed:
            dictionary: dict[str, int] = json.loads(gzip.decompress(packed.read()))
        for word, count in dictionary.items():
            folded = word if word.isascii() and word.isalpha() else fold(word)
            # Only words of four letters or more are ever corrected.
            if len(folded) >= 4 and folded.isalpha():
                found[folded] = found.get(folded, 0) + count
        by_language[language] = found
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

"""Find an institution in the curated directory by what a citizen types: name, acronym, alias.

Names are compared folded (no case or accents), with stretched letters squeezed and Spanish and
English stop words dropped, as the answer engine reads questions; no stemming, since these are
proper names. Acronyms count only when typed exactly: three letters are too short for fuzzy
matching ("CNE" and "CNJ" are different bodies).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from knowledge.normalize import ENGLISH_STOP_WORDS, SPANISH_STOP_WORDS, fold, words
from knowledge.schema import Institution

MATCH_CUTOFF = 86.0  # below this a name is not offered ("ministerio salud" ≠ "ministerio pesca")
MAX_RESULTS = 5


def _key(text: str) -> str:
    kept = [w for w in words(text) if w not in SPANISH_STOP_WORDS and w not in ENGLISH_STOP_WORDS]
    return " ".join(kept) or fold(text)


@dataclass(frozen=True)
class InstitutionMatch:
    """An institution and how well the typed text matched it (0–100)."""

    institution: Institution
    score: float
    exact: bool = False


class InstitutionDirectory:
    """The curated institutions, searchable by name, acronym and alias."""

    def __init__(self, institutions: Sequence[Institution]) -> None:
        self.institutions = list(institutions)
        self._by_id = {item.id: item for item in self.institutions}
        self._acronyms = {fold(i.acronym): i.id for i in self.institutions if i.acronym}
        self._names: list[tuple[str, str]] = [
            (_key(text), item.id)
            for item in self.institutions
            for text in (item.name, *item.aliases)
        ]

    def get(self, institution_id: str) -> Institution | None:
        """The institution with this id."""
        return self._by_id.get(institution_id)

    def search(self, text: str) -> list[InstitutionMatch]:
        """Institutions matching ``text``, best first; an exact acronym or name comes alone."""
        folded = fold(text)
        if not folded:
            return []
        exact = self._acronyms.get(folded) or next(
            (item_id for key, item_id in self._names if key == _key(text)), None
        )
        if exact is not None:
            return [InstitutionMatch(self._by_id[exact], 100.0, exact=True)]
        query = _key(text)
        query_words = query.split()
        best: dict[str, float] = {}
        for key, item_id in self._names:
            # Both sides are already folded and stripped of stop words: that is the processor.
            score = fuzz.token_sort_ratio(query, key, processor=None)
            key_words = key.split()
            covered = all(
                any(fuzz.ratio(word, other, processor=None) >= 85 for other in key_words)
                for word in query_words
            )
            if covered and len(query) >= 4:
                # Every typed word is in the name ("ministerio ambiente" for the long name):
                # a shorter way of saying it. A stray word ("ministerio salud") is not.
                score = max(score, fuzz.token_set_ratio(query, key, processor=None))
            if score > best.get(item_id, 0.0):
                best[item_id] = score
        ranked = sorted(
            (InstitutionMatch(self._by_id[i], s) for i, s in best.items() if s >= MATCH_CUTOFF),
            key=lambda m: (-m.score, m.institution.name),
        )
        return ranked[:MAX_RESULTS]

    def resolve(self, text: str) -> Institution | None:
        """The institution ``text`` names exactly (name, alias or acronym), else None.

        Anything less than exact is offered as a choice, never taken for the citizen: a
        request sent to the wrong body loses ten days.
        """
        matches = self.search(text)
        if len(matches) == 1 and matches[0].exact:
            return matches[0].institution
        return None

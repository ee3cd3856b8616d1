"""The answer engine's search: typo-tolerant, paraphrase-aware ranking of FAQ entries.

Each entry is known by its phrasings (the question and its alternates, in both languages). A
question is scored against every phrasing that shares a token with it, on three signals:

* how much of the phrasing the question covers (IDF-weighted) — robust to long, rambling messages;
* how much of the question the phrasing explains — what keeps out-of-scope questions out;
* rapidfuzz ``token_set_ratio`` over the normalised strings — tolerant of word order and leftovers.

Words the knowledge base does not know are first corrected against its vocabulary with rapidfuzz,
so "tranparencia" and "gobiermo" still count. The decision rule (answer, "did you mean", fallback)
uses configurable thresholds measured on the golden set (``python -m bot kb eval``).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process, utils

from knowledge.loader import KnowledgeBase
from knowledge.normalize import (
    ENGLISH_STOP_WORDS,
    SMS_SPELLINGS,
    SPANISH_STOP_WORDS,
    Normalizer,
    expand_sms,
    words,
)
from knowledge.schema import FaqEntry, SmallTalk

Decision = Literal["answer", "suggest", "fallback", "smalltalk", "empty"]


@dataclass(frozen=True)
class Thresholds:
    """The decision rule's knobs; defaults were measured on the golden set's tune split."""

    answer: float = 0.62
    margin: float = 0.06
    suggest: float = 0.42
    suggest_window: float = 0.2
    max_suggestions: int = 3
    smalltalk: float = 88.0


@dataclass(frozen=True)
class Weights:
    """How the three signals add up to one score."""

    phrasing_coverage: float = 0.45
    question_coverage: float = 0.30
    fuzzy: float = 0.25


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

    @property
    def top(self) -> Match | None:
        """The best-ranked entry, if any entry matched at all."""
        return self.matches[0] if self.matches else None

    @property
    def confident(self) -> bool:
        """Whether the engine answers with an FAQ entry."""
        return self.decision == "answer"


@dataclass
class _Phrasing:
    entry_index: int
    weight: float
    text: str


@dataclass
class SearchIndex:
    """An immutable search index over one knowledge base."""

    kb: KnowledgeBase
    thresholds: Thresholds = field(default_factory=Thresholds)
    weights: Weights = field(default_factory=Weights)
    build_seconds: float = 0.0

    def __post_init__(self) -> None:
        started = time.perf_counter()
        self.normalizer = Normalizer(synonyms=_synonym_map(self.kb.synonyms))
        self._build_vocabulary()
        self.normalizer.correct = self._correct
        self._build_phrasings()
        self._build_smalltalk()
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
        for entry in self.kb.entries:
            for language in ("es", "en"):
                for text in (entry.question.get(language), *entry.alternates.get(language)):
                    vocabulary.update(words(text))
                vocabulary.update(words(entry.answer.get(language)))
        for intent in self.kb.smalltalk:
            for language in ("es", "en"):
                for text in intent.patterns.get(language):
                    vocabulary.update(words(text))
        self._vocabulary = vocabulary
        # Only words long enough to be typo targets; short ones are matched exactly.
        self._typo_targets = sorted(w for w in vocabulary if len(w) >= 4 and not w.isdigit())
        self._correct_cached = lru_cache(maxsize=50_000)(self._correct_uncached)

    def _correct(self, word: str) -> str | None:
        if word in self._vocabulary or len(word) < 5 or word.isdigit():
            return None
        return self._correct_cached(word)

    def _correct_uncached(self, word: str) -> str | None:
        best = process.extractOne(
            word, self._typo_targets, scorer=fuzz.ratio, score_cutoff=82, processor=None
        )
        return best[0] if best else None

    def _build_phrasings(self) -> None:
        token_sets: list[tuple[int, frozenset[str], str]] = []
        entry_tokens: list[set[str]] = [set() for _ in self.kb.entries]
        for index, entry in enumerate(self.kb.entries):
            for language in ("es", "en"):
                for text in (entry.question.get(language), *entry.alternates.get(language)):
                    tokens, _ = self.normalizer.tokens(text, language)
                    unique = frozenset(tokens)
                    if not unique:
                        continue
                    token_sets.append((index, unique, " ".join(sorted(unique))))
                    entry_tokens[index].update(unique)
        entry_count = max(len(self.kb.entries), 1)
        document_frequency: dict[str, int] = defaultdict(int)
        for tokens in entry_tokens:
            for token in tokens:
                document_frequency[token] += 1
        self._idf = {
            token: math.log(1 + (entry_count - df + 0.5) / (df + 0.5))
            for token, df in document_frequency.items()
        }
        self._unknown_weight = math.log(1 + (entry_count + 0.5) / 0.5)
        self._phrasings: list[_Phrasing] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        for entry_index, tokens, text in token_sets:
            position = len(self._phrasings)
            weight = sum(self._idf[t] for t in tokens)
            self._phrasings.append(_Phrasing(entry_index, weight, text))
            for token in tokens:
                self._postings[token].append(position)

    def _build_smalltalk(self) -> None:
        self._smalltalk_patterns: list[tuple[str, SmallTalk]] = []
        for intent in self.kb.smalltalk:
            for language in ("es", "en"):
                for pattern in intent.patterns.get(language):
                    self._smalltalk_patterns.append((" ".join(words(pattern)), intent))
        self._smalltalk_texts = [text for text, _ in self._smalltalk_patterns]

    # -- searching --------------------------------------------------------------------------

    def rank(self, question: str, hint: str | None = None, limit: int = 10) -> list[Match]:
        """Return the best entries for ``question``, best first, with scores in [0, 1]."""
        return self._rank(question, hint, limit)[0]

    def _rank(
        self, question: str, hint: str | None, limit: int
    ) -> tuple[list[Match], str, list[str]]:
        tokens, detected = self.normalizer.tokens(question, hint=hint, fix_typos=True)
        unique = list(dict.fromkeys(tokens))
        if not unique:
            return [], detected, unique
        weights = {t: self._idf.get(t, self._unknown_weight) for t in unique}
        question_weight = sum(weights.values())
        overlap: dict[int, float] = defaultdict(float)
        for token in unique:
            w = weights[token]
            for position in self._postings.get(token, ()):
                overlap[position] += w
        if not overlap:
            return [], detected, unique
        w_phr, w_q, w_fz = (
            self.weights.phrasing_coverage,
            self.weights.question_coverage,
            self.weights.fuzzy,
        )
        # First pass without the fuzzy signal, keeping each entry's best phrasing.
        best: dict[int, tuple[float, int]] = {}
        for position, shared in overlap.items():
            phrasing = self._phrasings[position]
            partial = w_phr * shared / phrasing.weight + w_q * shared / question_weight
            current = best.get(phrasing.entry_index)
            if current is None or partial > current[0]:
                best[phrasing.entry_index] = (partial, position)
        shortlist = sorted(best.items(), key=lambda item: item[1][0], reverse=True)[: limit * 3]
        question_text = " ".join(sorted(unique))
        scored: list[Match] = []
        for entry_index, (partial, position) in shortlist:
            similarity = fuzz.token_set_ratio(
                question_text, self._phrasings[position].text, processor=None
            )
            score = partial + w_fz * similarity / 100.0
            scored.append(Match(self.kb.entries[entry_index], round(min(score, 1.0), 4)))
        scored.sort(key=lambda m: m.score, reverse=True)
        return scored[:limit], detected, unique

    def smalltalk_match(self, question: str) -> tuple[SmallTalk | None, float]:
        """Return the small-talk intent a short message is, with its similarity (0–100)."""
        folded = words(question)
        if not folded or len(folded) > 6 or not self._smalltalk_texts:
            return None, 0.0
        best = process.extractOne(
            " ".join(folded),
            self._smalltalk_texts,
            scorer=fuzz.ratio,
            processor=utils.default_process,
        )
        if best is None:
            return None, 0.0
        return self._smalltalk_patterns[best[2]][1], float(best[1])

    def search(self, question: str, hint: str | None = None) -> SearchResult:
        """Decide how to answer ``question``: answer, suggest, small talk or fall back.

        ``hint`` is the citizen's language, used when the question's words do not tell.
        """
        matches, detected, tokens = self._rank(question, hint, limit=10)
        t = self.thresholds
        top = matches[0].score if matches else 0.0
        second = matches[1].score if len(matches) > 1 else 0.0
        if top >= t.answer and top - second >= t.margin:
            return SearchResult("answer", detected, tuple(matches))
        intent, similarity = self.smalltalk_match(question)
        if intent is not None and similarity >= t.smalltalk:
            return SearchResult("smalltalk", detected, tuple(matches), smalltalk=intent)
        if top >= t.suggest:
            close = tuple(
                m for m in matches if m.score >= t.suggest and m.score >= top - t.suggest_window
            )[: t.max_suggestions]
            return SearchResult("suggest", detected, tuple(matches), suggestions=close)
        if not tokens:
            return SearchResult("empty", detected, tuple(matches))
        return SearchResult("fallback", detected, tuple(matches))


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

"""Fit the engine's weights, thresholds and confidence model on the golden sets' *tune* splits
(never a holdout, never fresh-never).

``python -m bot kb tune`` prints the fitted values; they are then written into the defaults of
:class:`knowledge.search.Weights`, :class:`knowledge.search.Thresholds` and
:class:`knowledge.search.Confidence` by hand, so that what ships is visible in code review.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from bot.devtools.quality import GOLDEN_SETS, NEVER_TUNED, UNLISTED_SPLITS, load_items
from knowledge.search import (
    CONFIDENCE_SIGNALS,
    FEATURES,
    Confidence,
    SearchIndex,
    Thresholds,
    Weights,
)

# A wrong confident answer costs this many right ones: an honest "I don't know" beats a wrong
# answer (see the research on QnA-style bots).
WRONG_ANSWER_COST = 6.0
# For the confidence cut a wrong answer (an out-of-scope question answered included) costs two
# right ones: at 6 the cut (0.86) turned a tenth of the right answers into "¿Quiso decir…?"
# lists, which the citizen does not count as answers either; at 2 both right and wrong answers
# improve on the previous rule on every tune set.
CONFIDENCE_WRONG_COST = 2.0


@dataclass
class _Question:
    expected: str | None  # None: out of scope
    candidates: list[tuple[str, tuple[float, ...]]]


def _prepare(index: SearchIndex, golden: dict, split: str) -> list[_Question]:
    questions = []
    for key in ("in_scope", "out_of_scope"):
        for item in golden.get(key, []):
            if item.get("split") != split:
                continue
            tokens, _ = index.normalizer.tokens(item["q"], fix_typos=True)
            features = index.features(tokens)
            questions.append(
                _Question(
                    item.get("id") if key == "in_scope" else None,
                    [(index.kb.entries[i].id, f) for i, f in features.items()],
                )
            )
    return questions


def _ranked(question: _Question, weights: tuple[float, ...]) -> list[tuple[float, str]]:
    return sorted(
        (
            (sum(a * b for a, b in zip(weights, f, strict=True)), entry_id)
            for entry_id, f in question.candidates
        ),
        reverse=True,
    )


def _top1(questions: list[_Question], weights: tuple[float, ...]) -> float:
    hits = 0.0
    for question in questions:
        if question.expected is None:
            continue
        ranked = _ranked(question, weights)
        if ranked and ranked[0][1] == question.expected:
            hits += 1
            # prefer weights that win clearly: a small bonus for the lead over the runner-up
            if len(ranked) > 1:
                hits += 0.05 * min(ranked[0][0] - ranked[1][0], 0.2) / 0.2
    return hits


def fit_weights(questions: list[_Question], rounds: int = 3000, seed: int = 11) -> Weights:
    """Random search (Dirichlet-distributed weights), then local refinement."""
    rng = random.Random(seed)
    best = Weights().as_tuple()
    best_score = _top1(questions, best)
    for step in range(rounds):
        if step < rounds // 2:
            raw = [rng.gammavariate(1.0, 1.0) for _ in FEATURES]
        else:
            raw = [max(0.0, w + rng.gauss(0, 0.05)) for w in best]
        total = sum(raw) or 1.0
        candidate = tuple(round(w / total, 3) for w in raw)
        score = _top1(questions, candidate)
        if score > best_score:
            best, best_score = candidate, score
    return Weights(**dict(zip(FEATURES, best, strict=True)))


def fit_thresholds(questions: list[_Question], weights: Weights) -> Thresholds:
    """Choose the suggest threshold: the lowest score at which at most a tenth of out-of-scope
    questions get choices (whether to answer outright is the confidence model's call)."""
    w = weights.as_tuple()
    oos_tops = sorted(
        ((_ranked(q, w) or [(0.0, "")])[0][0] for q in questions if q.expected is None),
        reverse=True,
    )
    cut = oos_tops[len(oos_tops) // 10] if oos_tops else 0.3
    return Thresholds(suggest=round(max(cut + 0.01, 0.2), 2))


def _confidence_examples(index: SearchIndex) -> list[tuple[tuple[float, ...], bool, bool]]:
    """(signals, best entry right, in scope) for every FAQ or out-of-scope question one may tune
    on: the tune splits, never a holdout, a check split nor a never-tuned set (``NEVER_TUNED``)."""
    examples = []
    for name, path in GOLDEN_SETS.items():
        if name in NEVER_TUNED:
            continue
        for item in load_items(path):
            if item.split in UNLISTED_SPLITS or (item.in_scope and item.entry is None):
                continue
            result = index.search(item.question)
            tokens, _ = index.normalizer.tokens(item.question, fix_typos=True)
            signals = index.confidence_signals(item.question, list(result.matches), tokens)
            right = item.in_scope and bool(result.matches)
            right = right and result.matches[0].entry.id == item.entry
            examples.append((signals, right, item.in_scope))
    return examples


def fit_confidence(index: SearchIndex, rounds: int = 20_000) -> tuple[Confidence, float]:
    """Fit the logistic confidence model by gradient descent, then the answer cut that maximises
    right answers minus ``CONFIDENCE_WRONG_COST`` per wrong one (out-of-scope answered too)."""
    examples = _confidence_examples(index)
    size = len(CONFIDENCE_SIGNALS)
    coefficients = [0.0] * size
    rate, ridge = 0.5, 1e-3
    for _ in range(rounds):
        gradient = [0.0] * size
        for signals, right, _ in examples:
            z = sum(c * x for c, x in zip(coefficients, signals, strict=True))
            error = 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))) - right
            for i, x in enumerate(signals):
                gradient[i] += error * x
        coefficients = [
            c - rate * (g / len(examples) + ridge * c)
            for c, g in zip(coefficients, gradient, strict=True)
        ]
    fitted = zip(CONFIDENCE_SIGNALS, coefficients, strict=True)
    model = Confidence(**{name: round(value, 2) for name, value in fitted})
    scored = [(model.probability(signals), right) for signals, right, _ in examples]
    best_gain, best_cut = float("-inf"), 0.5
    for cut in [x / 100 for x in range(30, 96)]:
        gain = sum(1.0 if right else -CONFIDENCE_WRONG_COST for p, right in scored if p >= cut)
        if gain > best_gain:
            best_gain, best_cut = gain, cut
    return model, best_cut


def tune(index: SearchIndex, golden: dict) -> tuple[Weights, Thresholds]:
    """Fit weights, then thresholds, on the tune split."""
    if not index.all_signals:
        index = SearchIndex(index.kb, all_signals=True)
    questions = _prepare(index, golden, "tune")
    weights = fit_weights(questions)
    return weights, fit_thresholds(questions, weights)

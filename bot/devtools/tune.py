"""Fit the engine's weights and thresholds on the golden set's *tune* split (never the holdout).

``python -m bot kb tune`` prints the fitted values; they are then written into the defaults of
:class:`knowledge.search.Weights` and :class:`knowledge.search.Thresholds` by hand, so that what
ships is visible in code review.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from knowledge.search import FEATURES, SearchIndex, Thresholds, Weights

# A wrong confident answer costs this many right ones: an honest "I don't know" beats a wrong
# answer (see the research on QnA-style bots).
WRONG_ANSWER_COST = 6.0


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
    """Choose answer threshold and margin that maximise right answers minus costly wrong ones."""
    w = weights.as_tuple()
    outcomes = []
    for question in questions:
        ranked = _ranked(question, w)
        top = ranked[0][0] if ranked else 0.0
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        right = bool(ranked) and question.expected is not None and ranked[0][1] == question.expected
        outcomes.append((top, top - second, right, question.expected is None))
    best = (float("-inf"), Thresholds())
    for answer in [x / 100 for x in range(30, 96)]:
        for margin in [x / 100 for x in range(0, 21)]:
            gain = 0.0
            for top, lead, right, _ in outcomes:
                if top >= answer and lead >= margin:
                    gain += 1.0 if right else -WRONG_ANSWER_COST
            if gain > best[0]:
                best = (gain, Thresholds(answer=answer, margin=margin))
    answer, margin = best[1].answer, best[1].margin
    # Suggest: the lowest score at which at most a tenth of out-of-scope questions get choices.
    oos_tops = sorted((top for top, _, _, oos in outcomes if oos), reverse=True)
    cut = oos_tops[len(oos_tops) // 10] if oos_tops else 0.3
    suggest = round(min(max(cut + 0.01, 0.2), answer), 2)
    return Thresholds(answer=answer, margin=margin, suggest=suggest)


def tune(index: SearchIndex, golden: dict) -> tuple[Weights, Thresholds]:
    """Fit weights, then thresholds, on the tune split."""
    if not index.all_signals:
        index = SearchIndex(index.kb, all_signals=True)
    questions = _prepare(index, golden, "tune")
    weights = fit_weights(questions)
    return weights, fit_thresholds(questions, weights)

"""Measure answer quality on the golden set, side by side with a naive rapidfuzz baseline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

# The knowledge base's safe loader (libyaml's where PyYAML has it): the golden sets hold some
# 11,000 questions, which the pure-Python parser took about 10 s of CPU to read.
from knowledge.loader import SAFE_LOADER
from knowledge.search import SearchIndex

GOLDEN_PATH = Path(__file__).resolve().parents[2] / "tests" / "golden" / "golden.yaml"
# The baseline answers when WRatio reaches this; it is WRatio's usual "good match" level.
BASELINE_CUTOFF = 80.0


@dataclass
class Scores:
    """Quality figures for one engine on one slice of the golden set."""

    in_scope: int = 0
    out_of_scope: int = 0
    top1: int = 0
    top3: int = 0
    answered_right: int = 0
    answered_wrong: int = 0
    oos_rejected: int = 0
    oos_answered: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _pct(part: int, whole: int) -> float:
        return 100.0 * part / whole if whole else 0.0

    @property
    def top1_accuracy(self) -> float:
        """Share of in-scope questions whose best-ranked entry is the expected one."""
        return self._pct(self.top1, self.in_scope)

    @property
    def top3_recall(self) -> float:
        """Share of in-scope questions with the expected entry among the first three."""
        return self._pct(self.top3, self.in_scope)

    @property
    def answered_right_rate(self) -> float:
        """Share of in-scope questions answered outright with the expected entry."""
        return self._pct(self.answered_right, self.in_scope)

    @property
    def oos_rejection(self) -> float:
        """Share of out-of-scope questions that got no FAQ answer."""
        return self._pct(self.oos_rejected, self.out_of_scope)

    @property
    def confident_wrong(self) -> float:
        """Share of all questions answered outright with a wrong entry (or answered at all, OOS)."""
        return self._pct(self.answered_wrong + self.oos_answered, self.in_scope + self.out_of_scope)


def load_golden(path: Path = GOLDEN_PATH) -> dict[str, list[dict[str, str]]]:
    """Read the golden set."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)


def evaluate_engine(
    index: SearchIndex, golden: dict[str, list[dict[str, str]]], split: str | None = None
) -> Scores:
    """Score the engine on the golden set (``split``: tune, holdout or None for all)."""
    scores = Scores()
    for item in golden.get("in_scope", []):
        if split and item.get("split") != split:
            continue
        scores.in_scope += 1
        result = index.search(item["q"])
        ranked = [m.entry.id for m in result.matches]
        expected = item["id"]
        if ranked[:1] == [expected]:
            scores.top1 += 1
        if expected in ranked[:3]:
            scores.top3 += 1
        if result.confident:
            if ranked[0] == expected:
                scores.answered_right += 1
            else:
                scores.answered_wrong += 1
        if ranked[:1] != [expected] or not result.confident:
            got = f"{result.decision}:{ranked[0] if ranked else '-'}"
            score = result.top.score if result.top else 0.0
            scores.misses.append(f"[{expected} <- {got} {score:.2f}] {item['q']}")
    for item in golden.get("out_of_scope", []):
        if split and item.get("split") != split:
            continue
        scores.out_of_scope += 1
        result = index.search(item["q"])
        top = result.top
        if result.confident and top is not None:
            scores.oos_answered += 1
            scores.misses.append(f"[OOS answered {top.entry.id} {top.score:.2f}] {item['q']}")
        else:
            scores.oos_rejected += 1
    return scores


def evaluate_baseline(
    index: SearchIndex, golden: dict[str, list[dict[str, str]]], split: str | None = None
) -> Scores:
    """Score the naive baseline: rapidfuzz WRatio over the questions, default settings."""
    choices: list[str] = []
    owners: list[str] = []
    for entry in index.kb.entries:
        for language in ("es", "en"):
            choices.append(entry.question.get(language))
            owners.append(entry.id)
    scores = Scores()
    for item in golden.get("in_scope", []):
        if split and item.get("split") != split:
            continue
        scores.in_scope += 1
        ranked_ids: list[str] = []
        best_score = 0.0
        for _, score, position in process.extract(item["q"], choices, scorer=fuzz.WRatio, limit=12):
            best_score = max(best_score, score)
            if owners[position] not in ranked_ids:
                ranked_ids.append(owners[position])
        expected = item["id"]
        scores.top1 += ranked_ids[:1] == [expected]
        scores.top3 += expected in ranked_ids[:3]
        if best_score >= BASELINE_CUTOFF:
            if ranked_ids[0] == expected:
                scores.answered_right += 1
            else:
                scores.answered_wrong += 1
    for item in golden.get("out_of_scope", []):
        if split and item.get("split") != split:
            continue
        scores.out_of_scope += 1
        best = process.extractOne(item["q"], choices, scorer=fuzz.WRatio)
        if best[1] >= BASELINE_CUTOFF:
            scores.oos_answered += 1
        else:
            scores.oos_rejected += 1
    return scores


def smalltalk_accuracy(index: SearchIndex, golden: dict[str, list[dict[str, str]]]) -> float:
    """Share of small-talk messages the engine treats as small talk (not as FAQ answers)."""
    items = golden.get("smalltalk", [])
    if not items:
        return 0.0
    hits = sum(index.search(item["q"]).decision == "smalltalk" for item in items)
    return 100.0 * hits / len(items)


def format_report(engine: dict[str, Scores], baseline: dict[str, Scores]) -> str:
    """Lay the figures out as a table, engine beside baseline, for each split."""
    rows = [
        ("questions (in scope / out of scope)", None),
        ("top-1 accuracy", "top1_accuracy"),
        ("top-3 recall", "top3_recall"),
        ("answered outright and right", "answered_right_rate"),
        ("out-of-scope rejection", "oos_rejection"),
        ("confident-wrong rate", "confident_wrong"),
    ]
    splits = list(engine)
    header = f"{'metric':<38}" + "".join(f"{s + ' engine':>16}{s + ' base':>14}" for s in splits)
    lines = [header, "-" * len(header)]
    for label, attribute in rows:
        cells = []
        for split in splits:
            for scores in (engine[split], baseline[split]):
                if attribute is None:
                    cells.append(f"{scores.in_scope}/{scores.out_of_scope}")
                else:
                    cells.append(f"{getattr(scores, attribute):.1f}%")
        line = f"{label:<38}"
        for i, cell in enumerate(cells):
            line += f"{cell:>16}" if i % 2 == 0 else f"{cell:>14}"
        lines.append(line)
    return "\n".join(lines)


COMMITMENTS_PATH = GOLDEN_PATH.parent / "commitments.yaml"


@dataclass
class CommitmentScores:
    """How often the commitments shown are exactly the ones expected."""

    total: int = 0
    right: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Share of questions that showed exactly the expected commitments."""
        return 100.0 * self.right / self.total if self.total else 0.0


def evaluate_commitments(
    answer: Callable[[str], Sequence[str]], path: Path = COMMITMENTS_PATH, split: str | None = None
) -> CommitmentScores:
    """Score commitment questions; ``answer`` returns the commitment ids the bot would show."""
    with path.open(encoding="utf-8") as handle:
        questions = yaml.load(handle, Loader=SAFE_LOADER)["questions"]
    scores = CommitmentScores()
    for item in questions:
        if split and item.get("split") != split:
            continue
        shown = sorted(answer(item["q"]))
        expected = sorted(item["expect"])
        hit = shown == expected
        scores.total += 1
        scores.right += hit
        kind = scores.by_kind.setdefault(item["kind"], [0, 0])
        kind[0] += hit
        kind[1] += 1
        if not hit:
            scores.misses.append(f"[{item['kind']}: want {expected} got {shown}] {item['q']}")
    return scores

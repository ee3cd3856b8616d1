"""Speed and memory of the answer engine: shipped knowledge base and a synthetic 10,000-entry one.

Targets (issue #2): p99 ≤ 2 ms on the shipped knowledge base; p99 ≤ 25 ms and build ≤ 3 s at
10,000 entries. Figures are printed, not asserted: timing belongs to a benchmark, not a test.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.loader import KnowledgeBase
from knowledge.normalize import clear_caches, words
from knowledge.schema import FaqEntry, Localized, LocalizedList
from knowledge.search import SearchIndex

TARGETS = {"shipped_p99_ms": 2.0, "synthetic_p99_ms": 25.0, "synthetic_build_s": 3.0}


@dataclass
class BenchFigures:
    """Timings of one knowledge base."""

    label: str
    entries: int
    build_seconds: float
    p50_ms: float
    p99_ms: float
    questions: int


def _percentile(samples: Sequence[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(
    label: str, kb: KnowledgeBase, questions: Sequence[str], rounds: int = 3
) -> BenchFigures:
    """Build the index (best of ``rounds``) and time every question ``rounds`` times."""
    builds = []
    index = None
    for _ in range(rounds):
        clear_caches()  # every build starts cold, as it does when the bot starts
        started = time.perf_counter()
        index = SearchIndex(kb)
        builds.append(time.perf_counter() - started)
    assert index is not None
    for question in questions:  # warm the typo cache as a running bot would be
        index.search(question)
    latencies = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter_ns()
            index.search(question)
            latencies.append((time.perf_counter_ns() - started) / 1e6)
    return BenchFigures(
        label=label,
        entries=len(kb.entries),
        build_seconds=statistics.median(builds),
        p50_ms=_percentile(latencies, 0.50),
        p99_ms=_percentile(latencies, 0.99),
        questions=len(questions),
    )


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    position = rng.randrange(1, len(word) - 1)
    return word[:position] + word[position + 1 :]


def synthetic_knowledge_base(
    shipped: KnowledgeBase, size: int = 10_000, seed: int = 7
) -> tuple[KnowledgeBase, list[str]]:
    """Return a knowledge base of ``size`` entries made from the shipped vocabulary, and questions.

    Each synthetic entry mixes real words of the shipped content, so the word frequencies and
    phrasing lengths look like the real thing at a larger scale.
    """
    rng = random.Random(seed)
    vocabulary = sorted(
        {
            word
            for entry in shipped.entries
            for text in (*entry.alternates.es, *entry.alternates.en, entry.answer.es)
            for word in words(text)
            if len(word) > 2
        }
    ) or ["gobierno", "abierto", "informacion", "plan", "accion", "ley", "datos"]

    def phrase(low: int, high: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(low, high)))

    entries = []
    today = dt.date(2026, 11, 23)
    for number in range(size):
        alternates_es = [phrase(3, 8) for _ in range(5)]
        alternates_en = [phrase(3, 8) for _ in range(2)]
        entries.append(
            FaqEntry.model_construct(
                id=f"synthetic-{number}",
                topic="synthetic",
                question=Localized.model_construct(es=phrase(4, 9), en=phrase(4, 9)),
                alternates=LocalizedList.model_construct(es=alternates_es, en=alternates_en),
                answer=Localized.model_construct(es=phrase(20, 40), en=phrase(20, 40)),
                detail=None,
                related=[],
                sources=[],
                reviewed=today,
            )
        )
    kb = KnowledgeBase(entries=entries, synonyms=shipped.synonyms, smalltalk=shipped.smalltalk)
    questions = []
    for entry in rng.sample(entries, 400):
        tokens = rng.choice(entry.alternates.es).split()
        if len(tokens) > 3:
            tokens.pop(rng.randrange(len(tokens)))
        questions.append(" ".join(_typo(t, rng) for t in tokens))
    questions.extend(phrase(2, 25) for _ in range(100))  # unrelated word salad, long and short
    return kb, questions


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def format_figures(figures: Sequence[BenchFigures], peak_mib: float) -> str:
    """Lay out the figures with the targets they are held to."""
    lines = [
        f"{'knowledge base':<22}{'entries':>9}{'build (s)':>11}{'p50 (ms)':>10}{'p99 (ms)':>10}"
        f"{'questions':>11}",
        "-" * 73,
    ]
    for f in figures:
        lines.append(
            f"{f.label:<22}{f.entries:>9}{f.build_seconds:>11.3f}{f.p50_ms:>10.3f}"
            f"{f.p99_ms:>10.3f}{f.questions:>11}"
        )
    lines.append(f"peak memory (RSS): {peak_mib:.0f} MiB")
    lines.append(
        f"targets: shipped p99 ≤ {TARGETS['shipped_p99_ms']} ms; 10,000 entries p99 ≤ "
        f"{TARGETS['synthetic_p99_ms']} ms and build ≤ {TARGETS['synthetic_build_s']} s"
    )
    return "\n".join(lines)


def targets_met(shipped: BenchFigures, synthetic: BenchFigures) -> bool:
    """Whether the measured figures meet the issue's targets."""
    return (
        shipped.p99_ms <= TARGETS["shipped_p99_ms"]
        and synthetic.p99_ms <= TARGETS["synthetic_p99_ms"]
        and synthetic.build_seconds <= TARGETS["synthetic_build_s"]
    )

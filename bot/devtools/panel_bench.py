"""How long the running bot takes to apply one knowledge-base edit made in the panel.

Targets (issue #12): ≤ 300 ms for the shipped knowledge base, ≤ 3 s at 10,000 entries. The
figure is the whole swap: merge the overlay over the baseline, build the search index and the
commitment matcher, and replace them in the answer service. Printed, not asserted.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.services.answers import AnswerService
from bot.services.knowledge import KnowledgeService, build_index, merge_overlay
from knowledge.loader import KnowledgeBase
from knowledge.search import SearchIndex

TARGETS_MS = {"shipped": 300.0, "synthetic 10,000": 3000.0}


def _one_edit(kb: KnowledgeBase) -> dict[str, object]:
    entry = kb.entries[len(kb.entries) // 2]
    alternates = entry.alternates.model_copy(
        update={"es": [*entry.alternates.es, "una forma nueva de preguntar esto"]}
    )
    return {entry.id: entry.model_copy(update={"alternates": alternates})}


def time_swap(kb: KnowledgeBase, rounds: int = 5) -> float:
    """Median milliseconds to apply one edited entry to a running answer service."""
    service = AnswerService(kb, SearchIndex(kb))
    overlay = _one_edit(kb)
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        merged = merge_overlay(kb, overlay)  # type: ignore[arg-type]
        service.replace(merged, build_index(merged, service.index))
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def time_save_to_served(kb: KnowledgeBase) -> float:
    """Milliseconds from saving an edit in the database to the bot serving it (SQLite)."""
    from bot.db import Database

    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        try:
            await db.upgrade()
            service = KnowledgeService(db, AnswerService(kb, SearchIndex(kb)))
            entry = kb.entries[0]
            started = time.perf_counter()
            await service.add_alternate(
                entry.id, "una forma nueva de preguntar esto", "es", "bench"
            )
            return (time.perf_counter() - started) * 1000
        finally:
            await db.dispose()


def run(kb: KnowledgeBase) -> tuple[str, bool]:
    """Measure the shipped and the synthetic knowledge bases; return the report and the verdict."""
    from bot.devtools.kb_bench import synthetic_knowledge_base

    figures = {"shipped": time_swap(kb)}
    synthetic, _ = synthetic_knowledge_base(kb)
    figures["synthetic 10,000"] = time_swap(synthetic, rounds=3)
    end_to_end = asyncio.run(time_save_to_served(kb))
    lines = ["index rebuild after one edit (merge + build + swap, median):"]
    met = True
    for label, ms in figures.items():
        entries = len(kb.entries) if label == "shipped" else len(synthetic.entries)
        ok = ms <= TARGETS_MS[label]
        met = met and ok
        lines.append(
            f"  {label:<17} {entries:>6} entries  {ms:8.1f} ms  "
            f"(target ≤ {TARGETS_MS[label]:.0f} ms{'' if ok else ', MISSED'})"
        )
    lines.append(f"  save in the database → served (shipped, SQLite): {end_to_end:.1f} ms")
    return "\n".join(lines), met

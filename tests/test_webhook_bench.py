"""``bench webhook --rounds``: the replica counts alternate, every run is shown, ratios by median.

The runs themselves start real replicas on PostgreSQL (see the README's "Measured"); here each
is a canned result, to check what the report makes of several rounds.
"""

from __future__ import annotations

import pytest

from bot.devtools import webhook_bench


def canned(replicas: int, throughput: float) -> webhook_bench.Run:
    # CPU per update over the burst: 2 ms per replica in all, 0.2 ms load, 0.6 ms PostgreSQL.
    per_replica = 2.0 / replicas
    return webhook_bench.Run(
        replicas=replicas,
        throughput=throughput,
        p50_ms=3.0,
        p99_ms=12.0,
        rate=200.0,
        lost=0,
        duplicated=0,
        cpu=[1.0] * replicas,
        load_cpu=0.1,
        database_cpu=0.3,
        updates=1620,
        burst_cpu=([per_replica] * replicas, 0.2, 0.6),
        burst=1000,
        burst_others=0.0,
        load_average=1.0,
    )


def test_rounds_alternate_the_counts_and_the_ratio_is_the_median_of_the_rounds(monkeypatch):
    started: list[int] = []
    # What the machine gives each run in turn: round 2 meets other work on the two-replica run.
    throughputs = iter([400.0, 600.0, 300.0, 400.0, 400.0, 560.0])

    async def bench(url: str, replicas: int, burst: int, rate: float, seconds: float):
        started.append(replicas)
        return canned(replicas, next(throughputs))

    monkeypatch.setattr(webhook_bench, "_bench", bench)
    report, met = webhook_bench.main("postgresql://bench", [1, 2], rounds=3)

    assert started == [1, 2, 2, 1, 1, 2], "forwards, backwards, forwards"
    assert "3 rounds, in turn [1, 2] and [2, 1]." in report, "the header says the order run"
    assert met
    # Round 2 ran two replicas first (300/s), then one (400/s): 0.75×.
    assert "two replicas / one: 1.50 / 0.75 / 1.40×, median 1.40× (target ≥ 1.3×)" in report
    rows = [line.split() for line in report.splitlines() if line[:5].strip().isdigit()]
    assert [(row[0], row[1], row[2]) for row in rows[:6]] == [
        ("1", "1", "400"),
        ("1", "2", "600"),
        ("2", "1", "400"),
        ("2", "2", "300"),
        ("3", "1", "400"),
        ("3", "2", "560"),
    ]


def test_one_round_reports_as_before_without_a_median(monkeypatch):
    async def bench(url: str, replicas: int, burst: int, rate: float, seconds: float):
        return canned(replicas, 400.0 * replicas)

    monkeypatch.setattr(webhook_bench, "_bench", bench)
    report, _ = webhook_bench.main("postgresql://bench", [1, 2])
    assert "two replicas / one: 2.00× (target ≥ 1.3×)" in report
    assert "median" not in report


@pytest.mark.parametrize("counts", [[1], [2]])
def test_a_single_count_prints_no_ratio(monkeypatch, counts):
    async def bench(url: str, replicas: int, burst: int, rate: float, seconds: float):
        return canned(replicas, 400.0)

    monkeypatch.setattr(webhook_bench, "_bench", bench)
    report, met = webhook_bench.main("postgresql://bench", counts, rounds=2)
    assert met and "two replicas / one" not in report

"""The statistics service against rows with known counts."""

from __future__ import annotations

import datetime as dt

from bot.services.statistics import NO_STATUS, StatisticsService, local_date, week_start
from tests.public import factories as make


def tally(tallies, key):
    return next(t.count for t in tallies if t.key == key)


async def test_questions_outcomes_and_topics_are_counted(services):
    # 6 answered outright (4 on one LOTAIP entry, 2 on the commitments lookup), 3 with choices,
    # 2 fallbacks, 1 greeting.
    await make.questions(services, 4, "answer", "lotaip-que-es")
    await make.questions(services, 2, "commitments")
    await make.questions(services, 2, "suggest")
    await make.questions(services, 1, "picked", "lotaip-que-es")
    await make.questions(services, 2, "fallback")
    await make.questions(services, 1, "smalltalk")
    stats = await services.statistics.compute()
    assert stats.questions_total == 12
    assert tally(stats.outcomes, "answered") == 6
    assert tally(stats.outcomes, "choices") == 3
    assert tally(stats.outcomes, "fallback") == 2
    assert tally(stats.outcomes, "other") == 1
    assert stats.outcome_share("answered") == 0.5
    assert stats.top_topics[0].key == "acceso-informacion"
    assert stats.top_topics[0].count == 5


async def test_questions_per_week_cover_twelve_weeks_in_ecuador_time(services):
    await make.questions(services, 3, "answer", "lotaip-que-es", asked_at=make.ago(0))
    await make.questions(services, 2, "fallback", asked_at=make.ago(14))
    await make.questions(services, 1, "fallback", asked_at=make.ago(200))  # outside the chart
    stats = await services.statistics.compute()
    weeks = stats.questions_per_week
    assert len(weeks) == 12
    this_week = week_start(local_date(make.NOW))
    assert weeks[-1].key == this_week.isoformat()
    assert weeks[-1].count == 3
    two_ago = week_start(local_date(make.ago(14))).isoformat()
    assert tally(weeks, two_ago) == 2
    assert sum(w.count for w in weeks) == 5
    assert stats.questions_total == 6


async def test_proposals_by_status_category_province_and_response_times(services):
    # Responses after 1, 2 and 6 days; deadlines 3 days after arrival: two in time, one late.
    await make.proposal(
        services,
        status="en_revision",
        responded_after_days=1,
        deadline_in_days=3,
        created=make.ago(20),
    )
    await make.proposal(
        services,
        status="respondida",
        responded_after_days=2,
        deadline_in_days=3,
        created=make.ago(20),
        category="participacion",
        province="Guayas",
    )
    await make.proposal(
        services,
        status="aceptada",
        responded_after_days=6,
        deadline_in_days=3,
        created=make.ago(20),
        province=None,
    )
    # Two open and never answered: one past its deadline, one not yet.
    await make.proposal(services, created=make.ago(30), deadline_in_days=10)
    await make.proposal(services, created=make.ago(1), deadline_in_days=10, category="integridad")
    stats = await services.statistics.compute()
    assert stats.proposals_total == 5
    assert tally(stats.proposals_by_status, "recibida") == 2
    assert tally(stats.proposals_by_status, "en_revision") == 1
    assert tally(stats.proposals_by_status, "descartada") == 0
    assert tally(stats.proposals_by_category, "transparencia") == 3
    assert tally(stats.proposals_by_category, "participacion") == 1
    assert tally(stats.proposals_by_category, "integridad") == 1
    assert stats.proposals_by_province[0].key == "Pichincha"
    assert tally(stats.proposals_by_province, "Pichincha") == 3
    assert tally(stats.proposals_by_province, "sin_provincia") == 1
    assert stats.responded == 3
    assert stats.median_days_to_response == 2.0
    assert stats.within_deadline == 2
    assert round(stats.within_deadline_share or 0, 3) == 0.667
    # Overdue = still open past the deadline: the month-old one and the one still under review.
    assert stats.overdue == 2


async def test_commitments_by_status_and_followers(services):
    commitments = services.plans.kb.commitments
    await make.commitment_update(services, "paga-1-c03", "substantial", "Avance publicado")
    await make.follow(services, "paga-1-c03", 3)
    await make.follow(services, "paga-1-c01", 1)
    stats = await services.statistics.compute()
    assert tally(stats.commitments_by_status, "substantial") == 1
    assert tally(stats.commitments_by_status, NO_STATUS) == len(commitments) - 1
    assert [(t.key, t.count) for t in stats.followers] == [("paga-1-c03", 3), ("paga-1-c01", 1)]


async def test_an_empty_database_gives_zeros_not_errors(services):
    stats = await services.statistics.compute()
    assert stats.questions_total == 0
    assert stats.median_days_to_response is None
    assert stats.within_deadline_share is None
    assert all(t.share == 0 for t in stats.outcomes)


async def test_the_snapshot_is_recomputed_at_most_once_a_minute(services):
    now = [1000.0]
    cached = StatisticsService(
        services.db, lambda: services.knowledge.kb, services.plans, clock=lambda: now[0]
    )
    first = await cached.snapshot()
    await make.questions(services, 2, "fallback")
    now[0] += 59
    assert (await cached.snapshot()) is first  # still the same minute
    now[0] += 2
    fresh = await cached.snapshot()
    assert fresh.questions_total == first.questions_total + 2
    assert isinstance(fresh.computed_at, dt.datetime)

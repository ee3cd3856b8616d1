"""Working days skip Ecuador's public holidays; dates read as people write them."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.render.dates import format_date
from bot.render.texts import render
from bot.services.proposals import add_working_days
from bot.web.texts import panel_text

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Carnaval 2026 is Monday 16 and Tuesday 17 February.
        (D(2026, 2, 13), 1, D(2026, 2, 18)),  # Friday + 1 → Wednesday after Carnaval
        (D(2026, 2, 12), 3, D(2026, 2, 19)),  # Thu + 3 → Fri 13, Wed 18, Thu 19
        (D(2026, 2, 13), 10, D(2026, 3, 3)),
        # Christmas 2026 is a Friday; 1 January 2027 too.
        (D(2026, 12, 24), 1, D(2026, 12, 28)),
        (D(2026, 12, 23), 2, D(2026, 12, 28)),  # Thu 24, (Fri 25 holiday), Mon 28
        (D(2026, 12, 24), 10, D(2027, 1, 11)),  # 28-31 Dec, (1 Jan), 4-8 Jan, 11 Jan
        # Carnaval 2027 is Monday 8 and Tuesday 9 February.
        (D(2027, 2, 5), 1, D(2027, 2, 10)),
        # No holiday in the way: weekends only.
        (D(2026, 3, 2), 5, D(2026, 3, 9)),
    ],
)
def test_review_deadlines_skip_ecuadors_public_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


def test_dates_read_in_the_citizens_language():
    assert format_date(D(2026, 12, 15), "es") == "15 de diciembre de 2026"
    assert format_date(D(2026, 12, 15), "en") == "December 15, 2026"
    assert (
        format_date(dt.datetime(2026, 2, 1, 23, 0, tzinfo=dt.UTC), "es") == "1 de febrero de 2026"
    )


def test_a_moment_reads_as_its_day_in_ecuador_not_in_utc():
    evening_in_quito = dt.datetime(2026, 12, 2, 2, 30, tzinfo=dt.UTC)  # 1 Dec, 21:30 in Quito
    assert format_date(evening_in_quito, "es") == "1 de diciembre de 2026"
    assert format_date(evening_in_quito.replace(tzinfo=None), "en") == "December 1, 2026"


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("es", 1, "1 día de retraso"),
        ("es", 3, "3 días de retraso"),
        ("es", 0, "0 días"),
        ("en", 1, "1 day late"),
        ("en", 2, "2 days late"),
        ("en", 0, "0 days"),
    ],
)
def test_counts_take_their_languages_plural_form(language, days, expected):
    assert expected in render("staff.overdue_days", language, days=days) + panel_text(
        "proposals.days_late", language, days=days
    ) + panel_text("proposals.days_left", language, days=days)

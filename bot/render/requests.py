"""How information requests look on Telegram: channels, deadlines, lists, reminders (HTML)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.render.dates import format_date
from bot.render.texts import render
from bot.services.notices import Action, NoticeButtons, RequestReminderNotice
from bot.services.requests import RequestView, legal_deadline, reminder_time
from knowledge.schema import Institution

ANSWERS = ("yes", "partial", "no", "extension")


def channel_text(institution: Institution | None, language: str) -> str:
    """How the institution receives requests where the sources say so; else how to find out."""
    if institution is not None and institution.requests.known and institution.requests.how:
        channel = institution.requests
        return render(
            "request.channel_known",
            language,
            how=channel.how.get(language) if channel.how else "",
            url=str(channel.url or ""),
            source=str(channel.source or ""),
        )
    site = ""
    if institution is not None and institution.website is not None:
        site = render("request.channel_site", language, website=str(institution.website))
    return render("request.channel_unknown", language, site=site)


def institution_chosen(name: str, institution: Institution | None, language: str) -> str:
    """ "Institución: …" and how to submit there."""
    return (
        render("request.institution_chosen", language, name=name)
        + "\n\n"
        + channel_text(institution, language)
    )


def description_tips(warnings: Sequence[str], language: str) -> str:
    """What could make the description more precise."""
    lines = [render("request.check_intro", language)]
    lines += [render(f"request.warning.{warning}", language) for warning in warnings]
    return "\n".join(lines)


def reminder_day(deadline: dt.date, language: str) -> str:
    """The day the "¿Le respondieron?" reminder arrives, in words."""
    return format_date(reminder_time(deadline).date(), language)


def deadline_text(view: RequestView, language: str) -> str:
    """The deadline, the deadline with the extension, and when the reminder comes."""
    assert view.submitted_on is not None and view.deadline is not None
    return render(
        "request.deadline",
        language,
        submitted=format_date(view.submitted_on, language),
        deadline=format_date(view.deadline, language),
        extended=format_date(legal_deadline(view.submitted_on, extended=True), language),
        reminder=reminder_day(view.deadline, language),
    )


def extended_text(view: RequestView, language: str) -> str:
    """The new deadline after the extension."""
    assert view.deadline is not None
    return render(
        "request.extended",
        language,
        deadline=format_date(view.deadline, language),
        reminder=reminder_day(view.deadline, language),
    )


def status_text(view: RequestView, language: str) -> str:
    """ "en plazo", "respondida en parte (con prórroga)"…"""
    status = render(f"request.status.{view.status}", language)
    return status + (render("request.extended_note", language) if view.extended else "")


def listing_text(views: Sequence[RequestView], language: str) -> str:
    """/mis_solicitudes: institution, subject, dates and status of each request."""
    if not views:
        return render("request.mine_none", language)
    lines = [render("request.mine_title", language)]
    for view in views:
        lines.append(
            render(
                "request.mine_item",
                language,
                institution=view.institution_name,
                subject=view.subject,
                submitted=format_date(view.submitted_on, language),
                deadline=format_date(view.deadline, language),
                status=status_text(view, language),
            )
        )
    return "\n".join(lines)


def reminder_text(notice: RequestReminderNotice) -> str:
    """The outbox message at the deadline."""
    return render(
        "request.reminder",
        notice.language,
        institution=notice.institution,
        subject=notice.subject,
        submitted=format_date(notice.submitted_on, notice.language),
        deadline=format_date(notice.deadline, notice.language),
    )


def answer_buttons(request_id: int, can_extend: bool, language: str) -> NoticeButtons:
    """[✅ Sí] [🟡 En parte] [❌ No] [⏳ Me pidieron prórroga] (the last only once)."""
    return [
        [
            (
                render(f"request.answer.{answer}", language),
                Action("request_answer", (request_id, answer)),
            )
        ]
        for answer in ANSWERS
        if answer != "extension" or can_extend
    ]


def reminder_buttons(notice: RequestReminderNotice) -> NoticeButtons:
    """The four answers under the reminder."""
    return answer_buttons(notice.request_id, notice.can_extend, notice.language)

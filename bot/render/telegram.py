"""Telegram HTML for service results: answers, commitment cards and lists, notices.

Every value is escaped, either by :func:`bot.render.texts.render` or by :func:`escape` here, so a
citizen's or staff member's words can never break the markup.
"""

from __future__ import annotations

from functools import lru_cache

from bot.render import requests
from bot.render.dates import format_date, format_moment, format_month
from bot.render.numbers import format_percent
from bot.render.texts import escape, render
from bot.services.answers import AnsweredEntry, Reply
from bot.services.notices import (
    Action,
    CommitmentUpdateNotice,
    DraftExpiredNotice,
    Notice,
    NoticeButtons,
    ProposalNotice,
    ProposalPublishedNotice,
    RequestDraftExpiredNotice,
    RequestReminderNotice,
    StaffAlertNotice,
    StaffAnswerNotice,
)
from bot.services.plans import CommitmentMatches, CommitmentStatus, CommitmentView
from bot.services.privacy import DataExport, ErasureReport
from bot.services.proposals import Proposal, is_overdue
from bot.services.public_needs import PublicNeed
from bot.services.statistics import Statistics
from knowledge.referrals import Scope
from knowledge.schema import Commitment, Plan


def commitment_matches(matches: CommitmentMatches, language: str) -> str:
    """What to tell a citizen whose question named commitments: a card, a list, or why none."""
    found = matches.items
    if len(found) == 1:
        return commitment_card(found[0], language)
    if found:
        if matches.kind == "institution" and matches.institution:
            heading = render("plan.match_institution", language, institution=matches.institution)
        elif matches.kind == "result" and matches.value:
            value = render(f"results.{matches.value}", language)
            heading = render("plan.match_result", language, value=value)
        else:
            heading = render("plan.match_list", language)
        return format_match_list(heading, found, language)
    if matches.kind == "number":
        of_plan = (
            render("plan.of_plan", language, plan=matches.plan.name.get(language))
            if matches.plan
            else ""
        )
        text = render("plan.match_none_number", language, number=matches.number, plan=of_plan)
        if matches.plan is not None:
            # What is known of that plan, as of when, and where to check.
            text += "\n\n" + escape(matches.plan.summary.get(language))
        return text
    if matches.kind == "result" and matches.value:
        value = render(f"results.{matches.value}", language)
        return render("plan.match_none_result", language, value=value)
    if matches.kind == "completion":
        return render("plan.match_none_completion", language)
    return render("plan.match_none", language)


def commitment_card(view: CommitmentView, language: str) -> str:
    """A commitment card as Telegram HTML."""
    return format_card(view.commitment, view.plan, view.status, language)


MAX_SOURCES_SHOWN = 4


def _sources_line(entry: AnsweredEntry) -> str:
    # The content orders sources so that the ones backing the answer come first.
    shown = entry.sources[:MAX_SOURCES_SHOWN]
    key = "answer.source" if len(shown) == 1 else "answer.sources"
    return render(key, entry.language, sources=", ".join(shown))


@lru_cache(maxsize=4096)
def entry_html(entry: AnsweredEntry) -> str:
    """An entry as a chat message: question, answer and the sources that back it."""
    return (
        f"<b>{escape(entry.question)}</b>\n\n"
        f"{escape(entry.answer)}\n\n"
        f"<i>{_sources_line(entry)}</i>"
    )


def detail_html(entry: AnsweredEntry) -> str:
    """An entry's detail ("📖 Más detalles") as a chat message."""
    return f"<b>{escape(entry.question)}</b>\n\n{escape(entry.detail or entry.answer)}"


def reply_html(
    reply: Reply, *, fallback_key: str = "answer.fallback", related_heading: bool = True
) -> str:
    """A reply as Telegram HTML (the buttons are the handler's)."""
    language = reply.language
    if reply.decision == "answer" and reply.entry is not None:
        if reply.related and related_heading:
            return f"{entry_html(reply.entry)}\n\n{render('answer.related', language)}"
        return entry_html(reply.entry)
    if reply.decision == "commitments" and reply.matches is not None:
        return commitment_matches(reply.matches, language)
    if reply.decision == "smalltalk" and reply.smalltalk is not None:
        return escape(reply.smalltalk)
    if reply.decision == "suggest":
        return render("answer.suggest", language)
    if reply.decision == "too_long":
        return render("answer.too_long", language, length=reply.length, limit=reply.limit)
    if reply.decision == "empty":
        return render("answer.empty", language)
    if not reply.scope.for_the_team:
        return scope_text(reply.scope, language)
    return render(fallback_key, language, as_of=format_month(reply.reviewed, language))


def scope_text(scope: Scope, language: str) -> str:
    """Where an out-of-scope question belongs: the institution and its official site."""
    if scope.referral is not None:
        institution = scope.referral.institution.get(language) or scope.referral.institution["es"]
        return render("referral.where", language, institution=institution, url=scope.referral.url)
    return render("referral.out_of_scope", language)


def proposal_status_fields(proposal: Proposal, language: str) -> dict[str, str]:
    """The ``status`` name and the ``overdue`` suffix (" (plazo vencido)") for templates."""
    overdue = render("proposal.overdue", language) if is_overdue(proposal) else ""
    return {
        "status": render(f"proposal.status.{proposal.status}", language),
        "overdue": overdue,
    }


def actor_text(actor: str, language: str) -> str:
    """Who signed a proposal's event as staff read it: "equipo 5c2e3702", not "equipo:5c2e3702"."""
    if actor.startswith("equipo:"):
        return render("staff.actor_staff", language, id=escape(actor.removeprefix("equipo:")))
    if actor == "ciudadano":
        return render("staff.actor_citizen", language)
    return escape(actor)


def help_text(language: str) -> str:
    """The help text with every feature's extra lines."""
    extra = render("help.extra", language) + "\n" + render("help.requests", language)
    return render("help", language) + f"\n{extra}"


def data_summary(export: DataExport, language: str) -> str:
    """The /mis_datos message: what is held, counted (the JSON file has it all)."""
    chosen = (
        render(f"language.name.{export.language}", language)
        if export.language
        else render(
            "data.language_unset", language, client=render(f"language.name.{language}", language)
        )
    )
    return render(
        "data.summary",
        language,
        pseudonym=str(export.pseudonym)[:12] + "…",
        chosen_language=chosen,
        proposals=len(export.proposals),
        questions=len(export.questions),
        follows=len(export.commitments_followed),
        supports=len(export.proposals_supported),
        requests=len(export.information_requests),
    ) + render("data.pseudonym_note", language)


def erasure_text(report: ErasureReport, language: str) -> str:
    """What /borrar_mis_datos removed and what it kept."""
    return render(
        "erase.done",
        language,
        follows=report.follows_removed,
        notifications=report.notifications_removed,
        drafts=report.drafts_removed,
        proposals=report.proposals_anonymised,
        questions=report.questions_anonymised,
        supports=report.supports_anonymised,
        requests=report.requests_anonymised,
        request_drafts=report.request_drafts_removed,
    ) + render("erase.pseudonym_note", language)


def notice_text(notice: Notice) -> str:
    """The Telegram message for an outbox notice."""
    language = notice.language
    if isinstance(notice, CommitmentUpdateNotice):
        return render(
            "plan.notify",
            language,
            title=notice.title,
            status=render(f"status.{notice.status}", language),
            note=notice.note,
            date=format_date(notice.as_of, language),
            source=notice.source,
        )
    if isinstance(notice, ProposalNotice):
        detail = ""
        if notice.message:
            detail = render("proposal.notify_message", language, message=notice.message)
        if notice.derived_to and notice.status == "derivada":
            detail += render("proposal.notify_derived", language, institution=notice.derived_to)
        if notice.reason and notice.status == "descartada":
            detail += render("proposal.notify_reason", language, reason=notice.reason)
        key = "proposal.notify_author" if notice.to_author else "proposal.notify_supporter"
        status = render(f"proposal.status.{notice.status}", language)
        return render(key, language, code=notice.code, status=status) + detail
    if isinstance(notice, DraftExpiredNotice):
        return render("propose.expired", language)
    if isinstance(notice, StaffAlertNotice):
        if notice.kind == "proposal":
            category = render(f"category.{notice.category or 'otro'}", language)
            return render(
                "staff.new_proposal",
                language,
                code=notice.reference,
                category=category,
                excerpt=notice.excerpt,
            )
        return render("staff.new_question", language, ref=notice.reference, excerpt=notice.excerpt)
    if isinstance(notice, ProposalPublishedNotice):
        return render("needs.published", language, code=notice.code, text=notice.public_text)
    if isinstance(notice, RequestReminderNotice):
        return requests.reminder_text(notice)
    if isinstance(notice, RequestDraftExpiredNotice):
        return render("request.expired", language)
    assert isinstance(notice, StaffAnswerNotice)
    return render("staffq.answer", language, question=notice.question, answer=notice.answer)


def notice_buttons(notice: Notice) -> NoticeButtons | None:
    """The buttons under an outbox notice, if it has any (the deadline reminder's answers)."""
    if isinstance(notice, RequestReminderNotice):
        return requests.reminder_buttons(notice)
    if isinstance(notice, StaffAlertNotice):
        if notice.kind == "proposal":
            label, name = render("staff.open_proposal", notice.language), "staff_view"
        else:
            label, name = render("staff.answer_now", notice.language), "staff_answer"
        return [[(label, Action(name, (notice.target_id,)))]]
    return None


PROGRESS = {"not-started": 0, "limited": 1, "substantial": 3, "complete": 4}


def progress_bar(status: str | None) -> str:
    """A four-cell bar for the completion scale ("▰▰▰▱" is substantial)."""
    if status not in PROGRESS:
        return ""
    filled = PROGRESS[status]
    return "▰" * filled + "▱" * (4 - filled)


def status_label(status: str | None, language: str) -> str:
    """The name of a completion level, or "sin información verificada"."""
    return render(f"status.{status}", language) if status else render("unverified", language)


def known_about(commitment: Commitment, status: str | None, language: str) -> str:
    """What is known of a commitment for a list line: its completion, else the IRM's findings."""
    if status:
        return render(f"status.{status}", language)
    known = []
    results = commitment.assessment.early_results.value
    if results:
        known.append(
            render("plan.known_results", language, value=render(f"results.{results}", language))
        )
    ambition = commitment.assessment.ambition.value
    if ambition:
        known.append(
            render("plan.known_ambition", language, value=render(f"ambition.{ambition}", language))
        )
    return " · ".join(known) if known else render("plan.known_nothing", language)


def format_card(
    commitment: Commitment, plan: Plan | None, status: CommitmentStatus, language: str
) -> str:
    """A commitment card as Telegram HTML: title, plan, people, status, results, sources."""
    unverified = render("unverified", language)
    lines = [f"<b>{escape(commitment.title)}</b>"]
    number = (
        render("card.number", language, number=commitment.number)
        if commitment.number is not None
        else render("card.no_number", language)
    )
    lines.append(f"{escape(plan.name.get(language)) if plan else ''} · {number}")
    lines.append("")
    lines.append(escape(commitment.summary.get(language)))
    lines.append("")
    lead = commitment.lead_institution or unverified
    lines.append(render("card.lead", language, lead=lead))
    if commitment.lead_note is not None:
        lines.append(f"<i>{escape(commitment.lead_note.get(language))}</i>")
    if commitment.counterparts:
        lines.append(
            render("card.counterparts", language, names=", ".join(commitment.counterparts))
        )
    lines.append("")
    lines.append(
        render(
            "card.status",
            language,
            status=status_label(status.value, language),
            bar=progress_bar(status.value),
        ).rstrip()
    )
    lines.append(render("card.legend", language))
    if status.from_update and status.note:
        lines.append(render("card.staff_note", language, note=status.note))
    if status.as_of and status.source:
        lines.append(render("card.as_of", language, date=status.as_of, source=status.source))
    results = commitment.assessment.early_results
    lines.append(
        render(
            "card.results",
            language,
            value=render(f"results.{results.value}", language) if results.value else unverified,
        )
    )
    if results.value and results.as_of and results.source:
        lines.append(render("card.as_of", language, date=results.as_of, source=str(results.source)))
    ambition = commitment.assessment.ambition
    if ambition.value:
        lines.append(
            render("card.ambition", language, value=render(f"ambition.{ambition.value}", language))
        )
    if commitment.milestones:
        lines.append(render("card.milestones", language))
        lines.extend(f"• {escape(m.get(language))}" for m in commitment.milestones)
    lines.append("")
    lines.append(
        render("card.sources", language, sources=", ".join(str(u) for u in commitment.sources[:3]))
    )
    return "\n".join(lines)


def format_match_list(heading: str, views: tuple[CommitmentView, ...], language: str) -> str:
    """A list of commitments under a heading (already safe HTML), one line each."""
    lines = [heading]
    for view in views:
        commitment, plan = view.commitment, view.plan
        number = f"n.º {commitment.number} · " if commitment.number is not None else ""
        plan_name = plan.name.get(language) if plan else commitment.plan
        status = known_about(commitment, view.status.value, language)
        lines.append(
            f"• {escape(number)}<b>{escape(commitment.title)}</b> "
            f"({escape(plan_name)}) — {escape(status)}"
        )
    return "\n".join(lines)


def statistics_text(stats: Statistics, language: str, url: str | None = None) -> str:
    """The key public figures as a Telegram message."""

    def percent(value: float | None) -> str:
        return render("stats.none", language) if value is None else format_percent(value, language)

    has_questions = stats.questions_total > 0
    median = stats.median_days_to_response
    text = render(
        "stats.message",
        language,
        questions=stats.questions_total,
        answered=percent(stats.outcome_share("answered") if has_questions else None),
        choices=percent(stats.outcome_share("choices") if has_questions else None),
        fallback=percent(stats.outcome_share("fallback") if has_questions else None),
        proposals=stats.proposals_total,
        median=render("stats.none", language) if median is None else f"{median:g}",
        within=percent(stats.within_deadline_share),
        overdue=stats.overdue,
        when=format_moment(stats.computed_at, language),
    )
    if url:
        text += "\n" + render("stats.more", language, url=url)
    return text


def need_card(need: PublicNeed, language: str, url: str | None = None) -> str:
    """A published need: code, category, province, status, supports, text and answer."""
    text = render(
        "needs.card",
        language,
        code=need.code,
        category=render(f"category.{need.category}", language),
        province=f" · {need.province}" if need.province else "",
        status=render(f"proposal.status.{need.status}", language),
        supports=need.supports,
        text=need.text,
    )
    if need.derived_to and need.status == "derivada":
        text += render("needs.card_derived", language, institution=need.derived_to)
    if need.public_answer:
        text += render("needs.card_answer", language, answer=need.public_answer)
    text += render("needs.share", language, code=need.code)
    if url:
        text += render("needs.share_link", language, url=url)
    return text

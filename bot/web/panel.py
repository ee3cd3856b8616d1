"""The staff panel: sign-in, dashboard, questions → knowledge, knowledge, commitments, audit.

Every page needs a staff session except the login page and the sign-in link. Every POST carries
the session's CSRF token; without it the answer is 403 and nothing changes. The staff list is
read at each request, so an id removed from STAFF_TELEGRAM_IDS loses access at once.
"""

from __future__ import annotations

import datetime as dt
import hmac
import math
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web
from aiohttp_session import Session, get_session, new_session

from bot.context import staff_actor
from bot.models import ecuador_today
from bot.render.dates import ECUADOR
from bot.render.texts import render, to_plain
from bot.services.audit import audit
from bot.services.knowledge import KnowledgeError, entry_from_form
from bot.services.panel_auth import SESSION_IDLE
from bot.services.plans import COMPLETION_LEVELS, UnknownCommitment
from bot.services.proposal_queue import SORTS, QueueFilter
from bot.services.proposals import CATEGORIES, PROVINCES, TRANSITIONS, FlowError, allowed_moves
from bot.services.review import ReviewError
from bot.web.texts import (
    PANEL_TEXTS,
    action_text,
    actor_text,
    audit_details,
    entry_problems,
    panel_text,
)
from knowledge.normalize import fold

if TYPE_CHECKING:
    from bot.context import Services
    from bot.services.proposal_queue import ProposalDetail

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
PANEL_SERVICES: web.AppKey[Services] = web.AppKey("panel_services")
STAFF_ID = web.RequestKey("staff_id", int)
PUBLIC = {"login", "link"}


def clock() -> float:
    """Seconds since the epoch (tests move it to reach the idle timeout)."""
    return time.time()


PAGE_SIZE = 50


def services_of(request: web.Request) -> Services:
    """The services of the running bot."""
    return request.config_dict[PANEL_SERVICES]


async def language(request: web.Request) -> str:
    """The panel language: Spanish first, English when chosen."""
    session = await get_session(request)
    return "en" if session.get("lang") == "en" else "es"


def csrf_token(session: Session) -> str:
    """The session's CSRF token, created on first use."""
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        session["csrf"] = token
    return str(token)


async def render_page(
    request: web.Request, template: str, status: int = 200, **context: Any
) -> web.Response:
    """Render a page with the helpers every template uses."""
    session = await get_session(request)
    lang = "en" if session.get("lang") == "en" else "es"

    def t(key: str, **values: object) -> str:
        return panel_text(key, lang, **values)

    context.update(
        t=t,
        action=lambda code: action_text(code, lang),
        who=lambda name: actor_text(name, lang),
        details=lambda row: audit_details(row.action, row.detail, lang),
        lang=lang,
        csrf=csrf_token(session),
        actor=session.get("actor"),
        signed_in=request.get(STAFF_ID) is not None,
        path=request.path_qs,
        flash=session.pop("flash", None),
    )
    return aiohttp_jinja2.render_template(template, request, context, status=status)


async def flash(request: web.Request, key: str, **values: object) -> None:
    """Show a message on the next page."""
    session = await get_session(request)
    session["flash"] = panel_text(key, await language(request), **values)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Sessions, staff check, idle timeout and CSRF, before any panel handler runs."""
    session = await get_session(request)
    name = request.match_info.route.name
    staff_id = session.get("staff_id")
    now = clock()
    if staff_id is not None:
        if now - float(session.get("seen", 0)) > SESSION_IDLE.total_seconds():
            lang = session.get("lang")
            session.invalidate()
            session = await new_session(request)
            if lang:
                session["lang"] = lang
            session["flash"] = panel_text("login.expired_session", lang or "es")
            staff_id = None
        elif not services_of(request).panel_auth.is_staff(int(staff_id)):
            session.invalidate()
            request.pop(STAFF_ID, None)
            return await render_page(request, "message.html", 403, kind="denied")
        else:
            session["seen"] = now
            request[STAFF_ID] = int(staff_id)
    if request.method == "POST":
        form = await request.post()
        sent = str(form.get("csrf", ""))
        expected = str(session.get("csrf", ""))
        if not expected or not hmac.compare_digest(sent, expected):
            return await render_page(request, "message.html", 403, kind="csrf")
    if name not in PUBLIC and name != "language" and staff_id is None:
        raise web.HTTPFound(request.app.router["login"].url_for())
    try:
        if any("\x00" in value for value in request.match_info.values()):
            # No entry, proposal or token has a NUL byte in it, and PostgreSQL refuses to
            # even look one up: /panel/knowledge/abc%00 is an address that does not exist.
            raise web.HTTPNotFound()
        return await handler(request)
    except web.HTTPNotFound:  # aiohttp's bare "404: Not Found" text, in English
        return await render_page(request, "message.html", 404, kind="notfound")


def actor(request: web.Request) -> str:
    """How this staff member signs their actions."""
    return staff_actor(services_of(request).citizens, request[STAFF_ID])


def page_number(request: web.Request) -> int:
    """The ``?page=`` asked for, 1 when absent or not a number."""
    value = request.query.get("page", "")
    return max(int(value), 1) if value.isdigit() and len(value) < 7 else 1


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit() and len(v) <= 18][:500]


# -- sign-in ------------------------------------------------------------------------------------


async def login(request: web.Request) -> web.StreamResponse:
    """The page that explains how to get in."""
    if request.get(STAFF_ID) is not None:
        raise web.HTTPFound("/panel/")
    return await render_page(request, "login.html")


async def link(request: web.Request) -> web.StreamResponse:
    """A sign-in link: GET asks to confirm (link previews must not use it up); POST signs in."""
    token = request.match_info["token"]
    if request.method == "GET":
        return await render_page(request, "link.html", token=token)
    result = await services_of(request).panel_auth.redeem(token)
    if result.outcome != "ok":
        return await render_page(
            request, "message.html", 400 if result.outcome != "not_staff" else 403,
            kind="link", reason=result.outcome,
        )  # fmt: skip
    old = await get_session(request)
    lang = old.get("lang")
    old.invalidate()
    session = await new_session(request)  # a fresh session id: no fixation
    session["staff_id"] = result.staff_id
    session["seen"] = clock()
    session["actor"] = staff_actor(services_of(request).citizens, int(result.staff_id or 0))
    if lang:
        session["lang"] = lang
    raise web.HTTPFound("/panel/")


async def sign_out(request: web.Request) -> web.StreamResponse:
    """End the session: GET (a bookmark, a typed address) asks to confirm; the POST signs out."""
    if request.method != "POST":
        return await render_page(request, "message.html", kind="sign_out")
    services = services_of(request)
    async with services.db.session() as db:
        audit(db, actor(request), "panel.sign_out")
        await db.commit()
    session = await get_session(request)
    lang = session.get("lang")
    session.invalidate()
    fresh = await new_session(request)
    if lang:
        fresh["lang"] = lang
    fresh["flash"] = panel_text("login.signed_out", lang or "es")
    raise web.HTTPFound("/panel/login")


async def choose_language(request: web.Request) -> web.StreamResponse:
    """Switch between Spanish and English and go back (a plain link, no script)."""
    session = await get_session(request)
    session["lang"] = "en" if request.match_info["lang"] == "en" else "es"
    back = request.query.get("next", "/panel/")
    if not back.startswith("/panel/") or back.startswith("//"):
        back = "/panel/"
    raise web.HTTPFound(back)


# -- pages --------------------------------------------------------------------------------------


async def dashboard(request: web.Request) -> web.StreamResponse:
    """Counts of what waits, and the latest activity."""
    services = services_of(request)
    groups = await services.review.groups()
    _, open_total = await services.proposal_queue.search(QueueFilter(status="open"), 1)
    _, overdue = await services.proposal_queue.search(QueueFilter(overdue=True), 1)
    recent, _ = await services.audit.recent(10)
    return await render_page(
        request,
        "dashboard.html",
        groups=len(groups),
        sent=await services.questions.count_pending(),
        proposals=open_total,
        overdue=overdue,
        entries=len(services.knowledge.kb.entries),
        edited=len(await services.knowledge.edited_ids()),
        version=services.knowledge.applied_version,
        rebuild_ms=round(services.knowledge.last_rebuild_seconds * 1000),
        recent=recent,
    )


async def questions(request: web.Request) -> web.StreamResponse:
    """Questions to learn from, grouped by similar wording."""
    services = services_of(request)
    groups = await services.review.groups()
    page = page_number(request)
    pages = max(math.ceil(len(groups) / PAGE_SIZE), 1)
    shown = groups[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    kb = services.knowledge.kb
    return await render_page(
        request, "questions.html", groups=shown, page=page, pages=pages, kb=kb,
        error=request.query.get("error"),
    )  # fmt: skip


async def question_action(request: web.Request) -> web.StreamResponse:
    """Answer, mark out of scope or dismiss a group of questions."""
    services = services_of(request)
    form = await request.post()
    log_ids = _ids([str(v) for v in form.getall("log_id", [])])
    action = request.match_info["action"]
    try:
        if action == "answer":
            count = await services.review.answer(
                log_ids, str(form.get("answer", "")), actor(request)
            )
            await flash(request, "questions.done_answered", count=count)
        elif action == "alternate":
            entry_id = str(form.get("entry_id", ""))
            await services.review.add_as_alternate(log_ids, entry_id, actor(request))
            entry = services.knowledge.kb.entry(entry_id)
            shown = entry.question.get(await language(request)) if entry else entry_id
            await flash(request, "questions.done_alternate", entry=shown)
        elif action in ("out_of_scope", "dismissed"):
            await services.review.mark(log_ids, action, actor(request))
            await flash(request, "questions.done_marked")
        else:
            raise web.HTTPNotFound()
    except ReviewError as error:
        await flash(request, str(error))
    except KnowledgeError as error:
        await flash(request, "entry.problems")
        session = await get_session(request)
        said = entry_problems(error.problems, error.fields, await language(request))
        session["flash"] = f"{session['flash']} {'; '.join(said)}"
    raise web.HTTPFound("/panel/questions")


async def pick_entry(request: web.Request) -> web.StreamResponse:
    """The searchable picker: which entry should learn these wordings."""
    services = services_of(request)
    log_ids = _ids(request.query.getall("log_id", []))
    items = [i for i in await services.review.items() if i.log_id in set(log_ids)]
    wordings = list(dict.fromkeys(i.text for i in items))
    query = request.query.get("q") or (wordings[0] if wordings else "")
    kb = services.knowledge.kb
    found = services.answers.index.search(query).matches if query.strip() else ()
    # Entries the citizens picked under "¿Quiso decir…?" come first: they said it was the one.
    candidates = [e for i in items if i.entry_id and (e := kb.entry(i.entry_id)) is not None]
    candidates += [m.entry for m in found if m.entry not in candidates]
    folded = fold(query)
    candidates += [
        e
        for e in kb.entries
        if folded and (folded in fold(e.question.es) or folded in e.id) and e not in candidates
    ]
    return await render_page(
        request, "picker.html", items=items, wordings=wordings, query=query,
        candidates=candidates[:15], log_ids=[i.log_id for i in items],
    )  # fmt: skip


def _lines(value: object) -> list[str]:
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _entry_data(form: Any) -> dict[str, object]:
    data: dict[str, object] = {
        "id": str(form.get("id", "")).strip(),
        "topic": str(form.get("topic", "")).strip(),
        "question": {
            "es": str(form.get("question_es", "")).strip(),
            "en": str(form.get("question_en", "")).strip(),
        },
        "alternates": {
            "es": _lines(form.get("alternates_es")),
            "en": _lines(form.get("alternates_en")),
        },
        "answer": {
            "es": str(form.get("answer_es", "")).strip(),
            "en": str(form.get("answer_en", "")).strip(),
        },
        "related": _lines(str(form.get("related", "")).replace(",", "\n")),
        "sources": _lines(form.get("sources")),
        "reviewed": str(form.get("reviewed", "")).strip() or ecuador_today().isoformat(),
    }
    detail_es, detail_en = (
        str(form.get("detail_es", "")).strip(),
        str(form.get("detail_en", "")).strip(),
    )
    if detail_es or detail_en:
        data["detail"] = {"es": detail_es, "en": detail_en}
    return data


# What the edit form shows of an entry; the rest (how the engine uses it: ``lists_local_plans``,
# ``lists_commitments_of``) is kept as it was when staff save an edit.
_FORM_FIELDS = frozenset(
    {"id", "topic", "question", "alternates", "answer", "detail", "related", "sources", "reviewed"}
)


def _not_on_the_form(entry: Any) -> dict[str, object]:
    if entry is None:
        return {}
    kept = entry.model_dump(mode="json", exclude=set(_FORM_FIELDS), exclude_defaults=True)
    return dict(kept)


def _form_of(entry: Any) -> dict[str, str]:
    return {
        "id": entry.id,
        "topic": entry.topic,
        "question_es": entry.question.es,
        "question_en": entry.question.en,
        "answer_es": entry.answer.es,
        "answer_en": entry.answer.en,
        "detail_es": entry.detail.es if entry.detail else "",
        "detail_en": entry.detail.en if entry.detail else "",
        "alternates_es": "\n".join(entry.alternates.es),
        "alternates_en": "\n".join(entry.alternates.en),
        "sources": "\n".join(str(s) for s in entry.sources),
        "related": "\n".join(entry.related),
        "reviewed": entry.reviewed.isoformat(),
    }


async def knowledge_list(request: web.Request) -> web.StreamResponse:
    """Browse and search entries, with how often each was served and its 👍/👎."""
    services = services_of(request)
    kb = services.knowledge.kb
    query = request.query.get("q", "").strip()
    topic = request.query.get("topic", "")
    entries = kb.entries
    if topic:
        entries = [e for e in entries if e.topic == topic]
    if query:
        folded = fold(query)
        ranked = [m.entry.id for m in services.answers.index.search(query).matches]
        texts = {
            e.id: fold(
                " ".join([e.id, e.question.es, e.question.en, *e.alternates.es, e.answer.es])
            )
            for e in entries
        }
        entries = [e for e in entries if folded in texts[e.id] or e.id in ranked]
        entries.sort(key=lambda e: ranked.index(e.id) if e.id in ranked else len(ranked))
    return await render_page(
        request, "knowledge.html", entries=entries, query=query, topic=topic, topics=kb.topics,
        topic_names={t.id: t.name.get(await language(request)) for t in kb.topics},
        stats=await services.knowledge.stats(), edited=await services.knowledge.edited_ids(),
    )  # fmt: skip


async def entry_page(request: web.Request) -> web.StreamResponse:
    """One entry: edit form, served counts and its history with restore."""
    services = services_of(request)
    entry_id = request.match_info["entry_id"]
    history = await services.knowledge.history(entry_id)
    entry = services.knowledge.kb.entry(entry_id)
    if entry is None and not history:
        return await render_page(request, "message.html", 404, kind="notfound")
    problems: list[str] = []
    form: dict[str, str] | Any = _form_of(entry) if entry else {"id": entry_id}
    if request.method == "POST":
        posted = await request.post()
        data = {**_not_on_the_form(entry), **_entry_data(posted)}
        data["id"] = entry_id
        try:
            await services.knowledge.save(
                entry_from_form(data), actor(request), str(posted.get("note", "")) or None
            )
            await flash(request, "saved")
            raise web.HTTPFound(f"/panel/knowledge/{entry_id}")
        except KnowledgeError as error:
            problems = entry_problems(error.problems, error.fields, await language(request))
            form = {k: str(v) for k, v in posted.items()}
            form["id"] = entry_id
    stats = (await services.knowledge.stats()).get(entry_id)
    return await render_page(
        request, "entry.html", 422 if problems else 200, entry=entry, form=form,
        problems=problems, history=history, stats=stats, topics=services.knowledge.kb.topics,
        new=False, log_ids=[],
    )  # fmt: skip


async def restore(request: web.Request) -> web.StreamResponse:
    """Make an older version current again."""
    services = services_of(request)
    entry_id = request.match_info["entry_id"]
    form = await request.post()
    version = str(form.get("version", ""))
    known = {str(old.version) for old in await services.knowledge.history(entry_id)}
    if version not in known:
        # Only a forged form names a version the history does not list.
        await flash(request, "entry.unknown_version")
        raise web.HTTPFound(f"/panel/knowledge/{entry_id}")
    try:
        await services.knowledge.restore(entry_id, int(version), actor(request))
        await flash(request, "saved")
    except KnowledgeError as error:
        lang = await language(request)
        said = "; ".join(entry_problems(error.problems, error.fields, lang))
        await flash(request, "entry.restore_refused", problems=said)
    raise web.HTTPFound(f"/panel/knowledge/{entry_id}")


async def new_entry(request: web.Request) -> web.StreamResponse:
    """Create an entry, from scratch or from a group of questions (their wordings prefilled)."""
    services = services_of(request)
    problems: list[str] = []
    if request.method == "POST":
        posted = await request.post()
        log_ids = _ids([str(v) for v in posted.getall("log_id", [])])
        try:
            entry = entry_from_form(_entry_data(posted))
            await services.review.create_entry(log_ids, entry, actor(request))
            await flash(request, "questions.done_created", entry=entry.question.es)
            raise web.HTTPFound(f"/panel/knowledge/{entry.id}")
        except KnowledgeError as error:
            problems = entry_problems(error.problems, error.fields, await language(request))
        except ReviewError as error:
            problems = [panel_text(str(error), await language(request))]
        form: dict[str, str] = {k: str(v) for k, v in posted.items() if k != "log_id"}
    else:
        log_ids = _ids(request.query.getall("log_id", []))
        items = [i for i in await services.review.items() if i.log_id in set(log_ids)]
        wordings = list(dict.fromkeys(i.text for i in items))
        form = {
            "question_es": wordings[0] if wordings else "",
            "alternates_es": "\n".join(wordings[1:]),
            "reviewed": ecuador_today().isoformat(),
        }
    return await render_page(
        request, "entry.html", 422 if problems else 200, entry=None, form=form,
        problems=problems, history=[], stats=None, topics=services.knowledge.kb.topics,
        new=True, log_ids=log_ids,
    )  # fmt: skip


async def commitments(request: web.Request) -> web.StreamResponse:
    """Every commitment with its current status, and the form to record an update."""
    services = services_of(request)
    lang = await language(request)
    error = None
    kept: dict[str, str] = {}
    if request.method == "POST":
        form = await request.post()
        kept = {
            name: str(form.get(name, ""))[:2000]
            for name in ("commitment_id", "status", "note", "source", "as_of")
        }
        source = kept["source"].strip()
        try:
            as_of = dt.date.fromisoformat(kept["as_of"]) if kept["as_of"] else None
        except ValueError:
            error = panel_text("commitments.bad_date", lang, value=kept["as_of"])
        # The service's own checks speak English (the CLI's); the panel says them first.
        if error is None and not kept["note"].strip():
            error = panel_text("commitments.needs_note", lang)
        if error is None and not source.startswith(("http://", "https://")):
            error = panel_text("commitments.needs_source", lang)
        try:
            if error is None:
                _, followers = await services.plans.record_update(
                    kept["commitment_id"], kept["status"], kept["note"], source, actor(request),
                    as_of,
                )  # fmt: skip
                await flash(request, "commitments.done", count=followers)
                raise web.HTTPFound("/panel/commitments")
        except UnknownCommitment:
            error = panel_text("commitments.unknown", lang)
        except ValueError as problem:
            error = str(problem)
    statuses = await services.plans.statuses()
    levels = {level: to_plain(render(f"status.{level}", lang)) for level in COMPLETION_LEVELS}
    return await render_page(
        request, "commitments.html", 422 if error else 200, error=error, kept=kept,
        commitments=services.plans.kb.commitments, statuses=statuses, levels=levels,
        today=kept.get("as_of") or dt.datetime.now(ECUADOR).date().isoformat(),
    )  # fmt: skip


async def audit_page(request: web.Request) -> web.StreamResponse:
    """The audit trail, newest first."""
    services = services_of(request)
    page = page_number(request)
    rows, total = await services.audit.recent(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    pages = max(math.ceil(total / PAGE_SIZE), 1)
    return await render_page(
        request, "audit.html", rows=rows, page=page, pages=pages,
        query=lambda p: urlencode({"page": p}),
    )  # fmt: skip


# -- proposals ----------------------------------------------------------------------------------

QUEUE_PAGE = 25


def queue_filter(request: web.Request) -> QueueFilter:
    """The queue's filters and sort from the query string (unknown values ignored)."""
    query = request.query
    statuses = (*TRANSITIONS, "open")
    sort = query.get("sort", "overdue")
    return QueueFilter(
        status=query.get("status", "") if query.get("status", "") in statuses else "",
        category=query.get("category", "") if query.get("category", "") in CATEGORIES else "",
        province=query.get("province", "") if query.get("province", "") in PROVINCES else "",
        overdue=query.get("overdue") == "1",
        # A NUL byte can match nothing, and PostgreSQL refuses one even in a search: drop it.
        assignee=query.get("assignee", "").replace("\x00", "")[:80],
        text=query.get("q", "").replace("\x00", "")[:200],
        sort=sort if sort in SORTS else "overdue",
    )


def staff_labels(services: Services) -> list[str]:
    """Everyone proposals can be assigned to, as their actions are signed."""
    return [staff_actor(services.citizens, i) for i in services.settings.staff_telegram_ids]


def labels(language: str) -> dict[str, dict[str, str]]:
    """Status and category names as citizens read them, for the templates."""
    return {
        "status": {s: to_plain(render(f"proposal.status.{s}", language)) for s in TRANSITIONS},
        "category": {c: to_plain(render(f"category.{c}", language)) for c in CATEGORIES},
    }


async def proposals_page(request: web.Request) -> web.StreamResponse:
    """The review queue: counts per status, filters, sort and pages."""
    services = services_of(request)
    wanted = queue_filter(request)
    page = page_number(request)
    rows, total = await services.proposal_queue.search(wanted, QUEUE_PAGE, (page - 1) * QUEUE_PAGE)
    pages = max(math.ceil(total / QUEUE_PAGE), 1)
    keep = wanted.as_query()
    without_status = {k: v for k, v in keep.items() if k != "status"}
    return await render_page(
        request, "proposals.html", rows=rows, total=total, page=page, pages=pages,
        counts=await services.proposal_queue.counts(), wanted=wanted, sorts=SORTS,
        categories=CATEGORIES, provinces=PROVINCES, staff=staff_labels(services),
        names=labels(await language(request)),
        page_query=lambda n: urlencode({**keep, "page": n}),
        status_query=lambda status: urlencode({**without_status, "status": status}),
    )  # fmt: skip


async def proposals_csv(request: web.Request) -> web.StreamResponse:
    """The filtered queue as CSV; contact columns only when asked for, and audited."""
    services = services_of(request)
    include_contact = request.query.get("include_contact") == "1"
    body = await services.proposal_queue.export_csv(
        queue_filter(request), include_contact, actor(request)
    )
    name = "propuestas-contacto.csv" if include_contact else "propuestas.csv"
    return web.Response(
        body=body.encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def proposal_page(request: web.Request) -> web.StreamResponse:
    """One proposal: text, contact, supports, deadline, history, notes and staff actions."""
    services = services_of(request)
    detail = await services.proposal_queue.detail(request.match_info["code"])
    if detail is None:
        return await render_page(request, "message.html", 404, kind="notfound")
    return await render_proposal(request, detail)


async def render_proposal(
    request: web.Request,
    detail: ProposalDetail,
    status: int = 200,
    problem: str | None = None,
    kept: Mapping[str, str] | None = None,
) -> web.Response:
    """The proposal page; after a refused status change, the reason beside the form and what
    was typed in it kept (a long public message is not lost for a missing institution)."""
    services = services_of(request)
    # The lifecycle's own state machine; "retirada" is the author's choice alone.
    moves = [m for m in allowed_moves(detail.row.proposal.status) if m != "retirada"]
    publication = await services.needs.draft(detail.row.proposal.code)
    taken = publication.removed if publication else {}
    return await render_page(
        request, "proposal.html", status, detail=detail, p=detail.row.proposal, moves=moves,
        staff=staff_labels(services), names=labels(await language(request)),
        publication=publication, problem=problem, kept=kept or {},
        removed=", ".join(f"{label} × {n}" for label, n in taken.items() if n),
    )  # fmt: skip


async def proposal_action(request: web.Request) -> web.StreamResponse:
    """Add a note, assign, or change the status (with the public message the citizen gets)."""
    services = services_of(request)
    code = request.match_info["code"]
    detail = await services.proposal_queue.detail(code)
    if detail is None:
        return await render_page(request, "message.html", 404, kind="notfound")
    proposal = detail.row.proposal
    assert proposal.id is not None
    form = await request.post()
    action = request.match_info["action"]
    lang = await language(request)
    if action == "note":
        if await services.lifecycle.add_note(
            proposal.id, actor(request), str(form.get("note", ""))
        ):
            await flash(request, "proposals.note_saved")
    elif action == "assign":
        assignee = str(form.get("assignee", ""))
        if assignee and assignee not in staff_labels(services):
            # Only a forged form names someone outside the list; say so on the page itself.
            problem = panel_text("proposals.unknown_assignee", lang)
            return await render_proposal(request, detail, 400, problem)
        await services.proposal_queue.assign(proposal.id, assignee, actor(request))
        await flash(request, "proposals.assigned")
    elif action == "status":
        status = str(form.get("status", ""))
        message = str(form.get("public_message", "")).strip() or None
        try:
            result = await services.lifecycle.transition(
                proposal.id,
                status,
                actor(request),
                public_message=message,
                internal_note=str(form.get("internal_note", "")).strip() or None,
                derived_to=str(form.get("derived_to", "")).strip() or None,
                reason=str(form.get("reason", "")).strip() or None,
            )
        except FlowError as error:
            # The Telegram texts for a missing field name a command (/derivar CÓDIGO …); the
            # panel names its own field instead.
            panel_key = f"proposals.{error.key.removeprefix('staff.')}"
            problem = (
                panel_text(panel_key, lang)
                if panel_key in PANEL_TEXTS["es"]
                else to_plain(render(error.key, lang, **error.values))
            )
            kept = {
                name: str(form.get(name, ""))[:3000]
                for name in ("status", "public_message", "derived_to", "reason", "internal_note")
            }
            return await render_proposal(request, detail, 422, problem, kept)
        await flash(request, "proposals.status_changed", count=result.notified)
    elif action == "publish":
        already = await services.needs.draft(code)
        try:
            await services.needs.publish(code, str(form.get("public_text", "")), actor(request))
        except FlowError as error:
            if error.key == "needs.bad_text":
                await flash(request, "publish.bad_text")
            else:
                session = await get_session(request)
                session["flash"] = to_plain(render(error.key, lang, **error.values))
            raise web.HTTPFound(f"/panel/proposals/{code}") from None
        was_public = already is not None and already.published is not None
        await flash(request, "publish.updated" if was_public else "publish.done")
    elif action == "unpublish":
        if await services.needs.unpublish(code, actor(request)):
            await flash(request, "publish.withdrawn")
    else:
        raise web.HTTPNotFound()
    raise web.HTTPFound(f"/panel/proposals/{code}")


def build_panel_app(services: Services) -> web.Application:
    """The /panel/ sub-application."""
    panel = web.Application(middlewares=[guard])
    panel[PANEL_SERVICES] = services
    routes = [
        ("GET", "", dashboard, "dashboard"),
        ("GET", "login", login, "login"),
        ("*", "entrar/{token}", link, "link"),
        ("*", "salir", sign_out, "sign_out"),
        ("GET", "idioma/{lang}", choose_language, "language"),
        ("GET", "questions", questions, "questions"),
        ("GET", "questions/pick", pick_entry, "pick"),
        ("POST", "questions/{action}", question_action, "question_action"),
        ("GET", "knowledge", knowledge_list, "knowledge"),
        ("*", "knowledge/new", new_entry, "new_entry"),
        ("*", "knowledge/{entry_id}", entry_page, "entry"),
        ("POST", "knowledge/{entry_id}/restore", restore, "restore"),
        ("*", "commitments", commitments, "commitments"),
        ("GET", "audit", audit_page, "audit"),
        ("GET", "proposals", proposals_page, "proposals"),
        ("GET", "proposals.csv", proposals_csv, "proposals_csv"),
        ("GET", "proposals/{code}", proposal_page, "proposal"),
        ("POST", "proposals/{code}/{action}", proposal_action, "proposal_action"),
    ]
    for method, path, handler, name in routes:
        panel.router.add_route(method, "/" + path, handler, name=name)
    return panel

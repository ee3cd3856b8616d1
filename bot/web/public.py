"""The public pages: /estadisticas, /datos/ (open data) and /necesidades. No sign-in.

Spanish by default; ``?lang=en`` gives English (a plain link, no script, no cookie). Charts are
inline SVG drawn here on the server, each beside a table with its numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web

from bot.render.dates import format_moment
from bot.render.numbers import format_percent
from bot.render.texts import render, to_plain
from bot.services.open_data import (
    BY_NAME,
    DATASETS,
    LICENSE,
    LICENSE_URL,
    json_schema,
    to_csv,
    to_json,
)
from bot.services.proposals import CATEGORIES, PROVINCES, normalize_code
from bot.services.statistics import NO_PROVINCE, NO_STATUS, Statistics, Tally
from bot.web.public_texts import public_text

if TYPE_CHECKING:
    from bot.context import Services

PUBLIC_SERVICES: web.AppKey[Services] = web.AppKey("public_services")


def services_of(request: web.Request) -> Services:
    """The services of the running bot."""
    return request.app[PUBLIC_SERVICES]


def language_of(request: web.Request) -> str:
    """``en`` when asked for with ``?lang=en``, else Spanish."""
    return "en" if request.query.get("lang") == "en" else "es"


def when(moment: dt.datetime, language: str) -> str:
    """A moment as people in Ecuador read it: 1 dic 2026, 09:30 (hora de Ecuador)."""
    zone = "Ecuador time" if language == "en" else "hora de Ecuador"
    return f"{format_moment(moment, language)} ({zone})"


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, count, share as a percentage and drawn width."""

    label: str
    count: int
    percent: str
    width: float


@dataclass(frozen=True)
class Chart:
    """A titled bar chart with its table (``column`` heads the table's first column)."""

    id: str
    title: str
    bars: tuple[Bar, ...]
    column: str = ""

    @property
    def height(self) -> int:
        """The SVG's height: 28 px per bar."""
        return 28 * len(self.bars) + 4


def chart(
    chart_id: str, title: str, tallies: tuple[Tally, ...], label: Any, language: str
) -> Chart:
    """Bars scaled to the largest count (300 px wide at most)."""
    top = max((t.count for t in tallies), default=0)
    bars = tuple(
        Bar(
            label(t.key),
            t.count,
            format_percent(t.share, language),
            300 * t.count / top if top else 0,
        )
        for t in tallies
    )
    return Chart(chart_id, title, bars)


def with_columns(charts: list[Chart], language: str) -> list[Chart]:
    """Each chart with the name of what its rows are ("Semana", "Provincia"…)."""
    return [Chart(c.id, c.title, c.bars, public_text(f"col.{c.id}", language)) for c in charts]


def status_label(status: str, language: str) -> str:
    """A proposal status as citizens read it."""
    return to_plain(render(f"proposal.status.{status}", language))


def category_label(category: str, language: str) -> str:
    """A proposal category as citizens read it."""
    return to_plain(render(f"category.{category}", language))


def charts_of(stats: Statistics, services: Services, language: str) -> list[Chart]:
    """Every chart of the statistics page, in order."""

    def t(key: str, **values: object) -> str:
        return public_text(key, language, **values)

    topics = {topic.id: topic.name.get(language) for topic in services.knowledge.kb.topics}
    titles = {c.id: c.title for c in services.plans.kb.commitments}

    def level(key: str) -> str:
        if key == NO_STATUS:
            return t("level.sin_dato")
        return to_plain(render(f"status.{key}", language))

    def province(key: str) -> str:
        return t("province.none") if key == NO_PROVINCE else key

    draw = functools.partial(chart, language=language)
    return with_columns([
        draw("per-week", t("stats.per_week"), stats.questions_per_week,
              lambda k: t("stats.week_of", date=format_moment(dt.date.fromisoformat(k), language))),
        draw("outcomes", t("stats.outcomes"), stats.outcomes, lambda k: t(f"outcome.{k}")),
        draw("topics", t("stats.topics"), stats.top_topics, lambda k: topics.get(k, k)),
        draw("by-status", t("stats.by_status"), stats.proposals_by_status,
              lambda k: status_label(k, language)),
        draw("by-category", t("stats.by_category"), stats.proposals_by_category,
              lambda k: category_label(k, language)),
        draw("by-province", t("stats.by_province"), stats.proposals_by_province, province),
        draw("commitments", t("stats.commitments"), stats.commitments_by_status, level),
        draw("followers", t("stats.followers"), stats.followers, lambda k: titles.get(k, k)),
    ], language)  # fmt: skip


def key_figures(stats: Statistics, language: str) -> list[tuple[str, str]]:
    """The figures shown first, as (label, value) pairs."""

    def t(key: str, **values: object) -> str:
        return public_text(key, language, **values)

    def percent(value: float | None) -> str:
        return t("stats.none") if value is None else format_percent(value, language)

    median = stats.median_days_to_response
    return [
        (t("stats.questions_total"), str(stats.questions_total)),
        (
            t("stats.answered_share"),
            percent(stats.outcome_share("answered") if stats.questions_total else None),
        ),
        (t("stats.proposals_total"), str(stats.proposals_total)),
        (t("stats.median"), t("stats.none") if median is None else f"{median:g}"),
        (t("stats.within"), percent(stats.within_deadline_share)),
        (t("stats.overdue"), str(stats.overdue)),
    ]


async def page(
    request: web.Request, template: str, status: int = 200, **context: Any
) -> web.Response:
    """Render a public page with the helpers every template uses."""
    lang = language_of(request)

    def t(key: str, **values: object) -> str:
        return public_text(key, lang, **values)

    query = {k: v for k, v in request.query.items() if k != "lang"}
    other = "es" if lang == "en" else "en"
    switch = request.path + "?" + urlencode({**query, **({"lang": "en"} if other == "en" else {})})
    context.update(t=t, lang=lang, other=other, switch=switch.rstrip("?"), path=request.path)
    response = aiohttp_jinja2.render_template(template, request, context, status=status)
    response.headers["Cache-Control"] = "public, max-age=60"
    return response


async def statistics_page(request: web.Request) -> web.StreamResponse:
    """The public statistics: key figures, then each chart beside its table."""
    services = services_of(request)
    lang = language_of(request)
    stats = await services.statistics.snapshot()
    return await page(
        request, "public_stats.html", figures=key_figures(stats, lang),
        charts=charts_of(stats, services, lang), updated=when(stats.computed_at, lang),
        requests=await services.requests.public_statistics(),
    )  # fmt: skip


async def data_page(request: web.Request) -> web.StreamResponse:
    """The open-data index: every dataset, its downloads and its data dictionary."""
    services = services_of(request)
    lang = language_of(request)
    tables = [await services.open_data.table(d.name) for d in DATASETS]
    return await page(
        request, "public_data.html", tables=tables, license=LICENSE, license_url=LICENSE_URL,
        updated=when(max(t.updated for t in tables), lang),
    )  # fmt: skip


async def dataset_file(request: web.Request) -> web.StreamResponse:
    """One dataset as CSV, JSON, or its JSON schema."""
    services = services_of(request)
    name, kind = request.match_info["name"], request.match_info["kind"]
    if name not in BY_NAME:
        raise web.HTTPNotFound()
    headers = {"Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*"}
    if kind == "schema.json":
        body = json.dumps(json_schema(BY_NAME[name]), ensure_ascii=False, indent=1)
        return web.Response(text=body, content_type="application/schema+json", headers=headers)
    table = await services.open_data.table(name)
    if kind == "csv":
        headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return web.Response(
            text=to_csv(table), content_type="text/csv", charset="utf-8", headers=headers
        )
    return web.Response(
        text=to_json(table), content_type="application/json", charset="utf-8", headers=headers
    )


def _page_number(request: web.Request) -> int:
    value = request.query.get("page", "")
    return max(int(value), 1) if value.isdigit() and len(value) < 7 else 1


async def needs_page(request: web.Request) -> web.StreamResponse:
    """Published needs, filtered by category or province, five a page."""
    services = services_of(request)
    lang = language_of(request)
    found = await services.needs.browse(
        request.query.get("categoria", ""), request.query.get("provincia", ""),
        _page_number(request),
    )  # fmt: skip
    keep = {"categoria": found.category, "provincia": found.province}
    if lang == "en":
        keep["lang"] = "en"
    keep = {k: v for k, v in keep.items() if v}
    return await page(
        request, "public_needs.html", found=found, categories=CATEGORIES, provinces=PROVINCES,
        category_label=lambda c: category_label(c, lang),
        status_label=lambda s: status_label(s, lang),
        page_query=lambda n: urlencode({**keep, "page": n}),
        lang_query=urlencode({"lang": "en"}) if lang == "en" else "",
    )  # fmt: skip


async def need_page(request: web.Request) -> web.StreamResponse:
    """One published need: its text, status, public answer and supports."""
    services = services_of(request)
    lang = language_of(request)
    code = normalize_code(request.match_info["code"][:40])
    need = await services.needs.need(code) if code else None
    if need is None:
        return await page(request, "public_message.html", 404)
    return await page(
        request, "public_need.html", need=need, category_label=lambda c: category_label(c, lang),
        status_label=lambda s: status_label(s, lang),
        lang_query=urlencode({"lang": "en"}) if lang == "en" else "",
    )  # fmt: skip


async def datos_redirect(request: web.Request) -> web.StreamResponse:
    """``/datos`` without the slash goes to the index."""
    raise web.HTTPMovedPermanently("/datos/")


@web.middleware
async def not_found_page(request: web.Request, handler: Any) -> web.StreamResponse:
    """A page in the site's look and language for an address that does not exist.

    aiohttp's own answer is the bare English text "404: Not Found". The panel's addresses get
    the panel's page from its own guard; static files and the webhook keep the bare answer.
    """
    try:
        return await handler(request)
    except web.HTTPNotFound:
        if request.method not in ("GET", "HEAD") or request.path.startswith(
            ("/panel/", "/static/")
        ):
            raise
        return await page(request, "public_message.html", 404)


def add_public_routes(app: web.Application, services: Services) -> None:
    """Serve the public pages from the root of ``app`` (jinja2 is set up by the caller)."""
    app[PUBLIC_SERVICES] = services
    app.router.add_get("/estadisticas", statistics_page, name="statistics")
    app.router.add_get("/datos/", data_page, name="open_data")
    app.router.add_get("/datos", datos_redirect)
    app.router.add_get(r"/datos/{name:[a-z_]+}.{kind:csv|json|schema\.json}", dataset_file)
    app.router.add_get("/necesidades", needs_page, name="needs")
    app.router.add_get("/necesidades/{code}", need_page, name="need")

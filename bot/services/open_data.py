"""Open data: the assistant's work as anonymised datasets, with their data dictionary.

Each dataset is a list of rows whose columns the dictionary describes (name, type, meaning in
Spanish and English). No row holds a pseudonym, a chat id, a contact or a text staff did not
publish. Small cells are suppressed: a count of proposals in one province, category and month
under :data:`SMALL_CELL` is given as ``"<5"``, and a proposal row in such a cell does not show its
province. Rows are rebuilt at most once a minute, like the statistics.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from bot.db import Database
from bot.models import CommitmentUpdate, Proposal, QuestionLog
from bot.services.plans import PlanService
from bot.services.public_needs import PublicNeedService, redact_text
from bot.services.statistics import (
    CACHE_SECONDS,
    StatisticsService,
    local_date,
    outcome_group,
)
from knowledge.loader import KnowledgeBase

LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.es"
SMALL_CELL = 5
SUPPRESSED = "<5"
NO_TOPIC = "sin_tema"
NO_PROVINCE = "sin_provincia"
# Column types: "count" is an integer, or "<5" where the cell is suppressed.
TYPES = ("string", "integer", "date", "count")


@dataclass(frozen=True)
class Column:
    """One column of a dataset: its name, type and meaning."""

    name: str
    type: str
    es: str
    en: str
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    """A dataset's name, title, description and columns."""

    name: str
    title_es: str
    title_en: str
    about_es: str
    about_en: str
    columns: tuple[Column, ...]

    def column_names(self) -> list[str]:
        """The columns' names, in order."""
        return [c.name for c in self.columns]


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "preguntas",
        "Preguntas por día y tema",
        "Questions per day and topic",
        "Cuántas preguntas recibió el asistente cada día y sobre qué tema, y qué hizo con ellas. "
        "Sin textos de preguntas.",
        "How many questions the assistant got each day and on which topic, and what it did "
        "with them. No question texts.",
        (
            Column("date", "date", "Día (hora de Ecuador)", "Day (Ecuador time)"),
            Column(
                "topic",
                "string",
                "Tema de la respuesta (sin_tema: sin respuesta de la base)",
                "Topic of the answer (sin_tema: no knowledge-base answer)",
            ),
            Column("asked", "integer", "Preguntas recibidas", "Questions asked"),
            Column("answered", "integer", "Respondidas directamente", "Answered outright"),
            Column(
                "choices",
                "integer",
                "Respondidas con opciones («¿Quiso decir…?»)",
                'Answered with choices ("Did you mean…?")',
            ),
            Column("fallback", "integer", "Sin respuesta verificada", "No verified answer"),
            Column("thumbs_up", "integer", "Valoraciones 👍", "👍 ratings"),
            Column("thumbs_down", "integer", "Valoraciones 👎", "👎 ratings"),
        ),
    ),
    Dataset(
        "propuestas",
        "Necesidades y propuestas",
        "Needs and proposals",
        "Una fila por propuesta: su código, tema, provincia, estado y fechas. El texto solo "
        "aparece si el equipo lo publicó. La provincia se muestra como «<5» cuando menos de 5 "
        "propuestas comparten provincia, categoría y mes.",
        "One row per proposal: its code, subject, province, status and dates. The text appears "
        'only if staff published it. The province shows as "<5" when fewer than 5 proposals '
        "share province, category and month.",
        (
            Column("code", "string", "Código de seguimiento", "Tracking code"),
            Column("category", "string", "Categoría", "Category"),
            Column(
                "province",
                "string",
                "Provincia (sin_provincia: no indicada; <5: suprimida)",
                "Province (sin_provincia: not given; <5: suppressed)",
            ),
            Column("status", "string", "Estado actual", "Current status"),
            Column("created", "date", "Día en que se registró", "Day it was logged"),
            Column(
                "first_response",
                "date",
                "Día de la primera respuesta del equipo",
                "Day of the team's first response",
                nullable=True,
            ),
            Column("closed", "date", "Día en que se cerró", "Day it was closed", nullable=True),
            Column("supports", "integer", "Apoyos (👍) de otros ciudadanos", "Supports (👍)"),
            Column(
                "public_text",
                "string",
                "Texto publicado por el equipo (vacío si no se publicó)",
                "Text published by staff (empty if not published)",
                nullable=True,
            ),
        ),
    ),
    Dataset(
        "propuestas_por_mes",
        "Propuestas por mes, provincia y categoría",
        "Proposals per month, province and category",
        "Cuántas propuestas se registraron cada mes por provincia y categoría; menos de 5 se "
        "muestra como «<5».",
        "How many proposals were logged each month per province and category; fewer than 5 "
        'shows as "<5".',
        (
            Column("month", "string", "Mes (AAAA-MM)", "Month (YYYY-MM)"),
            Column("province", "string", "Provincia", "Province"),
            Column("category", "string", "Categoría", "Category"),
            Column("proposals", "count", "Propuestas (o <5)", "Proposals (or <5)"),
        ),
    ),
    Dataset(
        "compromisos",
        "Compromisos de los planes de acción",
        "Action-plan commitments",
        "Cada compromiso con su estado actual (escala de cumplimiento del IRM), la fecha y la "
        "fuente de ese estado, y cuántas actualizaciones registró el equipo.",
        "Every commitment with its current status (the IRM completion scale), the date and "
        "source of that status, and how many updates staff recorded.",
        (
            Column("commitment", "string", "Identificador del compromiso", "Commitment id"),
            Column("plan", "string", "Plan de acción", "Action plan"),
            Column("title", "string", "Título", "Title"),
            Column(
                "status",
                "string",
                "Estado de cumplimiento (vacío: sin dato)",
                "Completion status (empty: unknown)",
                nullable=True,
            ),
            Column(
                "as_of",
                "string",
                "Fecha del estado (año, mes o día)",
                "Date of the status (year, month or day)",
                nullable=True,
            ),
            Column("source", "string", "Fuente del estado", "Source of the status", nullable=True),
            Column("updates", "integer", "Actualizaciones registradas", "Updates recorded"),
            Column("followers", "integer", "Personas que lo siguen", "People following it"),
        ),
    ),
    Dataset(
        "actualizaciones",
        "Actualizaciones de compromisos",
        "Commitment updates",
        "Cada actualización de estado que registró el equipo, con su fuente.",
        "Every status update staff recorded, with its source.",
        (
            Column("commitment", "string", "Identificador del compromiso", "Commitment id"),
            Column("status", "string", "Estado registrado", "Status recorded"),
            Column("as_of", "date", "Fecha del estado", "Date of the status"),
            Column("source", "string", "Fuente", "Source"),
            Column("note", "string", "Nota pública del equipo", "Staff's public note"),
            Column("recorded", "date", "Día en que se registró", "Day it was recorded"),
        ),
    ),
)
BY_NAME = {d.name: d for d in DATASETS}


@dataclass(frozen=True)
class Table:
    """A dataset's rows, built at ``updated``."""

    dataset: Dataset
    rows: tuple[dict[str, Any], ...]
    updated: dt.datetime


def suppress(count: int) -> int | str:
    """A small count as ``"<5"``; zero and larger counts as they are."""
    return SUPPRESSED if 0 < count < SMALL_CELL else count


class OpenDataService:
    """Build the datasets, reuse them for a minute, and write them as CSV and JSON."""

    def __init__(
        self,
        db: Database,
        kb: Callable[[], KnowledgeBase],
        plans: PlanService,
        statistics: StatisticsService,
        needs: PublicNeedService,
        cache_seconds: float = CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.kb = kb
        self.plans = plans
        self.statistics = statistics
        self.needs = needs
        self.cache_seconds = cache_seconds
        self.clock = clock
        self._cached: dict[str, tuple[float, Table]] = {}
        self._lock = asyncio.Lock()

    async def table(self, name: str) -> Table:
        """One dataset by name (``KeyError`` if unknown), rebuilt at most once a minute."""
        dataset = BY_NAME[name]
        async with self._lock:
            cached = self._cached.get(name)
            if cached is not None and self.clock() - cached[0] < self.cache_seconds:
                return cached[1]
            builders = {
                "preguntas": self._questions,
                "propuestas": self._proposals,
                "propuestas_por_mes": self._proposals_per_month,
                "compromisos": self._commitments,
                "actualizaciones": self._updates,
            }
            rows = await builders[name]()
            table = Table(dataset, tuple(rows), dt.datetime.now(dt.UTC))
            self._cached[name] = (self.clock(), table)
            return table

    async def _questions(self) -> list[dict[str, Any]]:
        async with self.db.session() as session:
            logs = list(
                await session.exec(
                    select(
                        QuestionLog.asked_at,
                        QuestionLog.outcome,
                        QuestionLog.entry_id,
                        QuestionLog.feedback,
                    )
                )
            )
        kb = self.kb()
        cells: dict[tuple[dt.date, str], Counter[str]] = {}
        for asked_at, outcome, entry_id, feedback in logs:
            entry = kb.entry(entry_id) if entry_id else None
            key = (local_date(asked_at), entry.topic if entry else NO_TOPIC)
            cell = cells.setdefault(key, Counter())
            cell["asked"] += 1
            cell[outcome_group(outcome)] += 1
            if feedback == 1:
                cell["thumbs_up"] += 1
            elif feedback == -1:
                cell["thumbs_down"] += 1
        return [
            {
                "date": day.isoformat(),
                "topic": topic,
                **{k: cells[(day, topic)][k] for k in ("asked", "answered", "choices", "fallback")},
                "thumbs_up": cells[(day, topic)]["thumbs_up"],
                "thumbs_down": cells[(day, topic)]["thumbs_down"],
            }
            for day, topic in sorted(cells)
        ]

    async def _all_proposals(self) -> list[Proposal]:
        async with self.db.session() as session:
            return list(
                await session.exec(
                    select(Proposal).order_by(col(Proposal.created_at), col(Proposal.id))
                )
            )

    @staticmethod
    def _cell(proposal: Proposal) -> tuple[str, str, str]:
        month = local_date(proposal.created_at).strftime("%Y-%m")
        return month, proposal.province or NO_PROVINCE, proposal.category

    async def _proposals(self) -> list[dict[str, Any]]:
        proposals = await self._all_proposals()
        cells = Counter(self._cell(p) for p in proposals)
        times = await self.statistics.proposal_times()
        published = await self.needs.published_texts()
        rows = []
        for proposal in proposals:
            assert proposal.id is not None
            moments = times.get(proposal.id)
            text = published.get(proposal.id)
            province = proposal.province or NO_PROVINCE
            # A need staff published shows its province on the public list anyway.
            if text is None and cells[self._cell(proposal)] < SMALL_CELL:
                province = SUPPRESSED
            rows.append(
                {
                    "code": proposal.code,
                    "category": proposal.category,
                    "province": province,
                    "status": proposal.status,
                    "created": local_date(proposal.created_at).isoformat(),
                    "first_response": _day(moments.first_response if moments else None),
                    "closed": _day(moments.closed if moments else None),
                    "supports": proposal.supports,
                    "public_text": text,
                }
            )
        return rows

    async def _proposals_per_month(self) -> list[dict[str, Any]]:
        cells = Counter(self._cell(p) for p in await self._all_proposals())
        return [
            {"month": m, "province": p, "category": c, "proposals": suppress(cells[(m, p, c)])}
            for m, p, c in sorted(cells)
        ]

    async def _commitments(self) -> list[dict[str, Any]]:
        statuses = await self.plans.statuses()
        async with self.db.session() as session:
            updates = Counter(await session.exec(select(CommitmentUpdate.commitment_id)))
        followers = {t.key: t.count for t in (await self.statistics.snapshot()).followers}
        rows = []
        for commitment in self.plans.kb.commitments:
            status = statuses[commitment.id]
            rows.append(
                {
                    "commitment": commitment.id,
                    "plan": commitment.plan,
                    "title": commitment.title,
                    "status": status.value,
                    "as_of": status.as_of,
                    "source": status.source,
                    "updates": updates.get(commitment.id, 0),
                    "followers": followers.get(commitment.id, 0),
                }
            )
        return rows

    async def _updates(self) -> list[dict[str, Any]]:
        async with self.db.session() as session:
            rows = list(
                await session.exec(
                    select(CommitmentUpdate).order_by(
                        col(CommitmentUpdate.recorded_at), col(CommitmentUpdate.id)
                    )
                )
            )
        return [
            {
                "commitment": row.commitment_id,
                "status": row.status,
                "as_of": row.as_of.isoformat(),
                "source": row.source_url,
                # Staff write these notes for the public; the rules still apply, as everywhere.
                "note": redact_text(row.note),
                "recorded": local_date(row.recorded_at).isoformat(),
            }
            for row in rows
        ]


def _day(moment: dt.datetime | None) -> str | None:
    return local_date(moment).isoformat() if moment else None


def to_csv(table: Table) -> str:
    """The table as CSV: UTF-8 with a BOM (so Excel in Spanish shows "participación", not
    "participaciÃ³n"), a header row, then the rows; empty cells for missing values."""
    out = io.StringIO()
    out.write("\ufeff")  # programs read it with "utf-8-sig"; the data page says so
    writer = csv.DictWriter(out, fieldnames=table.dataset.column_names(), lineterminator="\r\n")
    writer.writeheader()
    for row in table.rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def to_json(table: Table) -> str:
    """The table as JSON: what it is, its licence, when it was built, its columns and rows."""
    dataset = table.dataset
    body = {
        "dataset": dataset.name,
        "title": dataset.title_es,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "updated": table.updated.isoformat(timespec="seconds"),
        "columns": [
            {"name": c.name, "type": c.type, "description": c.es, "description_en": c.en}
            for c in dataset.columns
        ],
        "rows": list(table.rows),
    }
    return json.dumps(body, ensure_ascii=False, indent=1)


def json_schema(dataset: Dataset) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every ``to_json`` output of ``dataset`` satisfies."""

    def column_schema(column: Column) -> dict[str, Any]:
        kinds: dict[str, dict[str, Any]] = {
            "string": {"type": "string"},
            "integer": {"type": "integer", "minimum": 0},
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
            "count": {"anyOf": [{"type": "integer", "minimum": 0}, {"const": SUPPRESSED}]},
        }
        schema = kinds[column.type]
        return {"anyOf": [schema, {"type": "null"}]} if column.nullable else schema

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": dataset.title_es,
        "type": "object",
        "required": ["dataset", "license", "updated", "columns", "rows"],
        "properties": {
            "dataset": {"const": dataset.name},
            "license": {"const": LICENSE},
            "updated": {"type": "string"},
            "columns": {"type": "array"},
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": dataset.column_names(),
                    "properties": {c.name: column_schema(c) for c in dataset.columns},
                },
            },
        },
    }

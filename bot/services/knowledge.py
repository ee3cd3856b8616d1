"""Staff edits of the FAQ: an overlay over the YAML baseline, applied to every running process.

The YAML files stay the reviewed baseline. Each edit made in the panel is a new version of one
entry in ``knowledge_edit``; the newest version of each entry replaces (or adds) that entry.
Every edit also bumps the single counter in ``knowledge_state``; each process polls it and, when it
moved, builds a new index aside (in a thread, so the bot keeps answering) and swaps it in at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError
from sqlalchemy import case, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.db import Database
from bot.models import KnowledgeEdit, KnowledgeState, QuestionLog, utcnow
from bot.services.answers import AnswerService
from bot.services.audit import audit
from knowledge.check import check_knowledge_base
from knowledge.loader import CONTENT_DIR, KnowledgeBase, Location
from knowledge.schema import FaqEntry
from knowledge.search import SearchIndex

logger = logging.getLogger(__name__)

PANEL_LOCATION = Path("panel")


class KnowledgeError(ValueError):
    """An edit that would make the knowledge base fail ``kb check``."""

    def __init__(
        self, problems: list[str], fields: list[tuple[str, str, object]] | None = None
    ) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        # For a form that failed the schema: (field path, pydantic error type, what was typed),
        # one per problem, so the panel can say each in its own language.
        self.fields = fields or []


@dataclass(frozen=True)
class EntryVersion:
    """One version of an entry in its history (version 0 is the YAML baseline)."""

    version: int
    at: dt.datetime | None
    actor: str
    note: str | None
    entry: FaqEntry | None


@dataclass(frozen=True)
class EntryStats:
    """How often an entry was served, and what citizens said of it."""

    served: int = 0
    helpful: int = 0
    unhelpful: int = 0


def merge_overlay(baseline: KnowledgeBase, overlay: dict[str, FaqEntry | None]) -> KnowledgeBase:
    """Return ``baseline`` with the overlay's entries replacing, adding or hiding entries."""
    entries: list[FaqEntry] = []
    for entry in baseline.entries:
        if entry.id not in overlay:
            entries.append(entry)
        elif (edited := overlay[entry.id]) is not None:
            entries.append(edited)
    known = {e.id for e in baseline.entries}
    entries.extend(e for key, e in overlay.items() if key not in known and e is not None)
    locations = dict(baseline.locations)
    for key, edited in overlay.items():
        if edited is not None:
            locations[key] = Location(PANEL_LOCATION / key, 1)
    return KnowledgeBase(
        entries=entries,
        smalltalk=baseline.smalltalk,
        synonyms=baseline.synonyms,
        topics=baseline.topics,
        plans=baseline.plans,
        commitments=baseline.commitments,
        locations=locations,
        problems=list(baseline.problems),
    )


def problems_of(kb: KnowledgeBase, entry_id: str) -> list[str]:
    """What ``kb check`` says about one entry (including clashes other entries report)."""
    marker = f"'{entry_id}'"
    return [p.message for p in check_knowledge_base(kb) if marker in p.message]


def entry_from_form(data: dict[str, object]) -> FaqEntry:
    """Validate a dict shaped like a YAML entry; raise KnowledgeError with readable problems."""
    try:
        return FaqEntry.model_validate(data)
    except ValidationError as error:
        details = error.errors()
        raise KnowledgeError(
            [f"{'.'.join(str(p) for p in d['loc'])}: {d['msg']}" for d in details],
            [(".".join(str(p) for p in d["loc"]), d["type"], d.get("input")) for d in details],
        ) from error


def _load(data: str | None) -> FaqEntry | None:
    return None if data is None else FaqEntry.model_validate_json(data)


def fingerprint(entry: FaqEntry | None) -> str | None:
    """A short hash of a YAML entry, to tell whether the YAML changed since an edit."""
    if entry is None:
        return None
    return hashlib.sha256(entry.model_dump_json().encode()).hexdigest()[:16]


async def read_overlay(db: Database, baseline: KnowledgeBase) -> dict[str, FaqEntry | None]:
    """The newest version of every entry edited in the panel over the YAML as it is now."""
    overlay, _ = await read_edits(db, baseline)
    return overlay


async def read_edits(
    db: Database, baseline: KnowledgeBase
) -> tuple[dict[str, FaqEntry | None], list[str]]:
    """The edits that apply (None: hidden), and the ids whose YAML changed since (YAML wins)."""
    rows = await _newest_edits(db)
    overlay: dict[str, FaqEntry | None] = {}
    superseded: list[str] = []
    for row in rows:
        if row.base_hash != fingerprint(baseline.entry(row.entry_id)):
            superseded.append(row.entry_id)
        else:
            overlay[row.entry_id] = _load(row.data)
    return overlay, sorted(superseded)


async def _newest_edits(db: Database) -> list[KnowledgeEdit]:
    async with db.session() as session:
        newest = (
            select(KnowledgeEdit.entry_id, func.max(KnowledgeEdit.version).label("version"))
            .group_by(col(KnowledgeEdit.entry_id))
            .subquery()
        )
        rows = await session.exec(
            select(KnowledgeEdit).join(
                newest,
                (col(KnowledgeEdit.entry_id) == newest.c.entry_id)
                & (col(KnowledgeEdit.version) == newest.c.version),
            )
        )
        return list(rows)


def build_index(kb: KnowledgeBase, like: SearchIndex) -> SearchIndex:
    """Index ``kb`` with the thresholds and weights of the index it replaces (thread-safe)."""
    return SearchIndex(kb, thresholds=like.thresholds, weights=like.weights)


class KnowledgeService:
    """Edit entries, keep their history, and keep this process's answer engine up to date."""

    def __init__(
        self, db: Database, answers: AnswerService, baseline: KnowledgeBase | None = None
    ) -> None:
        self.db = db
        self.answers = answers
        self.baseline = baseline or answers.kb
        self.applied_version = 0
        self.last_rebuild_seconds = 0.0
        self._refreshing = asyncio.Lock()

    @property
    def kb(self) -> KnowledgeBase:
        """The knowledge base this process serves right now (baseline + overlay)."""
        return self.answers.kb

    # -- reading ----------------------------------------------------------------------------

    async def version(self) -> int:
        """The shared edit counter."""
        async with self.db.session() as session:
            state = await session.get(KnowledgeState, 1)
            return state.version if state else 0

    async def overlay(self) -> dict[str, FaqEntry | None]:
        """The newest version of every edited entry."""
        return await read_overlay(self.db, self.baseline)

    async def edited_ids(self) -> set[str]:
        """Ids of entries that have panel edits."""
        async with self.db.session() as session:
            return set(await session.exec(select(KnowledgeEdit.entry_id).distinct()))

    async def history(self, entry_id: str) -> list[EntryVersion]:
        """Every version of an entry, newest first, ending with the YAML baseline if any."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(KnowledgeEdit)
                .where(KnowledgeEdit.entry_id == entry_id)
                .order_by(col(KnowledgeEdit.version).desc())
            )
            versions = [
                EntryVersion(row.version, row.at, row.actor, row.note, _load(row.data))
                for row in rows
            ]
        base = self.baseline.entry(entry_id)
        if base is not None:
            versions.append(EntryVersion(0, None, "YAML", None, base))
        return versions

    async def stats(self) -> dict[str, EntryStats]:
        """Per entry: answers served (outright or picked) and 👍/👎."""
        async with self.db.session() as session:
            rows = await session.exec(
                select(
                    QuestionLog.entry_id,
                    func.count(),
                    func.sum(case((col(QuestionLog.feedback) == 1, 1), else_=0)),
                    func.sum(case((col(QuestionLog.feedback) == -1, 1), else_=0)),
                )
                .where(col(QuestionLog.entry_id).is_not(None))
                .where(col(QuestionLog.outcome).in_(("answer", "picked")))
                .group_by(col(QuestionLog.entry_id))
            )
            return {
                str(entry_id): EntryStats(int(served), int(up or 0), int(down or 0))
                for entry_id, served, up, down in rows
            }

    # -- writing ----------------------------------------------------------------------------

    def check(self, entry: FaqEntry, overlay: dict[str, FaqEntry | None]) -> list[str]:
        """The problems ``entry`` would cause beside the current overlay."""
        return problems_of(merge_overlay(self.baseline, {**overlay, entry.id: entry}), entry.id)

    async def save(
        self, entry: FaqEntry, actor: str, note: str | None = None, *, action: str = "kb.edit"
    ) -> int:
        """Store a new version of ``entry`` after ``kb check``'s validation; return it."""
        overlay = await self.overlay()
        problems = self.check(entry, overlay)
        if problems:
            raise KnowledgeError(problems)
        before = overlay.get(entry.id, self.baseline.entry(entry.id))
        return await self._store(
            entry.id,
            entry.model_dump_json(exclude_none=True),
            actor,
            note,
            action,
            created=before is None,
        )

    async def _store(
        self,
        entry_id: str,
        data: str | None,
        actor: str,
        note: str | None,
        action: str,
        *,
        created: bool = False,
    ) -> int:
        async with self.db.session() as session:
            current = (
                await session.exec(
                    select(func.max(KnowledgeEdit.version)).where(
                        KnowledgeEdit.entry_id == entry_id
                    )
                )
            ).one()
            version = (current or 0) + 1
            session.add(
                KnowledgeEdit(
                    entry_id=entry_id,
                    version=version,
                    data=data,
                    base_hash=fingerprint(self.baseline.entry(entry_id)),
                    actor=actor,
                    note=note[:300] if note else None,
                )
            )
            await self._bump(session)
            audit(session, actor, action, entry_id, version=version, created=created, note=note)
            try:
                await session.commit()
            except IntegrityError as error:  # someone saved the same entry a moment before
                raise KnowledgeError(
                    ["the entry was edited meanwhile; reload and try again"]
                ) from (error)
        await self.refresh()
        return version

    @staticmethod
    async def _bump(session: AsyncSession) -> None:
        bumped = await session.exec(
            update(KnowledgeState)
            .where(col(KnowledgeState.id) == 1)
            .values(version=col(KnowledgeState.version) + 1, updated_at=utcnow())
        )
        if not bumped.rowcount:
            session.add(KnowledgeState(id=1, version=1))

    async def add_alternate(
        self, entry_id: str, phrasing: str, language: str, actor: str, note: str | None = None
    ) -> int:
        """Add a citizen's wording as an alternate phrasing of an entry."""
        return await self.add_alternates(entry_id, [phrasing], language, actor, note)

    async def add_alternates(
        self,
        entry_id: str,
        phrasings: Iterable[str],
        language: str,
        actor: str,
        note: str | None = None,
    ) -> int:
        """Add several phrasings (duplicates and blanks skipped) to one entry's alternates."""
        overlay = await self.overlay()
        entry = overlay.get(entry_id) if entry_id in overlay else self.baseline.entry(entry_id)
        if entry is None:
            raise KnowledgeError([f"entry '{entry_id}' does not exist"])
        language = "en" if language == "en" else "es"
        existing = list(entry.alternates.get(language))
        for phrasing in phrasings:
            text = " ".join(phrasing.split())
            if text and text.casefold() not in {e.casefold() for e in existing}:
                existing.append(text)
        alternates = entry.alternates.model_copy(update={language: existing})
        updated = entry.model_copy(update={"alternates": alternates})
        return await self.save(updated, actor, note, action="kb.add_alternate")

    async def restore(self, entry_id: str, version: int, actor: str) -> int:
        """Make an older version (0: the YAML baseline) the current one, as a new version."""
        for old in await self.history(entry_id):
            if old.version == version:
                if old.entry is None:
                    return await self._store(
                        entry_id, None, actor, f"restore v{version}", "kb.restore"
                    )
                overlay = await self.overlay()
                problems = self.check(old.entry, overlay)
                if problems:
                    raise KnowledgeError(problems)
                return await self._store(
                    entry_id,
                    old.entry.model_dump_json(exclude_none=True),
                    actor,
                    f"restore v{version}",
                    "kb.restore",
                )
        raise KnowledgeError([f"entry '{entry_id}' has no version {version}"])

    # -- applying ---------------------------------------------------------------------------

    async def refresh(self, *, force: bool = False) -> bool:
        """Apply the overlay if the shared counter moved; return whether the index was swapped."""
        async with self._refreshing:
            version = await self.version()
            if version == self.applied_version and not force:
                return False
            overlay = await self.overlay()
            started = time.perf_counter()
            kb = merge_overlay(self.baseline, overlay)
            # Built aside, in a thread: the bot keeps answering with the old index meanwhile.
            index = await asyncio.to_thread(build_index, kb, self.answers.index)
            self.answers.replace(kb, index)
            self.last_rebuild_seconds = time.perf_counter() - started
            self.applied_version = version
            logger.info(
                "knowledge base v%d applied: %d entries (%d edited) in %.0f ms",
                version,
                len(kb.entries),
                len(overlay),
                self.last_rebuild_seconds * 1000,
            )
            return True

    async def run_reloader(self, poll_seconds: float = 1.0) -> None:
        """Poll the shared counter forever; a failed round is logged and retried."""
        while True:
            try:
                await self.refresh()
            except Exception:
                logger.exception("could not apply knowledge edits; will retry")
            await asyncio.sleep(poll_seconds)


async def start_reloader(service: KnowledgeService, poll_seconds: float) -> asyncio.Task[None]:
    """Apply what is stored now, then keep polling in a background task."""
    with contextlib.suppress(Exception):
        await service.refresh()
    return asyncio.create_task(service.run_reloader(poll_seconds), name="knowledge-reloader")


# -- export -------------------------------------------------------------------------------------


def _entry_yaml(entry: FaqEntry) -> str:
    data = json.loads(entry.model_dump_json(exclude_none=True))
    if not data.get("related"):
        data.pop("related", None)
    return yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)


def export_overlay(
    overlay: dict[str, FaqEntry | None],
    baseline: KnowledgeBase,
    content_dir: Path = CONTENT_DIR,
) -> list[Path]:
    """Write the overlay into the YAML files (in place, or into the topic's file); return them."""
    touched: list[Path] = []
    by_file: dict[Path, dict[str, FaqEntry | None]] = {}
    for entry_id, entry in overlay.items():
        location = baseline.locations.get(entry_id)
        if location is not None and baseline.entry(entry_id) is not None:
            path = location.path
        elif entry is not None:
            path = content_dir / "faq" / f"{entry.topic}.yaml"
        else:
            continue  # a panel entry that was hidden again: nothing to write
        by_file.setdefault(path, {})[entry_id] = entry
    for path, entries in by_file.items():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []
        starts = [i for i, line in enumerate(lines) if line.startswith("- id: ")]
        blocks: dict[str, tuple[int, int]] = {}
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            # Comments and blank lines just before the next entry belong to that entry.
            while end > start + 1 and (
                not lines[end - 1].strip() or lines[end - 1].startswith("#")
            ):
                end -= 1
            blocks[lines[start][6:].strip().strip("'\"")] = (start, end)
        appended: list[str] = []
        for entry_id, entry in sorted(
            entries.items(), key=lambda item: -blocks.get(item[0], (len(lines), 0))[0]
        ):
            text = "" if entry is None else _entry_yaml(entry)
            if entry_id in blocks:
                start, end = blocks[entry_id]
                lines[start:end] = [text] if text else []
            elif text:
                appended.append(text)
        out = "".join(lines)
        for text in appended:
            if out and not out.endswith("\n\n"):
                out += "\n" if out.endswith("\n") else "\n\n"
            out += text
        path.write_text(out, encoding="utf-8")
        touched.append(path)
    return touched

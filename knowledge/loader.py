"""Load the curated YAML content, remembering where each item stands in its file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.schema import Commitment, FaqEntry, Institution, Plan, SmallTalk, Topic

CONTENT_DIR = Path(__file__).parent / "content"
M = TypeVar("M", bound=BaseModel)
LINE_KEY = "__line__"


# libyaml's parser when PyYAML was built with it (about five times faster: the knowledge base is
# read at every start and every live edit); the pure-Python one otherwise. Both are safe loaders.
try:
    from yaml import CSafeLoader as SAFE_LOADER
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as SAFE_LOADER  # type: ignore[assignment]


class _LineLoader(SAFE_LOADER):
    """A safe loader that records the line of every mapping under ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = loader.construct_mapping(node, deep=True)  # type: ignore[assignment]
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


@dataclass(frozen=True)
class Location:
    """Where an item was read: file and line."""

    path: Path
    line: int

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(Path.cwd())
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}"


@dataclass
class Problem:
    """One thing wrong with the content, shown as ``file:line: message``."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass
class KnowledgeBase:
    """Everything the assistant knows, validated, with the place each item came from."""

    entries: list[FaqEntry] = field(default_factory=list)
    smalltalk: list[SmallTalk] = field(default_factory=list)
    synonyms: list[list[str]] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    institutions: list[Institution] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def entry(self, entry_id: str) -> FaqEntry | None:
        """Return the FAQ entry with ``entry_id``, if any."""
        return self._entries_by_id.get(entry_id)

    @property
    def _entries_by_id(self) -> dict[str, FaqEntry]:
        cache = self.__dict__.get("_by_id")
        if cache is None or len(cache) != len(self.entries):
            cache = {e.id: e for e in self.entries}
            self.__dict__["_by_id"] = cache
        return cache

    def topic_entries(self, topic_id: str) -> list[FaqEntry]:
        """Return the entries of one topic, in file order."""
        return [e for e in self.entries if e.topic == topic_id]


def _read_yaml(path: Path, kb: KnowledgeBase) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        kb.problems.append(Problem(Location(path, line), f"invalid YAML: {error}"))
        return None


def _validate_items(
    raw: Any, model: type[M], path: Path, kb: KnowledgeBase, kind: str
) -> list[tuple[M, Location]]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        kb.problems.append(Problem(Location(path, 1), f"expected a list of {kind}"))
        return []
    items: list[tuple[M, Location]] = []
    for item in raw:
        line = item.get(LINE_KEY, 1) if isinstance(item, dict) else 1
        location = Location(path, line)
        try:
            items.append((model.model_validate(_strip_lines(item)), location))
        except ValidationError as error:
            item_id = item.get("id", "?") if isinstance(item, dict) else "?"
            for detail in error.errors():
                where = ".".join(str(p) for p in detail["loc"])
                kb.problems.append(
                    Problem(location, f"{kind} '{item_id}': {where}: {detail['msg']}")
                )
    return items


def load_knowledge_base(content_dir: Path = CONTENT_DIR) -> KnowledgeBase:
    """Read and validate every content file; problems are collected, not raised."""
    kb = KnowledgeBase()
    for path in sorted((content_dir / "faq").glob("*.yaml")):
        for entry, location in _validate_items(_read_yaml(path, kb), FaqEntry, path, kb, "entry"):
            if entry.id in kb.locations:
                kb.problems.append(
                    Problem(
                        location,
                        f"duplicate id '{entry.id}' (first at {kb.locations[entry.id]})",
                    )
                )
                continue
            kb.entries.append(entry)
            kb.locations[entry.id] = location
    simple_files: list[tuple[str, type[BaseModel], str, list[Any]]] = [
        ("smalltalk.yaml", SmallTalk, "small-talk intent", kb.smalltalk),
        ("topics.yaml", Topic, "topic", kb.topics),
        ("institutions.yaml", Institution, "institution", kb.institutions),
    ]
    for name, model, kind, target in simple_files:
        path = content_dir / name
        if path.exists():
            for item, location in _validate_items(_read_yaml(path, kb), model, path, kb, kind):
                target.append(item)
                kb.locations[f"{kind}:{item.id}"] = location  # type: ignore[attr-defined]
    kb.topics.sort(key=lambda t: t.order)
    _load_synonyms(content_dir / "synonyms.yaml", kb)
    _load_plans(content_dir / "plans.yaml", kb)
    return kb


def _load_synonyms(path: Path, kb: KnowledgeBase) -> None:
    if not path.exists():
        return
    raw = _read_yaml(path, kb)
    if raw is None:
        return
    if not isinstance(raw, list) or not all(
        isinstance(group, list) and all(isinstance(t, str) for t in group) for group in raw
    ):
        kb.problems.append(Problem(Location(path, 1), "expected a list of lists of terms"))
        return
    kb.synonyms = [[str(t) for t in group] for group in raw]


def _load_plans(path: Path, kb: KnowledgeBase) -> None:
    if not path.exists():
        return
    raw = _read_yaml(path, kb)
    if raw is None:
        return
    if not isinstance(raw, dict):
        kb.problems.append(Problem(Location(path, 1), "expected 'plans' and 'commitments'"))
        return
    for plan, location in _validate_items(raw.get("plans"), Plan, path, kb, "plan"):
        kb.plans.append(plan)
        kb.locations[f"plan:{plan.id}"] = location
    for item, location in _validate_items(
        raw.get("commitments"), Commitment, path, kb, "commitment"
    ):
        kb.commitments.append(item)
        kb.locations[f"commitment:{item.id}"] = location

"""Validate the curated content beyond its schema: links, limits, languages, clashes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import ValidationError

from knowledge.lexicon import LEXICON_PATH, read_lexicon
from knowledge.loader import KnowledgeBase, Location, Problem
from knowledge.normalize import fold
from knowledge.schema import (
    ANSWER_LIMIT,
    COMMITMENT_SUMMARY_LIMIT,
    DETAIL_LIMIT,
    LANGUAGES,
    MIN_ALTERNATES,
)


def check_knowledge_base(kb: KnowledgeBase) -> list[Problem]:
    """Return every problem in ``kb``: what the loader found plus the cross-checks here."""
    problems = list(kb.problems)
    problems.extend(_check_entries(kb))
    problems.extend(_check_smalltalk(kb))
    problems.extend(_check_plans(kb))
    problems.extend(_check_institutions(kb))
    problems.extend(_check_lexicon())
    return sorted(problems, key=lambda p: (str(p.location.path), p.location.line))


def _check_lexicon(path: Path = LEXICON_PATH) -> Iterable[Problem]:
    """The lexicon's words must be folded, its question tokens well formed, nothing clashing."""
    where = Location(path, 1)
    try:
        lexicon = read_lexicon(path)
    except (ValidationError, yaml.YAMLError, TypeError) as error:
        yield Problem(where, f"lexicon: {error}")
        return
    for message in lexicon.problems():
        yield Problem(where, f"lexicon: {message}")


def _check_entries(kb: KnowledgeBase) -> Iterable[Problem]:
    ids = {e.id for e in kb.entries}
    local = [e for e in kb.entries if e.lists_local_plans]
    for extra in local[1:]:
        yield Problem(
            kb.locations[extra.id],
            f"entry '{extra.id}': lists_local_plans is already set on '{local[0].id}'",
        )
    topics = {t.id for t in kb.topics}
    seen_phrasings: dict[str, str] = {}
    for entry in kb.entries:
        where = kb.locations[entry.id]

        def problem(message: str, where: Location = where, entry_id: str = entry.id) -> Problem:
            return Problem(where, f"entry '{entry_id}': {message}")

        if topics and entry.topic not in topics:
            yield problem(f"unknown topic '{entry.topic}'")
        for related in entry.related:
            if related == entry.id:
                yield problem("lists itself as related")
            elif related not in ids:
                yield problem(f"related id '{related}' does not exist")
        if not entry.sources:
            yield problem("has no sources")
        plans = {plan.id for plan in kb.plans}
        if entry.lists_commitments_of is not None and entry.lists_commitments_of not in plans:
            yield problem(f"lists_commitments_of names unknown plan '{entry.lists_commitments_of}'")
        for language in LANGUAGES:
            answer = entry.answer.get(language)
            if len(answer) > ANSWER_LIMIT:
                yield problem(
                    f"answer.{language} has {len(answer)} characters (limit {ANSWER_LIMIT})"
                )
            if entry.detail is not None and len(entry.detail.get(language)) > DETAIL_LIMIT:
                yield problem(f"detail.{language} is over {DETAIL_LIMIT} characters")
            alternates = entry.alternates.get(language)
            if not alternates:
                yield problem(f"missing language '{language}' in alternates")
            elif len(alternates) < MIN_ALTERNATES[language]:
                yield problem(
                    f"alternates.{language} has {len(alternates)} phrasings "
                    f"(at least {MIN_ALTERNATES[language]})"
                )
            for text in (entry.question.get(language), *alternates):
                key = fold(text)
                owner = seen_phrasings.get(key)
                if owner is not None and owner != entry.id:
                    yield problem(f"phrasing '{text}' is also in entry '{owner}'")
                seen_phrasings.setdefault(key, entry.id)
    if kb.entries and not kb.topics:
        yield Problem(Location(kb.locations[kb.entries[0].id].path, 1), "no topics defined")


def _check_smalltalk(kb: KnowledgeBase) -> Iterable[Problem]:
    faq_phrasings = {
        fold(text)
        for entry in kb.entries
        for language in LANGUAGES
        for text in (entry.question.get(language), *entry.alternates.get(language))
    }
    for intent in kb.smalltalk:
        where = kb.locations[f"small-talk intent:{intent.id}"]
        for language in LANGUAGES:
            if not intent.patterns.get(language):
                yield Problem(where, f"small talk '{intent.id}': missing language '{language}'")
            for pattern in intent.patterns.get(language):
                if fold(pattern) in faq_phrasings:
                    yield Problem(
                        where, f"small talk '{intent.id}': pattern '{pattern}' is an FAQ phrasing"
                    )


def _check_plans(kb: KnowledgeBase) -> Iterable[Problem]:
    plan_ids = {p.id for p in kb.plans}
    seen: set[str] = set()
    yield from _check_plan_names(kb)
    for plan in kb.plans:
        where = kb.locations[f"plan:{plan.id}"]
        if not plan.sources:
            yield Problem(where, f"plan '{plan.id}': has no sources")
        for language in LANGUAGES:
            if len(plan.summary.get(language)) > ANSWER_LIMIT:
                yield Problem(where, f"plan '{plan.id}': summary.{language} over {ANSWER_LIMIT}")
    for item in kb.commitments:
        where = kb.locations[f"commitment:{item.id}"]
        if item.id in seen:
            yield Problem(where, f"commitment '{item.id}': duplicate id")
        seen.add(item.id)
        if item.plan not in plan_ids:
            yield Problem(where, f"commitment '{item.id}': unknown plan '{item.plan}'")
        if not item.sources:
            yield Problem(where, f"commitment '{item.id}': has no sources")
        for language in LANGUAGES:
            if len(item.summary.get(language)) > COMMITMENT_SUMMARY_LIMIT:
                yield Problem(
                    where,
                    f"commitment '{item.id}': summary.{language} over {COMMITMENT_SUMMARY_LIMIT}",
                )
        for name in ("completion", "early_results", "ambition"):
            rating = getattr(item.assessment, name)
            if rating.value is not None and (rating.as_of is None or rating.source is None):
                yield Problem(
                    where,
                    f"commitment '{item.id}': {name} '{rating.value}' needs as_of and source",
                )


def _host(url: object) -> str:
    return (urlsplit(str(url)).hostname or "").removeprefix("www.")


def _check_institutions(kb: KnowledgeBase) -> Iterable[Problem]:
    """Sources, sites taken from cited pages, channels marked known only with a source."""
    seen_ids: set[str] = set()
    names: dict[str, str] = {}
    for item in kb.institutions:
        where = kb.locations[f"institution:{item.id}"]

        def problem(message: str, where: Location = where, item_id: str = item.id) -> Problem:
            return Problem(where, f"institution '{item_id}': {message}")

        if item.id in seen_ids:
            yield problem("duplicate id")
        seen_ids.add(item.id)
        if not item.sources:
            yield problem("has no sources")
        cited_hosts = {_host(url) for url in item.sources}
        if item.website is not None and _host(item.website) not in cited_hosts:
            yield problem(f"website {item.website} is not the site of any of its sources")
        channel = item.requests
        if channel.known and (channel.how is None or channel.source is None):
            yield problem("requests.known needs 'how' and 'source'")
        if not channel.known and (channel.how is not None or channel.url is not None):
            yield problem("requests.known is false but 'how' or 'url' is given")
        if channel.source is not None and channel.source not in item.sources:
            yield problem("requests.source must also be listed in sources")
        for text in (item.name, item.acronym or "", *item.aliases):
            key = fold(text)
            if not key:
                continue
            owner = names.get(key)
            if owner is not None and owner != item.id:
                yield problem(f"name or alias '{text}' is also used by '{owner}'")
            names.setdefault(key, item.id)


def _check_plan_names(kb: KnowledgeBase) -> Iterable[Problem]:
    """Report empty aliases and any name or alias that folds to the same text for two plans."""
    owners: dict[str, dict[str, str]] = {}
    for plan in kb.plans:
        where = kb.locations[f"plan:{plan.id}"]
        for language in LANGUAGES:
            for alias in plan.aliases.get(language):
                if not fold(alias):
                    yield Problem(where, f"plan '{plan.id}': empty alias in aliases.{language}")
            for text in (plan.name.get(language), *plan.aliases.get(language)):
                if key := fold(text):
                    owners.setdefault(key, {}).setdefault(plan.id, text)
    for plan in kb.plans:
        where = kb.locations[f"plan:{plan.id}"]
        for texts in owners.values():
            others = sorted(other for other in texts if other != plan.id)
            if plan.id in texts and others and plan.id > others[0]:
                yield Problem(
                    where,
                    f"plan '{plan.id}': alias '{texts[plan.id]}' also names plan '{others[0]}'",
                )

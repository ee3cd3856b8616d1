"""Where a procedure that is not open government is handled (knowledge/content/referrals.yaml).

A question that names an open-government subject stays with the team; one that names a
procedure of another institution is referred to it; one that is plainly off-topic gets neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, HttpUrl

from knowledge.normalize import fold

REFERRALS_PATH = Path(__file__).parent / "content" / "referrals.yaml"


class Referral(BaseModel):
    """One institution and the procedures it handles."""

    id: str
    institution: dict[str, str]
    url: HttpUrl
    sourced: bool
    keywords: list[str]


class ReferralList(BaseModel):
    """The curated list: open-government words, off-topic words, and the referrals."""

    open_government: list[str]
    out_of_scope: list[str]
    referrals: list[Referral]


@dataclass(frozen=True)
class Scope:
    """The decision for an unanswered question: ``referral`` set, ``off_topic``, or neither."""

    referral: Referral | None = None
    off_topic: bool = False

    @property
    def for_the_team(self) -> bool:
        """Whether "Enviar al equipo" is the right offer (an open-government question)."""
        return self.referral is None and not self.off_topic


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b")


class Referrals:
    """Decide, from the curated keywords, where an unanswered question belongs."""

    def __init__(self, data: ReferralList) -> None:
        self.data = data
        self._open = _pattern(data.open_government)
        self._off = _pattern(data.out_of_scope)
        self._each = [(referral, _pattern(referral.keywords)) for referral in data.referrals]

    def scope(self, question: str) -> Scope:
        """Open government (the team), another institution's procedure, or off-topic."""
        text = fold(question)
        if self._open.search(text):
            return Scope()
        for referral, pattern in self._each:
            if pattern.search(text):
                return Scope(referral=referral)
        if self._off.search(text):
            return Scope(off_topic=True)
        return Scope()

    def named_outside(self, question: str, asking: str) -> tuple[Scope, str] | None:
        """The words of a plainly off-topic subject ("el examen de admisión") that ``asking``,
        the clauses of ``question`` that ask, names, when the question names no
        open-government subject; None otherwise. (Another institution's procedure named in an
        answered question is not enough: "¿qué trámite sigo para pedir información al
        municipio?" is answered; trying it cost right answers on fresh4's and fresh7's checks.)"""
        if self._open.search(fold(question)):
            return None
        found = self._off.search(fold(asking))
        return (Scope(off_topic=True), found.group(0)) if found else None


@cache
def load_referrals(path: Path = REFERRALS_PATH) -> Referrals:
    """The shipped list, read once."""
    with path.open(encoding="utf-8") as handle:
        return Referrals(ReferralList.model_validate(yaml.safe_load(handle)))

"""The shape of the curated content: what every entry must carry."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, HttpUrl

Language = Literal["es", "en"]
LANGUAGES: tuple[Language, ...] = ("es", "en")

ANSWER_LIMIT = 700
DETAIL_LIMIT = 2000
COMMITMENT_SUMMARY_LIMIT = 500
MIN_ALTERNATES = {"es": 4, "en": 2}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(_Strict):
    """A text in Spanish and English."""

    es: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, language: str) -> str:
        """Return the text in ``language``, Spanish when that language is missing."""
        return self.en if language == "en" else self.es


class LocalizedList(_Strict):
    """Lists of phrases in Spanish and English."""

    es: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    def get(self, language: str) -> list[str]:
        """Return the phrases in ``language``."""
        return self.en if language == "en" else self.es


class Topic(_Strict):
    """A browsing topic."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: Localized
    order: int = 0


class FaqEntry(_Strict):
    """One curated question with its answer and sources."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    topic: str
    question: Localized
    alternates: LocalizedList
    answer: Localized
    detail: Localized | None = None
    related: list[str] = Field(default_factory=list)
    sources: list[HttpUrl] = Field(default_factory=list)
    reviewed: dt.date
    # The plan whose commitments this entry lists (or one of whose commitments it describes): a
    # question naming one of them ("¿y lo de la pesca?") is better answered by that commitment's
    # card than by the entry.
    lists_commitments_of: str | None = None
    # The entry on local governments' own plans (OGP Local): a question naming a local
    # government as the owner of a plan or commitment ("¿qué compromisos tiene el plan de la
    # prefectura?") is answered by it, not by a national commitment's card.
    lists_local_plans: bool = False


class SmallTalk(_Strict):
    """A conversational intent (greeting, thanks…) with its reply."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    patterns: LocalizedList
    answer: Localized
    # Matched only when the message is one of the patterns word for word: "quién te hizo" shares
    # its one telling word with real questions ("quién hizo el plan"), so likeness would catch them.
    word_for_word: bool = False


CompletionLevel = Literal["no-evidence", "not-started", "limited", "substantial", "complete"]
EarlyResults = Literal["none", "marginal", "significant", "outstanding"]
Ambition = Literal["low", "moderate", "high"]
Pillar = Literal["transparencia", "integridad", "participacion", "colaboracion"]


def _as_text(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


# A year ("2023"), a month ("2023-05") or a day ("2023-05-17"): only as precise as the source.
AsOf = Annotated[str, BeforeValidator(_as_text), Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


class Rating(_Strict):
    """An assessment value with the date it refers to and where it comes from."""

    value: str | None = None
    as_of: AsOf | None = None
    source: HttpUrl | None = None


class CompletionRating(Rating):
    value: CompletionLevel | None = None


class EarlyResultsRating(Rating):
    value: EarlyResults | None = None


class AmbitionRating(Rating):
    value: Ambition | None = None


class Assessment(_Strict):
    """The IRM's view of a commitment."""

    completion: CompletionRating = CompletionRating()
    early_results: EarlyResultsRating = EarlyResultsRating()
    ambition: AmbitionRating = AmbitionRating()


class Plan(_Strict):
    """One national open-government action plan."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    number: int
    name: Localized
    # The ordinal word citizens use for the plan ("primer", "first"), for matching and display.
    ordinal: Localized | None = None
    # Other names citizens give the plan ("PAGA I", "plan 2019-2022", "first plan"); no two plans
    # may share one (kb check).
    aliases: LocalizedList = LocalizedList()
    period: str | None = None
    summary: Localized
    commitments_total: int | None = None
    official_url: HttpUrl | None = None
    sources: list[HttpUrl] = Field(default_factory=list)
    reviewed: dt.date


class Commitment(_Strict):
    """One commitment of an action plan, with its baseline assessment."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    plan: str
    number: int | None = None
    ogp_id: str | None = None
    title: str = Field(min_length=1)
    summary: Localized
    theme: Localized
    pillars: list[Pillar] = Field(default_factory=list)
    lead_institution: str | None = None
    lead_note: Localized | None = None
    counterparts: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    milestones: list[Localized] = Field(default_factory=list)
    assessment: Assessment = Assessment()
    sources: list[HttpUrl] = Field(default_factory=list)
    reviewed: dt.date


class RequestChannel(_Strict):
    """How an institution receives access-to-information requests, as far as the sources say.

    ``known: false`` means the sources do not say; the assistant then explains how to find it.
    """

    known: bool
    how: Localized | None = None
    url: HttpUrl | None = None
    source: HttpUrl | None = None


class Institution(_Strict):
    """A public body a citizen can ask for information, with where each fact comes from.

    ``website`` is the root of an official page the sources cite (``kb check`` verifies that its
    host is one of the sources' hosts); None when the sources name no site.
    """

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=3)
    acronym: str | None = None
    aliases: list[str] = Field(default_factory=list)
    level: Literal["nacional", "local"] = "nacional"
    role: Localized | None = None
    website: HttpUrl | None = None
    requests: RequestChannel
    sources: list[HttpUrl] = Field(default_factory=list)
    reviewed: dt.date

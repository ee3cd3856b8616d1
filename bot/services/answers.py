"""Answer a citizen's question from the knowledge base."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from bot.services.plans import baseline_status, describe_match
from bot.texts import escape, render
from knowledge.commitments import CommitmentMatch, CommitmentMatcher
from knowledge.loader import KnowledgeBase, load_knowledge_base
from knowledge.schema import FaqEntry
from knowledge.search import SearchIndex, SearchResult, Thresholds

MAX_QUESTION_CHARS = 4000


@dataclass(frozen=True)
class Suggestion:
    """An entry offered as “¿Quiso decir…?”."""

    id: str
    question: str
    score: float


@dataclass(frozen=True)
class Reply:
    """The assistant's reply to one question, independent of the channel that shows it."""

    decision: str
    text: str
    language: str
    entry_id: str | None = None
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Suggestion, ...] = ()
    commitments: CommitmentMatch | None = None
    normalized: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def confident(self) -> bool:
        """Whether this reply is an FAQ answer."""
        return self.decision == "answer"

    def as_json(self) -> dict[str, object]:
        """Return the machine-readable form printed by ``python -m bot ask --json``."""
        return {
            "answer": self.text,
            "id": self.entry_id,
            "score": self.score,
            "confident": self.confident,
            "language": self.language,
            "decision": self.decision,
            "commitments": [c.id for c in self.commitments.commitments] if self.commitments else [],
            "suggestions": [
                {"id": s.id, "question": s.question, "score": s.score} for s in self.suggestions
            ],
        }


class AnswerService:
    """Turn questions into replies with one knowledge base and one search index."""

    def __init__(self, kb: KnowledgeBase, index: SearchIndex) -> None:
        self.kb = kb
        self.index = index
        self.commitments = CommitmentMatcher(kb, index.normalizer)
        self.plans = {p.id: p for p in kb.plans}
        # Citizens ask the same things again and again: keep the latest replies. The knowledge
        # base never changes while the process runs, so entries never go stale.
        self._cache: OrderedDict[tuple[str, str | None, str], Reply] = OrderedDict()
        self.cache_size = 4096

    def format_entry(self, entry: FaqEntry, language: str) -> str:
        """Return an entry as a chat message: question, answer and its sources."""
        sources = ", ".join(str(url) for url in entry.sources[:2])
        return (
            f"<b>{escape(entry.question.get(language))}</b>\n\n"
            f"{escape(entry.answer.get(language))}\n\n"
            f"<i>{render('answer.source', language, sources=sources)}</i>"
        )

    def entry_reply(self, entry_id: str, language: str) -> Reply | None:
        """Return the reply for one entry chosen by id (a button, a topic list)."""
        entry = self.kb.entry(entry_id)
        if entry is None:
            return None
        return Reply(
            decision="answer",
            text=self.format_entry(entry, language),
            language=language,
            entry_id=entry.id,
            score=1.0,
            related=self._related(entry, language),
        )

    def _related(self, entry: FaqEntry, language: str) -> tuple[Suggestion, ...]:
        related = []
        for related_id in entry.related[:3]:
            other = self.kb.entry(related_id)
            if other is not None:
                related.append(Suggestion(other.id, other.question.get(language), 0.0))
        return tuple(related)

    def answer(
        self, question: str, language: str | None = None, *, channel: str = "telegram"
    ) -> Reply:
        """Answer ``question`` in its own language; ``language`` decides when that is unclear."""
        key = (" ".join(question.split()).casefold(), language, channel)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        reply = self._answer(question, language, channel)
        if self.cache_size:
            self._cache[key] = reply
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return reply

    def _answer(self, question: str, language: str | None, channel: str) -> Reply:
        text = question.strip()
        if len(text) > MAX_QUESTION_CHARS:
            lang = language or "es"
            return Reply(
                "too_long",
                render("answer.too_long", lang, length=len(text), limit=MAX_QUESTION_CHARS),
                lang,
            )
        result: SearchResult = self.index.search(text, hint=language)
        lang = result.language
        top = result.top
        match = self.commitments.match(text, self.index.correct_typo)
        faq_score = top.score if top else 0.0
        faq_lists = top.entry.lists_commitments_of if top is not None else None
        if match is not None and match.answers(result.decision == "answer", faq_score, faq_lists):
            statuses = {c.id: baseline_status(c) for c in match.commitments}
            return Reply(
                "commitments",
                describe_match(match, self.plans, statuses, lang),
                lang,
                score=1.0 if match.commitments else 0.0,
                commitments=match,
            )
        if result.decision == "answer" and top is not None:
            return Reply(
                "answer",
                self.format_entry(top.entry, lang),
                lang,
                entry_id=top.entry.id,
                score=top.score,
                related=self._related(top.entry, lang),
            )
        if result.decision == "smalltalk" and result.smalltalk is not None:
            return Reply(
                "smalltalk",
                escape(result.smalltalk.answer.get(lang)),
                lang,
                score=top.score if top else 0.0,
                extra={"intent": result.smalltalk.id},
            )
        if result.decision == "suggest":
            suggestions = tuple(
                Suggestion(m.entry.id, m.entry.question.get(lang), m.score)
                for m in result.suggestions
            )
            return Reply(
                "suggest",
                render("answer.suggest", lang),
                lang,
                score=top.score if top else 0.0,
                suggestions=suggestions,
            )
        if result.decision == "empty":
            return Reply("empty", render("answer.empty", lang), lang)
        key = "answer.fallback_cli" if channel == "cli" else "answer.fallback"
        return Reply("fallback", render(key, lang), lang, score=top.score if top else 0.0)


def load_answer_service(thresholds: Thresholds | None = None) -> AnswerService:
    """Load the shipped knowledge base and index it; raise if the content has problems."""
    kb = load_knowledge_base()
    if kb.problems:
        shown = "\n".join(str(p) for p in kb.problems[:10])
        raise ValueError(
            f"the knowledge base has problems (run `python -m bot kb check`):\n{shown}"
        )
    return AnswerService(kb, SearchIndex(kb, thresholds=thresholds or Thresholds()))

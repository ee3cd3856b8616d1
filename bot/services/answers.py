"""Answer a citizen's question from the knowledge base."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from bot.services.plans import (
    CommitmentMatches,
    CommitmentStatus,
    baseline_status,
    describe_match,
)
from knowledge.commitments import CommitmentMatch, CommitmentMatcher
from knowledge.lexicon import shipped_lexicon
from knowledge.loader import KnowledgeBase, load_knowledge_base
from knowledge.normalize import DEFINITION_TOKEN, QUESTION_TOKENS
from knowledge.referrals import Referrals, Scope, load_referrals
from knowledge.schema import FaqEntry
from knowledge.search import (
    QUESTION_DECIDES_AMONG,
    Match,
    SearchIndex,
    SearchResult,
    Thresholds,
    asked_questions,
    clauses,
)

MAX_QUESTION_CHARS = 4000
MAX_RELATED = 3
# A message this long asking two questions gets the first answered and the second offered. Also
# a short one with no story ("¿Qué es el Grupo Núcleo y quiénes están en él?"): read whole, its
# words of both halves split it between two entries (15 words until tune20, 2026-12-06).
TWO_QUESTIONS_MIN_WORDS = 6
# A second question with this many topic words names its own subject.
SECOND_QUESTION_MIN_WORDS = 3
# An FAQ entry about the institution a question names wins over that institution's commitment
# card, unasked for, when it answers with at least this confidence: "¿la Defensoría del Pueblo
# capacita a los funcionarios?" (0.71) asks about its training commitment; "does the
# Defensoría del Pueblo enforce the right to information?" what the institution does.
FAQ_SURE_ABOUT_INSTITUTION = 0.8
# A question holding this many words that only one commitment's card has names that commitment
# (``AnswerService._names_unanswered_commitment``); with one word, on the tune splits, a
# check split lost a right answer to a wrong one.
OWN_WORDS_NAME = 2
# The decisions that tell the language a citizen converses in: a question's (answered, with
# choices, commitments or a fallback) does; a greeting or a thank-you does not ("hello",
# "thanks" are common in Spanish chats too).
SWITCHES_LANGUAGE = frozenset({"answer", "suggest", "commitments", "fallback"})


@dataclass(frozen=True)
class Suggestion:
    """An entry offered as “¿Quiso decir…?” or as a related question."""

    id: str
    question: str
    score: float


@dataclass(frozen=True)
class AnsweredEntry:
    """A knowledge-base entry in one language: question, answer, detail and every source."""

    id: str
    language: str
    topic: str
    question: str
    answer: str
    detail: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Reply:
    """The assistant's reply to one question, as data; each channel renders it.

    ``decision`` says which fields matter: "answer" → ``entry`` (and ``related``);
    "commitments" → ``commitments`` (the matcher's result) and ``matches`` (with statuses);
    "smalltalk" → ``smalltalk``; "suggest" → ``suggestions``; "too_long" → ``length`` and
    ``limit``; "fallback" → ``scope`` (another institution's procedure, off-topic, or one for
    the team) and ``reviewed`` (when the knowledge base was last checked); "empty" carries
    nothing more. ``matches`` holds the curated (baseline) statuses, as this service has no
    database: channels that show live ones ask ``PlanService.matches(reply.commitments)``.
    """

    decision: str
    language: str
    entry: AnsweredEntry | None = None
    score: float = 0.0
    suggestions: tuple[Suggestion, ...] = ()
    related: tuple[Suggestion, ...] = ()
    commitments: CommitmentMatch | None = None
    matches: CommitmentMatches | None = None
    smalltalk: str | None = None
    length: int = 0
    limit: int = MAX_QUESTION_CHARS
    scope: Scope = field(default_factory=Scope)
    # A fallback says as of when the knowledge base was checked: its newest ``reviewed`` date.
    reviewed: dt.date | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def entry_id(self) -> str | None:
        """The answered entry's id, if this reply is an FAQ answer."""
        return self.entry.id if self.entry else None

    @property
    def confident(self) -> bool:
        """Whether the bot answers outright: an FAQ entry, or the commitments asked about."""
        if self.decision == "commitments":
            return bool(self.commitments and self.commitments.commitments)
        return self.decision == "answer"


def last_reviewed(kb: KnowledgeBase) -> dt.date | None:
    """The newest ``reviewed`` date of the knowledge base's entries, plans and commitments."""
    dates = [e.reviewed for e in kb.entries] + [p.reviewed for p in kb.plans]
    dates += [c.reviewed for c in kb.commitments]
    return max(dates, default=None)


def answered_entry(entry: FaqEntry, language: str) -> AnsweredEntry:
    """An entry's texts in ``language``, with all its sources."""
    return AnsweredEntry(
        id=entry.id,
        language=language,
        topic=entry.topic,
        question=entry.question.get(language),
        answer=entry.answer.get(language),
        detail=entry.detail.get(language) if entry.detail is not None else None,
        sources=tuple(str(url) for url in entry.sources),
    )


class AnswerService:
    """Turn questions into replies with one knowledge base and one search index."""

    def __init__(
        self, kb: KnowledgeBase, index: SearchIndex, referrals: Referrals | None = None
    ) -> None:
        self.kb = kb
        self.index = index
        self.referrals = referrals or load_referrals()
        self.commitments = CommitmentMatcher(kb, index.normalizer)
        self.plans = {p.id: p for p in kb.plans}
        self.reviewed = last_reviewed(kb)
        # Citizens ask the same things again and again: keep the latest replies. Only
        # ``replace`` changes the knowledge base, and it empties the caches.
        self._cache: OrderedDict[tuple[str, str | None], Reply] = OrderedDict()
        self._entries: dict[tuple[str, str], AnsweredEntry] = {}
        self.cache_size = 4096
        # Statuses recorded with `plan update`, for channels without a PlanService at hand (the
        # terminal, `ask`); Telegram re-reads them per reply through PlanService.matches().
        self.live_statuses: Mapping[str, CommitmentStatus] = {}

    def use_live_statuses(self, statuses: Mapping[str, CommitmentStatus]) -> None:
        """Answer with these commitment statuses from now on (cached replies are dropped)."""
        self.live_statuses = statuses
        self._cache.clear()

    def replace(self, kb: KnowledgeBase, index: SearchIndex) -> None:
        """Serve ``kb`` with ``index`` from the next question on (staff edits); drop the caches."""
        commitments = CommitmentMatcher(kb, index.normalizer)
        # Plain assignments between two awaits: a question is answered wholly by the old
        # knowledge base or wholly by the new one.
        self.kb, self.index, self.commitments = kb, index, commitments
        self.plans = {p.id: p for p in kb.plans}
        self.reviewed = last_reviewed(kb)
        self._cache = OrderedDict()
        self._entries = {}

    def _entry(self, entry: FaqEntry, language: str) -> AnsweredEntry:
        key = (entry.id, language)
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = answered_entry(entry, language)
        return found

    def entry_reply(self, entry_id: str, language: str) -> Reply | None:
        """Return the reply for one entry chosen by id (a button, a topic list)."""
        entry = self.kb.entry(entry_id)
        if entry is None:
            return None
        return Reply(
            decision="answer",
            language=language,
            entry=self._entry(entry, language),
            score=1.0,
            related=self._related(entry, language),
        )

    def _related(
        self, entry: FaqEntry, language: str, close: tuple[FaqEntry, ...] = ()
    ) -> tuple[Suggestion, ...]:
        """Entries on the same subject that nearly won, then the entry's curated related ones."""
        related: list[Suggestion] = []
        seen = {entry.id}
        curated = [self.kb.entry(related_id) for related_id in entry.related]
        for other in (*close, *curated):
            if other is not None and other.id not in seen and len(related) < MAX_RELATED:
                seen.add(other.id)
                related.append(Suggestion(other.id, other.question.get(language), 0.0))
        return tuple(related)

    def answer(self, question: str, language: str | None = None) -> Reply:
        """Answer ``question`` in its own language; ``language`` decides when that is unclear."""
        key = (" ".join(question.split()).casefold(), language)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        reply = self._answer(question, language)
        if self.cache_size:
            self._cache[key] = reply
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return reply

    def _answer(self, question: str, language: str | None) -> Reply:
        text = question.strip()
        if len(text) > MAX_QUESTION_CHARS:
            return Reply("too_long", language or "es", length=len(text))
        reply = self._answer_text(text, language)
        questions = self.index.asked_questions(text, reply.language)
        if len(questions) < 2 or len(text.split()) < TWO_QUESTIONS_MIN_WORDS:
            return reply
        # Two questions ("¿Ya hay un tercer plan? ¿Cuándo se abre la convocatoria?"): when the
        # message as a whole only offers choices and one of them answers the first question
        # (read with the story before it) outright, that one is answered.
        if reply.decision == "suggest":
            first = self._answer_text(questions[0][0], language)
            if first.decision == "answer" and first.entry_id in {s.id for s in reply.suggestions}:
                reply = first
        if reply.decision == "answer":
            reply = self._defined_first(reply, questions[0], language)
        if reply.decision == "answer":
            reply = self._first_asked_first(reply, text, questions, language)
        if reply.decision != "answer":
            return reply
        return self._offering(reply, questions[1][1])

    def _defined_first(self, reply: Reply, first: tuple[str, str], language: str | None) -> Reply:
        """The answer to the first of two questions when it asks what something is and its own
        entry, a neighbour of the whole message's, answers it outright ("¿qué es X y quién lo
        hace?": what X is comes first; who does it is offered with it)."""
        with_story, own = first
        tokens = self.index.normalizer.tokens(own, reply.language)[0]
        if DEFINITION_TOKEN not in tokens:
            return reply
        answered = self._answer_text(with_story, language)
        whole = self.kb.entry(reply.entry_id or "")
        defined = self.kb.entry(answered.entry_id or "")
        if (
            answered.decision != "answer"
            or whole is None
            or defined is None
            or defined.id == whole.id
            or not self.index.same_subject(defined, whole)
            # The entry defines (its own question asks what something is), and read without the
            # story the first question still finds it.
            or DEFINITION_TOKEN not in self.index.normalizer.tokens(defined.question.es, "es")[0]
            or self._answer_text(own, language).entry_id != defined.id
        ):
            return reply
        return answered

    def _first_asked_first(
        self, reply: Reply, text: str, questions: list[tuple[str, str]], language: str | None
    ) -> Reply:
        """The first question's answer when the whole message's is its follow-up's ("When did
        the new law come into force, and who enforces it?": when comes first, and who is offered
        beside it). Only for two questions joined in one sentence whose second points back at
        the first one's subject (the lexicon's ``follow_up_pronouns``), each answered outright
        by its own entry, the first's among the whole message's leading entries."""
        if text.startswith(questions[0][0]):
            return reply  # a question of its own, not one joined to the next
        pronouns = shipped_lexicon().follow_up_pronouns.all()
        raw = self.index.normalizer.raw_words
        if all(pronouns.isdisjoint(raw(alone)) for _, alone in questions[1:]):
            return reply
        first = self._answer_text(questions[0][0], language)
        if first.decision != "answer" or first.entry_id in (None, reply.entry_id):
            return reply
        later = {self._answer_text(alone, language).entry_id for _, alone in questions[1:]}
        if reply.entry_id not in later:
            return reply
        leading = self.index.search(text, hint=reply.language).matches[:QUESTION_DECIDES_AMONG]
        return first if first.entry_id in {m.entry.id for m in leading} else reply

    def _offering(self, reply: Reply, question: str) -> Reply:
        """The reply with the entry that answers a second question offered first among its
        related questions (when it is another entry)."""
        offered = self.index.search(question, hint=reply.language)
        best = offered.top
        # Read alone, the second question must be answered outright, and on the answer's
        # subject unless it names its own: "¿cuánto se demoran?" after a question on erasing
        # one's data is not about an information request's deadline.
        if best is None or offered.decision != "answer" or best.entry.id == reply.entry_id:
            return reply
        answered = self.kb.entry(reply.entry_id or "")
        tokens = self.index.normalizer.tokens(question, reply.language)[0]
        own_subject = len(set(tokens) - QUESTION_TOKENS) >= SECOND_QUESTION_MIN_WORDS
        if answered is None or not (own_subject or self.index.same_subject(answered, best.entry)):
            return reply
        other = Suggestion(best.entry.id, best.entry.question.get(reply.language), best.score)
        related = (other, *(r for r in reply.related if r.id != other.id))[:MAX_RELATED]
        return replace(reply, related=related)

    def _asking_clauses(self, text: str) -> str:
        """What a message asks: its questions with question marks, or else its clauses but those
        telling the citizen's situation ("somos hinchas de un club de fútbol…. ¿Una entidad
        privada que recibe fondos públicos está obligada a entregar información?")."""
        marked = asked_questions(text)
        if marked:
            return ". ".join(question for _, question in marked)
        raw_words = self.index.normalizer.raw_words
        return ". ".join(
            p for p in clauses(text) if not shipped_lexicon().opens_context(raw_words(p))
        )

    def _answer_text(self, text: str, language: str | None) -> Reply:
        result: SearchResult = self.index.search(text, hint=language)
        lang = result.language
        top = result.top
        if (
            self.commitments.unknown_plan(text) is not None
            # "el quinto plan de Colombia" is another country's; "el cuarto plan nacional de
            # desarrollo" another kind of plan: outside subjects are not answered for.
            and not self.index.outside_subjects(text)
            and self.referrals.scope(text).for_the_team
        ):
            # "el cuarto plan": no such plan is known, so none is guessed at; what the latest
            # plan's entry tells (which plans there are, as of when, where to check) answers.
            latest = self._latest_plan(lang)
            if latest is not None:
                return latest
        local = self._local_plans(text, result)
        if local is not None:
            return local
        match = self.commitments.match(text, self.index.correct_typo)
        faq_score = top.score if top else 0.0
        outside = self.referrals.named_outside(text, self._asking_clauses(text))
        faq_lists = top.entry.lists_commitments_of if top is not None else None
        if (
            match is not None
            and (
                match.answers(
                    result.decision == "answer",
                    faq_score,
                    faq_lists,
                    faq_about_institution=(
                        top is not None
                        and result.confidence >= FAQ_SURE_ABOUT_INSTITUTION
                        and match.named_institution is not None
                        and self.index.is_about(top.entry, match.named_institution)
                    ),
                    faq_about_subject=(
                        top is not None
                        and match.asks_concept
                        and self.index.about_any(top.entry, match.subject_words)
                    ),
                )
                or self._names_unanswered_commitment(text, match, top, result.decision == "answer")
            )
            # One broad word ("ley") names no commitment: the entries it leads to are offered.
            and not (match.kind == "topic" and result.broad is not None)
            # "¿cómo va el compromiso de datos abiertos de Colombia?" is not Ecuador's.
            and not self.index.names_an_outside_subject(text, match.commitments)
            # "¿Cuál es el mejor partido político?" asks an opinion no card speaks of.
            and not (
                outside is not None
                and not self.index.commitments_speak_of(match.commitments, outside[1])
            )
        ):
            statuses = {
                c.id: self.live_statuses.get(c.id) or baseline_status(c) for c in match.commitments
            }
            return Reply(
                "commitments",
                lang,
                score=1.0 if match.commitments else 0.0,
                commitments=match,
                matches=describe_match(match, self.plans, statuses),
            )
        if outside is not None and top is not None and result.decision == "answer":
            # "¿Cuándo son las inscripciones para el examen de admisión?" shares words with an
            # entry (points, requirements) that says nothing of what it names: not answered.
            scope, words = outside
            if not self.index.entry_speaks_of(top.entry, words):
                return Reply("fallback", lang, score=top.score, scope=scope, reviewed=self.reviewed)
        if result.decision == "answer" and top is not None:
            elsewhere = self._in_another_plan(text, result)
            if elsewhere is not None:
                return elsewhere
            return self._answer_reply(result, top, lang)
        if result.decision == "smalltalk" and result.smalltalk is not None:
            return Reply(
                "smalltalk",
                lang,
                score=top.score if top else 0.0,
                smalltalk=result.smalltalk.answer.get(lang),
                extra={"intent": result.smalltalk.id},
            )
        # An unanswered question that names another institution's procedure ("sacar la cédula")
        # is referred there, rather than offered open-government entries it did not ask for.
        scope = self.referrals.scope(text) if result.decision != "empty" else Scope()
        if result.decision == "suggest" and scope.for_the_team:
            suggestions = tuple(
                Suggestion(m.entry.id, m.entry.question.get(lang), m.score)
                for m in result.suggestions
            )
            return Reply("suggest", lang, score=top.score if top else 0.0, suggestions=suggestions)
        if result.decision == "empty":
            return Reply("empty", lang)
        return Reply(
            "fallback", lang, score=top.score if top else 0.0, scope=scope, reviewed=self.reviewed
        )

    def _local_plans(self, text: str, result: SearchResult) -> Reply | None:
        """The entry on local governments' own plans (``lists_local_plans``) when the question
        names a local government as the owner of a plan or commitment ("¿qué compromisos tiene
        el plan de la prefectura?"): local plans are OGP Local's, not Ecuador's national plan's
        cards. A national plan named ("el segundo plan"), a commitment's number or code, or a
        subject outside the scope (another country's city) keep their answers."""
        if not shipped_lexicon().names_local_plan_owner(self.index.normalizer.raw_words(text)):
            return None
        entry = next((e for e in self.kb.entries if e.lists_local_plans), None)
        if (
            entry is None
            or self.commitments.plan_named(text) is not None
            or self.commitments.names_number_or_code(text)
            or self.index.outside_subjects(text)
        ):
            return None
        lang = result.language
        return Reply(
            "answer",
            lang,
            entry=self._entry(entry, lang),
            score=1.0,
            related=self._related(entry, lang),
        )

    def _names_unanswered_commitment(
        self, text: str, match: CommitmentMatch, top: Match | None, faq_answers: bool
    ) -> bool:
        """Whether the question names one commitment by words only its card has, while the best
        FAQ entry never says them: that entry answers something else ("¿y el compromiso de
        simplificar trámites, quién lo hizo?" is not about the Municipios Abiertos platform).

        Two such words name it ("simplificar trámites"); one does with its subject named (two
        words shared, well ahead of every other card). The question must ask about it (say
        "compromiso", ask its status, or name its subject); named by its subject alone, it must
        beat an entry that answers: in a question no entry answers ("¿por cuál partido político
        debo votar?") a subject is no commitment's.
        """
        if (
            top is None
            # An institution named with its commitment's subject ("la capacitación de la
            # Defensoría") is named as a topic is.
            or match.kind not in ("topic", "institution")
            or (match.kind == "institution" and not match.subject_named)
            or len(match.commitments) != 1
            or match.off_subject
            or not (match.mentioned or match.asks_status or match.subject_named)
            or not (faq_answers or match.mentioned or match.asks_status)
        ):
            return False
        own = self.commitments.own_words(text, match.commitments[0])
        if not own or (len(own) < OWN_WORDS_NAME and not match.subject_named):
            return False
        return own.isdisjoint(self.index.entry_words(top.entry))

    def _in_another_plan(self, text: str, result: SearchResult) -> Reply | None:
        """Choices, when the question names one plan and the best entry is about another ("¿cómo
        se cocreó el primer plan?" finding the second plan's co-creation): the named plan's
        entries first, then the one found. None when the entry is about the plan named or no
        plan in particular."""
        named = self.commitments.plan_named(text)
        top = result.top
        if named is None or top is None:
            return None
        about = self._plan_of(top.entry)
        # "¿qué viene después del segundo plan?" is the third plan's own phrasing: an entry
        # whose phrasings name the plan is meant for it.
        if about is None or about == named.id or named.id in self._plans_phrased(top.entry):
            return None
        lang = result.language
        ranked = (*result.matches, *result.suggestions)
        own = [m for m in ranked if self._plan_of(m.entry) == named.id]
        offered: list[Suggestion] = []
        for m in (*own[:2], top):
            if m.entry.id not in {s.id for s in offered}:
                offered.append(Suggestion(m.entry.id, m.entry.question.get(lang), m.score))
        return Reply("suggest", lang, score=top.score, suggestions=tuple(offered))

    def _plan_of(self, entry: FaqEntry) -> str | None:
        """The plan an entry's question names, if one ("¿Cómo se cocreó el segundo plan?")."""
        plans = set()
        for lang in ("es", "en"):
            plan = self.commitments.plan_named(entry.question.get(lang))
            if plan is not None:
                plans.add(plan.id)
        return next(iter(plans)) if len(plans) == 1 else None

    def _plans_phrased(self, entry: FaqEntry) -> set[str]:
        """The plans an entry's alternate phrasings name."""
        found: set[str] = set()
        for lang in ("es", "en"):
            for phrasing in entry.alternates.get(lang):
                plan = self.commitments.plan_named(phrasing)
                if plan is not None:
                    found.add(plan.id)
        return found

    def _latest_plan(self, language: str) -> Reply | None:
        """The entry answering for the highest-numbered plan, named by its ordinal."""
        plans = [p for p in self.kb.plans if p.ordinal is not None]
        if not plans:
            return None
        latest = max(plans, key=lambda p: p.number)
        assert latest.ordinal is not None
        name = f"{latest.ordinal.get(language)} plan"
        result = self.index.search(name, hint=language)
        top = result.top
        if result.decision != "answer" or top is None:
            return None
        return self._answer_reply(result, top, result.language)

    def _answer_reply(self, result: SearchResult, top: Match, lang: str) -> Reply:
        """The reply answering with the search's best entry, and its related entries."""
        return Reply(
            "answer",
            lang,
            entry=self._entry(top.entry, lang),
            score=top.score,
            related=self._related(top.entry, lang, tuple(m.entry for m in result.related)),
        )


def load_answer_service(thresholds: Thresholds | None = None) -> AnswerService:
    """Load the shipped knowledge base and index it; raise if the content has problems."""
    kb = load_knowledge_base()
    if kb.problems:
        shown = "\n".join(str(p) for p in kb.problems[:10])
        raise ValueError(
            f"the knowledge base has problems (run `python -m bot kb check`):\n{shown}"
        )
    return AnswerService(kb, SearchIndex(kb, thresholds=thresholds or Thresholds()))

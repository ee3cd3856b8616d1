"""Find action-plan commitments in a citizen's words: by number, institution, result or topic.

"compromiso 3 del primer plan", "¿qué compromisos tiene el SERCOP?", "¿qué compromisos tuvieron
resultados sobresalientes?", "¿cómo va lo de la pesca?". Matching works on the same normalised,
stemmed tokens as the FAQ search, with each keyword weighted by how few commitments share it.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from knowledge.lexicon import shipped_lexicon
from knowledge.loader import KnowledgeBase
from knowledge.normalize import (
    DEFINITION_TOKEN,
    QUESTION_TOKENS,
    Normalizer,
    fold,
    question_tokens,
)
from knowledge.schema import Commitment, Plan
from knowledge.search import asked_questions, clauses
from knowledge.wordforms import is_inflection

LEXICON = shipped_lexicon()

# The word classes below are data: ``word_classes`` in content/lexicon.yaml.
WORDS = LEXICON.word_classes
PLURAL_COMMITMENT_WORDS = WORDS.plural_commitment_words.all()
COMMITMENT_WORDS = WORDS.commitment_words.all() | PLURAL_COMMITMENT_WORDS
PLAN_WORDS = WORDS.plan_words.all() | WORDS.plural_plan_words.all()
NUMBER_WORDS = {word: str(value) for word, value in LEXICON.number_words.items()}
_NUMBER = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
NUMBER = re.compile(
    rf"\b(?:compromiso|commitment)s?\s*(?:n|no|nro|num|numero|number|#)?\s*{_NUMBER}\b"
    rf"|\b(?:el|the)\s+{_NUMBER}\s+(?:del|of the)\s+(?:primer|segundo|tercer|first|second|third)"
)
OGP_CODE = re.compile(r"\bec\s?(0\d{3})\b")
# IRM early-results words → value on OGP's scale.
RESULT_WORDS: dict[str, tuple[str, ...]] = {
    "outstanding": ("sobresaliente", "sobresalientes", "destacado", "destacados", "excelente",
                    "excelentes", "outstanding", "mejores resultados", "mas exitosos",
                    "mejor salieron", "mejor les fue", "best results", "most successful"),
    "significant": ("significativo", "significativos", "significant"),
    "marginal": ("marginal", "marginales", "poco resultado", "pocos resultados",
                 "avanzaron poco", "avanzaron poquito"),
    "none": (r"(?:sin|ningun|ninguno|no)\b(?:\s+\w+){0,3}\s+resultados?",
             r"no\b(?:\s+\w+){0,3}\s+results?", "no lograron nada", "sin avances"),
}  # fmt: skip
RESULT_CONTEXT = WORDS.result_context.all()
COMPLETION_WORDS: dict[str, tuple[str, ...]] = {
    "complete": ("se cumplieron", "cumplidos", "completados", "completos", "terminados",
                 "completed", "fulfilled", "se completaron", "cumplieron"),
}  # fmt: skip
# Words that name the IRM's rating scale itself: "how does the IRM assess whether a commitment
# was completed? Is there a scale?" asks what the scale is, not for the completed commitments.
SCALE_WORDS = WORDS.scale_words.all()
# Words too common in institution names to identify one on their own.
GENERIC_INSTITUTION_WORDS = WORDS.generic_institution_words.all()


@dataclass(frozen=True)
class CommitmentMatch:
    """What a question asked about commitments, and the commitments that answer it."""

    kind: str  # number | code | institution | result | completion | topic
    commitments: tuple[Commitment, ...]
    plan: Plan | None = None
    number: int | None = None
    value: str | None = None  # the result or completion level asked about
    institution: str | None = None
    coverage: float = 1.0  # for topic matches: share of the question its words explain
    mentioned: bool = True  # the question says "compromiso(s)" / "commitment(s)"
    asks_status: bool = False  # "¿cómo va…?", "¿en qué quedó…?", "what happened with…"
    asks_definition: bool = False  # "¿qué es…?", "¿qué significa…?", or ``asks_concept``
    # A concept asked about in so many words: "¿qué diferencia hay entre…?", "…como pilar".
    asks_concept: bool = False
    asks_count: bool = False  # "¿cuántos…?", "how many…?"
    asks_scale: bool = False  # names the rating scale itself ("escala", "how does the IRM rate")
    # The best commitment shares two or more subject words with the question and clearly leads
    # the others: "¿cómo va la política de datos abiertos…?" names it without "compromiso".
    subject_named: bool = False
    within_plans: bool = False  # a plan named, or "plan" said: the question asks within them
    # One commitment named in each of two plans ("el compromiso de compras públicas del primer
    # plan y el del portal de transparencia del segundo"): the question compares them.
    compared: bool = False
    # Named by one subject word only, while words its card never says carry as much of the
    # question: "¿el compromiso de pesca me da permiso para pescar?" asks for a permit, not
    # about the commitment; "compromiso de la asamblea con los jubilados" is not its subject.
    off_subject: bool = False
    # The institution the question names (one of the commitments' lead institutions), whatever
    # the kind of match: "¿la Defensoría del Pueblo capacita en transparencia?".
    named_institution: str | None = None
    # The stems of the best commitment's keywords the question holds whole (topic matches):
    # the subject it names ("participación ciudadana").
    subject_words: frozenset[str] = frozenset()

    def answers(
        self,
        faq_answers: bool,
        faq_score: float,
        faq_lists: str | None = None,
        faq_about_institution: bool = False,
        faq_about_subject: bool = False,
    ) -> bool:
        """Whether these commitments, rather than the best FAQ entry, answer the question.

        A number, an institution or a result level asked about commitments is explicit. A topic
        alone is weaker evidence: "rendición de cuentas" is a concept the FAQ explains, even if
        a commitment is about it; "¿cómo va lo de la pesca?" asks for the commitment.
        ``faq_about_institution``: the best FAQ entry is about the institution named (see
        ``SearchIndex.is_about``); ``faq_about_subject``: it is about the subject the question
        names (``subject_words``, see ``SearchIndex.about_any``).
        """
        if (
            self.named_institution is not None
            and self.kind in ("institution", "topic")
            and not self.compared
            and faq_answers
            and faq_about_institution
            and not (self.mentioned or self.asks_status or self.within_plans)
        ):
            # "Does the Defensoría del Pueblo enforce the right to information?": unasked for
            # (no "compromiso", plan or status), an institution and words of one of its
            # commitments ask what the institution does, which the entry about it answers.
            return False
        if self.kind in ("number", "code", "institution") or self.compared:
            return True
        if self.kind == "topic" and self.off_subject and not self.subject_named:
            return False
        if (
            faq_lists is not None
            and self.kind == "topic"
            and self.commitments
            and all(c.plan == faq_lists for c in self.commitments)
        ):
            # The FAQ entry only lists the plan's commitments; the card is the specific answer,
            # unless the question asks how many there are: the entry's list tells that.
            return not (self.asks_count and faq_answers)
        if self.kind in ("result", "completion"):
            if faq_answers and not self.commitments:
                # No commitment is known at that level ("¿ya se cumplieron los del segundo
                # plan?": no completion levels are published): the FAQ entry tells what is known.
                return False
            if (
                faq_answers
                and self.asks_count
                and faq_lists is not None
                and all(c.plan == faq_lists for c in self.commitments)
            ):
                # "¿Cuántos compromisos tuvieron resultados sobresalientes?": the FAQ entry that
                # lists the plan's results tells how many.
                return False
            # A question naming the scale itself asks what it measures: the FAQ's to answer.
            return not self.asks_scale and not (self.asks_definition and faq_answers)
        if (
            self.asks_concept
            and faq_answers
            and faq_about_subject
            and not (self.mentioned or self.asks_status)
        ):
            # A concept asked about ("¿qué es la participación ciudadana como pilar en los
            # planes?"): the entry explaining it answers, not a commitment that works on it;
            # an entry on something else ("¿qué es el gobierno abierto?") does not. A bare
            # "¿qué es X del plan?" still asks for the plan's X: its commitment.
            return False
        if self.mentioned or self.asks_status or (self.within_plans and self.subject_named):
            # "¿cómo va ese compromiso de control social?": a specific commitment beats a
            # general FAQ entry about commitments, unless the FAQ matches almost word for word.
            if faq_answers and faq_score >= FAQ_OVER_TOPIC and self.coverage < faq_score:
                return False
            if self.mentioned and self.subject_named and self.within_plans and not faq_answers:
                # "…compromisos de justicia abierta en el segundo plan…": commitments, a plan and
                # one commitment's subject named; a long story around them only dilutes the
                # coverage, and no entry answers instead.
                return True
            return self.coverage >= (
                MIN_MENTIONED_COVERAGE
                if self.mentioned or self.subject_named
                else MIN_TOPIC_COVERAGE
            )
        if self.asks_definition or self.coverage < UNPROMPTED_TOPIC_COVERAGE:
            return False
        # "laboratorio de innovación ciudadana en Riobamba": a commitment's own words, nearly
        # all the question, name it better than an FAQ entry that shares some of them.
        return not faq_answers or (self.subject_named and faq_score < FAQ_OVER_TOPIC)


# Ordinals past any plan a country is likely to have had, in both languages: with the plans'
# own numbers (plans.yaml) they tell a plan that does not exist ("el cuarto plan").
_ORDINALS = dict(LEXICON.ordinal_words)
_PLAN_NUMBER = re.compile(
    rf"\b(?:(?P<ordinal>{'|'.join(_ORDINALS)})\s+(?:plan|paga|action plan)"
    # A bare number before "plan" is rather a commitment's ("el compromiso 4 plan 1").
    r"|(?P<written>\d{1,2})(?:do|o|ro|to|er|ero|vo|no|mo|st|nd|rd|th)\s+(?:plan|paga)"
    # "paga 5 dólares" pays: after "paga" only a Roman numeral names a plan.
    r"|plan\s+(?:de\s+accion\s+)?(?P<digits>\d{1,2})"
    r"|(?:plan|paga)\s+(?:de\s+accion\s+)?(?P<roman>[ivx]{1,4})"
    rf"|plan\s+de\s+accion\s+(?P<after>{'|'.join(_ORDINALS)}))\b"
)


def _scale_words_said(raw: list[str], typo_fixer: Callable[[str], str | None] | None) -> bool:
    """Whether the words name the rating scale, as written or misspelt, not as inflected."""
    for word in raw:
        if word in SCALE_WORDS:
            return True
        fixed = typo_fixer(word) if typo_fixer is not None else None
        if fixed and not is_inflection(word, fixed) and set(fixed.split()) & SCALE_WORDS:
            return True
    return False


def _roman(number: int) -> str:
    """A plan's number as Roman numerals, folded ("PAGA III" -> "iii")."""
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out


# The Roman numerals of the plans a question may name ("PAGA IV"), and their numbers.
_ROMANS = {_roman(number): number for number in range(1, 11)}


class CommitmentMatcher:
    """Match questions to the commitments of one knowledge base."""

    def __init__(self, kb: KnowledgeBase, normalizer: Normalizer) -> None:
        self.kb = kb
        self.normalizer = normalizer
        self._plans = {p.id: p for p in kb.plans}
        # "servicio" opens an institution's name but is a subject too ("servicios públicos").
        generic = (
            COMMITMENT_WORDS | GENERIC_TOPIC_WORDS | (GENERIC_INSTITUTION_WORDS - {"servicio"})
        )
        ignored = {
            stem
            for phrase in (*generic, *GENERIC_TOPIC_PHRASES)
            for language in ("es", "en")
            for stem in self.normalizer.tokens(phrase, language)[0]
        }
        self._ignored = ignored
        self._card_question_stems = {
            stem
            for word in CARD_QUESTION_WORDS | COMMITMENT_WORDS
            for language in ("es", "en")
            for stem in self.normalizer.tokens(word, language)[0]
        }
        self._stems: dict[str, set[str]] = {}
        self._subject_stems: dict[str, set[str]] = {}
        self._card_words: dict[str, frozenset[str]] = {}
        # Each keyword, title and theme as its set of stems: a subject is named by whole ones.
        self._phrases: dict[str, list[frozenset[str]]] = {}
        frequency: dict[str, int] = defaultdict(int)
        for commitment in kb.commitments:
            phrases = [(k, "es") for k in (*commitment.keywords, commitment.theme.es)]
            phrases += [(k, "en") for k in (*commitment.keywords, commitment.theme.en)]
            phrases.append((commitment.title, "es"))
            stems: set[str] = set()
            own: list[frozenset[str]] = []
            for phrase, language in phrases:
                phrase_stems = set(self.normalizer.tokens(phrase, language)[0])
                phrase_stems -= ignored | QUESTION_TOKENS
                if phrase_stems:
                    own.append(frozenset(phrase_stems))
                stems |= phrase_stems
            self._phrases[commitment.id] = own
            self._stems[commitment.id] = stems
            # Without "compromiso" or a plan named, the lead institution's name is no subject:
            # "¿quién lo maneja, la Presidencia?" does not ask for the Presidencia's commitment.
            subject = set(stems)
            if commitment.lead_institution:
                subject -= set(self.normalizer.tokens(commitment.lead_institution, "es")[0])
                for text in (commitment.title, commitment.theme.es):
                    subject |= stems & set(self.normalizer.tokens(text, "es")[0])
            self._subject_stems[commitment.id] = subject
            self._card_words[commitment.id] = self._card_stems(commitment)
            for stem in stems:
                frequency[stem] += 1
        count = max(len(kb.commitments), 1)
        self._weight = {s: math.log(1 + count / df) for s, df in frequency.items()}
        self._rarest = max(self._weight.values(), default=1.0)
        self._plan_numbers = frozenset(plan.number for plan in kb.plans)
        self._institutions = self._institution_keys()
        self._bodies = self._body_pattern()
        self._within_subjects = self._subjects_holding_bodies()
        self._plan_names = self._plan_name_patterns()
        self._plan_ordinals = self._plan_ordinal_patterns()

    def _plan_name_patterns(self) -> list[tuple[Plan, re.Pattern[str]]]:
        """One pattern a plan: its aliases and ordinals from plans.yaml, folded."""
        patterns: list[tuple[Plan, re.Pattern[str]]] = []
        named: list[tuple[Plan, set[str]]] = []
        for plan in self.kb.plans:
            names = {" ".join(self.normalizer.raw_words(a)) for a in plan.aliases.es}
            names |= {" ".join(self.normalizer.raw_words(a)) for a in plan.aliases.en}
            if plan.ordinal is not None:
                for ordinal in (plan.ordinal.es, plan.ordinal.en):
                    word = " ".join(self.normalizer.raw_words(ordinal))
                    names |= {f"{word} plan", f"{word} action plan", f"plan de accion {word}"}
            names |= {f"paga {plan.number}", f"plan {plan.number}"}
            roman = _roman(plan.number)
            names |= {f"paga {roman}", f"plan {roman}"}
            # "el plan 2019": the year a plan started names it (its last year may start the next).
            start = re.match(r"\d{4}", plan.period or "")
            if start:
                names |= {f"plan {start.group(0)}", f"plan de {start.group(0)}"}
            names.discard("")
            named.append((plan, names))
        # A name two plans share once folded ("Plan Actual" / "plan actual") names neither.
        owners: dict[str, set[str]] = defaultdict(set)
        for plan, names in named:
            for name in names:
                owners[name].add(plan.id)
        for plan, names in named:
            own = {n for n in names if len(owners[n]) == 1}
            alternatives = "|".join(re.escape(n) for n in sorted(own, key=len, reverse=True))
            if alternatives:
                patterns.append((plan, re.compile(rf"\b(?:{alternatives})\b")))
        return patterns

    def _plan_ordinal_patterns(self) -> list[tuple[Plan, re.Pattern[str]]]:
        """One pattern a plan: its ordinal alone after an article ("del segundo", "the
        second"), which names it only once another plan has been named."""
        patterns = []
        for plan in self.kb.plans:
            if plan.ordinal is None:
                continue
            ordinals = {
                " ".join(self.normalizer.raw_words(o)) for o in (plan.ordinal.es, plan.ordinal.en)
            }
            # "primer" and "tercer" stand alone as "primero" and "tercero".
            ordinals |= {f"{o}o" for o in ordinals if o.endswith("er")}
            alternatives = "|".join(re.escape(o) for o in sorted(ordinals, key=len, reverse=True))
            patterns.append(
                (plan, re.compile(rf"\b(?:del|el|al|en el|the|in the)\s+({alternatives})\b"))
            )
        return patterns

    def _body_pattern(self) -> re.Pattern[str] | None:
        """The names of the state's branches and bodies (``state_bodies`` in the lexicon)."""
        # Not the curated institutions' names: their aliases are subjects too ("contratación
        # pública", "ambiente"), and the lead institutions are no subject unasked already.
        names = {phrase for phrases in LEXICON.state_bodies.values() for phrase in phrases}
        folded = {" ".join(self.normalizer.raw_words(name)) for name in names} - {""}
        if not folded:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(folded, key=len, reverse=True))
        return re.compile(rf"\b(?:{alternatives})\b")

    def _subjects_holding_bodies(self) -> re.Pattern[str] | None:
        """The commitments' keywords, themes and titles that hold a body's name and more
        ("parlamento abierto" holds "parlamento"): said whole, they name a subject."""
        if self._bodies is None:
            return None
        holding = set()
        for commitment in self.kb.commitments:
            for phrase in (*commitment.keywords, commitment.theme.es, commitment.theme.en):
                folded = " ".join(self.normalizer.raw_words(phrase))
                if any(m.group(0) != folded for m in self._bodies.finditer(folded)):
                    holding.add(folded)
        if not holding:
            return None
        alternatives = "|".join(re.escape(n) for n in sorted(holding, key=len, reverse=True))
        return re.compile(rf"\b(?:{alternatives})\b")

    def _body_stems(self, folded: str) -> frozenset[str]:
        """The stems of the state bodies a folded question names ("asamblea nacional"), but
        not of a commitment's subject that holds one ("parlamento abierto")."""
        if self._bodies is None:
            return frozenset()
        if self._within_subjects is not None:
            folded = self._within_subjects.sub(" , ", folded)
        return frozenset(
            stem
            for found in self._bodies.finditer(folded)
            for piece in (found.group(0), *found.group(0).split())
            for stem in self.normalizer.tokens(piece, "es")[0]
        )

    def _institution_keys(self) -> list[tuple[Commitment, str, tuple[str, ...]]]:
        keys: list[tuple[Commitment, str, tuple[str, ...]]] = []
        for commitment in self.kb.commitments:
            name = commitment.lead_institution
            if not name:
                continue
            acronym = re.search(r"\(([A-Za-z]{2,10})\)", name)
            if acronym:
                keys.append((commitment, name, (acronym.group(1).lower(),)))
            words = [w for w in fold(re.sub(r"\(.*?\)", "", name)).split()]
            significant = [w for w in words if w not in GENERIC_INSTITUTION_WORDS]
            if significant:
                # "Defensoría del Pueblo" is found by "defensoria"; "Ministerio del Ambiente"
                # by "ambiente" only together with "ministerio".
                head = words[0] if words[0] in GENERIC_INSTITUTION_WORDS else None
                keys.append(
                    (commitment, name, (head, significant[0]) if head else (significant[0],))
                )
        return keys

    def plan_named(self, text: str) -> Plan | None:
        """The plan a text names by one of its names ("el 2do plan", "PAGA III"), if any."""
        return self._plan_in(" ".join(self.normalizer.raw_words(text)))

    def _plan_in(self, folded: str) -> Plan | None:
        """The plan a question names ("tercer plan", "PAGA II", "plan 2019-2022"), if any."""
        best: tuple[int, Plan] | None = None
        for plan, pattern in self._plan_names:
            found = pattern.search(folded)
            if found and (best is None or len(found.group(0)) > best[0]):
                best = (len(found.group(0)), plan)
        return best[1] if best else None

    def names_number_or_code(self, question: str) -> bool:
        """Whether the question names a commitment by its number ("el compromiso 5") or OGP code
        ("EC0016"): one of the national plans' commitments."""
        folded = " ".join(self.normalizer.raw_words(question))
        return bool(OGP_CODE.search(folded) or NUMBER.search(folded))

    def unknown_plan(self, question: str) -> int | None:
        """The number of a plan the question names that the knowledge base has not got ("el
        cuarto plan", "the 5th plan", "PAGA IV"), or None."""
        folded = " ".join(self.normalizer.raw_words(question))
        known = self._plan_numbers
        for found in _PLAN_NUMBER.finditer(folded):
            word = found.group("ordinal") or found.group("after")
            digits = found.group("digits") or found.group("written") or found.group("roman")
            if word is not None:
                number = _ORDINALS[word]
            elif digits is not None and digits.isdigit():
                number = int(digits)
            else:
                number = _ROMANS.get(digits or "", 0)
            if number and number not in known and number <= max(known, default=0) + 7:
                return number
        return None

    def match(
        self, question: str, typo_fixer: Callable[[str], str | None] | None = None
    ) -> CommitmentMatch | None:
        """Return what ``question`` asks about commitments, or None when it is not about them.

        Who the citizen is ("soy pescador", "trabajo en el municipio") names no commitment: what
        is asked is matched first without it, and the whole message counts only when what is
        asked leans on it ("…hablaron de la transparencia pesquera. ¿Qué es ese compromiso?").
        """
        return self._named_by_one_clause(
            question, self._match_message(question, typo_fixer), typo_fixer
        )

    def _match_message(
        self, question: str, typo_fixer: Callable[[str], str | None] | None
    ) -> CommitmentMatch | None:
        asked = self.without_introductions(question)
        if asked == question:
            return self._match(question, typo_fixer)
        found = self._match(asked, typo_fixer)
        if not self._refers_back(asked, typo_fixer):
            return found
        # What is asked names a commitment of its own ("soy pescador; ¿cómo va el compromiso
        # EC0016?"), or it needs the story to tell which. (Preferring what is asked whenever its
        # commitment explained more of it than the story's did cost a wrong answer on fresh7's
        # check split, 2026-12-02.)
        if found is not None and (found.kind in ("number", "code") or found.subject_named):
            return found
        return self._match(question, typo_fixer)

    def _named_by_one_clause(
        self,
        question: str,
        found: CommitmentMatch | None,
        typo_fixer: Callable[[str], str | None] | None,
    ) -> CommitmentMatch | None:
        """The one commitment the clause saying "compromiso" names, when the whole message
        matched several by topic and the others came from the story around it: "en la oficina
        todos se quejan de los trámites. Me contaron de un compromiso para mejorar los servicios
        públicos. ¿Qué pasó con eso?" asks about the services' commitment, not the procedures'.
        No other question of the message may name a commitment of its own ("…¿y el de
        contratación pública?" asks about that one too)."""
        if found is None or found.kind != "topic" or len(found.commitments) < 2:
            return found
        singular = COMMITMENT_WORDS - PLURAL_COMMITMENT_WORDS
        naming: list[CommitmentMatch] = []
        others: set[str] = set()
        for part in (*clauses(question), *(asked for _, asked in asked_questions(question))):
            alone = self._match(part, typo_fixer)
            if alone is None:
                continue
            if set(self.normalizer.raw_words(part)) & singular:
                # A clause that is also the question sentence is read twice: it names once.
                if all(n.commitments != alone.commitments for n in naming):
                    naming.append(alone)
            else:
                others |= {c.id for c in alone.commitments}
        if found.compared or len(naming) != 1:
            return found
        named = naming[0]
        if (
            named.kind != "topic"
            or len(named.commitments) != 1
            or named.commitments[0] not in found.commitments
            # Another clause ("…también el de pesca", "¿y el de contratación?") names its own.
            or others - {named.commitments[0].id}
        ):
            return found
        return replace(found, commitments=named.commitments)

    def _match(
        self, question: str, typo_fixer: Callable[[str], str | None] | None
    ) -> CommitmentMatch | None:
        raw = self.normalizer.raw_words(question)
        # A scale word reached only by changing a word's ending is not one: "calificado" (rated)
        # is corrected to "califica" for the search, but names no scale.
        scale_said = _scale_words_said(raw, typo_fixer)
        if typo_fixer is not None:
            # A correction may be two words ("gobiernoabierto" is "gobierno abierto").
            raw = [part for w in raw for part in (typo_fixer(w) or w).split()]
        folded = " ".join(raw)
        words = set(raw)
        mentions = bool(words & COMMITMENT_WORDS)
        asked = set(question_tokens(raw))
        asks_status = STATUS_TOKEN in asked
        # A concept asked about: "¿qué diferencia hay entre…?", "…como pilar".
        asks_concept = bool(CONCEPT_QUESTIONS.search(folded))
        asks_definition = DEFINITION_TOKEN in asked or asks_concept
        # "¿cuántos compromisos…?" counts commitments; "¿cuántos conjuntos de datos tuvo el
        # portal?" asks a figure of one of them.
        asks_count = COUNT_TOKEN in asked and bool(COUNTED_COMMITMENTS.search(folded))
        plan = self._plan_in(folded)
        in_plan = [c for c in self.kb.commitments if plan is None or c.plan == plan.id]
        answer = partial(
            CommitmentMatch,
            plan=plan,
            asks_status=asks_status,
            asks_definition=asks_definition,
            asks_concept=asks_concept,
            asks_count=asks_count,
            asks_scale=scale_said,
        )
        # OGP's own code for a commitment ("EC0016") names it whatever the plan.
        code = OGP_CODE.search(folded)
        if code:
            ogp_id = f"EC{int(code.group(1)):04d}"
            return answer("code", tuple(c for c in self.kb.commitments if c.ogp_id == ogp_id))
        if mentions:
            compared = self._compared(folded)
            if compared:
                return answer("topic", compared, compared=True)
        number = NUMBER.search(folded)
        if number and (mentions or number.group(2)):
            spelled = number.group(1) or number.group(2)
            value = int(NUMBER_WORDS.get(spelled, spelled))
            found = tuple(c for c in in_plan if c.number == value)
            # No plan named, one commitment of that number in each: the subject words tell
            # which ("el compromiso 5 con los GAD municipales").
            return answer("number", self._narrowed(question, words, found), number=value)
        if mentions or words & RESULT_CONTEXT:
            for level, phrases in COMPLETION_WORDS.items():
                if any(re.search(rf"\b{p}\b", folded) for p in phrases):
                    found = tuple(c for c in in_plan if c.assessment.completion.value == level)
                    # "el compromiso de contratación pública, ¿lo cumplieron?" asks about that
                    # one commitment: its card says what is known of it (as for results below).
                    one = (
                        None
                        if words & PLURAL_COMMITMENT_WORDS
                        else self._one_named(question, in_plan)
                    )
                    if one is not None and one not in found:
                        return answer("topic", (one,), mentioned=mentions, subject_named=True)
                    return answer("completion", self._narrowed(question, words, found), value=level)
            levels = [
                level
                for level, phrases in RESULT_WORDS.items()
                if any(re.search(rf"\b{p}\b", folded) for p in phrases)
            ]
            # "'marginales', 'significativos' y 'sobresalientes': ¿qué mide eso?" asks about
            # the scale, not for the commitments at one level of it.
            if len(levels) == 1:
                level = levels[0]
                found = tuple(c for c in in_plan if c.assessment.early_results.value == level)
                # "¿el compromiso de la EITI fue sobresaliente?" asks about that one commitment,
                # whatever its rating: its card says how it was rated (or that it was not).
                one = (
                    None if words & PLURAL_COMMITMENT_WORDS else self._one_named(question, in_plan)
                )
                if one is not None and one not in found:
                    return answer("topic", (one,), mentioned=mentions, subject_named=True)
                return answer("result", self._narrowed(question, words, found), value=level)
        institution = self._institution_in(words, in_plan)
        if institution is not None:
            answer = partial(answer, named_institution=institution[0])
        # "¿eso fue del plan?", "el primer plan": the question asks within the action plans.
        within_plans = plan is not None or bool(words & PLAN_WORDS)
        # Unasked for (no "compromiso", no plan), a state body's name is the setting of the
        # question, not a commitment's subject: "¿qué aprobó hoy la Asamblea Nacional?", "¿qué
        # pasó ayer con la Asamblea?" (news, though it asks what happened).
        unasked = not (mentions or within_plans)
        setting = self._body_stems(folded) if unasked else frozenset()
        if unasked and institution is not None:
            # Unasked for, the lead institution's name is no subject, but neither is it a word
            # the commitment leaves unexplained: "contratación abierta en el SERCOP" is all about
            # the SERCOP's commitment.
            setting |= self._institution_stems(institution[1])
        topic, coverage, wholes = self._topic(
            question, in_plan, subject_only=unasked, setting=setting
        )
        shared = len(wholes[topic[0][1].id]) if topic else 0
        best = topic[0][0] if topic else 0.0
        tied = tuple(c for score, c in topic if score >= best * 0.999)
        runner_up = next((score for score, _ in topic if score < best * 0.999), 0.0)
        # One shared word ("datos", "portal", "partidos") is a coincidence as often as a
        # subject; two, well ahead of every other commitment, name one.
        subject_named = (
            len(tied) == 1
            and shared >= 2
            and best >= MIN_TOPIC
            and best >= SUBJECT_LEAD * runner_up
        )
        if institution is not None and not (mentions or plan is not None) and subject_named:
            # Unasked for, an institution and the subject of one of its commitments ("el portal
            # de transparencia de la Defensoría") name that commitment.
            narrowed = tuple(c for c in institution[1] if c in tied)
            if narrowed:
                return answer(
                    "institution",
                    narrowed,
                    institution=institution[0],
                    mentioned=False,
                    within_plans=within_plans,
                    subject_named=True,
                )
        if institution is not None and (mentions or plan is not None):
            name, found = institution
            # The topic words narrow an institution's commitments ("el portal de transparencia
            # de la Defensoría"), or name another commitment outright.
            narrowed = tuple(c for c in found if c in tied)
            if narrowed:
                found = narrowed
            elif subject_named:
                # Another commitment's subject, not one word ("instituciones de apoyo").
                return answer("topic", tied, coverage=coverage, mentioned=mentions)
            return answer("institution", found, institution=name)
        if topic:
            if mentions:
                # "¿la selección tiene compromiso para el próximo partido?": one word of a
                # keyword ("partidos políticos") is a coincidence; a keyword said whole, or words
                # of two, name the subject.
                named = best >= MIN_TOPIC and (
                    shared >= 1 or len(self._shared_stems(question, topic[0][1])) >= 2
                )
            elif (asks_status or within_plans) and subject_named:
                # Only a commitment has a status to ask about, and a plan named asks within it:
                # the commitment's subject is enough.
                named = True
            else:
                # Unasked for, a commitment is named by one of its keywords whole ("pesca",
                # "justicia abierta"), not by words of several ("datos", "proceso").
                named = best >= STRONG_TOPIC and coverage >= MIN_TOPIC_COVERAGE and shared >= 1
            if named and len(tied) <= MAX_TIED and words & PLURAL_COMMITMENT_WORDS:
                # "¿qué compromisos tienen que ver con el ambiente o la pesca?": each subject
                # named by a keyword of its own adds its commitment.
                taken = frozenset().union(*(wholes.get(c.id, frozenset()) for c in tied))
                for score, commitment in topic:
                    own = wholes.get(commitment.id, frozenset())
                    if (
                        len(tied) < MAX_TIED
                        and commitment not in tied
                        and own
                        and own.isdisjoint(taken)
                        and score >= MIN_TOPIC
                    ):
                        tied += (commitment,)
                        taken |= own
            if named and len(tied) <= MAX_TIED:
                return answer(
                    "topic",
                    tied,
                    coverage=coverage,
                    mentioned=mentions,
                    subject_named=subject_named,
                    within_plans=within_plans,
                    off_subject=self._off_subject(question, tied),
                    subject_words=wholes.get(tied[0].id, frozenset()),
                )
        return None

    def without_introductions(self, question: str) -> str:
        """The question without the clauses in which the citizen introduces themselves ("soy
        pescador en Manta", "trabajo en el municipio", "mi hijo estudia…"), unless such a clause
        says "compromiso" ("soy parte del compromiso de…") or introduces a subject ("tengo un
        trabajo sobre X": X is kept); the whole question when every clause is one."""
        kept: list[str] = []
        dropped = False
        for part in clauses(question):
            raw = self.normalizer.raw_words(part)
            if not LEXICON.introduces_self(raw) or set(raw) & COMMITMENT_WORDS:
                kept.append(part)
                continue
            dropped = True
            kept.extend(" ".join(subject) for subject in LEXICON.subjects_of(raw))
        if not dropped or not kept:
            return question
        return ". ".join(kept)

    def _refers_back(self, text: str, typo_fixer: Callable[[str], str | None] | None) -> bool:
        """Whether what is asked leans on what was told before: it points back ("¿qué es
        eso?", "ese compromiso"), asks about one commitment without naming it, or has no
        subject of its own ("¿en qué quedó?")."""
        raw = self.normalizer.raw_words(text)
        # One commitment not named ("¿quién lideró el compromiso?"); "¿cuántos compromisos
        # tiene el primer plan?" asks about the plan.
        singular = COMMITMENT_WORDS - PLURAL_COMMITMENT_WORDS
        if set(raw) & (singular | LEXICON.pointing_words.all()):
            return True
        stems = set(self.normalizer.tokens(text, fix_typos=typo_fixer is not None)[0])
        return not (stems - self._card_question_stems - QUESTION_TOKENS)

    def _plan_mentions(self, folded: str) -> list[tuple[int, int, Plan]]:
        """Where the question names a plan, in order: by name ("el primer plan", "plan 2"), or,
        once one is named, by its ordinal alone ("…del primer plan con el del segundo")."""
        found: list[tuple[int, int, Plan]] = []
        for plan, pattern in self._plan_names:
            found.extend((m.start(), m.end(), plan) for m in pattern.finditer(folded))
        if not found:
            return []
        for plan, pattern in self._plan_ordinals:
            found.extend((m.start(1), m.end(), plan) for m in pattern.finditer(folded))
        # The longest name where two overlap ("segundo plan de accion" over "segundo").
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        mentions: list[tuple[int, int, Plan]] = []
        for start, end, plan in found:
            if not mentions or start >= mentions[-1][1]:
                mentions.append((start, end, plan))
        return mentions

    def _compared(self, folded: str) -> tuple[Commitment, ...]:
        """One commitment for each of two plans the question names, each told by the words
        before its plan's name ("el compromiso ambiental del primer plan y el de agua del
        segundo") or, failing that, after it; nothing unless both are told apart."""
        mentions = self._plan_mentions(folded)
        plans = {plan.id for _, _, plan in mentions}
        if len(plans) != 2 or len(mentions) != 2:
            return ()
        (start_a, end_a, plan_a), (start_b, end_b, plan_b) = mentions
        for segments in (
            ((folded[:end_a], plan_a), (folded[end_a:end_b], plan_b)),
            ((folded[start_a:start_b], plan_a), (folded[start_b:], plan_b)),
        ):
            found = tuple(self._one_in_plan(text, plan) for text, plan in segments)
            if all(found):
                return tuple(c for c in found if c is not None)
        return ()

    def _one_in_plan(self, text: str, plan: Plan) -> Commitment | None:
        """The one commitment of ``plan`` that ``text`` names by number, institution or
        subject, if exactly one."""
        in_plan = [c for c in self.kb.commitments if c.plan == plan.id]
        number = NUMBER.search(text)
        if number:
            spelled = number.group(1) or number.group(2)
            value = int(NUMBER_WORDS.get(spelled, spelled))
            found = [c for c in in_plan if c.number == value]
            return found[0] if len(found) == 1 else None
        institution = self._institution_in(set(text.split()), in_plan)
        if institution is not None and len(institution[1]) == 1:
            return institution[1][0]
        topic, _, _ = self._topic(text, in_plan)
        if not topic:
            return None
        best = topic[0][0]
        runner_up = topic[1][0] if len(topic) > 1 else 0.0
        if best >= MIN_TOPIC and best >= SUBJECT_LEAD * runner_up:
            return topic[0][1]
        return None

    def _one_named(self, question: str, in_plan: list[Commitment]) -> Commitment | None:
        """The one commitment a question names by a keyword of its own, well ahead of the rest."""
        topic, _, wholes = self._topic(question, in_plan)
        if not topic:
            return None
        best, first = topic[0]
        runner_up = next((score for score, _ in topic if score < best * 0.999), 0.0)
        tied = [c for score, c in topic if score >= best * 0.999]
        if (
            len(tied) == 1
            and wholes.get(first.id)
            and best >= STRONG_TOPIC
            and best >= SUBJECT_LEAD * runner_up
        ):
            return first
        return None

    def _narrowed(
        self, question: str, words: set[str], found: tuple[Commitment, ...]
    ) -> tuple[Commitment, ...]:
        """The commitments at a level the question also names by institution or subject: "¿el
        compromiso de la pesca fue sobresaliente?" asks about that one, not every outstanding one.
        """
        if len(found) < 2:
            return found
        candidates = list(found)
        institution = self._institution_in(words, candidates)
        if institution is not None and len(institution[1]) < len(found):
            return institution[1]
        topic, _, _ = self._topic(question, candidates)
        if not topic:
            return found
        best = topic[0][0]
        tied = tuple(c for score, c in topic if score >= best * 0.999)
        runner_up = next((score for score, _ in topic if score < best * 0.999), 0.0)
        if len(tied) == 1 and best >= MIN_TOPIC and best >= SUBJECT_LEAD * runner_up:
            return tied
        return found

    def _institution_stems(self, commitments: tuple[Commitment, ...]) -> frozenset[str]:
        """The stems of these commitments' lead institutions' names, acronyms included."""
        return frozenset(
            stem
            for c in commitments
            if c.lead_institution
            for stem in self.normalizer.tokens(c.lead_institution, "es")[0]
        )

    def _institution_in(
        self, words: set[str], commitments: list[Commitment]
    ) -> tuple[str, tuple[Commitment, ...]] | None:
        allowed = {c.id for c in commitments}
        hits: dict[tuple[str | None, ...], list[Commitment]] = defaultdict(list)
        names: dict[tuple[str | None, ...], str] = {}
        for commitment, name, key in self._institutions:
            matched = commitment.id in allowed and all(k in words for k in key if k)
            if matched and commitment not in hits[key]:
                hits[key].append(commitment)
                names.setdefault(key, name)
        found = {c.id: c for group in hits.values() for c in group}
        if not found or len({names[k] for k in hits}) > 2:
            return None
        return min(names.values(), key=len), tuple(found.values())

    def _card_stems(self, commitment: Commitment) -> frozenset[str]:
        """The stems of everything a commitment's card says, in both languages."""
        spanish = (commitment.title, commitment.summary.es, commitment.theme.es,
                   commitment.lead_institution or "", *commitment.counterparts,
                   *commitment.keywords)  # fmt: skip
        english = (commitment.summary.en, commitment.theme.en, *commitment.keywords)
        # Word by word too: "participación ciudadana" is one token, "ciudadanía" another's.
        return frozenset(
            stem
            for texts, language in ((spanish, "es"), (english, "en"))
            for text in texts
            for piece in (text, *text.split())
            for stem in self.normalizer.tokens(piece, language)[0]
        )

    def _off_subject(self, question: str, commitments: tuple[Commitment, ...]) -> bool:
        """Whether the question, sharing one subject word with these commitments' cards, gives
        the commitment a subject the cards never speak of: whom it is with or for ("compromiso de
        la asamblea con los jubilados"), what it would do for the citizen ("¿el compromiso de
        pesca me da permiso…?"), or the citizen's own ("my commitment to the gym")."""
        stems = set(self.normalizer.tokens(question, fix_typos=True)[0])
        stems -= self._ignored | QUESTION_TOKENS | self._card_question_stems
        said = frozenset().union(*(self._card_words[c.id] for c in commitments))
        if len(stems & said) != 1:
            return False
        raw = self.normalizer.raw_words(question)
        at = next((i for i, w in enumerate(raw) if w in COMMITMENT_WORDS), None)
        if at is None:
            return False
        if at > 0 and raw[at - 1] in CITIZEN_POSSESSIVES:
            tail = raw[at + 1 :]
        else:
            # The first word after the commitment's own name that opens another subject.
            opener = next((i for i in range(at + 1, len(raw)) if raw[i] in SUBJECT_OPENERS), None)
            if opener is None or (
                raw[opener] != "me"
                and raw[opener + 1 : opener + 2]
                and raw[opener + 1] not in LINKED_ARTICLES
            ):
                return False
            # After "me", what it would do for the citizen ("me da permiso para…"); after an
            # article, the noun it opens ("con los jubilados"), not the rest of the question
            # ("how is the commitment for the municipalities going").
            tail = (
                raw[opener + 1 : opener + 1 + MAX_LINKED_WORDS]
                if raw[opener] == "me"
                else raw[opener + 2 : opener + 3]
            )
        return any(not self._says(word, said) for word in tail)

    def _says(self, word: str, said: frozenset[str]) -> bool:
        """Whether a card's stems include a question word, or the word carries no subject."""
        found = set(self.normalizer.tokens(word, fix_typos=True)[0])
        found -= self._ignored | QUESTION_TOKENS | self._card_question_stems
        # A long stem that only ends differently is said ("ciudadanía" beside "ciudadano").
        prefixes = {stem[:SAID_PREFIX] for stem in said if len(stem) >= SAID_PREFIX}
        return not found or any(
            stem in said or (len(stem) >= SAID_PREFIX and stem[:SAID_PREFIX] in prefixes)
            for stem in found
        )

    def own_words(self, question: str, commitment: Commitment) -> set[str]:
        """The topic words a question shares with this commitment alone of all ("fiti",
        "tramitologia"): words that name it, whatever else the question says."""
        return {
            s for s in self._shared_stems(question, commitment) if self._weight[s] >= STRONG_TOPIC
        }

    def _shared_stems(self, question: str, commitment: Commitment) -> set[str]:
        """The topic words a question shares with one commitment."""
        stems = set(self.normalizer.tokens(question, fix_typos=True)[0]) - self._ignored
        return (stems - QUESTION_TOKENS) & self._stems[commitment.id]

    def _topic(
        self,
        question: str,
        commitments: list[Commitment],
        subject_only: bool = False,
        setting: frozenset[str] = frozenset(),
    ) -> tuple[list[tuple[float, Commitment]], float, dict[str, frozenset[str]]]:
        """Commitments by weighted shared topic words, how much of the question the best one
        explains (unknown words weigh as much as the rarest known one), and, per commitment, the
        words the question holds of its keywords whole. ``setting``: stems that count neither
        way (the state bodies a question unasked for names)."""
        stems = set(self.normalizer.tokens(question, fix_typos=True)[0]) - self._ignored
        stems -= QUESTION_TOKENS | setting
        scored = []
        wholes: dict[str, frozenset[str]] = {}
        known = self._subject_stems if subject_only else self._stems
        for commitment in commitments:
            shared = stems & known[commitment.id]
            if shared:
                scored.append((sum(self._weight[s] for s in shared), commitment))
                # The words of its keywords the question holds whole ("procesos electorales"
                # named, not "procesos" and "datos" from two different ones).
                whole = [
                    p & shared
                    for p in self._phrases[commitment.id]
                    if p & known[commitment.id] <= shared
                ]
                wholes[commitment.id] = frozenset().union(*whole)
        scored.sort(key=lambda item: -item[0])
        rarest = self._rarest
        total = sum(self._weight.get(s, rarest) for s in stems) or 1.0
        return scored, (scored[0][0] / total if scored else 0.0), wholes


# Topic weights are log(1 + commitments / commitments sharing the word): 2.94 for a word only
# one commitment has, 2.35 for two, 1.5 for five. With "compromiso" in the question a fairly
# distinctive word is enough; without it, only a word unique to one commitment ("pesca",
# "escazu") names it. Set on the commitments golden set's tune split.
MIN_TOPIC = 2.0
STRONG_TOPIC = 2.9
MIN_TOPIC_COVERAGE = 0.3
# How much of a question a topic must explain to answer with commitments: with "compromiso" in
# it; and with neither "compromiso" nor "¿cómo va…?" (then the FAQ must have nothing).
MIN_MENTIONED_COVERAGE = 0.2
UNPROMPTED_TOPIC_COVERAGE = 0.6
STATUS_TOKEN = "_estado"
COUNT_TOKEN = "_cuanto"
# A count of commitments: "cuántos compromisos", "how many of the commitments", "número de
# compromisos" (a few words may come between: "cuántos de esos compromisos").
COUNTED_COMMITMENTS = re.compile(
    r"\b(?:cuantos|cuantas|cuanto|how many|numero de|cantidad de|number of)\s+(?:\w+\s+){0,3}?"
    r"(?:compromisos?|commitments?)\b"
)
# "mi compromiso", "my commitment": the citizen's own, not a plan's.
CITIZEN_POSSESSIVES = WORDS.citizen_possessives.all()
# After a commitment's name, words that open another subject: whom or what it is with or for
# ("con los jubilados", "to the gym"), or the citizen it would act on ("…me da permiso…").
SUBJECT_OPENERS = WORDS.subject_openers.all()
# After "con" / "para" / "to", an article opens a noun ("con los jubilados"); a verb ("para ver
# en qué gasta") or "mi" ("para mi tesis") tells what the citizen wants to know it for.
LINKED_ARTICLES = WORDS.linked_articles.all()
MAX_LINKED_WORDS = 4
SAID_PREFIX = 7
# An FAQ entry matching this well answers even when a commitment's topic words are present.
FAQ_OVER_TOPIC = 0.9
MAX_TIED = 3
# How far the best commitment must lead the next for its shared words to name it.
SUBJECT_LEAD = 1.5
# "¿qué diferencia hay entre…?", "…como pilar", "definition of…": a concept asked about.
_CONCEPT_PHRASES = sorted(
    {phrase for phrases in LEXICON.concept_questions.values() for phrase in phrases},
    key=len,
    reverse=True,
)
CONCEPT_QUESTIONS = re.compile(
    rf"\b(?:{'|'.join(re.escape(p) for p in _CONCEPT_PHRASES)})\b" if _CONCEPT_PHRASES else r"(?!)"
)
GENERIC_TOPIC_PHRASES = tuple(
    phrase for phrases in LEXICON.generic_topic_phrases.values() for phrase in phrases
)
# Words that name no commitment's subject: the plans, institutions in general, and what a
# citizen asks of a card ("who led it, how was it rated, what did it achieve?"), which must not
# dilute the words that do name one.
# What a citizen asks of a card: "¿quién lo lideró?" has no subject of its own.
CARD_QUESTION_WORDS = WORDS.card_question_words.all()
GENERIC_TOPIC_WORDS = WORDS.generic_topic_words.all() | CARD_QUESTION_WORDS

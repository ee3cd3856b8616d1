"""Command line: ``python -m bot [run|chat|ask|kb …]``.

``python -m bot`` with no sub-command runs the main job: the Telegram bot when a token is
configured, otherwise an offline terminal chat with the same engine and texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from bot.config import Settings, configuration_error
from bot.devtools.quality import GOLDEN_SETS, NEVER_TUNED
from bot.render.plurals import fill
from bot.render.terminal import pickable, reply_json, reply_lines
from bot.render.texts import render, to_plain
from bot.services.answers import SWITCHES_LANGUAGE, AnswerService, Reply, load_answer_service

T = TypeVar("T")

if TYPE_CHECKING:
    from bot.services.plans import CommitmentStatus, PlanService
    from knowledge.loader import KnowledgeBase
    from knowledge.schema import Commitment, FaqEntry, Plan

EXIT_WORDS = {"salir", "exit", "quit", "chao", ":q"}


def load_live_statuses(settings: Settings, service: AnswerService) -> None:
    """Give the terminal the commitment statuses recorded with `plan update`, if any.

    Reads the database only when it exists: asking a question never creates one.
    """
    import asyncio

    url = settings.resolved_database_url
    if url.startswith("sqlite") and not (settings.data_dir / "asistente.db").exists():
        return

    async def read() -> dict[str, CommitmentStatus]:
        from bot.db import Database
        from bot.render.telegram import notice_text
        from bot.services.notifications import NotificationOutbox
        from bot.services.plans import PlanService

        db = Database(url)
        try:
            return await PlanService(service.kb, db, NotificationOutbox(db, notice_text)).statuses()
        finally:
            await db.dispose()

    try:
        service.use_live_statuses(asyncio.run(read()))
    except Exception:  # a database not migrated yet: the terminal answers from the YAML statuses
        logging.getLogger(__name__).debug("live statuses unavailable", exc_info=True)


def _print_reply(reply: Reply) -> None:
    print("\n".join(reply_lines(reply)))


def command_ask(service: AnswerService, question: list[str], as_json: bool) -> int:
    """Answer one question, or one per line of standard input when none is given."""
    if question:
        reply = service.answer(" ".join(question))
        if as_json:
            print(json.dumps(reply_json(reply), ensure_ascii=False))
        else:
            _print_reply(reply)
        return 0
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip():
            continue
        reply = service.answer(line)
        if as_json:
            print(json.dumps(reply_json(reply), ensure_ascii=False), flush=True)
        else:
            _print_reply(reply)
            print()
    return 0


# Commands the terminal understands, and the Telegram ones it explains instead.
CHAT_HELP = {"/ayuda", "/help", "/start"}
CHAT_TOPICS = {"/temas", "/topics"}
CHAT_PLANS = {"/plan", "/planes", "/plans"}
TELEGRAM_ONLY = {
    "/proponer", "/propose", "/seguimientos", "/following", "/mis_propuestas", "/my_proposals",
    "/estado", "/status", "/mis_datos", "/my_data", "/borrar_mis_datos", "/delete_my_data",
    "/idioma", "/language", "/cancelar", "/cancel", "/solicitud", "/request",
    "/mis_solicitudes", "/my_requests", "/necesidades", "/needs", "/estadisticas", "/statistics",
    "/privacidad", "/privacy", "/panel",
    # staff
    "/pendientes", "/pending", "/ver", "/view", "/responder", "/respond", "/aceptar", "/accept",
    "/derivar", "/refer", "/descartar", "/dismiss", "/nota", "/note", "/preguntas", "/questions",
    "/contestar", "/answer",
}  # fmt: skip


class TerminalChat:
    """The terminal chat: questions, and /temas and /plan browsed with numbered choices."""

    def __init__(self, service: AnswerService, language: str = "es") -> None:
        self.service = service
        self.language = language
        self.last: Reply | None = None
        # What a number typed next picks: (label, what to do when picked).
        self.choices: list[tuple[str, Callable[[], list[str]]]] = []

    def handle(self, line: str) -> list[str]:
        """The lines to print for one line typed."""
        command = line.split()[0].casefold() if line.startswith("/") else ""
        if command in CHAT_HELP:
            return [to_plain(render("chat.help", self.language))]
        if command in CHAT_TOPICS:
            return self._offer(to_plain(render("topics.title", self.language)), self._topics())
        if command in CHAT_PLANS:
            return self._offer(to_plain(render("plan.list_title", self.language)), self._plans())
        if command in TELEGRAM_ONLY:
            return [to_plain(render("chat.needs_telegram", self.language, command=command))]
        if command:  # a slash command the assistant does not have: not a question to answer
            unknown = render("command.unknown", self.language, command=command)
            return [to_plain(unknown), to_plain(render("chat.help", self.language))]
        if line.isdigit() and self.choices:
            number = int(line)
            if not 1 <= number <= len(self.choices):
                return [to_plain(render("chat.bad_choice", self.language))]
            return self.choices[number - 1][1]()
        offered = pickable(self.last) if self.last is not None else ()
        if self.last is not None and offered and line.isdigit():
            number = int(line)
            if not 1 <= number <= len(offered):
                # Not a question "9": the "¿Quiso decir…?" or related list stays open.
                return [to_plain(render("chat.bad_choice", self.last.language))]
            chosen = self.service.entry_reply(offered[number - 1].id, self.last.language)
            if chosen is not None:
                self.last = chosen
                return self._with_hint(chosen)
        self.choices = []
        # As on Telegram: each answer in its question's language (the chat's breaks a tie), and a
        # question (not a greeting) written in the other language switches the chat to it.
        self.last = self.service.answer(line, self.language)
        if self.last.decision in SWITCHES_LANGUAGE:
            self.language = self.last.language
        return self._with_hint(self.last)

    def _with_hint(self, reply: Reply) -> list[str]:
        """The reply's lines and, when it offers numbered choices, how to pick one."""
        lines = reply_lines(reply)
        # Telegram has buttons; here the way to pick must be said.
        if reply.suggestions:
            lines.append(to_plain(render("chat.choose_suggestion", reply.language)))
        elif reply.related:
            lines.append(to_plain(render("chat.choose_related", reply.language)))
        return lines

    def _offer(self, heading: str, choices: list[tuple[str, Callable[[], list[str]]]]) -> list[str]:
        self.choices = choices
        self.last = None
        lines = [heading]
        lines.extend(f"  {n}. {label}" for n, (label, _) in enumerate(choices, start=1))
        lines.append(to_plain(render("chat.choose", self.language)))
        return lines

    def _topics(self) -> list[tuple[str, Callable[[], list[str]]]]:
        kb = self.service.kb
        return [
            (topic.name.get(self.language), partial(self._topic, topic.id)) for topic in kb.topics
        ]

    def _topic(self, topic_id: str) -> list[str]:
        entries = self.service.kb.topic_entries(topic_id)
        topic = next(t for t in self.service.kb.topics if t.id == topic_id)
        heading = to_plain(
            render("topics.entries", self.language, topic=topic.name.get(self.language))
        )
        return self._offer(
            heading,
            [(e.question.get(self.language), partial(self._entry, e.id)) for e in entries],
        )

    def _entry(self, entry_id: str) -> list[str]:
        reply = self.service.entry_reply(entry_id, self.language)
        if reply is None:
            return [to_plain(render("chat.bad_choice", self.language))]
        self.choices = []
        self.last = reply
        return self._with_hint(reply)

    def _plans(self) -> list[tuple[str, Callable[[], list[str]]]]:
        plans = sorted(self.service.kb.plans, key=lambda p: p.number)
        return [(plan.name.get(self.language), partial(self._plan, plan.id)) for plan in plans]

    def _plan(self, plan_id: str) -> list[str]:
        kb = self.service.kb
        plan = next(p for p in kb.plans if p.id == plan_id)
        found = sorted(
            (c for c in kb.commitments if c.plan == plan_id),
            key=lambda c: (c.number is None, c.number or 0, c.id),
        )
        period = plan.period or to_plain(render("plan.period_unknown", self.language))
        heading = f"{plan.name.get(self.language)} ({period})\n{plan.summary.get(self.language)}"
        if not found:
            self.choices = []
            return [heading, to_plain(render("plan.count_unknown", self.language))]
        return self._offer(heading, [(c.title, partial(self._card, c, plan)) for c in found])

    def _card(self, commitment: Commitment, plan: Plan) -> list[str]:
        from bot.render.telegram import format_card  # lazy: ask and chat start fast
        from bot.services.plans import baseline_status

        self.choices = []
        card = format_card(commitment, plan, baseline_status(commitment), self.language)
        return [to_plain(card)]


def command_chat(service: AnswerService, language: str = "es") -> int:
    """Run an interactive chat in the terminal; numbers pick a numbered choice."""
    print(to_plain(render("chat.welcome", language)))
    chat = TerminalChat(service, language)
    while True:
        try:
            line = input("\n> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            break
        # "/salir": people used to Telegram type commands with a slash.
        if line.casefold().removeprefix("/") in EXIT_WORDS:
            break
        if not line:
            chat.choices = []
            continue
        print("\n".join(chat.handle(line)))
    print(to_plain(render("chat.bye", chat.language)))
    return 0


def command_kb(action: str, args: argparse.Namespace) -> int:
    """Check, evaluate or benchmark the knowledge base."""
    from knowledge.check import check_knowledge_base
    from knowledge.loader import load_knowledge_base

    kb = load_knowledge_base()
    if action == "export":
        return command_kb_export(kb)
    if action == "check":
        overlay, note = ({}, "") if args.no_overlay else _read_overlay(kb)
        if overlay:
            from bot.services.knowledge import merge_overlay

            kb = merge_overlay(kb, overlay)
        if note:
            print(note, file=sys.stderr)
        problems = check_knowledge_base(kb)
        for problem in problems:
            print(problem)
        print(
            f"{len(kb.entries)} entries, {len(kb.smalltalk)} small-talk intents, "
            f"{len(kb.synonyms)} synonym groups, {len(kb.topics)} topics, {len(kb.plans)} plans, "
            f"{len(kb.commitments)} commitments, {len(kb.institutions)} institutions: "
            + fill("{n} {n:problem|problems}", "en", n=len(problems)),
            file=sys.stderr,
        )
        return 1 if problems else 0
    if kb.problems:
        for problem in kb.problems:
            print(problem, file=sys.stderr)
        return 1
    from knowledge.search import SearchIndex

    settings = Settings()
    if action == "eval":
        from bot.devtools.evaluate import load_golden, smalltalk_accuracy
        from bot.devtools.quality import (
            GOLDEN_SETS,
            NEVER_TUNED,
            baseline_answerer,
            format_side_by_side,
            golden_report,
            outcome_of,
        )
        from bot.services.answers import AnswerService

        index = SearchIndex(kb, thresholds=settings.thresholds)
        service = AnswerService(kb, index)
        service.cache_size = 0
        names = args.set or list(GOLDEN_SETS)
        tunable_only = bool(args.tune_only)
        engine, misses = golden_report(
            lambda q: outcome_of(service.answer(q)), names, tunable_only=tunable_only
        )
        baseline, _ = golden_report(baseline_answerer(kb), names, tunable_only=tunable_only)
        print(format_side_by_side(engine, baseline))
        print(f"\nsmall talk recognised: {smalltalk_accuracy(index, load_golden()):.1f}%")
        if args.misses:
            # The never-tuned sets stay unseen: looking at their misses would be tuning on them.
            shown = [m for m in misses if m.split(":", 1)[0] not in NEVER_TUNED]
            print(f"\nmisses on the sets one may tune on ({len(shown)}):")
            for miss in shown:
                print("  " + miss)
        return 0
    if action == "tune":
        from bot.devtools.evaluate import load_golden
        from bot.devtools.tune import fit_confidence, tune

        weights, thresholds = tune(SearchIndex(kb), load_golden())
        confidence, cut = fit_confidence(SearchIndex(kb))
        print("fitted on the tune splits (copy into knowledge/search.py to ship):")
        print(f"  {weights}")
        print(f"  {thresholds}")
        print(f"  {confidence}")
        print(f"  answer when the confidence reaches {cut:.2f}")
        return 0
    if action == "bench" and args.rebuild:
        from bot.devtools.panel_bench import run

        report, met = run(kb)
        print(report)
        return 0 if met else 1
    if action == "bench":
        from bot.devtools.evaluate import load_golden
        from bot.devtools.kb_bench import (
            format_figures,
            measure,
            peak_rss_mib,
            synthetic_knowledge_base,
            targets_met,
        )

        golden = load_golden()
        questions = [item["q"] for key in ("in_scope", "out_of_scope") for item in golden[key]]
        print(
            f"timing {len(questions)} golden questions on the shipped knowledge base…", flush=True
        )
        shipped = measure("shipped", kb, questions)
        print("building a synthetic knowledge base of 10,000 entries…", flush=True)
        synthetic_kb, synthetic_questions = synthetic_knowledge_base(kb)
        synthetic = measure("synthetic 10,000", synthetic_kb, synthetic_questions)
        print(format_figures([shipped, synthetic], peak_rss_mib()))
        met = targets_met(shipped, synthetic)
        print("all targets met" if met else "TARGETS MISSED")
        return 0 if met else 1
    return 2


def _read_overlay(baseline: KnowledgeBase) -> tuple[dict[str, FaqEntry | None], str]:
    """The panel's edits from the configured database, and a line saying what was read."""
    import asyncio

    from sqlalchemy.engine import make_url

    from bot.db import Database
    from bot.services.knowledge import read_edits

    settings = Settings()
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return {}, "no database yet: checked the YAML baseline only"

    async def read() -> tuple[dict[str, FaqEntry | None], list[str]]:
        db = Database(settings.resolved_database_url)
        try:
            await db.upgrade()
            return await read_edits(db, baseline)
        finally:
            await db.dispose()

    try:
        overlay, superseded = asyncio.run(read())
    except Exception as error:  # the content check must still run without a database
        return {}, f"could not read the panel's edits ({error}); checked the YAML baseline only"
    note = fill("checked the YAML baseline with {n} panel {n:edit|edits}", "en", n=len(overlay))
    if superseded:
        note += (
            f"; the YAML changed since the panel edited {', '.join(superseded)}, "
            "so the YAML is used for those"
        )
    return overlay, note


def command_kb_export(kb: KnowledgeBase) -> int:
    """Write the panel's edits into the YAML files, for review in git."""
    from bot.services.knowledge import export_overlay

    overlay, note = _read_overlay(kb)
    print(note, file=sys.stderr)
    if not overlay:
        print("no panel edits to export")
        return 0
    for path in export_overlay(overlay, kb):
        print(f"wrote {path}")
    return 0


def command_panel(args: argparse.Namespace, settings: Settings) -> int:
    """Print a one-time sign-in link to the staff panel."""
    import asyncio

    from bot.context import staff_actor
    from bot.db import Database
    from bot.services.citizens import CitizenService
    from bot.services.panel_auth import PanelAuthService

    async def issue() -> str:
        db = Database(settings.resolved_database_url)
        try:
            await db.upgrade()
            citizens = CitizenService(db, settings.pseudonym_key)
            auth = PanelAuthService(
                db, lambda: settings.staff_telegram_ids, lambda i: staff_actor(citizens, i)
            )
            return await auth.issue(args.telegram_id)
        finally:
            await db.dispose()

    if args.telegram_id not in settings.staff_telegram_ids:
        print(
            f"No está autorizado: {args.telegram_id} is not in STAFF_TELEGRAM_IDS.", file=sys.stderr
        )
        return 1
    token = asyncio.run(issue())
    print(f"{settings.public_base_url.rstrip('/')}/panel/entrar/{token}")
    print("valid for 10 minutes, works once", file=sys.stderr)
    return 0


async def _with_plans(settings: Settings, work: Callable[[PlanService], Awaitable[int]]) -> int:
    from bot.db import Database
    from bot.render.telegram import notice_text
    from bot.services.notifications import NotificationOutbox
    from bot.services.plans import PlanService
    from knowledge.loader import load_knowledge_base

    db = Database(settings.resolved_database_url)
    try:
        await db.upgrade()
        return await work(
            PlanService(load_knowledge_base(), db, NotificationOutbox(db, notice_text))
        )
    finally:
        await db.dispose()


def command_plan(args: argparse.Namespace, settings: Settings) -> int:
    """Record a commitment's status update, or list every commitment."""
    import asyncio

    from bot.services.plans import COMPLETION_LEVELS, UnknownCommitment

    if args.plan_command == "list":

        async def show(plans: PlanService) -> int:
            rows = await plans.as_json()
            if args.json:
                print(json.dumps(rows, ensure_ascii=False))
            else:
                for row in rows:
                    number = row["number"] if row["number"] is not None else "-"
                    status = row["status"] or "unverified"
                    columns = f"{row['id']:<18} {row['plan']:<7} {number!s:>3}  {status:<16}"
                    print(f"{columns} {row['title']}")
            return 0

        return asyncio.run(_with_plans(settings, show))

    async def record(plans: PlanService) -> int:
        try:
            as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
            update, followers = await plans.record_update(
                args.commitment_id, args.status, args.note, args.source, args.author, as_of
            )
        except UnknownCommitment:
            print(
                f"No commitment has the id {args.commitment_id!r}. "
                "See them with: python -m bot plan list",
                file=sys.stderr,
            )
            return 1
        except ValueError as error:
            print(f"Not recorded: {error}", file=sys.stderr)
            return 1
        print(
            f"Recorded update #{update.id} of {update.commitment_id}: {update.status} "
            f"(as of {update.as_of}). "
            + fill("{n} {n:follower|followers} will be notified", "en", n=followers)
            + " by the running bot."
        )
        return 0

    if args.status not in COMPLETION_LEVELS:
        print(f"--status must be one of: {', '.join(COMPLETION_LEVELS)}", file=sys.stderr)
        return 2
    return asyncio.run(_with_plans(settings, record))


def command_db(args: argparse.Namespace, settings: Settings) -> int:
    """Apply database migrations."""
    import asyncio

    from bot.db import Database

    async def upgrade() -> int:
        db = Database(settings.resolved_database_url)
        try:
            await db.upgrade()
        finally:
            await db.dispose()
        print(f"database is up to date: {db.engine.url.render_as_string(hide_password=True)}")
        return 0

    return asyncio.run(upgrade())


def _positive(text: str) -> int:
    """A whole number of at least 1, for counts on the command line."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m bot``."""
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Asistente de Gobierno Abierto Ecuador: Telegram bot, terminal chat, tools.",
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot (offline terminal chat when there is no token)")
    commands.add_parser("chat", help="interactive terminal chat, offline, no token needed")
    ask = commands.add_parser("ask", help="answer a question (or one per line of stdin)")
    ask.add_argument("question", nargs="*", help="the question; omit it to read stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    kb = commands.add_parser("kb", help="knowledge base tools")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_commands.add_parser(
        "check", help="validate the content (YAML + the panel's edits); exit 1 on any problem"
    )
    check.add_argument("--no-overlay", action="store_true", help="check the YAML files only")
    kb_commands.add_parser("export", help="write the panel's edits into the YAML files")
    evaluate = kb_commands.add_parser(
        "eval", help="answer quality on the golden sets, beside a naive baseline"
    )
    evaluate.add_argument(
        "--set",
        action="append",
        choices=list(GOLDEN_SETS),
        help="only this golden set (repeatable); default: all",
    )
    evaluate.add_argument(
        "--misses",
        action="store_true",
        help="list the misses on the sets one may tune on (never "
        + ", ".join(NEVER_TUNED)
        + " nor a holdout or check split)",
    )
    evaluate.add_argument(
        "--tune-only",
        action="store_true",
        help="report only what one may tune on: no never-tuned set, no holdout split, not even "
        "their totals",
    )
    kb_bench = kb_commands.add_parser("bench", help="latency, build time and memory of the engine")
    kb_bench.add_argument(
        "--rebuild", action="store_true", help="time applying one panel edit to the running bot"
    )
    kb_commands.add_parser("tune", help="fit weights and thresholds on the golden tune split")
    plan = commands.add_parser("plan", help="action-plan commitments")
    plan_commands = plan.add_subparsers(dest="plan_command", required=True)
    plan_list = plan_commands.add_parser("list", help="every commitment with its current status")
    plan_list.add_argument("--json", action="store_true", help="print a JSON array")
    plan_update = plan_commands.add_parser(
        "update", help="record a status update; followers are notified by the running bot"
    )
    plan_update.add_argument("commitment_id", help="e.g. paga-1-c03 (see: plan list)")
    plan_update.add_argument(
        "--status",
        required=True,
        help="no-evidence | not-started | limited | substantial | complete",
    )
    plan_update.add_argument("--note", required=True, help="what changed, in plain words")
    plan_update.add_argument("--source", required=True, help="URL of the evidence")
    plan_update.add_argument(
        "--author", default=os.environ.get("USER", "staff"), help="who records it"
    )
    plan_update.add_argument("--as-of", help="date the status refers to (YYYY-MM-DD; today)")
    bench = commands.add_parser("bench", help="benchmarks")
    bench_commands = bench.add_subparsers(dest="bench_command", required=True)
    telegram_bench = bench_commands.add_parser(
        "telegram", help="updates/s through the real dispatcher, assistant vs echo bot"
    )
    telegram_bench.add_argument("--updates", type=int, default=3000, help="updates per bot")
    webhook_bench = bench_commands.add_parser(
        "webhook", help="replica processes fed by webhook on PostgreSQL: updates/s, p50/p99"
    )
    webhook_bench.add_argument(
        "--replicas", default="1,2", help="replica counts to run, e.g. 1, 2 or 1,2 (default)"
    )
    webhook_bench.add_argument("--burst", type=int, default=1000, help="updates in the burst")
    webhook_bench.add_argument("--rate", type=float, default=200.0, help="steady updates/s")
    webhook_bench.add_argument(
        "--rounds",
        type=_positive,
        default=1,
        help="run the counts this many times, in turn forwards and backwards (medians)",
    )
    panel = commands.add_parser("panel", help="staff web panel")
    panel_commands = panel.add_subparsers(dest="panel_command", required=True)
    panel_link = panel_commands.add_parser("link", help="print a one-time sign-in link")
    panel_link.add_argument("telegram_id", type=int, help="a Telegram id in STAFF_TELEGRAM_IDS")
    db = commands.add_parser("db", help="database tools")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply every pending migration")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "kb":
        return command_kb(args.kb_command, args)
    if args.command == "bench" and args.bench_command == "webhook":
        from bot.devtools.webhook_bench import main as webhook_bench

        counts = [int(n) for n in str(args.replicas).replace("|", ",").split(",") if n.strip()]
        report, met = webhook_bench(
            Settings().database_url, counts, args.burst, args.rate, args.rounds
        )
        print(report)
        return 0 if met else 1
    if args.command == "bench":
        from bot.devtools.benchmark import main as benchmark

        report, met = benchmark(args.updates)
        print(report)
        return 0 if met else 1
    try:
        settings = Settings()
    except ValidationError as error:
        print(configuration_error(error), file=sys.stderr)
        return 2
    if args.command == "plan":
        return command_plan(args, settings)
    if args.command == "db":
        return command_db(args, settings)
    if args.command == "panel":
        return command_panel(args, settings)
    try:
        service = load_answer_service(settings.thresholds)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    if args.command in ("ask", "chat"):
        load_live_statuses(settings, service)
    if args.command == "ask":
        return command_ask(service, args.question, args.json)
    if args.command == "chat":
        return command_chat(service, settings.default_language)
    return run_main_job(settings, service)


def serve_panel_in_background(settings: Settings, service: AnswerService) -> None:
    """Serve the staff panel from a thread beside the terminal chat (no Telegram token)."""
    import asyncio
    import threading

    from bot.context import build_services
    from bot.web import start_web

    ready = threading.Event()

    async def serve() -> None:
        services = build_services(settings, answers=service)
        try:
            _, port = await start_web(
                services, settings.web_host, settings.web_port, run_background=True
            )
        finally:
            ready.set()
        print(
            f"Panel del equipo / staff panel: http://{settings.web_host}:{port}/panel/ "
            f"(para entrar / to sign in: python -m bot panel link TELEGRAM_ID)",
            file=sys.stderr,
            flush=True,
        )
        await asyncio.Event().wait()

    def run() -> None:
        try:
            asyncio.run(serve())
        except OSError as error:  # the port is taken: the chat still works
            print(f"the staff panel could not start: {error}", file=sys.stderr)

    threading.Thread(target=run, name="staff-panel", daemon=True).start()
    ready.wait(timeout=30)  # the panel's address is printed before the chat's prompt


def run_served(main: Coroutine[Any, Any, T]) -> T:
    """Run a serving loop on uvloop where it is installed, else on asyncio's own loop."""
    import asyncio

    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    # uvloop.run is asyncio.run with libuv's loop: the same cancellation and cleanup at the end.
    return uvloop.run(main)


def run_main_job(settings: Settings, service: AnswerService) -> int:
    """Serve Telegram when a token is set; otherwise explain how and open the terminal chat."""
    if settings.telegram_bot_token is None:
        print(
            "No hay TELEGRAM_BOT_TOKEN: el asistente funciona sin conexión en esta terminal.\n"
            "Para Telegram, cree un bot con @BotFather, copie el token y ejecute de nuevo con\n"
            "TELEGRAM_BOT_TOKEN=<token> (en el entorno o en un archivo .env).\n"
            "No TELEGRAM_BOT_TOKEN: running offline in this terminal. For Telegram, create a bot\n"
            "with @BotFather and set TELEGRAM_BOT_TOKEN.\n",
            file=sys.stderr,
        )
        serve_panel_in_background(settings, service)
        load_live_statuses(settings, service)
        return command_chat(service, settings.default_language)

    from bot.app import serve_polling, startup_problem
    from bot.context import build_services
    from bot.logs import configure_logging
    from bot.serving import serve_webhook, webhook_problem

    if (problem := webhook_problem(settings)) is not None:
        print(problem, file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    try:
        services = build_services(settings, answers=service)
        if settings.telegram_webhook_url:
            run_served(serve_webhook(settings, services))
        else:
            run_served(serve_polling(settings, services))
    except Exception as error:
        problem = startup_problem(error, settings)
        if problem is None:
            raise
        print(problem, file=sys.stderr)
        return 1
    return 0

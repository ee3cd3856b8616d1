"""The command line, run as a citizen or a staff member would run it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: str | None = None, cwd: Path = REPO, env: dict | None = None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
    )


def test_ask_prints_the_answer_with_its_source():
    result = run("ask", "q es el gobierno abierto")
    assert result.returncode == 0
    assert result.stdout.startswith("¿Qué es el gobierno abierto?")
    assert re.search(r"Fuentes?: https://", result.stdout)
    assert "<b>" not in result.stdout, "no Telegram markup in the terminal"


def test_ask_refers_another_institutions_procedure_like_telegram_does():
    result = run("ask", "como saco mi pasaporte")
    assert result.returncode == 0
    assert "Registro Civil" in result.stdout and "https://www.registrocivil.gob.ec" in result.stdout


def test_ask_json_prints_exactly_one_object_with_the_contract_fields():
    result = run("ask", "--json", "que es la silla vacia")
    assert result.returncode == 0
    (line,) = result.stdout.strip().splitlines()
    reply = json.loads(line)
    assert {"answer", "id", "score", "confident", "language", "suggestions"} <= set(reply)
    assert (reply["id"], reply["confident"], reply["language"]) == ("silla-vacia", True, "es")
    assert 0 < reply["score"] <= 1


def test_ask_json_fallback_has_no_id_and_is_not_confident():
    reply = json.loads(run("ask", "--json", "cuanto cuesta el pasaje a galapagos").stdout)
    assert (reply["id"], reply["confident"]) == (None, False)
    assert "no tengo una respuesta verificada" in reply["answer"]
    # A fallback says as of when its sources were reviewed (the newest `reviewed` date of the
    # content, as people say a month) and where to check.
    from bot.render.dates import format_month
    from bot.services.answers import last_reviewed
    from knowledge.loader import load_knowledge_base

    as_of = format_month(last_reviewed(load_knowledge_base()), "es")
    assert f"hasta {as_of}" in reply["answer"] and "gobiernoabierto.ec" in reply["answer"]
    assert re.search(
        r"hasta (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
        r"octubre|noviembre|diciembre) de 20\d\d",
        reply["answer"],
    )


def test_ask_batch_reads_stdin_and_writes_one_object_per_question():
    questions = "what is the open government partnership\n\nplazo para responder lotaip\nasdfgh\n"
    result = run("ask", "--json", stdin=questions)
    replies = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert len(replies) == 3, "blank lines are skipped"
    assert replies[0]["language"] == "en"
    assert replies[1]["id"] == "acceso-plazo"
    assert replies[2]["confident"] is False


def test_chat_answers_and_picks_a_suggestion_by_number():
    # "datos" alone is a "¿Quiso decir…?" list ("transparencia", once one, is now answered).
    result = run("chat", stdin="que es la lotaip\ndatos\n1\nsalir\n")
    assert result.returncode == 0
    answer, listed, picked = result.stdout.split("\n> ")[1:4]
    assert "LOTAIP" in answer
    assert "¿Quiso decir" in listed
    first = re.search(r"^  1\. (.+)$", listed, re.MULTILINE).group(1)
    assert picked.startswith(first), "choice 1 opens the first entry listed"
    assert "¡Hasta pronto!" in result.stdout


def test_chat_answers_each_message_in_its_language_and_goes_on_in_the_one_last_asked_in():
    result = run(
        "chat", stdin="hello\n/estado\nwhat is the lotaip?\n/estado\nque es la lotaip\nsalir\n"
    )
    assert result.returncode == 0
    greeting, english, spanish = result.stdout.split("/estado", 2)
    assert "Hello!" in greeting, "the greeting answered in its own language"
    assert "necesita Telegram" in english, "as on Telegram, a greeting does not switch"
    assert "Organic Law on Transparency" in english and "Sources:" in english
    assert "needs Telegram" in spanish, "as on Telegram, a question in English switches"
    assert "LOTAIP es la sigla" in spanish and "¡Hasta pronto!" in spanish, "and back"


@pytest.mark.parametrize("farewell", ["salir", "/salir", "EXIT"])
def test_chat_ends_on_its_exit_word_with_or_without_a_slash(farewell):
    result = run("chat", stdin=f"{farewell}\nque es la lotaip\n")
    assert result.returncode == 0
    assert "¡Hasta pronto!" in result.stdout
    assert "LOTAIP" not in result.stdout  # nothing after the farewell was answered


def test_main_job_without_token_explains_and_runs_the_terminal_chat(tmp_path):
    env = {"DATA_DIR": str(tmp_path), "WEB_PORT": "0", "DATABASE_URL": ""}
    result = run(stdin="que es el gobierno abierto\n", env=env)
    assert result.returncode == 0
    assert "BotFather" in result.stderr
    assert "¿Qué es el gobierno abierto?" in result.stdout
    assert "Panel del equipo / staff panel: http://127.0.0.1:" in result.stderr


def test_main_job_without_token_serves_the_panel_beside_the_terminal_chat(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    environment.update({"DATA_DIR": str(tmp_path), "WEB_PORT": "0", "DATABASE_URL": ""})
    with subprocess.Popen(
        [sys.executable, "-m", "bot"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=environment,
    ) as process:
        assert process.stderr is not None and process.stdin is not None
        address = None
        for line in process.stderr:
            found = re.search(r"staff panel: (http://\S+/panel/)", line)
            if found:
                address = found.group(1)
                break
        assert address, "the panel's address is printed"
        with urllib.request.urlopen(address, timeout=10) as response:
            page = response.read().decode()
        assert "python -m bot panel link" in page, "strangers land on the login page"
        process.stdin.write("que es el gobierno abierto\nsalir\n")
        process.stdin.close()
        assert process.wait(timeout=30) == 0
        assert process.stdout is not None
        assert "¿Qué es el gobierno abierto?" in process.stdout.read()


def test_panel_link_prints_a_one_time_link_for_staff_and_refuses_others(tmp_path):
    env = {
        "DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
        "STAFF_TELEGRAM_IDS": "4242",
        "PUBLIC_BASE_URL": "https://panel.example.ec",
    }
    issued = run("panel", "link", "4242", env=env)
    assert issued.returncode == 0, issued.stderr
    assert re.fullmatch(r"https://panel\.example\.ec/panel/entrar/[\w-]{40,}\n", issued.stdout)
    assert "10 minutes" in issued.stderr
    refused = run("panel", "link", "1", env=env)
    assert refused.returncode == 1
    assert "No está autorizado" in refused.stderr and not refused.stdout


def test_kb_check_validates_the_yaml_with_the_panels_edits(tmp_path):
    import asyncio

    from bot.db import Database
    from bot.services.answers import load_answer_service
    from bot.services.knowledge import KnowledgeService

    url = f"sqlite+aiosqlite:///{tmp_path / 'asistente.db'}"

    async def edit() -> None:
        db = Database(url)
        await db.upgrade()
        service = KnowledgeService(db, load_answer_service())
        await service.add_alternate("ogp-que-es", "la ogp en palabras simples", "es", "equipo:x")
        await db.dispose()

    asyncio.run(edit())
    result = run("kb", "check", env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stdout
    assert re.search(r"with 1 panel edit[;\n]", result.stderr), result.stderr
    assert "0 problems" in result.stderr
    baseline = run("kb", "check", "--no-overlay", env={"DATABASE_URL": url})
    assert "panel edit" not in baseline.stderr


def test_kb_check_passes_on_the_shipped_content():
    result = run("kb", "check")
    assert result.returncode == 0, result.stdout
    assert "0 problems" in result.stderr


def test_kb_check_reports_each_problem_with_file_and_line(tmp_path):
    content = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", content)
    faq = content / "content" / "faq" / "mri.yaml"
    text = faq.read_text(encoding="utf-8")
    broken = text.replace("- id: mri-informes", "- id: mri-que-es", 1)  # a duplicate id
    first_related = broken.index("related: [") + len("related: [")
    broken = broken[:first_related] + "no-existe, " + broken[first_related:]  # a dangling id
    faq.write_text(broken, encoding="utf-8")
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path; from knowledge.loader import load_knowledge_base;"
        "from knowledge.check import check_knowledge_base;"
        "kb = load_knowledge_base(Path(sys.argv[2]));"
        "[print(p) for p in check_knowledge_base(kb)]"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPO), str(content / "content")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    lines = result.stdout.strip().splitlines()
    assert any("duplicate id 'mri-que-es'" in line and "mri.yaml:" in line for line in lines)
    assert any("related id 'no-existe' does not exist" in line for line in lines)
    assert all(line.split(":")[1].isdigit() for line in lines), "file:line: problem"


@pytest.mark.parametrize("cwd_name", ["staff"])
def test_plan_update_is_recorded_and_listed(tmp_path, cwd_name):
    env = {"DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": ""}
    update = run(
        "plan",
        "update",
        "paga-1-c03",
        "--status",
        "substantial",
        "--note",
        "Se publicaron los datos de 2024",
        "--source",
        "https://example.org/evidencia",
        "--as-of",
        "2026-11-01",
        env=env,
    )
    assert update.returncode == 0, update.stderr
    assert "Recorded update #1 of paga-1-c03: substantial (as of 2026-11-01)" in update.stdout
    listing = json.loads(run("plan", "list", "--json", env=env).stdout)
    by_id = {row["id"]: row for row in listing}
    assert set(by_id["paga-1-c03"]) == {"id", "plan", "number", "title", "status"}
    assert by_id["paga-1-c03"]["status"] == "substantial"
    assert by_id["paga-1-c01"]["status"] is None
    assert len(listing) == 18


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-existe", "--status", "complete"], "No commitment has the id 'no-existe'"),
        (["paga-1-c03", "--status", "done"], "--status must be one of"),
        (["paga-1-c03", "--status", "complete", "--source", "ftp://x"], "http(s) URL"),
    ],
)
def test_plan_update_refuses_bad_input_clearly(tmp_path, args, message):
    base = ["--note", "Avance", "--source", "https://example.org/x"]
    if "--source" in args:
        base = ["--note", "Avance"]
    result = run("plan", "update", *args, *base, env={"DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert message in result.stderr


def test_chat_understands_help_topics_and_plans_and_says_what_needs_telegram():
    result = run("chat", stdin="/ayuda\n/temas\n1\n1\n/plan\n1\n3\n/proponer\n/plan\n9\nsalir\n")
    assert result.returncode == 0
    out = result.stdout
    assert "En esta terminal también entiendo" in out
    assert "  1. Gobierno abierto" in out, "topics as numbered choices"
    assert "¿Qué es el gobierno abierto?" in out and "Fuente: https://" in out
    assert "  3. Plataforma de Información Abierta de Contratación Pública" in out
    assert "SERCOP" in out, "a commitment card, as text"
    assert "/proponer necesita Telegram" in out
    assert "No hay una opción con ese número" in out
    assert "Quiso decir" not in out and "<b>" not in out


def test_ask_and_json_show_the_live_status_recorded_with_plan_update(tmp_path):
    env = {"DATA_DIR": str(tmp_path)}
    before = json.loads(run("ask", "--json", "compromiso 3 del primer plan", env=env).stdout)
    assert (before["confident"], before["commitments"]) == (True, ["paga-1-c03"])
    assert "Completo" not in before["answer"]
    assert not (tmp_path / "asistente.db").exists(), "asking creates no database"
    update = ["--status", "complete", "--note", "Plataforma en línea"]
    recorded = run(
        "plan", "update", "paga-1-c03", *update, "--source", "https://example.org/a", env=env
    )
    assert recorded.returncode == 0, recorded.stderr
    after = json.loads(run("ask", "--json", "compromiso 3 del primer plan", env=env).stdout)
    assert "Completo" in after["answer"]
    terminal = run("ask", "compromiso 3 del primer plan", env=env)
    assert "Completo" in terminal.stdout and "Plataforma en línea" in terminal.stdout


def test_kb_eval_lists_misses_of_tune_splits_only_never_a_holdout_nor_fresh_never():
    from bot.devtools.quality import GOLDEN_SETS, load_items

    result = run("kb", "eval", "--set", "original", "--set", "fresh-never", "--misses")
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("misses on the sets one may tune on", 1)[1]
    assert "original:" in listed
    assert "fresh-never:" not in listed
    holdout = [i.question for i in load_items(GOLDEN_SETS["original"]) if i.split == "holdout"]
    assert not [q for q in holdout if f"] {q}\n" in listed]


def test_kb_eval_tune_only_shows_no_never_tuned_set_nor_holdout_split_not_even_their_totals():
    result = run("kb", "eval", "--set", "fresh2", "--set", "fresh-never", "--tune-only")
    assert result.returncode == 0, result.stderr
    assert "fresh2" in result.stdout
    assert "fresh-never" not in result.stdout
    assert "split holdout" not in result.stdout
    whole = run("kb", "eval", "--set", "fresh2")
    assert "split holdout" in whole.stdout


def test_kb_eval_never_lists_the_misses_of_a_check_split_only_its_totals():
    from bot.devtools.quality import GOLDEN_SETS, load_items

    result = run("kb", "eval", "--set", "fresh4", "--tune-only", "--misses")
    assert result.returncode == 0, result.stderr
    assert "split check" in result.stdout and "split tune" in result.stdout
    listed = result.stdout.split("misses on the sets one may tune on", 1)[1]
    check = [i.question for i in load_items(GOLDEN_SETS["fresh4"]) if i.split == "check"]
    assert check and not [q for q in check if f"] {q}\n" in listed]
    assert "fresh4:" in listed
    tune_long = [
        i for i in load_items(GOLDEN_SETS["fresh4"]) if i.split == "tune" and i.style == "long"
    ]
    in_scope = sum(i.in_scope for i in tune_long)
    long_row = next(line for line in result.stdout.splitlines() if line.startswith("  long "))
    assert f" {in_scope}/{len(tune_long) - in_scope} " in long_row  # style rows: tune split only


def test_chat_names_every_telegram_command_and_says_when_a_command_does_not_exist():
    from bot.app import COMMAND_MENU, STAFF_COMMAND_MENU
    from bot.cli import CHAT_HELP, CHAT_PLANS, CHAT_TOPICS, TELEGRAM_ONLY

    menus = [*COMMAND_MENU.values(), *STAFF_COMMAND_MENU.values()]
    commands = {f"/{name}" for menu in menus for name, _ in menu}
    assert commands <= TELEGRAM_ONLY | CHAT_HELP | CHAT_TOPICS | CHAT_PLANS
    result = run("chat", stdin="/solicitud\n/estadisticas\n/foo bar\nsalir\n")
    out = result.stdout
    assert "/solicitud necesita Telegram" in out and "/estadisticas necesita Telegram" in out
    assert "No conozco el comando /foo" in out and "En esta terminal también entiendo" in out
    assert "no tengo una respuesta verificada" not in out and "Quiso decir" not in out


@pytest.mark.parametrize("rounds", ["0", "-2", "three"])
def test_bench_webhook_refuses_a_round_count_below_one_in_one_line(rounds):
    result = run("bench", "webhook", "--rounds", rounds)
    assert result.returncode == 2
    assert f"--rounds: must be a whole number of at least 1, not '{rounds}'" in result.stderr
    assert "Traceback" not in result.stderr


def test_chat_says_how_to_pick_a_suggestion_and_a_wrong_number_keeps_the_list():
    result = run("chat", stdin="datos\n9\n2\nsalir\n")  # "datos": a "¿Quiso decir…?" list
    assert result.returncode == 0
    after = result.stdout.split("¿Quiso decir", 1)[1]
    listed, rest = after.split("Escriba el número de la que quiso preguntar, u otra pregunta.")
    second = re.search(r"  2\. (.+)", listed).group(1)
    wrong, picked = rest.split("\n> ")[1:3]
    assert wrong.strip() == "No hay una opción con ese número.", "9 is not a new question"
    assert picked.startswith(second), "2 still picks from the list"


def test_chat_related_questions_are_numbered_and_picked_like_suggestions():
    # An answer with neighbouring entries: on Telegram they are buttons, here numbers.
    question = "que resultados dio el primer plan de gobierno abierto"
    result = run("chat", stdin=f"{question}\n7\n1\n/ayuda\nsalir\n")
    assert result.returncode == 0
    answer, wrong, picked, help_ = result.stdout.split("\n> ")[1:5]
    assert "¿Qué resultados tuvo el primer plan de acción según el MRI?" in answer
    listed = answer.split("También puede interesarle:", 1)[1]
    first = re.search(r"^  1\. (.+)$", listed, re.MULTILINE).group(1)
    assert "Escriba el número de una de ellas para leerla, u otra pregunta." in listed
    if not re.search(r"^  7\. ", listed, re.MULTILINE):
        assert wrong.strip() == "No hay una opción con ese número.", "7 is not a new question"
    assert picked.startswith(first), "1 opens the first related question"
    assert "escriba su número para elegir una" in help_

"""The staff panel over HTTP: signing in, sessions, CSRF, and the learning loop."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
from pathlib import Path

import aiohttp
import pytest
import yaml
from sqlmodel import select

from bot.app import telegram_sender
from bot.db import Database
from bot.models import AuditEvent, StaffQuestion, utcnow
from bot.render.dates import format_moment
from bot.services.answers import AnswerService
from bot.services.knowledge import (
    KnowledgeError,
    KnowledgeService,
    entry_from_form,
    export_overlay,
    read_overlay,
)
from knowledge.loader import CONTENT_DIR, load_knowledge_base
from tests.conftest import private_answers
from tests.factories import CITIZEN_ID, OTHER_CITIZEN_ID, message
from tests.web.conftest import STAFF_ID, Panel
from tests.web.helpers import log_a_need

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
UNKNOWN_QUESTION = "cuando se reune el comite de etica"


def client() -> aiohttp.ClientSession:
    # The server is an IP address: aiohttp keeps cookies from IPs only with unsafe=True.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def csrf_of(session: aiohttp.ClientSession, url: str) -> str:
    async with session.get(url) as response:
        found = CSRF.search(await response.text())
        assert found, "every form carries a CSRF token"
        return found.group(1)


async def sign_in(panel: Panel, session: aiohttp.ClientSession) -> None:
    link = await panel.link_from_telegram()
    token = await csrf_of(session, link)
    async with session.post(link, data={"csrf": token}) as response:
        assert response.status == 200
        assert "Inicio" in await response.text()


async def ask_and_send_to_team(panel: Panel, question: str, user_id: int = CITIZEN_ID) -> None:
    (fallback,) = await panel.bot.say(question, user_id=user_id)
    assert "no tengo una respuesta verificada" in fallback.text
    (send,) = [d for _, d in fallback.buttons if d.startswith("sq:")]
    await panel.bot.press(send, user_id=user_id)


async def test_the_panel_sends_strangers_to_a_page_that_explains_how_to_get_in(panel):
    async with client() as session, session.get(f"{panel.url}/panel/knowledge") as response:
        assert str(response.url).endswith("/panel/login")
        page = await response.text()
    assert "/panel" in page and "python -m bot panel link" in page
    assert "10 minutos" in page


async def test_panel_on_telegram_gives_staff_a_link_and_refuses_everyone_else(panel):
    (refused,) = await panel.bot.say("/panel", user_id=OTHER_CITIZEN_ID)
    assert "No está autorizado" in refused.text
    assert "/panel/entrar/" not in refused.text
    calls = await panel.bot.send(message("/panel", user_id=STAFF_ID))
    (sent,) = [c for c in calls if c.method == "sendMessage"]
    assert "/panel/entrar/" in sent.text and "10 minutos" in sent.text
    assert sent.params["link_preview_options"]["is_disabled"] is True
    (in_group,) = await panel.bot.say(
        "/panel", user_id=STAFF_ID, chat_id=-100123, chat_type="group"
    )
    assert "/panel/entrar/" not in in_group.text, "a sign-in link never lands in a group"


async def test_a_link_works_once_and_the_second_use_gets_a_clear_page(panel):
    link = await panel.link_from_telegram()
    async with client() as first:
        await csrf_of(first, link)  # opening the link (or a link preview) does not use it up
        token = await csrf_of(first, link)
        async with first.post(link, data={"csrf": token}) as response:
            assert "Inicio" in await response.text()
    async with client() as second:
        token = await csrf_of(second, link)
        async with second.post(link, data={"csrf": token}) as response:
            assert response.status == 400
            assert "ya se usó" in await response.text()


async def test_a_link_older_than_ten_minutes_is_refused_with_a_clear_page(panel):
    eleven_minutes_ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=11)
    token = await panel.services.panel_auth.issue(STAFF_ID, now=eleven_minutes_ago)
    link = f"{panel.url}/panel/entrar/{token}"
    async with client() as session:
        csrf = await csrf_of(session, link)
        async with session.post(link, data={"csrf": csrf}) as response:
            assert response.status == 400
            assert "ya venció" in await response.text()
        async with session.get(f"{panel.url}/panel/") as response:
            assert str(response.url).endswith("/panel/login"), "no session was opened"


async def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(panel):
    await ask_and_send_to_team(panel, UNKNOWN_QUESTION)
    (item,) = await panel.services.review.items()
    async with client() as session:
        await sign_in(panel, session)
        for token in (None, "forged"):
            data = {"log_id": str(item.log_id), "answer": "Son 151."}
            if token:
                data["csrf"] = token
            async with session.post(f"{panel.url}/panel/questions/answer", data=data) as response:
                assert response.status == 403
                assert "no se cambió nada" in await response.text()
    assert [i.log_id for i in await panel.services.review.items()] == [item.log_id]
    async with panel.services.db.session() as db:
        assert not list(
            await db.exec(select(AuditEvent).where(AuditEvent.action.like("questions%")))
        )


async def test_staff_removed_from_the_settings_lose_access_at_their_next_request(panel):
    async with client() as session:
        await sign_in(panel, session)
        panel.services.settings.staff_telegram_ids = []
        async with session.get(f"{panel.url}/panel/knowledge") as response:
            assert response.status == 403
            assert "No está autorizado" in await response.text()
        panel.services.settings.staff_telegram_ids = [STAFF_ID]
        async with session.get(f"{panel.url}/panel/knowledge") as response:
            assert str(response.url).endswith("/panel/login"), "the session was closed for good"


async def test_sign_out_ends_the_session(panel):
    async with client() as session:
        await sign_in(panel, session)
        token = await csrf_of(session, f"{panel.url}/panel/")
        async with session.post(f"{panel.url}/panel/salir", data={"csrf": token}) as response:
            assert "Salió del panel" in await response.text()
        async with session.get(f"{panel.url}/panel/") as response:
            assert str(response.url).endswith("/panel/login")


async def test_opening_the_sign_out_address_asks_to_confirm_and_changes_nothing(panel):
    async with client() as session:
        async with session.get(f"{panel.url}/panel/salir") as response:
            assert str(response.url).endswith("/panel/login"), "signed out already: sign in"
        await sign_in(panel, session)
        async with session.get(f"{panel.url}/panel/salir") as response:
            assert response.status == 200
            page = await response.text()
        assert "¿Quiere cerrar su sesión" in page and "No, volver al panel" in page
        assert 'action="/panel/salir"' in page and 'name="csrf"' in page
        async with session.get(f"{panel.url}/panel/knowledge") as response:
            assert response.status == 200, "the GET left the session open"
        async with session.post(f"{panel.url}/panel/salir", data={}) as response:
            assert response.status == 403, "no token, no sign-out (a cross-site form)"
        token = await csrf_of(session, f"{panel.url}/panel/salir")
        async with session.post(f"{panel.url}/panel/salir", data={"csrf": token}) as response:
            assert "Salió del panel" in await response.text()
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/salir") as response:
            assert str(response.url).endswith("/panel/login")
            assert "Sign in to the panel" in await response.text()


async def test_the_session_cookie_is_httponly_and_lax(panel):
    link = await panel.link_from_telegram()
    async with client() as session:
        token = await csrf_of(session, link)
        async with session.post(link, data={"csrf": token}, allow_redirects=False) as response:
            cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=28800" in cookie
    assert "script-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Secure" not in cookie, "plain http here; Secure comes with an https PUBLIC_BASE_URL"


async def test_english_toggle_translates_the_panel(panel):
    url = f"{panel.url}/panel/idioma/en?next=/panel/login"
    async with client() as session, session.get(url) as response:
        page = await response.text()
    assert "Sign in to the panel" in page and 'lang="en"' in page


async def test_answering_a_group_tells_each_citizen_once_through_the_outbox(panel):
    await ask_and_send_to_team(panel, UNKNOWN_QUESTION)
    await ask_and_send_to_team(panel, UNKNOWN_QUESTION + "?", user_id=OTHER_CITIZEN_ID)
    (group,) = await panel.services.review.groups()
    assert group.count == 2 and group.kinds == {"sent": 2}
    await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))  # staff's alerts
    async with client() as session:
        await sign_in(panel, session)
        token = await csrf_of(session, f"{panel.url}/panel/questions")
        data = [("csrf", token), ("answer", "La Asamblea tiene <b>151</b> asambleístas.")]
        data += [("log_id", str(i)) for i in group.log_ids]
        async with session.post(f"{panel.url}/panel/questions/answer", data=data) as response:
            assert "Respuesta enviada a 2 personas" in await response.text()
        async with session.post(f"{panel.url}/panel/questions/answer", data=data) as response:
            assert "ya se atendieron" in await response.text()  # a double submit sends nothing
    before = len(panel.bot.api.calls)
    report = await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))
    assert report.sent == 2
    sent = [c for c in panel.bot.api.calls[before:] if c.method == "sendMessage"]
    assert sorted(c.params["chat_id"] for c in sent) == sorted([CITIZEN_ID, OTHER_CITIZEN_ID])
    assert all("&lt;b&gt;151&lt;/b&gt;" in c.text for c in sent), "staff text is escaped"
    assert await panel.services.review.groups() == []
    async with panel.services.db.session() as db:
        statuses = {q.status for q in await db.exec(select(StaffQuestion))}
    assert statuses == {"answered"}


async def test_a_question_with_html_shows_as_text_in_the_panel(panel):
    await ask_and_send_to_team(panel, "<script>alert('x')</script> quiero saber del clima")
    async with client() as session:
        await sign_in(panel, session)
        async with session.get(f"{panel.url}/panel/questions") as response:
            page = await response.text()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<script>" not in page


async def test_adding_wordings_as_alternates_answers_the_next_identical_question(panel):
    question = "me dejaron en visto en la junta de mi pueblito"
    await ask_and_send_to_team(panel, question)
    (group,) = await panel.services.review.groups()
    entry_id = "acceso-negativa"
    assert panel.services.answers.kb.entry(entry_id) is not None
    async with client() as session:
        await sign_in(panel, session)
        query = "&".join(f"log_id={i}" for i in group.log_ids)
        async with session.get(f"{panel.url}/panel/questions/pick?{query}") as response:
            picker = await response.text()
        assert "Buscar una entrada" in picker
        search = f"{panel.url}/panel/questions/pick?{query}&q=me+niegan+la+informacion"
        async with session.get(search) as response:
            picker = await response.text()
        assert entry_id in picker, "the picker finds the entry by the words staff search"
        token = CSRF.search(picker).group(1)
        data = [("csrf", token), ("entry_id", entry_id)] + [
            ("log_id", str(i)) for i in group.log_ids
        ]
        async with session.post(f"{panel.url}/panel/questions/alternate", data=data) as response:
            assert "La próxima pregunta igual se responde" in await response.text()
    (answer,) = await panel.bot.say(question)
    entry = panel.services.answers.kb.entry(entry_id)
    assert entry.question.es in answer.text, "answered outright, no restart"
    assert await panel.services.questions.count_pending() == 0, "it left the Telegram queue too"


async def test_an_entry_without_sources_is_refused_with_kb_checks_words(panel):
    data = {
        "id": "asamblea-diputados",
        "topic": "participacion",
        "question": {"es": "¿Cuántos asambleístas hay?", "en": "How many assembly members?"},
        "alternates": {"es": ["a", "b", "c", "d"], "en": ["e", "f"]},
        "answer": {"es": "Respuesta.", "en": "Answer."},
        "sources": [],
        "reviewed": "2026-12-01",
    }
    with pytest.raises(KnowledgeError) as refused:
        await panel.services.knowledge.save(entry_from_form(data), "equipo:test")
    assert "has no sources" in refused.value.problems[0]
    data["sources"] = ["no es una url"]
    with pytest.raises(KnowledgeError) as invalid:
        entry_from_form(data)
    assert "sources" in invalid.value.problems[0]


async def test_an_edit_reaches_another_replica_within_five_seconds_and_can_be_restored(
    database_url: str,
):
    db = Database(database_url)
    await db.upgrade()
    editor = KnowledgeService(db, private_answers())
    replica_answers = private_answers()
    replica = KnowledgeService(Database(database_url), replica_answers)
    reloader = asyncio.create_task(replica.run_reloader(0.1))
    try:
        question = "quiero saber si el perro del vecino puede votar"
        assert replica_answers.answer(question).decision != "answer"
        await editor.add_alternate("ogp-que-es", question, "es", "equipo:test")
        for _ in range(50):  # 5 s at most
            if replica_answers.answer(question).decision == "answer":
                break
            await asyncio.sleep(0.1)
        reply = replica_answers.answer(question)
        assert (reply.decision, reply.entry_id) == ("answer", "ogp-que-es")
        history = await editor.history("ogp-que-es")
        assert [v.version for v in history] == [1, 0]
        await editor.restore("ogp-que-es", 0, "equipo:test")
        for _ in range(50):
            if replica_answers.answer(question).decision != "answer":
                break
            await asyncio.sleep(0.1)
        assert replica_answers.answer(question).decision != "answer", "restored the YAML version"
        assert [v.version for v in await editor.history("ogp-que-es")] == [2, 1, 0]
    finally:
        reloader.cancel()
        await db.dispose()
        await replica.db.dispose()


async def test_kb_export_writes_the_overlay_into_the_yaml_files(tmp_path: Path, sqlite_url: str):
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    baseline = load_knowledge_base(content)
    db = Database(sqlite_url)
    await db.upgrade()
    service = KnowledgeService(db, AnswerService(baseline, private_answers().index), baseline)
    await service.add_alternate("ogp-que-es", "la ogp para dummies", "es", "equipo:test")
    new = baseline.entry("ogp-que-es").model_copy(
        update={
            "id": "ogp-nueva",
            "question": baseline.entry("ogp-que-es").question.model_copy(
                update={"es": "¿Pregunta nueva de prueba?", "en": "A new test question?"}
            ),
            "alternates": baseline.entry("ogp-que-es").alternates.model_copy(
                update={
                    "es": ["uno nuevo", "dos nuevo", "tres nuevo", "cuatro nuevo"],
                    "en": ["one new", "two new"],
                }
            ),
        }
    )
    await service.save(new, "equipo:test")
    overlay = await service.overlay()
    written = export_overlay(overlay, baseline, content)
    assert written == [content / "faq" / "ogp.yaml"]
    exported = load_knowledge_base(content)
    assert not exported.problems
    assert "la ogp para dummies" in exported.entry("ogp-que-es").alternates.es
    assert exported.entry("ogp-nueva").question.es == "¿Pregunta nueva de prueba?"
    assert len(exported.entries) == len(baseline.entries) + 1
    raw = yaml.safe_load((content / "faq" / "ogp.yaml").read_text())
    assert [e["id"] for e in raw].count("ogp-que-es") == 1
    # Once the exported YAML is the baseline, the edits no longer shadow it: later YAML changes
    # are served as written.
    assert await read_overlay(db, exported) == {}
    await db.dispose()


async def test_a_commitment_update_from_the_panel_is_recorded_and_audited(panel):
    commitment = panel.services.plans.kb.commitments[0]
    async with client() as session:
        await sign_in(panel, session)
        token = await csrf_of(session, f"{panel.url}/panel/commitments")
        form = {
            "csrf": token,
            "commitment_id": commitment.id,
            "status": "substantial",
            "note": "Avance verificado",
            "source": "",
            "as_of": "2026-11-30",
        }
        async with session.post(f"{panel.url}/panel/commitments", data=form) as response:
            assert response.status == 422
            refused = await response.text()
        # Said in the panel's words (the service's English is the CLI's), what was typed kept.
        assert "la fuente debe ser una dirección web que empiece con https://" in refused
        assert ">Avance verificado</textarea>" in refused
        assert f'<option value="{commitment.id}" selected>' in refused
        for changed, said in (
            ({"note": "   ", "source": "https://e.org/1"}, "escriba qué cambió"),
            ({"as_of": "ayer", "source": "https://e.org/1"}, "«ayer» no sirve"),
        ):
            async with session.post(
                f"{panel.url}/panel/commitments", data={**form, **changed}
            ) as response:
                assert response.status == 422
                assert said in await response.text()
        form["source"] = "https://www.opengovpartnership.org/es/members/ecuador/"
        async with session.post(f"{panel.url}/panel/commitments", data=form) as response:
            assert "Actualización registrada" in await response.text()
        async with session.get(f"{panel.url}/panel/audit") as response:
            audit = await response.text()
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/audit") as response:
            english = await response.text()
    status = await panel.services.plans.current_status(commitment.id)
    assert (status.value, status.as_of) == ("substantial", "2026-11-30")
    assert "Actualizó un compromiso" in audit and "Entró al panel" in audit
    assert "Updated a commitment" in english and "Signed in to the panel" in english
    assert "commitment.update" not in audit + english and "panel.sign_in" not in audit + english
    visible = re.sub(r"<[^>]+>", " ", audit)
    assert "Sesión iniciada: equipo " in visible and "Signed in: team member " in english
    assert "equipo:" not in visible, "the actor's raw id reads 'equipo 5c2e3702'"


async def test_building_an_index_in_a_thread_while_answering_keeps_both_right():
    from bot.services.knowledge import build_index

    answers = private_answers()
    kb = answers.kb
    expected = build_index(kb, answers.index)
    words = [w for e in kb.entries for w in (e.answer.es + " " + e.answer.en).split()] * 3
    building = asyncio.create_task(asyncio.to_thread(build_index, kb, answers.index))
    stems = []
    for word in words:  # the event loop keeps stemming citizens' words meanwhile
        stems.append(answers.index.normalizer.tokens(word + "x")[0])
        if building.done():
            break
        await asyncio.sleep(0)
    built = await building
    assert built._posting_arrays.keys() == expected._posting_arrays.keys()
    assert stems, "the two ran at the same time"


async def test_a_session_unused_for_eight_hours_ends(panel, monkeypatch):
    import time

    async with client() as session:
        await sign_in(panel, session)
        later = time.time() + 8 * 3600 + 60
        monkeypatch.setattr("bot.web.panel.clock", lambda: later)
        async with session.get(f"{panel.url}/panel/knowledge") as response:
            assert str(response.url).endswith("/panel/login")
            assert "terminó por inactividad" in await response.text()


async def test_a_did_you_mean_pick_is_offered_with_the_entry_the_citizen_chose(panel):
    (suggest,) = await panel.bot.say("participacion")
    picks = [d for _, d in suggest.buttons if d.startswith("pk:")]
    assert picks, suggest.text
    await panel.bot.press(picks[0])
    chosen = picks[0].split(":")[2]
    (group,) = await panel.services.review.groups()
    assert group.kinds == {"picked": 1}
    async with client() as session:
        await sign_in(panel, session)
        query = "&".join(f"log_id={i}" for i in group.log_ids)
        async with session.get(f"{panel.url}/panel/questions/pick?{query}&q=zzz") as response:
            picker = await response.text()
    assert chosen in picker, "the entry the citizen picked is offered first"


async def test_the_commitments_page_names_levels_and_dates_in_the_panels_language(panel):
    commitment = panel.services.plans.kb.commitments[0]
    await panel.services.plans.record_update(
        commitment.id, "substantial", "Avance verificado", "https://www.opengovpartnership.org/",
        "equipo:prueba", dt.date(2026, 11, 30),
    )  # fmt: skip
    async with client() as session:
        await sign_in(panel, session)
        async with session.get(f"{panel.url}/panel/commitments") as response:
            spanish = await response.text()
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/commitments") as response:
            english = await response.text()
    assert '<option value="not-started">No iniciado</option>' in spanish
    assert ">substantial<" not in spanish and "<td>Sustancial</td>" in spanish
    assert "30 nov 2026" in spanish and "2026-11-30<" not in spanish
    assert '<option value="not-started">Not started</option>' in english
    assert "<td>Substantial</td>" in english and "Nov 30, 2026" in english


async def test_audit_times_and_review_deadlines_read_as_dates_in_ecuador_time(panel):
    code = await log_a_need(
        panel.bot, "Necesito que el municipio publique los contratos de obras públicas del barrio"
    )
    proposal = await panel.services.proposals.by_code(code)
    deadline = format_moment(proposal.deadline, "es")
    async with client() as session:
        await sign_in(panel, session)
        pages = {}
        for name in ("", "audit", "proposals", f"proposals/{code}"):
            async with session.get(f"{panel.url}/panel/{name}") as response:
                pages[name] = await response.text()
    iso = re.compile(r"\d{4}-\d{2}-\d{2}")
    for name, page in pages.items():
        visible = re.sub(r"<[^>]+>", " ", re.sub(r'"[^"]*"', "", page))
        assert not iso.search(visible), f"/panel/{name} shows {iso.search(visible).group(0)}"
    assert deadline in pages["proposals"] and deadline in pages[f"proposals/{code}"]
    signed_in = format_moment(utcnow(), "es").split(",")[0]
    assert signed_in in pages["audit"] and signed_in in pages[""]


async def test_an_address_that_does_not_exist_in_the_panel_gets_the_panels_page(panel):
    async with client() as session:
        await sign_in(panel, session)
        async with session.get(panel.url + "/panel/inventada") as response:
            assert response.status == 404
            html = await response.text()
        assert "<h1>No encontrado</h1>" in html and 'href="/panel/"' in html


async def test_a_forged_restore_says_so_in_the_panels_language_and_changes_nothing(panel):
    entry = f"{panel.url}/panel/knowledge/ogp-que-es"
    before = [v.version for v in await panel.services.knowledge.history("ogp-que-es")]
    async with client() as session:
        await sign_in(panel, session)
        token = await csrf_of(session, entry)
        for version in ("abc", "999", "-1", ""):
            form = {"csrf": token, "version": version}
            async with session.post(f"{entry}/restore", data=form) as response:
                page = await response.text()
            assert response.status == 200 and "<h1>" in page, version
            assert "Esa versión no está en el historial de la entrada" in page, version
            assert "invalid literal" not in page and "has no version" not in page
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/"):
            pass
        async with session.post(f"{entry}/restore", data={"csrf": token, "version": "x"}) as r:
            assert "That version is not in this entry&#39;s history" in await r.text()
        assert [v.version for v in await panel.services.knowledge.history("ogp-que-es")] == before
        # A version the history lists is still restored.
        await panel.services.knowledge.add_alternate("ogp-que-es", "y eso qué es", "es", "e:t")
        async with session.post(f"{entry}/restore", data={"csrf": token, "version": "0"}) as r:
            assert "Saved." in await r.text()
    assert [v.version for v in await panel.services.knowledge.history("ogp-que-es")][:2] == [
        len(before) + 1,
        len(before),
    ]


async def test_an_entry_forms_problems_read_in_the_panels_language_naming_each_field(panel):
    form = {
        "id": "Mi Entrada",
        "topic": "asistente",
        "question_es": "¿Qué es la LOTAIP?",  # an existing entry's question
        "question_en": "What?",
        "answer_es": "a" * 800,
        "answer_en": "b",
        "alternates_es": "uno\ndos",
        "alternates_en": "one",
        "sources": "no es url",
        "related": "no-existe",
        "reviewed": "ayer",
    }
    shown = {}
    async with client() as session:
        await sign_in(panel, session)
        form["csrf"] = await csrf_of(session, f"{panel.url}/panel/knowledge/new")
        for step in ("schema", "check"):
            async with session.post(f"{panel.url}/panel/knowledge/new", data=form) as response:
                assert response.status == 422
                shown[step] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", await response.text()))
            form.update(id="mi-entrada", sources="https://ok.org", reviewed="2026-11-30")
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/knowledge/new"):
            pass
        async with session.post(f"{panel.url}/panel/knowledge/new", data=form) as response:
            shown["english"] = re.sub(r"<[^>]+>", " ", await response.text())
    schema, check, english = shown["schema"], shown["check"], shown["english"]
    assert "Id (minúsculas, números y guiones): use solo minúsculas" in schema
    assert "«Mi Entrada» no sirve" in schema and "«ayer» no sirve" in schema
    assert "«no es url» no es una dirección web" in schema
    assert "Respuesta (español, hasta 700 caracteres): tiene 800 caracteres; el límite es 700" in (
        check
    )
    assert "al menos 4): tiene 2; hacen falta al menos 4." in check
    assert "no existe ninguna entrada «no-existe»" in check
    assert "«¿Qué es la LOTAIP?» ya es una forma de preguntar de la entrada «lotaip-que-es»" in (
        check
    )
    assert "it has 800 characters; the limit is 700" in english
    for raw in ("String should", "Input should", "es has 800", "entry &#39;", "phrasings"):
        assert raw not in schema + check + english, raw


async def test_the_knowledge_list_names_each_entrys_topic_in_the_panels_language(panel):
    async with client() as session:
        await sign_in(panel, session)
        async with session.get(f"{panel.url}/panel/knowledge?q=lotaip") as response:
            spanish = await response.text()
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/knowledge?q=lotaip") as r:
            english = await r.text()
    assert "<td>Acceso a la información pública</td>" in spanish
    assert "<td>Access to public information</td>" in english
    assert "<td>acceso-informacion</td>" not in spanish + english, "the topic's name, not its id"


async def test_an_address_with_a_nul_byte_gets_the_panels_not_found_page(panel):
    code = "ogp-que-es"
    async with client() as session:
        await sign_in(panel, session)
        for path in (
            f"knowledge/{code}%00",
            "knowledge/%00",
            "proposals/%00",
            "proposals/abc%00x",
            "entradas/abc%00",
        ):
            async with session.get(f"{panel.url}/panel/{path}") as response:
                html = await response.text()
                assert response.status == 404, (path, response.status, html[:200])
            assert "<h1>No encontrado</h1>" in html, path
        # The same addresses posted to with the form's token are refused the same way.
        token = await csrf_of(session, f"{panel.url}/panel/knowledge/{code}")
        for path in (f"knowledge/{code}%00", "proposals/%00/note"):
            async with session.post(
                f"{panel.url}/panel/{path}", data={"csrf": token, "note": "x"}
            ) as response:
                assert response.status == 404, (path, response.status)


async def test_a_nul_byte_in_a_search_or_filter_is_not_a_500(panel):
    async with client() as session:
        await sign_in(panel, session)
        for path in (
            "proposals?q=%00&assignee=a%00b&status=%00&page=%00",
            "proposals.csv?q=ab%00c&assignee=%00",
            "knowledge?q=plan%00&topic=%00",
            "questions/pick?q=%00&log_id=%00",
            "questions?page=%00",
            "audit?page=1%00",
        ):
            async with session.get(f"{panel.url}/panel/{path}") as response:
                text = await response.text()
                assert response.status < 500, (path, response.status, text[:300])


async def test_saving_an_edit_keeps_what_the_form_does_not_show(panel):
    # The engine's marks on an entry (here: it answers questions on a local government's own
    # plan, `lists_local_plans`) are not on the edit form; saving an edit (here its review
    # date) must not drop them.
    entry_id = "ogp-local-ecuador"
    question = "¿qué compromisos tiene el plan de la prefectura de Pastaza?"
    assert panel.services.answers.answer(question).entry_id == entry_id
    async with client() as session:
        await sign_in(panel, session)
        url = f"{panel.url}/panel/knowledge/{entry_id}"
        token = await csrf_of(session, url)
        entry = panel.services.answers.kb.entry(entry_id)
        form = {
            "csrf": token,
            "topic": entry.topic,
            "question_es": entry.question.es,
            "question_en": entry.question.en,
            "answer_es": entry.answer.es,
            "answer_en": entry.answer.en,
            "alternates_es": "\n".join(entry.alternates.es),
            "alternates_en": "\n".join(entry.alternates.en),
            "sources": "\n".join(str(s) for s in entry.sources),
            "related": "\n".join(entry.related),
            "reviewed": "2026-12-06",  # staff checked it again today
        }
        if entry.detail is not None:
            form |= {"detail_es": entry.detail.es, "detail_en": entry.detail.en}
        async with session.post(url, data=form) as response:
            assert response.status == 200
    edited = panel.services.answers.kb.entry(entry_id)
    assert edited.reviewed.isoformat() == "2026-12-06"
    assert edited.lists_local_plans
    reply = panel.services.answers.answer(question)
    assert (reply.decision, reply.entry_id) == ("answer", entry_id)

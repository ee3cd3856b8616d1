"""The review queue in the panel: filters, counts, detail, notes, assignment, status, CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from sqlalchemy import update
from sqlmodel import select

from bot.app import telegram_sender
from bot.models import (
    AuditEvent,
    Citizen,
    Proposal,
    ProposalSupport,
    StaffQuestion,
    ecuador_today,
)
from tests.factories import CITIZEN_ID, OTHER_CITIZEN_ID
from tests.web.conftest import STAFF_ID
from tests.web.helpers import log_a_need
from tests.web.test_panel import client, csrf_of, sign_in

CONTRACTS = "Necesito que el municipio publique los contratos de obras públicas de mi barrio"
BUSES = "Quiero que se publiquen las rutas y horarios de los buses urbanos de la ciudad de Loja"
THIRD = "Pido una consulta ciudadana sobre el presupuesto participativo de la parroquia rural"


async def seed(panel) -> tuple[str, str, str]:
    first = await log_a_need(panel.bot, CONTRACTS)
    second = await log_a_need(panel.bot, BUSES, user_id=OTHER_CITIZEN_ID)
    third = await log_a_need(panel.bot, THIRD, user_id=CITIZEN_ID + 7)
    async with panel.services.db.session() as db:
        past = ecuador_today() - dt.timedelta(days=3)
        await db.exec(update(Proposal).where(Proposal.code == first).values(deadline=past))
        await db.exec(update(Proposal).where(Proposal.code == second).values(supports=5))
        await db.commit()
    return first, second, third


async def test_the_queue_counts_filters_sorts_and_searches(panel):
    first, second, third = await seed(panel)
    async with client() as session:
        await sign_in(panel, session)
        async with session.get(f"{panel.url}/panel/proposals") as response:
            page = await response.text()
        assert "Recibida (3)" in page and "Todas (3)" in page
        assert page.index(first) < page.index(second), "overdue first"
        assert "3 días de retraso" in page
        # The queue's scrolling box is reachable with the keyboard and named for screen readers.
        assert '<div class="scroll" role="region" aria-label="Propuestas" tabindex="0">' in page
        async with session.get(f"{panel.url}/panel/proposals?sort=supported") as response:
            page = await response.text()
        assert page.index(second) < page.index(first), "most supported first"
        async with session.get(f"{panel.url}/panel/proposals?overdue=1") as response:
            page = await response.text()
        assert first in page and second not in page and "1 propuesta" in page
        async with session.get(f"{panel.url}/panel/proposals?q=buses+urbanos") as response:
            page = await response.text()
        assert second in page and first not in page
        async with session.get(f"{panel.url}/panel/proposals?q={third.lower()}") as response:
            assert third in await response.text(), "the code searches too"
        async with session.get(f"{panel.url}/panel/proposals?q=100%25") as response:
            assert "0 propuestas" in await response.text()


async def test_a_status_change_reaches_the_author_and_supporters_exactly_once(panel):
    code = await log_a_need(panel.bot, CONTRACTS)
    await panel.bot.say("/start", user_id=OTHER_CITIZEN_ID)
    async with panel.services.db.session() as db:
        proposal = (await db.exec(select(Proposal).where(Proposal.code == code))).one()
        supporter = (await db.exec(select(Citizen).order_by(Citizen.id.desc()))).first()
        db.add(ProposalSupport(proposal_id=proposal.id, citizen_id=supporter.id))
        await db.commit()
    await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))  # staff's alerts
    async with client() as session:
        await sign_in(panel, session)
        url = f"{panel.url}/panel/proposals/{code}"
        token = await csrf_of(session, url)
        form = {"csrf": token, "status": "respondida", "public_message": "Ya están publicados."}
        async with session.post(f"{url}/status", data=form) as response:
            assert "2 personas recibirán el aviso" in await response.text()
        async with session.post(f"{url}/status", data=form) as response:
            assert "No se puede pasar" in await response.text(), "a double submit changes nothing"
        async with session.get(url) as response:
            page = await response.text()
    assert "Ya están publicados." in page and "Respondida" in page
    before = len(panel.bot.api.calls)
    report = await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))
    assert report.sent == 2
    sent = [c for c in panel.bot.api.calls[before:] if c.method == "sendMessage"]
    assert sorted(c.params["chat_id"] for c in sent) == sorted([CITIZEN_ID, OTHER_CITIZEN_ID])
    assert all("Ya están publicados." in c.text for c in sent)
    again = await panel.services.outbox.deliver_due(telegram_sender(panel.bot.app))
    assert again.sent == 0
    async with panel.services.db.session() as db:
        (event,) = await db.exec(select(AuditEvent).where(AuditEvent.action == "proposal.status"))
    assert event.target == code and '"notified": 2' in event.detail


async def test_notes_and_assignment_stay_with_staff(panel):
    code = await log_a_need(panel.bot, CONTRACTS)
    async with client() as session:
        await sign_in(panel, session)
        url = f"{panel.url}/panel/proposals/{code}"
        token = await csrf_of(session, url)
        note = {"csrf": token, "note": "Llamar a la dirección de compras <b>primero</b>"}
        async with session.post(f"{url}/note", data=note) as response:
            page = await response.text()
        assert "Nota guardada." in page
        assert "&lt;b&gt;primero&lt;/b&gt;" in page
        assert "vecina@correo.ec" in page, "staff see the contact"
        me = panel.services.proposal_queue
        staff = next(s for s in page.split('"') if s.startswith("equipo:"))
        async with session.post(f"{url}/assign", data={"csrf": token, "assignee": staff}) as r:
            assigned = await r.text()
        assert "Asignación guardada." in assigned
        # Who is assigned reads as in the history, "equipo 5c2e3702", never the stored code.
        shown = staff.replace(":", " ")
        assert f"<dd>{shown}</dd>" in assigned and f">{shown}</option>" in assigned
        assert f">{staff}<" not in assigned
        # A forged assignee gets the panel's page with the reason, and changes nothing.
        async with session.post(f"{url}/assign", data={"csrf": token, "assignee": "x"}) as r:
            assert r.status == 400
            forged = await r.text()
        assert "Esa persona no está en la lista del equipo" in forged
        assert "unknown staff member" not in forged and f"<dd>{shown}</dd>" in forged
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/"):
            pass
        async with session.post(f"{url}/assign", data={"csrf": token, "assignee": "x"}) as r:
            assert r.status == 400
            assert "That person is not on the staff list" in await r.text()
        async with session.get(f"{panel.url}/panel/idioma/es?next=/panel/"):
            pass
        async with session.get(f"{panel.url}/panel/proposals?assignee={staff}") as response:
            queue = await response.text()
        assert code in queue and f"<td>{shown}</td>" in queue and f">{staff}<" not in queue
        async with session.get(f"{panel.url}/panel/proposals?assignee=none") as response:
            assert code not in await response.text()
    (status,) = await panel.bot.say(f"/estado {code}")
    assert "compras" not in status.text, "the author never sees internal notes"
    detail = await me.detail(code)
    assert [n.internal_note for n in detail.notes] == [
        "Llamar a la dirección de compras <b>primero</b>"
    ]


async def test_the_csv_opens_in_excel_and_has_contact_only_when_asked(panel):
    first, second, _ = await seed(panel)
    async with client() as session:
        await sign_in(panel, session)
        async with session.get(f"{panel.url}/panel/proposals.csv?overdue=1") as response:
            body = await response.read()
            assert response.content_type == "text/csv"
        async with session.get(
            f"{panel.url}/panel/proposals.csv?include_contact=1&sort=supported"
        ) as response:
            with_contact = await response.read()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [r["code"] for r in rows] == [first]
    assert "contact" not in rows[0] and "vecina@correo.ec" not in body.decode()
    assert rows[0]["text"].startswith("Necesito que el municipio publique")
    full = list(csv.DictReader(io.StringIO(with_contact.decode("utf-8-sig"))))
    assert next(r["code"] for r in full) == second and full[0]["contact"] == "vecina@correo.ec"
    async with panel.services.db.session() as db:
        exports = list(
            await db.exec(select(AuditEvent).where(AuditEvent.action == "proposals.export"))
        )
    assert ['"include_contact": false' in e.detail for e in exports] == [True, False]


async def test_a_status_change_on_telegram_is_audited_too(panel):
    code = await log_a_need(panel.bot, CONTRACTS)

    await panel.bot.say(f"/responder {code} Ya están en el portal.", user_id=STAFF_ID)
    rows, _ = await panel.services.audit.recent()
    (event,) = [r for r in rows if r.action == "proposal.status"]
    assert (event.target, event.detail["to"]) == (code, "respondida")
    assert event.actor.startswith("equipo:")


async def test_the_audit_trail_reads_its_details_in_the_panels_language(panel):
    code = await log_a_need(panel.bot, CONTRACTS)
    await panel.bot.say(f"/responder {code} Ya están en el portal.", user_id=STAFF_ID)
    async with client() as session:
        await sign_in(panel, session)
        async with session.get(f"{panel.url}/panel/proposals.csv?status=open&overdue=1") as r:
            assert r.status == 200
        async with session.get(f"{panel.url}/panel/audit") as response:
            spanish = re.sub(r"<[^>]+>", " ", await response.text())
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/audit") as response:
            english = re.sub(r"<[^>]+>", " ", await response.text())
    assert "Nuevo estado: Respondida" in spanish and "Personas avisadas: 1" in spanish
    assert "Mensaje público: Ya están en el portal." in spanish
    assert "Con contacto: no" in spanish
    assert "Filtros: Estado: Abiertas, plazo vencido" in spanish
    assert "New status: Answered" in english and "People notified: 1" in english
    assert "With contact: no" in english and "Filters: Status: Open, overdue" in english
    for raw in ("to: respondida", "include_contact", "public_message", "False", "True"):
        assert raw not in spanish + english


async def test_the_detail_shows_when_it_came_in_as_staff_in_ecuador_read_it(panel):
    code = await log_a_need(panel.bot, CONTRACTS)
    created = dt.datetime(2026, 12, 1, 3, 5, tzinfo=dt.UTC)  # still 30 November in Quito
    async with panel.services.db.session() as db:
        await db.exec(update(Proposal).where(Proposal.code == code).values(created_at=created))
        await db.commit()
    async with client() as session:
        await sign_in(panel, session)
        async with session.get(f"{panel.url}/panel/proposals/{code}") as response:
            page = await response.text()
        assert "30 nov 2026, 22:05" in page and "2026-12-01" not in page
        english = f"{panel.url}/panel/idioma/en?next=/panel/proposals/{code}"
        async with session.get(english) as response:
            assert "Nov 30, 2026, 22:05" in await response.text()


async def test_staff_text_pasted_with_a_nul_byte_is_stored_without_it(panel):
    # PostgreSQL refuses a NUL in text: the note, the published text and the answer to citizens
    # answered 500 there and were lost. Citizens' text is cleaned already; staff text is too.
    code = await log_a_need(panel.bot, CONTRACTS)
    (fallback,) = await panel.bot.say("cuando se reune el comite de etica")
    (send,) = [d for _, d in fallback.buttons if d.startswith("sq:")]
    await panel.bot.press(send)
    (item,) = await panel.services.review.items()
    async with client() as session:
        await sign_in(panel, session)
        token = await csrf_of(session, f"{panel.url}/panel/proposals/{code}")
        for path, form in (
            (f"proposals/{code}/note", {"note": "Llamar\x00 a compras"}),
            (f"proposals/{code}/publish", {"public_text": "Publicar los\x00 contratos de obras"}),
            ("questions/answer", {"log_id": str(item.log_id), "answer": "Cada\x00 mes."}),
        ):
            async with session.post(
                f"{panel.url}/panel/{path}", data={"csrf": token, **form}
            ) as response:
                assert response.status == 200, path
    detail = await panel.services.proposal_queue.detail(code)
    assert [n.internal_note for n in detail.notes] == ["Llamar a compras"]
    publication = await panel.services.needs.draft(code)
    assert publication is not None and publication.published is not None
    assert publication.published.public_text == "Publicar los contratos de obras"
    async with panel.services.db.session() as db:
        (answer,) = list(await db.exec(select(StaffQuestion.answer_text)))
    assert answer == "Cada mes."


async def test_a_refused_status_change_names_the_panels_field_and_keeps_what_was_typed(panel):
    code = await log_a_need(panel.bot, CONTRACTS)
    long_message = "Hemos revisado su pedido <con cuidado> y lo enviamos a quien corresponde."
    async with client() as session:
        await sign_in(panel, session)
        token = await csrf_of(session, f"{panel.url}/panel/proposals/{code}")
        form = {"csrf": token, "status": "derivada", "public_message": long_message}
        async with session.post(f"{panel.url}/panel/proposals/{code}/status", data=form) as r:
            assert r.status == 422
            page = await r.text()
        async with session.get(f"{panel.url}/panel/idioma/en?next=/panel/proposals/{code}"):
            pass
        form["status"] = "respondida"
        form["public_message"] = ""
        async with session.post(f"{panel.url}/panel/proposals/{code}/status", data=form) as r:
            english = await r.text()
    assert "indique la institución en «Institución (si se deriva)»" in page
    assert "/derivar" not in page, "the panel's own field, not the Telegram command"
    assert "Hemos revisado su pedido &lt;con cuidado&gt; y lo enviamos" in page, "kept, escaped"
    assert '<option value="derivada" selected>' in page
    assert "write the public message" in english and "/respond" not in english
    (proposal,) = [p async for p in _proposals_of(panel)]
    assert proposal.status == "recibida", "nothing changed"


async def _proposals_of(panel):
    async with panel.services.db.session() as db:
        for proposal in await db.exec(select(Proposal)):
            yield proposal

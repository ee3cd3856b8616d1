"""Information requests: the legal deadline on fixed dates, the flow, reminders, data rights.

Deadlines below are worked out by hand from the rule the sources give (10 calendar days, 5 more
with a justified extension; lotaip.com), counting from the day after submission.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlmodel import select

from bot.app import shutdown, telegram_sender
from bot.models import InformationRequest, Notification, RequestDraft
from bot.render.letters import as_pdf, as_text, followup_document, request_document
from bot.services.requests import (
    FlowError,
    RequestService,
    ecuador_today,
    legal_deadline,
    parse_date,
    reminder_time,
)
from knowledge.institutions import InstitutionDirectory
from knowledge.loader import load_knowledge_base
from tests.conftest import harness_for, make_settings

DIRECTORY = InstitutionDirectory(load_knowledge_base().institutions)
CITIZEN = 7_770_001
DESCRIPTION = (
    "Copia de los contratos de compra de medicinas firmados por el hospital entre enero y junio "
    "de 2025, con montos y proveedores."
)


@pytest.mark.parametrize(
    ("submitted", "deadline", "extended"),
    [
        (dt.date(2026, 11, 3), dt.date(2026, 11, 13), dt.date(2026, 11, 18)),
        # Calendar days: weekends and Christmas count like any other day.
        (dt.date(2026, 12, 20), dt.date(2026, 12, 30), dt.date(2027, 1, 4)),
        (dt.date(2026, 12, 28), dt.date(2027, 1, 7), dt.date(2027, 1, 12)),
        # February of a leap year and of a common year.
        (dt.date(2024, 2, 20), dt.date(2024, 3, 1), dt.date(2024, 3, 6)),
        (dt.date(2025, 2, 20), dt.date(2025, 3, 2), dt.date(2025, 3, 7)),
    ],
)
def test_the_deadline_is_ten_calendar_days_and_five_more_with_the_extension(
    submitted, deadline, extended
):
    assert legal_deadline(submitted) == deadline
    assert legal_deadline(submitted, extended=True) == extended


def test_the_reminder_comes_at_nine_in_the_morning_in_ecuador_after_the_last_day():
    # Ecuador is UTC-5: 09:00 in Quito on 14 November is 14:00 UTC.
    assert reminder_time(dt.date(2026, 11, 13)) == dt.datetime(2026, 11, 14, 14, 0, tzinfo=dt.UTC)


def test_today_is_the_date_in_ecuador_not_in_utc():
    # 02:00 UTC on 1 December is still 30 November, 21:00, in Quito.
    assert ecuador_today(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)) == dt.date(2026, 11, 30)


TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("hoy", TODAY),
        ("Ayer", dt.date(2026, 11, 30)),
        ("today", TODAY),
        ("3/11/2026", dt.date(2026, 11, 3)),
        ("03-11-26", dt.date(2026, 11, 3)),
        ("2026-11-03", dt.date(2026, 11, 3)),
        ("3 de noviembre", dt.date(2026, 11, 3)),
        ("3 de noviembre de 2025", dt.date(2025, 11, 3)),
        ("November 3, 2025", dt.date(2025, 11, 3)),
        ("18/05/2004", dt.date(2004, 5, 18)),
    ],
)
def test_dates_are_read_as_citizens_type_them(typed, expected):
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("mañana por la tarde", "request.date_invalid"),
        ("31/02/2026", "request.date_invalid"),
        ("", "request.date_invalid"),
        ("2/12/2026", "request.date_future"),
        ("1/1/2003", "request.date_too_old"),
        ("17/05/2004", "request.date_too_old"),
    ],
)
def test_impossible_future_and_pre_lotaip_dates_are_refused(typed, key):
    with pytest.raises(FlowError) as raised:
        parse_date(typed, TODAY)
    assert raised.value.key == key


@pytest.fixture
async def world(tmp_path: Path, database_url: str):
    """A running application (no background worker), a request service and one citizen."""
    settings = make_settings(tmp_path, database_url)
    application, bot = await harness_for(settings, deliver_notifications=False)
    services = bot.services
    requests = RequestService(services.db, services.outbox, DIRECTORY)
    citizen = await services.citizens.identify(CITIZEN, CITIZEN)
    yield application, bot, requests, citizen.id
    await shutdown(application)
    await application.shutdown()


async def fill_flow(requests: RequestService, citizen_id: int) -> None:
    await requests.start(citizen_id)
    await requests.accept(citizen_id)
    await requests.choose_institution(citizen_id, "sercop")
    check = await requests.set_description(citizen_id, DESCRIPTION)
    assert check.warnings == ()
    await requests.set_delivery(citizen_id, "digital")
    await requests.set_subject(citizen_id, "contratos de medicinas 2025", "es")


async def test_a_full_flow_keeps_only_institution_subject_dates_and_outcome(world):
    _application, bot, requests, citizen_id = world
    await fill_flow(requests, citizen_id)
    letter = await requests.letter(citizen_id)
    assert letter.institution_acronym == "SERCOP" and letter.description == DESCRIPTION
    now = dt.datetime(2026, 11, 3, 15, 0, tzinfo=dt.UTC)
    view = await requests.set_submitted(citizen_id, "hoy", now=now)
    assert (view.submitted_on, view.deadline, view.status) == (
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 13),
        "en_plazo",
    )
    async with bot.services.db.session() as session:
        assert list(await session.exec(select(RequestDraft))) == []
        stored = list(await session.exec(select(InformationRequest)))
        dump = json.dumps(
            [list(row) for row in (await session.exec(text("SELECT * FROM information_request")))],
            default=str,
        )
    assert len(stored) == 1
    assert stored[0].institution_name == "Servicio Nacional de Contratación Pública"
    assert stored[0].subject == "contratos de medicinas 2025"
    # The request's text went with the draft; nothing in the row repeats it.
    assert "medicinas firmados" not in dump and "proveedores" not in dump


async def test_the_reminder_is_sent_once_at_the_deadline_with_the_four_answers(world):
    application, bot, requests, citizen_id = world
    await fill_flow(requests, citizen_id)
    await requests.set_submitted(
        citizen_id, "3/11/2026", now=dt.datetime(2026, 11, 4, 15, tzinfo=dt.UTC)
    )
    send = telegram_sender(application)
    outbox = bot.services.outbox
    before = dt.datetime(2026, 11, 14, 13, 59, tzinfo=dt.UTC)
    assert (await outbox.deliver_due(send, now=before)).sent == 0
    at = dt.datetime(2026, 11, 14, 14, 0, tzinfo=dt.UTC)
    assert (await outbox.deliver_due(send, now=at)).sent == 1
    assert (await outbox.deliver_due(send, now=at + dt.timedelta(days=3))).sent == 0
    (reminder,) = [c for c in bot.api.delivered() if "¿Le respondieron?" in c.text]
    assert "Servicio Nacional de Contratación Pública" in reminder.text
    assert "13 de noviembre de 2026" in reminder.text
    labels = [label for label, _ in reminder.buttons]
    assert labels == ["✅ Sí", "🟡 En parte", "❌ No", "⏳ Me pidieron prórroga"]


async def test_an_extension_moves_the_deadline_five_days_and_the_reminder_with_it(world):
    _application, bot, requests, citizen_id = world
    await fill_flow(requests, citizen_id)
    view = await requests.set_submitted(
        citizen_id, "3/11/2026", now=dt.datetime(2026, 11, 4, 15, tzinfo=dt.UTC)
    )
    result = await requests.record_outcome(
        citizen_id, view.id, "extension", now=dt.datetime(2026, 11, 14, 15, tzinfo=dt.UTC)
    )
    assert result.extended and result.request.deadline == dt.date(2026, 11, 18)
    async with bot.services.db.session() as session:
        pending = list(
            await session.exec(select(Notification).where(Notification.status == "pending"))
        )
    assert [n.next_attempt_at for n in pending] == [dt.datetime(2026, 11, 19, 14, 0, tzinfo=dt.UTC)]
    # No second extension: the law gives one.
    assert "extension" not in (pending[0].buttons or "")
    with pytest.raises(FlowError):
        await requests.record_outcome(citizen_id, view.id, "extension")


async def test_outcomes_are_recorded_and_counted_per_institution_without_citizens(world):
    _application, bot, requests, citizen_id = world
    await fill_flow(requests, citizen_id)
    view = await requests.set_submitted(
        citizen_id, "3/11/2026", now=dt.datetime(2026, 11, 4, 15, tzinfo=dt.UTC)
    )
    on_time = await requests.record_outcome(
        citizen_id, view.id, "yes", now=dt.datetime(2026, 11, 10, 15, tzinfo=dt.UTC)
    )
    assert on_time.request.outcome == "on_time" and not on_time.ask_timing
    # Answering "Sí" after the deadline asks whether the answer came in time.
    late = await requests.record_outcome(
        citizen_id, view.id, "yes", now=dt.datetime(2026, 11, 20, 15, tzinfo=dt.UTC)
    )
    assert late.ask_timing
    final = await requests.record_outcome(citizen_id, view.id, "late")
    assert final.request.outcome == "late" and final.request.status == "respondida"
    # The reminder is no longer needed once an answer is recorded.
    async with bot.services.db.session() as session:
        pending = list(
            await session.exec(select(Notification).where(Notification.status == "pending"))
        )
    assert pending == []
    stats = await requests.statistics()
    assert [(s.institution_name, s.counts) for s in stats] == [
        ("Servicio Nacional de Contratación Pública", {"late": 1})
    ]


async def test_no_answer_offers_next_steps_and_a_follow_up_letter(world):
    _application, _bot, requests, citizen_id = world
    await fill_flow(requests, citizen_id)
    view = await requests.set_submitted(
        citizen_id, "3/11/2026", now=dt.datetime(2026, 11, 4, 15, tzinfo=dt.UTC)
    )
    result = await requests.record_outcome(citizen_id, view.id, "no")
    assert result.next_steps and result.request.status == "sin_respuesta"
    letter = await requests.followup_letter(citizen_id, view.id)
    document = followup_document(letter)
    plain = as_text(document)
    assert "3 de noviembre de 2026" in plain and "contratos de medicinas 2025" in plain
    assert "artículo 91" in plain
    pdf_text = PdfReader(io.BytesIO(as_pdf(document))).pages[0].extract_text()
    assert "Insistencia" in pdf_text and "Servicio Nacional de Contratación Pública" in pdf_text
    # Someone else's request, or one not refused, gets no letter.
    with pytest.raises(FlowError):
        await requests.followup_letter(citizen_id + 1, view.id)


async def test_bad_input_gets_a_named_reason(world):
    _application, _bot, requests, citizen_id = world
    await requests.start(citizen_id)
    with pytest.raises(FlowError) as raised:
        await requests.choose_institution(citizen_id, "sercop")  # consent not given yet
    assert raised.value.key == "request.stale"
    await requests.accept(citizen_id)
    with pytest.raises(FlowError) as raised:
        await requests.choose_institution(citizen_id, "ministerio-inventado")
    assert raised.value.key == "request.unknown_institution"
    with pytest.raises(FlowError) as raised:
        await requests.choose_other(citizen_id, "<b>Municipio</b>")
    assert raised.value.key == "request.no_html"
    await requests.choose_other(citizen_id, "Municipio de Cuenca")
    cases = [
        ("   ", "request.description_empty"),
        ("\x00\x00", "request.description_empty"),
        ("info", "request.description_vague"),
        ("x" * 2001, "request.description_long"),
        ("<script>alert(1)</script> los contratos de 2025", "request.no_html"),
    ]
    for typed, key in cases:
        with pytest.raises(FlowError) as raised:
            await requests.set_description(citizen_id, typed)
        assert raised.value.key == key, typed
    check = await requests.set_description(
        citizen_id, "Quiero los informes de auditoría del municipio\x00 sobre obras viales"
    )
    assert check.warnings == ("no_period",)
    assert "\x00" not in (check.draft.description or "")
    await requests.keep_description(citizen_id)
    await requests.set_delivery(citizen_id, "fisica")
    for typed, key in [
        ("ab", "request.subject_length"),
        ("mi cédula 1712345678", "request.subject_personal"),
        ("escribir a ana@example.org", "request.subject_personal"),
    ]:
        with pytest.raises(FlowError) as raised:
            await requests.set_subject(citizen_id, typed, "es")
        assert raised.value.key == key


async def test_erasure_unlinks_requests_drops_subjects_and_the_draft(world):
    _application, bot, requests, citizen_id = world
    await fill_flow(requests, citizen_id)
    await requests.set_submitted(citizen_id, "hoy")
    await requests.start(citizen_id)
    exported = await bot.services.privacy.export(citizen_id)
    assert exported.information_requests[0].subject == "contratos de medicinas 2025"
    assert exported.information_request_in_progress is not None
    report = await bot.services.privacy.erase(citizen_id)
    assert (report.requests_anonymised, report.request_drafts_removed) == (1, 1)
    async with bot.services.db.session() as session:
        (row,) = list(await session.exec(select(InformationRequest)))
    assert row.citizen_id is None and row.subject == ""
    assert row.institution_name == "Servicio Nacional de Contratación Pública"
    assert await requests.mine(citizen_id) == []


async def test_drafts_left_for_a_day_are_deleted_with_a_notice(world):
    _application, _bot, requests, citizen_id = world
    await requests.start(citizen_id)
    await requests.accept(citizen_id)
    assert await requests.expire_drafts() == 0
    assert await requests.expire_drafts(now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)) == 1
    assert await requests.draft(citizen_id) is None


def test_the_pdf_holds_institution_description_and_lotaip_and_no_personal_data():
    from bot.services.requests import RequestLetter

    letter = RequestLetter(
        "Servicio Nacional de Contratación Pública", "SERCOP", DESCRIPTION + " ¿Y la ñ?", "fisica"
    )
    pdf = as_pdf(request_document(letter))
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    extracted = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(extracted.split())
    assert "Servicio Nacional de Contratación Pública (SERCOP)" in flat
    assert " ".join(DESCRIPTION.split()) in flat and "¿Y la ñ?" in flat
    assert "Ley Orgánica de Transparencia y Acceso a la Información Pública (LOTAIP)" in flat
    assert "artículo 18, numeral 2, de la Constitución" in flat
    assert "copias físicas" in flat
    # Blank lines for the citizen's own details, and no digits that could be a cédula.
    for label in ("Nombres y apellidos: ___", "documento de identidad n.º", "Firma: ___"):
        assert label in flat
    assert not any(len(word) >= 10 and word.isdigit() for word in flat.split())

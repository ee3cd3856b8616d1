"""The citizen's data rights (LOPDP): see all that is held (/mis_datos), erase it all.

Both walk every table that refers to a citizen; a new table holding citizen data must be added
to :meth:`PrivacyService.export` and :meth:`PrivacyService.erase`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel
from sqlalchemy import update
from sqlmodel import col, delete, select

from bot.db import Database
from bot.models import (
    Citizen,
    CommitmentFollow,
    InformationRequest,
    Notification,
    Proposal,
    ProposalDraft,
    ProposalPublication,
    ProposalSupport,
    QuestionLog,
    RequestDraft,
    StaffQuestion,
)
from bot.services.questions import QuestionService
from bot.services.redaction import redact, redact_folded


class ExportedProposal(BaseModel):
    """A proposal the citizen wrote."""

    code: str
    category: str
    text: str
    province: str | None
    contact: str | None
    status: str
    public_answer: str | None
    created_at: str  # ISO 8601


class ExportedQuestion(BaseModel):
    """A question the citizen asked, as logged (folded), and what the bot did with it."""

    asked_at: str  # ISO 8601
    question: str
    outcome: str
    entry: str | None
    feedback: int | None  # 1 helpful, 0 not, None not given


class ExportedStaffQuestion(BaseModel):
    """A question the citizen sent to the team, with the team's answer."""

    text: str
    status: str
    answer: str | None


class ExportedRequest(BaseModel):
    """An access-to-information request the citizen prepared: all that is kept of it."""

    institution: str
    subject: str
    submitted_on: str | None  # ISO 8601 date
    deadline: str | None
    extended: bool
    outcome: str | None  # on_time, late, answered, partial, none
    created_at: str


class ExportedRequestDraft(BaseModel):
    """A request still being written (deleted once the submission date is given, or in a day)."""

    step: str
    institution: str | None
    description: str | None
    format: str | None


class DataExport(BaseModel):
    """Everything held about one citizen, as /mis_datos shows it and its JSON file holds it."""

    pseudonym: str | None
    language: str | None
    chat_id_stored: bool
    first_contact: str | None  # ISO 8601
    proposals: list[ExportedProposal]
    questions: list[ExportedQuestion]
    questions_sent_to_staff: list[ExportedStaffQuestion]
    commitments_followed: list[str]
    proposals_supported: list[str]
    information_requests: list[ExportedRequest]
    information_request_in_progress: ExportedRequestDraft | None


@dataclass
class ErasureReport:
    """What /borrar_mis_datos removed and what it kept."""

    proposals_anonymised: int = 0
    supports_anonymised: int = 0
    questions_anonymised: int = 0
    requests_anonymised: int = 0
    request_drafts_removed: int = 0
    follows_removed: int = 0
    notifications_removed: int = 0
    drafts_removed: int = 0


class PrivacyService:
    """Export and erase one citizen's data across every table."""

    def __init__(self, db: Database, questions: QuestionService | None = None) -> None:
        self.db = db
        self.questions = questions

    async def export(self, citizen_id: int) -> DataExport:
        """Everything held about the citizen (for /mis_datos); flush the question log first."""
        if self.questions is not None:
            await self.questions.flush()
        async with self.db.session() as session:
            citizen = await session.get(Citizen, citizen_id)
            proposals = list(
                await session.exec(select(Proposal).where(Proposal.citizen_id == citizen_id))
            )
            questions = list(
                await session.exec(
                    select(QuestionLog)
                    .where(QuestionLog.citizen_id == citizen_id)
                    .order_by(col(QuestionLog.asked_at))
                )
            )
            staff_questions = list(
                await session.exec(
                    select(StaffQuestion).where(
                        StaffQuestion.citizen_id == citizen_id,
                        StaffQuestion.status != "draft",
                    )
                )
            )
            follows = list(
                await session.exec(
                    select(CommitmentFollow.commitment_id).where(
                        CommitmentFollow.citizen_id == citizen_id
                    )
                )
            )
            supports = list(
                await session.exec(
                    select(Proposal.code)
                    .join(ProposalSupport, col(ProposalSupport.proposal_id) == Proposal.id)
                    .where(ProposalSupport.citizen_id == citizen_id)
                )
            )
            requests = list(
                await session.exec(
                    select(InformationRequest)
                    .where(InformationRequest.citizen_id == citizen_id)
                    .order_by(col(InformationRequest.created_at))
                )
            )
            request_draft = (
                await session.exec(
                    select(RequestDraft).where(RequestDraft.citizen_id == citizen_id)
                )
            ).first()
        return DataExport(
            pseudonym=citizen.pseudonym if citizen else None,
            language=citizen.language if citizen else None,
            chat_id_stored=citizen is not None and citizen.chat_id is not None,
            first_contact=citizen.created_at.isoformat() if citizen else None,
            proposals=[
                ExportedProposal(
                    code=p.code,
                    category=p.category,
                    text=p.text,
                    province=p.province,
                    contact=p.contact,
                    status=p.status,
                    public_answer=p.public_answer,
                    created_at=p.created_at.isoformat(),
                )
                for p in proposals
            ],
            questions=[
                ExportedQuestion(
                    asked_at=q.asked_at.isoformat(),
                    question=q.normalized,
                    outcome=q.outcome,
                    entry=q.entry_id,
                    feedback=q.feedback,
                )
                for q in questions
            ],
            questions_sent_to_staff=[
                ExportedStaffQuestion(text=q.text, status=q.status, answer=q.answer_text)
                for q in staff_questions
            ],
            commitments_followed=follows,
            proposals_supported=supports,
            information_requests=[
                ExportedRequest(
                    institution=r.institution_name,
                    subject=r.subject,
                    submitted_on=r.submitted_on.isoformat() if r.submitted_on else None,
                    deadline=r.deadline.isoformat() if r.deadline else None,
                    extended=r.extended,
                    outcome=r.outcome,
                    created_at=r.created_at.isoformat(),
                )
                for r in requests
            ],
            information_request_in_progress=(
                ExportedRequestDraft(
                    step=request_draft.step,
                    institution=request_draft.institution_name,
                    description=request_draft.description,
                    format=request_draft.delivery,
                )
                if request_draft is not None
                else None
            ),
        )

    async def erase(self, citizen_id: int, names: Iterable[str | None] = ()) -> ErasureReport:
        """Remove contact details and identifiers; keep texts for statistics, unlinked.

        ``names`` are the citizen's Telegram first name, last name and username, as the channel
        sees them now: taken out of the kept texts, never stored.
        """
        names = tuple(names)
        if self.questions is not None:
            await self.questions.flush()  # queued questions must not reappear linked to them
        report = ErasureReport()
        async with self.db.session() as session:
            # Lock the citizen first: another process writing a row that points at them waits
            # for this erasure and then finds them gone, instead of slipping a row in between.
            await session.exec(select(Citizen).where(Citizen.id == citizen_id).with_for_update())
            # What is kept for statistics loses every e-mail, phone, cédula and typed name in it,
            # and the contacts and names of this citizen wherever they appear
            # (bot.services.redaction).
            proposals = list(
                await session.exec(select(Proposal).where(Proposal.citizen_id == citizen_id))
            )
            drafts = list(
                await session.exec(
                    select(ProposalDraft.contact).where(ProposalDraft.citizen_id == citizen_id)
                )
            )
            contacts = {p.contact for p in proposals} | set(drafts)
            for proposal in proposals:
                proposal.text = redact(proposal.text, contacts, names)
                proposal.citizen_id = None
                proposal.contact = None
                session.add(proposal)
                # A published need came from their words: its texts lose their names too.
                publication = await session.get(ProposalPublication, proposal.id)
                if publication is not None and names:
                    publication.redacted_text = redact(publication.redacted_text, (), names)
                    publication.public_text = redact(publication.public_text, (), names)
                    session.add(publication)
            report.proposals_anonymised = len(proposals)
            staff_questions = list(
                await session.exec(
                    select(StaffQuestion).where(
                        StaffQuestion.citizen_id == citizen_id, StaffQuestion.status != "draft"
                    )
                )
            )
            for question in staff_questions:
                question.text = redact(question.text, contacts, names)
                session.add(question)
            logs = list(
                await session.exec(select(QuestionLog).where(QuestionLog.citizen_id == citizen_id))
            )
            for log in logs:
                log.normalized = redact_folded(log.normalized, contacts, names)
                session.add(log)
            await session.flush()
            result = await session.exec(
                update(ProposalSupport)
                .where(col(ProposalSupport.citizen_id) == citizen_id)
                .values(citizen_id=None)
            )
            report.supports_anonymised = result.rowcount or 0
            result = await session.exec(
                update(QuestionLog)
                .where(col(QuestionLog.citizen_id) == citizen_id)
                .values(citizen_id=None)
            )
            report.questions_anonymised = result.rowcount or 0
            await session.exec(
                delete(StaffQuestion).where(
                    col(StaffQuestion.citizen_id) == citizen_id,
                    col(StaffQuestion.status) == "draft",
                )
            )
            await session.exec(
                update(StaffQuestion)
                .where(col(StaffQuestion.citizen_id) == citizen_id)
                .values(citizen_id=None)
            )
            result = await session.exec(
                delete(CommitmentFollow).where(col(CommitmentFollow.citizen_id) == citizen_id)
            )
            report.follows_removed = result.rowcount or 0
            result = await session.exec(
                delete(Notification).where(col(Notification.citizen_id) == citizen_id)
            )
            report.notifications_removed = result.rowcount or 0
            result = await session.exec(
                delete(ProposalDraft).where(col(ProposalDraft.citizen_id) == citizen_id)
            )
            report.drafts_removed = result.rowcount or 0
            # Requests keep institution, dates and outcome for the public counts; the subject is
            # the citizen's own words, so it goes with the link.
            result = await session.exec(
                delete(RequestDraft).where(col(RequestDraft.citizen_id) == citizen_id)
            )
            report.request_drafts_removed = result.rowcount or 0
            result = await session.exec(
                update(InformationRequest)
                .where(col(InformationRequest.citizen_id) == citizen_id)
                .values(citizen_id=None, subject="")
            )
            report.requests_anonymised = result.rowcount or 0
            await session.exec(delete(Citizen).where(col(Citizen.id) == citizen_id))
            await session.commit()
        return report

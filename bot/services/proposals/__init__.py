"""Citizens' needs and proposals, one module per job.

``flow`` (the guided flow, tracking codes, the stored proposals), ``lifecycle`` (the state machine
of allowed status moves), ``calendar`` (review deadlines), ``similarity`` (look-alike proposals)
and ``supports`` (+1s). The citizen's data rights live in ``bot.services.privacy``.
"""

from bot.models import Proposal, ProposalDraft, ProposalEvent
from bot.services.proposals.calendar import add_working_days, days_late, is_overdue
from bot.services.proposals.errors import FlowError
from bot.services.proposals.flow import (
    CATEGORIES,
    CODE_IN_TEXT,
    CODE_PATTERN,
    PROVINCES,
    TEXT_MAX,
    TEXT_MIN,
    ProposalService,
    SubmitResult,
    code_in_text,
    declines,
    match_province,
    new_code,
    normalize_code,
    validate_contact,
)
from bot.services.proposals.lifecycle import (
    OPEN_STATUSES,
    TRANSITIONS,
    MoveRefused,
    ProposalLifecycle,
    Transition,
    allowed_moves,
    check_move,
)

__all__ = [
    "CATEGORIES",
    "CODE_IN_TEXT",
    "CODE_PATTERN",
    "OPEN_STATUSES",
    "PROVINCES",
    "TEXT_MAX",
    "TEXT_MIN",
    "TRANSITIONS",
    "FlowError",
    "MoveRefused",
    "Proposal",
    "ProposalDraft",
    "ProposalEvent",
    "ProposalLifecycle",
    "ProposalService",
    "SubmitResult",
    "Transition",
    "add_working_days",
    "allowed_moves",
    "check_move",
    "code_in_text",
    "days_late",
    "declines",
    "is_overdue",
    "match_province",
    "new_code",
    "normalize_code",
    "validate_contact",
]

"""Callback data: one small codec per prefix, used to build buttons and to register and parse them.

A codec's pattern is what ``handlers/__init__.py`` registers, its :meth:`Codec.build` is what
keyboards put on buttons, and :meth:`Codec.parse` is what the handler reads back, so the three
cannot drift apart. Data is a short prefix and ``:``-separated values, at most 64 bytes.

Handlers are registered with :meth:`Codec.accepts`, which also checks that every number fits the
column it names (a forged ``99999999999999999999`` would overflow PostgreSQL's integers): data
that does not fit falls through to the "ya no es válido" catch-all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.services.proposals.lifecycle import STATUSES as PROPOSAL_STATUSES

CALLBACK_DATA_LIMIT = 64  # bytes, Bot API


BIGINT_MAX = 2**63 - 1  # ids made by bot.ids (question log, staff questions)
INT_MAX = 2**31 - 1  # autoincrement ids (proposals) are 32-bit on PostgreSQL


@dataclass(frozen=True)
class Part:
    """One value in callback data: what it looks like, how to read it, its largest value."""

    regex: str
    read: Callable[[str], Any] = str
    most: int | None = None

    def fits(self, text: str) -> bool:
        """Whether ``text`` (already matched) is within this part's range."""
        if self.most is None or not text.isdigit():
            return True
        return int(text) <= self.most


def valid_id(text: str, most: int = BIGINT_MAX) -> int | None:
    """A positive id typed in a command, or None when it is not one or cannot exist."""
    value = text.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= most else None


ID = Part(r"[a-z0-9-]{1,40}")
NUMBER = Part(r"\d{1,19}", int, BIGINT_MAX)
ROW_ID = Part(r"\d{1,10}", int, INT_MAX)


def digits(most: int) -> Part:
    """A small non-negative number of at most ``most`` digits (a page, an index)."""
    return Part(rf"\d{{1,{most}}}", int)


def choice(*options: str) -> Part:
    """One of a fixed set of words."""
    return Part("|".join(re.escape(option) for option in options))


class Codec:
    """Build, match and parse the callback data of one prefix."""

    def __init__(self, prefix: str, *parts: Part) -> None:
        self.prefix = prefix
        self.parts = parts
        body = "".join(f":({part.regex})" for part in parts)
        self.pattern = re.compile(f"^{re.escape(prefix)}{body}$")

    def build(self, *values: object) -> str:
        """The callback data for ``values``; refuse anything the pattern would not take back."""
        data = ":".join([self.prefix, *(str(value) for value in values)])
        if len(values) != len(self.parts) or not self.pattern.match(data):
            raise ValueError(f"{data!r} does not fit {self.pattern.pattern}")
        if len(data.encode()) > CALLBACK_DATA_LIMIT:
            raise ValueError(f"callback_data over {CALLBACK_DATA_LIMIT} bytes: {data!r}")
        return data

    def parse(self, data: str | None) -> tuple[Any, ...]:
        """The values in ``data``; raise ValueError if it is not this codec's."""
        match = self.pattern.match(data or "")
        if match is None:
            raise ValueError(f"{data!r} is not {self.prefix} data")
        return tuple(part.read(text) for part, text in zip(self.parts, match.groups(), strict=True))

    def matches(self, data: str | None) -> bool:
        """Whether ``data`` is this codec's."""
        return self.pattern.match(data or "") is not None

    def accepts(self, data: object) -> bool:
        """Whether ``data`` is this codec's and every number in it fits its column."""
        match = self.pattern.match(data) if isinstance(data, str) else None
        if match is None:
            return False
        return all(part.fits(text) for part, text in zip(self.parts, match.groups(), strict=True))


def _province(text: str) -> int | None:
    return None if text == "skip" else int(text)


# Menus and language
MENU = Codec("menu", choice("ask", "help"))
MINE = Codec("mine")
LANGUAGE = Codec("lang", choice("es", "en"))
# Topics and answers
TOPICS_PAGE = Codec("tp", digits(3))
TOPIC = Codec("tl", ID, digits(3))
ENTRY = Codec("a", ID)
DETAIL = Codec("dt", ID)
PICK = Codec("pk", NUMBER, ID)
NONE_OF_THESE = Codec("no", NUMBER)
SEND_TO_STAFF = Codec("sq", NUMBER)
FEEDBACK = Codec("fb", NUMBER, choice("0", "1"))
# Plans and commitments
PLANS = Codec("pls")
PLAN = Codec("pl", ID, digits(3))
COMMITMENT = Codec("c", ID)
HISTORY = Codec("ph", ID)
FOLLOW = Codec("fl", ID)
UNFOLLOW = Codec("uf", ID)
# The proposal flow
PROPOSE = Codec("pp:start")
PROPOSE_QUESTION = Codec("pp:q", NUMBER)
FLOW_ACCEPT = Codec("pp:ok")
FLOW_CATEGORY = Codec("pp:cat", Part("[a-z]{1,16}"))
FLOW_PROVINCE = Codec("pp:prov", Part(r"\d{1,2}|skip", _province))
FLOW_PROVINCE_PAGE = Codec("pp:provpg", digits(1))
FLOW_SKIP = Codec("pp:skip")
FLOW_EDIT = Codec("pp:edit")
FLOW_EDIT_FIELD = Codec("pp:ed", choice("category", "text", "province", "contact"))
FLOW_DISTINCT = Codec("pp:distinct")
FLOW_SUPPORT = Codec("pp:sup", ROW_ID)
FLOW_SEND = Codec("pp:send")
FLOW_CANCEL = Codec("pp:cancel")
FLOW_DONE = Codec("pp:done")
KEEP = Codec("pp:keep")
FLOW_ACTIONS = (
    FLOW_ACCEPT,
    FLOW_CATEGORY,
    FLOW_PROVINCE,
    FLOW_PROVINCE_PAGE,
    FLOW_SKIP,
    FLOW_EDIT,
    FLOW_EDIT_FIELD,
    FLOW_DISTINCT,
    FLOW_SUPPORT,
    FLOW_SEND,
    FLOW_CANCEL,
    FLOW_DONE,
)
# A citizen's proposals and data
OPEN_PROPOSAL = Codec("ps", ROW_ID)
WITHDRAW = Codec("pw", ROW_ID)
WITHDRAW_YES = Codec("pwy", ROW_ID)
ERASE = Codec("del", choice("yes", "no"))
# Published needs: a filter ("a" all, "c<n>" a category, "p<n>" a province) and a page
NEEDS_FILTER = Part(r"a|c\d|p\d{1,2}")
NEED_CODE = Part(r"GA-[A-Z2-9]{4}-[A-Z2-9]{2}")
NEEDS_LIST = Codec("nl", NEEDS_FILTER, digits(3))
NEEDS_BY = Codec("nb", choice("cat", "prov"))
NEED = Codec("nd", NEED_CODE)
NEED_SUPPORT = Codec("nsu", NEED_CODE)
# Information requests: the flow, then following one
REQUEST_START = Codec("rq:start")
REQUEST_ACCEPT = Codec("rq:ok")
REQUEST_CANCEL = Codec("rq:x")
REQUEST_INSTITUTION = Codec("rq:i", ID)
REQUEST_OTHER = Codec("rq:o")  # the institution as the citizen typed it
REQUEST_KEEP = Codec("rq:k")  # keep the description despite the tips
REQUEST_REWRITE = Codec("rq:w")
REQUEST_FORMAT = Codec("rq:f", choice("digital", "fisica"))
REQUEST_DATE = Codec("rq:d", choice("today", "yesterday", "later"))
REQUEST_FLOW_ACTIONS = (
    REQUEST_ACCEPT,
    REQUEST_CANCEL,
    REQUEST_INSTITUTION,
    REQUEST_OTHER,
    REQUEST_KEEP,
    REQUEST_REWRITE,
    REQUEST_FORMAT,
    REQUEST_DATE,
)
REQUEST_GIVE_DATE = Codec("rq:s", ROW_ID)  # "Ya la presenté"
REQUEST_ASK_ANSWER = Codec("rq:q", ROW_ID)  # "¿Le respondieron?" from /mis_solicitudes
REQUEST_ANSWER = Codec(
    "rq:a", ROW_ID, choice("yes", "partial", "no", "extension", "on_time", "late")
)
REQUEST_LETTER = Codec("rq:l", ROW_ID)  # the follow-up letter
REQUEST_FOLLOW_ACTIONS = (REQUEST_GIVE_DATE, REQUEST_ASK_ANSWER, REQUEST_ANSWER, REQUEST_LETTER)
# Staff
PENDING_PAGE = Codec("sp", digits(4))
STAFF_VIEW = Codec("sv", ROW_ID)
# The status the button moves to, and the one it was offered from: a button from an older view
# is refused instead of moving a proposal that has changed since.
STAFF_STATUS = Codec("st", ROW_ID, choice("en_revision", "aceptada"), choice(*PROPOSAL_STATUSES))
STAFF_ANSWER = Codec("sa", NUMBER)
FOR_KNOWLEDGE_BASE = Codec("qkb", NUMBER)


# Buttons under outbox notices name their action (bot.services.notices.Action); the Telegram
# sender looks the codec up here.
NOTICE_ACTIONS: dict[str, Codec] = {
    "request_answer": REQUEST_ANSWER,
    "staff_view": STAFF_VIEW,
    "staff_answer": STAFF_ANSWER,
}


def either(*codecs: Codec) -> Callable[[object], bool]:
    """Accept the data of any of ``codecs`` (for one handler)."""

    def accepts(data: object) -> bool:
        return any(codec.accepts(data) for codec in codecs)

    return accepts

"""Plain records quality inspection reads: what phase 2 loads from the central tables.

Nothing here touches a database. Column sources (central schema):

- ``cases``: case_number, agent, seat_code, channel, caller_*, matter/domain/subcategory,
  description, reply_text, handling, handling_unit, status, kb_code, created_at,
  accepted_at, closed_at;
- ``dispatches`` (models_dispatch): unit_return_count, reply_return_count, reopen_count,
  callback_result, duplicate_of;
- ``callback_surveys.result`` (不满意), ``supervisions`` (any row -> supervised),
  ``commendations`` kind 投诉 naming the agent -> complaint_about_agent;
- ``calls``: answered_at/ended_at -> handling_seconds (talk time plus after-call work when
  known); ``case_events`` kind transfer -> transferred_to;
- intake (issue 16) suggestions: intake_matter, duplicate_suggested_of.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """One handled case as quality inspection sees it."""

    case_id: str
    case_number: str
    agent: str
    created_at: datetime
    channel: str = "电话"
    caller_name: str = ""
    caller_phone: str = ""
    caller_area: str = ""
    caller_address: str = ""
    township: str = ""
    matter: str = ""
    domain: str = ""
    subcategory: str = ""
    description: str = ""
    reply_text: str = ""
    handling: str = "直接办理"
    handling_unit: str = ""
    status: str = "已办结"
    kb_code: str = ""
    closed_at: datetime | None = None
    request_kind: str = ""
    """诉求类型 when recorded (咨询, 投诉, 求助, 建议, 举报, 表扬); '' when the form has none."""
    transferred_to: str = ""
    """110 / 119 / 120 (or another line) when the call was transferred; '' otherwise."""
    intake_matter: str = ""
    """The matter intake suggested; '' when there was no suggestion."""
    duplicate_suggested_of: str = ""
    """The earlier case duplicate detection suggested; '' when none."""
    duplicate_of: str = ""
    """The case it was linked to as a duplicate; '' when not linked."""
    duplicate_rejected_reason: str = ""
    """Why the agent did not link a suggested duplicate (a reason clears the check)."""
    handling_seconds: float | None = None
    callback_result: str = ""
    """回访 result: 满意, 基本满意, 不满意 or ''."""
    unit_return_count: int = 0
    """Times a unit returned the dispatch (退回)."""
    redispatch_count: int = 0
    """Times the case was re-dispatched (reply returned, reopened)."""
    supervised: bool = False
    complaint_about_agent: bool = False


@dataclass(frozen=True, slots=True)
class AgentInfo:
    """An agent as sampling needs it."""

    agent: str
    hired_on: date
    team: str = ""


@dataclass(frozen=True, slots=True)
class KBFacts:
    """The knowledge entry a case cites: its matter and its answer text (答复口径)."""

    code: str
    matter: str
    answer: str = ""
    area: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)

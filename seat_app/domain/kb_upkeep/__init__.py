"""Keeping the knowledge base true: versions and review, validity, bulk actions, agents'
corrections (纠错), search-log anonymisation and search analytics. Pure Python (no Qt, no
database): services store what these functions return.

Typical use::

    from seat_app.domain import kb_upkeep as ku
    h = ku.create("KB-1", values, author="1001", now=now)        # draft v1 (EntryInvalid)
    h = ku.submit(h, 1, "1001", now)
    h = ku.approve(h, 1, "2002", now)                            # SelfApproval for 1001
    h = ku.start_draft(h, {**values, "answer": "..."}, "1001", now)   # v2, diff vs v1
    ku.validity_text(entry["valid_from"], entry["valid_to"], today)  # answer panel line
    plan = ku.plan_extend(entries, ku.EntryFilter(matter="停水"), days=30)
    c = ku.new_correction("KB-1", 2, "outdated", "", agent="1001", seat="S01", now=now)
    rec = ku.record("查询13812345678的工单", now, ["KB-1"])          # "查询[电话]的工单"
    ku.misses(records, ku.Period(date(2025, 5, 1), date(2025, 5, 31)))
"""

from __future__ import annotations

from seat_app.domain.kb_upkeep.analytics import (
    MatterTime,
    Period,
    QueryRow,
    misses,
    most_inserted,
    never_found,
    no_results,
    slowest_matters,
)
from seat_app.domain.kb_upkeep.bulk import (
    BulkAction,
    BulkPlan,
    EntryFilter,
    PlannedChange,
    Skipped,
    plan_extend,
    plan_move_unit,
    plan_retire,
)
from seat_app.domain.kb_upkeep.corrections import (
    AgentNotice,
    Correction,
    CorrectionKind,
    CorrectionState,
    InboxRow,
    Outcome,
    close,
    inbox,
    new_correction,
)
from seat_app.domain.kb_upkeep.entry import FIELDS, LABELS, FieldError, validate_entry
from seat_app.domain.kb_upkeep.errors import (
    CorrectionRefused,
    EntryInvalid,
    PublishedImmutable,
    SelfApproval,
    TransitionRefused,
    UpkeepError,
)
from seat_app.domain.kb_upkeep.searchlog import SearchRecord, record, scrub_query
from seat_app.domain.kb_upkeep.validity import (
    ExpiringEntry,
    Validity,
    expired,
    expiring,
    searchable,
    validity,
    validity_text,
)
from seat_app.domain.kb_upkeep.versions import (
    Event,
    FieldChange,
    History,
    State,
    Version,
    approve,
    create,
    diff,
    edit,
    history_lines,
    reject,
    rollback,
    start_draft,
    submit,
    withdraw,
)

__all__ = [
    "FIELDS", "LABELS", "AgentNotice", "BulkAction", "BulkPlan", "Correction",
    "CorrectionKind", "CorrectionRefused", "CorrectionState", "EntryFilter", "EntryInvalid",
    "Event", "ExpiringEntry", "FieldChange", "FieldError", "History", "InboxRow", "MatterTime",
    "Outcome", "Period", "PlannedChange", "PublishedImmutable", "QueryRow", "SearchRecord",
    "SelfApproval", "Skipped", "State", "TransitionRefused", "UpkeepError", "Validity",
    "Version", "approve", "close", "create", "diff", "edit", "expired", "expiring",
    "history_lines", "inbox", "misses", "most_inserted", "never_found", "new_correction",
    "no_results", "plan_extend", "plan_move_unit", "plan_retire", "record", "reject",
    "rollback", "scrub_query", "searchable", "slowest_matters", "start_draft", "submit",
    "validate_entry", "validity", "validity_text", "withdraw",
]

"""The dispatch service's stored form of the domain state (round trip), its status and
timeline vocabularies, and the China-time day used for deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime

from seat_app.domain.case import CaseStatus
from seat_app.domain.dispatch import (
    DispatchAction,
    DispatchState,
    DispatchStatus,
    ExtensionRequest,
    UnitReply,
)
from seat_app.services.dispatch.service import (
    CASE_STATUS_OF,
    EVENT_KIND,
    CallbackBook,
    _row_from_state,
    _state_from_row,
    china_today,
)


def test_dispatch_state_round_trips_through_its_row():
    state = DispatchState(
        case_id="c1", matter="路灯不亮", status=DispatchStatus.REPLY_RETURNED, unit_code="YHQ-CG",
        dispatched_on=date(2025, 9, 30), deadline=date(2025, 10, 14),
        reply=UnitReply("不属实", "未解决", "经核查该路灯属于物业自管设施。", "已告知物业维修，请您留意。"),
        replied_on=date(2025, 10, 9), pending_extension=ExtensionRequest(3, "需要采购配件", date(2025, 10, 9)),
        extensions_granted=1, unit_return_count=2, reply_return_count=1, reopen_count=1,
        callback_result="不满意", duplicate_of=None, unreasonable_reason=None, review_approved=True,
    )
    book = CallbackBook(date(2025, 10, 10), 2, date(2025, 10, 11), False)
    row = _row_from_state(state, book)
    assert _state_from_row(row) == (state, book)
    empty = DispatchState("c2", "停水")
    assert _state_from_row(_row_from_state(empty, CallbackBook())) == (empty, CallbackBook())


def test_dispatch_vocabularies_cover_every_status_and_action():
    assert set(CASE_STATUS_OF) == set(DispatchStatus)
    assert set(CASE_STATUS_OF.values()) <= {s.value for s in CaseStatus}
    assert set(EVENT_KIND) == set(DispatchAction)
    assert all(len(kind) <= 16 for kind in EVENT_KIND.values())  # case_events.kind
    assert len(set(EVENT_KIND.values())) == len(EVENT_KIND)


def test_deadline_day_is_the_day_in_china():
    assert china_today(datetime(2025, 9, 30, 15, 59, tzinfo=UTC)) == date(2025, 9, 30)
    assert china_today(datetime(2025, 9, 30, 16, 0, tzinfo=UTC)) == date(2025, 10, 1)

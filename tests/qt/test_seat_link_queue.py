"""A duplicate link is business state: an op in the seat-local outbox that sync applies on
the central database. Made offline (the new case not central yet), it survives a restart of
the seat and reaches central at the next sync; one central refuses stays kept with its reason."""

from __future__ import annotations

import json

from sqlalchemy import text

from seat_app.domain.case import Handling
from seat_app.qt.seat.window import SeatWindow
from seat_app.qt.wiring import build_services
from seat_app.qt.workers import SeatRunners
from seat_app.services.store.engine import make_engine
from seat_app.services.store.ops import LINK_DUPLICATE

FORM = {"channel": "电话", "caller_phone": "13835955577", "caller_name": "李先生",
        "caller_area": "盐湖区", "caller_address": "盐湖区河东东街90号", "matter": "路灯不亮",
        "handling": Handling.DISPATCH.value, "handling_unit": "盐湖区城市管理局",
        "deadline_days": 5}


def _central_duplicate_of(central, case_id: str) -> str | None:
    with central.connect() as conn:
        return conn.execute(text("SELECT duplicate_of FROM case_dispatch WHERE case_id = :i"),
                            {"i": case_id}).scalar()


def _close(closers) -> None:
    for close in closers:
        close()


def test_a_link_made_offline_survives_a_restart_and_reaches_central(qtbot, demo_home) -> None:
    central = make_engine(demo_home.central_url)
    services, closers = build_services(demo_home, demo=False)
    try:
        earlier = services.cases.save_case({**FORM, "description": "路灯不亮一周了。"})
        assert services.sync.sync_once()["state"] == "synced"  # the earlier case is central
        # the new case and its link are made while the sync does not run (offline)
        new = services.cases.save_case({**FORM, "description": "门口路灯还是不亮。"})
        services.cases.queue_duplicate_link(new.case_id, earlier.case_id)
        services.cases.queue_duplicate_link(new.case_id, earlier.case_id)  # once only
        (link,) = services.cases.duplicate_links()
        assert (link["case_id"], link["earlier_case_id"], link["state"]) == (
            new.case_id, earlier.case_id, "pending")
        assert _central_duplicate_of(central, new.case_id) is None
    finally:
        _close(closers)  # the seat closes (or crashes) before any sync

    services, closers = build_services(demo_home, demo=False)
    try:
        store = services.cases.service.store
        ops = [o.op for o in store.outbox_ops("pending")]
        assert [o.kind for o in ops][-1] == LINK_DUPLICATE  # behind the case's own insert
        window = SeatWindow(services, runners=SeatRunners.inline(), sync_poll_ms=60_000)
        qtbot.addWidget(window)
        linked = []
        window.duplicate_linked.connect(lambda case_id, earlier_id: linked.append((case_id, earlier_id)))
        window.start()  # takes the queued link back, then syncs: central applies it
        qtbot.waitUntil(lambda: bool(linked), timeout=8000)
        assert linked == [(new.case_id, earlier.case_id)]
        assert _central_duplicate_of(central, new.case_id) == earlier.case_id
        assert services.cases.duplicate_links() == [] and window.pending_links == []
        window.close()
    finally:
        _close(closers)
        central.dispose()


def test_a_link_central_refuses_is_kept_with_its_reason(qtbot, demo_home) -> None:
    services, closers = build_services(demo_home, demo=False)
    try:
        new = services.cases.save_case({**FORM, "description": "路灯不亮。"})
        services.cases.queue_duplicate_link(new.case_id, "no-such-earlier-case")
        window = SeatWindow(services, runners=SeatRunners.inline(), sync_poll_ms=60_000)
        qtbot.addWidget(window)
        window.start()
        qtbot.waitUntil(lambda: bool(services.cases.duplicate_links())
                        and services.cases.duplicate_links()[0]["state"] == "rejected", timeout=8000)
        (link,) = services.cases.duplicate_links()
        assert "不存在" in link["error"] and "does not exist" in link["error_en"]
        window.duplicates.pending_links = [{**link, "state": "pending"}]  # as if seen pending
        window.apply_pending_links()
        assert "未能关联为重复件" in window.notice.text()
        window.close()
    finally:
        _close(closers)


def test_links_an_older_seat_kept_in_the_store_become_outbox_ops(demo_home) -> None:
    services, closers = build_services(demo_home, demo=False)
    try:
        new = services.cases.save_case({**FORM, "description": "路灯不亮。"})
        store = services.cases.service.store
        store.set_meta("pending_duplicate_links", json.dumps([
            {"case_id": new.case_id, "case_no": new.case_number, "earlier_case_id": "e-1"},
            {"case_id": "a-case-this-seat-never-had", "earlier_case_id": "e-2"},
        ]))
    finally:
        _close(closers)
    services, closers = build_services(demo_home, demo=False)
    try:
        links = services.cases.duplicate_links()
        assert [(x["case_id"], x["earlier_case_id"]) for x in links] == [(new.case_id, "e-1")]
        left = json.loads(services.cases.service.store.get_meta("pending_duplicate_links"))
        assert [x["case_id"] for x in left] == ["a-case-this-seat-never-had"]  # kept, not lost
    finally:
        _close(closers)

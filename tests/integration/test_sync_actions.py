"""Action ops in the outbox (a duplicate link): sync applies them on the central database
after the ops queued before them, keeps them while they cannot apply yet, and keeps a
refused one with its reason. SQLite and real PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from seat_app.domain.case import Handling
from seat_app.qt.wiring import CentralDispatch
from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store.ops import LINK_DUPLICATE
from seat_app.services.sync.engine import SyncEngine, SyncState

CASE = {"channel": "电话", "caller_phone": "13835955588", "caller_area": "盐湖区",
        "caller_address": "盐湖区河东东街90号", "matter": "路灯不亮",
        "handling": Handling.DISPATCH.value, "handling_unit": "盐湖区城市管理局"}


def _duplicate_of(engine, case_id: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(text("SELECT duplicate_of FROM case_dispatch WHERE case_id = :i"),
                            {"i": case_id}).scalar()


def test_a_link_queued_offline_is_applied_once_its_case_is_central(tmp_path, engine):
    path = tmp_path / "seat.sqlite3"
    store = LocalStore.open_path(path, seat_code="S01")
    cases = CaseService(store, agent="1001")
    earlier = cases.create({**CASE, "description": "路灯不亮一周了。"})
    new = cases.create({**CASE, "description": "门口路灯还是不亮。"})
    cases.queue_duplicate_link(new["id"], earlier["id"])
    store.close()

    # a sync without the dispatch applier (seat-admin sync): the cases go, the link waits
    store = LocalStore.open_path(path, seat_code="S01")
    plain = SyncEngine(store, engine=engine).run_once()
    assert plain.state == SyncState.ONLINE and plain.push.held == 1
    assert [o.op.kind for o in store.outbox_ops()] == [LINK_DUPLICATE]
    assert _duplicate_of(engine, new["id"]) is None

    # the seat's sync (with the applier its wiring gives) applies it
    dispatch = CentralDispatch(engine, "1001")
    seat = SyncEngine(store, engine=engine, actions={LINK_DUPLICATE: dispatch.apply_link_op})
    report = seat.run_once()
    assert report.state == SyncState.ONLINE and report.push.acknowledged == 1
    assert store.outbox_ops() == []
    assert _duplicate_of(engine, new["id"]) == earlier["id"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM cases WHERE id = :i"),
                            {"i": new["id"]}).scalar() == "已办结"

    # the acknowledgement lost: the same op again counts as applied, nothing changes twice
    with store.transaction() as tx:
        tx.action("cases", new["id"], LINK_DUPLICATE, {"duplicate_of": earlier["id"]}, actor="1001")
    again = seat.run_once()
    assert again.push.acknowledged == 1 and again.push.rejected == 0
    store.close()


def test_a_link_central_refuses_stays_with_its_reason_and_holds_nothing_else(tmp_path, engine):
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S01")
    cases = CaseService(store, agent="1001")
    new = cases.create({**CASE, "description": "路灯不亮。"})
    cases.queue_duplicate_link(new["id"], "no-such-earlier-case")
    other = cases.create({**CASE, "description": "另一处路灯不亮。"})
    dispatch = CentralDispatch(engine, "1001")
    report = SyncEngine(store, engine=engine,
                        actions={LINK_DUPLICATE: dispatch.apply_link_op}).run_once()
    assert report.push.rejected == 1
    (link,) = cases.duplicate_links()
    assert link["state"] == "rejected" and "不存在" in link["error"]
    assert "does not exist" in link["error_en"]
    with engine.connect() as conn:  # the other case went through
        assert conn.execute(text("SELECT count(*) FROM cases WHERE id = :i"),
                            {"i": other["id"]}).scalar() == 1
    assert cases.drop_duplicate_link(new["id"], "no-such-earlier-case")
    assert cases.duplicate_links() == []
    store.close()

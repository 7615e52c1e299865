"""The sync engine against a SQLite central file: push, idempotency, merge, conflicts,
tombstones, pull that never overwrites unsent local changes, offline state."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store import central
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Base
from seat_app.services.sync.engine import SyncEngine, SyncState, push_outbox

CASE = {
    "channel": "电话",
    "caller_phone": "13800001234",
    "matter": "社会生活噪声",
    "description": "楼下工地夜间施工",
    "handling": "直接办理",
}


@pytest.fixture
def central_engine(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    yield engine
    engine.dispose()


def _seat(tmp_path: Path, code: str) -> LocalStore:
    return LocalStore.open_path(tmp_path / f"{code}.sqlite3", seat_code=code)


def _central_count(engine, table: str, *where) -> int:
    t = Base.metadata.tables[table]
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one()


def test_push_then_pull_on_second_seat(tmp_path, central_engine):
    a, b = _seat(tmp_path, "S01"), _seat(tmp_path, "S02")
    rows = [CaseService(a, agent="1001").create(CASE) for _ in range(5)]
    report = SyncEngine(a, engine=central_engine).run_once()
    assert report.state == SyncState.ONLINE
    assert report.push.acknowledged == 15  # case + 2 events each
    assert a.outbox_count() == 0
    assert _central_count(central_engine, "cases") == 5
    assert a.get("cases", rows[0]["id"])["revision"] == 1  # central's answer taken
    pulled = SyncEngine(b, engine=central_engine).run_once().pull
    assert pulled.tables["cases"] == 5 and pulled.tables["case_events"] == 10
    assert {r["case_number"] for r in CaseService(b).recent()} == {
        r["case_number"] for r in rows
    }


def test_retried_op_is_a_no_op_returning_first_result(tmp_path, central_engine):
    a = _seat(tmp_path, "S01")
    CaseService(a, agent="1001").create(CASE)
    ops = [o.op for o in a.pending_ops()]
    first = central.apply_ops(central_engine, ops, seat_code="S01")
    # the seat crashed before acknowledging: the same ops are pushed again
    second = central.apply_ops(central_engine, ops, seat_code="S01")
    assert [r["status"] for r in first.results] == ["applied"] * 3
    assert all(r["retried"] for r in second.results)
    strip = [{k: v for k, v in r.items() if k != "retried"} for r in second.results]
    assert strip == first.results
    assert _central_count(central_engine, "cases") == 1
    assert _central_count(central_engine, "applied_ops") == 3
    # the engine acknowledges the retried answer and the outbox empties
    report = push_outbox(a, central_engine)
    assert report.retried == 3 and a.outbox_count() == 0
    assert _central_count(central_engine, "case_events") == 2


def test_disjoint_edits_merge_and_same_field_becomes_conflict(tmp_path, central_engine):
    a, b = _seat(tmp_path, "S01"), _seat(tmp_path, "S02")
    agent, lead = CaseService(a, agent="1001"), CaseService(b, agent="9001")
    case = agent.create(CASE)
    sa, sb = SyncEngine(a, engine=central_engine), SyncEngine(b, engine=central_engine)
    sa.run_once()
    sb.run_once()
    # both start from revision 1
    agent.update(case["id"], {"caller_name": "张三", "description": "施工到凌晨两点"})
    lead.update(case["id"], {"caller_address": "盐湖区解放路 8 号", "description": "夜间噪声"})
    assert sb.run_once().push.conflicts == 0  # first writer applies directly
    push = sa.run_once().push
    assert push.conflicts == 1
    with central_engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM cases")).mappings().one()
        conflict = conn.execute(text("SELECT * FROM conflicts")).mappings().one()
    assert row["caller_name"] == "张三"  # only the agent changed it: kept
    assert row["caller_address"] == "盐湖区解放路 8 号"  # only the lead changed it: kept
    assert row["description"] == "夜间噪声"  # central keeps its value until resolved
    assert conflict["field"] == "description"
    assert json.loads(conflict["local_value"]) == "施工到凌晨两点"
    assert json.loads(conflict["central_value"]) == "夜间噪声"
    assert json.loads(conflict["base_value"]) == "楼下工地夜间施工"
    # the conflict reaches both seats; the agent's row converges to central
    sb.run_once()
    assert len(CaseService(b).conflicts(case["id"])) == 1
    assert len(agent.conflicts(case["id"])) == 1
    mine = a.get("cases", case["id"])
    assert (mine["caller_name"], mine["caller_address"]) == ("张三", "盐湖区解放路 8 号")
    assert mine["revision"] == row["revision"] == 3


def test_same_change_on_both_sides_is_not_a_conflict(tmp_path, central_engine):
    a, b = _seat(tmp_path, "S01"), _seat(tmp_path, "S02")
    case = CaseService(a).create(CASE)
    SyncEngine(a, engine=central_engine).run_once()
    SyncEngine(b, engine=central_engine).run_once()
    CaseService(a).update(case["id"], {"caller_name": "李四"})
    CaseService(b).update(case["id"], {"caller_name": "李四"})
    SyncEngine(b, engine=central_engine).run_once()
    assert SyncEngine(a, engine=central_engine).run_once().push.conflicts == 0
    assert _central_count(central_engine, "conflicts") == 0


def test_pull_never_overwrites_a_row_with_unsent_ops(tmp_path, central_engine):
    a, b = _seat(tmp_path, "S01"), _seat(tmp_path, "S02")
    case = CaseService(a).create(CASE)
    sa, sb = SyncEngine(a, engine=central_engine), SyncEngine(b, engine=central_engine)
    sa.run_once()
    sb.run_once()
    CaseService(b).update(case["id"], {"caller_name": "王五"})
    sb.run_once()
    # seat A edits offline-style (not pushed) and then only pulls
    CaseService(a).update(case["id"], {"caller_address": "永济市"})
    pulled = sa.pull()
    assert pulled.skipped >= 1
    mine = a.get("cases", case["id"])
    assert mine["caller_address"] == "永济市" and mine["caller_name"] == ""
    # after the push, the seat holds the merged central row
    sa.run_once()
    mine = a.get("cases", case["id"])
    assert (mine["caller_address"], mine["caller_name"]) == ("永济市", "王五")


def test_delete_is_a_tombstone_that_syncs(tmp_path, central_engine):
    a, b = _seat(tmp_path, "S01"), _seat(tmp_path, "S02")
    case = CaseService(a).create(CASE)
    sa, sb = SyncEngine(a, engine=central_engine), SyncEngine(b, engine=central_engine)
    sa.run_once()
    sb.run_once()
    assert CaseService(a).delete(case["id"])
    sa.run_once()
    sb.run_once()
    t = Base.metadata.tables["cases"]
    assert _central_count(central_engine, "cases") == 1  # never hard-deleted
    assert _central_count(central_engine, "cases", t.c.deleted.is_(True)) == 1
    assert CaseService(b).get(case["id"])["deleted"] is True
    assert CaseService(b).recent() == []
    # an edit of a deleted case becomes a conflict holding the whole edit
    c = _seat(tmp_path, "S03")
    store_row = dict(a.get("cases", case["id"]))
    with c.transaction() as tx:
        tx.conn.execute(LocalStore.table("cases").insert(), dict(store_row, deleted=False))
    CaseService(c).update(case["id"], {"caller_name": "赵六"})
    assert SyncEngine(c, engine=central_engine).run_once().push.conflicts == 1


def test_offline_is_a_state_and_the_outbox_grows(tmp_path, central_engine):
    a = _seat(tmp_path, "S01")
    unreachable = tmp_path / "no-such-dir" / "central.sqlite3"
    engine = SyncEngine(a, f"sqlite:///{unreachable}", backoff_base_s=0.5)
    try:
        for _ in range(3):
            CaseService(a).create(CASE)
        report = engine.run_once()
        assert report.state == SyncState.OFFLINE and report.error
        assert not engine.due()  # backoff
        assert a.outbox_count() == 9
        assert all(o.attempts == 1 and o.last_error for o in a.pending_ops())
        first_wait = engine.next_attempt_at
        engine.run_once()
        assert engine.failures == 2 and engine.next_attempt_at > first_wait
        status = engine.status()
        assert status.state == "offline" and status.pending_ops == 9
    finally:
        engine.close()
    # the central database comes back: the queue drains
    back = SyncEngine(a, engine=central_engine)
    assert back.run_once().state == SyncState.ONLINE
    assert a.outbox_count() == 0 and _central_count(central_engine, "cases") == 3


def test_rejected_op_is_reported_and_holds_later_ops_of_that_row(tmp_path, central_engine):
    a, b = _seat(tmp_path, "S01"), _seat(tmp_path, "S01b")
    b.seat_code = "S01"  # misconfigured: two workstations with the same seat code
    first = CaseService(a).create(CASE)
    dup = CaseService(b, seat_code="S01").create(CASE)
    assert first["case_number"] == dup["case_number"]
    SyncEngine(a, engine=central_engine).run_once()
    CaseService(b, seat_code="S01").update(dup["id"], {"caller_name": "钱七"})
    report = SyncEngine(b, engine=central_engine).run_once()
    assert report.push.rejected == 3  # the case, and its 受理 and 办结 entries with it
    status = SyncEngine(b, engine=central_engine).status()
    assert status.rejected_ops == 3 and status.rejected[0]["entity"] == "cases"
    assert [r["entity"] for r in status.rejected[1:]] == ["case_events"] * 2
    assert all("未被中心接收" in r["error"] for r in status.rejected[1:])
    assert "case_number" in (status.rejected[0]["error"] or "") or "UNIQUE" in (
        status.rejected[0]["error"] or ""
    )
    # the update of the refused case waits behind it, nothing else is blocked
    assert [o.op.kind for o in b.outbox_ops("pending")] == ["update"]
    assert b.pending_ops() == []
    assert _central_count(central_engine, "cases") == 1
    assert _central_count(central_engine, "case_events") == 2  # no entries of a refused case


def test_conflict_resolved_on_the_seat_reaches_central(tmp_path, central_engine):
    a = _seat(tmp_path, "S01")
    agent = CaseService(a, agent="1001")
    case = agent.create(CASE)
    sa = SyncEngine(a, engine=central_engine)
    sa.run_once()
    loaded = dict(a.get("cases", case["id"]))
    # a lead edits centrally from the same base
    lead = central.edit_row(central_engine, "cases", loaded, {"description": "中心改"}, actor="9001")
    assert lead["status"] == "applied"
    agent.update(case["id"], {"description": "座席改"})
    sa.run_once()
    [conflict] = agent.conflicts(case["id"])
    assert (json.loads(conflict["local_value"]), json.loads(conflict["central_value"])) == (
        "座席改",
        "中心改",
    )
    agent.resolve_conflict(conflict["id"], "local")
    sa.run_once()
    with central_engine.connect() as conn:
        assert conn.execute(text("SELECT description FROM cases")).scalar() == "座席改"
        assert conn.execute(text("SELECT status FROM conflicts")).scalar() == "resolved"
    assert agent.conflicts(case["id"]) == []
    assert sa.status().open_conflicts == 0


def test_cli_sync_status_and_run(seat_home, capsys):
    from seat_app.cli import main
    from seat_app.services.config import open_home

    home = open_home(seat_home)
    engine = make_engine(home.central_url)
    upgrade(engine)
    engine.dispose()
    store = LocalStore.open(home)
    CaseService(store).create(CASE)
    store.close()
    assert main(["sync", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert status["pending_ops"] == 3 and status["last_push_at"] is None
    assert main(["--lang", "en", "sync", "run"]) == 0
    assert "pushed 3 ops" in capsys.readouterr().out
    assert main(["sync", "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert status["pending_ops"] == 0 and status["state"] == "online"
    assert status["last_push_at"] and status["last_pull_at"]

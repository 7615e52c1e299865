"""Issue 10, row 12, central side: cases a modified or older seat writes past the local
checks (raw ops in a real seat-local outbox) reach a real PostgreSQL database by a real
sync, and the central database refuses them before applying: unknown matter, unknown area,
dispatch to a unit that does not exist, 已撤销 at creation, 已办结 with 转派, hostile
characters, a status change the life cycle forbids, and the timeline entries of a refused
case. The seat keeps every refused op with its reason (never dropped), ``sync status`` and
``seat-admin sync status`` list them, and a corrected case is sent again and applied.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from seat_app.services.cases.service import UNIT_UNVERIFIED, CaseService
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.local.store import LocalStore
from seat_app.services.store import central
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.sync.engine import SyncEngine, SyncState, sync_status

pytestmark = [pytest.mark.pg, pytest.mark.integrity]

GOOD = {
    "channel": "电话", "caller_name": "张先生", "caller_phone": "13800001234",
    "caller_area": "盐湖区", "matter": "社会生活噪声", "description": "楼下夜间施工",
    "handling": "直接办理",
}
DISPATCH = {**GOOD, "matter": "停水", "description": "小区停水三天", "handling": "转派",
            "handling_unit": "盐湖区水务局"}

BAD = {
    "matter": ({**GOOD, "matter": "噪声扰民"}, "[matter]", "不在事项目录中"),
    "area": ({**GOOD, "caller_area": "火星"}, "[caller_area]", "不存在"),
    "unit": ({**DISPATCH, "handling_unit": "市水务局", "status": "已转派"}, "[handling_unit]",
             "不在单位目录中"),
    "cancelled": ({**GOOD, "status": "已撤销"}, "[status]", "不能是“已撤销”"),
    "closed_dispatch": ({**DISPATCH, "status": "已办结"}, "[status]", "不能是“已办结”"),
    "bidi": ({**GOOD, "caller_name": "张三\u202e生先", "status": "已办结"}, "[caller_name]",
             "改变文字方向"),
    "c1": ({**GOOD, "description": "施工\x9b噪声", "status": "已办结"}, "[description]",
           "控制字符"),
}
"""Raw case rows as an old client would write them, the field central names, a reason."""


@pytest.fixture
def engine(pg_url):
    engine = make_engine(pg_url)
    upgrade(engine)
    assert import_grid(engine, demo_grid_path()).ok  # the units table the checks read
    yield engine
    engine.dispose()


def _raw_case(store: LocalStore, fields: dict) -> dict:
    """Write a case row and its 受理 event straight into the outbox, past CaseService."""
    now = datetime.now(UTC)
    values = {"status": "已办结" if fields["handling"] == "直接办理" else "已转派", **fields,
              "agent": "1001", "seat_code": store.seat_code, "created_at": now,
              "accepted_at": now}
    with store.transaction() as tx:
        values["case_number"] = tx.next_case_number(store.seat_code, now.date())
        row = tx.insert("cases", values, actor="1001")
        tx.insert("case_events", {"case_id": row["id"], "kind": "受理", "at": now,
                                  "actor": "1001", "unit": "", "note": ""}, actor="1001")
    return row


def _central(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).all()


def test_row_12_refused_centrally_kept_at_the_seat_and_listed(engine, tmp_path):
    store = LocalStore.open_path(tmp_path / "seat-local.sqlite3", seat_code="S01")
    try:
        sync = SyncEngine(store, engine=engine)
        assert sync.run_once().state == SyncState.ONLINE  # the unit list comes down
        service = CaseService(store, agent="1001")
        direct = service.create(GOOD)
        dispatched = service.create(DISPATCH)
        bad = {name: _raw_case(store, fields) for name, (fields, _f, _r) in BAD.items()}
        with store.transaction() as tx:  # a status change the life cycle forbids
            tx.update("cases", dispatched["id"], {"status": "已办结"}, actor="1001")
        sent = store.outbox_count()
        assert sent == 2 * 3 + 2 * len(BAD) + 1  # a valid case: row, 受理, 办结 or 转派

        report = sync.run_once()
        assert report.state == SyncState.ONLINE
        refused = len(BAD) * 2 + 1  # each bad case, its event, the forbidden update
        assert report.push.rejected == refused
        assert report.push.acknowledged == sent - refused

        # central: only the valid cases and their events; the dispatched case unchanged
        rows = _central(engine, "SELECT id, status FROM cases ORDER BY case_number")
        assert sorted(rows) == sorted([(direct["id"], "已办结"), (dispatched["id"], "已转派")])
        events = _central(engine, "SELECT DISTINCT case_id FROM case_events")
        assert {e[0] for e in events} == {direct["id"], dispatched["id"]}
        assert _central(engine, "SELECT count(*) FROM applied_ops WHERE status = 'rejected'") == [(0,)]

        # the seat: every refused op kept with its reason; the rows as typed
        kept = store.outbox_ops("rejected")
        assert len(kept) == refused and store.outbox_count() == 0
        status = sync_status(store)
        assert status.rejected_ops == refused
        by_case = {}
        for item in status.rejected:
            by_case.setdefault(item["case_id"], []).append(item)
        for name, (_fields, field, reason) in BAD.items():
            row = bad[name]
            assert store.get("cases", row["id"])["case_number"] == row["case_number"]
            items = by_case[row["id"]]
            assert {i["entity"] for i in items} == {"cases", "case_events"}
            case_item = next(i for i in items if i["entity"] == "cases")
            assert case_item["case_number"] == row["case_number"]
            assert field in case_item["error"] and reason in case_item["error"], name
            assert field in case_item["error_en"] and case_item["error_en"] != case_item["error"]
            event_item = next(i for i in items if i["entity"] == "case_events")
            assert "未被中心接收" in event_item["error"]
        (update_item,) = by_case[dispatched["id"]]
        assert update_item["kind"] == "update" and "要等承办单位答复" in update_item["error"]
        assert store.get("cases", dispatched["id"])["status"] == "已办结"  # the seat's value kept

        # a further sync sends nothing again and drops nothing
        again = sync.run_once()
        assert again.push.sent == 0 and store.outbox_count("rejected") == refused
    finally:
        store.close()

    # `seat-admin sync status` prints each refused change with its case number and reason
    env = {**os.environ, "SEAT_HOME": str(tmp_path)}
    cmd = [sys.executable, "-m", "seat_app.cli"]
    zh = subprocess.run([*cmd, "sync", "status"], env=env, capture_output=True, text=True,
                        timeout=60)
    assert zh.returncode == 0, zh.stderr
    assert f"被中心拒收：{refused} 条" in zh.stdout and "Traceback" not in zh.stderr
    for name, (_fields, field, reason) in BAD.items():
        line = next(ln for ln in zh.stdout.splitlines()
                    if bad[name]["case_number"] in ln and ln.strip().startswith("cases"))
        assert field in line and reason in line
    en = subprocess.run([*cmd, "--lang", "en", "sync", "status"], env=env, capture_output=True,
                        text=True, timeout=60)
    assert en.returncode == 0, en.stderr
    assert f"Rejected ops: {refused}" in en.stdout
    assert "is not in the matter list" in en.stdout and "Refused centrally" in en.stdout


def test_refused_changes_are_sent_again_once_corrected(engine, tmp_path):
    store = LocalStore.open_path(tmp_path / "seat-local.sqlite3", seat_code="S02")
    try:
        sync = SyncEngine(store, engine=engine)
        sync.run_once()
        service = CaseService(store, agent="1001")
        to_new_unit = _raw_case(store, BAD["unit"][0])
        wrong_matter = _raw_case(store, BAD["matter"][0])
        assert sync.run_once().push.rejected == 4

        # an admin creates the missing unit centrally; the seat sends the change again
        central.insert_row(engine, "units", {"code": "SW-CITY", "name": "市水务局", "area": "市直",
                                             "unit_type": "水务", "level": 2}, actor="6001")
        assert sync.retry_rejected(to_new_unit["id"]) == 2
        assert sync.run_once().push.acknowledged == 2
        assert _central(engine, "SELECT handling_unit FROM cases WHERE id = :i",
                        i=to_new_unit["id"]) == [("市水务局",)]

        # the agent corrects the matter: the refused insert goes again with the correction
        service.update(wrong_matter["id"], {"matter": "停水"})
        report = sync.run_once()
        assert report.push.rejected == 0 and report.push.acknowledged == 2
        assert _central(engine, "SELECT matter, domain, case_number FROM cases WHERE id = :i",
                        i=wrong_matter["id"]) == [("停水", "公用事业", wrong_matter["case_number"])]
        assert _central(engine, "SELECT count(*) FROM case_events WHERE case_id = :i",
                        i=wrong_matter["id"]) == [(1,)]
        assert store.outbox_count(None) == 0 and sync_status(store).rejected == []
    finally:
        store.close()


def test_a_new_seat_without_a_unit_list_is_checked_centrally(engine, tmp_path):
    """Before its first pull a seat cannot check units: it saves the dispatch, says so, and
    the central database refuses an unknown unit; the corrected case then goes through."""
    store = LocalStore.open_path(tmp_path / "seat-local.sqlite3", seat_code="S03")
    try:
        service = CaseService(store, agent="1001")
        row = service.create({**DISPATCH, "handling_unit": "水务局"})
        assert service.last_warnings == [UNIT_UNVERIFIED]
        sync = SyncEngine(store, engine=engine)
        report = sync.run_once()  # push first (refused), then the pull brings the units
        assert report.push.rejected == 3  # the case and its 受理 and 转派 entries
        (case_item,) = [r for r in sync.rejected(row["id"]) if r["entity"] == "cases"]
        assert "承办单位“水务局”不在单位目录中" in case_item["error"]
        assert _central(engine, "SELECT count(*) FROM cases") == [(0,)]
        service.update(row["id"], {"handling_unit": "盐湖区水务局"})
        assert service.last_warnings == []  # checked locally now
        assert sync.run_once().push.acknowledged == 3
        assert _central(engine, "SELECT handling_unit FROM cases") == [("盐湖区水务局",)]
    finally:
        store.close()


def test_numbers_read_to_callers_cannot_be_forged_or_changed(engine, tmp_path):
    """An old or modified client cannot insert a case under another seat's number or a
    malformed one, nor change a stored case's number, seat or agent."""
    store = LocalStore.open_path(tmp_path / "seat-local.sqlite3", seat_code="S04")
    try:
        sync = SyncEngine(store, engine=engine)
        sync.run_once()
        good = CaseService(store, agent="1001").create(GOOD)
        now = datetime.now(UTC)
        with store.transaction() as tx:
            forged = tx.insert("cases", {**GOOD, "status": "已办结", "seat_code": "S04",
                                         "case_number": f"{now:%Y%m%d}-S99-0001",
                                         "created_at": now}, actor="1001")
            malformed = tx.insert("cases", {**GOOD, "status": "已办结", "seat_code": "S04",
                                            "case_number": "0001", "created_at": now}, actor="1001")
            tx.update("cases", good["id"], {"case_number": f"{now:%Y%m%d}-S04-0099",
                                            "agent": "9999"}, actor="1001")
        report = sync.run_once()
        assert report.push.rejected == 3
        reasons = {r["entity_id"]: r["error"] for r in sync.rejected()}
        assert "[case_number] 工单号不正确" in reasons[forged["id"]]
        assert "[case_number] 工单号不正确" in reasons[malformed["id"]]
        assert "受理信息不能修改：agent、case_number" in reasons[good["id"]]
        assert _central(engine, "SELECT case_number, agent FROM cases") == [
            (good["case_number"], "1001")]
    finally:
        store.close()

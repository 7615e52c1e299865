"""Issue 10 row 15, the central side on real PostgreSQL: a field changed differently at a
seat and centrally is listed with both values, and a lead resolves it with one call: the
chosen value reaches the case with a new revision and change number (so every seat pulls
it), the conflict is resolved, the audit log says who chose what, and it cannot be resolved
twice."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store import central
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.sync.conflicts import CentralConflicts, ConflictError, SeatConflicts
from seat_app.services.sync.engine import SyncEngine

pytestmark = [pytest.mark.pg, pytest.mark.integrity]

CASE = {
    "channel": "电话",
    "caller_phone": "13800001234",
    "matter": "公积金提取",
    "description": "楼下工地夜间施工",
    "handling": "直接办理",
}


@pytest.fixture
def pg_engine(pg_url):
    engine = make_engine(pg_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def _one(engine, sql, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).one()


def _conflicted_seat(tmp_path, engine, *, seat_value="座席改", lead_value="中心改"):
    """A seat S01 and the central database disagreeing on one case's description."""
    store = LocalStore.open_path(tmp_path / "S01.sqlite3", seat_code="S01")
    agent = CaseService(store, agent="1001")
    case = agent.create(CASE)
    sync = SyncEngine(store, engine=engine)
    assert sync.run_once().error is None
    loaded = dict(store.get("cases", case["id"]))
    lead = central.edit_row(engine, "cases", loaded, {"description": lead_value}, actor="9001")
    assert lead["status"] == "applied"
    agent.update(case["id"], {"description": seat_value})
    report = sync.run_once()
    assert report.push.conflicts == 1, report
    return store, agent, sync, case


def test_lead_sees_both_values_and_keeping_the_seats_value_reaches_every_seat(
    tmp_path, pg_engine
):
    store, agent, sync, case = _conflicted_seat(tmp_path, pg_engine)
    lead = CentralConflicts(pg_engine, actor="9001", role="lead")
    [item] = lead.open_conflicts()
    assert (item["case_number"], item["field"], item["label"]) == (
        case["case_number"], "description", "诉求内容")
    assert (item["local"], item["central"], item["base"]) == ("座席改", "中心改", "楼下工地夜间施工")
    assert item["seat_code"] == "S01" and lead.count_open() == 1
    # the agent sees the same conflict on the seat (pulled), as their own
    seat_items = SeatConflicts(store, agent).open_items()
    assert [(c["local"], c["central"]) for c in seat_items["conflicts"]] == [("座席改", "中心改")]

    before = _one(pg_engine, "SELECT revision, change_seq FROM cases WHERE id = :i", i=case["id"])
    done = lead.resolve(item["id"], "local")
    after = _one(pg_engine, "SELECT description, revision, change_seq, changed_by FROM cases "
                            "WHERE id = :i", i=case["id"])
    assert after.description == "座席改"
    assert after.revision == before.revision + 1 == done.revision
    assert after.change_seq == done.change_seq > before.change_seq
    assert after.changed_by == "9001"
    conflict = _one(pg_engine, "SELECT status, resolution, resolved_by, change_seq "
                               "FROM conflicts WHERE id = :i", i=item["id"])
    assert (conflict.status, json.loads(conflict.resolution), conflict.resolved_by) == (
        "resolved", "座席改", "9001")
    assert conflict.change_seq == done.change_seq
    audit = _one(pg_engine, "SELECT work_no, role, entity_id, detail FROM audit_log "
                            "WHERE action = 'conflict_resolve'")
    assert (audit.work_no, audit.role, audit.entity_id) == ("9001", "lead", case["id"])
    assert json.loads(audit.detail) == {"conflict": item["id"], "field": "description",
                                        "choice": "local"}
    assert lead.open_conflicts() == [] and lead.count_open() == 0

    # the seat pulls the resolution: its case and its conflict list follow
    assert sync.run_once().error is None
    assert store.get("cases", case["id"])["description"] == "座席改"
    assert SeatConflicts(store, agent).open_items()["conflicts"] == []
    with pytest.raises(ConflictError) as refused:
        lead.resolve(item["id"], "central")
    assert "已解决" in refused.value.zh and "already resolved" in refused.value.en
    store.close()


def test_keeping_central_leaves_the_case_alone_and_resolves(tmp_path, pg_engine):
    store, _agent, _sync, case = _conflicted_seat(tmp_path, pg_engine)
    lead = CentralConflicts(pg_engine, actor="9001")
    [item] = lead.open_conflicts()
    before = _one(pg_engine, "SELECT description, revision FROM cases WHERE id = :i", i=case["id"])
    lead.resolve(item["id"], "central")
    after = _one(pg_engine, "SELECT description, revision FROM cases WHERE id = :i", i=case["id"])
    assert tuple(after) == tuple(before) == ("中心改", before.revision)
    assert _one(pg_engine, "SELECT status FROM conflicts").status == "resolved"
    with pytest.raises(ConflictError):
        lead.resolve(item["id"], "mine")  # not a choice: refused with a reason
    store.close()


def test_edited_at_the_seat_deleted_centrally_restores_on_the_seats_side(tmp_path, pg_engine):
    store = LocalStore.open_path(tmp_path / "S01.sqlite3", seat_code="S01")
    agent = CaseService(store, agent="1001")
    case = agent.create(CASE)
    sync = SyncEngine(store, engine=pg_engine)
    sync.run_once()
    central.delete_row(pg_engine, "cases", case["id"], actor="9001")
    agent.update(case["id"], {"caller_name": "张先生"})
    assert sync.run_once().push.conflicts == 1
    lead = CentralConflicts(pg_engine, actor="9001")
    [item] = lead.open_conflicts()
    assert item["field"] == "deleted" and "张先生" in item["local"]
    # on the seat, keeping its side of a central delete is refused loudly (a lead decides)
    seat = SeatConflicts(store, agent)
    with pytest.raises(ConflictError) as refused:
        seat.resolve(item["id"], "local")
    assert "班长" in refused.value.zh
    lead.resolve(item["id"], "local")
    row = _one(pg_engine, "SELECT deleted, caller_name FROM cases WHERE id = :i", i=case["id"])
    assert (row.deleted, row.caller_name) == (False, "张先生")
    store.close()

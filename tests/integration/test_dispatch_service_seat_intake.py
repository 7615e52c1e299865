"""A case a seat records as 转派 reaches the dispatch flow: seat-local save, sync push,
central dispatch with the working-day deadline, and the pull that brings the dispatch back
to the seat. Plus two units racing on the same case on PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from seat_app.domain.dispatch import DispatchRuleError, DispatchStatus
from seat_app.services.cases.service import CaseService
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import DispatchService, import_grid, record_central_case
from seat_app.services.local.store import LocalStore
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.sync.engine import SyncEngine

S = DispatchStatus


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def engine(request, tmp_path):
    url = (f"sqlite:///{tmp_path / 'central.sqlite3'}" if request.param == "sqlite"
           else request.getfixturevalue("pg_url"))
    engine = make_engine(url)
    upgrade(engine)
    assert import_grid(engine, demo_grid_path()).ok
    yield engine
    engine.dispose()


def _seat_case(cases: CaseService, **over) -> dict:
    fields = {
        "channel": "电话", "caller_name": "赵先生", "caller_phone": "13835977777",
        "caller_area": "盐湖区", "caller_address": "盐湖区圣惠路6号", "matter": "路灯不亮",
        "description": "圣惠路6号门口路灯不亮。", "handling": "转派",
        "handling_unit": "盐湖区城市管理局", **over,
    }
    return cases.create(fields)


def test_dispatch_of_cases_recorded_at_a_seat(engine, tmp_path):
    store = LocalStore.open_path(tmp_path / "S07.sqlite3", seat_code="S07")
    try:
        cases = CaseService(store, agent="1001")
        lamp = _seat_case(cases)
        sensitive = _seat_case(cases, matter="工作人员作风", handling_unit="盐湖区行政审批服务管理局",
                               description="窗口工作人员推诿。")
        # no unit chosen (an online request recorded centrally): the grid picks it; a seat
        # cannot send a unit that does not exist (tests/security/test_integrity_cases_central.py)
        by_grid = {"id": record_central_case(engine, {
            "channel": "网站", "caller_area": "盐湖区", "matter": "生活垃圾清运",
            "description": "垃圾三天没人清运。"}, actor="2001")}
        direct = cases.create({"channel": "电话", "caller_phone": "13835977777",
                               "matter": "路灯不亮", "description": "咨询报修电话",
                               "handling": "直接办理"})
        sync = SyncEngine(store, engine=engine)
        push = sync.run_once().push
        assert push.acknowledged >= 4 and push.rejected == 0
        svc = DispatchService(engine)
        desk = {r["id"] for r in svc.seat_dispatches()}
        assert desk == {lamp["id"], sensitive["id"], by_grid["id"]}  # not the direct one
        done = svc.dispatch_seat_cases(actor="2001")
        assert sorted(done["dispatched"]) == sorted([lamp["id"], by_grid["id"]])
        assert done["pre_review"] == [sensitive["id"]] and done["left"] == []
        assert svc.state(by_grid["id"]).unit_code == "YHQ-CG"  # 生活垃圾清运 → 城管 by the grid
        assert svc.seat_dispatches() == []
        assert svc.dispatch_seat_cases(actor="2001") == {"dispatched": [], "pre_review": [], "left": []}
        # the pull brings the center's dispatch back to the seat
        sync.run_once()
        local = cases.get(lamp["id"])
        state = svc.state(lamp["id"])
        assert local["deadline"] == state.deadline and local["status"] == "已转派"
        assert [e["kind"] for e in cases.events(lamp["id"])] == ["受理", "转派", "转派"]
        assert cases.get(direct["id"])["status"] == "已办结"
        with pytest.raises(DispatchRuleError) as err:
            svc.dispatch(direct["id"], "YHQ-CG", actor="2001")
        assert err.value.code == "not_in_flow"
    finally:
        store.close()


@pytest.mark.pg
def test_dispatch_two_units_racing_on_one_case_pg(pg_url):
    engine = make_engine(pg_url, pool_size=4)
    try:
        upgrade(engine)
        assert import_grid(engine, demo_grid_path()).ok
        svc = DispatchService(engine)
        case_id = record_central_case(engine, {
            "channel": "网站", "caller_area": "盐湖区", "matter": "路灯不亮", "description": "路灯不亮",
        })
        svc.dispatch(case_id, "YHQ-CG", actor="2001")
        barrier = threading.Barrier(4)
        outcomes: list[str] = []

        def act(i: int) -> None:
            barrier.wait()
            try:
                if i % 2:
                    svc.sign(case_id, actor=f"u{i}", unit_code="YHQ-CG")
                    outcomes.append("signed")
                else:
                    svc.unit_return(case_id, "非本单位职责，请改派", actor=f"u{i}", unit_code="YHQ-CG")
                    outcomes.append("returned")
            except DispatchRuleError as exc:
                outcomes.append(exc.code)

        threads = [threading.Thread(target=act, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        done = [o for o in outcomes if o in ("signed", "returned")]
        # sign then return is a legal sequence; two signs or two returns never both apply
        assert sorted(outcomes).count("signed") <= 1 and outcomes.count("returned") <= 1
        assert len(outcomes) == 4 and done
        kinds = [e["kind"] for e in svc.timeline(case_id)]
        assert kinds.count("签收") == outcomes.count("signed")
        assert kinds.count("退件") == outcomes.count("returned")
        final = svc.state(case_id)
        assert final.status == (S.UNIT_RETURNED if "returned" in outcomes else S.SIGNED)
        assert final.unit_return_count == outcomes.count("returned")
    finally:
        engine.dispose()

"""The seat syncs through the signed-in user's own PostgreSQL login, and the database's
rules still hold for what that login pushes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from seat_app.domain.roles import Role
from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store.central import insert_row
from seat_app.services.store.models import Case
from seat_app.services.sync.engine import SyncEngine

pytestmark = pytest.mark.security


def test_agent_pushes_and_pulls_through_its_own_login(pg_world, tmp_path):
    session = pg_world.sign_in(Role.AGENT)
    login = session.engine.url.username
    assert login and login != "postgres"  # really the user's own role
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S09")
    try:
        cases = CaseService(store, agent=pg_world.work_no(Role.AGENT))
        saved = [
            cases.create({"channel": "电话", "caller_phone": f"1393590{i:04d}", "caller_name": "周女士",
                          "matter": "路灯不亮", "description": f"第{i}盏路灯不亮。",
                          "handling": "直接办理", "reply_text": "已记录。"})
            for i in range(3)
        ]
        # a unit the administrator adds centrally (stamped like any change)
        published = insert_row(pg_world.engine, "units",
                               {"code": "U-LAMP", "name": "市路灯管理所", "level": 2,
                                "area": "市直", "unit_type": "城管"}, actor="6001")
        assert published["status"] == "applied"
        sync = SyncEngine(store, engine=session.engine)
        report = sync.run_once()
        assert report.error is None, report
        assert store.outbox_count() == 0, report
        assert sync.status().open_conflicts == 0
        # the pull, as the agent's login, brought the new unit
        codes = {row["code"] for row in store.rows("units")}
        assert "U-LAMP" in codes
    finally:
        store.close()
    with pg_world.engine.connect() as conn:
        numbers = set(conn.execute(select(Case.case_number).where(Case.agent == "1001")).scalars())
    pushed = {c["case_number"] for c in saved}
    print(f"[pg] agent login {login}: pushed {len(saved)} cases, central has {sorted(numbers)}")
    assert pushed <= numbers

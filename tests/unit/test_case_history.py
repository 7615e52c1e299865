"""The caller's history (the seat's screen pop) names the caller of each earlier case."""

from __future__ import annotations

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore

CASE = {
    "channel": "电话",
    "caller_phone": "13800001234",
    "matter": "社会生活噪声",
    "description": "楼下工地夜间施工",
    "handling": "直接办理",
}


def test_history_carries_the_callers_name_newest_first(tmp_path):
    store = LocalStore.open_path(tmp_path / "s.sqlite3")
    try:
        service = CaseService(store, agent="1001")
        first = service.create({**CASE})
        second = service.create({**CASE, "caller_name": "张三"})
        service.create({**CASE, "caller_phone": "13900000000", "caller_name": "李四"})
        history = service.history(" 13800001234 ")
        assert {h["case_number"] for h in history} == {first["case_number"], second["case_number"]}
        names = {h["case_number"]: h["caller_name"] for h in history}
        assert names == {first["case_number"]: "", second["case_number"]: "张三"}
        assert service.history("   ") == []
    finally:
        store.close()

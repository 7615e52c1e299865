"""Issue 19: a save checks its handling unit against the seat's unit list, read once per
change of that list (cached per store), not ~500 names on every save; a pull that changes
the list (a new unit, a closed one, a tombstone) is seen by the next save."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.store.models import new_uuid, utcnow


def _unit(
    name: str, seq: int, *, uid: str | None = None, active: bool = True, deleted: bool = False
) -> dict:
    return {
        "id": uid or new_uuid(),
        "revision": seq,
        "change_seq": seq,
        "changed_by": "",
        "changed_at": utcnow(),
        "deleted": deleted,
        "code": f"U-{name}",
        "name": name,
        "parent_id": None,
        "level": 2,
        "area": "盐湖区",
        "unit_type": "水务",
        "phone": "",
        "active": active,
    }


@pytest.fixture
def store(tmp_path):
    s = LocalStore.open_path(tmp_path / "seat-local.sqlite3", seat_code="S01")
    yield s
    s.close()


def _statements(store: LocalStore) -> list[str]:
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: seen.append(sql))
    return seen


def test_the_names_are_read_once_per_change_of_the_unit_list(store):
    service = CaseService(store)
    assert service.unit_names() is None  # no list pulled yet
    water = new_uuid()
    store.apply_pulled("units", [_unit("盐湖区水务局", 5, uid=water), _unit("盐湖区供电局", 6)])
    assert service.unit_names() == {"盐湖区水务局", "盐湖区供电局"}

    seen = _statements(store)
    assert CaseService(store).unit_names() == {"盐湖区水务局", "盐湖区供电局"}  # per store
    reads = [sql for sql in seen if "units" in sql]
    assert len(reads) == 1 and "max(" in reads[0]  # the list's version only, no names

    store.apply_pulled("units", [_unit("盐湖区燃气公司", 7)])  # a new unit pulled
    assert service.unit_names() == {"盐湖区水务局", "盐湖区供电局", "盐湖区燃气公司"}
    store.apply_pulled("units", [_unit("盐湖区水务局", 8, uid=water, active=False)])  # closed
    assert service.unit_names() == {"盐湖区供电局", "盐湖区燃气公司"}
    store.apply_pulled("units", [_unit("盐湖区水务局", 9, uid=water, deleted=True)])
    assert service.unit_names() == {"盐湖区供电局", "盐湖区燃气公司"}


def test_each_store_has_its_own_list(tmp_path, store):
    other = LocalStore.open_path(tmp_path / "other.sqlite3", seat_code="S02")
    try:
        store.apply_pulled("units", [_unit("盐湖区水务局", 3)])
        other.apply_pulled("units", [_unit("永济市水务局", 3)])
        assert CaseService(store).unit_names() == {"盐湖区水务局"}
        assert CaseService(other).unit_names() == {"永济市水务局"}
    finally:
        other.close()


def test_a_save_refuses_a_unit_closed_by_the_last_pull(store):
    service = CaseService(store)
    water = new_uuid()
    store.apply_pulled("units", [_unit("盐湖区水务局", 2, uid=water)])
    form = {
        "caller_phone": "13800001234",
        "channel": "电话",
        "matter": "停水",
        "description": "停水",
        "handling": "转派",
        "handling_unit": "盐湖区水务局",
    }
    service.save_case(dict(form))
    store.apply_pulled("units", [_unit("盐湖区水务局", 3, uid=water, active=False)])
    with pytest.raises(Exception, match="承办单位"):
        service.save_case(dict(form))

"""Central-only columns (``store.models.CENTRAL_ONLY``: password hashes, login roles, and the
columns seats have never mirrored) stay in the central database: a seat's pull never
carries them, its local store has no such column, a push answer leaves them out, and a
seat's op that tries to write one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from seat_app.services.local.store import LocalStore, local_metadata
from seat_app.services.store import central
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Base, is_central_only, new_uuid
from seat_app.services.sync.engine import pull_tables

HASH = "scrypt$16384$8$1$c2FsdA$never-on-a-seat"
ROLE = "seat_login_9001"
CENTRAL_ONLY = {
    "users": {"password_hash", "db_role", "unit"},
    "units": {"township"},
    "cases": {"dispatched_at"},
}


@pytest.fixture
def central_engine(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(engine)
    with engine.begin() as conn:
        central.write_rows(conn, "users", [{
            "work_number": "9001", "name": "测试", "role": "agent", "team": "一班",
            "active": True, "password_hash": HASH, "db_role": ROLE, "unit": "市水务局",
        }])
        central.write_rows(conn, "units", [{
            "code": "U-1", "name": "城关镇人民政府", "level": 3, "area": "盐湖区",
            "unit_type": "乡镇", "phone": "", "active": True, "township": "城关镇",
        }])
    yield engine
    engine.dispose()


def test_the_rule_marks_exactly_these_columns():
    marked = {
        name: {c.name for c in table.c if is_central_only(c)}
        for name, table in Base.metadata.tables.items()
    }
    assert {k: v for k, v in marked.items() if v} == CENTRAL_ONLY


def test_a_seat_pull_never_carries_central_only_columns(tmp_path, central_engine):
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S01")
    seen: list[dict] = []
    real = store.apply_pulled

    def spy(table, rows):
        seen.extend({"_table": table, **r} for r in rows)
        return real(table, rows)

    store.apply_pulled = spy
    try:
        report = pull_tables(store, central_engine, ("users", "units"))
        assert report.received == 2
        assert {r["_table"] for r in seen} == {"users", "units"}
        for row in seen:
            assert not set(row) & CENTRAL_ONLY[row["_table"]], row
        for table, names in CENTRAL_ONLY.items():
            assert not names & set(local_metadata.tables[table].c.keys())
        assert store.rows("users")[0]["work_number"] == "9001"
    finally:
        store.close()
    raw = (tmp_path / "seat.sqlite3").read_bytes()
    wal = tmp_path / "seat.sqlite3-wal"
    raw += wal.read_bytes() if wal.exists() else b""
    assert HASH.encode() not in raw and ROLE.encode() not in raw


def test_a_push_answer_leaves_central_only_columns_out(central_engine):
    with central_engine.connect() as conn:
        user = dict(conn.execute(select(Base.metadata.tables["users"])).mappings().one())
    op = central.Op(new_uuid(), "users", user["id"], central.UPDATE, user["revision"],
                    {"team": ["一班", "二班"]}, "9001")
    response = central.apply_ops(central_engine, [op], seat_code="S01")
    assert response.results[0]["status"] == central.APPLIED
    row = response.rows[("users", user["id"])]
    assert row["team"] == "二班"
    assert not set(row) & CENTRAL_ONLY["users"]
    with central_engine.connect() as conn:  # the central row keeps its secret columns
        after = dict(conn.execute(select(Base.metadata.tables["users"])).mappings().one())
    assert (after["password_hash"], after["db_role"], after["team"]) == (HASH, ROLE, "二班")


@pytest.mark.parametrize(("table", "field", "value"), [
    ("users", "password_hash", "scrypt$forged"),
    ("users", "db_role", "seat_admin"),
    ("units", "township", "别处"),
])
def test_a_seat_op_writing_a_central_only_column_is_refused(central_engine, table, field,
                                                            value):
    with central_engine.connect() as conn:
        row = dict(conn.execute(select(Base.metadata.tables[table])).mappings().one())
    op = central.Op(new_uuid(), table, row["id"], central.UPDATE, row["revision"],
                    {field: [row[field], value]}, "9001")
    result = central.apply_ops(central_engine, [op], seat_code="S01").results[0]
    assert result["status"] == central.REJECTED
    assert field in result["error"]
    with central_engine.connect() as conn:
        again = dict(conn.execute(select(Base.metadata.tables[table])).mappings().one())
    assert again[field] == row[field]


"""The seat-local store: durability settings, atomic save + outbox, drafts, case numbers,
corrupt-file detection and recovery."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from seat_app.domain.case import CaseValidationError
from seat_app.services.cases.service import CaseService
from seat_app.services.config import open_home
from seat_app.services.local.store import LocalStore, check_file

CASE = {
    "channel": "电话",
    "caller_phone": "13800001234",
    "matter": "社会生活噪声",
    "description": "楼下工地夜间施工",
    "handling": "直接办理",
}


def test_open_creates_store_with_wal_and_full_sync(seat_home):
    store = LocalStore.open(open_home(seat_home))
    try:
        assert store.open_report.status == "created"
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert store.integrity_check() == "ok"
    finally:
        store.close()
    again = LocalStore.open(open_home(seat_home))
    assert again.open_report.status == "ok"
    again.close()


def test_save_writes_row_and_outbox_together(tmp_path):
    store = LocalStore.open_path(tmp_path / "s.sqlite3")
    case = CaseService(store, agent="1001").create(CASE)
    ops = store.pending_ops()
    assert [(o.op.entity, o.op.kind) for o in ops] == [
        ("cases", "insert"),
        ("case_events", "insert"),
        ("case_events", "insert"),
    ]
    assert ops[0].op.entity_id == case["id"]
    assert ops[0].op.changes["case_number"] == [None, case["case_number"]]
    assert ops[0].op.changes["matter"] == [None, "社会生活噪声"]
    updated = CaseService(store, agent="1001").update(case["id"], {"caller_name": "张三"})
    assert updated["caller_name"] == "张三"
    last = store.pending_ops()[-1].op
    assert (last.kind, last.base_revision, last.changes) == ("update", 0, {"caller_name": ["", "张三"]})
    # an edit that changes nothing adds no op
    CaseService(store).update(case["id"], {"caller_name": " 张三 "})
    assert store.outbox_count() == 4


def test_failure_inside_a_save_leaves_neither_row_nor_op(tmp_path, monkeypatch):
    store = LocalStore.open_path(tmp_path / "s.sqlite3")
    service = CaseService(store)
    calls = {"n": 0}
    original = service._event

    def failing_event(tx, *args, **kwargs):
        calls["n"] += 1
        original(tx, *args, **kwargs)
        raise OSError("disk went away")

    monkeypatch.setattr(service, "_event", failing_event)
    with pytest.raises(OSError):
        service.create(CASE)
    assert calls["n"] == 1
    assert store.count("cases") == 0 and store.count("case_events") == 0
    assert store.outbox_count() == 0
    monkeypatch.undo()
    # the number was not consumed either: the next save gets 0001
    assert service.create(CASE)["case_number"].endswith("-0001")


def test_invalid_case_stores_nothing_and_keeps_the_draft(tmp_path):
    store = LocalStore.open_path(tmp_path / "s.sqlite3")
    service = CaseService(store)
    service.save_draft("form-1", {"matter": "社会生活噪声", "description": ""})
    with pytest.raises(CaseValidationError) as info:
        service.create(dict(CASE, description=""), form_id="form-1")
    assert info.value.fields == ["description"]
    assert store.count("cases") == 0 and store.outbox_count() == 0
    assert store.load_draft("form-1").fields == {"matter": "社会生活噪声", "description": ""}
    service.create(CASE, form_id="form-1")
    assert store.load_draft("form-1") is None  # removed in the same transaction


def test_case_numbers_unique_offline_and_across_restarts(tmp_path):
    path = tmp_path / "s.sqlite3"
    numbers = []
    for _ in range(3):  # three "sessions" of the same workstation
        store = LocalStore.open_path(path, seat_code="S07")
        service = CaseService(store)
        numbers += [service.create(CASE)["case_number"] for _ in range(40)]
        store.close()
    assert len(set(numbers)) == 120
    today = date.today().strftime("%Y%m%d")
    assert numbers[0] == f"{today}-S07-0001" and numbers[-1] == f"{today}-S07-0120"


def test_drafts_survive_reopen(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = LocalStore.open_path(path)
    for i in range(50):  # autosave while typing
        store.save_draft("form-9", {"description": "楼下" + "吵" * i})
    store.close()
    again = LocalStore.open_path(path)
    drafts = again.list_drafts()
    assert [d.form_id for d in drafts] == ["form-9"]
    assert drafts[0].fields["description"] == "楼下" + "吵" * 49


def _flip(path: Path, offset: int, count: int = 8) -> None:
    data = bytearray(path.read_bytes())
    for i in range(offset, offset + count):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _checkpointed_store(path: Path, cases: int) -> list[str]:
    store = LocalStore.open_path(path, seat_code="S01")
    numbers = []
    with store.transaction() as tx:  # one commit: fast; same rows and ops as single saves
        for _ in range(cases):
            number = tx.next_case_number("S01", date.today())
            tx.insert("cases", dict(CASE, case_number=number))
            tx.insert("case_events", {"case_id": number, "kind": "受理"})
            tx.insert("case_events", {"case_id": number, "kind": "办结"})
            numbers.append(number)
    store.save_draft("form-1", {"description": "半句话"})
    store.close()  # the last connection checkpoints the WAL into the main file
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert not path.with_name(path.name + "-wal").exists() or (
        path.with_name(path.name + "-wal").stat().st_size == 0
    )
    return numbers


def test_bad_header_detected_moved_aside_and_reported(tmp_path):
    path = tmp_path / "seat-local.sqlite3"
    numbers = _checkpointed_store(path, 3)
    _flip(path, 0, 16)
    assert "header" in check_file(path)
    store = LocalStore.open_path(path, seat_code="S01")
    report = store.open_report
    assert report.recovered and report.complete
    assert report.moved_to is not None and report.moved_to.exists()
    assert report.moved_to.name.startswith("seat-local.sqlite3.corrupt-")
    assert store.integrity_check() == "ok"
    # the magic string alone was damaged: everything unsent is carried over
    assert report.recovered_ops == 9 and report.lost_ops == 0
    assert report.recovered_drafts == 1
    assert store.outbox_count() == 9 and store.count("cases") == 3
    # numbering continues after the recovered numbers
    assert CaseService(store).create(CASE)["case_number"] > numbers[-1]
    assert "本地库已损坏" in report.message()


def test_interior_page_damage_detected_and_losses_counted(tmp_path):
    path = tmp_path / "seat-local.sqlite3"
    _checkpointed_store(path, 300)
    page_size = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='outbox'").fetchone()[0]
    leaf = conn.execute(
        "SELECT max(pageno) FROM dbstat WHERE name='outbox' AND pagetype='leaf'"
    ).fetchone()
    conn.close()
    target = leaf[0] if leaf and leaf[0] else root
    _flip(path, (target - 1) * page_size, 24)  # the page header of an outbox page
    assert check_file(path) is not None
    store = LocalStore.open_path(path, seat_code="S01")
    report = store.open_report
    assert report.status == "recovered"
    assert report.moved_to.exists()
    # the damaged page's ops are either reported lost or rebuilt from the intact case rows
    assert report.rebuilt_ops > 0 or report.lost_ops is None or report.lost_ops > 0
    assert report.recovered_ops + (report.lost_ops or 0) <= 900
    assert report.complete == (report.lost_ops == 0 and report.lost_drafts == 0)
    print(report.message("en"))
    assert store.integrity_check() == "ok"
    assert store.outbox_count() == report.recovered_ops

"""Issue 10, rows 3, 4 and 13 (drafts): a seat-local store emptied, deleted, half cut or
with a damaged header. Real files, real damage; the store holds 5 saved-unsent cases and a
draft, exactly as described in the issue.

Cases are written through the store's own transaction (number, case row, outbox op): the
same path ``CaseService.create`` takes, without its field validation (not under test here).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from seat_app.domain.case import CaseNumber
from seat_app.services.local.store import CaseNumbersPending, LocalStore

pytestmark = pytest.mark.integrity

FIELDS = {"channel": "电话", "caller_phone": "13800001234", "caller_name": "张先生",
          "caller_area": "盐湖区", "matter": "噪声扰民", "handling": "直接办理",
          "status": "已办结"}


def _save_case(store: LocalStore, text: str) -> dict:
    with store.transaction() as tx:
        number = tx.next_case_number("S01", date.today())
        return tx.insert("cases", {**FIELDS, "description": text, "case_number": number,
                                   "seat_code": "S01"}, actor="1001")


def _seat_with_unsent(db: Path) -> list[str]:
    """5 saved-unsent cases and 1 draft; returns the numbers read to callers."""
    store = LocalStore.open_path(db, seat_code="S01")
    numbers = [_save_case(store, f"诉求{i}")["case_number"] for i in range(5)]
    store.save_draft("form-1", {"description": "正在输入的诉求"})
    assert store.outbox_count() == 5
    store.close()
    return numbers


def _next_number(store: LocalStore) -> str:
    return _save_case(store, "after")["case_number"]


def test_store_emptied_to_zero_bytes_is_loud_kept_and_numbers_never_repeat(tmp_path):
    db = tmp_path / "seat-local.sqlite3"
    numbers = _seat_with_unsent(db)
    db.write_bytes(b"")  # truncated to 0 bytes
    store = LocalStore.open_path(db, seat_code="S01")
    report = store.open_report
    assert report.status == "lost" and report.recovered  # shown, never a silent new store
    assert report.moved_to is not None and report.moved_to.exists()
    assert report.moved_to.stat().st_size == 0  # the emptied file is kept, not overwritten
    zh, en = report.message(), report.message("en")
    assert "已丢失" in zh and str(report.moved_to) in zh and "无法找回" in zh
    assert "was lost" in en and str(report.moved_to) in en
    new = _next_number(store)
    store.close()
    assert new not in numbers
    assert CaseNumber.parse(new).seq > max(CaseNumber.parse(n).seq for n in numbers)


def test_store_deleted_is_loud_and_numbers_never_repeat(tmp_path):
    db = tmp_path / "seat-local.sqlite3"
    numbers = _seat_with_unsent(db)
    for suffix in ("", "-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            side.unlink()
    store = LocalStore.open_path(db, seat_code="S01")
    assert store.open_report.status == "lost"
    assert "文件不存在" in store.open_report.message()
    new = _next_number(store)
    store.close()
    assert CaseNumber.parse(new).seq > max(CaseNumber.parse(n).seq for n in numbers)


def test_store_replaced_by_an_older_copy_does_not_repeat_numbers(tmp_path):
    db = tmp_path / "seat-local.sqlite3"
    store = LocalStore.open_path(db, seat_code="S01")
    store.close()
    old = tmp_path / "old-copy.sqlite3"
    old.write_bytes(db.read_bytes())  # a backup taken before any case
    other = tmp_path / "other.sqlite3"
    LocalStore.open_path(other, seat_code="S01").close()  # another store's file
    numbers = _seat_with_unsent(db)
    db.write_bytes(other.read_bytes())
    store = LocalStore.open_path(db, seat_code="S01")
    assert store.open_report.status == "replaced"
    assert "不是本座席上次使用的文件" in store.open_report.message()
    new = _next_number(store)
    store.close()
    assert CaseNumber.parse(new).seq > max(CaseNumber.parse(n).seq for n in numbers)


def test_lost_store_and_lost_number_record_refuse_numbers_until_central_confirms(tmp_path):
    """Both the store and its number record gone: no number is given out (said so) until
    the first pull of cases from central; then numbering skips past what central knows."""
    db = tmp_path / "seat-local.sqlite3"
    numbers = _seat_with_unsent(db)
    db.write_bytes(b"")
    record = db.with_name(db.name + ".numbers.json")
    record.unlink()
    store = LocalStore.open_path(db, seat_code="S01")
    assert store.open_report.status == "lost"
    assert "暂不分配新工单号" in store.open_report.message()
    with pytest.raises(CaseNumbersPending) as err:
        _next_number(store)
    assert "草稿已保存" in err.value.zh and "draft is saved" in err.value.en
    store.save_draft("form-2", {"description": "仍可保存草稿"})  # drafts never fail
    # the first pull of cases (central knew the first two numbers of this seat)
    acked = [{**FIELDS, "id": f"c{i}", "case_number": n, "seat_code": "S01", "revision": 1,
              "change_seq": i + 1, "deleted": False, "changed_by": "1001",
              "description": "x"} for i, n in enumerate(numbers[:2])]
    store.apply_pulled("cases", [_full_row(store, r) for r in acked])
    store.set_watermark("cases", 2)
    new = _next_number(store)
    store.close()
    assert CaseNumber.parse(new).seq > max(CaseNumber.parse(n).seq for n in numbers)


def _full_row(store: LocalStore, values: dict) -> dict:
    from seat_app.services.store.central import row_defaults
    from seat_app.services.store.models import Base, utcnow

    row = {c.name: None for c in store.table("cases").c}
    row.update(row_defaults(Base.metadata.tables["cases"]))
    row.update(values, changed_at=utcnow(), created_at=utcnow(), accepted_at=utcnow())
    return row


def _checkpoint(db: Path) -> None:
    conn = sqlite3.connect(str(db))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


@pytest.mark.parametrize("damage", ["header", "half"])
def test_salvage_reads_pages_past_the_damage_with_exact_counts(tmp_path, damage):
    db = tmp_path / "seat-local.sqlite3"
    numbers = _seat_with_unsent(db)
    _checkpoint(db)
    data = bytearray(db.read_bytes())
    if damage == "header":
        for i in range(100):
            data[i] ^= 0xFF  # the whole 100-byte header flipped
    else:
        data = data[: len(data) // 2]  # truncated to half
    db.write_bytes(bytes(data))
    store = LocalStore.open_path(db, seat_code="S01")
    report = store.open_report
    assert report.status == "recovered"
    assert report.moved_to.read_bytes() == bytes(data)  # kept byte for byte
    # every saved-unsent case is back in the outbox, with the draft where its pages survived
    assert report.recovered_cases == 5
    assert store.outbox_count() == 5
    back = sorted(r["case_number"] for r in store.rows("cases"))
    assert back == sorted(numbers)
    if damage == "header":
        assert report.lost_ops == 0  # exact: the outbox index names every op it held
    else:  # the schema pages were cut off: the cases came back from their rows, and the
        # number of other unsent changes is said to be unknown rather than guessed
        assert report.lost_ops in (0, None) and report.rebuilt_ops >= 5
    if damage == "header":
        assert report.recovered_drafts == 1 and report.lost_drafts == 0
        assert store.load_draft("form-1").fields == {"description": "正在输入的诉求"}
    else:  # the drafts table's pages were in the cut-off half: said, not guessed
        assert report.recovered_drafts + (report.lost_drafts or 0) <= 1
    zh = report.message()
    lost = "未知" if report.lost_ops is None else "0"
    assert "已保存未发送的工单 5 件" in zh and f"无法找回的未发送修改：{lost} 条" in zh
    assert "saved unsent cases" in report.message("en")
    new = _next_number(store)
    store.close()
    assert CaseNumber.parse(new).seq > max(CaseNumber.parse(n).seq for n in numbers)


def test_draft_with_a_lone_surrogate_always_saves(tmp_path):
    db = tmp_path / "seat-local.sqlite3"
    store = LocalStore.open_path(db, seat_code="S01")
    fields = {"description": "楼下\ud800施工", "caller_name": "\udfff张"}
    store.save_draft("form-1", fields)  # autosave never fails
    assert store.load_draft("form-1").fields == fields  # and loads back as typed
    store.close()
    reopened = LocalStore.open_path(db, seat_code="S01")
    assert reopened.open_report.status == "ok"
    assert reopened.list_drafts()[0].fields == fields
    reopened.close()


def test_store_files_are_private(tmp_path):
    db = tmp_path / "seat-local.sqlite3"
    store = LocalStore.open_path(db, seat_code="S01")
    _save_case(store, "x")
    for suffix in ("", "-wal", "-shm", ".numbers.json"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            assert side.stat().st_mode & 0o077 == 0, side
    store.close()
    record = json.loads(db.with_name(db.name + ".numbers.json").read_text("utf-8"))
    assert record["reserved"]["S01"][f"{date.today():%Y%m%d}"] >= 1

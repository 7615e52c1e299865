"""Scenario 7: a corrupt seat-local database.

The seat saved 40 cases the central database acknowledged and 30 more it has not sent yet
(90 ops) plus a draft; then bytes of its file were flipped:

* ``magic+outbox_page``: the header's magic string and the page header of one interior
  leaf page of the outbox (we read, from the intact file, exactly which outbox rows live on
  that page: those are the unsent ops that cannot come back);
* ``page_size``: the header's page-size field (nothing of the file is readable any more).

At start the damage is detected, the bad file is kept aside byte for byte, everything
central acknowledged comes back by pull, every readable unsent op is pushed, and the ops
that could not be recovered are reported to the user (exact count and numbers, or
"unknown" when the outbox could not be read at all).
"""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from seat_app.domain.case import CaseNumber
from seat_app.services.cases.service import CaseService
from seat_app.services.local.store import LocalStore
from seat_app.services.sync.engine import SyncEngine, SyncState


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[pos + i]
        if i == 8:
            return (value << 8) | byte, pos + 9
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos + i + 1
    raise AssertionError("unreachable")


def _leaf_rowids(data: bytes, pageno: int, page_size: int) -> list[int]:
    """Rowids of the cells on a table leaf page (SQLite file format 1.6)."""
    start = (pageno - 1) * page_size
    header = start + (100 if pageno == 1 else 0)
    assert data[header] == 0x0D, "not a table leaf page"
    cells = int.from_bytes(data[header + 3 : header + 5], "big")
    rowids = []
    for k in range(cells):
        ptr = int.from_bytes(data[header + 8 + 2 * k : header + 10 + 2 * k], "big")
        _payload, pos = _varint(data, start + ptr)
        rowid, _ = _varint(data, pos)
        rowids.append(rowid)
    return sorted(rowids)


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def _readable_cases(kept: Path, probe: Path, ids: set[str]) -> int:
    """How many of the cases ``ids`` can still be read from the kept damaged file's
    cases table (its magic string put back), for the report."""
    data = bytearray(kept.read_bytes())
    data[:16] = b"SQLite format 3\x00"
    probe.write_bytes(bytes(data))
    try:
        conn = sqlite3.connect(str(probe))
        found = sum(
            1 for cid in ids
            if conn.execute("SELECT 1 FROM cases WHERE id = ?", (cid,)).fetchone()
        )
        conn.close()
    except sqlite3.DatabaseError:
        found = 0
    return found


def _damaged_seat(db: Path, rel, central, damage: str):
    """A seat with 40 acknowledged cases, 30 unsent ones (90 ops) and a draft, then
    damaged. Returns (acked rows, unsent rows, pending ops by seq, the damaged bytes, the
    outbox seqs that cannot come back or None when nothing is readable)."""
    store = LocalStore.open_path(db, seat_code="S01")
    service = CaseService(store, agent="1001")
    acked = [service.create({**rel.CASE, "description": f"acked-{i}"}) for i in range(40)]
    engine = SyncEngine(store, engine=central)
    assert engine.run_once().state == SyncState.ONLINE
    assert store.outbox_count() == 0
    unsent = [service.create({**rel.CASE, "description": f"unsent-{i}"}) for i in range(30)]
    service.save_draft("form-1", {"description": "正在输入的诉求"})
    pending = {o.seq: o.op for o in store.pending_ops()}
    assert len(pending) == 90
    store.close()
    _checkpoint(db)

    data = bytearray(db.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    if damage == "magic+outbox_page":
        conn = sqlite3.connect(str(db))
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf' ORDER BY pageno"
        )]
        conn.close()
        assert len(leaves) >= 3
        page = leaves[len(leaves) // 2]
        expected_lost = _leaf_rowids(bytes(data), page, page_size)
        assert expected_lost and set(expected_lost) <= set(pending)
        for i in range(6):
            data[i] ^= 0xFF  # "SQLite format 3" -> garbage
        data[(page - 1) * page_size] ^= 0xFF  # the leaf's page type byte
    else:
        data[16] ^= 0x5A  # page size field
        data[17] ^= 0xA5
        expected_lost = None
    db.write_bytes(bytes(data))

    return acked, unsent, pending, data, expected_lost


@pytest.mark.reliability
@pytest.mark.parametrize("damage", ["magic+outbox_page", "page_size"])
def test_corrupt_local_store_is_detected_and_recovered(tmp_path, rel, central, damage):
    db = tmp_path / "seat.sqlite3"
    acked, unsent, pending, data, expected_lost = _damaged_seat(db, rel, central, damage)
    numbers_used = [r["case_number"] for r in acked + unsent]
    # start: detected, kept aside, what could be read carried over
    store = LocalStore.open_path(db, seat_code="S01")
    report = store.open_report
    assert report.status == "recovered"
    assert ("SQLite header" if expected_lost else "not a database") in report.problem
    assert report.moved_to is not None and report.moved_to.read_bytes() == bytes(data)
    assert store.integrity_check() == "ok"
    zh, en = report.message(), report.message("en")
    assert str(report.moved_to) in zh and str(report.moved_to) in en
    back_ops = [o.op for o in store.pending_ops()]
    back = {o.op_id for o in back_ops}
    recovered_ops = [op for op in pending.values() if op.op_id in back]
    # nothing invented: every op is an original one, or an insert rebuilt from an intact
    # unacknowledged row whose op was on the damaged page
    assert len(back) == len(recovered_ops) + report.rebuilt_ops == report.recovered_ops
    rebuilt = [op for op in back_ops if op.op_id not in {p.op_id for p in pending.values()}]
    lost_rows = {op.entity_id for seq, op in pending.items() if seq in (expected_lost or [])}
    assert all(op.kind == "insert" and op.entity_id in lost_rows for op in rebuilt)
    if expected_lost is not None:  # exactly the rows of the damaged outbox page
        assert set(report.lost_op_seqs) <= set(expected_lost)
        assert report.lost_ops == len(report.lost_op_seqs)
        assert len(expected_lost) == report.lost_ops + report.rebuilt_ops
        assert {seq for seq, op in pending.items() if op.op_id not in back} == set(expected_lost)
    if report.lost_ops is None:  # the outbox could not be read at all: said so
        assert not report.complete
        assert "无法找回的未发送修改：未知 条" in zh
        assert "could not be recovered: unknown" in en
    else:
        assert report.recovered_ops + report.lost_ops == 90
        assert report.complete == (report.lost_ops == 0 and report.lost_drafts == 0)
        assert f"无法找回的未发送修改：{report.lost_ops} 条" in zh
        assert f"unsent changes that could not be recovered: {report.lost_ops}" in en
    if report.lost_drafts == 0:
        assert report.recovered_drafts == 1
        assert store.load_draft("form-1").fields == {"description": "正在输入的诉求"}
    else:
        assert report.recovered_drafts == 0 and store.load_draft("form-1") is None

    # sync: the acknowledged cases come back, the recovered ops reach central
    result = SyncEngine(store, engine=central).run_once()
    assert result.state == SyncState.ONLINE, result.error
    assert store.outbox_count() == 0 and store.outbox_count("rejected") == 0
    local = rel.local_rows(store, "cases")
    remote = rel.central_rows(central, "cases")
    assert {r["id"] for r in acked} <= set(local)
    assert all(local[r["id"]]["case_number"] == r["case_number"] for r in acked)
    recovered_cases = {o.entity_id for o in back_ops if o.entity == "cases"}
    lost_cases = {r["id"] for r in unsent} - recovered_cases
    assert set(remote) == set(local) == {r["id"] for r in acked} | recovered_cases
    recovered_events = sum(1 for o in back_ops if o.entity == "case_events")
    assert rel.count(central, "case_events") == 80 + recovered_events
    assert rel.duplicates(central, "cases", "description") == 0
    # events whose case insert was lost arrive without their case (see the report)
    orphan_events = sum(
        1 for o in back_ops
        if o.entity == "case_events" and o.changes["case_id"][1] in lost_cases
    )

    readable = _readable_cases(report.moved_to, tmp_path / "probe.sqlite3", lost_cases)
    rel.report(
        f"scenario 7 corrupt local store ({damage})",
        problem=report.problem,
        kept_aside=report.moved_to.name,
        acknowledged_cases_back_by_pull=len(acked),
        unsent_ops=90,
        recovered_ops=report.recovered_ops,
        lost_ops_reported=report.lost_ops,
        lost_op_seqs=report.lost_op_seqs,
        unsent_cases_recovered=len(recovered_cases),
        unsent_cases_lost=len(lost_cases),
        orphan_events_pushed=orphan_events,
        lost_cases_still_readable_in_kept_file=readable,
        central_cases=len(remote),
    )
    # a case number read to a caller is never given out again, even one that was lost
    new = CaseService(store, agent="1001").create({**rel.CASE, "description": "after"})
    last = max(CaseNumber.parse(n).seq for n in numbers_used)
    rel.report(f"scenario 7 ({damage}) next case number", new=new["case_number"],
               highest_given_before=max(numbers_used))
    store.close()
    assert CaseNumber.parse(new["case_number"]).seq > last, (
        f"case number {new['case_number']} was already read to a caller before the damage"
    )


@pytest.mark.reliability
def test_crash_in_the_middle_of_recovery_loses_nothing_silently(tmp_path, rel, central):
    """A power cut while the seat recovers a damaged store (after the damaged file was
    moved aside, before the fresh store holds the salvaged ops): the next start must still
    bring the readable unsent ops back, or at least report them; never a silent new store."""
    db = tmp_path / "seat.sqlite3"
    _acked, _unsent, pending, _data, expected_lost = _damaged_seat(
        db, rel, central, "magic+outbox_page"
    )
    recoverable = len(pending) - len(expected_lost)
    died = rel.run("open", "--db", str(db), env={"SEAT_TEST_DIE_IN_RECOVERY": "1"})
    assert died.returncode == -signal.SIGKILL, (died.returncode, died.stderr)
    assert rel.json_lines(died.stdout)[0]["event"] == "dying"
    kept = sorted(p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name)
    again = rel.run("open", "--db", str(db))
    assert again.returncode == 0, again.stderr
    opened = rel.json_lines(again.stdout)[0]
    rel.report(
        "scenario 7b crash during recovery",
        kept_aside=kept,
        second_start_status=opened["status"],
        second_start_pending_ops=opened["pending_ops"],
        recoverable_ops=recoverable,
        message=opened["message"],
    )
    # the salvage may bring back more than the test counts as readable: ops on the damaged
    # outbox page are rebuilt from their intact case rows
    assert opened["pending_ops"] >= recoverable or (
        opened["status"] == "recovered" and opened["lost_ops"] != 0
    ), (
        f"the seat started with a new, empty store ({opened['status']}: "
        f"{opened['message']}); {recoverable} readable unsent ops sit in {kept} unreported"
    )

"""services/kb: review/publish, corrections and search logging against a real central
database (SQLite file and PostgreSQL) and a real seat-local store with its outbox."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from seat_app.domain import kb_upkeep as ku
from seat_app.services.kb import corrections, searchlog, upkeep
from seat_app.services.local.store import LocalStore
from seat_app.services.store import make_engine, upgrade
from seat_app.services.store.models import KBEntry
from seat_app.services.sync.engine import push_outbox

pytestmark = pytest.mark.kb_upkeep

VALUES = {
    "code": "KB-UP-1", "kind": "热点通知", "title": "盐湖区停水通知", "matter": "停水",
    "area": "盐湖区", "unit": "盐湖区供水公司", "answer": "分区停水检修，请提前储水。",
    "keywords": "停水、没水了", "valid_from": date(2026, 5, 1), "valid_to": date(2026, 7, 30),
}


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    """One migrated central file per module, copied for each test (migrating is slow)."""
    path = tmp_path_factory.mktemp("kb-central") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, create=True)
    engine.dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def central(request, tmp_path, sqlite_template):
    if request.param == "sqlite":
        shutil.copy(sqlite_template, tmp_path / "central.sqlite3")
        engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    else:
        engine = make_engine(request.getfixturevalue("pg_migrated_url"))
    yield engine
    engine.dispose()


def _entry(engine, code):
    with engine.connect() as conn:
        return conn.execute(select(KBEntry.__table__).where(KBEntry.code == code)
                            ).mappings().first()


def test_draft_review_publish_writes_the_entry_with_a_change_number(central):
    editor, lead = upkeep.Upkeep(central, "6001"), upkeep.Upkeep(central, "2001")
    h = editor.create(VALUES)
    assert h.open.number == 1 and h.open.state is ku.State.DRAFT
    assert _entry(central, "KB-UP-1") is None  # a draft reaches nobody
    editor.submit("KB-UP-1", 1)
    with pytest.raises(ku.SelfApproval):
        editor.approve("KB-UP-1", 1)
    published = lead.approve("KB-UP-1", 1, "核实无误")
    row = _entry(central, "KB-UP-1")
    assert row["version"] == 1 and row["change_seq"] == published.change_seq > 0
    assert row["changed_by"] == "2001" and row["domain"]  # filled from the matter
    # an edit: v2 from v1, published by someone else, the entry follows
    h = editor.draft("KB-UP-1", {**VALUES, "answer": "7月30日恢复供水。"})
    assert h.open.number == 2 and [c.field for c in h.open.changes] == ["answer"]
    editor.submit("KB-UP-1", 2)
    second = lead.approve("KB-UP-1", 2)
    row = _entry(central, "KB-UP-1")
    assert row["answer"] == "7月30日恢复供水。" and row["version"] == 2
    assert second.change_seq > published.change_seq and row["revision"] == 2
    h = lead.history("KB-UP-1")
    assert [v.state for v in h.versions] == [ku.State.SUPERSEDED, ku.State.PUBLISHED]
    assert [e.action for e in h.events] == ["created", "submitted", "approved", "created",
                                            "submitted", "approved"]
    lines = ku.history_lines(h)
    assert "答复口径" in "\n".join(lines) and "2001" in lines[0]


def test_a_published_version_is_never_changed_in_place(central):
    editor, lead = upkeep.Upkeep(central, "6001"), upkeep.Upkeep(central, "2001")
    editor.create(VALUES)
    editor.submit("KB-UP-1", 1)
    lead.approve("KB-UP-1", 1)
    with pytest.raises((IntegrityError, DBAPIError)), central.begin() as conn:
        conn.execute(text("UPDATE kb_versions SET fields = '{}' WHERE code = 'KB-UP-1'"))
    with pytest.raises((IntegrityError, DBAPIError)), central.begin() as conn:
        conn.execute(text("DELETE FROM kb_versions WHERE code = 'KB-UP-1'"))
    with pytest.raises(ku.PublishedImmutable):
        editor._step("KB-UP-1", lambda h: ku.edit(h, 1, VALUES, "6001", editor.now()))
    assert json.loads(lead_fields(central))["answer"] == VALUES["answer"]


def lead_fields(engine) -> str:
    with engine.connect() as conn:
        return conn.execute(text("SELECT fields FROM kb_versions WHERE code = 'KB-UP-1'")
                            ).scalar_one()


def test_imported_entry_gets_a_baseline_and_rolls_back(central):
    with central.begin() as conn:
        conn.execute(KBEntry.__table__.insert(), [{
            "id": "e-1", "revision": 1, "change_seq": 1, "changed_by": "import",
            "changed_at": datetime(2026, 1, 1, tzinfo=UTC), "deleted": False, **VALUES,
            "code": "KB-IMP", "domain": "", "subcategory": "", "version": 3,
            "procedure": "", "materials": "", "place": "", "hours": "", "fees": "",
            "time_limit": "", "phone": "", "status": "已发布"}])
    editor, lead = upkeep.Upkeep(central, "6001"), upkeep.Upkeep(central, "2001")
    h = editor.draft("KB-IMP", {**VALUES, "code": "KB-IMP", "unit": "市水务局"})
    assert [v.number for v in h.versions] == [3, 4] and h.version(3).author == "import"
    editor.submit("KB-IMP", 4)
    lead.approve("KB-IMP", 4)
    assert _entry(central, "KB-IMP")["unit"] == "市水务局"
    h = editor.rollback("KB-IMP", 3)
    assert h.open.rollback_of == 3 and h.open.fields["unit"] == "盐湖区供水公司"
    editor.submit("KB-IMP", 5)
    lead.approve("KB-IMP", 5)
    row = _entry(central, "KB-IMP")
    assert row["unit"] == "盐湖区供水公司" and row["version"] == 5 and row["id"] == "e-1"


def test_refused_edit_writes_nothing_and_names_the_field(central):
    editor = upkeep.Upkeep(central, "6001")
    with pytest.raises(ku.EntryInvalid) as err:
        editor.create({**VALUES, "valid_to": date(2026, 4, 1), "area": "火星区"})
    assert {e.field for e in err.value.errors} == {"valid_to", "area"}
    assert editor.history("KB-UP-1").versions == ()


def test_expiring_expired_and_kb_expire(central):
    editor, lead = upkeep.Upkeep(central, "6001"), upkeep.Upkeep(central, "2001")
    today = date(2026, 7, 27)
    for code, end in (("KB-A", date(2026, 7, 30)), ("KB-B", date(2026, 7, 20)),
                      ("KB-C", date(2026, 12, 1))):
        editor.create({**VALUES, "code": code, "valid_to": end})
        editor.submit(code, 1)
        lead.approve(code, 1)
    assert [(e.code, e.days_left) for e in lead.expiring(today)] == [("KB-A", 3)]
    assert [e["code"] for e in lead.expired(today)] == ["KB-B"]
    done = upkeep.retire_expired(central, "9001", today)
    assert [p.code for p in done] == ["KB-B"]
    assert _entry(central, "KB-B")["status"] == "已下线"
    assert lead.expired(today) == []


def test_bulk_extend_makes_drafts_in_review(central):
    editor, lead = upkeep.Upkeep(central, "6001"), upkeep.Upkeep(central, "2001")
    for code in ("KB-X1", "KB-X2"):
        editor.create({**VALUES, "code": code})
        editor.submit(code, 1)
        lead.approve(code, 1)
    plan = editor.plan("extend", ku.EntryFilter(matter="停水"), days=30)
    assert len(plan.ready) == 2
    assert editor.apply_plan(plan) == ["KB-X1", "KB-X2"]
    done, refused = upkeep.publish_all_in_review(central, "2001")
    assert refused == [] and {p.code for p in done} == {"KB-X1", "KB-X2"}
    assert _entry(central, "KB-X1")["valid_to"] == date(2026, 8, 29)


def test_correction_filed_at_the_seat_reaches_the_inbox_and_the_agent_is_told(central, tmp_path):
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S07")
    try:
        with pytest.raises(ku.CorrectionRefused):
            corrections.file_correction(store, "KB-1", 1, "wrong", "", agent="1001")
        assert corrections.unsent_corrections(store) == 0  # refused: nothing saved
        c1 = corrections.file_correction(store, "KB-1", 2, "outdated", "", agent="1001")
        corrections.file_correction(store, "KB-1", 2, "wrong_unit", "应为市水务局", agent="1002")
        corrections.file_correction(store, "KB-2", 1, "missing", "缺少材料清单", agent="1001")
        assert corrections.unsent_corrections(store) == 3
        report = push_outbox(store, central)
        assert report.acknowledged == 3 and corrections.unsent_corrections(store) == 0
    finally:
        store.close()
    rows = corrections.inbox(central)
    assert [(r.entry_code, r.open) for r in rows] == [("KB-1", 2), ("KB-2", 1)]
    with pytest.raises(ku.CorrectionRefused):
        corrections.close_correction(central, "6001", c1.id, "fixed", "")  # no version
    closed = corrections.close_correction(central, "6001", c1.id, "fixed", "已更新", fixed_in=3)
    assert closed.told_seat == "S07" and "第 3 版" in closed.notice.zh
    with central.connect() as conn:
        msg = conn.execute(text("SELECT seat_code, sender, text FROM seat_messages")).one()
    assert msg.seat_code == "S07" and msg.sender == "6001" and "KB-1" in msg.text
    assert [(r.entry_code, r.open) for r in corrections.inbox(central)] == [("KB-1", 1),
                                                                            ("KB-2", 1)]


def test_search_log_from_the_seat_to_the_misses_report(central, tmp_path):
    buf = searchlog.SearchLogBuffer(merge_s=60)
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S01")
    try:
        buf.searched("公积", [{"code": "KB-9"}])
        buf.searched("公积金提取", [{"code": "KB-9"}, {"code": "KB-8"}])  # typing on: one search
        buf.opened("KB-9", "公积金")
        buf.inserted("KB-9", "公积金")
        buf.searched("查询13812345678的工单", [{"code": "KB-7"}])  # a miss, with a phone
        buf.searched("火星签证", [])
        buf.searched("查询13900001111的工单", [{"code": "KB-7"}])
        assert buf.flush(store, all_=True) == 4
        push_outbox(store, central)
    finally:
        store.close()
    with central.connect() as conn:
        queries = sorted(conn.execute(text("SELECT query FROM kb_search_log")).scalars())
    assert queries == sorted(["公积金提取", "火星签证", "查询[电话]的工单", "查询[电话]的工单"])
    today = datetime.now(UTC).date()
    period = ku.Period(today - timedelta(days=1), today)
    missed = searchlog.misses(central, period)
    assert [(r.query, r.searches) for r in missed] == [("查询[电话]的工单", 2)]
    assert [r.query for r in searchlog.no_results(central, period)] == ["火星签证"]
    # incremental: a second rollup counts nothing twice; the reference definition agrees
    searchlog.rollup(central)
    assert searchlog.misses(central, period) == ku.misses(searchlog.records(central, period),
                                                          period)
    with central.begin() as conn:  # two entries: KB-9 was shown, KB-0 never
        for code in ("KB-9", "KB-0"):
            conn.execute(KBEntry.__table__.insert(), [{
                **VALUES, "id": code, "code": code, "revision": 1, "change_seq": 1,
                "changed_by": "", "changed_at": datetime.now(UTC), "deleted": False,
                "domain": "", "subcategory": "", "procedure": "", "materials": "", "place": "",
                "hours": "", "fees": "", "time_limit": "", "phone": "", "status": "已发布",
                "version": 1}])
    data = searchlog.analytics(central, period, today=today)
    recs = searchlog.records(central, period)
    assert data.slowest == [] and data.misses == missed  # one timed answer: too few to say
    assert data.most_inserted == ku.most_inserted(recs, period) == [("KB-9", 1)]
    assert data.never_found == ku.never_found(["KB-9", "KB-0"], recs, today) == ["KB-0"]
    out = searchlog.export_xlsx(data, tmp_path / "analytics.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(out)
    assert wb["未命中"]["A2"].value == "查询[电话]的工单"


def test_search_log_flush_that_fails_keeps_the_searches(tmp_path):
    buf = searchlog.SearchLogBuffer(merge_s=60)
    buf.searched("停水", [{"code": "KB-1"}])
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S01")
    store.close()  # a store that cannot be written

    class Broken:
        seat_code = "S01"

        @property
        def engine(self):
            raise OSError("disk full")

    with pytest.raises(OSError):
        buf.flush(Broken(), all_=True)
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S01")
    try:
        assert buf.flush(store) == 1  # kept for the next flush
    finally:
        store.close()

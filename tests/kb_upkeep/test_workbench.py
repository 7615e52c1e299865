"""The maintainer's workbench (pytest-qt, real widgets, a real central SQLite file): find,
edit with a refused edit keeping the text, review by a second person, versions and
rollback, expiring list, corrections inbox, analytics with S/N on a missed query, export."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from seat_app.domain import kb_upkeep as ku
from seat_app.qt.kb_editor import open_kb_editor_view, services_port
from seat_app.qt.kb_editor.workbench import Workbench
from seat_app.qt.workers import InlineRunner
from seat_app.services.kb import corrections, searchlog, upkeep
from seat_app.services.local.store import LocalStore
from seat_app.services.store import make_engine, upgrade
from seat_app.services.store.models import Unit
from seat_app.services.sync.engine import push_outbox

pytestmark = pytest.mark.kb_upkeep

TODAY = datetime.now(UTC).date()
VALUES = {"code": "KB-W-1", "kind": "热点通知", "title": "盐湖区停水通知", "matter": "停水",
          "area": "盐湖区", "unit": "盐湖区供水公司", "answer": "分区停水检修。",
          "valid_from": TODAY - timedelta(days=10), "valid_to": TODAY + timedelta(days=3)}


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    """One migrated central file per module, copied for each test (migrating is slow)."""
    path = tmp_path_factory.mktemp("kb-central") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, create=True)
    engine.dispose()
    return path


@pytest.fixture
def central(tmp_path, sqlite_template):
    shutil.copy(sqlite_template, tmp_path / "central.sqlite3")
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(Unit.__table__.insert(), [
            {"id": "u1", "revision": 1, "change_seq": 1, "changed_by": "", "deleted": False,
             "changed_at": datetime.now(UTC), "code": "U1", "name": "盐湖区水务局",
             "level": 2, "area": "盐湖区", "unit_type": "水务", "phone": "", "active": True,
             "township": ""}])
    ed, lead = upkeep.Upkeep(engine, "6001"), upkeep.Upkeep(engine, "2001")
    ed.create(VALUES)
    ed.submit("KB-W-1", 1)
    lead.approve("KB-W-1", 1)
    yield engine
    engine.dispose()


def bench(qtbot, engine, who: str, tmp_path) -> Workbench:
    port = services_port(engine, who)
    syn = tmp_path / "synonyms.tsv"
    syn.write_text("太吵\t噪声\n", encoding="utf-8")
    port.add_synonym = lambda phrase, term: upkeep.add_synonym(phrase, term, syn)
    w = Workbench(port, InlineRunner())
    w.synonyms_file = syn
    qtbot.addWidget(w)
    w.refresh()
    return w


def test_edit_refused_keeps_text_then_review_by_a_second_person(qtbot, central, tmp_path):
    w = bench(qtbot, central, "6001", tmp_path)
    assert w.entry_list.rowCount() == 1 and "还剩 3 天" in w.entry_list.item(0, 4).text()
    assert w.expiring_list.rowCount() == 1
    w.entry_list.selectRow(0)
    assert w.editor.widgets["answer"].toPlainText() == "分区停水检修。"
    units = w.editor.widgets["unit"]
    assert units.findText("盐湖区水务局") >= 0  # the unit picker lists the grid's units
    w.editor.widgets["answer"].setPlainText("7月30日恢复供水。")
    w.editor.widgets["valid_to"].setText("2001-01-01")
    w.save_draft()
    assert "失效日期" in w.editor.errors.text()
    assert w.editor.widgets["answer"].toPlainText() == "7月30日恢复供水。"  # kept
    assert upkeep.Upkeep(central, "6001").history("KB-W-1").open is None  # nothing saved
    w.editor.widgets["valid_to"].setText((TODAY + timedelta(days=60)).isoformat())
    w.submit()
    assert w.review_list.rowCount() == 1 and "答复口径" in w.review_list.item(0, 3).text()
    w.review_list.selectRow(0)
    w.publish_selected()  # the author: refused, said why
    assert "不能审核" in w.status.text() or "自己" in w.status.text()
    other = bench(qtbot, central, "2001", tmp_path)
    other.review_list.selectRow(0)
    other.publish_selected()
    assert other.review_list.rowCount() == 0
    assert upkeep.Upkeep(central, "x").entry("KB-W-1")["answer"] == "7月30日恢复供水。"
    # versions: roll back to 1 makes a draft equal to version 1
    w.entry_list.selectRow(0)
    assert w.version_list.rowCount() == 2
    w.version_list.selectRow(1)
    w.rollback_selected()
    assert w.history.open.rollback_of == 1
    assert w.editor.widgets["answer"].toPlainText() == "分区停水检修。"


def test_new_entry_and_bulk_extend(qtbot, central, tmp_path):
    w = bench(qtbot, central, "6001", tmp_path)
    w.new_entry()
    w.editor.widgets["code"].setText("KB-W-2")
    w.editor.widgets["title"].setText("北城停气通知")
    w.editor.widgets["matter"].setEditText("停水")
    w.editor.widgets["answer"].setPlainText("")
    w.save_draft()
    assert "答复口径" in w.editor.errors.text()
    assert w.editor.widgets["title"].text() == "北城停气通知"
    w.editor.widgets["answer"].setPlainText("北城片区停气检修。")
    w.save_draft()
    assert w.current_code == "KB-W-2" and "已保存草稿" in w.status.text()
    w.bulk_matter.setEditText("停水")
    w.bulk_action.setCurrentIndex(w.bulk_action.findData("extend"))
    w.bulk_days.setValue(30)
    w.plan_bulk()
    assert w.bulk_list.rowCount() == 1 and w.bulk_list.item(0, 0).text() == "KB-W-1"
    w.apply_bulk()
    assert w.review_list.rowCount() == 1


def test_corrections_inbox_and_analytics(qtbot, central, tmp_path):
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S09")
    log = searchlog.SearchLogBuffer()
    try:
        corrections.file_correction(store, "KB-W-1", 1, "wrong_unit", "应为市水务局", agent="1001")
        corrections.file_correction(store, "KB-W-1", 1, "outdated", "", agent="1002")
        for q in ("水管爆了没人管", "水管爆了没人管", "停水"):
            log.searched(q, [{"code": "KB-W-1"}])
            log.flush(store, all_=True)  # each a separate search
        log.searched("水管爆了没人管", [{"code": "KB-W-1"}])
        log.searched("停水了", [{"code": "KB-W-1"}])
        log.inserted("KB-W-1", "停水")
        log.flush(store, all_=True)
        push_outbox(store, central)
    finally:
        store.close()
    w = bench(qtbot, central, "6001", tmp_path)
    assert w.inbox_list.rowCount() == 1 and w.inbox_list.item(0, 1).text() == "2"
    w.inbox_list.selectRow(0)
    assert w.correction_list.rowCount() == 2
    w.correction_list.selectRow(0)
    w.outcome_box.setCurrentIndex(w.outcome_box.findData("no_change"))
    w.outcome_note.setText("经核实无误")
    w.close_correction()
    assert w.inbox_list.item(0, 1).text() == "1"
    with central.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM seat_messages")).scalar() == 1
    w.since.setText((TODAY - timedelta(days=1)).isoformat())
    w.until.setText(TODAY.isoformat())
    w.analyse()
    assert w.miss_list.item(0, 0).text() == "水管爆了没人管" and w.miss_list.item(0, 1).text() == "3"
    w.miss_list.selectRow(0)
    w.make_synonym("停水")
    assert "水管爆了没人管\t停水" in w.synonyms_file.read_text(encoding="utf-8")
    w.show()
    qtbot.waitExposed(w)
    w.tabs.setCurrentIndex(w.tabs.count() - 1)
    w.activateWindow()
    w.miss_list.setFocus()
    qtbot.waitUntil(w.miss_list.hasFocus)
    qtbot.keyClick(w.miss_list, Qt.Key.Key_N)  # N: a new entry from the missed query
    assert w.tabs.currentIndex() == 0 and w.editor.widgets["title"].text() == "水管爆了没人管"
    w.export(str(tmp_path / "a.xlsx"))
    assert (tmp_path / "a.xlsx").stat().st_size > 0
    w.since.setText("2026-13-01")
    w.analyse()
    assert "YYYY-MM-DD" in w.status.text()


def test_open_kb_editor_view(qtbot, central, seat_home):
    ctx = SimpleNamespace(engine=central, home=None, work_no="6001", name="周编辑")
    opened = open_kb_editor_view(ctx)
    qtbot.addWidget(opened.window)
    opened.start()
    bench_ = opened.extra["workbench"]
    qtbot.waitUntil(lambda: bench_.entry_list.rowCount() == 1, timeout=10_000)
    assert "6001" in opened.window.windowTitle()
    opened.close()
    assert ku.Period(date(2026, 1, 1), date(2026, 1, 1))

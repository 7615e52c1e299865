"""``seat-admin kb import`` records versions like an edit does (issue 18): every inserted or
changed entry gets a published version with its diff, the author and the file; the version
before is superseded (an entry that came from the demo load or an earlier import gets its
old row stored first); a draft open during an import keeps its number and becomes stale
(refused at approval, never published over the import); a dry run records nothing. SQLite
and real PostgreSQL."""

from __future__ import annotations

import csv
import shutil
from datetime import date

import pytest
from sqlalchemy import func, select

from seat_app.cli import main
from seat_app.domain import kb_upkeep as ku
from seat_app.services import config
from seat_app.services.kb import io as kb_io
from seat_app.services.kb import upkeep
from seat_app.services.kb.rows import HEADERS
from seat_app.services.store import make_engine, upgrade
from seat_app.services.store.models import KBEntry
from seat_app.services.store.models_kb_upkeep import KBVersion, KBVersionEvent

pytestmark = pytest.mark.kb_upkeep

FIELDS = ("code", "kind", "title", "matter", "area", "unit", "answer", "keywords")
BASE = {
    "KB-IMP-1": {
        "kind": "热点通知",
        "title": "盐湖区停水通知",
        "matter": "停水",
        "area": "盐湖区",
        "unit": "盐湖区供水公司",
        "answer": "分区停水检修，请提前储水。",
        "keywords": "停水、没水了",
    },
    "KB-IMP-2": {
        "kind": "办事指南",
        "title": "公积金提取",
        "matter": "公积金提取",
        "area": "盐湖区",
        "unit": "运城市住房公积金中心",
        "answer": "带身份证办理。",
        "keywords": "公积金",
    },
}


def write(path, entries: dict[str, dict]) -> str:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([HEADERS[f] for f in FIELDS])
        for code, values in entries.items():
            w.writerow([code] + [values[f] for f in FIELDS[1:]])
    return str(path)


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("kb-import-versions") / "template.sqlite3"
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


def count(engine, table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def entry_version(engine, code) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(KBEntry.version).where(KBEntry.code == code)).scalar_one())


def test_import_records_versions_like_an_edit(central, tmp_path):
    path = write(tmp_path / "first.csv", BASE)
    dry = kb_io.import_file(central, path, dry_run=True)
    assert dry.inserted == 2 and count(central, KBVersion) == count(central, KBVersionEvent) == 0

    assert kb_io.import_file(central, path).inserted == 2
    svc = upkeep.Upkeep(central, "2001")
    h = svc.history("KB-IMP-1")
    (v1,) = h.versions
    assert (v1.number, v1.state, v1.author, v1.base) == (1, ku.State.PUBLISHED, "kb-import", None)
    assert "first.csv" in v1.note and {c.field for c in v1.changes} >= {"title", "answer"}
    assert [(e.action, e.who) for e in h.events] == [("imported", "kb-import")]

    # a changed row: v2 published with the diff, v1 superseded; the unchanged one is left
    changed = {**BASE, "KB-IMP-1": {**BASE["KB-IMP-1"], "answer": "7月30日恢复供水。"}}
    report = kb_io.import_file(central, write(tmp_path / "second.csv", changed))
    assert (report.updated, report.unchanged) == (1, 1)
    h = svc.history("KB-IMP-1")
    assert [(v.number, v.state) for v in h.versions] == [
        (1, ku.State.SUPERSEDED),
        (2, ku.State.PUBLISHED),
    ]
    assert [(c.field, c.new) for c in h.versions[1].changes] == [("answer", "7月30日恢复供水。")]
    assert h.versions[1].base == 1 and entry_version(central, "KB-IMP-1") == 2
    assert len(svc.history("KB-IMP-2").versions) == 1

    # the review flow goes on from the imported version
    editor = upkeep.Upkeep(central, "6001")
    h = editor.draft("KB-IMP-1", {**BASE["KB-IMP-1"], "code": "KB-IMP-1", "answer": "已恢复。"})
    assert (h.open.number, h.open.base) == (3, 2)
    editor.submit("KB-IMP-1", 3)
    svc.approve("KB-IMP-1", 3)
    assert entry_version(central, "KB-IMP-1") == 3

    # a draft open while an import changes the entry: the import takes the next number,
    # the draft keeps its own and is refused as stale at approval
    h = editor.draft("KB-IMP-1", {**BASE["KB-IMP-1"], "code": "KB-IMP-1", "answer": "草稿"})
    assert h.open.number == 4
    editor.submit("KB-IMP-1", 4)
    third = {**BASE, "KB-IMP-1": {**BASE["KB-IMP-1"], "answer": "导入的新口径。"}}
    kb_io.import_file(central, write(tmp_path / "third.csv", third))
    assert entry_version(central, "KB-IMP-1") == 5
    h = svc.history("KB-IMP-1")
    assert [(v.number, v.state) for v in h.versions] == [
        (1, ku.State.SUPERSEDED),
        (2, ku.State.SUPERSEDED),
        (3, ku.State.SUPERSEDED),
        (4, ku.State.IN_REVIEW),
        (5, ku.State.PUBLISHED),
    ]
    with pytest.raises(ku.TransitionRefused):
        svc.approve("KB-IMP-1", 4)
    with central.connect() as conn:
        answer = conn.execute(select(KBEntry.answer).where(KBEntry.code == "KB-IMP-1")).scalar()
    assert answer == "导入的新口径。"


def test_entries_of_the_demo_load_get_their_old_row_as_the_version_before(central, tmp_path):
    kb_io.load_entries(
        central,
        [
            {
                "code": code,
                **values,
                "version": 1,
                "status": "已发布",
                "valid_from": None,
                "valid_to": date(2026, 7, 30),
            }
            for code, values in BASE.items()
        ],
    )
    assert count(central, KBVersion) == 0
    changed = {"KB-IMP-2": {**BASE["KB-IMP-2"], "title": "住房公积金提取"}}
    kb_io.import_file(central, write(tmp_path / "fix.csv", changed))
    h = upkeep.Upkeep(central, "2001").history("KB-IMP-2")
    assert [(v.number, v.state, v.author) for v in h.versions] == [
        (1, ku.State.SUPERSEDED, "import"),
        (2, ku.State.PUBLISHED, "kb-import"),
    ]
    assert [c.field for c in h.versions[1].changes] == ["title", "valid_to"]
    assert "KB-IMP-1" not in {v.code for v in upkeep.Upkeep(central, "2001").open_versions()}


def test_kb_history_lists_an_imported_version(seat_home, tmp_path, capsys):
    path = write(tmp_path / "kb.csv", BASE)
    assert main(["kb", "import", path]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "kb", "history", "KB-IMP-1"]) == 0
    out = capsys.readouterr().out
    assert "version 1 [published] kb-import" in out and "kb.csv" in out
    engine = make_engine(config.open_home().central_url)
    try:
        assert count(engine, KBVersion) == 2
    finally:
        engine.dispose()

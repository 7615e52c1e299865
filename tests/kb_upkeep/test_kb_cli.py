"""``seat-admin kb publish | expire --dry-run | corrections [--json] | misses --since DATE
[--json] | history CODE`` on a real central file in SEAT_HOME."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from seat_app.cli import main
from seat_app.domain import kb_upkeep as ku
from seat_app.services import config
from seat_app.services.kb import corrections, searchlog, upkeep
from seat_app.services.local.store import LocalStore
from seat_app.services.store import make_engine, upgrade
from seat_app.services.sync.engine import push_outbox

pytestmark = pytest.mark.kb_upkeep

TODAY = datetime.now(UTC).date()
VALUES = {
    "code": "KB-C-1", "kind": "热点通知", "title": "供暖延期通知", "matter": "停水",
    "area": "盐湖区", "unit": "", "answer": "供暖延长至3月31日。",
}


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    """One migrated central file per module, copied for each test (migrating is slow)."""
    path = tmp_path_factory.mktemp("kb-central") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, create=True)
    engine.dispose()
    return path


@pytest.fixture
def central(seat_home, sqlite_template):
    home = config.open_home()
    home.ensure()
    shutil.copy(sqlite_template, home.central_db_path)
    engine = make_engine(home.central_url)
    yield engine
    engine.dispose()


def test_publish_then_history(central, capsys):
    editor = upkeep.Upkeep(central, "6001")
    editor.create(VALUES)
    editor.submit("KB-C-1", 1)
    editor.create({**VALUES, "code": "KB-C-2"})
    editor.submit("KB-C-2", 1)
    assert main(["kb", "publish", "--by", "6001"]) == 1  # the author: refused, said why
    out = capsys.readouterr()
    assert "不能审核" in out.err or "自己" in out.err
    assert main(["kb", "publish", "--by", "2001", "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(x["code"], x["version"]) for x in lines] == [("KB-C-1", 1), ("KB-C-2", 1)]
    assert main(["kb", "history", "KB-C-1"]) == 0
    out = capsys.readouterr().out
    assert "第 1 版 [已发布] 6001" in out and "审核 2001" in out
    assert main(["kb", "history", "KB-NONE"]) == 1


def test_expire_dry_run_changes_nothing(central, capsys):
    editor, lead = upkeep.Upkeep(central, "6001"), upkeep.Upkeep(central, "2001")
    editor.create({**VALUES, "valid_from": TODAY - timedelta(days=30),
                   "valid_to": TODAY - timedelta(days=1)})
    editor.submit("KB-C-1", 1)
    lead.approve("KB-C-1", 1)
    assert main(["kb", "expire", "--dry-run", "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["code"] for r in rows] == ["KB-C-1"]
    assert lead.entry("KB-C-1")["status"] == "已发布"
    assert main(["kb", "expire", "--dry-run", "--date", "2026-13-01"]) == 2
    assert main(["kb", "expire"]) == 0
    assert lead.entry("KB-C-1")["status"] == "已下线"


def test_corrections_and_misses(central, capsys, tmp_path):
    store = LocalStore.open_path(tmp_path / "seat.sqlite3", seat_code="S02")
    buf = searchlog.SearchLogBuffer()
    try:
        corrections.file_correction(store, "KB-C-1", 1, "wrong", "时间写错了", agent="1001")
        corrections.file_correction(store, "KB-C-1", 1, "outdated", "", agent="1002")
        for _ in range(3):
            buf.searched("暖气不热 身份证110101199003071234", [{"code": "KB-C-1"}])
            buf.flush(store, all_=True)  # separate searches
        buf.searched("暖气", [{"code": "KB-C-1"}])
        buf.inserted("KB-C-1", "停水")
        buf.flush(store, all_=True)
        push_outbox(store, central)
    finally:
        store.close()
    assert main(["kb", "corrections", "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert sorted(r["kind"] for r in rows) == ["outdated", "wrong"]
    assert main(["kb", "corrections"]) == 0
    assert capsys.readouterr().out.startswith("KB-C-1\t2\t")
    since = (TODAY - timedelta(days=2)).isoformat()
    assert main(["kb", "misses", "--since", since, "--json"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows == [{"query": "暖气不热 身份证[证件号]", "searches": 3, "opened": 0,
                     "inserted": 0}]
    with central.connect() as conn:  # nothing personal reached the central log
        logged = " ".join(conn.execute(text("SELECT query FROM kb_search_log")).scalars())
    assert "110101" not in logged
    assert main(["kb", "misses", "--since", "yesterday"]) == 2
    assert main(["kb", "misses", "--since", "2026-12-31", "--until", "2026-01-01"]) == 2
    assert ku.Period(date(2026, 1, 1), date(2026, 1, 2))


def test_log_bench_prints_figures_and_a_baseline(seat_home, capsys):
    assert main(["kb", "log-bench", "--keys", "300"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["flush_records"] == 300
    assert out["search_log"]["median_us"] > out["baseline_noop"]["median_us"] > 0

"""``seat-admin cases import`` on a real central database (SQLite and PostgreSQL): every
row validated like a case saved at a seat, every bad row reported with row/column/reason,
a file with errors changes nothing, idempotent on the source's case number; the command's
exit codes and messages."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from seat_app.cli import main
from seat_app.services.analysis.case_import import import_cases, parse_received
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Case
from tests.analysis.helpers import ZH_HEADERS, good_row, to_english, write_csv, write_json

pytestmark = pytest.mark.analysis


def _central(url: str):
    engine = make_engine(url)
    upgrade(engine)
    assert import_grid(engine, demo_grid_path()).ok
    return engine


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("central") / "template.sqlite3"
    _central(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("pg", marks=pytest.mark.pg)])
def engine(request, tmp_path, sqlite_template):
    if request.param == "sqlite":
        shutil.copy(sqlite_template, tmp_path / "central.sqlite3")
        eng = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    else:
        eng = _central(request.getfixturevalue("pg_migrated_url"))
    yield eng
    eng.dispose()


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Case)).scalar_one()


def test_import_then_again_adds_nothing(engine, tmp_path):
    rows = [good_row(i) for i in range(30)]
    rows[3].update({"办理方式": "转派", "承办单位": "运城市城市管理局", "状态": "已转派"})
    rows[4].update({"渠道": "APP", "来电号码": "", "来电人": ""})
    rows[5].update({"渠道": "微信", "状态": "办结"})  # other systems' words
    path = write_csv(tmp_path / "history.csv", rows)
    before = _count(engine)
    report = import_cases(engine, path)
    assert report.ok and report.added == 30 and report.already == 0
    assert _count(engine) == before + 30
    again = import_cases(engine, path)
    assert again.ok and again.added == 0 and again.already == 30
    assert _count(engine) == before + 30
    with engine.connect() as conn:
        got = conn.execute(select(Case.status, Case.handling, Case.handling_unit, Case.domain,
                                  Case.accepted_at, Case.caller_address)
                           .where(Case.case_number.in_(["GD2024000003", "GD2024000000"]))
                           .order_by(Case.case_number)).all()
        imports = conn.execute(text("SELECT rows, added, already FROM case_imports "
                                    "ORDER BY imported_at")).all()
    assert got[0].status == "已办结" and got[0].handling == "直接办理"  # no 状态: closed
    assert got[0].domain  # derived from the matter
    assert got[0].accepted_at == datetime(2024, 3, 1, 1, 0, tzinfo=UTC)  # 09:00 local
    assert got[0].caller_address == "北城街道康馨小区1号楼"
    assert (got[1].status, got[1].handling, got[1].handling_unit) == (
        "已转派", "转派", "运城市城市管理局")
    assert [tuple(r) for r in imports] == [(30, 30, 0), (30, 0, 30)]


def test_one_bad_file_changes_nothing_and_names_every_bad_row(engine, tmp_path):
    rows = [good_row(i) for i in range(10)]
    rows[1]["事项"] = "不存在的事项"
    rows[2]["区域"] = "火星区"
    rows[3]["受理时间"] = "上周二"
    rows[4]["来电号码"] = ""  # a phone case without the caller's phone
    rows[5]["工单号"] = rows[0]["工单号"]
    rows[6].update({"状态": "已回复"})  # only a dispatched case can be replied
    rows[7].update({"办理方式": "转派", "承办单位": "不存在的单位"})
    rows[8]["诉求内容"] = "停水\u202e三天"  # a bidi override
    rows[9]["渠道"] = "飞鸽传书"
    path = write_csv(tmp_path / "bad.csv", rows)
    before = _count(engine)
    report = import_cases(engine, path)
    assert not report.ok
    where = {(e.row, e.column) for e in report.errors}
    # the header is line 1, so the i-th data row is line i + 2
    assert where == {(3, "事项"), (4, "区域"), (5, "受理时间"), (6, "来电号码"), (7, "工单号"),
                     (8, "状态"), (9, "承办单位"), (10, "诉求内容"), (11, "渠道")}
    assert all(e.zh and e.en for e in report.errors)
    assert _count(engine) == before
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM case_imports")).scalar_one() == 0


def test_english_json_and_xlsx_with_time_cells(engine, tmp_path):
    rows = [to_english(good_row(i)) for i in range(5)]
    for r in rows:
        for k in ("handling", "handling_unit", "reply_text", "status"):
            del r[k]  # the optional columns may be absent
    report = import_cases(engine, write_json(tmp_path / "h.json", rows))
    assert report.ok and report.added == 5
    wb = Workbook()
    ws = wb.active
    ws.append([*ZH_HEADERS, "备注"])
    for i in range(5, 8):
        r = good_row(i)
        ws.append([r[h] if h != "受理时间" else datetime(2024, 5, i, 22, 30) for h in ZH_HEADERS]
                  + ["多余的列"])
    wb.save(tmp_path / "h.xlsx")
    report = import_cases(engine, tmp_path / "h.xlsx")
    assert report.ok and report.added == 3 and report.ignored_columns == ("备注",)
    with engine.connect() as conn:
        at = conn.execute(select(Case.accepted_at).where(
            Case.case_number == "GD2024000005")).scalar_one()
    assert at == datetime(2024, 5, 5, 14, 30, tzinfo=UTC)


def test_missing_required_column_is_a_file_error(engine, tmp_path):
    headers = [h for h in ZH_HEADERS if h != "地点"]
    report = import_cases(engine, write_csv(tmp_path / "x.csv", [good_row(1)], headers))
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(None, "地点")]


def test_parse_received_forms():
    want = datetime(2024, 3, 5, 0, 30, tzinfo=UTC)
    for s in ("2024-03-05 08:30", "2024/3/5 8:30:00", "2024年3月5日 08:30", "2024-03-05T08:30:00",
              "2024-03-05T00:30:00+00:00"):
        assert parse_received(s) == want, s
    assert parse_received("3月5日") is None
    assert parse_received(None) is None


def test_command_exit_codes(tmp_path, seat_home, capsys):
    from seat_app.services import config

    _central(config.open_home().central_url).dispose()
    good = write_csv(tmp_path / "g.csv", [good_row(i) for i in range(3)])
    assert main(["cases", "import", str(good)]) == 0
    out = capsys.readouterr().out
    assert "新增 3" in out
    assert main(["--lang", "en", "cases", "import", str(good)]) == 0
    assert "0 added, 3 already there" in capsys.readouterr().out
    bad = write_csv(tmp_path / "b.csv", [good_row(9, 事项="没有这个")])
    assert main(["cases", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "第 2 行 [事项]" in err and "未作任何修改" in err
    assert main(["cases", "import", str(tmp_path / "missing.xlsx")]) == 2


"""Issue 10, rows 6 and 7, and "kb import is invisible to kb search on the same machine".

Row 6: NUL, other C0/C1 controls, lone surrogates and bidi overrides in a KB import are
refused per row and column with the reason, on SQLite and on PostgreSQL (real server), and
nothing is written; through ``seat-admin`` on PostgreSQL no traceback, SQL statement or
row parameters reach the user.
Row 7: a CSV cell over 131,072 characters, even in an ignored column, is reported with its
row, its column and the limit.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from seat_app.cli import main
from seat_app.demo import kb as kb_demo
from seat_app.services.kb import io as kb_io
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import KB_FIELDS, KBEntry

pytestmark = pytest.mark.integrity
T = KBEntry.__table__
HEADERS_ZH = [kb_io.HEADERS[f] for f in KB_FIELDS]


def sample(n: int, seed: int) -> list[dict]:
    out = []
    for e in kb_demo.generate_entries(n, seed=seed):
        e = dict(e)
        e.pop("id")
        e["code"] = "KB-" + e["code"].removeprefix(kb_demo.DEMO_CODE_PREFIX)
        out.append(e)
    return out


def table(entries: list[dict], extra: dict[str, list[str]] | None = None):
    headers = [*HEADERS_ZH, *(extra or {})]
    rows = []
    for i, e in enumerate(entries):
        row = ["" if e[f] is None else (e[f].isoformat() if hasattr(e[f], "isoformat") else e[f])
               for f in KB_FIELDS]
        rows.append(row + [col[i] for col in (extra or {}).values()])
    return headers, rows


def write_csv(path: Path, headers: list[str], rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        w.writerows(rows)
    return path


def write_json(path: Path, headers: list[str], rows: list[list]) -> Path:
    data = [dict(zip(headers, r, strict=True)) for r in rows]
    path.write_text(json.dumps(data, ensure_ascii=True), "utf-8")  # \\ud800 stays an escape
    return path


def count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(T)).scalar_one()


# (field, bad value, code point named in the reason); the spreadsheet row is index + 2
BAD = [
    ("title", "水费\x00缴纳", "U+0000"),
    ("answer", "请按\x07提示办理", "U+0007"),
    ("unit", "市水务局\x85", "U+0085"),
    ("title", "退款\u202egnp.exe", "U+202E"),
    ("answer", "先\u2066隔离\u2069再办", "U+2066"),
    ("code", "KB-\x1b[31m", "U+001B"),
    ("title", "两行\n标题", "U+000A"),  # a title is one line
]
SURROGATE = ("place", "服务大厅\ud800", "U+D800")  # only JSON can carry a lone surrogate


def bad_file(tmp_path: Path, fmt: str) -> tuple[Path, dict[tuple[int, str], str], int]:
    cases = BAD + ([SURROGATE] if fmt == "json" else [])
    entries = sample(len(cases) + 2, seed=21)
    expect: dict[tuple[int, str], str] = {}
    for i, (name, value, code) in enumerate(cases):
        entries[i][name] = value
        row = i + 1 if fmt == "json" else i + 2
        expect[(row, kb_io.HEADERS[name])] = code
    entries[-1]["answer"] = "第一步\n第二步\t（表格）\r\n第三步"  # long text may hold these
    headers, rows = table(entries)
    writer = write_json if fmt == "json" else write_csv
    return writer(tmp_path / f"bad.{fmt}", headers, rows), expect, len(entries)


def check_refused(engine, path: Path, expect: dict[tuple[int, str], str]) -> None:
    report = kb_io.import_file(engine, path)
    got = {(e.row, e.column): e for e in report.errors}
    assert set(got) == set(expect), [e.line("en") for e in report.errors]
    for key, code in expect.items():
        assert code in got[key].zh and code in got[key].en
        assert "第" in got[key].line("zh") and f"Row {key[0]}" in got[key].line("en")
    assert report.inserted == 0 and count(engine) == 0  # nothing written


@pytest.fixture
def sqlite_engine(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_control_characters_refused_per_row_and_column_on_sqlite(sqlite_engine, tmp_path, fmt):
    path, expect, _ = bad_file(tmp_path, fmt)
    check_refused(sqlite_engine, path, expect)


@pytest.mark.pg
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_control_characters_refused_per_row_and_column_on_postgres(pg_url, tmp_path, fmt):
    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        path, expect, n = bad_file(tmp_path, fmt)
        check_refused(engine, path, expect)
        # the good rows alone import on PostgreSQL (multi-line long text included)
        headers, rows = table(sample(n, seed=21)[len(expect):])
        report = kb_io.import_file(engine, write_csv(tmp_path / "good.csv", headers, rows))
        assert report.ok and count(engine) == len(rows)
    finally:
        engine.dispose()


@pytest.mark.pg
def test_seat_admin_on_postgres_refuses_nul_without_traceback_or_parameters(pg_url, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"central_url": pg_url}), "utf-8")
    path, _expect, _ = bad_file(tmp_path, "csv")
    env = {**os.environ, "SEAT_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "seat_app.cli", "kb", "import", str(path)],
                          capture_output=True, text=True, env=env, timeout=120)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "第 2 行 [标题]" in out and "U+0000" in out and "未做任何修改" in out
    for leak in ("Traceback", "INSERT INTO", "[parameters", "psycopg", "水费\x00"):
        assert leak not in out


def test_huge_cell_in_an_ignored_column_names_row_column_and_limit(sqlite_engine, tmp_path):
    entries = sample(4, seed=31)
    limit = kb_io.CELL_LIMIT
    remarks = ["", "x" * (limit + 1), "y" * limit, ""]  # row 3 over, row 4 at the limit
    headers, rows = table(entries, {"备注": remarks})
    rows[3][HEADERS_ZH.index("答复口径")] = "长" * (limit + 5)  # a known column too
    path = write_csv(tmp_path / "huge.csv", headers, rows)
    report = kb_io.import_file(sqlite_engine, path)
    lines = {(e.row, e.column): e for e in report.errors}
    assert set(lines) == {(3, "备注"), (5, "答复口径")}, [e.line("en") for e in report.errors]
    assert str(limit) in lines[(3, "备注")].zh and str(limit + 1) in lines[(3, "备注")].en
    assert str(limit) in lines[(5, "答复口径")].en
    assert count(sqlite_engine) == 0

    rows = rows[:3]  # without the bad rows: a cell of exactly the limit is fine
    rows.pop(1)
    ok = kb_io.import_file(sqlite_engine, write_csv(tmp_path / "ok.csv", headers, rows))
    assert ok.ok and ok.inserted == 2
    assert csv.field_size_limit() == 131_072  # the process-wide limit is restored


def test_huge_cell_through_seat_admin_is_one_located_message(seat_home, tmp_path, capsys):
    headers, rows = table(sample(2, seed=32), {"备注": ["", "z" * 200_000]})
    path = write_csv(tmp_path / "huge.csv", headers, rows)
    assert main(["--lang", "en", "kb", "import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Row 3 [备注]: cell too long (200000 characters; at most 131072 per cell)" in out
    assert "Traceback" not in out


def test_kb_import_is_searchable_on_the_same_machine_at_once(seat_home, tmp_path, capsys):
    entries = sample(6, seed=40)
    headers, rows = table(entries)
    assert main(["kb", "import", str(write_csv(tmp_path / "a.csv", headers, rows))]) == 0
    assert "本机知识库副本已更新（6 条）" in capsys.readouterr().out
    assert main(["kb", "search", entries[0]["title"], "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert entries[0]["code"] in [h["code"] for h in hits]

    # a second import after the index exists: applied incrementally, found without a sync
    fresh = sample(7, seed=41)[-1]
    fresh.update(code="KB-NAUTILUS-1", title="鹦鹉螺号潜水器补贴申领", keywords="鹦鹉螺号")
    headers, rows = table([fresh])
    assert main(["kb", "import", str(write_csv(tmp_path / "b.csv", headers, rows))]) == 0
    assert "（1 条）" in capsys.readouterr().out
    assert main(["kb", "search", "鹦鹉螺号潜水器", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and hits[0]["code"] == "KB-NAUTILUS-1"


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("deep.json", "[" * 200_000 + "]" * 200_000, "nested too deeply"),
    ("nul-header.csv", "编号\x00,标题\n1,2\n", "unrecognised text encoding"),
])
def test_hostile_files_are_one_file_level_error(sqlite_engine, tmp_path, name, content,
                                                fragment):
    path = tmp_path / name
    path.write_text(content, "utf-8")
    report = kb_io.import_file(sqlite_engine, path)
    assert [e.row for e in report.errors] == [None]
    assert fragment in report.errors[0].en and count(sqlite_engine) == 0

"""KB bulk load, stats, import validation, upsert, export round trip and the CLI (SQLite)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select, text, update

from seat_app.cli import main
from seat_app.demo import kb as kb_demo
from seat_app.services.kb import io as kb_io
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import KB_FIELDS, KBEntry

T = KBEntry.__table__
HEADERS_ZH = [kb_io.HEADERS[f] for f in KB_FIELDS]


@pytest.fixture
def engine(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(eng)
    yield eng
    eng.dispose()


def counter(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT COALESCE(MAX(value), 0) FROM change_counter")).scalar()


def rows_by_code(engine) -> dict[str, dict]:
    with engine.connect() as conn:
        return {r["code"]: dict(r) for r in conn.execute(select(T)).mappings()}


def sample(n: int = 30, seed: int = 99) -> list[dict]:
    """Realistic rows: demo entries with import-style codes."""
    out = []
    for e in kb_demo.generate_entries(n, seed=seed):
        e = dict(e)
        e.pop("id")
        e["code"] = "KB-" + e["code"].removeprefix(kb_demo.DEMO_CODE_PREFIX)
        out.append(e)
    return out


def cell(value) -> object:
    return "" if value is None else value


def write_xlsx(path: Path, headers: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[list], encoding="utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh)
        w.writerow(headers)
        for r in rows:
            w.writerow(["" if v is None else (v.isoformat() if isinstance(v, date) else v)
                        for v in r])
    return path


def write_json(path: Path, headers: list[str], rows: list[list]) -> Path:
    data = [
        {h: (v.isoformat() if isinstance(v, date) else v) for h, v in zip(headers, r, strict=True)}
        for r in rows
    ]
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


WRITERS = {"xlsx": write_xlsx, "csv": write_csv, "json": write_json}


def as_table(entries: list[dict], chinese: bool = True) -> tuple[list[str], list[list]]:
    headers = HEADERS_ZH if chinese else list(KB_FIELDS)
    return headers, [[cell(e[f]) for f in KB_FIELDS] for e in entries]


def assert_stored(engine, entries: list[dict]) -> None:
    stored = rows_by_code(engine)
    for e in entries:
        row = stored[e["code"]]
        for f in KB_FIELDS:
            assert row[f] == e[f], (e["code"], f, row[f], e[f])


# ─── load and stats ──────────────────────────────────────────────────────────────────


def test_load_entries_one_change_seq_and_progress(engine):
    before = counter(engine)
    calls = []
    n = kb_io.load_entries(
        engine, kb_demo.generate_entries(4_500), total=4_500,
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    assert n == 4_500
    assert counter(engine) == before + 1
    with engine.connect() as conn:
        seqs = conn.execute(select(T.c.change_seq).distinct()).scalars().all()
        assert seqs == [before + 1]
        assert conn.execute(select(T.c.revision).distinct()).scalars().all() == [1]
    assert calls[-1][1:] == (4_500, 4_500)
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)
    first = next(kb_demo.generate_entries(1))
    stored = rows_by_code(engine)[first["code"]]
    assert stored["id"] == first["id"]
    assert {f: stored[f] for f in KB_FIELDS} == {f: first[f] for f in KB_FIELDS}


def test_kb_stats_counts_non_deleted(engine):
    assert kb_io.kb_stats(engine) == {"entries": 0, "matters": 0, "areas": 0, "distinct_titles": 0}
    entries = list(kb_demo.generate_entries(3_000))
    kb_io.load_entries(engine, entries)
    expected = {
        "entries": 3_000,
        "matters": len({e["matter"] for e in entries}),
        "areas": len({e["area"] for e in entries}),
        "distinct_titles": len({e["title"] for e in entries}),
    }
    assert kb_io.kb_stats(engine) == expected
    with engine.begin() as conn:
        conn.execute(update(T).where(T.c.code == entries[0]["code"]).values(deleted=True))
    assert kb_io.kb_stats(engine)["entries"] == 2_999


# ─── good files ──────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
@pytest.mark.parametrize("chinese", [True, False])
def test_import_good_file(engine, tmp_path, fmt, chinese):
    entries = sample(25)
    headers, rows = as_table(entries, chinese)
    path = WRITERS[fmt](tmp_path / f"good.{fmt}", headers, rows)
    before = counter(engine)
    report = kb_io.import_file(engine, path)
    assert report.ok, [e.line() for e in report.errors]
    assert (report.rows, report.inserted, report.updated, report.unchanged) == (25, 25, 0, 0)
    assert report.change_seq == before + 1 == counter(engine)
    assert_stored(engine, entries)
    with engine.connect() as conn:
        assert set(conn.execute(select(T.c.change_seq)).scalars()) == {before + 1}


def test_csv_gbk_and_optional_columns(engine, tmp_path):
    """A GBK CSV from an old Excel with only the required columns and loose formats."""
    headers = ["编号", "类别", "标题", "事项", "区域", "答复口径", "关键词", "生效日期", "备注"]
    rows = [
        ["KB-001", "常见问题", "楼下烧烤店吵到半夜怎么办", "社会生活噪声", "盐湖区",
         "您好，可以反映给城市管理部门。", "烧烤太吵，吵到半夜;扰民", "2024/3/1", "内部备注"],
        ["KB-002", "办事指南", "公积金提取办理指南", "公积金提取", "市直", "您好，带身份证办理。",
         "", "", ""],
    ]
    path = write_csv(tmp_path / "gbk.csv", headers, rows, encoding="gbk")
    report = kb_io.import_file(engine, path)
    assert report.ok, [e.line() for e in report.errors]
    stored = rows_by_code(engine)
    assert stored["KB-001"]["domain"] == "生态环境"
    assert stored["KB-001"]["subcategory"] == "噪声污染"
    assert stored["KB-001"]["keywords"] == "烧烤太吵、吵到半夜、扰民"
    assert stored["KB-001"]["valid_from"] == date(2024, 3, 1)
    assert stored["KB-002"]["status"] == "已发布" and stored["KB-002"]["version"] == 1


def test_reimport_updates_only_changed_rows(engine, tmp_path):
    entries = sample(10)
    headers, rows = as_table(entries)
    path = write_xlsx(tmp_path / "kb.xlsx", headers, rows)
    assert kb_io.import_file(engine, path).inserted == 10
    first = rows_by_code(engine)

    same = kb_io.import_file(engine, path)
    assert (same.inserted, same.updated, same.unchanged, same.change_seq) == (0, 0, 10, None)
    assert rows_by_code(engine) == first

    changed = [dict(e) for e in entries]
    changed[3]["answer"] = "您好，新的答复口径。"
    new = dict(changed[0], code="KB-NEW-1", title="新增条目")
    headers, rows = as_table([*changed, new])
    report = kb_io.import_file(engine, write_csv(tmp_path / "kb2.csv", headers, rows))
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 9)
    after = rows_by_code(engine)
    code = changed[3]["code"]
    assert after[code]["answer"] == "您好，新的答复口径。"
    assert after[code]["revision"] == first[code]["revision"] + 1
    assert after[code]["version"] == first[code]["version"] + 1
    assert after[code]["change_seq"] == report.change_seq == after["KB-NEW-1"]["change_seq"]
    assert after[code]["id"] == first[code]["id"]
    untouched = changed[5]["code"]
    assert after[untouched] == first[untouched]


def test_dry_run_changes_nothing(engine, tmp_path):
    headers, rows = as_table(sample(5))
    before = counter(engine)
    report = kb_io.import_file(engine, write_json(tmp_path / "x.json", headers, rows), dry_run=True)
    assert report.ok and report.inserted == 5
    assert rows_by_code(engine) == {} and counter(engine) == before


# ─── bad files ───────────────────────────────────────────────────────────────────────


def bad_rows() -> tuple[list[str], list[list], dict[tuple[int, str], str]]:
    """One row per kind of error; returns headers, rows and {(row, column): en fragment}."""
    entries = sample(12)
    headers, rows = as_table(entries)
    col = {f: i for i, f in enumerate(KB_FIELDS)}
    expect: dict[tuple[int, str], str] = {}

    def bad(i: int, field: str, value, fragment: str) -> None:
        rows[i][col[field]] = value
        expect[(i + 2, kb_io.HEADERS[field])] = fragment

    bad(0, "title", "", "required")
    bad(1, "matter", "外星人入侵", "unknown matter")
    bad(2, "area", "太原市", "unknown area")
    rows[3][col["matter"]] = "停水"
    rows[3][col["subcategory"]] = "供水"
    bad(3, "domain", "城乡建设", "not under domain")
    bad(4, "valid_from", "2024-13-45", "bad date")
    rows[5][col["valid_from"]] = "2025-06-01"
    bad(5, "valid_to", "2025-01-01", "before")
    bad(6, "title", "长" * 201, "too long")
    bad(7, "kind", "闲聊", "unknown kind")
    bad(8, "version", "三", "positive whole number")
    bad(9, "status", "作废", "unknown status")
    rows[11][col["code"]] = rows[10][col["code"]]
    expect[(13, "编号")] = "duplicates row"
    return headers, rows, expect


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_bad_file_reports_every_error_and_changes_nothing(engine, tmp_path, fmt):
    kb_io.load_entries(engine, sample(3, seed=5))
    snapshot, seq = rows_by_code(engine), counter(engine)
    headers, rows, expect = bad_rows()
    path = WRITERS[fmt](tmp_path / f"bad.{fmt}", headers, rows)

    rows_ok, errors = kb_io.validate_file(path)
    assert rows_ok == []
    # JSON rows are numbered by position (first object = 1), spreadsheets by sheet row
    shift = 1 if fmt == "json" else 0
    got = {(e.row, e.column): e for e in errors}
    assert len(errors) == len(expect)
    for (row, column), fragment in expect.items():
        e = got[(row - shift, column)]
        assert fragment in e.en and e.zh
        assert e.line("zh").startswith(f"第 {row - shift} 行 [{column}]: ")

    report = kb_io.import_file(engine, path)
    assert not report.ok and report.inserted == report.updated == 0
    assert rows_by_code(engine) == snapshot and counter(engine) == seq


@pytest.mark.parametrize(
    "name, content, fragment",
    [
        ("fake.xlsx", b"this is not a zip", "not a valid Excel"),
        ("broken.json", '[{"编号": "A",}]'.encode(), "bad JSON"),
        ("object.json", b'{"code": "A"}', "list of objects"),
        ("binary.csv", b"\x80\xff\xfe\x00code,title", "encoding"),
        ("notes.txt", "编号,标题".encode(), "unsupported file type"),
        ("empty.csv", b"", "empty"),
        ("headers.csv", "编号,标题,事项\nA,B,停水\n".encode(), "required column"),
    ],
)
def test_malformed_files(engine, tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    report = kb_io.import_file(engine, path)
    assert not report.ok
    assert any(fragment in e.en for e in report.errors), [e.en for e in report.errors]
    assert all(e.zh for e in report.errors)
    assert rows_by_code(engine) == {} and counter(engine) == 0


def test_missing_file(engine, tmp_path):
    report = kb_io.import_file(engine, tmp_path / "nope.xlsx")
    assert not report.ok and "no such file" in report.errors[0].en


# ─── export ──────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_export_import_round_trip(engine, tmp_path, fmt):
    entries = list(kb_demo.generate_entries(400, seed=3))
    kb_io.load_entries(engine, entries)
    with engine.begin() as conn:  # a tombstoned entry is not exported
        conn.execute(update(T).where(T.c.code == entries[0]["code"]).values(deleted=True))
    path = tmp_path / f"kb.{fmt}"
    assert kb_io.export_file(engine, path) == 399

    if fmt == "xlsx":
        header = next(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))
        assert list(header) == HEADERS_ZH

    same = kb_io.import_file(engine, path)  # into the same database: nothing changes
    assert same.ok and (same.unchanged, same.updated, same.inserted) == (399, 0, 0)

    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        upgrade(other)
        report = kb_io.import_file(other, path)
        assert report.ok and report.inserted == 399
        assert_stored(other, entries[1:])
    finally:
        other.dispose()


def test_export_rejects_unknown_extension(engine, tmp_path):
    with pytest.raises(ValueError):
        kb_io.export_file(engine, tmp_path / "kb.doc")


# ─── CLI ─────────────────────────────────────────────────────────────────────────────


def test_cli_stats_json_contract(seat_home, capsys):
    assert main(["kb", "stats", "--json"]) == 1  # no central database yet
    capsys.readouterr()
    engine = make_engine(f"sqlite:///{seat_home / 'central.sqlite3'}")
    upgrade(engine)
    entries = list(kb_demo.generate_entries(500))
    kb_io.load_entries(engine, entries)
    engine.dispose()
    assert main(["kb", "stats", "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    data = json.loads(out[-1])
    assert list(data) == ["entries", "matters", "areas", "distinct_titles"]
    assert data == {
        "entries": 500,
        "matters": len({e["matter"] for e in entries}),
        "areas": len({e["area"] for e in entries}),
        "distinct_titles": len({e["title"] for e in entries}),
    }
    assert main(["kb", "stats"]) == 0
    assert "条目: 500" in capsys.readouterr().out


def test_cli_import_errors_export_and_english(seat_home, tmp_path, capsys):
    headers, rows, expect = bad_rows()
    bad = write_csv(tmp_path / "bad.csv", headers, rows)
    assert main(["kb", "import", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    error_lines = [line for line in out if line.startswith("第 ")]
    assert len(error_lines) == len(expect)
    assert "第 2 行 [标题]: 必填项为空" in error_lines
    assert "未做任何修改" in out[-1]

    assert main(["--lang", "en", "kb", "import", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Row 2 [标题]: required value is missing" in out and "nothing was changed" in out

    headers, rows = as_table(sample(8))
    good = write_xlsx(tmp_path / "good.xlsx", headers, rows)
    assert main(["kb", "import", str(good)]) == 0
    assert "新增 8" in capsys.readouterr().out
    exported = tmp_path / "out.json"
    assert main(["kb", "export", str(exported)]) == 0
    assert len(json.loads(exported.read_text("utf-8"))) == 8
    assert main(["kb", "export", str(tmp_path / "out.pdf")]) == 1
    assert main(["kb", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["entries"] == 8

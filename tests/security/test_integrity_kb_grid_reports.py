"""Issue 10, the same fault class beyond the KB: the grid import (control characters, bidi
overrides, over-long values, a CSV cell over the csv module's 131,072-character limit) and
the report's .xlsx export (a text cell is never a formula)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from seat_app.services.dispatch.grid_import import COLUMNS, demo_grid_path, parse_grid_file
from seat_app.services.reports import periodic as reports

pytestmark = pytest.mark.integrity

GOOD = [tuple(u.get(c) or "" for c in COLUMNS)
        for u in json.loads(demo_grid_path().read_text("utf-8"))["units"]]
FIRST_BAD = len(GOOD) + 2  # the header is line 1


def write_grid(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        w.writerows(rows)
    return path


def test_grid_csv_refuses_unsafe_and_overlong_values_per_row(tmp_path):
    rows = [
        *GOOD,
        ("YC-A1", "运城市\x00供热公司", "市直", "供热", "YC-ZF", ""),
        ("YC-A2", "市燃气\u202e公司", "市直", "燃气", "YC-ZF", ""),
        ("YC-A3", "市" + "很" * 90 + "长的单位", "市直", "城管", "YC-ZF", ""),
        ("YC-A4\x85", "运城市城管支队", "市直", "城管", "YC-ZF", ""),
        ("YC-A5", "运城市公安局", "市直", "公安", "YC-ZF", "z" * 140_000),
    ]
    result = parse_grid_file(write_grid(tmp_path / "grid.csv", rows))
    assert not result.ok and result.grid is None
    got = {(e.row, e.field): e for e in result.errors}
    n = FIRST_BAD
    assert set(got) == {(n, "name"), (n + 1, "name"), (n + 2, "name"), (n + 3, "code"),
                        (n + 4, "township")}
    assert "U+0000" in got[(n, "name")].zh and "U+202E" in got[(n + 1, "name")].en
    assert "80" in got[(n + 2, "name")].en and "U+0085" in got[(n + 3, "code")].en
    assert "140000" in got[(n + 4, "township")].en
    assert csv.field_size_limit() == 131_072

    ok = parse_grid_file(write_grid(tmp_path / "ok.csv", GOOD))
    assert ok.ok and len(ok.grid.units) == len(GOOD)


def test_seat_admin_grid_import_of_hostile_file_is_one_clear_refusal(tmp_path):
    home = tmp_path / "home"
    path = write_grid(tmp_path / "grid.csv",
                      [*GOOD, ("YC-A5", "运城市公安局", "市直", "公安", "YC-ZF", "z" * 140_000)])
    env = {**os.environ, "SEAT_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "seat_app.cli", "--lang", "en", "grid",
                           "import", str(path)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    assert f"row {FIRST_BAD}: township is too long (140000 characters, at most 80)." in done.stderr
    assert "nothing was changed" in done.stderr and "Traceback" not in done.stderr


def test_report_xlsx_labels_are_never_formulas(tmp_path):
    period = reports.day_period(date(2025, 3, 1))
    hostile = "=HYPERLINK(\"http://evil.example\",\"点我\")"
    report = reports.Report(period, None, {"accepted_total": 3},
                            {"channel": [(hostile, 2, 1), ("@SUM(1)", 1, 0)]}, 0.0)
    out = reports.export_xlsx(report, tmp_path / "r.xlsx")
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                      if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml
    sheet = load_workbook(out)["按渠道"]
    assert [c.value for c in sheet["A"]][1:] == [hostile, "@SUM(1)"]
    assert {c.data_type for c in sheet["A"]} == {"s"}
    assert not list(tmp_path.glob("*.tmp"))

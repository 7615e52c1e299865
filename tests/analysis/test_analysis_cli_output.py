"""``seat-admin analysis``'s output contract: with ``--json`` stdout carries JSON only (the
bench's table and every progress line go to stderr); date usage errors follow ``--lang``;
building the parser loads no numpy/scipy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from seat_app.cli import main

pytestmark = pytest.mark.analysis


@pytest.mark.parametrize(
    "argv",
    [
        ["analysis", "run", "--since", "2026-13-40"],
        ["analysis", "run", "--since", "yesterday"],
        ["analysis", "alerts", "--since", "yesterday", "--json"],
        ["analysis", "brief", "--week", "2026-02-30"],
        ["analysis", "brief", "--month", "2026-13"],
    ],
)
def test_bad_dates_follow_the_language_switch(argv, capsys):
    assert main(["--lang", "en", *argv]) == 2
    err = capsys.readouterr().err
    value = next(a for a in argv if a[0].isdigit() or a == "yesterday")
    assert "must be a" in err and value in err, err
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in err), err
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "应为" in err and ("YYYY-MM" in err)


def test_run_json_prints_json_only_even_with_nothing_to_do(seat_home, capsys):
    from seat_app.services import config
    from seat_app.services.store.engine import make_engine, upgrade

    engine = make_engine(config.open_home().central_url)
    upgrade(engine)
    engine.dispose()
    assert main(["analysis", "run", "--json"]) == 0
    out = capsys.readouterr()
    assert out.out == ""  # no case: no pass, and no sentence on stdout
    assert "没有需要分析的工单" in out.err


def test_bench_json_stdout_is_one_json_line_and_the_table_goes_to_stderr(capsys):
    argv = ["analysis", "bench", "--json", "--days", "3", "--per-day", "40", "--no-determinism"]
    assert main(argv) == 0
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert len(lines) == 1, out.out[:500]
    report = json.loads(lines[0])
    assert report["evaluated_days"] == 3 and report["cases"] > 0
    assert {d["detector"] for d in report["detectors"]} >= {"same_place", "emerging_topic"}
    assert "daily pass over the year" in out.err and "detector" in out.err  # the table
    assert main(argv[:2] + argv[3:]) == 0  # without --json: the table on stdout
    out = capsys.readouterr()
    assert "daily pass over the year" in out.out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out.out)


def test_the_parser_loads_neither_numpy_nor_scipy():
    code = (
        "import sys; from seat_app.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('numpy', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr

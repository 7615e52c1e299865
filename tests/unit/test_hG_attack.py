"""A new user's bad input on ``seat-admin intake|kb|training`` (the held-out attack of wave 2,
session 3): each row was accepted silently, answered with an empty result, or failed with
"list index out of range"; now one clear message (zh/en) and exit 2, nothing changed, and
``--json`` stdout holds JSON only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import Workbook

from seat_app.cli import intake as intake_cli
from seat_app.cli import main
from seat_app.domain.training.scenario import FLAT_FIELDS
from seat_app.services.intake import IntakeError
from seat_app.services.intake import bench as intake_bench

CJK = "\u4e00-\u9fff"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def english(text: str) -> bool:
    """No Chinese outside the echoed input, the list of known names and the log line."""
    body = text.split("(log:")[0].split("known:")[0]
    return not re.search(f"[{CJK}]", re.sub(r"火星区?|月球", "", body))


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (
            ("intake", "report", "--since", "2026-05-01", "--until", "2026-01-01"),
            "--until (2026-01-01) must be after --since",
        ),
        (("intake", "train", "--min-cases", "-5"), "--min-cases cannot be negative"),
        (("intake", "bench", "--rounds", "0"), "--rounds must be at least 1"),
        (("kb", "search", "停水", "--area", "火星区"), "--area: unknown area 火星区"),
        (("kb", "search", "停水", "--only-area", "火星区"), "--only-area: unknown area"),
        (("kb", "search", "停水", "--domain", "火星"), "--domain: unknown domain"),
        (("kb", "misses", "--since", "2026-01-01", "--limit", "-5"), "--limit must be at least 0"),
        (("kb", "misses-bench", "--searches", "-5"), "--searches must be at least 1"),
        (("kb", "misses-bench", "--runs", "0"), "--runs must be at least 1"),
        (("kb", "log-bench", "--keys", "-1"), "--keys must be at least 1"),
        (("kb", "publish-bench", "--runs", "0"), "--runs must be at least 1"),
        (("kb", "publish-bench", "--entries", "0"), "--entries must be at least 1"),
        (("kb", "bench", "--entries", "-5"), "--entries must be at least 1"),
        (("kb", "bench", "--procs", "0"), "--procs must be at least 1"),
        (("training", "list", "--max-difficulty", "-1"), "--max-difficulty must be 1, 2 or 3"),
        (("training", "list", "--max-difficulty", "4"), "--max-difficulty must be 1, 2 or 3"),
        (("training", "list", "--domain", "火星"), "--domain: unknown domain"),
        (("training", "list", "--skill", "juggling"), "--skill: unknown skill juggling"),
        (("training", "bench", "--saves", "-1"), "--saves must be at least 2"),
        (("training", "bench", "--trainees", "0"), "--trainees must be at least 2"),
    ],
)
def test_bad_options_are_refused_before_any_work(seat_home, capsys, argv, fragment):
    code, out, err = run(capsys, "--lang", "en", *argv)
    assert code == 2 and out == "" and fragment in err, err
    assert "Traceback" not in err and english(err)
    code, _, err_zh = run(capsys, *argv)
    assert code == 2 and "输入无效" in err_zh


def test_kb_search_batch_refuses_unknown_areas_naming_the_lines(seat_home, capsys, tmp_path):
    path = tmp_path / "q.txt"
    path.write_text("停水\t盐湖区\n停电\t月球\n", "utf-8")
    code, out, err = run(capsys, "--lang", "en", "kb", "search", "--batch", str(path))
    assert code == 1 and out == "" and "line 2 '月球'" in err


def _kb_json(path: Path, text: str) -> str:
    path.write_text(text, "utf-8")
    return str(path)


def test_kb_import_refuses_repeated_json_keys_and_says_empty(seat_home, capsys, tmp_path):
    item = '"类别":"常见问题","标题":"停水","事项":"停水","区域":"盐湖区","答复口径":"答"'
    dup = _kb_json(
        tmp_path / "dup.json", f'[{{"编号":"K1",{item}}}, {{"编号":"K2","编号":"K3",{item}}}]'
    )
    code, out, _ = run(capsys, "--lang", "en", "kb", "import", dup)
    assert code == 1
    assert "Row 2 [编号]: the key '编号' appears more than once in this item" in out
    assert "nothing was changed" in out
    empty = _kb_json(tmp_path / "empty.json", "  \n")
    code, out, _ = run(capsys, "--lang", "en", "kb", "import", empty)
    assert code == 1 and "File [-]: the file is empty" in out
    good = _kb_json(tmp_path / "ok.json", f'[{{"编号":"K1",{item},"失效日期":"2026-01-31"}}]')
    assert main(["kb", "import", good]) == 0
    capsys.readouterr()
    code, out, err = run(capsys, "--lang", "en", "kb", "expire", "--date", "2026-02-01", "--json")
    assert code == 0 and "1 expired entries retired." in err
    (line,) = out.splitlines()
    assert json.loads(line)["code"] == "K1"
    folder = tmp_path / "out.csv"
    folder.mkdir()
    code, out, err = run(capsys, "--lang", "en", "kb", "export", str(folder))
    assert code == 1 and "is a folder; give the name of the file to write" in err
    assert ".part" not in err and list(folder.iterdir()) == []
    folder = tmp_path / "out.json"
    folder.mkdir()
    code, out, err = run(capsys, "--lang", "en", "training", "export", str(folder))
    assert code == 1 and "is a folder" in err and ".export-" not in err
    assert not list(tmp_path.glob(".export-*"))


def _xlsx(path: Path, header: list[str], rows: list[list[object]]) -> str:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return str(path)


def test_training_import_refuses_repeats_and_files_without_scenarios(seat_home, capsys, tmp_path):
    header_only = _xlsx(tmp_path / "header.xlsx", list(FLAT_FIELDS), [])
    code, _, err = run(capsys, "--lang", "en", "training", "import", header_only)
    assert code == 2 and "the file holds a header and no scenario" in err
    twice = _xlsx(tmp_path / "twice.xlsx", [*FLAT_FIELDS, "title"], [])
    code, _, err = run(capsys, "--lang", "en", "training", "import", twice)
    assert code == 2 and "column 'title' appears more than once" in err
    empty_list = tmp_path / "none.json"
    empty_list.write_text('{"scenarios": []}', "utf-8")
    code, _, err = run(capsys, "--lang", "en", "training", "import", str(empty_list))
    assert code == 2 and "the file holds no scenario" in err
    assert main(["training", "export", str(tmp_path / "all.json")]) == 0
    capsys.readouterr()
    doc = json.loads((tmp_path / "all.json").read_text("utf-8"))
    first = json.dumps(doc["scenarios"][0], ensure_ascii=False)
    repeated = first.replace('"title": ', '"title": "又一个标题", "title": ', 1)
    (tmp_path / "rep.json").write_text(f'{{"scenarios": [{repeated}]}}', "utf-8")
    code, _, err = run(capsys, "--lang", "en", "training", "import", str(tmp_path / "rep.json"))
    assert code == 2 and "row 1 [title]: the key 'title' appears more than once" in err
    assert "nothing was imported" in err


def test_intake_train_and_bench_json_stdout_is_only_json(seat_home, capsys, monkeypatch):
    canned = {
        "train_s": 1.0,
        "model_bytes": 2048,
        "features": 3,
        "targets": {},
        "train_cases": 4,
        "kb_phrases": 5,
        "cases_heldout_named_share": 0.69,
        "sets": {
            "s": {
                "model": {
                    "n": 1,
                    "matter_top1": 1.0,
                    "matter_top3": 1.0,
                    "domain_top1": 1.0,
                    "min_ms": 0.1,
                    "p50_ms": 0.1,
                    "p95_ms": 0.1,
                    "confused": [],
                }
            }
        },
    }

    class Searcher:
        def close(self) -> None:
            pass

    monkeypatch.setattr(intake_cli, "_demo_cases", lambda args: ([], "generated"))
    monkeypatch.setattr(intake_bench, "build_demo_kb", lambda root: Searcher())
    monkeypatch.setattr(intake_bench, "full", lambda *a, **k: dict(canned))
    code, out, err = run(capsys, "--lang", "en", "intake", "bench", "--json", "--rounds", "1")
    assert code == 0 and json.loads(out)["train_cases"] == 4
    assert "69% of the held-out demo-year cases name their matter" in err
    assert "set" in err and "router" in err


def test_written_requests_file_errors_name_the_line(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_text('{"text": "停水两天", "matter": "停水"}\n\nnot json\n', "utf-8")
    with pytest.raises(IntakeError) as bad:
        intake_bench.load_written(path)
    assert "w.jsonl line 3: not JSON" in bad.value.en and "第 3 行" in bad.value.zh
    path.write_text('{"text": "停水两天", "matter": "火星事项"}\n', "utf-8")
    with pytest.raises(IntakeError) as bad:
        intake_bench.load_written(path)
    assert "line 1: unknown matter: 火星事项" in bad.value.en
    path.write_text('{"text": "停水两天", "matter": "停水"}\n', "utf-8")
    assert intake_bench.load_written(path)[0]["domain"] == "公用事业"

"""``seat-admin intake ...`` exactly as the issue names it: suggest (one text, --json,
--batch), train (refuses on too few cases; publishes), report (--since, --json), and bad
input (empty text, unknown area, bad date, unreadable batch file)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from seat_app.cli import main
from seat_app.services import config
from seat_app.services.intake import central as ic
from seat_app.services.store.engine import make_engine
from tests.intake.helpers import T0, add_cases, learnable, run

pytestmark = pytest.mark.intake

@pytest.fixture
def central(seat_home, capsys):
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    engine = make_engine(config.open_home().central_url)
    yield engine
    engine.dispose()


def test_suggest_without_model_or_text(central, capsys):
    for text in ("", "水", "  "):
        code, out, _ = run(capsys, "intake", "suggest", text, "--json")
        assert code == 0 and json.loads(out) == []
    code, _, err = run(capsys, "intake", "suggest", "自来水发黄", "--area", "火星区")
    assert code == 2 and "火星区" in err
    code, _, err = run(capsys, "intake", "suggest")
    assert code == 2


def test_train_refuses_too_few_cases_then_trains_publishes_and_suggests(central, capsys, tmp_path):
    add_cases(central, 3)
    code, _, err = run(capsys, "intake", "train", "--no-kb")
    assert code == 1
    # one case in ten is held out for the report (services/intake/heldout.py)
    assert "训练数据太少" in err and f"已结案工单 {learnable(central)} 件" in err and "200" in err
    assert not ic.model_path(config.open_home()).exists()
    code, _, err = run(capsys, "--lang", "en", "intake", "train", "--no-kb")
    assert code == 1 and "Too few cases" in err

    add_cases(central, 20, first=3)  # 69 closed cases in all
    code, out, _ = run(capsys, "intake", "train", "--no-kb", "--min-cases", "50", "--json")
    assert code == 0, out
    figures = json.loads(out.strip().splitlines()[-1])
    assert figures["cases"] == learnable(central) and figures["version"] == 1
    assert figures["model_bytes"] > 0
    assert ic.latest_version(central) == 1
    assert ic.local_version(ic.model_path(config.open_home())) == 1

    code, out, err = run(capsys, "intake", "suggest", "我家的自来水最近发黄浑浊", "--json")
    assert code == 0 and err == ""
    got = json.loads(out)
    assert got[0]["matter"] == "水质问题" and got[0]["domain"] == "公用事业"
    assert set(got[0]) == {"matter", "subcategory", "domain", "confidence", "why"}
    assert [g["confidence"] for g in got] == sorted((g["confidence"] for g in got), reverse=True)
    assert "自来水" in got[0]["why"] or "发黄" in got[0]["why"]
    code, out, _ = run(capsys, "intake", "suggest", "烟囱冒黑烟")
    assert code == 0 and out.startswith("1. 工业废气")

    batch = tmp_path / "requests.txt"
    batch.write_text("烟囱冒黑烟\n\n水\n厂房机器轰鸣\t盐湖区\n", "utf-8")
    code, out, _ = run(capsys, "intake", "suggest", "--batch", str(batch), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(lines) == 4
    assert lines[0][0]["matter"] == "工业废气" and lines[1] == [] and lines[2] == []
    assert lines[3][0]["matter"] == "工业噪声"
    code, _, err = run(capsys, "intake", "suggest", "--batch", str(tmp_path / "nope.txt"), "--json")
    assert code == 1 and "nope.txt" in err


def test_report_json_and_bad_dates(central, capsys):
    add_cases(central, 20)
    with central.begin() as conn:
        case_id = conn.execute(ic.CASES.select().where(ic.CASES.c.case_number == "工业噪声-0")
                               ).first().id
        ic.record_suggestion(conn, case_id=case_id, matters=["工业废气", "工业噪声"],
                             model_version=1)
        ic.record_correction(conn, case_id=case_id, from_matter="工业废气", to_matter="工业噪声",
                             stage="pre_review", work_no="2001", at=T0 + timedelta(days=1))
    code, out, _ = run(capsys, "intake", "report", "--since", "2026-03-01", "--json")
    assert code == 0
    rep = json.loads(out)
    assert rep["cases"] == 60 and rep["shown"] == 1 and rep["corrections"] == 1
    assert rep["corrections_by_stage"] == {"pre_review": 1}
    assert rep["confused"][0] == {"final": "工业噪声", "suggested": "工业废气", "count": 1}
    code, out, _ = run(capsys, "intake", "report")
    assert code == 0 and "更正 1 条" in out
    code, _, err = run(capsys, "intake", "report", "--since", "March")
    assert code == 2 and "YYYY-MM-DD" in err
    code, out, _ = run(capsys, "intake", "report", "--since", "2030-01-01", "--json")
    assert code == 0 and json.loads(out)["cases"] == 0

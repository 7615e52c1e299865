"""The loop (an item failed twice in a month assigns the practice scenarios exercising it,
improvement shown after practice), the monthly report with its .xlsx, and the qa commands
on a real SQLite central."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from seat_app.cli import main
from seat_app.domain.quality import review_checks, run_prechecks
from seat_app.domain.roles import Role
from seat_app.domain.training import load_library
from seat_app.services import config, quality
from seat_app.services.security import auth
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Case

pytestmark = [pytest.mark.quality]


@pytest.fixture(autouse=True)
def _cheap_argon2() -> Iterator[None]:
    from argon2 import PasswordHasher, profiles

    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    yield
    auth.use_hasher(previous)


@pytest.fixture
def home(seat_home):
    from sqlalchemy.orm import Session

    h = config.open_home(seat_home)
    engine = make_engine(h.central_url)
    upgrade(engine)
    auth.add_user(engine, "5001", "孙质检", Role.INSPECTOR, "Qa-5001-pw%9x")
    auth.add_user(engine, "1001", "王话务", Role.AGENT, "Qa-1001-pw%9x")
    with Session(engine) as s, s.begin():
        for day in range(1, 21):
            s.add(Case(case_number=f"202403{day:02d}-S01-0001", channel="电话",
                       caller_name="张先生", caller_phone=f"1381234{day:04d}",
                       caller_address="盐湖区解放路1号", matter="供水",
                       description="停水三天，咨询何时恢复供水", reply_text="预计今晚恢复供水。",
                       status="已办结", handling="直接办理", agent="1001", seat_code="S01",
                       created_at=datetime(2024, 3, day, 2, 0, tzinfo=UTC)))
    session = auth.sign_in(h.central_url, "5001", "Qa-5001-pw%9x")
    yield h, engine, session
    session.engine.dispose()
    engine.dispose()


def _score(engine, session, case_number: str, fail: tuple[str, ...]):
    form = quality.default_form()
    case = quality.load_cases(engine, case_number=case_number)[0]
    reviewed = review_checks(run_prechecks(case, quality.precheck_context(engine)), {},
                             by="5001")
    manual = {i: ("fail" if i in fail else "pass") for i in form.manual_items()}
    return quality.save_evaluation(session, form, case, reviewed, manual, release=True,
                                   today=case.created_at.date())


def test_loop_assigns_practice_and_report_shows_improvement(home, tmp_path):
    _h, engine, session = home
    form = quality.default_form()
    item = next(i for i in form.practice if i in form.manual_items())
    for day in (1, 2, 3):
        _score(engine, session, f"202403{day:02d}-S01-0001", (item,))
    made = quality.run_loop(engine, "2024-03", form, today=date(2024, 3, 5))
    assert [(a.agent, a.item_id, a.failures) for a in made] == [("1001", item, 3)]
    library = load_library(config.resources_dir() / "training")
    skills = {s.id: str(s.skill) for s in library.scenarios}
    assert made[0].scenario_ids and all(skills[s] in form.practice[item]
                                        for s in made[0].scenario_ids)
    assert quality.run_loop(engine, "2024-03", form) == []  # not assigned twice
    assert [a.item_id for a in quality.assignments(engine, agent="1001")] == [item]
    for day in (10, 11, 12):  # after practice the item passes
        _score(engine, session, f"202403{day:02d}-S01-0001", ())
    rep = quality.month_report(engine, "2024-03")
    assert rep["evaluations"] == 6
    assert rep["pareto"][0]["item_id"] == item and rep["pareto"][0]["failures"] == 3
    loop = rep["practice"][0]
    assert loop["before_rate"] == 1.0 and loop["after_rate"] == 0.0 and loop["improved"]
    path = quality.export_xlsx(rep, tmp_path / "qa.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert wb["坐席"]["A2"].value == "1001" and wb["失分项"]["A2"].value == item


def test_qa_commands(home, tmp_path, capsys):
    _h, engine, session = home
    assert main(["qa", "sample", "--month", "2024-03", "--seed", "7", "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    picks, summary = lines[:-1], lines[-1]
    assert summary["summary"] and summary["sampled"] == len(picks) > 0
    assert all(p["agent"] == "1001" and p["rule"] for p in picks)
    assert main(["qa", "sample", "--month", "2024-03", "--seed", "7", "--json"]) == 0
    again = [json.loads(x) for x in capsys.readouterr().out.splitlines()][:-1]
    assert again == picks  # same seed, same sample
    assert main(["qa", "sample", "--month", "2024-03", "--bench", "--rounds", "2",
                 "--json"]) == 0
    bench = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert bench["cases"] == 20 and bench["rounds"] == 2
    assert set(bench["seconds"]) == {"min", "median", "p95"}
    assert main(["qa", "sample", "--month", "2024-13"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["qa", "precheck", "20240301-S01-0001", "--json"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {r["check"] for r in out[:-1]} >= {"required_fields", "forbidden_phrases"}
    assert out[-1]["case_number"] == "20240301-S01-0001"
    assert main(["qa", "precheck", "20990101-S01-9999"]) == 1
    _score(engine, session, "20240301-S01-0001", ("readback",))
    xlsx = tmp_path / "r.xlsx"
    assert main(["qa", "report", "--month", "2024-03", "--json", "--xlsx", str(xlsx)]) == 0
    rep = json.loads(capsys.readouterr().out)  # stdout is the JSON only
    assert rep["evaluations"] == 1 and xlsx.exists()
    assert main(["qa", "report", "--month", "2024-03", "--xlsx",
                 str(tmp_path / "nope" / "r.xlsx")]) == 2
    assert main(["qa", "calibrate", "--demo", "--json"]) == 0
    cal = json.loads(capsys.readouterr().out)
    assert cal["standouts"] == cal["biased"] == ["QA04"]
    assert 0 < cal["alpha"] < 1


@pytest.mark.parametrize("damage", [b"", b"\xff\xfe garbage", b"[sections\nid = 1"])
def test_damaged_form_or_rules_are_refused_naming_the_file(tmp_path, damage):
    import shutil

    from seat_app.domain.quality import FormInvalid, QualityError
    from seat_app.services.quality.loading import precheck_context

    res = tmp_path / "resources"
    shutil.copytree(config.resources_dir() / "quality", res / "quality")
    shutil.copytree(config.resources_dir() / "training", res / "training")
    form_file = res / "quality" / "form-12345-v1.toml"
    form_file.write_bytes(damage)
    with pytest.raises(FormInvalid) as bad:
        quality.default_form(res)
    assert "form-12345-v1.toml" in bad.value.zh and form_file.read_bytes() == damage
    rules_file = res / "quality" / "precheck-rules.json"
    rules_file.write_bytes(damage)
    with pytest.raises(QualityError) as bad_rules:
        precheck_context(None, resources=res)  # type: ignore[arg-type]
    assert "precheck-rules.json" in bad_rules.value.en and rules_file.read_bytes() == damage

"""``intake report`` measures the current model only on cases it never learned from:
``intake train`` holds out one case in ten by a hash of the case id (deterministic) and
records it in the model; the report re-scores the held-out cases and cases created after the
training, counts the others as ``learned`` (in no figure) and says so (zh/en, --json)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from seat_app.cli import main
from seat_app.domain.taxonomy import matter_by_name
from seat_app.services import config
from seat_app.services.intake import central as ic
from seat_app.services.intake import heldout
from seat_app.services.intake.model import IntakeModel
from seat_app.services.intake.report import accuracy_report
from seat_app.services.intake.training import train
from seat_app.services.store.engine import make_engine
from tests.intake.helpers import T0, add_cases, run

pytestmark = pytest.mark.intake

@pytest.fixture
def central(seat_home, capsys):
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    engine = make_engine(config.open_home().central_url)
    add_cases(engine, 40)
    yield engine
    engine.dispose()


def ids(engine) -> list[str]:
    with engine.connect() as conn:
        return [str(r) for r in conn.execute(select(ic.CASES.c.id)).scalars()]


def test_the_rule_is_deterministic_and_holds_out_about_a_tenth():
    sample = [f"case-{i}" for i in range(20_000)]
    held = [c for c in sample if heldout.is_held_out(c)]
    assert 0.09 < len(held) / len(sample) < 0.11
    assert held == [c for c in sample if heldout.is_held_out(c)]
    assert heldout.bucket("case-1") == heldout.bucket("case-1") < heldout.BUCKETS


def test_unseen_needs_the_models_record():
    trained_at = datetime(2026, 6, 1, tzinfo=UTC)
    unseen = heldout.unseen_by({"held_out": heldout.held_out_meta(trained_at)})
    seen_id = next(f"c{i}" for i in range(100) if not heldout.is_held_out(f"c{i}"))
    held_id = next(f"c{i}" for i in range(100) if heldout.is_held_out(f"c{i}"))
    assert unseen(held_id, T0) and not unseen(seen_id, T0)
    assert unseen(seen_id, trained_at + timedelta(seconds=1))
    assert unseen(seen_id, (trained_at + timedelta(hours=1)).replace(tzinfo=None))
    assert heldout.unseen_by({}) is None
    assert heldout.unseen_by({"held_out": {"scheme": "other", "trained_at": "x"}}) is None
    assert heldout.unseen_by({"held_out": {"scheme": heldout.SCHEME, "trained_at": "x"}}) is None


def test_train_holds_out_and_report_rescores_only_unseen_cases(central, capsys):
    all_ids = ids(central)
    held = {c for c in all_ids if heldout.is_held_out(c)}
    assert held and len(held) < len(all_ids)
    code, out, err = run(capsys, "intake", "train", "--no-kb", "--min-cases", "50", "--json")
    assert code == 0, err
    figures = json.loads(out.strip().splitlines()[-1])
    assert figures["cases"] == len(all_ids) - len(held)  # the held-out cases were not learned
    assert "十分之一" in err
    model = IntakeModel.load(ic.model_path(config.open_home()))
    assert model.meta["held_out"]["scheme"] == heldout.SCHEME

    # a case filed after the training is unseen too
    with central.begin() as conn:
        m = matter_by_name("工业废气")
        conn.execute(
            insert(ic.CASES).values(
                case_number="LATE-1",
                channel="电话",
                matter=m.name,
                domain=m.domain,
                subcategory=m.subcategory,
                description="烟囱冒黑烟气味刺鼻很晚才来",
                status="已受理",
                created_at=datetime.now(UTC) + timedelta(minutes=5),
            )
        )
    code, out, _ = run(capsys, "intake", "report", "--json")
    rep = json.loads(out)
    assert code == 0
    assert (rep["rescored"], rep["learned"]) == (len(held) + 1, len(all_ids) - len(held))
    assert rep["cases"] == len(held) + 1 and "mod 1000 below 100" in rep["held_out"]
    code, out, _ = run(capsys, "--lang", "en", "intake", "report")
    assert code == 0 and "never learned from" in out
    assert f"the {len(all_ids) - len(held)} cases it learned from are not counted" in out
    code, out, _ = run(capsys, "intake", "report")
    assert "留出的十分之一" in out and "不计入准确率" in out


def test_a_model_without_the_record_rescores_nothing(central):
    closed = ic.closed_cases(central)
    model, _ = train([(c.text, c.matter) for c in closed], kb=False, min_cases=10)
    rep = accuracy_report(central, model.suggest, unseen=heldout.unseen_by(model.meta))
    assert (rep.cases, rep.rescored, rep.learned) == (0, 0, len(closed))
    assert rep.matter_top1 == 0.0 and "retrain" in rep.held_out

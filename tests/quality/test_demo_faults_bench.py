"""The demo-year fault generator (seat_app/demo/quality_faults.py) on a small demo year in
a real SQLite central (grid imported, one KB entry per matter): it states and applies its
kinds and rates, changes nothing the reports count, and ``qa precheck --bench --json``
measures precision and recall on it."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from seat_app.cli import main
from seat_app.demo import quality_faults
from seat_app.domain.quality.faults import demo_kb
from seat_app.domain.taxonomy import MATTERS, matter_by_name
from seat_app.services import config
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Case, KBEntry

pytestmark = [pytest.mark.quality]
COUNTED = ("matter", "handling", "status", "channel", "created_at", "closed_at", "agent")


@pytest.fixture
def demo_central(seat_home):
    home = config.open_home(seat_home)
    engine = make_engine(home.central_url)
    upgrade(engine)
    assert import_grid(engine, demo_grid_path()).ok
    rng = random.Random(5)
    with Session(engine) as s, s.begin():
        for f in demo_kb().values():
            m = matter_by_name(f.matter)
            s.add(KBEntry(code=f.code, kind="常见问题", title=f"{f.matter}怎么办",
                          domain=m.domain, subcategory=m.subcategory, matter=f.matter,
                          area="市直", answer=f.answer))
        matters = [m for m in MATTERS if m.unit_types]
        start = datetime(2024, 1, 1, tzinfo=UTC)
        for i in range(700):
            m = rng.choice(matters)
            direct = rng.random() < 0.55
            area = rng.choice(("盐湖区", "永济市", "河津市", "市直"))
            s.add(Case(case_number=f"2024{i:04d}-S01-{i:04d}", channel="电话",
                       caller_phone=f"1{rng.randrange(30, 99)}****{rng.randrange(10000):04d}",
                       caller_area=area, matter=m.name, domain=m.domain,
                       subcategory=m.subcategory, description=f"来电反映{m.name}问题（演示数据）",
                       reply_text="已按知识库口径答复。" if direct else "承办单位已办理并答复来电人。",
                       handling="直接办理" if direct else "转派", status="已办结",
                       handling_unit="" if direct else f"{area}{m.unit_types[0]}",
                       agent=f"{1001 + i % 5}", seat_code="S01", changed_by="demo-year",
                       created_at=start + timedelta(hours=11 * i)))
    yield engine
    engine.dispose()


def _counted(engine):
    cases = Case.__table__
    with engine.connect() as conn:
        return sorted(conn.execute(sa.select(cases.c.id, *(cases.c[c] for c in COUNTED))).all())


def test_faults_stated_applied_and_measured(demo_central, capsys):
    before = _counted(demo_central)
    out = quality_faults.apply(demo_central, 2024, cases=600)
    assert _counted(demo_central) == before, "nothing the reports count is changed"
    kinds = out["kinds"]
    measured = out["measured"]
    assert measured >= 300 and kinds["clean"] > measured / 2
    for fault, rate in quality_faults.FAULT_RATES.items():
        if fault != "emergency_not_transferred":  # no emergency matters in this small year
            assert kinds.get(fault, 0) == pytest.approx(rate * measured, abs=1.5), fault
    assert main(["qa", "precheck", "--bench", "--json"]) == 0
    bench = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert bench["cases"] == measured
    assert bench["faulty"] == measured - kinds["clean"]
    assert bench["precision"] >= 0.95 and bench["recall"] >= 0.95
    assert bench["ms_per_case"]["median"] < 50
    assert set(bench["checks"]) >= {"required_fields", "dispatch_unit", "reply_vs_kb"}


def test_bench_without_demo_year_is_refused(seat_home, capsys):
    home = config.open_home(seat_home)
    engine = make_engine(home.central_url)
    upgrade(engine)
    engine.dispose()
    assert main(["qa", "precheck", "--bench", "--json"]) == 1
    assert "demo year" in capsys.readouterr().err

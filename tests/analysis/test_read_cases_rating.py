"""One case reader for analysis and the brief: the brief's cases carry the caller's rating
(the lowest when rated twice), the detectors' cases carry none, both oldest first."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert, select

from seat_app.services.analysis.brief_export import read_brief_cases
from seat_app.services.analysis.case_import import import_cases
from seat_app.services.analysis.central import local_midnight, read_cases
from seat_app.services.dispatch.grid_import import demo_grid_path
from seat_app.services.dispatch.service import import_grid
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import Case
from seat_app.services.store.models_ops import Rating
from tests.analysis.helpers import good_row, write_csv

pytestmark = pytest.mark.analysis


@pytest.fixture
def engine(seat_home, tmp_path):
    from seat_app.services import config

    eng = make_engine(config.open_home().central_url)
    upgrade(eng)
    assert import_grid(eng, demo_grid_path()).ok
    rows = [good_row(i, 受理时间=f"2024-04-0{9 - i} 10:00", 事项="停水") for i in range(3)]
    assert import_cases(eng, write_csv(tmp_path / "r.csv", rows)).ok
    yield eng
    eng.dispose()


def test_brief_cases_carry_the_lowest_rating_and_detector_cases_none(engine) -> None:
    with engine.begin() as conn:
        ids = dict(conn.execute(select(Case.case_number, Case.id)).all())
        numbers = sorted(ids)
        conn.execute(insert(Rating), [
            {"case_id": ids[numbers[0]], "result": "满意"},
            {"case_id": ids[numbers[0]], "result": "不满意"},
            {"case_id": ids[numbers[1]], "result": "基本满意"},
        ])
    brief = read_brief_cases(engine, date(2024, 4, 1), date(2024, 4, 30))
    by_number = {c.number: c.satisfaction for c in brief}
    assert by_number == {numbers[0]: "不满意", numbers[1]: "基本满意", numbers[2]: ""}
    assert [c.received_at for c in brief] == sorted(c.received_at for c in brief)
    with engine.connect() as conn:
        plain = read_cases(conn, local_midnight(date(2024, 4, 1)), local_midnight(date(2024, 4, 30)))
    assert [c.number for c in plain] == [c.number for c in brief]
    assert {c.satisfaction for c in plain} == {""}
    # the center's local wall time, as the detectors read it: the 10:00 of the import
    assert {c.received_at.hour for c in plain + brief} == {10}

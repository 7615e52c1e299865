"""Unit suggestion on dispatch: the grid's rule combined with where similar cases were
finally handled; a unit that keeps returning a kind of case stops being suggested for it,
and one that keeps finishing it is suggested even when the grid does not name it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert

from seat_app.domain.taxonomy import matter_by_name
from seat_app.services.intake import units
from seat_app.services.store.engine import make_engine, upgrade

pytestmark = pytest.mark.intake

T0 = datetime(2026, 3, 1, tzinfo=UTC)
MATTER, AREA = "工业废气", "盐湖区"
ENV, CITY_ENV, TOWN = "盐湖区生态环境局", "运城市生态环境局", "盐湖区北城街道办事处"


@pytest.fixture
def engine(tmp_path):
    e = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    upgrade(e, create=True)
    yield e
    e.dispose()


def add(conn, n: int, final_unit: str, *, returned_by: tuple[str, ...] = (),
        matter: str = MATTER, area: str = AREA, status: str = "已办结") -> None:
    m = matter_by_name(matter)
    for i in range(n):
        case_id = conn.execute(insert(units.CASES).values(
            case_number=f"{final_unit[:4]}-{matter}-{area}-{status}-{len(returned_by)}-{i}",
            channel="电话", matter=m.name, domain=m.domain, subcategory=m.subcategory,
            description="烟囱冒黑烟", caller_area=area, status=status,
            handling="转派", handling_unit=final_unit, created_at=T0 + timedelta(hours=i),
        ).returning(units.CASES.c.id)).scalar_one()
        for j, unit in enumerate(returned_by):
            conn.execute(insert(units.EVENTS).values(
                case_id=case_id, kind="退件", unit=unit, actor="4001",
                at=T0 + timedelta(hours=i, minutes=j), note="不属于本单位职责"))


def test_a_unit_that_keeps_returning_stops_being_suggested(engine):
    grid = [(TOWN, "盐湖区乡镇属地"), (ENV, "盐湖区生态环境主管单位")]
    with engine.begin() as conn:
        add(conn, 6, ENV, returned_by=(TOWN,))   # the town returned 6, the bureau finished them
        add(conn, 1, TOWN)                       # the town finished one
        add(conn, 3, CITY_ENV)                   # the city bureau finished three
        add(conn, 9, TOWN, matter="工业噪声")     # other matters and areas do not count
        add(conn, 9, TOWN, area="永济市")
        add(conn, 4, TOWN, status="已转派")        # not finished yet
    history = units.unit_history(engine, MATTER, AREA)
    assert history[TOWN] == units.UnitRecord(TOWN, 1, 6)
    assert history[ENV] == units.UnitRecord(ENV, 6, 0)
    assert history[CITY_ENV].finished == 3
    assert units.dropped_units(history) == [TOWN]

    got = units.combine(grid, history)
    assert [c.unit for c in got] == [ENV, CITY_ENV]  # the town is gone, the grid's 2nd leads
    assert got[0].grid_rank == 2 and got[0].finished == 6 and "最终办结 6 件" in got[0].zh
    assert got[1].grid_rank is None and "finally handled 3" in got[1].en

    # without history the grid's order stands
    fresh = units.combine(grid, {})
    assert [c.unit for c in fresh] == [TOWN, ENV]
    # a unit that returned twice but finished more is damped, not dropped
    mixed = units.combine(grid, {TOWN: units.UnitRecord(TOWN, 4, 2),
                                 ENV: units.UnitRecord(ENV, 4, 0)})
    # town: (0.5 * 1/1 + 0.5 * 4/8) * 4/6 = 0.5; bureau: (0.5 * 1/2 + 0.5 * 4/8) * 1 = 0.5
    assert [(c.unit, c.score) for c in mixed] == [(TOWN, 0.5), (ENV, 0.5)]
    town = next(c for c in mixed if c.unit == TOWN)
    assert town.score < units.combine(grid, {TOWN: units.UnitRecord(TOWN, 4, 0),
                                              ENV: units.UnitRecord(ENV, 4, 0)})[0].score


def test_intake_units_command(seat_home, capsys):
    import json

    from seat_app.cli import main
    from seat_app.services import config

    assert main(["db", "upgrade"]) == 0
    assert main(["grid", "import", "demo"]) == 0
    capsys.readouterr()
    engine = make_engine(config.open_home().central_url)
    try:
        with engine.begin() as conn:
            # the grid's first unit keeps returning this kind of case to the second one
            add(conn, 4, "盐湖区城市管理局", returned_by=("盐湖区生态环境分局",))
    finally:
        engine.dispose()
    assert main(["intake", "units", MATTER, AREA, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [c["unit"] for c in got] == ["盐湖区城市管理局"]
    assert got[0]["grid_rank"] == 2 and got[0]["finished"] == 4
    assert main(["intake", "units", MATTER, AREA]) == 0
    assert "不再推荐：盐湖区生态环境分局（退件 4 次，办结 0 件）" in capsys.readouterr().out
    assert main(["intake", "units", "不存在的事项", AREA]) == 2

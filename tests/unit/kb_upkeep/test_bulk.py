"""Bulk planners: per-entry changes with the import-row check; nothing applied."""

from __future__ import annotations

from datetime import date

import pytest

from seat_app.domain import kb_upkeep as ku

from .conftest import entry

pytestmark = pytest.mark.kb_upkeep


@pytest.fixture()
def entries() -> list[dict]:
    return [
        entry("KB-1"),
        entry("KB-2", valid_to=None),
        entry("KB-3", status="已下线"),
        entry("KB-4", matter="停电", unit="盐湖区供电公司", answer="检修停电"),
        entry("KB-5", valid_from=date(2025, 7, 1), valid_to=date(2025, 7, 10)),
    ]


def test_a_filter_is_required(entries):
    with pytest.raises(ku.UpkeepError):
        ku.plan_retire(entries, ku.EntryFilter())


def test_retire(entries):
    plan = ku.plan_retire(entries, ku.EntryFilter(matter="停水"))
    assert [c.code for c in plan.ready] == ["KB-1", "KB-2", "KB-5"]
    assert [(s.code, s.zh) for s in plan.skipped] == [("KB-3", "已经是已下线")]
    assert all([(x.field, x.new) for x in c.changes] == [("status", "已下线")] for c in plan.ready)
    assert entries[0]["status"] == "已发布"  # nothing applied


def test_extend_by_days_and_to_a_date(entries):
    plan = ku.plan_extend(entries, ku.EntryFilter(matter="停水"), days=10)
    assert {c.code: c.after["valid_to"] for c in plan.ready} == {
        "KB-1": date(2025, 8, 9), "KB-3": date(2025, 8, 9), "KB-5": date(2025, 7, 20)}
    assert [s.code for s in plan.skipped] == ["KB-2"]
    plan = ku.plan_extend(entries, ku.EntryFilter(valid_to_before=date(2025, 7, 15)),
                          valid_to=date(2025, 6, 30))
    assert [c.code for c in plan.changes] == ["KB-5"]
    (change,) = plan.refused  # before its own start: refused with field and reason
    assert [(e.field, e.zh) for e in change.errors] == [("valid_to", "失效日期早于生效日期")]
    assert not plan.ok
    with pytest.raises(ku.UpkeepError):
        ku.plan_extend(entries, ku.EntryFilter(matter="停水"))


def test_move_unit(entries):
    units = {"盐湖区水务局", "盐湖区供水公司"}
    plan = ku.plan_move_unit(entries, ku.EntryFilter(area="盐湖区", matter="停水"), "盐湖区水务局",
                             known_units=units)
    assert [c.code for c in plan.ready] == ["KB-1", "KB-2", "KB-3", "KB-5"]
    assert all(c.after["unit"] == "盐湖区水务局" for c in plan.ready)
    with pytest.raises(ku.UpkeepError):
        ku.plan_move_unit(entries, ku.EntryFilter(matter="停水"), "不存在的单位", known_units=units)
    with pytest.raises(ku.UpkeepError):
        ku.plan_move_unit(entries, ku.EntryFilter(matter="停水"), "水务\n局")


def test_an_entry_already_bad_is_refused_with_its_reasons(entries):
    entries.append(entry("KB-6", area="火星区"))
    plan = ku.plan_retire(entries, ku.EntryFilter(codes=frozenset({"KB-6", "KB-1"})))
    assert [c.code for c in plan.ready] == ["KB-1"]
    assert [(c.code, [e.field for e in c.errors]) for c in plan.refused] == [("KB-6", ["area"])]

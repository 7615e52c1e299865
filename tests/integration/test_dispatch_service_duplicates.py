"""Duplicate suggestions at intake through the service (the SQL prefilter + domain scoring)
on a seeded set, with precision and recall printed; linking a duplicate; the unreasonable
flag."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from seat_app.domain.dispatch import DispatchRuleError, DispatchStatus
from seat_app.domain.duplicates import DuplicateRules
from seat_app.domain.taxonomy import MATTERS
from seat_app.services.dispatch.service import (
    CHINA,
    DispatchService,
    record_central_case,
)
from seat_app.services.store.models_dispatch import CASES

NOW = datetime(2025, 11, 20, 10, tzinfo=CHINA)
STREETS = ["解放北路", "河东东街", "禹都大道", "圣惠路", "学苑路", "中银北路", "工农路", "红旗街"]
CN = "零一二三四五六七八九"


def _cn_number(n: int) -> str:
    """12 -> 十二, 7 -> 七 (how callers and agents also write house numbers)."""
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + ("" if ones == 0 else CN[ones])


def _seed(engine, rng: random.Random):
    """120 earlier cases, each at its own address, with its own caller; returns them."""
    in_scope = [m for m in MATTERS if m.unit_types]
    earlier = []
    for i in range(120):
        street = STREETS[i % len(STREETS)]
        number = 10 + i  # unique per case
        matter = rng.choice(in_scope)
        fields = {
            "channel": "电话", "caller_phone": f"1391234{i:04d}", "caller_area": "盐湖区",
            "caller_address": f"盐湖区{street}{number}号", "matter": matter.name,
            "description": f"关于{matter.name}的诉求，第{i}件。",
            "accepted_at": NOW - timedelta(days=rng.randint(1, 25), hours=rng.randint(0, 8)),
        }
        fields["id"] = record_central_case(engine, fields)
        earlier.append((fields, matter, street, number))
    return earlier


def _probes(earlier, rng: random.Random):
    """(intake fields, the earlier case it duplicates or None)."""
    by_sub = {}
    for m in MATTERS:
        by_sub.setdefault((m.domain, m.subcategory), []).append(m.name)
    unrelated = {m.domain: m.name for m in MATTERS if m.unit_types}
    probes = []
    for k, (fields, matter, street, number) in enumerate(rng.sample(earlier, 60)):
        kind = k % 6
        new = {"caller_phone": f"1350000{k:04d}", "caller_address": f"盐湖区新建路{900 + k}号",
               "matter": matter.name, "caller_area": "盐湖区"}
        truth = fields["id"]
        if kind == 0:  # the same caller again, same matter, phone written with +86
            new["caller_phone"] = "+86 " + fields["caller_phone"]
        elif kind == 1:  # a neighbour: same place, same matter, address written differently
            new["caller_address"] = f"运城市{street}{_cn_number(number)}号附近"
        elif kind == 2:  # same place, a sibling matter of the same subcategory
            siblings = [n for n in by_sub[(matter.domain, matter.subcategory)] if n != matter.name]
            new["caller_address"] = fields["caller_address"]
            new["matter"] = siblings[0] if siblings else matter.name
        elif kind == 3:  # not a duplicate: same caller about something unrelated
            new["caller_phone"] = fields["caller_phone"]
            other = [n for d, n in unrelated.items() if d != matter.domain]
            new["matter"] = rng.choice(other)
            truth = None
        elif kind == 4:  # not a duplicate: same place, unrelated matter
            new["caller_address"] = fields["caller_address"]
            new["matter"] = rng.choice([n for d, n in unrelated.items() if d != matter.domain])
            truth = None
        else:  # not a duplicate: the next house on the street, same matter
            new["caller_address"] = f"盐湖区{street}{number + 1000}号"
            truth = None
        probes.append((new, truth))
    return probes


def test_duplicate_suggestions_precision_recall_on_seeded_cases(engine, capsys):
    rng = random.Random(12345)
    earlier = _seed(engine, rng)
    svc = DispatchService(engine, duplicate_rules=DuplicateRules(window_days=30))
    tp = fp = fn = tn = 0
    for new, truth in _probes(earlier, rng):
        found = svc.suggest_duplicates(
            phone=new["caller_phone"], address=new["caller_address"], matter=new["matter"],
            area=new["caller_area"], received_at=NOW,
        )
        top = found[0]["earlier_case_id"] if found else None
        if truth is None:
            fp += top is not None
            tn += top is None
        elif top == truth:
            tp += 1
        else:
            fn += 1
            fp += top is not None
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    with capsys.disabled():
        print(f"\nduplicate suggestions via service ({engine.dialect.name}): "
              f"tp={tp} fp={fp} fn={fn} tn={tn} precision={precision:.2f} recall={recall:.2f}")
    assert tp + fn == 30 and fp + tn + fn >= 30
    assert precision >= 0.95
    assert recall >= 0.9


def test_duplicate_window_and_suggestion_details(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    old = record_central_case(engine, {
        "channel": "电话", "caller_phone": "13912340000", "caller_area": "盐湖区",
        "caller_address": "盐湖区解放北路10号", "matter": "路灯不亮",
        "description": "路灯不亮已一周", "accepted_at": NOW - timedelta(days=40),
    })
    recent = record_central_case(engine, {
        "channel": "电话", "caller_phone": "13912340000", "caller_area": "盐湖区",
        "caller_address": "盐湖区解放北路10号", "matter": "路灯不亮",
        "description": "路灯不亮，之前反映过", "accepted_at": NOW - timedelta(days=3),
    })
    found = svc.suggest_duplicates(phone="139-1234-0000", address="解放北路10号", matter="路灯不亮",
                                   area="盐湖区", received_at=NOW)
    assert [f["earlier_case_id"] for f in found] == [recent]  # the 40-day-old one is outside
    assert "同一来电人" in found[0]["reasons"] and found[0]["summary"] == "路灯不亮，之前反映过"
    assert found[0]["case_number"].endswith("-ZX-0001")
    assert old not in [f["earlier_case_id"] for f in found]
    # a case never suggests itself
    assert svc.suggest_duplicates_for_case(recent) == []


def test_duplicate_link_closes_without_dispatch(engine):
    svc = DispatchService(engine)
    fields = {"channel": "电话", "caller_phone": "13912340001", "caller_area": "盐湖区",
              "caller_address": "盐湖区解放北路11号", "matter": "路灯不亮",
              "description": "路灯不亮"}
    earlier = record_central_case(engine, {**fields, "accepted_at": NOW - timedelta(days=2)})
    svc.dispatch(earlier, "YHQ-CG", actor="1001", at=NOW - timedelta(days=2))
    new = record_central_case(engine, {**fields, "accepted_at": NOW})
    assert svc.suggest_duplicates_for_case(new)[0]["earlier_case_id"] == earlier
    with pytest.raises(DispatchRuleError) as err:
        svc.link_duplicate(new, new, actor="1001", at=NOW)
    assert err.value.code == "duplicate_self"
    with pytest.raises(DispatchRuleError) as err:
        svc.link_duplicate(new, "no-such-case", actor="1001", at=NOW)
    assert err.value.code == "no_case"
    state = svc.link_duplicate(new, earlier, actor="1001", at=NOW)
    assert state.status == DispatchStatus.CLOSED and state.duplicate_of == earlier
    with pytest.raises(DispatchRuleError):
        svc.dispatch(new, "YHQ-CG", actor="1001", at=NOW)  # never dispatched again
    with engine.connect() as conn:
        row = conn.execute(select(CASES).where(CASES.c.id == new)).mappings().one()
    assert (row["status"], row["handling"], row["dispatched_at"]) == ("已办结", "直接办理", None)
    note = svc.timeline(new)[-1]
    assert note["kind"] == "重复件并案" and "并入工单" in note["note"]
    assert [c["case_id"] for c in svc.unit_cases("YHQ-CG")] == [earlier]


def test_unreasonable_flag_needs_category_and_reason(sqlite_engine):
    engine = sqlite_engine
    svc = DispatchService(engine)
    case_id = record_central_case(engine, {
        "channel": "网站", "caller_area": "盐湖区", "matter": "路灯不亮",
        "description": "要求在自家门口单独安装路灯", "accepted_at": NOW,
    })
    with pytest.raises(DispatchRuleError) as err:
        svc.flag_unreasonable(case_id, "看着不合理", "要求在自家门口装灯", actor="2001")
    assert err.value.code == "category"
    with pytest.raises(DispatchRuleError) as err:
        svc.flag_unreasonable(case_id, "超出政策规定", "不行", actor="2001")
    assert err.value.code == "reason"
    assert svc.state(case_id) is None
    state = svc.flag_unreasonable(case_id, "超出政策规定", "个人门口加装路灯不属于公共照明范围",
                                  actor="2001", at=NOW)
    assert state.status == DispatchStatus.CLOSED and state.close_kind == "不合理诉求"
    assert state.unreasonable_reason.startswith("超出政策规定：")
    assert not svc.flow.counts_in_unit_assessment(state)

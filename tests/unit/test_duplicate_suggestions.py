"""Duplicate suggestions at intake (重复件): normalization, scoring, the window, and
precision/recall on a seeded synthetic set with known duplicates; the unreasonable flag."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from seat_app.domain.dispatch import DispatchRuleError
from seat_app.domain.duplicates import (
    DuplicateRules,
    IntakeRecord,
    UnreasonableCategory,
    UnreasonableFlag,
    address_similarity,
    normalize_address,
    normalize_phone,
    score_pair,
    suggest_duplicates,
)
from seat_app.domain.taxonomy import AREAS, MATTERS, SUBCATEGORIES

T0 = datetime(2025, 9, 1, 9, 0)


@pytest.mark.parametrize(
    "raw, expected",
    [("+86 138-0359-1234", "13803591234"), ("0086１３８０３５９１２３４", "13803591234"),
     ("0359-2021234", "03592021234"), ("110", ""), ("", "")],
)
def test_duplicate_normalize_phone(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("运城市盐湖区解放路12号幸福小区3号楼二单元", "解放路１２号 幸福小区3幢2单元门口", 1.0),
        ("山西省运城市河东街二十三号", "河东街23号附近", 1.0),
        ("解放路12号", "解放路12号幸福小区3栋", 0.85),
        ("解放路12号", "解放路14号", 0.0),
        ("学苑路5号", "槐东路5号", 0.0),
    ],
)
def test_duplicate_address_normalization_and_similarity(a, b, same):
    assert address_similarity(normalize_address(a), normalize_address(b)) == same


def rec(case_id, days, phone="13800000001", address="解放路12号", matter="道路破损", area="盐湖区"):
    return IntakeRecord(case_id, T0 + timedelta(days=days), phone, address, matter, area)


def test_duplicate_same_caller_same_matter_suggested_with_reasons():
    s = score_pair(rec("N", 5, address=""), rec("E", 0))
    assert s is not None and "同一来电人" in s.reasons and "同一事项" in s.reasons


def test_duplicate_same_place_same_matter_other_caller_suggested():
    s = score_pair(rec("N", 3, phone="13900000002", address="解放路十二号门口"), rec("E", 0))
    assert s is not None and "同一地址" in s.reasons and "同一来电人" not in s.reasons


@pytest.mark.parametrize(
    "new",
    [
        rec("N", 3, matter="公积金提取", address="河东街1号"),  # same caller, unrelated matter
        rec("N", 3, phone="13900000002", matter="公积金提取"),  # same place, unrelated matter
        rec("N", 3, phone="13900000002", address="解放路14号"),  # same matter, next door
        rec("N", 3, phone="13900000002", area="永济市"),  # same street name, other county
        rec("N", 31),  # outside the 30-day window
        rec("N", -1),  # later than the new one
    ],
)
def test_duplicate_not_suggested(new):
    assert score_pair(new, rec("E", 0)) is None


def test_duplicate_window_is_configurable_and_score_decays():
    assert score_pair(rec("N", 40), rec("E", 0), DuplicateRules(window_days=45)) is not None
    near, far = score_pair(rec("N", 1), rec("E", 0)), score_pair(rec("N", 29), rec("E", 0))
    assert near.score > far.score


def test_duplicate_suggestions_best_first_and_capped():
    earlier = [rec(f"E{i}", i, phone=f"1390000{i:04d}") for i in range(8)]  # same place
    earlier.append(rec("SAME-CALLER", 0))
    found = suggest_duplicates(rec("N", 10), earlier)
    assert len(found) == 5
    assert found[0].earlier_case_id == "SAME-CALLER"  # caller + place + matter
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


# -- seeded synthetic set ------------------------------------------------------------------------

STREETS = ("解放路", "河东街", "中银大道", "工农街", "红旗街", "学苑路", "槐东路", "机场路",
           "禹都大道", "人民路", "魏风街", "盐湖路", "南风广场路", "舜帝大道", "条山街", "圣惠路")
ESTATES = ("幸福小区", "阳光花园", "锦绣苑", "康馨园", "电力家属院", "学府名居", "盐化社区", "东城嘉苑")
CN = "零一二三四五六七八九"


@dataclass
class Place:
    area: str
    street: str
    number: int
    estate: str
    building: int
    unit: int


def write_place(p: Place, rng: random.Random) -> str:
    """One of the many ways an agent types the same place."""
    number = str(p.number)
    if rng.random() < 0.2:
        number = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    building = rng.choice([f"{p.building}号楼", f"{p.building}栋", f"{p.building}幢", f"{CN[p.building]}号楼"])
    unit = rng.choice([f"{p.unit}单元", f"{CN[p.unit]}单元"])
    parts = [rng.choice(["", "运城市", f"{p.area}", f"运城市{p.area}", "山西省运城市"]),
             f"{p.street}{number}号", rng.choice(["", " "]), p.estate, building]
    if rng.random() < 0.7:
        parts.append(unit)
    if rng.random() < 0.15:
        parts.append(rng.choice(["门口", "附近", "对面"]))
    return "".join(parts)


def seeded_intakes(seed: int = 12345):
    """~400 intakes: issues, their repeats (the known duplicates) and look-alike distractors.

    Returns the records (sorted by time) and a map case_id -> issue id; two records are true
    duplicates when they share an issue id and lie within the window.
    """
    rng = random.Random(seed)
    dispatchable = [m for m in MATTERS if m.unit_types]
    by_sub = {sub: [m for m in dispatchable if (m.domain, m.subcategory) == sub] for sub in SUBCATEGORIES}
    records: list[IntakeRecord] = []
    issue_of: dict[str, int] = {}
    counter = iter(range(10_000))

    def phone() -> str:
        return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))

    def place() -> Place:
        return Place(rng.choice(AREAS[1:]), rng.choice(STREETS), rng.randint(1, 199),
                     rng.choice(ESTATES), rng.randint(1, 9), rng.randint(1, 6))

    def add(issue: int, at: datetime, ph: str, addr: str, matter: str, area: str) -> None:
        cid = f"C{next(counter):04d}"
        records.append(IntakeRecord(cid, at, ph, addr, matter, area))
        issue_of[cid] = issue

    def other_domain(matter) -> str:
        return rng.choice([m for m in dispatchable if m.domain != matter.domain]).name

    for issue in range(220):
        at = T0 + timedelta(days=rng.uniform(0, 90))
        p, ph, matter = place(), phone(), rng.choice(dispatchable)
        add(issue, at, ph, write_place(p, rng), matter.name, p.area)
        kind = rng.random()
        if kind < 0.45:  # the issue recurs within the window: known duplicates
            for _ in range(rng.choice((1, 1, 2))):
                later = at + timedelta(days=rng.uniform(0.1, 25))
                if rng.random() < 0.6:  # the same caller calls again
                    same = matter.name
                    siblings = by_sub[(matter.domain, matter.subcategory)]
                    if rng.random() < 0.15 and len(siblings) > 1:
                        same = rng.choice([m for m in siblings if m != matter]).name
                    addr = write_place(p, rng) if rng.random() < 0.7 else ""
                    add(issue, later, ph, addr, same, p.area)
                else:  # a neighbour reports the same problem, in their own words
                    how = rng.random()
                    if how < 0.75:
                        addr = write_place(p, rng)
                    elif how < 0.85:  # less precise: street and number only
                        addr = f"{p.street}{p.number}号"
                    elif how < 0.93:  # a typo in the street name
                        addr = write_place(p, rng).replace(p.street, "某" + p.street[1:], 1)
                    else:  # too vague to match: a miss the rules accept
                        addr = f"{p.estate}附近"
                    add(issue, later, phone(), addr, matter.name, p.area)
        elif kind < 0.60:  # same caller, an unrelated problem elsewhere: not a duplicate
            q = place()
            add(1000 + issue, at + timedelta(days=rng.uniform(1, 20)), ph, write_place(q, rng),
                other_domain(matter), q.area)
        elif kind < 0.72:  # same building, an unrelated problem, another caller
            add(2000 + issue, at + timedelta(days=rng.uniform(1, 20)), phone(), write_place(p, rng),
                other_domain(matter), p.area)
        elif kind < 0.84:  # same matter next door (another house number)
            q = Place(p.area, p.street, p.number + rng.randint(1, 9), p.estate, p.building, p.unit)
            add(3000 + issue, at + timedelta(days=rng.uniform(1, 20)), phone(), write_place(q, rng),
                matter.name, p.area)
        elif kind < 0.88:  # a sibling matter in the same building, another caller: not the
            # same problem, but the rules suggest it (an accepted false positive)
            siblings = [m for m in by_sub[(matter.domain, matter.subcategory)] if m != matter]
            if siblings:
                add(5000 + issue, at + timedelta(days=rng.uniform(1, 20)), phone(),
                    write_place(p, rng), rng.choice(siblings).name, p.area)
        elif kind < 0.94:  # the same problem again, but after the window: a new case
            add(4000 + issue, at + timedelta(days=rng.uniform(32, 60)), ph, write_place(p, rng),
                matter.name, p.area)
    records.sort(key=lambda r: r.received_at)
    return records, issue_of


def evaluate_suggestions(records, issue_of, rules: DuplicateRules):
    window = timedelta(days=rules.window_days)
    tp = fp = positives = 0
    for i, new in enumerate(records):
        earlier = records[:i]
        truth = {e.case_id for e in earlier
                 if issue_of[e.case_id] == issue_of[new.case_id]
                 and new.received_at - e.received_at <= window}
        positives += bool(truth)
        found = suggest_duplicates(new, earlier, rules)
        if found:
            if found[0].earlier_case_id in truth:
                tp += 1
            else:
                fp += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / positives if positives else 0.0
    return precision, recall, tp, fp, positives


def test_duplicate_precision_recall_on_seeded_set():
    records, issue_of = seeded_intakes()
    assert 350 <= len(records) <= 500
    precision, recall, tp, fp, positives = evaluate_suggestions(records, issue_of, DuplicateRules())
    print(f"\nduplicate suggestions on {len(records)} seeded intakes: {positives} known duplicates, "
          f"top suggestion right {tp}, wrong {fp}; precision {precision:.3f}, recall {recall:.3f}")
    # Bar: a missed duplicate sends a second dispatch to a unit (counted against it), while a
    # wrong suggestion costs the agent a glance and is never linked without the agent, so
    # both are held at 0.90. What the rules knowingly miss (about 7% of known duplicates in
    # this set): a neighbour who names only the estate (no street, no number), and a caller
    # who gives no address and a sibling matter late in the window. What they knowingly
    # suggest wrongly: a sibling matter in the same building from another caller.
    assert recall >= 0.90
    assert precision >= 0.90


def test_duplicate_seeded_set_other_seeds_hold_the_bar():
    for seed in (1, 2, 3):
        records, issue_of = seeded_intakes(seed)
        precision, recall, tp, fp, positives = evaluate_suggestions(records, issue_of, DuplicateRules())
        print(f"\nseed {seed}: {len(records)} intakes, {positives} known duplicates, right {tp}, "
              f"wrong {fp}; precision {precision:.3f}, recall {recall:.3f}")
        assert recall >= 0.90 and precision >= 0.90, (seed, precision, recall)


# -- unreasonable requests ------------------------------------------------------------------------

def test_duplicate_unreasonable_flag_needs_category_and_reason():
    flag = UnreasonableFlag("超出政策规定", "要求为非本市户籍人员办理本市低保")
    assert flag.category is UnreasonableCategory.BEYOND_POLICY
    assert flag.reason.startswith("超出政策规定：")
    with pytest.raises(DispatchRuleError):
        UnreasonableFlag(UnreasonableCategory.HARASSMENT, "骚扰")
    with pytest.raises(ValueError):
        UnreasonableFlag("随便", "要求为非本市户籍人员办理本市低保")

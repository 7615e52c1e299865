"""Deliberately faulty cases in the demo year, for the pre-checks' measured precision and
recall (``seat-admin qa precheck --bench``).

``apply(engine, year)`` takes ``cases`` (default 3,000) demo-year cases of ``year`` spread
over the year, makes them clean (a caller name and address, the KB entry of their matter
cited with its answer as the reply of a direct case, the unit the grid names for a
dispatched case, the 110/119/120 transfer of an emergency recorded as a ``转接`` event),
leaves out the few it cannot make clean, then gives exactly one fault to a share of them.
It never changes what the reports count (matter, handling, status, channel, times, calls).

Kinds and rates (share of the measured cases; the check that must catch each):

============================  =====  ==============================================
fault                          rate   check expected to fail
============================  =====  ==============================================
missing_required               3%     required_fields (address of a dispatched case
                                      or the reply of a direct one blanked)
kb_matter_mismatch             3%     matter_vs_kb (the cited entry is of a sibling
                                      matter, its answer given as the reply)
wrong_unit                     3%     dispatch_unit (a unit of another type, same area)
forbidden_phrase               2%     forbidden_phrases
reply_contradicts_kb           2%     reply_vs_kb (the time limit changed)
emergency_not_transferred      1%     emergency_transferred (no 转接 recorded)
caller_data_leaked             1%     caller_data_leaked (the caller's phone in the reply)
complaint_as_enquiry           1%     complaint_as_enquiry (a complaint answered directly)
closed_direct_must_dispatch    2%     closed_direct_must_dispatch: taken from the direct
                                      cases of must-dispatch matters the year already has
                                      (handling is a counted figure, so none is changed);
                                      the other such cases are left out of the measured set
============================  =====  ==============================================

Duplicate links and intake suggestions are not stored with demo-year cases, so those two
checks are N/A here (they are measured on the core's own generator,
``domain.quality.faults``). The truth goes to ``qa_fault_truth`` (fault '' = clean).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import Engine

from seat_app.domain.grid import suggest_units
from seat_app.domain.quality import CaseRecord, Check, KBFacts, Outcome, PrecheckContext
from seat_app.domain.quality.prechecks import emergency_line, run_prechecks
from seat_app.domain.queue import LOCAL_TZ
from seat_app.domain.taxonomy import MATTERS
from seat_app.services.quality.loading import (
    TRANSFER_EVENT,
    load_cases,
    load_grid,
    month_bounds_utc,
    precheck_context,
)
from seat_app.services.store.central import next_change_seq
from seat_app.services.store.models import Base, new_uuid

DEMO_MARK = "demo-year"

FAULT_RATES: dict[str, float] = {
    "missing_required": 0.03, "kb_matter_mismatch": 0.03, "wrong_unit": 0.03,
    "forbidden_phrase": 0.02, "reply_contradicts_kb": 0.02,
    "emergency_not_transferred": 0.01, "caller_data_leaked": 0.01,
    "complaint_as_enquiry": 0.01,
}
FAULT_CHECK: dict[str, Check] = {
    "missing_required": Check.REQUIRED_FIELDS, "kb_matter_mismatch": Check.MATTER_VS_KB,
    "wrong_unit": Check.DISPATCH_UNIT, "forbidden_phrase": Check.FORBIDDEN_PHRASES,
    "reply_contradicts_kb": Check.REPLY_VS_KB,
    "emergency_not_transferred": Check.EMERGENCY_TRANSFERRED,
    "caller_data_leaked": Check.CALLER_DATA_LEAKED,
    "complaint_as_enquiry": Check.COMPLAINT_AS_ENQUIRY,
    "closed_direct_must_dispatch": Check.CLOSED_DIRECT_MUST_DISPATCH,
}
_STREETS = ("河东街", "解放路", "人民路", "学苑路", "中银大道", "红旗街", "禹都大道", "槐东路")
_NAMES = ("张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴")


def _kb_by_matter(engine: Engine) -> dict[str, KBFacts]:
    """One entry per matter: the first (by code) whose answer states a time limit."""
    kb = Base.metadata.tables["kb_entries"]
    out: dict[str, KBFacts] = {}
    with engine.connect() as conn:
        for code, matter, answer, area in conn.execute(
                sa.select(kb.c.code, kb.c.matter, kb.c.answer, kb.c.area)
                .where(kb.c.deleted.is_(False)).order_by(kb.c.code)):
            f = KBFacts(code, matter, answer or "", area or "")
            have = out.get(matter)
            if have is None or ("个工作日" not in have.answer and "个工作日" in f.answer):
                out[matter] = f
    return out


def _year_case_ids(engine: Engine, year: int, n: int, rng: random.Random) -> list[str]:
    cases = Base.metadata.tables["cases"]
    lo, _ = month_bounds_utc(f"{year}-01")
    hi, _ = month_bounds_utc(f"{year + 1}-01")
    with engine.connect() as conn:
        ids = sorted(conn.execute(sa.select(cases.c.id).where(
            cases.c.changed_by == DEMO_MARK, cases.c.created_at >= lo,
            cases.c.created_at < hi, cases.c.deleted.is_(False))).scalars())
    return sorted(rng.sample(ids, min(n, len(ids))))


def apply(engine: Engine, year: int, *, seed: int = 2024, cases: int = 3000
          ) -> dict[str, object]:
    """Make ``cases`` demo-year cases clean, give faults to a share, store the truth."""
    rng = random.Random(f"quality-faults|{seed}|{year}")
    ctx = precheck_context(engine)
    rules = ctx.rules
    grid = load_grid(engine)
    by_matter = _kb_by_matter(engine)
    kb_ctx = PrecheckContext(rules, ctx.forbidden_phrases, {f.code: f for f in by_matter.values()},
                             grid)
    ids = _year_case_ids(engine, year, cases, rng)
    records = load_cases(engine, case_ids=ids)
    clean: list[CaseRecord] = []
    natural: list[CaseRecord] = []
    for c in records:
        c = _cleaned(c, rng, by_matter, kb_ctx)
        fails = {r.check for r in run_prechecks(c, kb_ctx) if r.outcome == Outcome.FAIL}
        if not fails:
            clean.append(c)
        elif fails == {Check.CLOSED_DIRECT_MUST_DISPATCH}:
            natural.append(c)
    truth: dict[str, str] = {c.case_id: "" for c in clean}
    share = round(0.02 * len(clean) / (1 - sum(FAULT_RATES.values()) - 0.02))
    natural = rng.sample(natural, min(share, len(natural)))
    truth.update({c.case_id: "closed_direct_must_dispatch" for c in natural})
    out = {c.case_id: c for c in [*clean, *natural]}
    for fault, rate in FAULT_RATES.items():
        want = round(rate * len(out))
        pool = [c for c in clean if truth[c.case_id] == "" and _eligible(fault, c, kb_ctx,
                                                                          by_matter)]
        for c in rng.sample(pool, min(want, len(pool))):
            out[c.case_id] = _inject(fault, c, kb_ctx, by_matter, rng)
            truth[c.case_id] = fault
    _write(engine, list(out.values()), truth, seed, kb_ctx)
    kinds: dict[str, int] = {}
    for f in truth.values():
        kinds[f or "clean"] = kinds.get(f or "clean", 0) + 1
    return {"year": year, "measured": len(truth), "left_out": len(records) - len(truth),
            "kinds": kinds}


def _cleaned(c: CaseRecord, rng: random.Random, by_matter: dict[str, KBFacts],
             ctx: PrecheckContext) -> CaseRecord:
    area = c.caller_area or "盐湖区"
    c = replace(c, description=c.description.removeprefix("我要投诉，"), caller_name=c.caller_name or f"{rng.choice(_NAMES)}先生",
                caller_address=f"{area}{rng.choice(_STREETS)}{rng.randint(1, 300)}号",
                caller_area=area)
    entry = by_matter.get(c.matter)
    if c.handling == "转派":
        if ctx.grid is not None:
            s = suggest_units(ctx.grid, c.matter, area)
            if s:
                c = replace(c, handling_unit=s[0].unit.name)
        c = replace(c, kb_code=entry.code if entry else "")
    elif entry is not None:
        c = replace(c, kb_code=entry.code, reply_text=entry.answer)
    line, _ = emergency_line(c, ctx.rules)
    return replace(c, transferred_to=line)


def _eligible(fault: str, c: CaseRecord, ctx: PrecheckContext,
              by_matter: dict[str, KBFacts]) -> bool:
    direct = c.handling == "直接办理"
    if fault == "missing_required":
        return not direct or bool(c.reply_text)
    if fault == "kb_matter_mismatch":
        return bool(c.kb_code) and bool(_sibling(c, by_matter, ctx))
    if fault == "wrong_unit":
        return not direct and ctx.grid is not None and bool(
            ctx.suggested_codes(c.matter, c.caller_area, c.township))
    if fault == "forbidden_phrase":
        return direct and bool(c.reply_text) and bool(ctx.forbidden_phrases)
    if fault == "reply_contradicts_kb":
        return direct and bool(c.kb_code) and bool(re.search(r"\d+\s*个工作日", c.reply_text))
    if fault == "emergency_not_transferred":
        return bool(c.transferred_to)
    if fault == "caller_data_leaked":
        return direct and bool(c.reply_text) and len(re.sub(r"\D", "", c.caller_phone)) >= 7
    if fault == "complaint_as_enquiry":
        return direct and not c.transferred_to and not ctx.rules.must_dispatch(c)
    return False


def _sibling(c: CaseRecord, by_matter: dict[str, KBFacts], ctx: PrecheckContext) -> str:
    for m in MATTERS:
        if m.subcategory == c.subcategory and m.name != c.matter and m.name in by_matter \
                and m.name not in ctx.rules.transfer_matters:
            return m.name
    return ""


def _inject(fault: str, c: CaseRecord, ctx: PrecheckContext, by_matter: dict[str, KBFacts],
            rng: random.Random) -> CaseRecord:
    if fault == "missing_required":
        return replace(c, reply_text="") if c.handling == "直接办理" \
            else replace(c, caller_address="")
    if fault == "kb_matter_mismatch":
        other = by_matter[_sibling(c, by_matter, ctx)]
        if c.handling == "直接办理":
            return replace(c, kb_code=other.code, reply_text=other.answer)
        return replace(c, kb_code=other.code)
    if fault == "wrong_unit":
        assert ctx.grid is not None
        good = ctx.suggested_codes(c.matter, c.caller_area, c.township)
        types = {ctx.grid.unit(code).unit_type for code in good}
        wrong = [u for u in ctx.grid.units if u.unit_type not in types | {"政府", "乡镇"}
                 and u.area == c.caller_area] or [
            u for u in ctx.grid.units if u.unit_type not in types | {"政府", "乡镇"}]
        return replace(c, handling_unit=rng.choice(sorted(wrong, key=lambda u: u.code)).name)
    if fault == "forbidden_phrase":
        return replace(c, reply_text=f"{rng.choice(list(ctx.forbidden_phrases))}，{c.reply_text}")
    if fault == "reply_contradicts_kb":
        return replace(c, reply_text=re.sub(
            r"(\d+)\s*个工作日", lambda m: f"{int(m.group(1)) + 20} 个工作日", c.reply_text,
            count=1))
    if fault == "emergency_not_transferred":
        return replace(c, transferred_to="")
    if fault == "caller_data_leaked":
        return replace(c, reply_text=f"{c.reply_text}已登记您的电话{c.caller_phone}。")
    if fault == "complaint_as_enquiry":
        return replace(c, description=f"我要投诉，{c.description}")
    raise AssertionError(fault)


def _write(engine: Engine, cases: list[CaseRecord], truth: dict[str, str], seed: int,
           ctx: PrecheckContext) -> None:
    t = Base.metadata.tables
    cases_t, events, truth_t = t["cases"], t["case_events"], t["qa_fault_truth"]
    ids = [c.case_id for c in cases]
    with engine.begin() as conn:
        seq = next_change_seq(conn)
        now = datetime.now(UTC)
        conn.execute(sa.delete(truth_t))  # one measured set at a time
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            conn.execute(sa.delete(events).where(events.c.case_id.in_(chunk),
                                                 events.c.kind == TRANSFER_EVENT))
        conn.execute(sa.update(cases_t).where(cases_t.c.id == sa.bindparam("b_id")).values(
            caller_name=sa.bindparam("b_name"), caller_address=sa.bindparam("b_addr"),
            caller_area=sa.bindparam("b_area"), kb_code=sa.bindparam("b_kb"),
            reply_text=sa.bindparam("b_reply"), handling_unit=sa.bindparam("b_unit"),
            description=sa.bindparam("b_desc")), [
            {"b_id": c.case_id, "b_name": c.caller_name, "b_addr": c.caller_address,
             "b_area": c.caller_area, "b_kb": c.kb_code, "b_reply": c.reply_text,
             "b_unit": c.handling_unit, "b_desc": c.description} for c in cases])
        ev = [{"id": new_uuid(), "revision": 1, "change_seq": seq, "changed_by": DEMO_MARK,
               "changed_at": now, "deleted": False, "case_id": c.case_id,
               "kind": TRANSFER_EVENT, "at": c.created_at.replace(tzinfo=LOCAL_TZ), "actor": c.agent,
               "unit": c.transferred_to, "note": f"转接{c.transferred_to}（演示数据）"}
              for c in cases if c.transferred_to]
        if ev:
            conn.execute(sa.insert(events), ev)
        conn.execute(sa.insert(truth_t), [
            {"case_id": cid, "fault": f,
             "checks": json.dumps([FAULT_CHECK[f].value] if f else []), "seed": seed}
            for cid, f in truth.items()])

"""Deliberately faulty demo cases, and the pre-checks' precision and recall on them.

The generator makes clean, consistent cases (matter, KB entry, unit from the grid, reply
from the KB answer, transfers for emergencies), then injects exactly one fault into a share
of them. Kinds and rates (share of all cases; the check that must catch each):

==========================  =====  =================================
fault                        rate   check expected to fail
==========================  =====  =================================
missing_required             3%     required_fields (address or phone blanked)
matter_mismatch              3%     matter_vs_kb (+ matter_vs_intake when suggested)
wrong_unit                   3%     dispatch_unit (a unit of another type)
forbidden_phrase             2%     forbidden_phrases
reply_contradicts_kb         2%     reply_vs_kb (the time limit changed)
duplicate_not_linked         2%     duplicate_linked
emergency_not_transferred    1%     emergency_transferred
caller_data_leaked           1%     caller_data_leaked (full phone in the reply)
complaint_as_enquiry         1%     complaint_as_enquiry
closed_direct_must_dispatch  2%     closed_direct_must_dispatch
==========================  =====  =================================

:func:`inject_faults` works on any clean cases (phase 2 runs it on the demo year with the
real KB and grid); :func:`measure` compares every check's failures with the truth.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from seat_app.domain.grid import Grid, Unit, suggest_units
from seat_app.domain.quality.prechecks import (
    CHECKS,
    Check,
    Outcome,
    PrecheckContext,
    PrecheckRules,
    run_prechecks,
)
from seat_app.domain.quality.records import CaseRecord, KBFacts
from seat_app.domain.taxonomy import MATTERS, matter_by_name


class Fault(StrEnum):
    MISSING_REQUIRED = "missing_required"
    MATTER_MISMATCH = "matter_mismatch"
    WRONG_UNIT = "wrong_unit"
    FORBIDDEN_PHRASE = "forbidden_phrase"
    REPLY_CONTRADICTS_KB = "reply_contradicts_kb"
    DUPLICATE_NOT_LINKED = "duplicate_not_linked"
    EMERGENCY_NOT_TRANSFERRED = "emergency_not_transferred"
    CALLER_DATA_LEAKED = "caller_data_leaked"
    COMPLAINT_AS_ENQUIRY = "complaint_as_enquiry"
    CLOSED_DIRECT_MUST_DISPATCH = "closed_direct_must_dispatch"


FAULT_RATES: dict[Fault, float] = {
    Fault.MISSING_REQUIRED: 0.03,
    Fault.MATTER_MISMATCH: 0.03,
    Fault.WRONG_UNIT: 0.03,
    Fault.FORBIDDEN_PHRASE: 0.02,
    Fault.REPLY_CONTRADICTS_KB: 0.02,
    Fault.DUPLICATE_NOT_LINKED: 0.02,
    Fault.EMERGENCY_NOT_TRANSFERRED: 0.01,
    Fault.CALLER_DATA_LEAKED: 0.01,
    Fault.COMPLAINT_AS_ENQUIRY: 0.01,
    Fault.CLOSED_DIRECT_MUST_DISPATCH: 0.02,
}
"""Share of all cases given each fault (one fault per case at most)."""

FAULT_CHECK: dict[Fault, Check] = {
    Fault.MISSING_REQUIRED: Check.REQUIRED_FIELDS,
    Fault.MATTER_MISMATCH: Check.MATTER_VS_KB,
    Fault.WRONG_UNIT: Check.DISPATCH_UNIT,
    Fault.FORBIDDEN_PHRASE: Check.FORBIDDEN_PHRASES,
    Fault.REPLY_CONTRADICTS_KB: Check.REPLY_VS_KB,
    Fault.DUPLICATE_NOT_LINKED: Check.DUPLICATE_LINKED,
    Fault.EMERGENCY_NOT_TRANSFERRED: Check.EMERGENCY_TRANSFERRED,
    Fault.CALLER_DATA_LEAKED: Check.CALLER_DATA_LEAKED,
    Fault.COMPLAINT_AS_ENQUIRY: Check.COMPLAINT_AS_ENQUIRY,
    Fault.CLOSED_DIRECT_MUST_DISPATCH: Check.CLOSED_DIRECT_MUST_DISPATCH,
}


def grid_from_data(data: Mapping[str, Any]) -> Grid:
    """A Grid from the ``seat-grid/1`` JSON (resources/grid/demo-grid.json)."""
    units = tuple(
        Unit(
            u["code"],
            u["name"],
            u["area"],
            u["unit_type"],
            u.get("parent") or None,
            u.get("township", ""),
            bool(u.get("active", True)),
        )
        for u in data["units"]
    )
    return Grid(units, {k: tuple(v) for k, v in (data.get("townships") or {}).items()})


# ----------------------------------------------------------------------------- clean data


def demo_kb(seed: int = 0) -> dict[str, KBFacts]:
    """One demo entry per matter in scope (``KB-Q-0001``...), answers with checkable facts."""
    rng = random.Random(f"kb|{seed}")
    out: dict[str, KBFacts] = {}
    for n, m in enumerate((m for m in MATTERS if m.unit_types), start=1):
        days = rng.choice((3, 5, 7, 10, 15))
        phone = f"0359-{rng.randint(2000000, 8999999)}"
        answer = (
            f"您好，关于{m.name}，请携带本人身份证和相关材料到{m.unit_types[0]}部门窗口办理，"
            f"受理后一般 {days} 个工作日内办结。办公时间 9:00-12:00，咨询电话 {phone}。"
        )
        code = f"KB-Q-{n:04d}"
        out[code] = KBFacts(code, m.name, answer)
    return out


_STREETS = ("河东街", "解放路", "人民路", "学苑路", "中银大道", "红旗街", "禹都大道", "槐东路")
_NAMES = ("张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴")
_AGENTS = tuple(f"A{n:03d}" for n in range(1, 21))


def clean_cases(
    n: int,
    grid: Grid,
    kb: Mapping[str, KBFacts],
    rules: PrecheckRules,
    *,
    seed: int = 0,
    start: datetime | None = None,
    agents: Sequence[str] = _AGENTS,
) -> list[CaseRecord]:
    """``n`` consistent cases: every pre-check passes or is N/A on each of them."""
    rng = random.Random(f"clean|{seed}")
    start = start or datetime(2024, 3, 1, 8, 0)
    by_matter = {f.matter: f for f in kb.values()}
    transfer = list(rules.transfer_matters.items())
    areas = sorted({u.area for u in grid.units})
    in_scope = [m for m in MATTERS if m.unit_types and m.name in by_matter]
    cases: list[CaseRecord] = []
    for i in range(n):
        at = start + timedelta(minutes=7 * i + rng.randint(0, 5))
        agent = agents[i % len(agents)]
        phone = f"13{rng.randint(100000000, 999999999)}"
        area = rng.choice(areas)
        base = CaseRecord(
            case_id=f"Q{seed}-{i:06d}",
            case_number=f"{at:%Y%m%d}-S{i % 40:02d}-{i:04d}",
            agent=agent,
            created_at=at,
            closed_at=at + timedelta(minutes=9),
            channel="电话",
            caller_name=f"{rng.choice(_NAMES)}先生",
            caller_phone=phone,
            caller_area=area,
            caller_address=f"{area}{rng.choice(_STREETS)}{rng.randint(1, 300)}号",
            handling_seconds=float(rng.randint(120, 900)),
        )
        r = rng.random()
        if r < 0.03 and transfer:
            matter, line = transfer[i % len(transfer)]
            m = matter_by_name(matter)
            cases.append(
                replace(
                    base,
                    matter=matter,
                    domain=m.domain,
                    subcategory=m.subcategory,
                    description=f"来电人称{base.caller_address}有紧急情况，需要{line}处置。",
                    reply_text=f"已为您转接{line}，请保持电话畅通。",
                    handling="直接办理",
                    request_kind="求助",
                    transferred_to=line,
                )
            )
            continue
        m = rng.choice(in_scope)
        entry = by_matter[m.name]
        dispatch = rules.must_dispatch(replace(base, matter=m.name)) or rng.random() < 0.4
        intake_matter = m.name if rng.random() < 0.6 else ""
        suggested_of = linked_of = rejected_reason = ""
        if rng.random() < 0.05 and cases:
            suggested_of = cases[-1].case_id
            if rng.random() < 0.7:
                linked_of = suggested_of
            else:
                rejected_reason = "地点不同，非同一诉求"
        base = replace(
            base,
            intake_matter=intake_matter,
            duplicate_suggested_of=suggested_of,
            duplicate_of=linked_of,
            duplicate_rejected_reason=rejected_reason,
        )
        if dispatch:
            sugg = suggest_units(grid, m.name, area)
            if not sugg:
                continue
            complaint = rng.random() < 0.15
            desc = (
                f"我要投诉，{base.caller_address}附近{m.name}问题长期没人处理。"
                if complaint
                else f"来电人反映{base.caller_address}附近{m.name}方面的问题，请求处理。"
            )
            cases.append(
                replace(
                    base,
                    matter=m.name,
                    domain=m.domain,
                    subcategory=m.subcategory,
                    description=desc,
                    handling="转派",
                    handling_unit=sugg[0].unit.name,
                    status="已转派",
                    kb_code=entry.code,
                    request_kind="投诉" if complaint else "求助",
                )
            )
        else:
            cases.append(
                replace(
                    base,
                    matter=m.name,
                    domain=m.domain,
                    subcategory=m.subcategory,
                    description=f"来电人咨询{m.name}怎么办理。",
                    reply_text=entry.answer,
                    handling="直接办理",
                    kb_code=entry.code,
                    request_kind="咨询",
                )
            )
    return cases


# ----------------------------------------------------------------------------- faults


def _eligible(fault: Fault, c: CaseRecord, ctx: PrecheckContext, kb: Mapping[str, KBFacts]) -> bool:
    rules = ctx.rules
    transfer = c.matter in rules.transfer_matters
    if fault == Fault.MISSING_REQUIRED:
        return bool(c.caller_phone) and c.channel == "电话"
    if fault == Fault.MATTER_MISMATCH:
        return bool(c.kb_code) and not transfer and bool(_sibling(c, rules, kb))
    if fault == Fault.WRONG_UNIT:
        return c.handling == "转派" and ctx.grid is not None
    if fault in (Fault.FORBIDDEN_PHRASE, Fault.CALLER_DATA_LEAKED):
        return bool(c.reply_text.strip()) and (
            fault != Fault.CALLER_DATA_LEAKED or len(c.caller_phone) >= 7
        )
    if fault == Fault.REPLY_CONTRADICTS_KB:
        return c.handling == "直接办理" and bool(c.kb_code) and "个工作日" in c.reply_text
    if fault == Fault.DUPLICATE_NOT_LINKED:
        return not c.duplicate_suggested_of and not transfer
    if fault == Fault.EMERGENCY_NOT_TRANSFERRED:
        return transfer and bool(c.transferred_to)
    if fault == Fault.COMPLAINT_AS_ENQUIRY:
        return c.handling == "直接办理" and not transfer and not rules.must_dispatch(c)
    if fault == Fault.CLOSED_DIRECT_MUST_DISPATCH:
        return (
            c.handling == "转派"
            and rules.must_dispatch(c)
            and c.kb_code in kb
            and not c.duplicate_of
        )
    return False


def _sibling(c: CaseRecord, rules: PrecheckRules, kb: Mapping[str, KBFacts]) -> str:
    kb_matters = {f.matter for f in kb.values()}
    for m in MATTERS:
        if (
            m.subcategory == c.subcategory
            and m.name != c.matter
            and m.name in kb_matters
            and rules.must_dispatch(replace(c, matter=m.name)) == rules.must_dispatch(c)
            and m.name not in rules.transfer_matters
        ):
            return m.name
    return ""


def _apply(
    fault: Fault, c: CaseRecord, ctx: PrecheckContext, kb: Mapping[str, KBFacts], rng: random.Random
) -> tuple[CaseRecord, set[Check]]:
    expect = {FAULT_CHECK[fault]}
    if fault == Fault.MISSING_REQUIRED:
        if c.handling == "转派":
            return replace(c, caller_address=""), expect
        return replace(c, caller_phone=""), expect
    if fault == Fault.MATTER_MISMATCH:
        other = _sibling(c, ctx.rules, kb)
        if c.intake_matter:
            expect.add(Check.MATTER_VS_INTAKE)
        return replace(c, matter=other), expect
    if fault == Fault.WRONG_UNIT:
        assert ctx.grid is not None
        good = ctx.suggested_codes(c.matter, c.caller_area, c.township)
        types = {ctx.grid.unit(code).unit_type for code in good}
        wrong = [
            u
            for u in ctx.grid.units
            if u.unit_type not in types | {"政府", "乡镇"} and u.area == c.caller_area
        ]
        return replace(c, handling_unit=rng.choice(wrong).name), expect
    if fault == Fault.FORBIDDEN_PHRASE:
        phrase = rng.choice(list(ctx.forbidden_phrases))
        return replace(c, reply_text=f"{phrase}，{c.reply_text}"), expect
    if fault == Fault.REPLY_CONTRADICTS_KB:
        import re

        def bump(m: re.Match[str]) -> str:
            return f"{int(m.group(1)) + 20} 个工作日"

        return replace(
            c, reply_text=re.sub(r"(\d+)\s*个工作日", bump, c.reply_text, count=1)
        ), expect
    if fault == Fault.DUPLICATE_NOT_LINKED:
        return replace(
            c,
            duplicate_suggested_of=f"{c.case_id}-EARLIER",
            duplicate_of="",
            duplicate_rejected_reason="",
        ), expect
    if fault == Fault.EMERGENCY_NOT_TRANSFERRED:
        return replace(c, transferred_to=""), expect
    if fault == Fault.CALLER_DATA_LEAKED:
        return replace(c, reply_text=f"{c.reply_text}已登记您的电话{c.caller_phone}。"), expect
    if fault == Fault.COMPLAINT_AS_ENQUIRY:
        return replace(c, description=f"我要投诉，{c.description}", request_kind="咨询"), expect
    if fault == Fault.CLOSED_DIRECT_MUST_DISPATCH:
        entry = kb[c.kb_code]
        return replace(
            c, handling="直接办理", handling_unit="", status="已办结", reply_text=entry.answer
        ), expect
    raise AssertionError(fault)


def inject_faults(
    cases: Sequence[CaseRecord],
    ctx: PrecheckContext,
    *,
    seed: int = 0,
    rates: Mapping[Fault, float] | None = None,
) -> tuple[list[CaseRecord], dict[str, frozenset[Check]], dict[str, Fault]]:
    """(cases with faults, truth: case id -> checks that must fail, case id -> fault).
    Each fault goes to ``round(rate * len(cases))`` eligible cases chosen at random."""
    rates = FAULT_RATES if rates is None else rates
    kb = ctx.kb if isinstance(ctx.kb, Mapping) else {}
    rng = random.Random(f"faults|{seed}")
    out = list(cases)
    index = {c.case_id: i for i, c in enumerate(out)}
    truth: dict[str, frozenset[Check]] = {}
    kinds: dict[str, Fault] = {}
    for fault in Fault:
        want = round(rates.get(fault, 0.0) * len(out))
        pool = [c for c in out if c.case_id not in kinds and _eligible(fault, c, ctx, kb)]
        for c in rng.sample(pool, min(want, len(pool))):
            faulty, expect = _apply(fault, c, ctx, kb, rng)
            out[index[c.case_id]] = faulty
            truth[c.case_id] = frozenset(expect)
            kinds[c.case_id] = fault
    return out, truth, kinds


@dataclass(frozen=True, slots=True)
class CheckScore:
    check: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True, slots=True)
class Measured:
    cases: int
    faulty: int
    per_check: tuple[CheckScore, ...]
    overall: CheckScore

    def to_dict(self) -> dict[str, Any]:
        def one(s: CheckScore) -> dict[str, Any]:
            return {
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
            }

        return {
            "cases": self.cases,
            "faulty": self.faulty,
            "precision": round(self.overall.precision, 4),
            "recall": round(self.overall.recall, 4),
            "checks": {s.check: one(s) for s in self.per_check},
        }


def measure(
    cases: Sequence[CaseRecord], truth: Mapping[str, frozenset[Check]], ctx: PrecheckContext
) -> Measured:
    """Every check's failures against the truth: a failure where no fault of that check was
    injected is a false positive, a missed injected fault a false negative."""
    counts = {c: [0, 0, 0] for c in CHECKS}
    for case in cases:
        expected = truth.get(case.case_id, frozenset())
        for r in run_prechecks(case, ctx):
            failed = r.outcome == Outcome.FAIL
            if failed and r.check in expected:
                counts[r.check][0] += 1
            elif failed:
                counts[r.check][1] += 1
            elif r.check in expected:
                counts[r.check][2] += 1
    per = tuple(CheckScore(c.value, *v) for c, v in counts.items())
    total = CheckScore(
        "all", sum(s.tp for s in per), sum(s.fp for s in per), sum(s.fn for s in per)
    )
    return Measured(len(cases), len(truth), per, total)


# ----------------------------------------------------------------------------- bench


def bench_prechecks(
    cases: Sequence[CaseRecord], ctx: PrecheckContext, *, rounds: int = 3
) -> dict[str, Any]:
    """Milliseconds per case for all pre-checks (min / median / p95), with a baseline
    measured in the same run (copying each record: the floor of any per-case work)."""
    times: list[float] = []
    base: list[float] = []
    for _ in range(rounds):
        for c in cases:
            t0 = time.perf_counter()
            replace(c)
            t1 = time.perf_counter()
            run_prechecks(c, ctx)
            t2 = time.perf_counter()
            base.append((t1 - t0) * 1000)
            times.append((t2 - t1) * 1000)

    def stats(xs: list[float]) -> dict[str, float]:
        xs = sorted(xs)
        return {
            "min": round(xs[0], 4),
            "median": round(statistics.median(xs), 4),
            "p95": round(xs[min(len(xs) - 1, int(0.95 * len(xs)))], 4),
        }

    return {
        "cases": len(cases),
        "rounds": rounds,
        "ms_per_case": stats(times),
        "baseline_ms": stats(base),
        "target_ms": 50.0,
    }

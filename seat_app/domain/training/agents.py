"""Scripted agents that play a scenario through the simulated caller, producing attempts:
the model agent does everything right; the careless agent makes exactly four mistakes
(another matter of the same domain, no address, no read-back, a forbidden phrase in the
reply) and their consequences (an emergency goes where the wrong matter sends it).
``seat-admin training demo`` plays every starter scenario with both.
"""

from __future__ import annotations

from datetime import date

from seat_app.domain.taxonomy import MATTERS, matter_by_name
from seat_app.domain.training.attempt import PracticeAttempt
from seat_app.domain.training.caller import SimulatedCaller
from seat_app.domain.training.scenario import Scenario

MODEL_QUESTIONS: dict[str, str] = {
    "name": "请问您怎么称呼？",
    "address": "请问具体地址在哪里？",
    "phone": "请问您的联系电话是多少？",
    "time": "请问一般什么时间出现？",
    "since": "请问这个情况持续多久了？",
    "contacted": "请问之前有没有向其他部门反映过？",
    "detail": "请您详细说一下具体情况。",
}
CARELESS_PHRASE = "这个不归我们管"
TRANSFER_OF = {"紧急警情转110": "110", "火警转119": "119", "急救转120": "120"}


def practice_case_number(seq: int, day: date = date(2026, 1, 5)) -> str:
    """A practice case number: ``LX`` prefix (练习) so it can never be a live one."""
    return f"LX{day:%Y%m%d}-P01-{seq:04d}"


def wrong_matter(matter: str) -> str:
    """Another matter of the same domain: the first of another subcategory, else the next
    one of the same subcategory (domains with one subcategory)."""
    m = matter_by_name(matter)
    same_domain = [x for x in MATTERS if x.domain == m.domain and x.name != matter]
    other_sub = [x for x in same_domain if x.subcategory != m.subcategory]
    if other_sub:
        return other_sub[0].name
    sub = [x for x in MATTERS if x.subcategory == m.subcategory]
    return sub[(sub.index(m) + 1) % len(sub)].name


def _play(s: Scenario, *, careless: bool, seq: int) -> PracticeAttempt:
    caller = SimulatedCaller(s)
    caller.ring()
    caller.answer()
    steps: list[str] = []
    utter: list[str] = []

    def step(sid: str) -> None:
        steps.append(sid)
        caller.use_step(sid)

    if s.is_phone:
        step("call/greeting")
    if s.is_upset:
        step(s.calm_steps[0])
    matter = wrong_matter(s.matter) if careless else s.matter
    skip = {"address"} if careless else set()
    fact_ids = [f.id for f in caller.facts if f.id not in skip]
    if s.is_phone and not s.is_emergency:
        step("call/identify")
    for fid in fact_ids:
        if fid == "name" and "name" in caller.revealed:
            continue
        q = MODEL_QUESTIONS.get(fid)
        if q is None:
            f = next(f for f in caller.facts if f.id == fid)
            q = f"请问{f.keywords[0]}是什么情况？" if f.keywords else ""
        if q:
            caller.ask(q)
    if s.is_emergency:
        number = TRANSFER_OF.get(matter, "")
        if number:
            step("emergency/assess")
            step(f"emergency/transfer-{number}")
        return PracticeAttempt(
            scenario_id=s.id, form={"matter": matter, "channel": s.channel},
            steps_used=tuple(steps), questions=tuple(caller.questions),
            revealed=tuple(caller.revealed), transferred_to=caller.transferred_to,
            utterances=tuple(utter), elapsed_s=min(60.0, s.time_limit_s * 0.5),
            calmed=caller.calmed, escalated=caller.escalated)
    e = s.expected
    reply = e.model_answer + (f"不过说实话，{CARELESS_PHRASE}。" if careless else "")
    form = {
        "channel": s.channel, "caller_name": s.persona.name, "caller_phone": s.persona.phone,
        "caller_area": e.area, "caller_address": "" if careless else e.address,
        "matter": matter, "domain": matter_by_name(matter).domain,
        "subcategory": matter_by_name(matter).subcategory,
        "description": e.description or s.opening, "handling": e.handling,
        "handling_unit": e.units[0] if e.handling == "转派" and e.units else "",
        "reply_text": reply,
    }
    number = practice_case_number(seq)
    if s.is_phone:
        if not careless:
            step("call/readback")
        step("upset_caller/close" if s.is_upset else "call/closing")
    return PracticeAttempt(
        scenario_id=s.id, form=form, steps_used=tuple(steps),
        questions=tuple(caller.questions), revealed=tuple(caller.revealed),
        kb_opened=e.accepted_kb[:1], kb_inserted=e.accepted_kb[:1],
        case_number=number, read_back="" if careless else number,
        utterances=tuple(utter), elapsed_s=round(s.time_limit_s * 0.6, 1),
        calmed=caller.calmed, escalated=caller.escalated)


def model_attempt(s: Scenario, seq: int = 1) -> PracticeAttempt:
    """What a model agent does on ``s``: every item right."""
    return _play(s, careless=False, seq=seq)


def careless_attempt(s: Scenario, seq: int = 1) -> PracticeAttempt:
    """What the careless agent does on ``s``: wrong matter in the right domain, no address,
    no read-back, a forbidden phrase in the reply."""
    return _play(s, careless=True, seq=seq)


def cross_red_line(s: Scenario, a: PracticeAttempt, red_line: str) -> PracticeAttempt:
    """``a`` with ``red_line`` crossed: an emergency recorded as a case instead of being
    transferred, or the caller's number read out in full."""
    from dataclasses import replace

    if red_line == "emergency_transfer":
        return replace(a, transferred_to="", case_number=practice_case_number(999),
                       steps_used=tuple(x for x in a.steps_used
                                        if not x.startswith("emergency/transfer-")))
    if red_line == "phone_privacy":
        return replace(a, utterances=(*a.utterances,
                                      f"跟您核对一下，您的电话是{s.persona.phone}，对吧？"))
    raise ValueError(f"unknown red line {red_line!r}")

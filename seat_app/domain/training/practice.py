"""Practice scoring: a scenario and an attempt become one judgement per item of the
practice rubric (resources/training/rubric-v1.toml), then the shared rubric engine scores.

Item ids the practice rubric must have (``PRACTICE_ITEMS``): greeting, closing,
caller_calmed, name_confirmed, area, address, required_fields, matter (full marks for the
exact matter, half for another matter of the same subcategory), kb_entry, handling_mode,
handling_unit, key_facts, no_forbidden, readback, time_limit, and the red lines
emergency_transfer and phone_privacy (fatal). Items that do not apply to a scenario are N/A
(online channels have no greeting, closing, name confirmation or read-back; an emergency
is judged on the transfer, not on a recorded case).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.domain.training.attempt import PracticeAttempt
from seat_app.domain.training.rubric import Evaluation, Judgement, Outcome, Rubric, evaluate
from seat_app.domain.training.scenario import Scenario

PRACTICE_ITEMS: tuple[str, ...] = (
    "greeting", "closing", "caller_calmed", "name_confirmed", "area", "address",
    "required_fields", "matter", "kb_entry", "handling_mode", "handling_unit", "key_facts",
    "no_forbidden", "readback", "time_limit", "emergency_transfer", "phone_privacy",
)
GREETING_STEPS = frozenset({"call/greeting"})
CLOSING_STEPS = frozenset({"call/closing", "upset_caller/close"})
IDENTIFY_STEPS = frozenset({"call/identify"})
SAME_SUBCATEGORY_CREDIT = 0.5
FIELD_ZH = {"caller_name": "来电人", "caller_phone": "联系电话", "caller_area": "所属区域",
            "caller_address": "地址", "matter": "事项", "description": "诉求内容",
            "handling": "办理方式", "handling_unit": "承办单位", "reply_text": "答复内容",
            "channel": "受理渠道"}
_WS = re.compile(r"\s+")
_DIGIT_GAP = re.compile(r"(?<=\d)[\s\-]+(?=\d)")


def parse_phrases(text: str) -> tuple[str, ...]:
    """The forbidden-phrase list (禁语): one phrase a line, ``#`` starts a comment."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(dict.fromkeys(out))


def _n(text: str) -> str:
    return _WS.sub("", text)


def _j(item: str, ok: bool | None, expected: str = "", entered: str = "", note: str = ""
       ) -> Judgement:
    outcome = Outcome.NA if ok is None else Outcome.PASS if ok else Outcome.FAIL
    return Judgement(item, outcome, expected=expected, entered=entered, note=note)


def full_phone_said(phone: str, texts: Iterable[str]) -> str:
    """The first text in which ``phone`` appears in full (separators ignored), or ''."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 7:
        return ""
    for t in texts:
        if digits in _DIGIT_GAP.sub("", t):
            return t
    return ""


def judge_attempt(s: Scenario, a: PracticeAttempt,
                  forbidden: Collection[str] = ()) -> list[Judgement]:
    """One judgement per practice item, with the evidence (expected vs entered)."""
    e = s.expected
    phone, emergency = s.is_phone, s.is_emergency
    steps = set(a.steps_used)
    out: list[Judgement] = []
    out.append(_j("greeting", None if not phone else bool(steps & GREETING_STEPS),
                  "使用标准问候语", "已使用" if steps & GREETING_STEPS else "未使用"))
    out.append(_j("closing", None if not phone or emergency else bool(steps & CLOSING_STEPS),
                  "使用结束语", "已使用" if steps & CLOSING_STEPS else "未使用"))
    out.append(_j("caller_calmed", None if not s.is_upset else a.calmed and not a.escalated,
                  f"先用安抚话术：{'、'.join(s.calm_steps)}",
                  "已安抚" if a.calmed else "来电人情绪升级" if a.escalated else "未安抚"))
    name = a.value("caller_name")
    asked = "name" in a.revealed or bool(steps & IDENTIFY_STEPS)
    out.append(_j("name_confirmed", None if not phone or emergency else
                  name == s.persona.name and asked, s.persona.name,
                  f"{name or '（空）'}{'' if asked else '（未询问）'}"))
    out.append(_j("area", None if emergency else a.value("caller_area") == e.area,
                  e.area, a.value("caller_area") or "（空）"))
    if emergency:
        ok_addr: bool | None = "address" in a.revealed
        got_addr = "已询问位置" if ok_addr else "未询问位置"
    else:
        got_addr = a.value("caller_address")
        ok_addr = None if not e.address else bool(got_addr) and _n(e.address) in _n(got_addr)
    out.append(_j("address", ok_addr, e.address or "询问事发位置", got_addr or "（空）"))
    req = s.required_fields()
    missing = [f for f in req if not a.value(f)]
    out.append(_j("required_fields", None if not req else not missing, "、".join(
        FIELD_ZH.get(f, f) for f in req), "缺：" + "、".join(FIELD_ZH.get(f, f) for f in missing)
        if missing else "已填齐"))
    got_m = a.value("matter")
    if got_m == s.matter:
        out.append(_j("matter", True, s.matter, got_m))
    elif is_matter(got_m) and matter_by_name(got_m).subcategory == s.subcategory \
            and matter_by_name(got_m).domain == s.domain:
        out.append(Judgement("matter", Outcome.PARTIAL, s.matter, got_m,
                             "同一分类下的其他事项", SAME_SUBCATEGORY_CREDIT))
    else:
        out.append(_j("matter", False, s.matter, got_m or "（空）"))
    used = [c for c in (*a.kb_opened, *a.kb_inserted) if c in e.accepted_kb]
    out.append(_j("kb_entry", None if not e.accepted_kb else bool(used),
                  "、".join(e.accepted_kb), "、".join(dict.fromkeys(
                      (*a.kb_opened, *a.kb_inserted))) or "（未打开知识条目）"))
    out.append(_j("handling_mode", None if emergency else a.value("handling") == e.handling,
                  e.handling, a.value("handling") or "（空）"))
    out.append(_j("handling_unit", None if e.handling != "转派" else
                  a.value("handling_unit") in e.units, "、".join(e.units),
                  a.value("handling_unit") or "（空）"))
    reply = a.value("reply_text")
    lacking = [k for k in e.key_facts if _n(k) not in _n(reply)]
    out.append(_j("key_facts", None if emergency or not e.key_facts else not lacking,
                  "、".join(e.key_facts), "缺：" + "、".join(lacking) if lacking else "已包含"))
    said = (reply, *a.utterances, *a.questions)
    bad = [p for p in (*forbidden, *e.forbidden) if any(_n(p) in _n(t) for t in said if t)]
    out.append(_j("no_forbidden", not bad, "不使用禁语",
                  "使用了：" + "、".join(dict.fromkeys(bad)) if bad else "未使用禁语"))
    out.append(_j("readback", None if not phone or emergency else
                  bool(a.case_number) and a.read_back == a.case_number,
                  a.case_number or "（未保存工单）", a.read_back or "（未复述）"))
    out.append(_j("time_limit", a.elapsed_s <= s.time_limit_s, f"≤ {s.time_limit_s} 秒",
                  f"{a.elapsed_s:.0f} 秒"))
    out.append(_j("emergency_transfer", None if "emergency_transfer" not in s.red_lines else
                  a.transferred_to == e.transfer_to, f"转接 {e.transfer_to}",
                  f"转接 {a.transferred_to}" if a.transferred_to else "未转接"))
    leaked = full_phone_said(s.persona.phone, (*said, a.read_back))
    out.append(_j("phone_privacy", None if "phone_privacy" not in s.red_lines
                  or not s.persona.phone else not leaked, "不完整念出来电号码",
                  f"念出：{leaked}" if leaked else "未念出"))
    return out


def score_attempt(s: Scenario, a: PracticeAttempt, rubric: Rubric,
                  forbidden: Collection[str] = (), *, pass_mark: float | None = None
                  ) -> Evaluation:
    """The practice evaluation of ``a`` on ``s`` (``rubric`` must hold PRACTICE_ITEMS)."""
    if a.scenario_id != s.id:
        raise ValueError(f"练习记录属于场景 {a.scenario_id}，不是 {s.id}")
    return evaluate(rubric, judge_attempt(s, a, forbidden), pass_mark=pass_mark,
                    meta={"scenario_id": s.id, "model_answer": s.expected.model_answer,
                          "accepted_kb": list(s.expected.accepted_kb)})

"""``training from-cases`` core: a closed real case becomes a practice scenario with the
caller's personal data replaced (name, phone, the numbers of the address), so trainers
practise on what callers really said.

Input: a case as a dict (the case service's row: case_number, status, channel, caller_name,
caller_phone, caller_area, caller_address, matter, description, handling, handling_unit,
reply_text, kb_code). Replacements are deterministic (a seed and the case number), always
differ from the originals, and are applied to every text of the scenario (the description
becomes the opening line, the reply the model answer).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

from seat_app.domain.training.errors import CaseNotUsable, ScenarioImportError
from seat_app.domain.training.scenario import PHONE_CHANNEL, Scenario, load_scenarios

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("建国", "秀英", "志强", "丽娟", "海涛", "桂兰", "晓东", "玉梅", "文斌", "红霞")
_TITLES = "先生|女士|师傅|阿姨|大爷|大妈|老师"
_DIGITS = re.compile(r"\d+")


def _h(*parts: object) -> int:
    return int(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12], 16)


def pseudonym(name: str, key: str) -> str:
    """A fictional name (surname + given) that differs from ``name``."""
    h = _h("name", key)
    for k in range(len(SURNAMES)):
        cand = SURNAMES[(h + k) % len(SURNAMES)] + GIVEN[(h // 7 + k) % len(GIVEN)]
        if cand != name and cand[0] != name[:1]:
            return cand
    return "测试来电人"  # pragma: no cover - every surname in the list matched


def fake_phone(phone: str, key: str) -> str:
    """A fictional 139 0000 xxxx number that differs from ``phone``."""
    h = _h("phone", key)
    for k in range(10_000):
        cand = f"1390000{(h + k) % 10_000:04d}"
        if cand != re.sub(r"\D", "", phone):
            return cand
    raise AssertionError("unreachable")  # pragma: no cover


def renumber(address: str, key: str) -> str:
    """``address`` with every number replaced by a different one of similar size."""
    def sub(m: re.Match[str]) -> str:
        n = int(m.group())
        new = (n * 7 + _h("addr", key, m.start()) % 89 + 1) % (10 ** max(len(m.group()), 2))
        return str(new if new not in (n, 0) else n + 1)
    return _DIGITS.sub(sub, address)


def scrub(text: str, name: str, new_name: str, phone: str, new_phone: str,
          address: str, new_address: str) -> str:
    """Replace the caller's name (and 'surname + title'), phone (with any separators) and
    address in ``text``."""
    if address:
        text = text.replace(address, new_address)
    digits = re.sub(r"\D", "", phone)
    if len(digits) >= 5:
        pattern = r"[\s\-]*".join(re.escape(c) for c in digits)
        text = re.sub(pattern, new_phone, text)
    if name:
        text = text.replace(name, new_name)
        text = re.sub(f"{re.escape(name[0])}({_TITLES})", lambda m: new_name[0] + m.group(1),
                      text)
    return text


def scenario_from_case(case: Mapping[str, Any], *, seed: int = 0, id_prefix: str = "FC-",
                       units: Collection[str] | None = None,
                       kb_exists: Callable[[str], bool] | None = None) -> Scenario:
    """A scenario from a closed case; CaseNotUsable when the case is not closed or lacks
    what a scenario needs (the reason in both languages)."""
    def v(k: str) -> str:
        return str(case.get(k) or "").strip()

    number = v("case_number")
    if v("status") != "已办结":
        raise CaseNotUsable(f"工单 {number} 未办结，不能作为练习场景",
                            f"Case {number} is not closed; it cannot become a scenario")
    key = f"{seed}:{number}"
    name, phone, address = v("caller_name"), v("caller_phone"), v("caller_address")
    new_name = pseudonym(name, key)
    new_phone = fake_phone(phone, key) if phone else ""
    new_address = renumber(address, key)

    def clean(t: str) -> str:
        return scrub(t, name, new_name, phone, new_phone, address, new_address)

    description, reply = clean(v("description")), clean(v("reply_text"))
    handling = v("handling")
    channel = v("channel") or PHONE_CHANNEL
    if channel == PHONE_CHANNEL and not new_phone:
        new_phone = fake_phone("", key)
    skill = ("online_request" if channel != PHONE_CHANNEL else
             "dispatch" if handling == "转派" else "policy_answer")
    facts = [{"id": "detail", "answer": description or "就是刚才说的情况。"}]
    if new_address:
        facts.append({"id": "address", "answer": f"在{v('caller_area')}{new_address}。"})
    row = {
        "id": f"{id_prefix}{_h('id', key) % 10**8:08d}", "title": f"{v('matter')}（真实来电改编）",
        "matter": v("matter"), "skill": skill, "difficulty": 2, "channel": channel,
        "persona": {"name": new_name, "area": v("caller_area"), "mood": "calm",
                    "phone": new_phone},
        "opening": description, "facts": facts,
        "expected": {"area": v("caller_area"), "address": new_address, "handling": handling,
                     "units": [v("handling_unit")] if v("handling_unit") else [],
                     "accepted_kb": [v("kb_code")] if v("kb_code") else [],
                     "description": description, "model_answer": reply},
        "red_lines": ["phone_privacy"] if channel == PHONE_CHANNEL else [],
        "tags": ["from_cases"], "source": "from-cases",
    }
    try:
        return load_scenarios([row], units=units, kb_exists=kb_exists)[0]
    except ScenarioImportError as exc:
        reasons = "；".join(f"{p.field}：{p.zh}" for p in exc.problems)
        reasons_en = "; ".join(f"{p.field}: {p.en}" for p in exc.problems)
        raise CaseNotUsable(f"工单 {number} 不能作为练习场景：{reasons}",
                            f"Case {number} cannot become a scenario: {reasons_en}") from None

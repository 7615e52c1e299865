"""Practice scenarios (练习场景) as data, and their all-or-nothing loading.

One scenario, as JSON (the starter library in resources/training/scenarios.json is a list
of these; .xlsx rows use the same names, see ``FLAT_FIELDS``)::

    {"id": "S001", "title": "…", "matter": "装修噪声", "skill": "classification",
     "difficulty": 1, "channel": "电话",
     "persona": {"name": "王建国", "area": "盐湖区", "mood": "calm", "phone": "13900001234"},
     "opening": "喂，我想反映个事，楼上天天装修……",
     "facts": [{"id": "address", "answer": "盐湖区…号", "keywords": ["小区"]}, …],
     "expected": {"area": "盐湖区", "address": "…", "handling": "转派",
                  "units": ["运城市盐湖区生态环境局"], "transfer_to": "",
                  "accepted_kb": ["DEMO-YH-ZXZS-00123"], "key_facts": ["…"],
                  "forbidden": [], "description": "…", "model_answer": "…"},
     "time_limit_s": 300, "red_lines": ["phone_privacy"], "calm_steps": [], "tags": []}

Fact ids with built-in question keywords: name, address, time, since, contacted, phone,
detail (anything else needs its own keywords). Handling is 直接办理, 转派 or 转接 (an
emergency transferred to 110/119/120). Red lines: ``emergency_transfer`` (must be
transferred to ``transfer_to``) and ``phone_privacy`` (the caller's number is never read
out in full).

``load_scenarios`` checks every row against the taxonomy and, when given, the unit names
and the KB codes; it returns every scenario or raises ``ScenarioImportError`` listing every
bad row (row, field, reason) — a file with errors changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from seat_app.domain.taxonomy import Matter, is_area, is_matter, matter_by_name
from seat_app.domain.training.errors import RowProblem, ScenarioImportError


class Skill(StrEnum):
    CLASSIFICATION = "classification"
    DISPATCH = "dispatch"
    EMERGENCY = "emergency"
    UPSET_CALLER = "upset_caller"
    POLICY_ANSWER = "policy_answer"
    ONLINE_REQUEST = "online_request"


SKILL_ZH = {Skill.CLASSIFICATION: "分类", Skill.DISPATCH: "转派", Skill.EMERGENCY: "紧急转接",
            Skill.UPSET_CALLER: "情绪安抚", Skill.POLICY_ANSWER: "政策解答",
            Skill.ONLINE_REQUEST: "网络诉求"}


class Mood(StrEnum):
    CALM = "calm"
    ANXIOUS = "anxious"
    UPSET = "upset"
    PANICKED = "panicked"


CHANNELS = ("电话", "APP", "网站", "信箱", "窗口")
PHONE_CHANNEL = "电话"
HANDLINGS = ("直接办理", "转派", "转接")
TRANSFER_NUMBERS = ("110", "119", "120")
RED_LINES = ("emergency_transfer", "phone_privacy")
FACT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "name": ("贵姓", "姓名", "怎么称呼", "名字", "您是哪位", "称呼"),
    "address": ("地址", "哪里", "位置", "在哪", "门牌", "哪个小区", "具体地点", "什么地方", "哪条街"),
    "time": ("什么时候", "几点", "时间", "时段", "哪天", "什么时间"),
    "since": ("多久", "多长时间", "从什么时候", "开始的", "持续", "几天了", "多少天"),
    "contacted": ("反映过", "联系过", "找过", "打过", "投诉过", "其他部门", "之前"),
    "phone": ("电话", "号码", "联系方式", "回电", "手机"),
    "detail": ("具体", "详细", "情况", "怎么回事", "说一下", "什么问题"),
}
"""Built-in question keywords of the standard facts."""
DEFAULT_TIME_LIMIT_S = 300


@dataclass(frozen=True, slots=True)
class Persona:
    name: str
    area: str
    mood: Mood = Mood.CALM
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Fact:
    """Something the caller reveals only when asked: by a question matching ``keywords``
    (plus the built-in ones of a standard id) or by one of the script ``steps``."""

    id: str
    answer: str
    keywords: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()

    def all_keywords(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.keywords, *FACT_KEYWORDS.get(self.id, ()))))


@dataclass(frozen=True, slots=True)
class Expected:
    area: str
    address: str = ""
    handling: str = "直接办理"
    units: tuple[str, ...] = ()
    """Accepted handling units (names as in the grid), the first is the model's."""
    transfer_to: str = ""
    accepted_kb: tuple[str, ...] = ()
    key_facts: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    """Phrases forbidden in this scenario, on top of the shared 禁语 list."""
    description: str = ""
    model_answer: str = ""
    required_fields: tuple[str, ...] = ()
    """Case fields that must be filled; empty means ``default_required_fields(channel)``."""


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    title: str
    matter: str
    skill: Skill
    difficulty: int
    channel: str
    persona: Persona
    opening: str
    facts: tuple[Fact, ...]
    expected: Expected
    time_limit_s: int = DEFAULT_TIME_LIMIT_S
    red_lines: tuple[str, ...] = ()
    calm_steps: tuple[str, ...] = ()
    """For upset callers: script steps that calm them (e.g. upset_caller/acknowledge)."""
    tags: tuple[str, ...] = ()
    source: str = "starter"

    @property
    def matter_ref(self) -> Matter:
        return matter_by_name(self.matter)

    @property
    def domain(self) -> str:
        return self.matter_ref.domain

    @property
    def subcategory(self) -> str:
        return self.matter_ref.subcategory

    @property
    def is_phone(self) -> bool:
        return self.channel == PHONE_CHANNEL

    @property
    def is_emergency(self) -> bool:
        return self.expected.handling == "转接"

    @property
    def is_upset(self) -> bool:
        return self.persona.mood == Mood.UPSET

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def required_fields(self) -> tuple[str, ...]:
        return self.expected.required_fields or default_required_fields(self)


def default_required_fields(s: Scenario) -> tuple[str, ...]:
    if s.is_emergency:
        return ()
    fields = ["caller_name", "caller_area", "matter", "description", "handling"]
    if s.expected.address:
        fields.insert(2, "caller_address")
    if s.is_phone:
        fields.insert(1, "caller_phone")
    if s.expected.handling == "转派":
        fields.append("handling_unit")
    if s.expected.handling == "直接办理":
        fields.append("reply_text")
    return tuple(fields)


# ─── to and from data ────────────────────────────────────────────────────────────────────


def scenario_to_dict(s: Scenario) -> dict[str, Any]:
    e = s.expected
    return {
        "id": s.id, "title": s.title, "matter": s.matter, "domain": s.domain,
        "skill": str(s.skill), "difficulty": s.difficulty, "channel": s.channel,
        "persona": {"name": s.persona.name, "area": s.persona.area,
                    "mood": str(s.persona.mood), "phone": s.persona.phone},
        "opening": s.opening,
        "facts": [{"id": f.id, "answer": f.answer, "keywords": list(f.keywords),
                   "steps": list(f.steps)} for f in s.facts],
        "expected": {"area": e.area, "address": e.address, "handling": e.handling,
                     "units": list(e.units), "transfer_to": e.transfer_to,
                     "accepted_kb": list(e.accepted_kb), "key_facts": list(e.key_facts),
                     "forbidden": list(e.forbidden), "description": e.description,
                     "model_answer": e.model_answer,
                     "required_fields": list(e.required_fields)},
        "time_limit_s": s.time_limit_s, "red_lines": list(s.red_lines),
        "calm_steps": list(s.calm_steps), "tags": list(s.tags), "source": s.source,
    }


FLAT_FIELDS: tuple[str, ...] = (
    "id", "title", "matter", "skill", "difficulty", "channel", "name", "area", "mood", "phone",
    "opening", "facts", "address", "handling", "units", "transfer_to", "accepted_kb",
    "key_facts", "forbidden", "description", "model_answer", "time_limit_s", "red_lines",
    "calm_steps", "tags",
)
"""Columns of a flat (spreadsheet) row. List columns are separated by ``|``; ``facts`` is
one fact a line: ``id: answer`` (keywords after a second ``|``: ``id: answer | 关键词1,关键词2``)
or a JSON list."""

_LISTS = ("units", "accepted_kb", "key_facts", "forbidden", "red_lines", "calm_steps", "tags")


def scenario_to_row(s: Scenario) -> dict[str, Any]:
    d = scenario_to_dict(s)
    e, p = d["expected"], d["persona"]
    row: dict[str, Any] = {k: d[k] for k in ("id", "title", "matter", "skill", "difficulty",
                                             "channel", "opening", "time_limit_s")}
    row.update({k: p[k] for k in ("name", "area", "mood", "phone")})
    row.update({k: e[k] for k in ("address", "handling", "transfer_to", "description",
                                  "model_answer")})
    for k in _LISTS:
        row[k] = "|".join(e[k] if k in e else d[k])
    row["facts"] = json.dumps(d["facts"], ensure_ascii=False)
    return {k: row[k] for k in FLAT_FIELDS}


def row_to_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """A flat row back to the nested form (no validation here; ``load_scenarios`` checks)."""
    def text(k: str) -> str:
        v = row.get(k)
        return "" if v is None else str(v).strip()

    def parts(k: str) -> list[str]:
        return [p.strip() for p in text(k).split("|") if p.strip()]

    facts: Any = text("facts")
    if facts.startswith("["):
        try:
            facts = json.loads(facts)
        except json.JSONDecodeError:
            facts = "invalid"
    else:
        out = []
        for line in facts.splitlines():
            if not line.strip():
                continue
            head, _, kw = line.partition("|")
            fid, sep, answer = head.partition(":")
            out.append({"id": fid.strip(), "answer": answer.strip() if sep else "",
                        "keywords": [k.strip() for k in kw.split(",") if k.strip()]})
        facts = out
    diff: Any = row.get("difficulty")
    limit: Any = row.get("time_limit_s") or DEFAULT_TIME_LIMIT_S
    return {
        "id": text("id"), "title": text("title"), "matter": text("matter"),
        "skill": text("skill"), "difficulty": diff, "channel": text("channel"),
        "persona": {"name": text("name"), "area": text("area"), "mood": text("mood") or "calm",
                    "phone": text("phone")},
        "opening": text("opening"), "facts": facts,
        "expected": {"area": text("area"), "address": text("address"),
                     "handling": text("handling"), "units": parts("units"),
                     "transfer_to": text("transfer_to"), "accepted_kb": parts("accepted_kb"),
                     "key_facts": parts("key_facts"), "forbidden": parts("forbidden"),
                     "description": text("description"), "model_answer": text("model_answer")},
        "time_limit_s": limit, "red_lines": parts("red_lines"), "calm_steps": parts("calm_steps"),
        "tags": parts("tags"),
    }


@dataclass
class _Row:
    row: int
    problems: list[RowProblem] = field(default_factory=list)

    def bad(self, fld: str, zh: str, en: str) -> None:
        self.problems.append(RowProblem(self.row, fld, zh, en))


def _int(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    return None


def _skill(v: object) -> Skill | None:
    """The skill named by ``v``, or None when ``v`` names none."""
    if not isinstance(v, str):
        return None
    try:
        return Skill(v)
    except ValueError:
        return None


def _strs(v: Any) -> tuple[str, ...] | None:
    if v is None:
        return ()
    if isinstance(v, list | tuple) and all(isinstance(x, str) for x in v):
        return tuple(x.strip() for x in v if x.strip())
    return None


def _scenario(d: Mapping[str, Any], r: _Row, units: Collection[str] | None,
              kb_exists: Callable[[str], bool] | None) -> Scenario | None:
    before = len(r.problems)
    if not isinstance(d, Mapping):
        r.bad("*", "应为一个场景对象", "must be a scenario object")
        return None
    sid = d.get("id")
    if not isinstance(sid, str) or not sid.strip():
        r.bad("id", "缺少场景编号", "missing scenario id")
    title = d.get("title")
    if not isinstance(title, str) or not title.strip():
        r.bad("title", "缺少标题", "missing title")
    matter = d.get("matter")
    if not isinstance(matter, str) or not is_matter(matter):
        r.bad("matter", f"事项“{matter}”不在事项目录中", f"matter {matter!r} is not in the list")
    skill = _skill(d.get("skill"))
    if skill is None:
        r.bad("skill", f"技能只能是：{'、'.join(Skill)}", f"skill must be one of {', '.join(Skill)}")
    difficulty = _int(d.get("difficulty"))
    if difficulty is None or not 1 <= difficulty <= 3:
        r.bad("difficulty", "难度只能是 1、2 或 3", "difficulty must be 1, 2 or 3")
    channel = d.get("channel")
    if channel not in CHANNELS:
        r.bad("channel", f"渠道只能是：{'、'.join(CHANNELS)}", f"channel must be one of {CHANNELS}")
    raw_persona = d.get("persona")
    p: Mapping[str, Any] = raw_persona if isinstance(raw_persona, Mapping) else {}
    name = p.get("name")
    if not isinstance(name, str) or not name.strip():
        r.bad("name", "缺少来电人姓名", "missing the caller's name")
    area = p.get("area")
    if not isinstance(area, str) or not is_area(area):
        r.bad("area", f"区域“{area}”不存在", f"area {area!r} does not exist")
    try:
        mood = Mood(p.get("mood") or "calm")
    except ValueError:
        r.bad("mood", f"情绪只能是：{'、'.join(Mood)}", f"mood must be one of {', '.join(Mood)}")
    phone = p.get("phone") or ""
    if not isinstance(phone, str) or (phone and not phone.replace("-", "").isdigit()):
        r.bad("phone", "电话只能是数字（可含 -）", "phone must be digits (with -)")
    if channel == PHONE_CHANNEL and not phone:
        r.bad("phone", "电话来件的场景需要来电号码", "a phone scenario needs the caller's number")
    opening = d.get("opening")
    if not isinstance(opening, str) or not opening.strip():
        r.bad("opening", "缺少开场白", "missing the opening line")
    facts: list[Fact] = []
    raw_facts = d.get("facts")
    if not isinstance(raw_facts, list):
        r.bad("facts", "事实应为列表", "facts must be a list")
        raw_facts = []
    fact_ids: set[str] = set()
    for i, f in enumerate(raw_facts, start=1):
        if not isinstance(f, Mapping) or not str(f.get("id") or "").strip() \
                or not str(f.get("answer") or "").strip():
            r.bad("facts", f"第 {i} 条事实缺少编号或回答", f"fact {i} lacks an id or an answer")
            continue
        fid = str(f["id"]).strip()
        kws, steps = _strs(f.get("keywords")), _strs(f.get("steps"))
        if kws is None or steps is None:
            r.bad("facts", f"事实 {fid} 的关键词或话术步骤应为文字列表",
                  f"fact {fid}: keywords and steps must be lists of text")
            continue
        if fid in fact_ids:
            r.bad("facts", f"事实编号 {fid} 重复", f"duplicate fact id {fid}")
        if fid not in FACT_KEYWORDS and not kws and not steps:
            r.bad("facts", f"事实 {fid} 不是标准事实，需要关键词",
                  f"fact {fid} is not a standard fact and needs keywords")
        fact_ids.add(fid)
        facts.append(Fact(fid, str(f["answer"]).strip(), kws, steps))
    raw_expected = d.get("expected")
    e: Mapping[str, Any] = raw_expected if isinstance(raw_expected, Mapping) else {}
    lists: dict[str, tuple[str, ...]] = {}
    for k in ("units", "accepted_kb", "key_facts", "forbidden", "required_fields"):
        v = _strs(e.get(k))
        if v is None:
            r.bad(k, "应为文字列表", "must be a list of text")
            v = ()
        lists[k] = v
    handling = e.get("handling")
    if handling not in HANDLINGS:
        r.bad("handling", f"办理方式只能是：{'、'.join(HANDLINGS)}",
              f"handling must be one of {', '.join(HANDLINGS)}")
    transfer_to = str(e.get("transfer_to") or "")
    if handling == "转接" and transfer_to not in TRANSFER_NUMBERS:
        r.bad("transfer_to", "紧急转接场景需要转接号码 110、119 或 120",
              "an emergency scenario needs a transfer number: 110, 119 or 120")
    if handling != "转接" and transfer_to:
        r.bad("transfer_to", "只有转接场景可以有转接号码",
              "only a transfer scenario has a transfer number")
    if handling == "转派" and not lists["units"]:
        r.bad("units", "转派场景需要承办单位", "a dispatch scenario needs a handling unit")
    if units is not None:
        for u in lists["units"]:
            if u not in units:
                r.bad("units", f"承办单位“{u}”不在单位目录中", f"unit {u!r} is not in the grid")
    if kb_exists is not None:
        for code in lists["accepted_kb"]:
            if not kb_exists(code):
                r.bad("accepted_kb", f"知识条目 {code} 不存在", f"KB entry {code} does not exist")
    if handling in ("直接办理", "转派") and not lists["accepted_kb"]:
        r.bad("accepted_kb", "需要至少一条可接受的知识条目",
              "needs at least one accepted KB entry")
    exp_area = e.get("area") or area
    if not isinstance(exp_area, str) or not is_area(exp_area):
        r.bad("area", f"区域“{exp_area}”不存在", f"area {exp_area!r} does not exist")
    limit = _int(d.get("time_limit_s", DEFAULT_TIME_LIMIT_S))
    if limit is None or not 30 <= limit <= 3600:
        r.bad("time_limit_s", "时限应为 30–3600 秒", "the time limit must be 30-3600 seconds")
    red = _strs(d.get("red_lines"))
    if red is None or any(x not in RED_LINES for x in red):
        r.bad("red_lines", f"红线只能是：{'、'.join(RED_LINES)}",
              f"red lines must be among {', '.join(RED_LINES)}")
        red = ()
    if handling == "转接" and "emergency_transfer" not in red:
        r.bad("red_lines", "紧急转接场景必须有 emergency_transfer 红线",
              "an emergency scenario must carry the emergency_transfer red line")
    calm = _strs(d.get("calm_steps"))
    tags = _strs(d.get("tags"))
    if calm is None or tags is None:
        r.bad("calm_steps", "应为文字列表", "must be a list of text")
    elif p.get("mood") == "upset" and not calm:
        r.bad("calm_steps", "情绪激动的来电人需要安抚话术步骤",
              "an upset caller needs the calming script steps")
    if len(r.problems) > before:
        return None
    assert isinstance(sid, str) and isinstance(matter, str) and isinstance(name, str)
    assert skill is not None
    return Scenario(
        id=sid.strip(), title=str(title).strip(), matter=matter, skill=skill,
        difficulty=int(difficulty or 1), channel=str(channel),
        persona=Persona(name.strip(), str(area), mood, phone),
        opening=str(opening).strip(), facts=tuple(facts),
        expected=Expected(
            area=str(exp_area), address=str(e.get("address") or "").strip(),
            handling=str(handling), units=lists["units"], transfer_to=transfer_to,
            accepted_kb=lists["accepted_kb"], key_facts=lists["key_facts"],
            forbidden=lists["forbidden"], description=str(e.get("description") or ""),
            model_answer=str(e.get("model_answer") or ""),
            required_fields=lists["required_fields"]),
        time_limit_s=int(limit or DEFAULT_TIME_LIMIT_S), red_lines=tuple(red),
        calm_steps=tuple(calm or ()), tags=tuple(tags or ()),
        source=str(d.get("source") or "starter"),
    )


def load_scenarios(
    rows: Iterable[Mapping[str, Any]],
    *,
    first_row: int = 1,
    units: Collection[str] | None = None,
    kb_exists: Callable[[str], bool] | None = None,
    existing_ids: Collection[str] = (),
) -> list[Scenario]:
    """Every scenario of ``rows`` (nested dicts; flat rows go through ``row_to_dict``), or
    ScenarioImportError with every problem (row numbers start at ``first_row``: 2 for a
    spreadsheet with a header). ``units`` are the grid's unit names and ``kb_exists`` says
    whether a KB code exists; ``None`` skips that check (the caller must then check).
    ``existing_ids`` are ids already stored (an import must not collide with them)."""
    problems: list[RowProblem] = []
    out: list[Scenario] = []
    seen: dict[str, int] = {}
    for n, d in enumerate(rows, start=first_row):
        r = _Row(n)
        s = _scenario(d, r, units, kb_exists)
        if s is not None:
            if s.id in seen:
                r.bad("id", f"场景编号 {s.id} 与第 {seen[s.id]} 行重复",
                      f"scenario id {s.id} repeats row {seen[s.id]}")
            elif s.id in existing_ids:
                r.bad("id", f"场景编号 {s.id} 已存在", f"scenario id {s.id} already exists")
            seen.setdefault(s.id, n)
            out.append(s)
        problems.extend(r.problems)
    if problems:
        raise ScenarioImportError(problems)
    return out

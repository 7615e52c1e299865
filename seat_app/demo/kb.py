"""The demo knowledge base: 40,000 deterministic entries that read like a real 12345 KB.

Inputs are data under ``resources/kb/demo`` (``matters.toml``: per subcategory the cited
regulations, duties, materials, time limits, fees and notice topics; per matter its type,
how callers say it and its typical situations; ``places.toml``: area codes and streets).
The code composes them into the five kinds of entry with kind- and type-specific structure
(办事指南 / 政策解答 / 单位职责 / 常见问题 / 热点通知) and randomised but seeded wording.

Demo marking: every generated entry's ``code`` starts with ``DEMO-`` (``DEMO_CODE_PREFIX``),
e.g. ``DEMO-YH-GJJTQ-00132``; nothing else in the text says so, so answers read aloud
naturally. Phone numbers are fictional ``0359-2xxxxxx`` numbers, except the public
emergency and service numbers (110, 119, 120, 12348, 12388) in transfer entries.

Order: entry ``i`` belongs to cell ``i mod 2548`` of the (matter, area) grid, so any prefix of
2,548 entries covers every matter in every area, and the first 182 cover every matter.
"""

from __future__ import annotations

import random
import tomllib
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from seat_app.domain.taxonomy import AREAS, CITY_AREA, MATTERS, Matter
from seat_app.services.config import resources_dir

DEMO_CODE_PREFIX = "DEMO-"
KINDS: tuple[str, ...] = ("办事指南", "政策解答", "单位职责", "常见问题", "热点通知")
NAMESPACE = uuid.UUID("6f1c2a52-3d7e-5b8a-9c41-12345a0b0c0d")

# Kind schedule over 16 rounds of the (matter, area) grid: guides and FAQs dominate, like a
# real hotline KB; every kind appears at least twice per cell in 40,000 entries.
_SCHEDULE: tuple[str, ...] = (
    "办事指南", "常见问题", "政策解答", "热点通知", "常见问题", "办事指南", "单位职责", "常见问题",
    "政策解答", "办事指南", "热点通知", "常见问题", "办事指南", "单位职责", "政策解答", "常见问题",
)


# ─── data ──────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class _MatterData:
    matter: Matter
    index: int
    type: str
    say: tuple[str, ...]
    say_cn: tuple[str, ...]
    """Caller phrases without Latin letters (usable in question titles)."""
    cases: tuple[str, ...]
    materials: str
    notices: tuple[str, ...]
    tip: str
    unit_override: str
    initials: str
    sub: dict


@dataclass(frozen=True, slots=True)
class _AreaData:
    name: str
    code: str
    title: str
    short: str
    streets: tuple[str, ...]


def _split(text: str, sep: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(sep) if p.strip())


def _initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    letters = "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p)
    return "".join(c for c in letters.upper() if c.isalnum())[:6] or "X"


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[_MatterData, ...], dict[str, _AreaData]]:
    folder = resources_dir() / "kb" / "demo"
    with open(folder / "matters.toml", "rb") as fh:
        data = tomllib.load(fh)
    with open(folder / "places.toml", "rb") as fh:
        places = tomllib.load(fh)
    matters = []
    for i, m in enumerate(MATTERS):
        raw = data["matter"][m.name]
        sub = data["sub"][m.subcategory]
        say = _split(raw["say"], "、")
        matters.append(
            _MatterData(
                matter=m,
                index=i,
                type=raw["type"],
                say=say,
                say_cn=tuple(s for s in say if not any("a" <= c.lower() <= "z" for c in s)),
                cases=_split(raw["cases"], "；"),
                materials=raw.get("materials", sub["materials"]),
                notices=_split(raw.get("notices", ""), "；") + _split(sub["notices"], "；"),
                tip=raw.get("tip", ""),
                unit_override=raw.get("unit", ""),
                initials=_initials(m.name),
                sub=sub,
            )
        )
    areas = {
        name: _AreaData(
            name=name,
            code=v["code"],
            title=v["title"],
            short=v["short"],
            streets=_split(v["streets"], "、"),
        )
        for name, v in places["area"].items()
    }
    missing = set(AREAS) - set(areas)
    if missing:  # pragma: no cover - data error
        raise ValueError(f"places.toml lacks areas: {sorted(missing)}")
    return tuple(matters), areas


# ─── handling units ───────────────────────────────────────────────────────────────────

# unit type -> (city-level name, county-level pattern with {a} = area name, {s} = short name)
_UNITS: dict[str, tuple[str, str]] = {
    "住建": ("运城市住房和城乡建设局", "{a}住房和城乡建设局"),
    "城管": ("运城市城市管理局", "{a}城市管理局"),
    "自然资源": ("运城市自然资源局", "运城市自然资源局{a}分局"),
    "生态环境": ("运城市生态环境局", "运城市生态环境局{a}分局"),
    "公安": ("运城市公安局", "{a}公安局"),
    "交警": ("运城市公安局交通警察支队", "运城市公安局交通警察支队{s}大队"),
    "交通运输": ("运城市交通运输局", "{a}交通运输局"),
    "供水企业": ("运城市供水有限公司", "{a}供水有限公司"),
    "水务": ("运城市水务局", "{a}水务局"),
    "供电企业": ("国网运城供电公司", "国网{a}供电公司"),
    "燃气企业": ("运城市燃气有限公司", "{a}燃气有限公司"),
    "供热企业": ("运城市热力有限公司", "{a}热力有限公司"),
    "通信企业": ("中国移动运城分公司", "中国移动{a}分公司"),
    "工信": ("运城市工业和信息化局", "{a}工业和信息化局"),
    "人社": ("运城市人力资源和社会保障局", "{a}人力资源和社会保障局"),
    "税务": ("国家税务总局运城市税务局", "国家税务总局运城市{a}税务局"),
    "卫健": ("运城市卫生健康委员会", "{a}卫生健康局"),
    "医保": ("运城市医疗保障局", "{a}医疗保障局"),
    "市场监管": ("运城市市场监督管理局", "{a}市场监督管理局"),
    "行政审批": ("运城市行政审批服务管理局", "{a}行政审批服务管理局"),
    "教育": ("运城市教育局", "{a}教育局"),
    "文旅": ("运城市文化和旅游局", "{a}文化和旅游局"),
    "民政": ("运城市民政局", "{a}民政局"),
    "残联": ("运城市残疾人联合会", "{a}残疾人联合会"),
    "妇联": ("运城市妇女联合会", "{a}妇女联合会"),
    "退役军人事务": ("运城市退役军人事务局", "{a}退役军人事务局"),
    "农业农村": ("运城市农业农村局", "{a}农业农村局"),
    "乡镇": ("各县（市、区）乡镇人民政府", "{a}所属乡镇人民政府（街道办事处）"),
    "林业": ("运城市林业局", "{a}林业局"),
    "公积金中心": ("运城市住房公积金管理中心", "运城市住房公积金管理中心{a}管理部"),
    "营商": ("运城市营商环境建设局", "{a}营商环境建设局"),
    "应急": ("运城市应急管理局", "{a}应急管理局"),
    "消防": ("运城市消防救援支队", "{a}消防救援大队"),
    "热线": ("运城市12345政务服务便民热线", "运城市12345政务服务便民热线{s}分中心"),
}
_TELECOM = ("中国移动", "中国联通", "中国电信")
_PUBLIC_PHONES = {
    "紧急警情转110": "110",
    "火警转119": "119",
    "急救转120": "120",
    "涉法涉诉告知": "12348",
    "纪检监察告知": "12388",
}


def unit_name(unit_type: str, area: str, variant: int = 0) -> str:
    """The handling unit of ``unit_type`` in ``area`` (市直 gives the city-level unit)."""
    _, areas = _load()
    city, county = _UNITS[unit_type]
    if unit_type == "公安" and area == "盐湖区":
        name = "运城市公安局盐湖分局"
    elif area == CITY_AREA:
        name = city
    else:
        info = areas[area]
        name = county.format(a=area, s=info.short)
    if unit_type == "通信企业":
        name = name.replace("中国移动", _TELECOM[variant % len(_TELECOM)])
    return name


def _crc(*parts: object) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode("utf-8"))


def _phone(unit: str, area: str) -> str:
    return f"0359-2{_crc('phone', unit, area) % 1_000_000:06d}"


# ─── wording ──────────────────────────────────────────────────────────────────────────

_GREET = ("您好，", "您好！", "", "您好，", "请您放心，", "")
_ONLINE = (
    "也可以通过“三晋通”APP在线申请",
    "也可以在山西政务服务网上在线办理",
    "也可以先在手机上预约再到现场办理",
    "部分业务可以在“三晋通”APP上全程网办",
    "也可以关注{u}微信公众号在线办理",
)
_HOURS_S = (
    "周一至周五 8:30-12:00、14:30-17:30（法定节假日除外）",
    "周一至周五 9:00-12:00、14:30-17:30",
    "夏季 8:00-12:00、15:00-18:00；冬季 8:30-12:00、14:30-17:30",
    "周一至周五 8:30-17:30，周六上午 9:00-12:00 延时服务",
    "工作日 8:30-12:00、14:00-17:30，中午不休（综合窗口）",
)
_HOURS_C = (
    "工作日受理；夜间和节假日由12345热线登记后转办",
    "周一至周五 8:30-12:00、14:30-17:30，紧急情况24小时受理",
    "全天受理，工作日处置",
)
_HOURS_R = ("24小时受理报修", "全天24小时抢修", "24小时值班，节假日不休")
_CLOSE = (
    "如还有疑问，可以拨打{p}咨询。",
    "具体以{u}的答复为准，咨询电话{p}。",
    "办理中遇到问题，可以再拨打12345反映。",
    "如需详细了解，可致电{u}（{p}）。",
    "",
)
_STEP_RESULT = (
    "审核通过后办结，结果通过短信告知",
    "审核通过的当场办结",
    "办结后可以到窗口领取或邮寄送达",
    "审核通过后资金或证件按约定方式送达",
)


@dataclass(slots=True)
class _Ctx:
    md: _MatterData
    area: _AreaData
    rng: random.Random
    unit: str
    place: str
    hours: str
    phone: str
    case: str
    nth: int
    today: date = date(2026, 1, 1)
    """The day the demo is made: notices are dated around it (``generate_entries(today=)``)."""

    @property
    def m(self) -> str:
        return self.md.matter.name

    @property
    def a(self) -> str:
        return self.area.title

    @property
    def a_in(self) -> str:
        return "运城市区" if self.area.name == CITY_AREA else self.area.title

    def pick(self, options: tuple[str, ...]) -> str:
        return options[self.rng.randrange(len(options))]

    def close(self) -> str:
        return self.pick(_CLOSE).format(u=self.unit, p=self.phone)

    def greet(self) -> str:
        return self.pick(_GREET)


def _steps(items: list[str]) -> str:
    return "\n".join(f"{i}. {s}" for i, s in enumerate(items, 1))


def _materials_list(text: str) -> str:
    parts = [p for p in text.replace("，", "、").split("、") if p]
    return "\n".join(f"（{i}）{p}" for i, p in enumerate(parts, 1))


# 办事指南 ------------------------------------------------------------------------------

_GUIDE_TITLES = {
    "S": ("{a}{c}办理指南", "{a}{c}怎么办理", "{c}办事指南（{a}）", "{a}办理“{c}”需要哪些材料",
          "{a}{c}的流程和地点"),
    "C": ("{a}{c}投诉受理指引", "{a}反映{c}的处理流程", "{c}问题如何反映（{a}）",
          "{a}{c}诉求办理指南"),
    "R": ("{a}{c}报修指引", "{a}遇到{c}怎么报修", "{c}报修与处置流程（{a}）", "{a}{c}应急处置指南"),
    "T": ("{a}来电反映{c}的转接指引", "{c}如何转接（{a}）", "{a}{c}转接处置流程"),
}


def _guide(x: _Ctx) -> dict:
    t, sub = x.md.type, x.md.sub
    title = x.pick(_GUIDE_TITLES[t]).format(a=x.a, c=x.case)
    fees, limit, materials = sub["fees"], sub["limit"], x.md.materials
    if t == "S":
        online = x.pick(_ONLINE).format(u=x.unit)
        variants = (
            f"{x.greet()}{x.a_in}{x.case}，可以到{x.place}办理，需要带上{materials}。{online}。"
            f"{limit}。",
            f"{x.greet()}办理{x.case}，请您准备好{materials}，"
            f"在工作时间到{x.place}提交。{online}，{limit}。",
            f"{x.greet()}这个业务由{x.unit}负责。您带{materials}到{x.place}就可以办，"
            f"{fees}。{limit}。",
        )
        answer = x.pick(variants)
        procedure = _steps([
            f"准备材料：{materials}",
            f"到{x.place}提交申请，或{online.removeprefix('也')}",
            "工作人员审核材料，材料不全的一次性告知需要补齐的内容",
            x.pick(_STEP_RESULT),
        ])
    elif t == "C":
        variants = (
            f"{x.greet()}您反映的{x.case}问题，我们记录后转{x.unit}核查处理。请您说一下具体地点、"
            f"时间和情况，有照片或视频的可以一并提供。{limit}，处理结果会有工作人员联系您。",
            f"{x.greet()}{x.case}由{x.unit}负责处理。12345热线受理后会派单到{x.unit}，"
            f"工作人员会到现场核实，属实的依法处理。{limit}。",
            f"{x.greet()}针对{x.case}，您可以通过12345热线反映，也可以直接联系{x.unit}（{x.phone}）。"
            f"{limit}，请您保持电话畅通。",
        )
        answer = x.pick(variants)
        materials = "来电人联系方式、" + materials
        procedure = _steps([
            "12345热线受理，记录时间、地点和具体情况",
            f"派单至{x.unit}，紧急的电话督促",
            f"{x.unit}现场核查，依法依规处置",
            "承办单位向来电人答复办理结果",
            "12345热线回访满意度",
        ])
    elif t == "R":
        variants = (
            f"{x.greet()}遇到{x.case}，可以直接拨打{x.unit}的服务电话{x.phone}报修，"
            f"也可以由12345热线登记后转办。{limit}。",
            f"{x.greet()}{x.case}属于{x.unit}的维修范围，我们马上为您登记转办，"
            f"维修人员会和您联系。{limit}，{fees}。",
            f"{x.greet()}请您告诉我具体位置和情况，我们转{x.unit}抢修。{x.unit}{x.hours}，"
            f"{limit}。",
        )
        answer = x.pick(variants)
        procedure = _steps([
            f"来电人说明具体位置和故障情况（报修电话 {x.phone}）",
            f"{x.unit}派单给维修人员",
            "维修人员到场检查并抢修，需停水停电等的提前告知",
            "恢复后回复来电人，12345热线回访",
        ])
    else:
        answer = _transfer_answer(x)
        procedure = _steps([
            "判断是否正在发生、是否危及人身财产安全",
            f"紧急情况立即转接{x.unit}（{x.phone}），三方通话确认接通",
            "非紧急情况告知正确的办理渠道",
            "在工单中记录转接或告知情况",
        ])
    if x.md.tip and t != "T":
        answer += x.md.tip
    if t != "T":
        answer += x.close()
    return dict(title=title, answer=answer, procedure=procedure, materials=materials,
                fees=fees, time_limit=limit)


def _transfer_answer(x: _Ctx, subject: str = "") -> str:
    m, subject = x.m, subject or x.case
    if m.startswith(("紧急警情", "火警", "急救")):
        return (
            f"{x.greet()}{subject}属于紧急情况，请不要挂机，我现在帮您转接{x.phone}"
            f"（{x.unit}）。如果转接没有接通，请您直接拨打{x.phone}。"
        )
    return (
        f"{x.greet()}{subject}不属于12345热线的受理范围，建议您通过{x.unit}反映，"
        f"咨询电话{x.phone}。我们已记录您的来电。"
    )


# 政策解答 ------------------------------------------------------------------------------

_POLICY_TITLES = {
    "S": ("{a}{c}有哪些条件", "关于{c}的政策解答（{a}）", "{c}政策口径（{a}）", "{a}{c}的条件和标准",
          "{c}常见政策问题解答（{a}）"),
    "C": ("{c}的认定和处理依据（{a}）", "{a}对{c}如何依法处理", "关于{c}的法规解答（{a}）",
          "{c}的责任主体和处罚规定（{a}）"),
    "R": ("{c}的处置时限和服务规定（{a}）", "{a}{c}抢修时限规定", "关于{c}的服务标准解答（{a}）"),
    "T": ("{c}不属于热线受理范围的依据（{a}）", "关于{c}转接的规定（{a}）"),
}


def _policy(x: _Ctx) -> dict:
    t, sub = x.md.type, x.md.sub
    law = sub["law"]
    title = x.pick(_POLICY_TITLES[t]).format(a=x.a, c=x.case)
    if t == "S":
        variants = (
            f"{x.greet()}根据{law}等规定，{x.case}需要符合相应条件，由{x.unit}审核办理。"
            f"申请时需要提供{x.md.materials}；{sub['fees']}；{sub['limit']}。具体条件以审核结果为准。",
            f"{x.greet()}关于{x.case}，政策依据是{law}。{x.a_in}由{x.unit}负责受理和审核，"
            f"符合条件的按规定办理，不符合的会书面告知原因。",
            f"{x.greet()}{x.case}的办理标准按照{law}和我市有关规定执行。主要看申请人是否符合条件、"
            f"材料是否齐全。{sub['limit']}，{sub['fees']}。",
        )
    elif t == "C":
        variants = (
            f"{x.greet()}依据{law}，{sub['duty']}由{x.unit}负责。对{x.case}，"
            f"经核查属实的，责令限期改正；拒不改正或情节严重的，依法予以处罚。",
            f"{x.greet()}{x.case}有明确的法规依据（{law}）。{x.unit}接到转办后现场核查，"
            f"能当场纠正的当场纠正，需要立案查处的依法立案，并把结果告诉您。",
            f"{x.greet()}按照{law}，{x.case}属于{x.unit}的监管范围。您提供的线索越具体，"
            f"核查越快；{sub['limit']}。",
        )
    elif t == "R":
        variants = (
            f"{x.greet()}按照{law}的要求，{x.unit}应当保障设施正常运行；因施工、检修确需中断服务的，"
            f"应当提前通知用户，发生故障的应当及时抢修。{sub['limit']}。",
            f"{x.greet()}{x.case}的处置标准是：{sub['limit']}。依据{law}，超时未处置的，"
            f"您可以再次拨打12345，我们会督办{x.unit}。",
        )
    else:
        variants = (
            f"{x.greet()}按照{law}，{x.case}依法应由{x.unit}处理，12345热线负责转接或告知，"
            f"不作为受理事项派单。",
            f"{x.greet()}{x.case}属于{sub['duty']}的情形。按照{law}，热线会告知来电人"
            f"通过{x.unit}（{x.phone}）反映。",
        )
    answer = x.pick(variants) + x.close()
    return dict(title=title, answer=answer, procedure="", materials=x.md.materials,
                fees=sub["fees"], time_limit=sub["limit"])


# 单位职责 ------------------------------------------------------------------------------

_DUTY_ASPECTS = ("职责与受理范围", "职责边界", "办理时限", "联系方式与办公地点", "承办要求")


def _duty(x: _Ctx) -> dict:
    sub, md = x.md.sub, x.md
    aspect = _DUTY_ASPECTS[(x.nth + md.index + _crc(x.area.name)) % len(_DUTY_ASPECTS)]
    if md.unit_override:
        title = f"{x.a}{x.m}转接单位（{x.unit}）{aspect}"
    else:
        title = x.pick((
            "{u}{m}{asp}",
            "{a}{m}诉求承办单位{asp}",
            "{m}类诉求由谁负责（{a}，{asp}）",
        )).format(u=x.unit, m=x.m, a=x.a, asp=aspect)
    examples = "、".join(x.rng.sample(md.cases, 2))
    first = (
        f"{x.greet()}{x.unit}负责{x.a_in}{sub['duty']}。涉及{x.m}的诉求，例如{examples}等，"
        f"由{x.unit}承办。"
    )
    others = [u for u in md.matter.unit_types[1:]]
    if aspect == "职责边界" and others:
        other = unit_name(others[0], x.area.name)
        first += f"其中属于{other}职责的部分，由{other}负责，热线派单时一并注明。"
    elif aspect == "职责边界":
        first += "属于物业、企业自身管理范围的，先由责任主体处理，未解决的再由行业主管部门督促。"
    elif aspect == "办理时限":
        first += f"办理时限：{sub['limit']}。"
    elif aspect == "联系方式与办公地点":
        first += f"办公地点：{x.place}；办公时间：{x.hours}；电话：{x.phone}。"
    else:
        first += "承办单位接单后应在规定时限内联系来电人，办结后填写办理结果，不得未办先结。"
    return dict(title=title, answer=first, procedure="", materials="", fees="",
                time_limit=sub["limit"])


# 常见问题 ------------------------------------------------------------------------------

# (question suffix, answer kind)
_FAQ_QUESTIONS = {
    "S": (("，要带什么材料？", "materials"), ("，去哪里办？", "place"), ("，多久能办好？", "limit"),
          ("，能在手机上办吗？", "online"), ("，要收费吗？", "fees"), ("，找哪个部门？", "unit")),
    "C": (("，怎么办？", "unit"), ("，该找哪个部门？", "unit"), ("，打12345能管吗？", "hotline"),
          ("，多久有人来处理？", "limit"), ("，能不能匿名反映？", "anonymous"),
          ("，反映了没人管怎么办？", "supervise")),
    "R": (("，找谁修？", "unit"), ("，多久能修好？", "limit"), ("，怎么报修？", "report"),
          ("，维修要收费吗？", "fees"), ("，晚上能报修吗？", "hours")),
    "T": (("，12345能处理吗？", "transfer"), ("，应该打哪个电话？", "transfer")),
}


def _faq(x: _Ctx) -> dict:
    md, sub = x.md, x.md.sub
    phrases = md.say_cn or (md.matter.name,)
    questions = _FAQ_QUESTIONS[md.type]
    say = phrases[(x.nth + _crc(x.area.name, md.index)) % len(phrases)]
    question, kind = questions[(x.nth // len(phrases) + md.index + x.nth) % len(questions)]
    form = x.rng.randrange(3)
    if form == 0:
        title = f"{say}{question}（{x.a}）"
    elif form == 1:
        title = f"在{x.a}，{say}{question}"
    else:
        title = f"{x.a}：{say}{question}"
    g = x.greet()
    if kind == "materials":
        body = f"{g}{md.matter.name}一般需要准备：{md.materials}。具体情形不同，材料可能有增减，可以先电话咨询{x.unit}。"
    elif kind == "place":
        body = f"{g}{x.a_in}到{x.place}办理，办理时间是{x.hours}。"
    elif kind == "limit":
        body = f"{g}{sub['limit']}。遇到特殊情况需要延期的，承办单位会提前告诉您。"
    elif kind == "online":
        body = f"{g}可以。{x.pick(_ONLINE).format(u=x.unit).removeprefix('也')}，材料要求和现场一样。"
    elif kind == "fees":
        body = f"{g}{sub['fees']}。有人以此为名另外收费的，可以向12345反映。"
    elif kind == "unit":
        body = f"{g}这类问题由{x.unit}负责。您把具体地点和情况告诉我们，我们派单给{x.unit}处理。"
    elif kind == "hotline":
        body = f"{g}可以管。我们记录后派单给{x.unit}，{sub['limit']}，办理结果会回复您。"
    elif kind == "anonymous":
        body = f"{g}可以匿名反映，不会向被反映人透露您的信息。留下联系方式的话，{x.unit}核查后能把结果告诉您。"
    elif kind == "supervise":
        body = f"{g}请您提供原来的工单号，超过时限没有办理的，12345热线会向{x.unit}督办。"
    elif kind == "report":
        body = f"{g}可以拨打{x.unit}服务电话{x.phone}，也可以直接告诉我具体位置，我们登记后转过去。"
    elif kind == "hours":
        body = f"{g}可以，{x.unit}{x.pick(_HOURS_R)}，您也可以随时拨打12345登记。"
    else:
        body = _transfer_answer(x, say)
    if md.tip and md.type in ("R", "C") and kind in ("unit", "report"):
        body += md.tip
    if md.type != "T":
        body += x.close()
    return dict(title=title, answer=body, procedure="", materials=md.materials,
                fees=sub["fees"], time_limit=sub["limit"])


# 热点通知 ------------------------------------------------------------------------------

_SPECIAL_NOTICES = {
    "停水": ("{st}片区计划停水", "{st}供水管网改造停水"),
    "停电": ("{st}片区计划停电", "{st}线路检修停电"),
    "燃气泄漏": ("{st}燃气管线迁改停气", "{st}片区燃气管道检修"),
    "道路破损": ("{st}路面维修半幅通行", "{st}道路大修封闭施工"),
    "交通拥堵": ("{st}施工期间交通管制", "{st}单向通行调整"),
    "供暖管道漏水": ("{st}供热管网抢修", "{st}片区供热管道更换"),
}
_TYPE_NOTICES = {
    "S": ("{m}业务办理时间调整", "{m}线上办理服务上线", "{m}政策调整", "{m}集中办理"),
    "C": ("{m}专项整治", "{m}问题集中排查", "{m}举报受理渠道"),
    "R": ("{m}集中排查整治", "{m}应急处置安排", "{m}服务承诺"),
    "T": ("{m}工作机制", "{m}渠道告知"),
}
_NOTICE_TITLES = (
    "关于{y}年{mo}月{a}{n}的通知",
    "{a}{y}年{mo}月{n}公告",
    "【热点】{a}{n}（{y}年{mo}月）",
    "关于{a}{n}的温馨提示（{y}.{mo}）",
)


def _notice(x: _Ctx) -> dict:
    md, sub = x.md, x.md.sub
    street = x.area.streets[(x.nth + _crc(md.index, x.area.name)) % len(x.area.streets)]
    topics = list(_SPECIAL_NOTICES.get(md.matter.name, ())) + [
        t.format(m=md.matter.name) for t in _TYPE_NOTICES[md.type]
    ] + list(md.notices)
    ti = (x.nth + len(x.area.title) + md.index) % len(topics)
    topic = topics[ti].format(st=street)
    about = md.matter.name if ti < len(topics) - len(md.notices) else md.matter.subcategory
    # dated from the day the demo is made: most notices are current, some end within the
    # week, some have ended (expired) and some start later (found only by maintainers)
    offset = x.rng.randrange(-30, 4)
    start = x.today + timedelta(days=offset)
    if x.rng.random() < 0.4 and offset < 0 and start.day > 1:
        start = start.replace(day=1)
    end = start + timedelta(days=x.rng.choice((7, 30, 45, 60, 90, 120, 180)))
    title = x.pick(_NOTICE_TITLES).format(y=start.year, mo=start.month, a=x.a, n=topic)
    when = f"{start.month}月{start.day}日至{end.month}月{end.day}日"
    if start.year != end.year:
        when = f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
    variants = (
        f"{x.greet()}{when}，{x.a_in}开展{topic}。期间{x.unit}加强受理，"
        f"群众反映的{about}问题优先处置。如有疑问请拨打{x.phone}。",
        f"{x.greet()}近期来电较多的{about}问题：{x.a_in}{topic}，时间为{when}。"
        f"请向来电人说明情况并做好解释，需要派单的转{x.unit}。",
        f"{x.greet()}{x.unit}通知：{when}{topic}，涉及{street}及周边。给您带来不便敬请谅解，"
        f"咨询电话{x.phone}。",
    )
    answer = x.pick(variants)
    procedure = _steps([
        f"通知期间（{when}）来电询问的，按本条答复",
        f"需要现场处置的派单至{x.unit}",
        "通知到期后本条自动失效，以最新通知为准",
    ])
    return dict(title=title, answer=answer, procedure=procedure, materials="",
                fees=sub["fees"], time_limit=sub["limit"], valid_from=start, valid_to=end)


_BUILDERS = {"办事指南": _guide, "政策解答": _policy, "单位职责": _duty, "常见问题": _faq,
             "热点通知": _notice}
_KIND_OFFSET = {k: i * 2 for i, k in enumerate(KINDS)}


# ─── the generator ───────────────────────────────────────────────────────────────────


def _unit_for(md: _MatterData, area: str, nth: int) -> str:
    if md.unit_override:
        if "纪委" in md.unit_override:
            return ("运城市" if area == CITY_AREA else area) + md.unit_override
        return md.unit_override
    types = md.matter.unit_types
    # the preferred unit type mostly, the second one for about a quarter of entries
    utype = types[1] if len(types) > 1 and nth % 4 == 3 else types[0]
    return unit_name(utype, area, variant=_crc(area, md.index))


def _place(md: _MatterData, area: _AreaData, unit: str) -> str:
    h = _crc("place", unit, area.name)
    street = area.streets[h % len(area.streets)]
    number = 10 + h % 290
    if md.type == "S" and not md.unit_override:
        center = "运城市政务服务中心" if area.name == CITY_AREA else f"{area.title}政务服务中心"
        return f"{center}{1 + h % 3}楼{unit}窗口（{street}{number}号）"
    if md.unit_override:
        return "—"
    return f"{area.title}{street}{number}号{unit}"


def _hours(md: _MatterData, area: _AreaData, unit: str) -> str:
    h = _crc("hours", unit, area.name)
    if md.type == "R":
        return _HOURS_R[h % len(_HOURS_R)]
    if md.type == "C":
        return _HOURS_C[h % len(_HOURS_C)]
    if md.type == "T":
        return "24小时"
    return _HOURS_S[h % len(_HOURS_S)]


def generate_entries(count: int = 40_000, seed: int = 12345,
                     today: date | None = None) -> Iterator[dict]:
    """Yield ``count`` demo KB entries (dicts with "id" and every name in KB_FIELDS).

    Deterministic: the same ``count`` prefix, ``seed`` and ``today`` give identical entries,
    ids included (uuid5 of seed and code). Time-bound notices (热点通知) are dated around
    ``today`` (default: the day it runs, i.e. the day of ``demo init``).
    """
    today = today or date.today()
    matters, areas = _load()
    area_list = [areas[name] for name in AREAS]
    n_m, n_a = len(matters), len(area_list)
    cell_count = n_m * n_a
    rng = random.Random(seed)
    seen: dict[tuple[int, int, str], int] = {}
    for i in range(count):
        rnd, k = divmod(i, cell_count)
        mi = k % n_m
        ai = (k // n_m + k) % n_a
        md, area = matters[mi], area_list[ai]
        kind = _SCHEDULE[(rnd + mi * 7 + ai * 3) % len(_SCHEDULE)]
        key = (mi, ai, kind)
        nth = seen.get(key, 0)
        seen[key] = nth + 1
        unit = _unit_for(md, area.name, nth + mi)
        phone = _PUBLIC_PHONES.get(md.matter.name) or _phone(unit, area.name)
        case = md.cases[(nth + ai + _KIND_OFFSET[kind] + mi) % len(md.cases)]
        ctx = _Ctx(md=md, area=area, rng=rng, unit=unit, place=_place(md, area, unit),
                   hours=_hours(md, area, unit), phone=phone, case=case, nth=nth, today=today)
        body = _BUILDERS[kind](ctx)
        code = f"{DEMO_CODE_PREFIX}{area.code}-{md.initials}-{i + 1:05d}"
        kw_n = min(len(md.say), 4 + rng.randrange(3))
        keywords = rng.sample(md.say, kw_n)
        if kind != "单位职责" and rng.random() < 0.5:
            keywords.append(case)
        valid_from = body.pop("valid_from", None)
        valid_to = body.pop("valid_to", None)
        if valid_from is None:
            valid_from = date(2022, 1, 1) + timedelta(days=rng.randrange(0, 1100))
            if kind == "政策解答" and rng.random() < 0.3:
                valid_to = valid_from + timedelta(days=5 * 365)
        yield {
            "id": str(uuid.uuid5(NAMESPACE, f"{seed}:{code}")),
            "code": code,
            "kind": kind,
            "title": body["title"],
            "domain": md.matter.domain,
            "subcategory": md.matter.subcategory,
            "matter": md.matter.name,
            "area": area.name,
            "unit": unit,
            "answer": body["answer"],
            "procedure": body["procedure"],
            "materials": _materials_list(body["materials"]) if kind == "办事指南" else body["materials"],
            "place": ctx.place if kind in ("办事指南", "单位职责", "常见问题") else "",
            "hours": ctx.hours if kind != "热点通知" else "",
            "fees": body["fees"],
            "time_limit": body["time_limit"],
            "phone": phone,
            "keywords": "、".join(dict.fromkeys(keywords)),
            "valid_from": valid_from,
            "valid_to": valid_to,
            "status": "已发布",
            "version": 1 + rng.randrange(4) if rng.random() < 0.6 else 1,
        }

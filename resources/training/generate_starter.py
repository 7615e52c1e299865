"""Generate the starter scenario library (scenarios.json) deterministically.

    .venv/bin/python resources/training/generate_starter.py

Inputs: the taxonomy (seat_app/domain/taxonomy.py), the demo grid (resources/grid/
demo-grid.json, for handling units), the demo KB's inputs (resources/kb/demo/matters.toml:
how callers say a matter and its typical situations; places.toml: area codes and streets).

Accepted KB entries are codes of the demo KB (seat_app/services/kb_demo.py, which this
script does not import): entry ``i`` belongs to cell ``i mod 2548`` of the (matter, area)
grid with matter index ``k mod 182`` and area index ``(k // 182 + k) mod 14``, and its code
is ``DEMO-{area code}-{matter initials}-{i+1:05d}``. So the first two entries of a (matter,
area) cell are ``i0 = ((ai - mi) mod 14) * 182 + mi`` and ``i0 + 2548``. Phase 2 checks
every code against the generated KB (a test).

All names, phone numbers (139 0000 xxxx) and addresses are fictional demo data.
"""

from __future__ import annotations

import json
import random
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from seat_app.domain.grid import Grid, Unit, suggest_units  # noqa: E402
from seat_app.domain.taxonomy import AREAS, MATTERS  # noqa: E402

SEED = 20260105
CALM, URGENT = "calm", "panicked"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("建国", "秀英", "志强", "丽娟", "海涛", "桂兰", "晓东", "玉梅", "文斌", "红霞", "国庆",
         "春燕", "永刚", "淑芬", "俊杰", "美玲", "卫东", "雪梅", "振华", "慧敏")
ESTATES = ("幸福家园", "盐湖花园", "锦绣苑", "和谐小区", "金色家园", "阳光城", "河东小区",
           "康馨苑", "东方名城", "凤凰城")
ONLINE = ("APP", "网站", "信箱")


def kb_initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    letters = "".join(p[0] for p in lazy_pinyin(name, style=Style.FIRST_LETTER) if p)
    return "".join(c for c in letters.upper() if c.isalnum())[:6] or "X"


def kb_codes(matter: str, area: str, area_codes: dict[str, str]) -> list[str]:
    mi = [m.name for m in MATTERS].index(matter)
    ai = AREAS.index(area)
    n_m, n_a = len(MATTERS), len(AREAS)
    i0 = ((ai - mi) % n_a) * n_m + mi
    ini = kb_initials(matter)
    return [f"DEMO-{area_codes[area]}-{ini}-{i + 1:05d}" for i in (i0, i0 + n_m * n_a)]


def load_grid() -> Grid:
    d = json.loads((ROOT / "resources/grid/demo-grid.json").read_text("utf-8"))
    units = [Unit(u["code"], u["name"], u["area"], u["unit_type"], u.get("parent") or None,
                  u.get("township", ""), u.get("active", True)) for u in d["units"]]
    return Grid(tuple(units), {k: tuple(v) for k, v in d["townships"].items()})


def main() -> None:
    rng = random.Random(SEED)
    kb = tomllib.loads((ROOT / "resources/kb/demo/matters.toml").read_text("utf-8"))
    places = tomllib.loads((ROOT / "resources/kb/demo/places.toml").read_text("utf-8"))
    area_codes = {a: v["code"] for a, v in places["area"].items()}
    streets = {a: [s.strip() for s in v["streets"].split("、") if s.strip()]
               for a, v in places["area"].items()}
    grid = load_grid()
    out: list[dict] = []
    used_phones: set[str] = set()

    def person() -> tuple[str, str]:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        while True:
            phone = f"1390000{rng.randrange(10000):04d}"
            if phone not in used_phones:
                used_phones.add(phone)
                return name, phone

    def place(area: str) -> tuple[str, str]:
        street = rng.choice(streets[area])
        no = rng.randrange(3, 300)
        estate = rng.choice(ESTATES)
        return f"{street}{no}号{estate}", street

    def unit_name(matter: str, area: str) -> str:
        sug = suggest_units(grid, matter, area)
        if not sug:
            raise SystemExit(f"no unit for {matter} in {area}")
        return sug[0].unit.name

    def add(sc: dict) -> None:
        sc["id"] = f"S{len(out) + 1:03d}"
        out.append(sc)

    def base(matter: str, area: str, *, skill: str, difficulty: int, channel: str,
             mood: str, handling: str, opening: str, detail: str, tags: list[str],
             title: str, key: list[str] | None = None, answer: str | None = None) -> dict:
        name, phone = person()
        address, street = place(area)
        unit = unit_name(matter, area) if handling != "转接" and any(
            m.unit_types for m in MATTERS if m.name == matter) else ""
        since = rng.choice(("三天", "一个星期", "半个月", "两个多月", "好几天"))
        facts = [
            {"id": "address", "answer": f"就在{area}{address}。", "keywords": [street]},
            {"id": "since", "answer": f"有{since}了。"},
            {"id": "time", "answer": rng.choice(("一般是晚上十点以后。", "白天晚上都有。",
                                                  "早上七点多就开始了。", "主要是周末。"))},
            {"id": "contacted", "answer": rng.choice((
                "之前跟物业和社区都说过，没人管。", "还没有，第一次打12345。",
                "给街道打过电话，说让找你们。"))},
            {"id": "detail", "answer": detail},
        ]
        if handling == "转派":
            key = key or [unit, "工作日"]
            answer = answer or (f"您反映的{matter}问题我已经详细记录，将转交{unit}办理，"
                                f"承办单位会在5个工作日内联系您并答复处理结果。")
        elif handling == "直接办理":
            key = key or [unit or "12345", "身份证"]
            answer = answer or (f"关于{matter}，您可以带上本人身份证和相关材料到{unit or '相关部门'}"
                                f"咨询办理，具体要求以知识库条目和{unit or '承办单位'}的答复为准。")
        return {
            "title": title, "matter": matter, "skill": skill, "difficulty": difficulty,
            "channel": channel,
            "persona": {"name": name, "area": area, "mood": mood,
                        "phone": phone},
            "opening": opening, "facts": facts,
            "expected": {
                "area": area, "address": address if handling != "转接" else "",
                "handling": handling, "units": [unit] if handling == "转派" else [],
                "transfer_to": "", "accepted_kb": kb_codes(matter, area, area_codes)
                if handling != "转接" else [],
                "key_facts": key or [], "forbidden": [],
                "description": f"来电人反映{area}{address}{detail}", "model_answer": answer or "",
            },
            "time_limit_s": 240 + 60 * difficulty,
            "red_lines": ["phone_privacy"] if channel == "电话" else [],
            "calm_steps": ["upset_caller/acknowledge"] if mood == "upset" else [],
            "tags": tags,
        }

    # 1. The two stories of the center's report.
    add(base("通信设施安装纠纷", "盐湖区", skill="dispatch", difficulty=3, channel="电话",
             mood="anxious", handling="转派",
             opening="你好，我家外墙上被通信公司装了个箱子，没经过我同意，现在我要装修，"
                     "这个箱子挡着施工，找他们好几次都不给挪。",
             detail="通信公司未经同意在其住房外墙安装通信设备箱，妨碍其房屋装修，多次协调未移除。",
             tags=["story", "report"], title="外墙通信箱挡住装修（中心报告案例）"))
    add(base("学校周边交通秩序", "永济市", skill="dispatch", difficulty=2, channel="电话",
             mood="anxious", handling="转派",
             opening="喂，我是学生家长，学校门口那个路口一到放学，小学生和车全混在一起，"
                     "太危险了，能不能管一管？",
             detail="上下学时段学校门口路口学生与机动车混行，存在安全隐患，希望设置护学岗或疏导。",
             tags=["story", "report"], title="校门口路口人车混行（中心报告案例）"))
    story = {"通信设施安装纠纷", "学校周边交通秩序"}

    # 2. One scenario per matter in scope, skills in rotation.
    rotation = ("classification", "dispatch", "policy_answer", "online_request",
                "upset_caller", "classification", "dispatch")
    in_scope = [m for m in MATTERS if m.unit_types and m.name not in story]
    for n, m in enumerate(in_scope):
        raw = kb["matter"][m.name]
        say = [s for s in raw["say"].split("、") if s and not any("a" <= c.lower() <= "z" for c in s)]
        cases = [c for c in raw["cases"].split("；") if c]
        area = AREAS[(n * 5 + 1) % len(AREAS)]
        mtype = raw["type"]
        skill = rotation[n % len(rotation)]
        if skill == "policy_answer" and mtype != "S":
            skill = "dispatch"
        if skill == "dispatch" and mtype == "S":
            skill = "policy_answer"
        handling = "直接办理" if mtype == "S" else "转派"
        channel = rng.choice(ONLINE) if skill == "online_request" else "电话"
        mood = "upset" if skill == "upset_caller" else rng.choice((CALM, CALM, "anxious"))
        phrase = say[n % len(say)] if say else m.name
        case = cases[n % len(cases)]
        difficulty = 1 + (n % 3)
        if skill == "upset_caller":
            opening = f"你们12345到底管不管事？{phrase}，我都反映多少回了，一直没人解决！"
        elif channel != "电话":
            opening = f"（网上留言）{phrase}。具体情况：{case}，请有关部门尽快处理。"
        elif handling == "直接办理":
            opening = f"你好，我想问一下，{phrase}，这个该怎么办？"
        else:
            opening = f"喂，你好，我要反映个事，{phrase}，{case}。"
        add(base(m.name, area, skill=skill, difficulty=difficulty, channel=channel, mood=mood,
                 handling=handling, opening=opening, detail=f"{case}。",
                 tags=[], title=f"{m.name}：{case}"))

    # 3. Emergencies: transfer, never record.
    emerg = (
        ("紧急警情转110", "110", "快快快，楼下有人拿着刀在打架，已经有人流血了！"),
        ("紧急警情转110", "110", "我家被人撬门进来了，小偷还在屋里，我躲在卫生间！"),
        ("紧急警情转110", "110", "我孩子在公园门口走丢了，找了半个小时了！"),
        ("紧急警情转110", "110", "有人站在楼顶边上要往下跳，你们快来人！"),
        ("火警转119", "119", "着火了！我们楼道里电动车着火了，全是烟！"),
        ("火警转119", "119", "对面饭店后厨起火了，火很大，里面好像还有人！"),
        ("火警转119", "119", "山上的林子冒烟起火了，往村子这边烧过来了！"),
        ("火警转119", "119", "地下车库有辆车着火了，烟从出口往外冒！"),
        ("急救转120", "120", "我爸突然倒地不省人事，叫也叫不醒！"),
        ("急救转120", "120", "路口出车祸了，有个人躺在地上起不来，流了好多血！"),
        ("急救转120", "120", "我老婆要生了，羊水破了，家里就我一个人！"),
        ("急救转120", "120", "小孩吃东西卡住了喘不上气，脸都紫了！"),
    )
    for n, (matter, number, opening) in enumerate(emerg):
        area = AREAS[(n * 3 + 2) % len(AREAS)]
        sc = base(matter, area, skill="emergency", difficulty=2 + n % 2, channel="电话",
                  mood=URGENT, handling="转接", opening=opening, detail=opening,
                  tags=["emergency"], title=f"紧急转{number}：{opening[:12]}")
        sc["expected"]["transfer_to"] = number
        sc["expected"]["model_answer"] = f"立即转接{number}，不做工单记录。"
        sc["red_lines"] = ["emergency_transfer", "phone_privacy"]
        sc["time_limit_s"] = 90
        add(sc)

    # 4. Out of scope: tell the caller where to go.
    oos = (
        ("涉法涉诉告知", "12348", "法院判了对方还钱，可一直不执行，你们能不能帮我催法院？",
         "法院已判决的案件当事人不履行，请求热线督促法院执行。"),
        ("涉法涉诉告知", "12348", "我跟邻居打官司输了，我觉得判得不公平，你们给我改一下判决。",
         "对法院判决不服，请求热线改判。"),
        ("涉法涉诉告知", "12348", "我想请个律师打离婚官司，又没钱，有没有免费的？",
         "咨询法律援助办理途径。"),
        ("涉法涉诉告知", "12348", "公司和我的劳动仲裁已经到法院了，法院一直不开庭怎么办？",
         "已进入诉讼程序的劳动争议，询问法院开庭时间。"),
        ("涉法涉诉告知", "12348", "派出所把我的案子立案了，我想知道公安什么时候破案。",
         "已立案刑事案件的侦办进度，属司法程序。"),
        ("纪检监察告知", "12388", "我要举报我们村干部贪污扶贫款，这个找谁？",
         "举报村干部涉嫌贪污扶贫资金。"),
        ("纪检监察告知", "12388", "某局的一个科长收了我的钱不办事，我要举报他。",
         "举报公职人员收受财物。"),
        ("纪检监察告知", "12388", "单位领导天天公车私用，周末开着公车去钓鱼。",
         "反映领导干部公车私用。"),
        ("纪检监察告知", "12388", "我们镇上的干部大吃大喝，都是公款，我有照片。",
         "反映公款吃喝问题。"),
        ("纪检监察告知", "12388", "村里低保都给了村干部的亲戚，这是优亲厚友吧？",
         "反映村干部优亲厚友，涉嫌违纪。"),
    )
    for n, (matter, number, opening, detail) in enumerate(oos):
        area = AREAS[(n * 4 + 3) % len(AREAS)]
        where = "12348公共法律服务热线" if number == "12348" else "12388纪检监察举报电话"
        add(base(matter, area, skill="policy_answer" if n % 2 else "classification",
                 difficulty=1 + n % 3, channel="电话" if n % 3 else "网站",
                 mood="upset" if n in (1, 7) else CALM, handling="直接办理", opening=opening,
                 detail=detail, tags=["out_of_scope"], title=f"非受理范围：{detail[:14]}",
                 key=[number], answer=f"您反映的情况不属于12345热线受理范围，建议您拨打{where}，"
                                     f"或到相关机关依法反映，他们会依法依规处理。"))

    doc = {"format": "seat-training-scenarios/1",
           "note": "DEMO DATA (演示数据): fictional callers, numbers and addresses. Generated "
                   "by generate_starter.py; edit the generator, not this file.",
           "scenarios": out}
    (HERE / "scenarios.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                         "utf-8")
    print(f"{len(out)} scenarios -> {HERE / 'scenarios.json'}")


if __name__ == "__main__":
    main()

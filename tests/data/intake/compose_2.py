"""Compose written_requests_2.jsonl from cores_2.tsv (run once; the JSONL is committed).

Phase 2's held-out written set (issue 16): none of it is trained on or tuned on. It differs
from written_requests.jsonl on purpose:

- place names look real (柳湾村, 金桂苑, 槐荫路) instead of letter codes, so the KB does not
  know them and nothing marks them as places;
- several issues in one letter: besides its request, a letter mentions a second, smaller
  problem of another domain (the label stays the letter's main request);
- other frames: 市长信箱 / 网上留言 headers, 标题/内容 forms, no subject at all (the request
  is somewhere in the body), long histories, numbered demands.

    python tests/data/intake/compose_2.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from seat_app.domain.taxonomy import matter_by_name  # noqa: E402

SYL1 = "柳槐金桂南北东西青石白杨红星凤凰龙泉清河新华永安福寿太平长乐兴隆和平朝阳胜利"
SYL2 = "湾荫桂苑坪关屯营庄堡岭坡塬峪园里湖滩店"
PLACE_FORMS = (
    "{p}村", "{p}苑小区", "{p}路", "{p}街{n}号", "{p}镇{q}村", "{p}家园{n}栋", "{p}新村",
    "{p}社区{q}巷", "{p}乡{q}村{n}组", "{p}花园{n}号楼", "{p}开发区", "{q}机械厂家属院",
    "{p}大道与{q}路交叉口", "{p}农贸市场旁",
)
HEADERS = (
    "", "", "市长信箱来信：", "【网上留言】", "留言标题：{subject}\n留言内容：",
    "标题：{subject}\n内容：", "致{city}人民政府的一封信\n",
)
GREETINGS = (
    "", "各位领导：", "尊敬的市政府领导同志：", "领导同志你们好。", "县长您好！",
    "我是{place}的一位退休教师，给您写信是因为一件闹心事。",
    "我们是{place}的全体住户（附签名{n}人），联名反映如下问题。",
)
HISTORY = (
    "这个问题从{year}年就开始了，前后已经有{n}年。",
    "我们找过居委会、街道办，也打过几次电话，每次都说会反馈，结果石沉大海。",
    "{month}月{day}日我们又一次当面反映，工作人员做了记录，但之后就没有下文了。",
    "我们在当地生活了几十年，从来没有遇到过这样的事。",
    "以前写过一封信，收到的回复说已经转交属地处理，可情况没有任何变化。",
    "为了这件事，我已经请了好几天假，跑了不下{n}趟。",
    "邻居们有的已经打算搬走了，可是房子卖不掉，只能继续忍着。",
    "我今年{age}岁了，身体也不好，实在折腾不起。",
)
SIDE = (
    "另外顺便说一下，我们这条路的路灯也坏了好几盏。",
    "还有，附近公交站的站牌被撞歪了也没人修。",
    "此外，小区门口的垃圾桶经常满了也没人清。",
    "顺带提一句，这边的手机信号也一直不太好。",
    "再有就是，附近的共享单车摆得乱七八糟。",
    "另外，听说附近学校今年的招生范围也要调整，大家很担心。",
    "还有一件小事，社区医院的挂号系统也经常出故障。",
    "另外，村里的健身器材也坏了几件。",
    "附带说一下，前面路口的红绿灯时间太短，老人过马路来不及。",
    "另外我们这里去年冬天的暖气也不太热，希望今年能改善。",
    "另外，楼下超市经常卖临期食品，也请顺便查一查。",
    "还有一个情况，附近河边有人钓鱼时乱扔垃圾。",
)
DEMANDS = (
    "为此我们提出以下诉求：一是尽快派人到现场查看；二是依法依规处理；三是把处理结果告诉我们。",
    "我们的要求只有一个：请主管部门依法处理，给群众一个明确答复。",
    "恳请领导批示相关单位限期整改。",
    "希望这次能真正解决，而不是敷衍了事。",
    "如果还是没人管，我们只能继续向上级反映。",
    "麻烦转给负责的部门，谢谢。",
    "",
)
SIGNOFFS = ("", "此致\n敬礼！", "一位普通市民", "{place}居民 {surname}先生", "{year}年{month}月{day}日",
            "联系人：{surname}女士")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何林高罗"


def place(rng: random.Random) -> str:
    p = rng.choice(SYL1) + rng.choice(SYL2)
    q = rng.choice(SYL1) + rng.choice(SYL1)
    return rng.choice(PLACE_FORMS).format(p=p, q=q, n=rng.randrange(1, 30))


def compose(matter: str, subject: str, core: str, rng: random.Random) -> dict:
    where = place(rng)
    subject = subject.format(place=where)
    core = core.format(place=where)
    fill = {"place": place(rng), "city": rng.choice(SYL1) + rng.choice(SYL2) + "市",
            "year": rng.randrange(2015, 2024), "month": rng.randrange(1, 13),
            "day": rng.randrange(1, 29), "n": rng.randrange(3, 40), "age": rng.randrange(55, 82),
            "surname": rng.choice(SURNAMES), "subject": subject}
    header = rng.choice(HEADERS).format(**fill)
    has_subject = "{subject}" in header or rng.random() < 0.55
    parts: list[str] = []
    if header and "{subject}" not in rng.choice(HEADERS):
        parts.append(header)
    if has_subject and "标题" not in header:
        parts.append(subject + "\n")
    greeting = rng.choice(GREETINGS).format(**fill)
    if greeting:
        parts.append(greeting)
    history = [s.format(**fill) for s in rng.sample(HISTORY, rng.randrange(1, 4))]
    body = [f"我住在{where}。" if rng.random() < 0.4 else "", core + "。"]
    body = [*history[:1], *body, *history[1:]] if rng.random() < 0.5 else [*body, *history]
    if rng.random() < 0.6:
        body.append(rng.choice(SIDE))
    parts.extend(b for b in body if b)
    demand = rng.choice(DEMANDS)
    if demand:
        parts.append(demand)
    sign = rng.choice(SIGNOFFS).format(**fill)
    if sign:
        parts.append("\n" + sign)
    m = matter_by_name(matter)
    return {"subject": subject if has_subject else "", "text": "".join(parts).strip(),
            "matter": m.name, "subcategory": m.subcategory, "domain": m.domain}


def main() -> None:
    rng = random.Random(20261203)
    rows = []
    for line in (HERE / "cores_2.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        matter, subject, core = line.split("\t")
        for _variant in range(2):
            row = compose(matter, subject, core, rng)
            rows.append({"id": f"v{len(rows) + 1:04d}", **row, "split": "heldout"})
    with open(HERE / "written_requests_2.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "requests")


if __name__ == "__main__":
    main()

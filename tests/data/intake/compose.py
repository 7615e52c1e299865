"""Compose written_requests.jsonl from cores.tsv (run once; the JSONL is committed).

Each core (a matter and the words a writer would use for it) becomes two message-board
requests: a subject line plus a formal body with anonymised places (letters and digits),
dates, numbers and incidental sentences that mention other domains' words (schools, traffic,
hospitals, phone calls) the way real letters do. The frames here are written for this set
and are not the training augmentation's (seat_app/services/intake/augment.py).

    python tests/data/intake/compose.py
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from seat_app.domain.taxonomy import matter_by_name  # noqa: E402

LETTERS = "ABCDEFGHJKLMNPQRSTWXYZ"
PLACE_FORMS = (
    "{a}市{b}区{c}街道", "{a}县{b}镇{c}村", "{a}区{b}路{n}号", "{a}市{b}县{c}乡",
    "{b}镇{c}村{n}组", "{a}区{b}小区{n}号楼", "{a}{n}小区", "{b}街{n}号院", "{a}县{b}镇",
    "{a}市{b}区{c}社区", "{a}{n}路与{b}{m}路交叉口",
)
OPENINGS = (
    "尊敬的领导：您好！", "市长您好：", "尊敬的{city}领导：", "", "各位领导好！",
    "尊敬的书记、市长：您们好！", "领导您好，我是{addr}的一名普通居民。",
    "您好！本人是{addr}的住户，现就一件困扰我们多时的事情向您反映。",
    "我是一名在外工作多年的{addr}人，春节回家时发现了一个问题。",
)
INCIDENTAL = (
    "我家孩子在附近的学校上学，每天接送都要经过这里。",
    "我已经在这里生活了二十多年，以前这里的环境还是不错的。",
    "此前我曾多次拨打热线电话反映，也去社区和街道办说过，但至今没有得到解决。",
    "家中老人身体不好，常年需要去医院看病吃药。",
    "我每天早上开车上班，晚上很晚才回家，对这个情况深有体会。",
    "我们这里离市区比较远，公交车一个小时才一趟。",
    "听说其他地方也出现过类似的情况，很快就处理好了。",
    "现在网上也有不少人在讨论这件事，影响很不好。",
    "本人是一名普通工人，月收入不高，实在没有别的办法。",
    "附近有一个菜市场和一所幼儿园，周边人口非常密集。",
    "{year}年{month}月{day}日我又专门去看了一次，情况一点没有好转。",
    "周边住着{n}多户居民，其中不少是退休老人和上班族。",
    "我们也理解政府工作千头万绪，但这件事确实关系到群众的切身利益。",
    "我姓{surname}，联系电话已在系统中登记，随时可以配合调查。",
    "上个月有记者来拍过照片，后来也没有了下文。",
    "我们的诉求很简单，就是希望能正常生活。",
)
CLOSINGS = (
    "恳请相关部门尽快调查处理，给老百姓一个说法。", "希望领导重视，早日解决，谢谢！", "盼复。",
    "特此反映，望予以解决。", "望有关部门高度重视，切实维护群众合法权益。",
    "请领导在百忙之中过问此事，万分感谢！", "期待您的回复。",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何林高罗"


def anon_place(rng: random.Random) -> str:
    a, b, c = rng.sample(LETTERS, 3)
    if rng.random() < 0.3:
        a += str(rng.randrange(1, 10))
    return rng.choice(PLACE_FORMS).format(a=a, b=b, c=c, n=rng.randrange(1, 40),
                                          m=rng.randrange(1, 9))


def compose(matter: str, subject: str, core: str, rng: random.Random) -> dict:
    addr = anon_place(rng)
    fill = {"addr": addr, "year": str(rng.randrange(2008, 2024))}
    subject = subject.format(**fill)
    core = core.format(**fill)
    extra = {"city": rng.choice(LETTERS) + "市", "addr": anon_place(rng),
             "year": rng.randrange(2019, 2024), "month": rng.randrange(1, 13),
             "day": rng.randrange(1, 29), "n": rng.randrange(2, 30) * 10,
             "surname": rng.choice(SURNAMES)}
    parts = [rng.choice(OPENINGS).format(**extra)]
    incidental = [s.format(**extra) for s in rng.sample(INCIDENTAL, rng.randrange(2, 5))]
    where = rng.randrange(0, len(incidental) + 1)
    if rng.random() < 0.5:
        core = f"{extra['year']}年{extra['month']}月以来，{core}"
    body = [*incidental[:where], core + "。", *incidental[where:]]
    parts.extend(body)
    parts.append(rng.choice(CLOSINGS))
    m = matter_by_name(matter)
    return {"subject": subject, "text": subject + "\n" + "".join(parts), "matter": m.name,
            "subcategory": m.subcategory, "domain": m.domain}


def split_of(matter: str, subject: str) -> str:
    """dev (tuned on) or test (untouched); by core, so both variants share a split."""
    h = hashlib.sha256(f"{matter}|{subject}".encode()).digest()[0]
    return "dev" if h % 10 < 3 else "test"


def main() -> None:
    rng = random.Random(20240516)
    rows = []
    for line in (HERE / "cores.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        matter, subject, core = line.split("\t")
        split = split_of(matter, subject)
        for variant in range(2):
            row = compose(matter, subject, core, rng)
            row["split"] = split
            row["id"] = f"w{len(rows) + 1:04d}"
            rows.append({"id": row.pop("id"), **row})
            del variant
    with open(HERE / "written_requests.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "requests")


if __name__ == "__main__":
    main()

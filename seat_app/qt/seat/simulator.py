"""Built-in call simulator for ``seat-app --demo``: realistic calls and online requests.

It is the seat's queue source when no central queue service is configured. Items arrive on
the arrival profile of ``seat_app.domain.queue`` compressed to demo speed: a ready seat gets
its next item within a few seconds. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from typing import Any

from seat_app.domain.case import Channel
from seat_app.domain.queue import ONLINE_CHANNELS
from seat_app.domain.taxonomy import AREAS

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
REQUESTS: tuple[tuple[str, str], ...] = (
    ("公积金提取", "我想把公积金取出来装修房子，需要带什么材料，去哪里办？"),
    ("社会生活噪声", "楼下广场舞每天晚上放到十点多，音响特别大声，太吵了，孩子没法写作业。"),
    ("装修噪声", "隔壁装修中午和晚上都在打电钻，太吵了，物业管不了。"),
    ("拖欠工资", "我在工地干了三个月，老板一直没给工资，一共两万多，找不到人了。"),
    ("供暖不热", "家里暖气不热，室温才十四五度，打供热公司电话一直占线。"),
    ("燃气泄漏", "楼道里有很大的煤气味，不知道是哪家漏气了。"),
    ("停水", "我们小区从早上开始停水，也没有提前通知，什么时候能来水？"),
    ("路灯不亮", "小区门口那段路的路灯坏了一个多星期了，晚上黑漆漆的很危险。"),
    ("违章停车", "有车长期堵在小区消防通道口，挪车电话也打不通。"),
    ("医保报销", "在外地住院花的钱回来怎么报销？需要哪些手续？"),
    ("异地就医备案", "老人要去西安看病，异地就医备案怎么办理？"),
    ("预付卡退费", "健身房突然关门了，卡里还有三千多块钱，老板联系不上。"),
    ("入学报名与学区", "孩子明年上小学，我们这个小区划在哪个学区？什么时候报名？"),
    ("餐饮油烟", "楼下饭店油烟直接排到我们窗户这边，家里都是油烟味。"),
    ("身份证办理补领", "身份证丢了，补办需要带什么？多久能拿到？"),
    ("物业服务质量", "物业不管事，楼道灯坏了、垃圾也没人清，还天天催物业费。"),
    ("养老金领取", "我下个月退休，养老金什么时候开始发？要办什么手续？"),
    ("宽带故障", "家里宽带断了三天了，报修了也没人来。"),
)
GIVEN = ("女士", "先生")


class CallSimulator:
    """A thread-safe in-memory queue that produces demo calls; ``next_item()`` claims one."""

    def __init__(
        self,
        *,
        seed: int = 12345,
        min_gap_s: float = 2.0,
        max_gap_s: float = 6.0,
        online_share: float = 0.2,
        clock=time.monotonic,
    ) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._items: deque[dict[str, Any]] = deque()
        self._gap = (min_gap_s, max_gap_s)
        self._online_share = online_share
        self._clock = clock
        self._next_at = clock() + self._rng.uniform(*self._gap)
        self._phones = [f"13{self._rng.randint(100000000, 999999999)}" for _ in range(12)]
        self.produced = 0

    def make_item(self) -> dict[str, Any]:
        rng = self._rng
        matter, text = rng.choice(REQUESTS)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        area = rng.choice(AREAS)
        channel = Channel.PHONE
        if rng.random() < self._online_share:
            channel = rng.choice(ONLINE_CHANNELS)
        self.produced += 1
        item: dict[str, Any] = {
            "item_id": f"sim-{self.produced}",
            "channel": channel.value,
            "phone": rng.choice(self._phones),
            "caller_name": name,
            "area": area,
            "hint_matter": matter,
            "simulated": True,
        }
        if channel is not Channel.PHONE:
            # Online requests open the form with the request text filled in.
            item["description"] = text
        else:
            item["spoken"] = text  # what the caller says (shown in the ring banner in demo)
        return item

    def push(self, item: dict[str, Any]) -> None:
        with self._lock:
            self._items.append(item)

    def next_item(self) -> dict[str, Any] | None:
        with self._lock:
            if self._items:
                return self._items.popleft()
            now = self._clock()
            if now < self._next_at:
                return None
            self._next_at = now + self._rng.uniform(*self._gap)
            return self.make_item()

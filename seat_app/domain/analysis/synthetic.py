"""The synthetic year for the bench (and, in phase 2, the demo year's records).

Realistic records: addresses from the gazetteer (Zipf popularity of places) rendered with the
noise callers add (no area, no township, 附近, a typo, "3栋" or "三号楼"), texts from several
templates per matter with slot fillers, weekday / holiday / Spring Festival factors and
seasonal profiles (heating, flooding) that recur every year. Optionally a history year before
the evaluated one (same process, no events) so seasonal baselines can be learned.

A year with labelled injected events and a null year come from the same seed and the same
generator: the background draws from its own random stream, events from another, so the
null year is exactly the event year minus the injected cases.
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from seat_app.domain.analysis.errors import TemplateError
from seat_app.domain.analysis.location import Gazetteer, Place
from seat_app.domain.analysis.model import AlertKind, CaseRecord
from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.taxonomy import AREAS, MATTERS, is_matter, matter_by_name

DAY_FACTORS = {"work": 1.0, "weekend": 0.62, "holiday": 0.5, "spring": 0.35}
AREA_WEIGHTS = {
    "市直": 0.6,
    "盐湖区": 3.0,
    "永济市": 1.3,
    "河津市": 1.2,
    "临猗县": 1.2,
    "万荣县": 0.9,
    "闻喜县": 0.9,
    "稷山县": 0.8,
    "新绛县": 0.9,
    "绛县": 0.6,
    "垣曲县": 0.6,
    "夏县": 0.8,
    "平陆县": 0.6,
    "芮城县": 0.8,
}
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 13, 11, 9, 10, 12, 12, 11, 10, 8, 7, 6, 4, 3, 2)
NOISE_TAILS = ("附近", "门口", "旁边", "对面", "楼下", "东门", "一带")
CN_NUM = "零一二三四五六七八九"
SATISFACTION = ("满意", "满意", "满意", "基本满意", "不满意")


def _cn(n: int) -> str:
    if n < 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + (CN_NUM[n % 10] if n % 10 else "")
    return CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else "")


@dataclass(frozen=True, slots=True)
class SyntheticConfig:
    year: int = 2025
    cases_per_day: float = 2158.0
    """The model center's 787,843 a year."""
    seed: int = 12345
    history: bool = True
    """Also generate the year before (no events), for seasonal baselines."""
    events: bool = True
    same_place_events: int = 60
    surge_events: int = 24
    slow_rise_events: int = 8
    repeat_caller_events: int = 40
    emerging_events: int = 4
    first_day: date | None = None
    """Evaluate from this day (default 1 January of ``year``)."""
    days: int | None = None
    """How many evaluated days (default the whole year)."""


@dataclass(frozen=True, slots=True)
class InjectedEvent:
    kind: AlertKind
    label: str
    start: datetime
    end: datetime
    case_numbers: tuple[str, ...]
    matter: str = ""
    area: str = ""
    place_key: str = ""
    phrase: str = ""
    baseline: float = 0.0
    """Expected background cases a day of the series (surges, slow rises)."""
    reached_at: datetime | None = None
    """Emerging phrases: when its trailing 7-day count first reached 20."""


@dataclass
class SyntheticYear:
    cases: list[CaseRecord]
    events: list[InjectedEvent]
    start: date
    end: date
    history_start: date
    config: SyntheticConfig
    stats: dict[str, float] = field(default_factory=dict)


def _bad_shape(key: str, zh_kind: str, en_kind: str) -> TemplateError:
    return TemplateError(
        f"描述模板中的 {key} 应为{zh_kind}。", f"Template field {key} must be {en_kind}."
    )


def _texts(value: object, key: str) -> list[str]:
    """A JSON list of text, or TemplateError naming ``key``."""
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise _bad_shape(key, "文字列表", "a list of text")
    return [str(x) for x in value]


def _numbers(value: object, key: str) -> list[float]:
    """A JSON list of numbers, or TemplateError naming ``key``."""
    if not isinstance(value, list) or not all(
        isinstance(x, int | float) and not isinstance(x, bool) for x in value
    ):
        raise _bad_shape(key, "数字列表", "a list of numbers")
    return [x for x in value if isinstance(x, int | float)]


def _table(value: object, key: str) -> Mapping[str, object]:
    """A JSON object, or TemplateError naming ``key``."""
    if not isinstance(value, Mapping):
        raise _bad_shape(key, "对象", "an object")
    return {str(k): v for k, v in value.items()}


def _rows(value: object, key: str) -> list[dict[str, str]]:
    """A JSON list of objects with text values, or TemplateError naming ``key``."""
    if not isinstance(value, list) or not all(isinstance(x, Mapping) for x in value):
        raise _bad_shape(key, "对象列表", "a list of objects")
    return [{str(k): str(v) for k, v in _table(x, key).items()} for x in value]


class Templates:
    """Parsed ``templates.json``."""

    def __init__(self, data: Mapping[str, object]) -> None:
        if data.get("format") != "seat-case-templates/1":
            raise TemplateError(
                "描述模板格式不是 seat-case-templates/1。",
                "The templates are not seat-case-templates/1.",
            )
        self.openers = _texts(data.get("openers"), "openers")
        self.times = _texts(data.get("times"), "times")
        self.closers = _texts(data.get("closers"), "closers")
        self.asks = _texts(data.get("asks"), "asks")
        self.place_templates = _texts(data.get("place_templates"), "place_templates")
        self.general_templates = _texts(data.get("general_templates"), "general_templates")
        self.place_based = frozenset(_texts(data.get("place_based"), "place_based"))
        self.details = {
            k: _texts(v, f"details.{k}") for k, v in _table(data.get("details"), "details").items()
        }
        self.default_details = _texts(data.get("default_details"), "default_details")
        self.seasonal = {
            k: _numbers(v, f"seasonal.{k}")
            for k, v in _table(data.get("seasonal"), "seasonal").items()
        }
        self.emerging = _rows(data.get("emerging_phrases"), "emerging_phrases")
        for name in [*self.details, *self.seasonal, *(e["matter"] for e in self.emerging)]:
            if not is_matter(name):
                raise TemplateError(
                    f"描述模板中的事项 {name} 不在分类中。",
                    f"Template matter {name} is not in the taxonomy.",
                )
        for name, months in self.seasonal.items():
            if len(months) != 12:
                raise TemplateError(
                    f"事项 {name} 的季节系数应有 12 个月。",
                    f"Seasonal factors of {name} need 12 months.",
                )

    def is_place_based(self, matter: str) -> bool:
        return matter_by_name(matter).subcategory in self.place_based


class _Renderer:
    def __init__(self, gazetteer: Gazetteer, templates: Templates) -> None:
        self.g = gazetteer
        self.t = templates
        self.places: dict[str, list[Place]] = {}
        self.place_cum: dict[str, list[float]] = {}
        for area in gazetteer.areas:
            rng = random.Random(f"popularity:{area}")
            places = list(gazetteer.places_in(area))
            rng.shuffle(places)  # popularity rank independent of the file's order
            self.places[area] = places
            self.place_cum[area] = list(
                accumulate(1.0 / (r + 1) ** 0.9 for r in range(len(places)))
            )
        self.typo_chars = "康馨锦华泰和安祥瑞福盛嘉兴盈德润宏泽鑫怡景丰裕荣昌永明星"

    def pick_place(self, rng: random.Random, area: str) -> Place | None:
        places = self.places.get(area)
        if not places:
            return None
        cum = self.place_cum[area]
        return places[bisect(cum, rng.random() * cum[-1])]

    def building(self, rng: random.Random, place: Place) -> int:
        return rng.randint(1, place.buildings) if place.buildings else 0

    def address(self, rng: random.Random, place: Place, building: int) -> str:
        name = place.name
        if rng.random() < 0.08 and len(name) >= 3:
            i = rng.randrange(len(name) - (1 if place.kind == "村" else 2))
            name = name[:i] + rng.choice(self.typo_chars) + name[i + 1 :]
        parts = []
        if rng.random() < 0.55:
            parts.append(place.area if rng.random() < 0.8 else place.area[:-1])
        if rng.random() < 0.45:
            parts.append(place.township)
        parts.append(name)
        if building and place.kind == "小区":
            r = rng.random()
            parts.append(
                f"{building}号楼"
                if r < 0.5
                else f"{building}栋"
                if r < 0.75
                else f"{_cn(building)}号楼"
            )
            if rng.random() < 0.3:
                parts.append(f"{rng.randint(1, 4)}单元")
        elif building and place.kind == "路":
            parts.append(f"{building}号")
        if rng.random() < 0.3:
            parts.append(rng.choice(NOISE_TAILS))
        return "".join(parts)

    def text(
        self, rng: random.Random, matter: str, place_text: str, detail: str | None = None
    ) -> str:
        t = self.t
        if detail is None:
            details = t.details.get(matter) or t.default_details
            detail = rng.choice(details).replace("{matter}", matter)
        pool = t.place_templates if place_text else t.general_templates
        return rng.choice(pool).format(
            opener=rng.choice(t.openers),
            time=rng.choice(t.times),
            place=place_text,
            detail=detail,
            matter=matter,
            closer=rng.choice(t.closers),
            ask=rng.choice(t.asks),
        )


Renderer = _Renderer
"""Addresses (Zipf popularity, caller noise, typos) and descriptions (templates, slot
fillers, caller phrasing) for generated cases: the bench's year and the demo year."""


def _day_kind(day: date, calendar: WorkingDayCalendar) -> str:
    name = calendar.holiday_name(day)
    if name is not None:
        return "spring" if "春节" in name or "Spring" in name else "holiday"
    return "work" if calendar.is_working_day(day) else "weekend"


class _Generator:
    def __init__(
        self,
        gazetteer: Gazetteer,
        templates: Templates,
        config: SyntheticConfig,
        calendar: WorkingDayCalendar,
    ) -> None:
        self.cfg = config
        self.cal = calendar
        self.r = _Renderer(gazetteer, templates)
        self.t = templates
        order = list(MATTERS)
        random.Random(f"matters:{config.seed}").shuffle(order)
        self.matter_w: dict[str, float] = {
            m.name: 1.0 / (i + 1) ** 0.85 for i, m in enumerate(order)
        }
        total_area = sum(AREA_WEIGHTS.values())
        self.series = [(m.name, a) for m in MATTERS for a in AREAS]
        self.base_share: dict[tuple[str, str], float] = {
            (m, a): self.matter_w[m] * AREA_WEIGHTS[a] / total_area for m, a in self.series
        }
        norm = sum(self.base_share.values())
        self.base_share = {k: v / norm for k, v in self.base_share.items()}
        self.month_cum: dict[int, tuple[list[float], float]] = {}
        for month in range(1, 13):
            w = [self.base_share[s] * self.seasonal(s[0], month) for s in self.series]
            cum = list(accumulate(w))
            self.month_cum[month] = (cum, cum[-1])
        self.seq: dict[tuple[date, str], int] = {}

    def seasonal(self, matter: str, month: int) -> float:
        months = self.t.seasonal.get(matter)
        return months[month - 1] if months else 1.0

    def expected(self, key: tuple[str, str], day: date) -> float:
        """Expected background cases of one series on one day."""
        _, total = self.month_cum[day.month]
        share = self.base_share[key] * self.seasonal(key[0], day.month) / total
        return self.cfg.cases_per_day * DAY_FACTORS[_day_kind(day, self.cal)] * share

    def number(self, day: date, seat: str) -> str:
        n = self.seq.get((day, seat), 0) + 1
        self.seq[(day, seat)] = n
        return f"{day:%Y%m%d}-{seat}-{n:04d}"  # the format of domain.case.format_case_number

    def case(
        self,
        rng: random.Random,
        day: date,
        when: datetime,
        matter: str,
        area: str,
        *,
        seat: str,
        phone: str | None = None,
        place: Place | None = None,
        building: int | None = None,
        detail: str | None = None,
        force_place: bool = False,
    ) -> CaseRecord:
        address = ""
        if force_place or self.t.is_place_based(matter) or rng.random() < 0.25:
            if place is None:
                place = self.r.pick_place(rng, area)
            if place is not None:
                b = self.r.building(rng, place) if building is None else building
                address = self.r.address(rng, place, b)
        place_text = address if self.t.is_place_based(matter) else ""
        m = matter_by_name(matter)
        handling = "直接办理" if (not m.unit_types or rng.random() < 0.82) else "转派"
        return CaseRecord(
            number=self.number(day, seat),
            received_at=when,
            caller_phone=phone or f"1{rng.randrange(30, 99)}{rng.randrange(0, 10**8):08d}",
            area=area,
            address=address,
            matter=matter,
            text=self.r.text(rng, matter, place_text, detail),
            channel="电话" if rng.random() < 0.8 else rng.choice(("微信", "网站", "APP")),
            handling=handling,
            unit="" if handling == "直接办理" else f"{area}{m.unit_types[0]}",
            status="closed",
            satisfaction=rng.choice(SATISFACTION) if rng.random() < 0.6 else "",
        )

    def when(self, rng: random.Random, day: date) -> datetime:
        hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
        return datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)))

    def background(self, first: date, last: date) -> list[CaseRecord]:
        rng = random.Random(self.cfg.seed)
        out: list[CaseRecord] = []
        day = first
        while day <= last:
            lam = self.cfg.cases_per_day * DAY_FACTORS[_day_kind(day, self.cal)]
            n = _poisson(rng, lam)
            cum, total = self.month_cum[day.month]
            for _ in range(n):
                matter, area = self.series[bisect(cum, rng.random() * total)]
                out.append(self.case(rng, day, self.when(rng, day), matter, area, seat="B1"))
            day += timedelta(days=1)
        return out


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 50:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def true_expectation(
    gazetteer: Gazetteer,
    templates: Templates,
    config: SyntheticConfig,
    calendar: WorkingDayCalendar | None = None,
) -> Callable[[tuple[str, str], date], float]:
    """The generator's own expected background count of a (matter, area) series on a day:
    what a detector could know at best (the bench's oracle)."""
    gen = _Generator(gazetteer, templates, config, calendar or WorkingDayCalendar(strict=False))
    return gen.expected


def generate_year(
    gazetteer: Gazetteer,
    templates: Templates,
    config: SyntheticConfig = SyntheticConfig(),
    calendar: WorkingDayCalendar | None = None,
) -> SyntheticYear:
    """Background cases for the evaluated days (and the history year), plus labelled events
    when ``config.events``. Deterministic with ``config.seed``."""
    cal = calendar or WorkingDayCalendar(strict=False)
    gen = _Generator(gazetteer, templates, config, cal)
    start = config.first_day or date(config.year, 1, 1)
    end = (start + timedelta(days=config.days - 1)) if config.days else date(config.year, 12, 31)
    history_start = (
        start - timedelta(days=364 + 35) if config.history else start - timedelta(days=35)
    )
    cases = gen.background(history_start, end)
    events: list[InjectedEvent] = []
    if config.events:
        events = _inject(gen, cases, start, end)
    cases.sort(key=lambda c: (c.received_at, c.number))
    return SyntheticYear(
        cases,
        events,
        start,
        end,
        history_start,
        config,
        {
            "cases": float(len(cases)),
            "injected_cases": float(sum(len(e.case_numbers) for e in events)),
        },
    )


def _inject(
    gen: _Generator, cases: list[CaseRecord], start: date, end: date
) -> list[InjectedEvent]:
    cfg = gen.cfg
    rng = random.Random(cfg.seed + 1_000_003)
    span = (end - start).days + 1
    events: list[InjectedEvent] = []
    place_matters = [m.name for m in MATTERS if gen.t.is_place_based(m.name)]
    county_areas = [a for a in AREAS if gen.r.places.get(a)]

    def add(new: Sequence[CaseRecord]) -> tuple[str, ...]:
        cases.extend(new)
        return tuple(c.number for c in new)

    # same place, short time: 5-12 distinct callers within 2-20 hours
    for i in range(cfg.same_place_events):
        matter = rng.choice(place_matters)
        area = rng.choice(county_areas)
        place = gen.r.places[area][rng.randrange(len(gen.r.places[area]))]
        building = gen.r.building(rng, place)
        day = start + timedelta(days=rng.randrange(max(span - 1, 1)))
        t0 = datetime.combine(day, time(rng.randrange(6, 20), rng.randrange(60)))
        hours = rng.uniform(2, 20)
        n = rng.randint(5, 12)
        offsets = sorted([0.0, hours] + [rng.uniform(0, hours) for _ in range(n - 2)])
        detail = rng.choice(gen.t.details.get(matter) or gen.t.default_details).replace(
            "{matter}", matter
        )
        new = [
            gen.case(
                rng,
                (t0 + timedelta(hours=o)).date(),
                t0 + timedelta(hours=o),
                matter,
                area,
                seat="E1",
                place=place,
                building=building,
                detail=detail,
                force_place=True,
            )
            for o in offsets
        ]
        events.append(
            InjectedEvent(
                AlertKind.SAME_PLACE,
                f"same_place-{i}",
                new[0].received_at,
                new[-1].received_at,
                add(new),
                matter,
                area,
                f"{area}/{place.township}/{place.name}",
            )
        )

    # surges: x2 for 3-7 days on series with a baseline of at least one case a day
    def eligible(day: date, low: float) -> list[tuple[str, str]]:
        return [k for k in gen.series if gen.expected(k, day) >= low]

    def mean_expected(key: tuple[str, str], day: date, days: int) -> float:
        return sum(gen.expected(key, day + timedelta(days=d)) for d in range(days)) / days

    used: set[tuple[str, str]] = set()
    for i in range(cfg.surge_events):
        day = start + timedelta(days=rng.randrange(40, max(span - 10, 41)))
        days = rng.randint(3, 7)
        low, high = ((1.0, 2.0), (2.0, 5.0), (5.0, 1e9))[i % 3]  # baselines spread over bands
        # the baseline is the series' mean over the event's days (weekends and holidays
        # included), so an event labelled ">= 1 a day" is one
        pool = [
            k
            for k in eligible(day, low * 0.5)
            if k not in used and low <= mean_expected(k, day, days) < high
        ]
        if not pool:
            continue
        key = rng.choice(pool)
        used.add(key)
        new = []
        base = mean_expected(key, day, days)
        for d in range(days):
            dd = day + timedelta(days=d)
            for _ in range(_poisson(rng, gen.expected(key, dd))):  # x2 = one more baseline
                new.append(gen.case(rng, dd, gen.when(rng, dd), key[0], key[1], seat="E2"))
        if new:
            new.sort(key=lambda c: c.received_at)
            events.append(
                InjectedEvent(
                    # time to detect counts from the event's first case (issue 17), as for clusters
                    AlertKind.SURGE,
                    f"surge-{i}",
                    new[0].received_at,
                    datetime.combine(day + timedelta(days=days), time(0)),
                    add(new),
                    key[0],
                    key[1],
                    baseline=base,
                )
            )

    # slow rises: the rate climbs to 2.5x over 4 weeks and holds for 2 weeks
    for i in range(cfg.slow_rise_events):
        day = start + timedelta(days=rng.randrange(40, max(span - 45, 41)))
        pool = [k for k in eligible(day, 1.0) if k not in used]
        if not pool:
            continue
        key = rng.choice(pool)
        used.add(key)
        new = []
        for d in range(42):
            dd = day + timedelta(days=d)
            if dd > end:
                break
            extra = 1.5 * min(d / 28.0, 1.0)
            for _ in range(_poisson(rng, gen.expected(key, dd) * extra)):
                new.append(gen.case(rng, dd, gen.when(rng, dd), key[0], key[1], seat="E3"))
        if new:
            new.sort(key=lambda c: c.received_at)
            events.append(
                InjectedEvent(
                    AlertKind.SLOW_RISE,
                    f"slow_rise-{i}",
                    new[0].received_at,
                    new[-1].received_at,
                    add(new),
                    key[0],
                    key[1],
                    baseline=gen.expected(key, day),
                )
            )

    # repeat callers: one phone, one matter, 3-5 calls in 2-25 days
    for i in range(cfg.repeat_caller_events):
        matter = rng.choice(MATTERS).name
        area = rng.choice(AREAS)
        phone = f"1{rng.randrange(30, 99)}{rng.randrange(0, 10**8):08d}"
        day = start + timedelta(days=rng.randrange(max(span - 26, 1)))
        n = rng.randint(3, 5)
        call_days = sorted(rng.sample(range(rng.randint(max(n, 2), 25)), n))
        new = []
        for d in call_days:
            dd = day + timedelta(days=d)
            new.append(gen.case(rng, dd, gen.when(rng, dd), matter, area, seat="E4", phone=phone))
        new.sort(key=lambda c: c.received_at)
        events.append(
            InjectedEvent(
                AlertKind.REPEAT_CALLER,
                f"repeat_caller-{i}",
                new[0].received_at,
                new[-1].received_at,
                add(new),
                matter,
                area,
            )
        )

    # emerging phrases: 0 → 5 → 12 → 25 → 40 → 40 cases a week
    weekly = (5, 12, 25, 40, 40)
    for i, spec in enumerate(gen.t.emerging[: cfg.emerging_events]):
        day = start + timedelta(days=rng.randrange(35, max(span - 40, 36)))
        new = []
        for w, n in enumerate(weekly):
            for _ in range(n):
                dd = day + timedelta(days=7 * w + rng.randrange(7))
                if dd > end:
                    continue
                new.append(
                    gen.case(
                        rng,
                        dd,
                        gen.when(rng, dd),
                        spec["matter"],
                        rng.choice(county_areas),
                        seat="E5",
                        detail=spec["detail"],
                    )
                )
        if not new:
            continue
        new.sort(key=lambda c: c.received_at)
        reached = None
        for j, c in enumerate(new):
            window = [x for x in new[: j + 1] if c.received_at - x.received_at < timedelta(days=7)]
            if len(window) >= 20:
                reached = c.received_at
                break
        events.append(
            InjectedEvent(
                AlertKind.EMERGING_TOPIC,
                f"emerging-{i}",
                new[0].received_at,
                new[-1].received_at,
                add(new),
                spec["matter"],
                phrase=spec["phrase"],
                reached_at=reached,
            )
        )
    return events

"""The normalised location key: area + township + 小区/村/road + building.

Callers say the same place many ways: with or without the area and township, with 附近 /
门口 / 对面, with a typo in the estate's name, "3栋" or "三号楼". :class:`Gazetteer` turns such
an address into one :class:`LocationKey`, so cases about the same place can be counted
together. Pure Python; the gazetteer is data (``resources/analysis/gazetteer.json``) passed
in as a parsed mapping; this module reads no files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from seat_app.domain.analysis.errors import GazetteerError
from seat_app.domain.taxonomy import AREAS

GAZETTEER_FORMAT = "seat-gazetteer/1"
PLACE_KINDS = ("小区", "村", "路")

NOISE_WORDS = (
    "附近",
    "旁边",
    "对面",
    "门口",
    "周边",
    "一带",
    "这边",
    "那边",
    "这里",
    "那里",
    "楼下",
    "后面",
    "前面",
    "里面",
    "路口",
    "大门",
    "东门",
    "西门",
    "南门",
    "北门",
    "隔壁",
    "边上",
)
_NOISE_ANY = re.compile("|".join(map(re.escape, NOISE_WORDS)))
_PROVINCE_CITY = ("山西省", "山西", "运城市", "运城")
_PLACE_SUFFIXES = (
    "小区",
    "花园",
    "家园",
    "苑",
    "村",
    "东路",
    "西路",
    "南路",
    "北路",
    "大道",
    "北街",
    "南街",
    "东街",
    "西街",
    "路",
    "街",
)
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百]+(?=(号楼|栋|幢|号院|号|单元|楼))")
_DROP = re.compile(r"[\s,，。.、;；:：!！?？()（）\[\]【】\"'“”‘’—\-_/\\]+")
_BUILDING_ESTATE = re.compile(r"(\d{1,3})(?:号楼|栋|幢|号院|#楼|#|号)")
_HOUSE_NUMBER = re.compile(r"(\d{1,4})号")


_GENERIC_ESTATE = re.compile(
    r"([\u4e00-\u9fa5A-Za-z0-9]{2,12}?)(小区|花园|家园|公寓|大厦|广场|新村|社区|嘉园|雅苑|名苑|"
    r"苑|府|庭|城|湾|村|园)(?:小区|社区)?"
)
_GENERIC_ROAD = re.compile(
    r"([\u4e00-\u9fa5]{1,8}?(?:大道|大街|东路|西路|南路|北路|路|街|巷))"
    r"(\d{1,4})号"
)
_GENERIC_BEFORE_BUILDING = re.compile(r"([\u4e00-\u9fa5]{2,10}?)(\d{1,3})(号楼|栋|幢|单元)")
_LEAD_NOISE = re.compile(r"^(?:[\u4e00-\u9fa5]{1,6}?(?:街道|镇|乡))")


def generic_place(text: str) -> tuple[str, str] | None:
    """(place name, building) of a cleaned address naming a place the gazetteer does not
    know: an estate (…小区/花园/家园/苑/村 …; ``金色家园小区5栋`` and ``金色家园5号楼`` are
    one place, 金色家园) or else a road and house number (``中山路12号``); None when the
    address names neither. The key then groups the same estate however it is said."""
    text = _LEAD_NOISE.sub("", text)
    m = _GENERIC_ESTATE.search(text)
    if m is not None and not m.group(1).isdigit():
        name = m.group(1) + m.group(2)
        if name.endswith(("小区", "社区")) and len(name) >= 4:
            name = name[:-2]  # 幸福里小区 and 幸福里 are one place
        tail = text[m.end() :]
        b = _BUILDING_ESTATE.match(tail) or _BUILDING_ESTATE.search(tail)
        return name, f"{int(b.group(1))}号楼" if b else ""
    r = _GENERIC_ROAD.search(text)
    if r is not None:
        return r.group(1), f"{int(r.group(2))}号"
    n = _GENERIC_BEFORE_BUILDING.match(text)
    if n is not None:  # 幸福里3栋, 幸福里2单元: a name said without its 小区
        return n.group(1), f"{int(n.group(2))}号楼" if n.group(3) != "单元" else ""
    return None


def _cn_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零八 → 108 (enough for building and house numbers)."""
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def clean_address(address: str) -> str:
    """NFKC, no spaces or punctuation, no province/city prefix, no 附近-style words,
    Chinese numerals before 号楼/栋/号 as digits."""
    text = unicodedata.normalize("NFKC", address or "")
    text = _DROP.sub("", text)
    for prefix in _PROVINCE_CITY:
        if text.startswith(prefix):
            text = text[len(prefix) :]
    if _NOISE_ANY.search(text):  # one scan; the words then go in their order, as always
        for word in NOISE_WORDS:
            text = text.replace(word, "")
    return _CN_NUMBER.sub(lambda m: str(_cn_to_int(m.group(0))), text)


@dataclass(frozen=True, slots=True)
class Place:
    area: str
    township: str
    name: str
    kind: str
    """小区, 村 or 路."""
    buildings: int
    """How many numbered buildings (小区) or house numbers (路); 0 for villages."""


@dataclass(frozen=True, slots=True)
class LocationKey:
    area: str
    township: str = ""
    place: str = ""
    building: str = ""
    """``3号楼`` in a 小区, ``128号`` on a road; empty when not said."""
    rest: str = ""
    """The cleaned address when no place of the gazetteer was recognised."""

    @property
    def resolved(self) -> bool:
        return bool(self.place)

    @property
    def place_key(self) -> str:
        """area/township/place: what same-place clusters count on."""
        if self.place:
            return f"{self.area}/{self.township}/{self.place}"
        return f"{self.area}/?/{self.rest}" if self.rest else ""

    @property
    def full_key(self) -> str:
        base = self.place_key
        return f"{base}/{self.building}" if base and self.building else base

    def __str__(self) -> str:
        return self.full_key


def _any_of(forms: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any of ``forms`` (never matching when there is none)."""
    alternatives = sorted({re.escape(f) for f in forms if f}, key=len, reverse=True)
    return re.compile("|".join(alternatives) if alternatives else r"(?!)")


def _short(name: str, suffixes: Iterable[str]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


class Gazetteer:
    """Areas → townships → places, with the indexes the normaliser needs."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self._memo: dict[tuple[str, str], LocationKey] = {}
        self._townships: dict[str, list[str]] = {}
        self._by_area: dict[str, dict[str, Place]] = {}
        self._wild: dict[str, dict[str, Place | None]] = {}
        seen: set[tuple[str, str]] = set()
        for p in self.places:
            if (p.area, p.name) in seen:
                raise GazetteerError(
                    f"地名库中 {p.area} 的地名 {p.name} 重复。",
                    f"Place {p.name} appears twice in {p.area}.",
                )
            seen.add((p.area, p.name))
            towns = self._townships.setdefault(p.area, [])
            if p.township not in towns:
                towns.append(p.township)
            variants = self._by_area.setdefault(p.area, {})
            variants[p.name] = p
            core = _short(p.name, _PLACE_SUFFIXES)
            if core and len(core) >= 3:
                variants.setdefault(core, p)
            wild = self._wild.setdefault(p.area, {})
            for form in {p.name, core} - {""}:
                if len(form) < 4:  # one wrong character in three is another place (幸福里/锦福里)
                    continue
                for i in range(len(form)):
                    w = form[:i] + "?" + form[i + 1 :]
                    wild[w] = p if wild.get(w, p) is p else None  # None marks ambiguity
        self._first_lengths: dict[str, dict[str, tuple[int, ...]]] = {}
        for area, v in self._by_area.items():
            by_first: dict[str, set[int]] = {}
            for name in v:
                by_first.setdefault(name[0], set()).add(len(name))
            self._first_lengths[area] = {
                ch: tuple(sorted(lengths, reverse=True)) for ch, lengths in by_first.items()
            }
        self._town_forms = {  # each township with its short form (北城街道, 北城)
            area: tuple((t, _short(t, ("街道", "镇", "乡"))) for t in towns)
            for area, towns in self._townships.items()
        }
        self._wild_lengths = {
            area: sorted({len(w) for w in wild}, reverse=True) for area, wild in self._wild.items()
        }
        self._area_names = sorted(
            [(a, a) for a in AREAS if a in self._townships or a != "市直"]
            + [(a[:-1], a) for a in AREAS if len(a) >= 3 and a[-1] in "区市县"],
            key=lambda x: len(x[0]),
            reverse=True,
        )
        # one scan says whether any area or township is named at all (most addresses name
        # none); only then are the forms tried in their order, as before
        self._area_any = _any_of(form for form, _ in self._area_names)
        self._town_any = {
            area: (_any_of(t for t, _ in forms), _any_of(s for _, s in forms if s))
            for area, forms in self._town_forms.items()
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Gazetteer:
        """Parse ``gazetteer.json`` (format ``seat-gazetteer/1``)."""
        if data.get("format") != GAZETTEER_FORMAT:
            raise GazetteerError(
                f"地名库格式不是 {GAZETTEER_FORMAT}。", f"The gazetteer is not {GAZETTEER_FORMAT}."
            )
        areas = data.get("areas")
        if not isinstance(areas, Mapping):
            raise GazetteerError("地名库缺少 areas。", "The gazetteer has no 'areas'.")
        places: list[Place] = []
        for area, townships in areas.items():
            if area not in AREAS:
                raise GazetteerError(
                    f"地名库中的区域 {area} 不在区域表中。",
                    f"Gazetteer area {area} is not a known area.",
                )
            for township, rows in townships.items():
                for row in rows:
                    kind = row.get("kind")
                    if kind not in PLACE_KINDS or not row.get("name"):
                        raise GazetteerError(
                            f"地名库 {area}/{township} 中有无效地名：{row!r}。",
                            f"Invalid place in {area}/{township}: {row!r}.",
                        )
                    places.append(
                        Place(area, township, str(row["name"]), kind, int(row.get("buildings", 0)))
                    )
        return cls(places)

    @property
    def areas(self) -> tuple[str, ...]:
        return tuple(self._townships)

    def townships(self, area: str) -> tuple[str, ...]:
        return tuple(self._townships.get(area, ()))

    def places_in(self, area: str, township: str | None = None) -> tuple[Place, ...]:
        return tuple(
            p
            for p in self.places
            if p.area == area and (township is None or p.township == township)
        )

    # -- normalising ---------------------------------------------------------------------
    def _find_area(self, text: str) -> tuple[str, str]:
        if not self._area_any.search(text):
            return "", text
        for form, area in self._area_names:
            if form in text:
                return area, text.replace(form, "", 1)
        return "", text

    def _find_township(self, area: str, text: str) -> tuple[str, str]:
        forms = self._town_forms.get(area, ())
        if not forms:
            return "", text
        full, short_any = self._town_any[area]
        if full.search(text):
            for town, _ in forms:
                if town in text:
                    return town, text.replace(town, "", 1)
        if not short_any.search(text):
            return "", text
        for town, short in forms:
            if short and short in text:
                i = text.index(short)
                end = i + len(short)
                for suffix in ("街道", "镇", "乡"):
                    if text.startswith(suffix, end):
                        end += len(suffix)
                        break
                return town, text[:i] + text[end:]
        return "", text

    def _find_place(self, area: str, text: str) -> tuple[Place | None, int]:
        variants = self._by_area.get(area)
        if not variants:
            return None, -1
        n = len(text)
        # the longest name said, the leftmost of that length: at each position only the
        # lengths of names beginning with its character are tried
        firsts = self._first_lengths[area]
        best_len = best_start = 0
        for start, ch in enumerate(text):
            for length in firsts.get(ch, ()):  # longest first
                if length <= best_len:
                    break
                if start + length <= n and text[start : start + length] in variants:
                    best_len, best_start = length, start
                    break
        if best_len:
            return variants[text[best_start : best_start + best_len]], best_start + best_len
        wild = self._wild[area]
        for length in self._wild_lengths[area]:
            for start in range(0, n - length + 1):
                window = text[start : start + length]
                for j in range(length):
                    hit = wild.get(window[:j] + "?" + window[j + 1 :])
                    if hit is not None:
                        return hit, start + length
        return None, -1

    def normalise(self, address: str, area_hint: str = "") -> LocationKey:
        """The location key of ``address``. ``area_hint`` is the case's area field, used
        when the caller did not say the area; a said area wins over the hint."""
        memo = (address, area_hint)
        hit = self._memo.get(memo)
        if hit is None:
            if len(self._memo) >= 500_000:
                self._memo.clear()
            hit = self._memo[memo] = self._normalise(address, area_hint)
        return hit

    def _normalise(self, address: str, area_hint: str) -> LocationKey:
        text = clean_address(address)
        area, text = self._find_area(text)
        candidates = [area] if area else ([area_hint] if area_hint else [])
        if not area and not area_hint:
            candidates = list(self._by_area)
        for cand in candidates:
            town, rest = self._find_township(cand, text)
            place, end = self._find_place(cand, rest)
            if place is not None:
                tail = rest[end:]
                pattern = _HOUSE_NUMBER if place.kind == "路" else _BUILDING_ESTATE
                m = pattern.match(tail) or pattern.search(tail)
                building = ""
                if m and place.kind != "村":
                    building = (
                        f"{int(m.group(1))}号" if place.kind == "路" else f"{int(m.group(1))}号楼"
                    )
                return LocationKey(place.area, place.township, place.name, building)
            if town:
                generic = generic_place(rest)
                if generic is not None:
                    return LocationKey(cand, "", generic[0], generic[1], rest)
                return LocationKey(cand, town, "", "", rest)
        fallback_area = area or area_hint
        generic = generic_place(text)
        if generic is not None:
            name, building = generic
            return LocationKey(fallback_area, "", name, building, text)
        return LocationKey(fallback_area, "", "", "", text) if text else LocationKey(fallback_area)

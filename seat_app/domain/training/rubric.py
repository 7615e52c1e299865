"""The rubric engine (评分表): one engine for practice scoring and quality inspection.

A rubric is versioned data::

    id = "practice"            # stable name of the rubric
    version = 1                # every change is a new version; results keep theirs
    title = "练习评分表"
    pass_mark = 80             # score (0-100) at or above which an evaluation passes
    [[bands]]                  # optional grades, highest min_score first or in any order
    name = "优秀"  en = "excellent"  min_score = 90
    [[sections]]
    id = "courtesy"  title = "礼貌规范"  weight = 10
    [[sections.items]]
    id = "greeting"  title = "使用标准问候语"  points = 5
    [[sections.items]]
    id = "no_phone_read_out"  title = "未完整念出来电号码"  fatal = true   # 一票否决, points 0

Scoring (``evaluate``):

- every item gets a ``Judgement``: ``pass`` (credit 1), ``partial`` (0 < credit < 1),
  ``fail`` (credit 0) or ``na`` (not applicable), with the evidence: what was expected and
  what was entered;
- a section's ratio is earned points / possible points over its applicable items; N/A items
  leave both sides; a section whose items are all N/A leaves the total (its weight too);
- the score is the weighted mean of the section ratios x 100, rounded to 2 decimals;
- a failed fatal item (red line, 一票否决) sets the score to 0; every item stays in the
  result, visible, with its own outcome;
- the band is the highest band whose ``min_score`` the score reaches.

An ``Evaluation`` is self-contained: rubric id, version and fingerprint, every item's title,
points, outcome and evidence. It never refers back to a live rubric, so a changed rubric
never rescores an old result; store ``Evaluation.to_dict()`` and read it back with
``Evaluation.from_dict``. Quality inspection (seat_app/domain/quality) builds its judgements
from machine pre-checks and inspector decisions and calls the same ``evaluate``.

Usage::

    rubric = rubric_from_dict(tomllib.load(fh))
    ev = evaluate(rubric, [Judgement("greeting", Outcome.PASS, expected="问候语", entered="…"),
                           ...])            # one judgement per item; missing ones are errors
    ev.score, ev.passed, ev.failed_items(), ev.fatal_failed
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from seat_app.domain.training.errors import RubricError


class Outcome(StrEnum):
    PASS = "pass"
    PARTIAL = "partial"
    FAIL = "fail"
    NA = "na"


OUTCOME_ZH = {Outcome.PASS: "通过", Outcome.PARTIAL: "部分", Outcome.FAIL: "未通过",
              Outcome.NA: "不适用"}


@dataclass(frozen=True, slots=True)
class RubricItem:
    id: str
    title: str
    points: float = 0.0
    fatal: bool = False
    """A red line (一票否决): failing it sets the whole score to 0."""
    title_en: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class RubricSection:
    id: str
    title: str
    weight: float
    items: tuple[RubricItem, ...]
    title_en: str = ""


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    min_score: float
    en: str = ""


@dataclass(frozen=True, slots=True)
class Rubric:
    id: str
    version: int
    title: str
    sections: tuple[RubricSection, ...]
    pass_mark: float = 80.0
    bands: tuple[Band, ...] = ()
    title_en: str = ""

    def items(self) -> tuple[RubricItem, ...]:
        return tuple(i for s in self.sections for i in s.items)

    def item(self, item_id: str) -> RubricItem:
        for i in self.items():
            if i.id == item_id:
                return i
        raise KeyError(item_id)

    def section_of(self, item_id: str) -> RubricSection:
        for s in self.sections:
            if any(i.id == item_id for i in s.items):
                return s
        raise KeyError(item_id)

    @property
    def fingerprint(self) -> str:
        """SHA-256 (first 16 hex) of the canonical JSON: two rubrics with the same id and
        version but different content differ here."""
        text = json.dumps(rubric_to_dict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def revised(self, **changes: Any) -> Rubric:
        """A new version with ``changes`` (sections, pass_mark, bands, title...)."""
        return replace(self, version=self.version + 1, **changes)


@dataclass(frozen=True, slots=True)
class Judgement:
    """The outcome of one item for one evaluated thing, with its evidence."""

    item_id: str
    outcome: Outcome
    expected: str = ""
    entered: str = ""
    note: str = ""
    credit: float | None = None
    """For ``partial``: the share of the points earned (0 < credit < 1); otherwise implied."""

    def effective_credit(self) -> float:
        if self.outcome == Outcome.PASS:
            return 1.0
        if self.outcome == Outcome.PARTIAL:
            return float(self.credit if self.credit is not None else 0.5)
        return 0.0


@dataclass(frozen=True, slots=True)
class ItemResult:
    item_id: str
    section_id: str
    title: str
    points: float
    fatal: bool
    outcome: Outcome
    earned: float
    expected: str = ""
    entered: str = ""
    note: str = ""
    title_en: str = ""


@dataclass(frozen=True, slots=True)
class SectionResult:
    section_id: str
    title: str
    weight: float
    earned: float
    possible: float
    applicable: bool


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A scored result, frozen with its rubric's id, version and fingerprint."""

    rubric_id: str
    rubric_version: int
    rubric_fingerprint: str
    score: float
    raw_score: float
    """The score before red lines (what the items alone earned)."""
    passed: bool
    pass_mark: float
    band: str
    items: tuple[ItemResult, ...]
    sections: tuple[SectionResult, ...]
    fatal_failed: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    def item(self, item_id: str) -> ItemResult:
        for r in self.items:
            if r.item_id == item_id:
                return r
        raise KeyError(item_id)

    def failed_items(self) -> tuple[str, ...]:
        """Ids of items that failed or earned only part (fatal ones included)."""
        return tuple(r.item_id for r in self.items
                     if r.outcome in (Outcome.FAIL, Outcome.PARTIAL))

    def to_dict(self) -> dict[str, Any]:
        return {
            "rubric_id": self.rubric_id, "rubric_version": self.rubric_version,
            "rubric_fingerprint": self.rubric_fingerprint, "score": self.score,
            "raw_score": self.raw_score, "passed": self.passed, "pass_mark": self.pass_mark,
            "band": self.band, "fatal_failed": list(self.fatal_failed), "meta": dict(self.meta),
            "items": [{**_asdict(r), "outcome": str(r.outcome)} for r in self.items],
            "sections": [_asdict(s) for s in self.sections],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Evaluation:
        return cls(
            rubric_id=d["rubric_id"], rubric_version=int(d["rubric_version"]),
            rubric_fingerprint=d["rubric_fingerprint"], score=float(d["score"]),
            raw_score=float(d["raw_score"]), passed=bool(d["passed"]),
            pass_mark=float(d["pass_mark"]), band=d.get("band", ""),
            fatal_failed=tuple(d.get("fatal_failed", ())), meta=dict(d.get("meta", {})),
            items=tuple(ItemResult(**{**r, "outcome": Outcome(r["outcome"])}) for r in d["items"]),
            sections=tuple(SectionResult(**s) for s in d["sections"]),
        )


def _asdict(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


# ─── reading and writing rubrics ─────────────────────────────────────────────────────────


def _num(value: Any, where: str, *, minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RubricError(f"{where} 应为数字：{value!r}", f"{where} must be a number: {value!r}")
    if value < minimum:
        raise RubricError(f"{where} 不能小于 {minimum}：{value}",
                          f"{where} must be at least {minimum}: {value}")
    return float(value)


def _text(d: Mapping[str, Any], key: str, where: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RubricError(f"{where} 缺少「{key}」", f"{where} lacks {key!r}")
    return value.strip()


def rubric_from_dict(d: Mapping[str, Any]) -> Rubric:
    """A rubric from parsed TOML/JSON; RubricError on any malformed part (ids unique, points
    and weights non-negative numbers, at least one scoring item, pass mark within 0-100)."""
    rid = _text(d, "id", "评分表")
    version = d.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RubricError(f"评分表版本应为正整数：{version!r}",
                          f"The rubric version must be a positive integer: {version!r}")
    seen: set[str] = set()
    sections: list[RubricSection] = []
    for si, s in enumerate(d.get("sections") or (), start=1):
        sid = _text(s, "id", f"第 {si} 个分区")
        if sid in seen:
            raise RubricError(f"编号「{sid}」重复", f"Duplicate id {sid!r}")
        seen.add(sid)
        items: list[RubricItem] = []
        for ii, it in enumerate(s.get("items") or (), start=1):
            iid = _text(it, "id", f"分区 {sid} 第 {ii} 项")
            if iid in seen:
                raise RubricError(f"编号「{iid}」重复", f"Duplicate id {iid!r}")
            seen.add(iid)
            fatal = bool(it.get("fatal", False))
            points = _num(it.get("points", 0), f"评分项 {iid} 的分值")
            items.append(RubricItem(iid, _text(it, "title", f"评分项 {iid}"), points, fatal,
                                    str(it.get("title_en", "")), str(it.get("description", ""))))
        if not items:
            raise RubricError(f"分区 {sid} 没有评分项", f"Section {sid} has no items")
        sections.append(RubricSection(sid, _text(s, "title", f"分区 {sid}"),
                                      _num(s.get("weight", 0), f"分区 {sid} 的权重"),
                                      tuple(items), str(s.get("title_en", ""))))
    if not any(i.points > 0 and s.weight > 0 for s in sections for i in s.items):
        raise RubricError("评分表没有计分的评分项", "The rubric has no scoring item")
    pass_mark = _num(d.get("pass_mark", 80), "及格线")
    if pass_mark > 100:
        raise RubricError("及格线不能超过 100", "The pass mark cannot exceed 100")
    bands = tuple(sorted(
        (Band(_text(b, "name", "等级"), _num(b.get("min_score", 0), "等级分数线"),
              str(b.get("en", ""))) for b in d.get("bands") or ()),
        key=lambda b: -b.min_score))
    return Rubric(rid, version, _text(d, "title", "评分表"), tuple(sections), pass_mark, bands,
                  str(d.get("title_en", "")))


def rubric_to_dict(r: Rubric) -> dict[str, Any]:
    return {
        "id": r.id, "version": r.version, "title": r.title, "title_en": r.title_en,
        "pass_mark": r.pass_mark,
        "bands": [{"name": b.name, "min_score": b.min_score, "en": b.en} for b in r.bands],
        "sections": [
            {"id": s.id, "title": s.title, "title_en": s.title_en, "weight": s.weight,
             "items": [{"id": i.id, "title": i.title, "title_en": i.title_en,
                        "points": i.points, "fatal": i.fatal, "description": i.description}
                       for i in s.items]}
            for s in r.sections
        ],
    }


# ─── evaluation ──────────────────────────────────────────────────────────────────────────


def evaluate(rubric: Rubric, judgements: Iterable[Judgement], *,
             pass_mark: float | None = None, meta: Mapping[str, Any] | None = None
             ) -> Evaluation:
    """Score ``judgements`` (exactly one per rubric item) on ``rubric``.

    ``pass_mark`` overrides the rubric's (a session's own mark). RubricError when an item
    has no judgement, an unknown item is judged, an item is judged twice, or a partial
    credit is not strictly between 0 and 1.
    """
    by_id: dict[str, Judgement] = {}
    for j in judgements:
        if j.item_id in by_id:
            raise RubricError(f"评分项 {j.item_id} 被评了两次", f"Item {j.item_id} judged twice")
        by_id[j.item_id] = j
    known = {i.id for i in rubric.items()}
    unknown = sorted(set(by_id) - known)
    if unknown:
        raise RubricError(f"评分表 {rubric.id} v{rubric.version} 没有评分项：{'、'.join(unknown)}",
                          f"Rubric {rubric.id} v{rubric.version} has no item(s): {', '.join(unknown)}")
    missing = [i.id for i in rubric.items() if i.id not in by_id]
    if missing:
        raise RubricError(f"以下评分项没有评定：{'、'.join(missing)}",
                          f"Items without a judgement: {', '.join(missing)}")
    items: list[ItemResult] = []
    sections: list[SectionResult] = []
    fatal: list[str] = []
    total_w = total = 0.0
    for s in rubric.sections:
        earned = possible = 0.0
        for it in s.items:
            j = by_id[it.id]
            if j.outcome == Outcome.PARTIAL and not (j.credit is None or 0 < j.credit < 1):
                raise RubricError(f"评分项 {it.id} 的部分得分应在 0 与 1 之间：{j.credit}",
                                  f"Partial credit of {it.id} must be between 0 and 1: {j.credit}")
            got = 0.0
            if j.outcome != Outcome.NA:
                got = it.points * j.effective_credit()
                earned += got
                possible += it.points
                if it.fatal and j.outcome == Outcome.FAIL:
                    fatal.append(it.id)
            items.append(ItemResult(it.id, s.id, it.title, it.points, it.fatal, j.outcome,
                                    round(got, 4), j.expected, j.entered, j.note, it.title_en))
        applicable = possible > 0 and s.weight > 0
        sections.append(SectionResult(s.id, s.title, s.weight, round(earned, 4),
                                      round(possible, 4), applicable))
        if applicable:
            total_w += s.weight
            total += s.weight * earned / possible
    raw = round(100.0 * total / total_w, 2) if total_w else 100.0
    score = 0.0 if fatal else raw
    mark = rubric.pass_mark if pass_mark is None else float(pass_mark)
    band = next((b.name for b in rubric.bands if score >= b.min_score), "")
    return Evaluation(rubric.id, rubric.version, rubric.fingerprint, score, raw,
                      not fatal and score >= mark, mark, band, tuple(items), tuple(sections),
                      tuple(fatal), dict(meta or {}))

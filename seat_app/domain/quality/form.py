"""Inspection forms (质检评分表): the shared rubric engine plus what quality adds.

A form is a rubric (``seat_app.domain.training.rubric``: sections with weights, items with
points, N/A out of both sides, fatal items zeroing the score, bands, versions) and a
``[quality]`` table: which automatic pre-checks fill which item, and which sections are N/A
when the case had no direct answer. Scoring a case is the engine's ``evaluate``; the result
keeps the form's id, version and fingerprint, so editing a form (a new version) never
changes an old evaluation.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seat_app.domain.quality.errors import FormInvalid
from seat_app.domain.quality.prechecks import Check, Outcome, ReviewedCheck
from seat_app.domain.quality.records import CaseRecord
from seat_app.domain.training import (
    Evaluation,
    Judgement,
    Rubric,
    RubricError,
    evaluate,
    rubric_from_dict,
    rubric_to_dict,
)
from seat_app.domain.training import Outcome as ItemOutcome
from seat_app.domain.training.scenario import Skill

DEFAULT_FORM_FILE = "form-12345-v1.toml"
"""The default form's file name under ``resources/quality/``."""


@dataclass(frozen=True, slots=True)
class InspectionForm:
    rubric: Rubric
    prechecks: Mapping[str, tuple[Check, ...]] = field(default_factory=dict)
    """item id -> the checks that fill it (fail if any fails, na if all are na)."""
    na_without_direct_answer: frozenset[str] = frozenset()
    """Section ids that are N/A when the case had no direct answer."""
    practice: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """item id -> practice skills (``seat_app.domain.training.Skill`` values) whose
    scenarios exercise it: the loop back into practice."""

    @property
    def id(self) -> str:
        return self.rubric.id

    @property
    def version(self) -> int:
        return self.rubric.version

    def auto_items(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.rubric.items() if i.id in self.prechecks)

    def manual_items(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.rubric.items() if i.id not in self.prechecks)

    def to_dict(self) -> dict[str, Any]:
        d = rubric_to_dict(self.rubric)
        d["quality"] = {
            "na_without_direct_answer": sorted(self.na_without_direct_answer),
            "prechecks": {k: [c.value for c in v] for k, v in self.prechecks.items()},
            "practice": {k: list(v) for k, v in self.practice.items()},
        }
        return d

    def revised(self, **rubric_changes: Any) -> InspectionForm:
        """The next version with rubric changes (sections, bands, pass_mark, title)."""
        rubric = self.rubric.revised(**rubric_changes)
        return form_from_dict({**rubric_to_dict(rubric), "quality": self.to_dict()["quality"]})


def form_from_dict(d: Mapping[str, Any]) -> InspectionForm:
    """A form from parsed TOML/JSON; :class:`FormInvalid` listing every problem."""
    try:
        rubric = rubric_from_dict(d)
    except RubricError as exc:
        raise FormInvalid([(exc.zh, exc.en)]) from None
    q = d.get("quality") or {}
    problems: list[tuple[str, str]] = []
    items = {i.id for i in rubric.items()}
    sections = {s.id for s in rubric.sections}
    checks: dict[str, tuple[Check, ...]] = {}
    for item_id, names in (q.get("prechecks") or {}).items():
        if item_id not in items:
            problems.append((f"预检映射中的评分项“{item_id}”不在评分表中。",
                             f"Pre-check mapping names unknown item {item_id!r}."))
            continue
        got: list[Check] = []
        for name in names if isinstance(names, list) else [names]:
            try:
                got.append(Check(name))
            except ValueError:
                problems.append((f"评分项“{item_id}”引用了未知的自动预检“{name}”。",
                                 f"Item {item_id!r} names unknown pre-check {name!r}."))
        checks[item_id] = tuple(got)
    na = frozenset(q.get("na_without_direct_answer") or ())
    for s in sorted(na - sections):
        problems.append((f"“无直接答复时不适用”的分区“{s}”不在评分表中。",
                         f"Section {s!r} (N/A without direct answer) is not in the form."))
    skills = {s.value for s in Skill}
    practice: dict[str, tuple[str, ...]] = {}
    for item_id, names in (q.get("practice") or {}).items():
        names = names if isinstance(names, list) else [names]
        if item_id not in items:
            problems.append((f"练习映射中的评分项“{item_id}”不在评分表中。",
                             f"Practice mapping names unknown item {item_id!r}."))
        for name in names:
            if name not in skills:
                problems.append((f"评分项“{item_id}”引用了未知的练习技能“{name}”。",
                                 f"Item {item_id!r} names unknown practice skill {name!r}."))
        practice[item_id] = tuple(str(n) for n in names)
    if problems:
        raise FormInvalid(problems)
    return InspectionForm(rubric, checks, na, practice)


def load_form(path: Path | str) -> InspectionForm:
    with open(path, "rb") as fh:
        return form_from_dict(tomllib.load(fh))


def has_direct_answer(case: CaseRecord) -> bool:
    return case.handling == "直接办理" and bool(case.reply_text.strip())


def auto_judgements(form: InspectionForm, reviewed: Sequence[ReviewedCheck]
                    ) -> dict[str, Judgement]:
    """Judgements of the auto items from reviewed pre-checks (final outcomes)."""
    by_check = {r.check: r for r in reviewed}
    out: dict[str, Judgement] = {}
    for item_id, checks in form.prechecks.items():
        rs = [by_check[c] for c in checks if c in by_check]
        if not rs:
            continue
        fails = [r for r in rs if r.final == Outcome.FAIL]
        if fails:
            outcome = ItemOutcome.FAIL
        elif all(r.final == Outcome.NA for r in rs):
            outcome = ItemOutcome.NA
        else:
            outcome = ItemOutcome.PASS
        shown = fails or [r for r in rs if r.final != Outcome.NA] or rs
        note = "；".join(
            f"{r.evidence_zh}" + (f"（质检员改判：{r.reason}）" if r.overridden else "")
            for r in shown)
        out[item_id] = Judgement(item_id, outcome, expected="、".join(c.value for c in checks),
                                 entered=note, note="override" if any(
                                     r.overridden for r in rs) else "auto")
    return out


def evaluate_case(
    form: InspectionForm,
    case: CaseRecord,
    reviewed: Sequence[ReviewedCheck],
    manual: Mapping[str, Judgement | ItemOutcome | str],
    *,
    meta: Mapping[str, Any] | None = None,
) -> Evaluation:
    """Score ``case`` on ``form``: auto items from the reviewed pre-checks, manual items
    from the inspector (a Judgement or a bare outcome), every item of a section in
    ``na_without_direct_answer`` N/A when the case had no direct answer. Missing judgements
    are the engine's RubricError."""
    judgements = auto_judgements(form, reviewed)
    for item_id, value in manual.items():
        if isinstance(value, Judgement):
            judgements[item_id] = value
        else:
            judgements[item_id] = Judgement(item_id, ItemOutcome(value))
    if not has_direct_answer(case):
        for s in form.rubric.sections:
            if s.id in form.na_without_direct_answer:
                for it in s.items:
                    judgements[it.id] = Judgement(it.id, ItemOutcome.NA,
                                                  note="无直接答复，不适用")
    return evaluate(form.rubric, judgements.values(), meta={
        "case_id": case.case_id, "case_number": case.case_number, "agent": case.agent,
        **dict(meta or {})})

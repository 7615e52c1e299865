"""The loop back into practice, and whether practice helped.

An item an agent failed at least ``threshold`` times (default 2) in a month becomes a
:class:`PracticeNeed`: the form's ``[quality.practice]`` table names the practice skills
whose scenarios exercise the item; :func:`pick_scenarios` chooses scenarios of those skills
(reproducibly, easiest first, skipping ones already assigned). Phase 2 stores the assignment
where the trainer sees it. :func:`item_trend` compares the item's failure rate before and
after the practice date: the QA report shows whether it improved.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from seat_app.domain.training import Evaluation
from seat_app.domain.training import Outcome as ItemOutcome


@dataclass(frozen=True, slots=True)
class EvaluatedCase:
    """A saved (latest-version) evaluation with who and when, as reports and the loop read it."""

    evaluation: Evaluation
    agent: str
    day: date
    """The day the case was handled."""
    team: str = ""
    inspector: str = ""


class ScenarioLike(Protocol):
    id: str
    skill: str
    difficulty: int


@dataclass(frozen=True, slots=True)
class PracticeNeed:
    agent: str
    month: str
    item_id: str
    item_title: str
    failures: int
    skills: tuple[str, ...]
    case_numbers: tuple[str, ...]


def _failed(ev: Evaluation, item_id: str) -> bool | None:
    try:
        r = ev.item(item_id)
    except KeyError:
        return None
    if r.outcome == ItemOutcome.NA:
        return None
    return r.outcome in (ItemOutcome.FAIL, ItemOutcome.PARTIAL)


def practice_needs(evaluated: Iterable[EvaluatedCase], month: str,
                   item_skills: Mapping[str, Sequence[str]], *, threshold: int = 2
                   ) -> list[PracticeNeed]:
    """Items failed ``threshold`` or more times by one agent in ``month`` (``YYYY-MM``),
    for items the form maps to practice skills."""
    fails: dict[tuple[str, str], list[EvaluatedCase]] = defaultdict(list)
    titles: dict[str, str] = {}
    for e in evaluated:
        if f"{e.day:%Y-%m}" != month:
            continue
        for r in e.evaluation.items:
            if r.item_id in item_skills and _failed(e.evaluation, r.item_id):
                fails[(e.agent, r.item_id)].append(e)
                titles[r.item_id] = r.title
    out = []
    for (agent, item_id), es in sorted(fails.items()):
        if len(es) >= threshold:
            out.append(PracticeNeed(
                agent, month, item_id, titles[item_id], len(es), tuple(item_skills[item_id]),
                tuple(str(e.evaluation.meta.get("case_number", "")) for e in es)))
    return out


def pick_scenarios(need: PracticeNeed, scenarios: Sequence[ScenarioLike], *, count: int = 3,
                   seed: int = 0, exclude: Collection[str] = ()) -> tuple[str, ...]:
    """Up to ``count`` scenario ids of the need's skills, easiest first, chosen with a
    generator seeded by (seed, agent, item, month); ``exclude`` skips ones already set."""
    skills = set(need.skills)
    pool = sorted((s for s in scenarios if str(s.skill) in skills and s.id not in exclude),
                  key=lambda s: (s.difficulty, s.id))
    rng = random.Random(f"{seed}|{need.agent}|{need.item_id}|{need.month}")
    by_level: dict[int, list[ScenarioLike]] = defaultdict(list)
    for s in pool:
        by_level[s.difficulty].append(s)
    out: list[str] = []
    for level in sorted(by_level):
        group = by_level[level]
        rng.shuffle(group)
        out.extend(s.id for s in group[: count - len(out)])
        if len(out) >= count:
            break
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ItemTrend:
    agent: str
    item_id: str
    before_rate: float | None
    after_rate: float | None
    before_n: int
    after_n: int

    @property
    def improved(self) -> bool | None:
        if self.before_rate is None or self.after_rate is None:
            return None
        return self.after_rate < self.before_rate


def item_trend(evaluated: Iterable[EvaluatedCase], agent: str, item_id: str,
               practised_on: date) -> ItemTrend:
    """The item's failure rate for ``agent`` on cases before and after ``practised_on``."""
    before: list[bool] = []
    after: list[bool] = []
    for e in evaluated:
        if e.agent != agent:
            continue
        f = _failed(e.evaluation, item_id)
        if f is None:
            continue
        (before if e.day < practised_on else after).append(f)

    def rate(xs: list[bool]) -> float | None:
        return sum(xs) / len(xs) if xs else None
    return ItemTrend(agent, item_id, rate(before), rate(after), len(before), len(after))

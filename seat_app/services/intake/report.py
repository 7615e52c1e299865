"""``seat-admin intake report``: how good the suggestions were against the final matters.

For the cases of a period (created in it, with a description and a matter), the final
matter is the latest correction's (a lead or unit changed it) or else the case's own. The
suggestion compared is the one shown at intake (``intake_suggestions``: made before the case
existed, so never learned from it). A case with none on record (older cases, or a seat
without the log) is re-scored with the current model, counted as ``rescored`` - but only when
the model never learned from it (``unseen``: the held-out tenth of ``intake train``, or a case
created after the training; see ``heldout``). The cases it learned from are counted as
``learned`` and left out of every figure: scoring a model on its own training data measures
its memory, not its accuracy. Confused pairs come from both: the final matter against the top
suggestion, and the corrections themselves (from -> to).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from seat_app.domain.case import CaseStatus
from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.services.intake.central import CASES, CORRECTIONS, shown_suggestions
from seat_app.services.intake.heldout import RULE, Unseen, never_trained
from seat_app.services.intake.model import Suggestion

MAX_REPORT_CASES = 20000
"""The newest cases of the period that are scored (a year of a city is millions)."""


@dataclass(frozen=True)
class DomainFigure:
    domain: str
    cases: int
    matter_top1: float
    matter_top3: float
    domain_top1: float


@dataclass(frozen=True)
class Pair:
    final: str
    suggested: str
    count: int


@dataclass(frozen=True)
class AccuracyReport:
    since: str
    until: str
    cases: int
    shown: int
    """Cases whose suggestion at intake is on record."""
    rescored: int
    """Cases scored now with the current model (no suggestion on record)."""
    unscored: int
    """Cases with no suggestion at all (text with no known word, or no model)."""
    learned: int
    """Cases without a suggestion on record that the current model learned from: not
    re-scored and not counted in ``cases`` or any rate."""
    held_out: str
    """How the re-scored cases were chosen (the rule, in English), "" when none was."""
    matter_top1: float
    matter_top3: float
    domain_top1: float
    corrections: int
    corrections_by_stage: dict[str, int] = field(default_factory=dict)
    per_domain: tuple[DomainFigure, ...] = ()
    confused: tuple[Pair, ...] = ()
    """Final matter vs the top suggestion, most frequent first."""
    corrected_pairs: tuple[Pair, ...] = ()
    """Corrections (from -> to), most frequent first."""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _rate(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def _held_out(unseen: Unseen | None) -> str:
    if unseen is never_trained:
        return "KB-search routing: learned from no case"
    if unseen is None:
        return ("none re-scored: the model does not record which cases it learned from "
                "(retrain it with seat-admin intake train)")
    return f"held out at training: {RULE[1]}; and cases created after the training"


def accuracy_report(engine: Engine, suggest: Callable[[str], list[Suggestion]] | None, *,
                    unseen: Unseen | None = None,
                    since: datetime | None = None, until: datetime | None = None,
                    limit: int = MAX_REPORT_CASES, top_pairs: int = 10) -> AccuracyReport:
    """Accuracy of the suggestions against the final matters. ``suggest`` re-scores cases
    with no suggestion on record, only those ``unseen(case id, created at)`` says the model
    never learned from (``unseen`` None: it may have learned from any, none is re-scored;
    ``heldout.never_trained`` for KB-search routing)."""
    q = (select(CASES.c.id, CASES.c.description, CASES.c.matter, CASES.c.created_at)
         .where(CASES.c.deleted.is_(False), CASES.c.status != CaseStatus.CANCELLED.value,
                CASES.c.description != "", CASES.c.matter != "")
         .order_by(CASES.c.created_at.desc()).limit(limit))
    cq = select(CORRECTIONS.c.case_id, CORRECTIONS.c.from_matter, CORRECTIONS.c.to_matter,
                CORRECTIONS.c.stage).order_by(CORRECTIONS.c.at)
    if since is not None:
        q = q.where(CASES.c.created_at >= since)
        cq = cq.where(CORRECTIONS.c.at >= since)
    if until is not None:
        q = q.where(CASES.c.created_at < until)
        cq = cq.where(CORRECTIONS.c.at < until)
    with engine.connect() as conn:
        cases = conn.execute(q).all()
        corr = conn.execute(cq).all()
    final = {case_id: to for case_id, _f, to, _s in corr}
    shown = shown_suggestions(engine, [c.id for c in cases])
    n = top1 = top3 = dom1 = n_shown = n_rescored = n_none = n_learned = 0
    per: dict[str, list[int]] = {}
    confused: Counter[tuple[str, str]] = Counter()
    for case_id, text, matter, created_at in cases:
        truth = final.get(case_id, matter)
        if not is_matter(truth):
            continue
        names = shown.get(case_id)
        if names is None and suggest is not None:
            if unseen is None or not unseen(case_id, created_at):
                n_learned += 1
                continue
            names = [s.matter for s in suggest(text)]
            n_rescored += 1
        elif names is not None:
            n_shown += 1
        n += 1
        names = [m for m in (names or []) if is_matter(m)]
        if not names:
            n_none += 1
        domain = matter_by_name(truth).domain
        fig = per.setdefault(domain, [0, 0, 0, 0])
        fig[0] += 1
        hit1 = bool(names) and names[0] == truth
        hit3 = truth in names[:3]
        hitd = bool(names) and matter_by_name(names[0]).domain == domain
        top1 += hit1
        top3 += hit3
        dom1 += hitd
        fig[1] += hit1
        fig[2] += hit3
        fig[3] += hitd
        if names and not hit1:
            confused[(truth, names[0])] += 1
    corrected = Counter((f, t) for _c, f, t, _s in corr)
    stages = Counter(s for *_x, s in corr)
    return AccuracyReport(
        since=since.isoformat() if since else "", until=until.isoformat() if until else "",
        cases=n, shown=n_shown, rescored=n_rescored, unscored=n_none, learned=n_learned,
        held_out=_held_out(unseen) if n_rescored or n_learned else "",
        matter_top1=_rate(top1, n), matter_top3=_rate(top3, n), domain_top1=_rate(dom1, n),
        corrections=len(corr), corrections_by_stage=dict(stages),
        per_domain=tuple(DomainFigure(d, f[0], _rate(f[1], f[0]), _rate(f[2], f[0]),
                                      _rate(f[3], f[0]))
                         for d, f in sorted(per.items(), key=lambda kv: (-kv[1][0], kv[0]))),
        confused=tuple(Pair(a, b, c) for (a, b), c in
                       sorted(confused.items(), key=lambda kv: (-kv[1], kv[0]))[:top_pairs]),
        corrected_pairs=tuple(Pair(b, a, c) for (a, b), c in
                              sorted(corrected.items(), key=lambda kv: (-kv[1], kv[0]))[:top_pairs]),
    )

"""QA report figures from saved evaluations and disputes (pure aggregation): score per
agent, team and month; the item-failure Pareto; fatal items; dispute outcomes. Phase 2
prints them (``qa report --json``), charts them in the lead console and exports .xlsx."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from seat_app.domain.quality.disputes import Dispute, DisputeStatus
from seat_app.domain.quality.loop import EvaluatedCase
from seat_app.domain.training import Outcome as ItemOutcome


@dataclass(frozen=True, slots=True)
class ScoreRow:
    key: str
    evaluations: int
    mean_score: float
    pass_rate: float
    fatal: int
    bands: dict[str, int]


def _rows(groups: dict[str, list[EvaluatedCase]]) -> list[ScoreRow]:
    out = []
    for key in sorted(groups):
        es = groups[key]
        n = len(es)
        out.append(ScoreRow(
            key, n, round(sum(e.evaluation.score for e in es) / n, 2),
            round(sum(e.evaluation.passed for e in es) / n, 4),
            sum(bool(e.evaluation.fatal_failed) for e in es),
            dict(Counter(e.evaluation.band for e in es))))
    return out


@dataclass(frozen=True, slots=True)
class ParetoRow:
    item_id: str
    title: str
    failures: int
    share: float
    cumulative: float


def item_pareto(evaluated: Iterable[EvaluatedCase]) -> list[ParetoRow]:
    """Failed items, most frequent first, with their share and cumulative share."""
    counts: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for e in evaluated:
        for r in e.evaluation.items:
            if r.outcome in (ItemOutcome.FAIL, ItemOutcome.PARTIAL):
                counts[r.item_id] += 1
                titles[r.item_id] = r.title
    total = sum(counts.values())
    out, cum = [], 0
    for item_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        cum += n
        out.append(ParetoRow(item_id, titles[item_id], n, round(n / total, 4),
                             round(cum / total, 4)))
    return out


def qa_report(evaluated: Sequence[EvaluatedCase], disputes: Iterable[Dispute] = (),
              month: str | None = None) -> dict[str, Any]:
    """Every figure of the monthly QA report (``month`` filters by the case's month)."""
    es = [e for e in evaluated if month is None or f"{e.day:%Y-%m}" == month]
    by_agent: dict[str, list[EvaluatedCase]] = defaultdict(list)
    by_team: dict[str, list[EvaluatedCase]] = defaultdict(list)
    by_month: dict[str, list[EvaluatedCase]] = defaultdict(list)
    fatal: Counter[str] = Counter()
    for e in es:
        by_agent[e.agent].append(e)
        by_team[e.team or "-"].append(e)
        by_month[f"{e.day:%Y-%m}"].append(e)
        fatal.update(e.evaluation.fatal_failed)
    ids = {str(e.evaluation.meta.get("evaluation_id", "")) for e in es}
    ds = [d for d in disputes if month is None or d.evaluation_id in ids]
    status = Counter(d.status.value for d in ds)
    decided = status[DisputeStatus.UPHELD.value] + status[DisputeStatus.REJECTED.value]

    def rows(groups: dict[str, list[EvaluatedCase]]) -> list[dict[str, Any]]:
        return [r.__dict__ if hasattr(r, "__dict__") else {
            k: getattr(r, k) for k in r.__slots__} for r in _rows(groups)]
    return {
        "month": month, "evaluations": len(es),
        "mean_score": round(sum(e.evaluation.score for e in es) / len(es), 2) if es else None,
        "by_agent": rows(by_agent), "by_team": rows(by_team), "by_month": rows(by_month),
        "pareto": [{k: getattr(p, k) for k in p.__slots__} for p in item_pareto(es)],
        "fatal": dict(fatal.most_common()),
        "disputes": {"total": len(ds), **dict(status),
                     "upheld_rate": round(status[DisputeStatus.UPHELD.value] / decided, 4)
                     if decided else None,
                     "second_round": sum(d.round == 2 for d in ds)},
    }

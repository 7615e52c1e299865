"""Benchmark core of intake suggestions (``seat-admin intake bench --json`` in phase 2).

On each evaluation set - the written requests (dev and the untouched test split reported
separately) and, when given, a held-out split of closed cases - it measures top-1 / top-3
matter accuracy, top-1 domain accuracy and suggestion latency (min/p50/p95), and the same
figures for KB search used as a router (the matters of the top hits) as the baseline, in the
same run. Training time and model size come from the training report.

    python -m seat_app.services.intake.bench [WRITTEN.jsonl]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kb_index import KBSearcher, build
from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.services.intake.errors import IntakeError
from seat_app.services.intake.heldout import BUCKETS, bucket
from seat_app.services.intake.kbdata import kb_entries
from seat_app.services.intake.model import Suggestion
from seat_app.services.intake.suggest import KBSearch, kb_route
from seat_app.services.intake.training import MAX_PER_MATTER, cap_per_matter, train

Row = dict[str, Any]
"""{"text", "matter", "domain", optional "split"}"""
TARGETS = {"domain_top1": 0.85, "matter_top3": 0.85, "p95_ms": 20.0}
"""On the written set (issue 16)."""


def load_written(path: Path | str) -> list[Row]:
    """The rows of a written-requests .jsonl: one object a line with "text" and a known
    "matter" ("domain" is the matter's when missing). A bad file is refused naming the file
    and the line (``IntakeError``, zh/en); nothing is measured then."""
    path = Path(path)

    def bad(number: int, zh: str, en: str) -> IntakeError:
        return IntakeError(f"{path.name} 第 {number} 行：{zh}", f"{path.name} line {number}: {en}")

    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        raise IntakeError(f"无法读取 {path}：{exc.strerror or exc}",
                          f"Cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise bad(text_line(path.read_bytes(), exc.start), "不是 UTF-8 编码", "not UTF-8") from None
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise bad(number, f"不是 JSON（{exc.msg}）", f"not JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise bad(number, "应为含 text 与 matter 的对象", 'expected an object with "text" '
                      'and "matter"')
        if not is_matter(str(row.get("matter", ""))):
            raise bad(number, f"未知事项：{row.get('matter')}", f"unknown matter: {row.get('matter')}")
        row.setdefault("domain", matter_by_name(row["matter"]).domain)
        rows.append(row)
    return rows


def text_line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _pct(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def evaluate(suggest: Callable[[str], list[Suggestion]], rows: Iterable[Row],
             *, rounds: int = 1) -> dict[str, Any]:
    """Accuracy and latency of ``suggest`` on ``rows`` (one warm-up pass, then timed)."""
    rows = list(rows)
    top1 = top3 = dom1 = 0
    confused: dict[tuple[str, str], int] = {}
    for r in rows:
        got = suggest(r["text"])
        names = [s.matter for s in got]
        top1 += bool(names) and names[0] == r["matter"]
        top3 += r["matter"] in names[:3]
        dom1 += bool(got) and got[0].domain == r["domain"]
        if names and names[0] != r["matter"]:
            key = (r["matter"], names[0])
            confused[key] = confused.get(key, 0) + 1
    times = []
    for _ in range(rounds):
        for r in rows:
            t = time.perf_counter()
            suggest(r["text"])
            times.append((time.perf_counter() - t) * 1000.0)
    n = max(1, len(rows))
    worst = sorted(confused.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return {
        "n": len(rows),
        "matter_top1": round(top1 / n, 4), "matter_top3": round(top3 / n, 4),
        "domain_top1": round(dom1 / n, 4),
        "min_ms": round(min(times or [0.0]), 3), "p50_ms": round(statistics.median(times or [0.0]), 3),
        "p95_ms": round(_pct(times, 0.95), 3),
        "confused": [{"matter": a, "suggested": b, "count": c} for (a, b), c in worst],
    }


def run(model: Any, train_report: Any, sets: dict[str, list[Row]],
        searcher: KBSearch | None, *, rounds: int = 3) -> dict[str, Any]:
    """Figures of ``model`` and of the KB router over every named set."""
    out: dict[str, Any] = {"train_s": train_report.train_s,
                           "model_bytes": train_report.model_bytes,
                           "features": train_report.features, "targets": TARGETS, "sets": {}}
    for name, rows in sets.items():
        figures: dict[str, Any] = {"model": evaluate(model.suggest, rows, rounds=rounds)}
        if searcher is not None:
            figures["kb_router"] = evaluate(lambda t: kb_route(searcher, t), rows, rounds=rounds)
            if hasattr(searcher, "read_requests"):
                # the router as it was before requests were read (keyword strings)
                searcher.read_requests = False
                try:
                    figures["kb_router_keywords"] = evaluate(
                        lambda t: kb_route(searcher, t), rows, rounds=rounds)
                finally:
                    searcher.read_requests = True
        out["sets"][name] = figures
    return out


def split_cases(cases: Sequence[tuple[str, str, str]], *, held_out: float = 0.2,
                max_test: int = 2000) -> tuple[list[tuple[str, str]], list[Row]]:
    """(training pairs, held-out rows) of (case id, text, final matter) triples, split by a
    hash of the case id (stable across runs; the held-out part is never trained on)."""
    train_pairs: list[tuple[str, str]] = []
    test: list[Row] = []
    cut = int(held_out * BUCKETS)
    for case_id, text, matter in cases:
        if bucket(case_id) < cut:  # includes the held-out cases of ``intake train``
            if len(test) < max_test:
                test.append({"text": text, "matter": matter,
                             "domain": matter_by_name(matter).domain})
        else:
            train_pairs.append((text, matter))
    return train_pairs, test


def full(cases: Sequence[tuple[str, str, str]], written: dict[str, list[Row]],
         searcher: KBSearch | None, *, min_cases: int = 0, rounds: int = 3) -> dict[str, Any]:
    """``seat-admin intake bench``: train on the KB plus the training part of ``cases``
    (timed), then measure the model and the KB router on the held-out cases and on every
    written set (none of which is trained on)."""

    train_pairs, test = split_cases(cases)
    train_pairs = cap_per_matter(train_pairs, MAX_PER_MATTER)
    model, report = train(train_pairs, min_cases=min_cases)
    sets: dict[str, list[Row]] = {}
    if test:
        sets["cases_heldout"] = test
        # the demo year's texts often name their matter ("水费方面的问题"): routing those is
        # trivial, so the held-out cases whose text does not name it are measured apart
        unnamed = [r for r in test if r["matter"] not in r["text"]]
        if unnamed:
            sets["cases_heldout_unnamed"] = unnamed
    sets.update({k: v for k, v in written.items() if v})
    out = run(model, report, sets, searcher, rounds=rounds)
    if test:
        out["cases_heldout_named_share"] = round(
            1 - len(sets.get("cases_heldout_unnamed", [])) / len(test), 4)
    out["train_cases"] = len(train_pairs)
    out["kb_phrases"] = report.kb_phrases
    return out


def build_demo_kb(root: Path) -> Any:
    """A KB index over :func:`kbdata.kb_entries` (phase 1's baseline; phase 2 uses the
    seat's real index)."""

    build(root, kb_entries(), procs=1)
    return KBSearcher(root)


def main(argv: list[str]) -> int:

    path = Path(argv[0]) if argv else Path("tests/data/intake/written_requests.jsonl")
    rows = load_written(path)
    sets = {f"written_{s}": [r for r in rows if r.get("split") == s] for s in ("dev", "test")}
    model, report = train(min_cases=0)
    with tempfile.TemporaryDirectory(prefix="intake-bench-") as tmp:
        searcher = build_demo_kb(Path(tmp) / "kb")
        try:
            result = run(model, report, sets, searcher)
        finally:
            searcher.close()
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))

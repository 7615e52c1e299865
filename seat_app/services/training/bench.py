"""``seat-admin training bench``: the issue's two speed targets, each with a baseline
measured in the same run.

- scoring a saved practice case <= 50 ms: ``score_attempt`` over every starter scenario as
  model and careless agent (baseline: the rubric engine alone on the same judgements), and
  the whole ``practice.save_practice`` (read, score, store attempt + result + items, advance
  the trainee) on a scratch SQLite central (baseline: the score alone);
- the trainer's live grid of 30 trainees every second: ``sessions.live_grid`` (baseline:
  ``sessions.get_session``, the session read every refresh needs anyway).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import Session

from seat_app.domain.training import careless_attempt, model_attempt
from seat_app.domain.training.bench import Timing, _timing, bench_scoring
from seat_app.services.store.engine import make_engine, upgrade
from seat_app.services.store.models import User
from seat_app.services.training import library, practice, sessions

SCORE_TARGET_MS = 50.0
GRID_TARGET_MS = 1000.0


def _time(fn: Callable[[], object], n: int, label: str) -> Timing:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return _timing(label, samples)


def run(saves: int = 40, refreshes: int = 50, trainees: int = 30) -> list[tuple[Timing, Timing, float]]:
    """[(measured, baseline, target ms)] for scoring, saving and the live grid."""
    lib = library.starter_library()
    out = []
    score, base = bench_scoring(lib, rounds=2)
    out.append((score, base, SCORE_TARGET_MS))
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'central.sqlite3'}")
        try:
            upgrade(engine)
            library.ensure_starter(engine)
            people = [f"{2000 + i}" for i in range(trainees)]
            with Session(engine) as s, s.begin():
                s.add_all(User(work_number=w, name=f"学员{i}", role="agent")
                          for i, w in enumerate(people))
            ids = [r.scenario_id for r in library.list_scenarios(engine)][:saves]
            info = sessions.create_session(engine, trainer="3001", title="bench", trainees=people,
                                           scenario_ids=ids)
            rub = library.rubric(engine)
            save_t, score_t = [], []
            for n, sid in enumerate(ids):
                who = people[n % 2]
                sc = sessions.begin_scenario(engine, info.id, who)
                if sc is None:
                    break
                a = (model_attempt if n % 2 else careless_attempt)(sc[0])
                number = practice.next_case_number(engine, who)
                a = replace(a, case_number=number, read_back=number if a.read_back else "")
                t0 = time.perf_counter()
                practice.save_practice(engine, work_no=who, scenario_id=sc[0].id, attempt=a,
                                       session_id=info.id, with_kb=False)
                t1 = time.perf_counter()
                practice.score(sc[0], a, rub, info.pass_mark)
                t2 = time.perf_counter()
                save_t.append(t1 - t0)
                score_t.append(t2 - t1)
                _ = sid
            out.append((_timing("save_practice (SQLite)", save_t),
                        _timing("baseline: score only", score_t), 0.0))
            for w in people[2:]:
                sessions.begin_scenario(engine, info.id, w)
            grid = _time(lambda: sessions.live_grid(engine, info.id), refreshes,
                         f"live_grid ({trainees} trainees)")
            base_grid = _time(lambda: sessions.get_session(engine, info.id), refreshes,
                              "baseline: get_session")
            out.append((grid, base_grid, GRID_TARGET_MS))
        finally:
            engine.dispose()
    return out


def format_results(rows: list[tuple[Timing, Timing, float]]) -> str:
    lines = []
    for t, b, target in rows:
        for x in (t, b):
            lines.append(f"{x.label:<30} n={x.n:<4} min {x.min_ms:8.3f} ms  median "
                         f"{x.median_ms:8.3f} ms  p95 {x.p95_ms:8.3f} ms")
        ratio = t.median_ms / b.median_ms if b.median_ms else float("inf")
        if target:
            ok = "met" if t.p95_ms <= target else "MISSED"
            lines.append(f"  ratio median/baseline {ratio:.2f}; target p95 <= {target:g} ms: {ok}")
        else:  # the target is the scoring; the save adds one durable commit
            lines.append(f"  ratio median/baseline {ratio:.2f}; no target (includes the "
                         "fsync'd database commit)")
    return "\n".join(lines)

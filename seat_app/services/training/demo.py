"""``seat-admin training demo``: a session with the demo trainees where every current
scenario is played twice through the same services the seat window's practice mode uses
(``sessions.begin_scenario``, ``practice.save_practice``): by a scripted model agent and by a
careless one (wrong matter in the right domain, no address, no read-back, a 禁语 in the
reply). Every red line of every scenario is then crossed on the model's attempt and scored
with the same ``practice.score``.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import Engine

from seat_app.domain.training import careless_attempt, cross_red_line, model_attempt
from seat_app.services.training import library, practice, sessions

MODEL_TRAINEE = "1001"
CARELESS_TRAINEE = "1002"


def play_demo(engine: Engine, *, trainer: str = "3001",
              trainees: tuple[str, str] = (MODEL_TRAINEE, CARELESS_TRAINEE),
              progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Play the whole library; the summary ``training demo`` prints (with per_scenario)."""
    library.ensure_starter(engine)
    ids = [r.scenario_id for r in library.list_scenarios(engine)]
    info = sessions.create_session(engine, trainer=trainer, title="演示：模范与粗心学员",
                                   trainees=trainees, scenario_ids=ids)
    model_no, careless_no = trainees
    rub = library.rubric(engine, info.rubric_version)
    rows: list[dict[str, Any]] = []
    model: list[float] = []
    careless: list[float] = []
    caught = total = 0
    for n, (sid, _version) in enumerate(info.scenarios, start=1):
        played = {}
        for who, make in ((model_no, model_attempt), (careless_no, careless_attempt)):
            begun = sessions.begin_scenario(engine, info.id, who)
            assert begun is not None and begun[0].id == sid
            s = begun[0]
            a = make(s, seq=n)
            number = practice.next_case_number(engine, who)
            a = replace(a, case_number=number if a.case_number else "",
                        read_back=number if a.read_back else "")
            review = practice.save_practice(engine, work_no=who, scenario_id=sid,
                                            attempt=a, session_id=info.id, with_kb=False)
            played[who] = (s, a, review.evaluation)
        s, good, m = played[model_no]
        c = played[careless_no][2]
        for line in s.red_lines:
            total += 1
            ev = practice.score(s, cross_red_line(s, good, line), rub, info.pass_mark)
            caught += int(line in ev.fatal_failed and ev.score == 0 and not ev.passed)
        model.append(m.score)
        careless.append(c.score)
        rows.append({"id": sid, "model": m.score, "careless": c.score,
                     "careless_failed": list(c.failed_items())})
        if progress:
            progress(n, len(info.scenarios))
    return {
        "session": info.id,
        "scenarios": len(rows), "pass_mark": info.pass_mark,
        "model_mean": round(statistics.fmean(model), 2), "model_min": min(model),
        "careless_mean": round(statistics.fmean(careless), 2), "careless_max": max(careless),
        "red_line_caught": caught, "red_line_total": total, "per_scenario": rows,
    }


def seed_demo(engine: Engine, *, trainer: str = "3001",
              trainees: tuple[str, ...] = ("1001", "1002")) -> str | None:
    """For ``seat-admin demo init``: the starter library and one open demo class
    (热线课堂（演示）, 6 random scenarios of difficulty <= 2) for the demo agents, so the
    trainer's console and the agents' practice mode have something at first start. Returns
    the session id (None when one exists already)."""
    library.ensure_starter(engine, actor="demo")
    if sessions.list_sessions(engine):
        return None
    info = sessions.create_session(engine, trainer=trainer, title="热线课堂（演示）",
                                   trainees=trainees,
                                   pick=sessions.RandomPick((), 2, 6, seed=12345))
    return info.id

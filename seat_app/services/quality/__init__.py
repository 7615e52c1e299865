"""Quality inspection services (质检): the central side of ``seat_app.domain.quality``.

Typical use::

    from seat_app.services import quality
    ts = quality.sample(engine, "2024-03", seed=7, save=True)      # reproducible sample
    ctx = quality.precheck_context(engine)                         # rules, KB, grid
    case = quality.load_cases(engine, case_number="20240301-S01-0001")[0]
    saved = quality.save_evaluation(session, quality.default_form(), case, reviewed,
                                    {"greeting": "pass", ...}, release=True)
    d = quality.raise_item_dispute(agent_session, saved.id, "readback", "理由……",
                                   calendar=cal)
    quality.decide(lead_session, d.dispute_id, upheld=True, reason="录音可证")
    quality.month_report(engine, "2024-03"); quality.run_loop(engine, "2024-03", form)

Saved evaluations are never changed (a correction is a new version); every evaluation,
release and dispute step is audited (``security.audit``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.quality import workbench as workbench
    from seat_app.services.quality.calibration import (
        close_round,
        month_drift,
        my_scores,
        open_round,
        submit,
    )
    from seat_app.services.quality.errors import (
        CaseNotFound,
        EvaluationNotFound,
        NoBenchData,
        NotPermitted,
    )
    from seat_app.services.quality.inspection import (
        ItemView,
        SavedEvaluation,
        all_evaluations,
        decide,
        default_form,
        disputes,
        evaluations,
        get_evaluation,
        item_views,
        my_evaluations,
        raise_item_dispute,
        release,
        release_pending,
        save_evaluation,
    )
    from seat_app.services.quality.loading import (
        load_agents,
        load_cases,
        load_grid,
        month_bounds_utc,
        precheck_context,
    )
    from seat_app.services.quality.loop import Assignment, assignments, run_loop
    from seat_app.services.quality.report import export_xlsx, month_report
    from seat_app.services.quality.sampling import (
        DayPick,
        TimedSample,
        active_inspectors,
        picks_for,
        sample,
    )
    from seat_app.services.quality.truth import demo_year, fault_truth

_EXPORTS = {
    "close_round": "calibration",
    "month_drift": "calibration",
    "my_scores": "calibration",
    "open_round": "calibration",
    "submit": "calibration",
    "CaseNotFound": "errors",
    "EvaluationNotFound": "errors",
    "NoBenchData": "errors",
    "NotPermitted": "errors",
    "ItemView": "inspection",
    "SavedEvaluation": "inspection",
    "all_evaluations": "inspection",
    "decide": "inspection",
    "default_form": "inspection",
    "disputes": "inspection",
    "evaluations": "inspection",
    "get_evaluation": "inspection",
    "item_views": "inspection",
    "my_evaluations": "inspection",
    "raise_item_dispute": "inspection",
    "release": "inspection",
    "release_pending": "inspection",
    "save_evaluation": "inspection",
    "load_agents": "loading",
    "load_cases": "loading",
    "load_grid": "loading",
    "month_bounds_utc": "loading",
    "precheck_context": "loading",
    "Assignment": "loop",
    "assignments": "loop",
    "run_loop": "loop",
    "export_xlsx": "report",
    "month_report": "report",
    "DayPick": "sampling",
    "TimedSample": "sampling",
    "active_inspectors": "sampling",
    "picks_for": "sampling",
    "sample": "sampling",
    "demo_year": "truth",
    "fault_truth": "truth",
}
__all__ = [
    "Assignment",
    "CaseNotFound",
    "DayPick",
    "EvaluationNotFound",
    "ItemView",
    "NoBenchData",
    "NotPermitted",
    "SavedEvaluation",
    "TimedSample",
    "active_inspectors",
    "all_evaluations",
    "assignments",
    "close_round",
    "decide",
    "default_form",
    "demo_year",
    "disputes",
    "evaluations",
    "export_xlsx",
    "fault_truth",
    "get_evaluation",
    "item_views",
    "load_agents",
    "load_cases",
    "load_grid",
    "month_bounds_utc",
    "month_drift",
    "month_report",
    "my_evaluations",
    "my_scores",
    "open_round",
    "picks_for",
    "precheck_context",
    "raise_item_dispute",
    "release",
    "release_pending",
    "run_loop",
    "sample",
    "save_evaluation",
    "submit",
]

# The inspector's day sample and case view (``quality.workbench.day_sample``) load on first
# attribute use too; not public names.
_MODULES = ("workbench",)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, modules=_MODULES)

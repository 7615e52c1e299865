"""Quality inspection core (质检, pure Python, no Qt, no database).

Forms run on the shared rubric engine (``seat_app.domain.training``); sampling, automatic
pre-checks with evidence, disputes on the working-day calendar, calibration statistics and
the faulty-case generator behind the measured precision/recall.

Typical use::

    from seat_app.domain.quality import (load_form, sample_month, PrecheckContext,
        PrecheckRules, run_prechecks, review_checks, evaluate_case, raise_dispute, calibrate)
    form = load_form(resources / "quality" / "form-12345-v1.toml")
    sample = sample_month(cases, agents, "2024-03", seed=7, inspectors=["QA01", "QA02"])
    ctx = PrecheckContext(PrecheckRules.from_data(rules_json), phrases, kb, grid)
    checks = review_checks(run_prechecks(case, ctx), {}, by="QA01")   # confirm all
    ev = evaluate_case(form, case, checks, {"greeting": "pass", ...})
    ev.score, ev.band, ev.fatal_failed
"""

from __future__ import annotations

from seat_app.domain.quality.calibration import (
    DEMO_PANEL,
    CalibrationReport,
    DemoCalibration,
    Drift,
    InspectorDeviation,
    ItemAgreement,
    ScriptedInspector,
    calibrate,
    demo_calibration,
    drift,
    krippendorff_alpha,
)
from seat_app.domain.quality.disputes import (
    AuditStep,
    Dispute,
    DisputePolicy,
    DisputeStatus,
    EvaluationRef,
    corrected_judgements,
    decide_dispute,
    raise_dispute,
    window_closes,
)
from seat_app.domain.quality.errors import (
    CalibrationError,
    DisputeRefused,
    FormInvalid,
    OverrideNeedsReason,
    QualityError,
    SamplingPlanInvalid,
)
from seat_app.domain.quality.form import (
    DEFAULT_FORM_FILE,
    InspectionForm,
    auto_judgements,
    evaluate_case,
    form_from_dict,
    load_form,
)
from seat_app.domain.quality.loop import (
    EvaluatedCase,
    ItemTrend,
    PracticeNeed,
    item_trend,
    pick_scenarios,
    practice_needs,
)
from seat_app.domain.quality.prechecks import (
    CHECK_LABELS_ZH,
    CHECKS,
    Check,
    CheckResult,
    Decision,
    Outcome,
    PrecheckContext,
    PrecheckRules,
    ReviewedCheck,
    key_facts,
    parse_phrases,
    review_checks,
    run_prechecks,
)
from seat_app.domain.quality.records import AgentInfo, CaseRecord, KBFacts
from seat_app.domain.quality.report import ParetoRow, item_pareto, qa_report
from seat_app.domain.quality.sampling import (
    RULE_LABELS_ZH,
    RULE_ORDER,
    AgentCoverage,
    Pick,
    Rule,
    SampleResult,
    SamplingPlan,
    sample_month,
    schedule,
)

__all__ = [
    "CHECKS", "CHECK_LABELS_ZH", "DEFAULT_FORM_FILE", "DEMO_PANEL", "RULE_LABELS_ZH", "RULE_ORDER",
    "AgentCoverage", "AgentInfo", "AuditStep", "CalibrationError", "CalibrationReport",
    "CaseRecord", "Check", "CheckResult", "Decision", "DemoCalibration", "Dispute",
    "DisputePolicy", "DisputeRefused", "DisputeStatus", "Drift", "EvaluatedCase", "EvaluationRef",
    "FormInvalid", "InspectionForm", "InspectorDeviation", "ItemAgreement", "ItemTrend", "KBFacts",
    "Outcome", "OverrideNeedsReason", "ParetoRow", "Pick", "PracticeNeed", "PrecheckContext",
    "PrecheckRules", "QualityError", "ReviewedCheck", "Rule", "SampleResult", "SamplingPlan",
    "SamplingPlanInvalid", "ScriptedInspector", "auto_judgements", "calibrate",
    "corrected_judgements", "decide_dispute", "demo_calibration", "drift", "evaluate_case",
    "form_from_dict", "item_pareto", "item_trend", "key_facts", "krippendorff_alpha", "load_form",
    "parse_phrases", "pick_scenarios", "practice_needs", "qa_report", "raise_dispute",
    "review_checks", "run_prechecks", "sample_month", "schedule", "window_closes",
]

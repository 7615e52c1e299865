"""The default 12345 form on the shared rubric engine: weights, N/A, fatal items, bands,
versions; auto items filled from reviewed pre-checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from seat_app.domain.quality import (
    Check,
    CheckResult,
    Decision,
    FormInvalid,
    Outcome,
    OverrideNeedsReason,
    form_from_dict,
    review_checks,
    run_prechecks,
)
from seat_app.domain.quality.form import evaluate_case
from seat_app.domain.quality.records import CaseRecord
from seat_app.domain.training import Evaluation, RubricError

pytestmark = pytest.mark.quality


def _direct_case(kb) -> CaseRecord:
    entry = next(e for e in kb.values() if e.matter == "公积金提取")
    return CaseRecord("c1", "20240305-S01-0001", "A001", datetime(2024, 3, 5, 9), caller_phone="13912345678",
                      caller_area="盐湖区", matter="公积金提取", description="来电人咨询公积金提取怎么办理。",
                      reply_text=entry.answer, handling="直接办理", kb_code=entry.code, request_kind="咨询")


def _manual_all(form, outcome="pass"):
    return {i: outcome for i in form.manual_items()}


def test_default_form_matches_the_issue(form):
    weights = {s.id: s.weight for s in form.rubric.sections}
    assert weights == {"service_protocol": 15, "case_record": 30, "classification_dispatch": 20,
                       "answer_accuracy": 20, "attitude": 15}
    for s in form.rubric.sections:  # every section's items add up to its weight
        assert sum(i.points for i in s.items) == s.weight
    assert [(b.name, b.min_score) for b in form.rubric.bands] == [
        ("优秀", 90), ("合格", 80), ("需辅导", 60), ("不合格", 0)]
    fatal = {i.id for i in form.rubric.items() if i.fatal}
    assert fatal == {"no_forbidden_phrase", "no_data_leak", "emergency_transferred",
                     "complaint_not_enquiry", "dispatch_required"}
    # every fatal item is filled by a machine pre-check
    assert fatal <= set(form.auto_items())
    assert form.na_without_direct_answer == {"answer_accuracy"}


def test_clean_direct_case_scores_100_and_failures_cost_their_weight(form, ctx, kb):
    case = _direct_case(kb)
    reviewed = review_checks(run_prechecks(case, ctx), {}, by="QA01")
    ev = evaluate_case(form, case, reviewed, _manual_all(form))
    assert ev.score == 100 and ev.band == "优秀" and ev.passed
    # failing "faithful_record" (12 of 30 points in a section of weight 30) costs 12
    ev2 = evaluate_case(form, case, reviewed, {**_manual_all(form), "faithful_record": "fail"})
    assert ev2.score == 88 and ev2.band == "合格"
    ev3 = evaluate_case(form, case, reviewed, {**_manual_all(form), "faithful_record": "fail",
                                                "courtesy": "fail", "empathy": "fail"})
    assert ev3.score == 78 and ev3.band == "需辅导" and not ev3.passed


def test_no_direct_answer_makes_the_answer_section_na_on_both_sides(form, ctx, grid, kb):
    case = replace(_direct_case(kb), handling="转派", reply_text="", status="已转派",
                   caller_address="盐湖区解放路1号", handling_unit="运城市住房公积金管理中心盐湖区管理部",
                   caller_area="盐湖区")
    reviewed = review_checks(run_prechecks(case, ctx), {}, by="QA01")
    manual = {**_manual_all(form), "courtesy": "fail"}  # 5 of the 80 points that remain
    ev = evaluate_case(form, case, reviewed, manual)
    answer = next(s for s in ev.sections if s.section_id == "answer_accuracy")
    assert not answer.applicable
    assert all(ev.item(i).outcome == "na" for i in ("answer_consistent", "answer_complete"))
    assert ev.score == pytest.approx(100 * (80 - 5) / 80, abs=0.01)


def test_a_fatal_item_zeroes_the_score_while_every_item_stays_visible(form, ctx, kb):
    case = replace(_direct_case(kb), reply_text="这不归我们管，" + _direct_case(kb).reply_text)
    reviewed = review_checks(run_prechecks(case, ctx), {}, by="QA01")
    ev = evaluate_case(form, case, reviewed, _manual_all(form))
    assert ev.score == 0 and ev.band == "不合格" and not ev.passed
    assert ev.fatal_failed == ("no_forbidden_phrase",)
    assert ev.raw_score == 100  # every other item still passed and is shown
    assert len(ev.items) == len(form.rubric.items())
    assert "不归我们管" in ev.item("no_forbidden_phrase").entered


def test_override_needs_a_reason_and_is_shown(form, ctx, kb):
    case = replace(_direct_case(kb), reply_text="这不归我们管，" + _direct_case(kb).reply_text)
    results = run_prechecks(case, ctx)
    with pytest.raises(OverrideNeedsReason) as exc:
        review_checks(results, {Check.FORBIDDEN_PHRASES: Decision(Outcome.PASS, "")}, by="QA01")
    assert "理由" in exc.value.zh and "reason" in exc.value.en
    reviewed = review_checks(results, {Check.FORBIDDEN_PHRASES: Decision(
        Outcome.PASS, "来电人原话引述，非话务员用语")}, by="QA01")
    ev = evaluate_case(form, case, reviewed, _manual_all(form))
    assert ev.score == 100
    item = ev.item("no_forbidden_phrase")
    assert item.note == "override" and "来电人原话引述" in item.entered


def test_missing_manual_judgement_is_refused_by_the_engine(form, ctx, kb):
    case = _direct_case(kb)
    reviewed = review_checks(run_prechecks(case, ctx), {}, by="QA01")
    manual = _manual_all(form)
    manual.pop("empathy")
    with pytest.raises(RubricError) as exc:
        evaluate_case(form, case, reviewed, manual)
    assert "empathy" in exc.value.en


def test_a_new_form_version_never_rescores_an_old_evaluation(form, ctx, kb):
    case = _direct_case(kb)
    reviewed = review_checks(run_prechecks(case, ctx), {}, by="QA01")
    manual = {**_manual_all(form), "faithful_record": "fail"}
    old = evaluate_case(form, case, reviewed, manual)
    stored = old.to_dict()
    sections = tuple(
        replace(s, items=tuple(replace(i, points=4 if i.id == "faithful_record" else i.points)
                               for i in s.items)) for s in form.rubric.sections)
    v2 = form.revised(sections=sections)
    assert v2.version == form.version + 1 and v2.rubric.fingerprint != form.rubric.fingerprint
    assert v2.prechecks == form.prechecks
    new = evaluate_case(v2, case, reviewed, manual)
    assert new.score != old.score
    back = Evaluation.from_dict(stored)
    assert (back.rubric_version, back.score, back.rubric_fingerprint) == (
        form.version, old.score, form.rubric.fingerprint)


def test_form_data_errors_are_all_listed(form):
    d = form.to_dict()
    d["quality"]["prechecks"]["greeting"] = ["no_such_check"]
    d["quality"]["prechecks"]["no_such_item"] = ["required_fields"]
    d["quality"]["na_without_direct_answer"] = ["nowhere"]
    with pytest.raises(FormInvalid) as exc:
        form_from_dict(d)
    assert len(exc.value.problems) == 3
    assert "no_such_check" in exc.value.en and "nowhere" in exc.value.zh


def test_auto_item_takes_the_worst_of_its_checks(form):
    from seat_app.domain.quality.form import auto_judgements

    results = [CheckResult(Check.MATTER_VS_KB, Outcome.PASS, "一致", "ok"),
               CheckResult(Check.MATTER_VS_INTAKE, Outcome.FAIL, "不一致", "mismatch")]
    j = auto_judgements(form, review_checks(results, {}, by="QA01"))
    assert j["matter_correct"].outcome == "fail" and "不一致" in j["matter_correct"].entered
    results = [CheckResult(Check.MATTER_VS_KB, Outcome.NA, "-", "-"),
               CheckResult(Check.MATTER_VS_INTAKE, Outcome.NA, "-", "-")]
    assert auto_judgements(form, review_checks(results, {}, by="x"))["matter_correct"].outcome == "na"

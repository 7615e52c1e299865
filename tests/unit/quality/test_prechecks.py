"""Each automatic pre-check: pass, fail and N/A with the evidence an inspector sees."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from seat_app.domain.grid import suggest_units
from seat_app.domain.quality import Check, Outcome, PrecheckRules, key_facts, run_prechecks
from seat_app.domain.quality.records import CaseRecord

pytestmark = pytest.mark.quality


def _by(results):
    return {r.check: r for r in results}


def _dispatch_case(grid, kb) -> CaseRecord:
    entry = next(e for e in kb.values() if e.matter == "路灯不亮")
    unit = suggest_units(grid, "路灯不亮", "盐湖区")[0].unit.name
    return CaseRecord("d1", "20240305-S01-0002", "A002", datetime(2024, 3, 5, 10),
                      caller_phone="13800001111", caller_area="盐湖区",
                      caller_address="盐湖区解放路18号", matter="路灯不亮", domain="城乡建设",
                      subcategory="市政设施", description="解放路18号门口路灯不亮一周了。",
                      handling="转派", handling_unit=unit, status="已转派", kb_code=entry.code,
                      intake_matter="路灯不亮")


def test_clean_dispatch_case_passes_or_is_na_everywhere(ctx, grid, kb):
    res = _by(run_prechecks(_dispatch_case(grid, kb), ctx))
    assert {c for c, r in res.items() if r.outcome == Outcome.FAIL} == set()
    assert res[Check.DISPATCH_UNIT].outcome == Outcome.PASS
    assert res[Check.REPLY_VS_KB].outcome == Outcome.NA  # no direct answer
    assert res[Check.EMERGENCY_TRANSFERRED].outcome == Outcome.NA
    assert res[Check.CLOSED_DIRECT_MUST_DISPATCH].outcome == Outcome.PASS


def test_required_fields_names_what_is_missing(ctx, grid, kb):
    case = replace(_dispatch_case(grid, kb), caller_address="  ", caller_phone="")
    r = _by(run_prechecks(case, ctx))[Check.REQUIRED_FIELDS]
    assert r.outcome == Outcome.FAIL
    assert set(r.data["missing"]) == {"caller_address", "caller_phone"}
    assert "地址" in r.zh and "联系电话" in r.zh


def test_matter_against_kb_entry_and_intake(ctx, grid, kb):
    case = replace(_dispatch_case(grid, kb), matter="道路破损")
    res = _by(run_prechecks(case, ctx))
    assert res[Check.MATTER_VS_KB].outcome == Outcome.FAIL
    assert res[Check.MATTER_VS_KB].data == {"expected": "路灯不亮", "recorded": "道路破损"}
    assert res[Check.MATTER_VS_INTAKE].outcome == Outcome.FAIL
    # the agent overrode intake, and the KB entry used backs the agent: pass, with evidence
    entry = next(e for e in kb.values() if e.matter == "道路破损")
    res = _by(run_prechecks(replace(case, kb_code=entry.code), ctx))
    assert res[Check.MATTER_VS_KB].outcome == Outcome.PASS
    assert res[Check.MATTER_VS_INTAKE].outcome == Outcome.PASS
    assert "路灯不亮" in res[Check.MATTER_VS_INTAKE].zh


def test_dispatch_unit_follows_the_grid(ctx, grid, kb):
    case = _dispatch_case(grid, kb)
    wrong = next(u for u in grid.units if u.area == "盐湖区" and u.unit_type == "教育")
    r = _by(run_prechecks(replace(case, handling_unit=wrong.name), ctx))[Check.DISPATCH_UNIT]
    assert r.outcome == Outcome.FAIL and wrong.name in r.zh
    assert case.handling_unit in r.data["expected"]
    # a sub-unit of the suggested department is in line with the grid (市直: 城管 has some)
    city = replace(case, caller_area="市直", caller_address="市直解放路1号",
                   handling_unit="运城市城市管理局市政设施管理处")
    r = _by(run_prechecks(city, ctx))[Check.DISPATCH_UNIT]
    assert r.outcome == Outcome.PASS


def test_forbidden_phrase_found_through_spacing_and_punctuation(ctx, grid, kb):
    case = replace(_dispatch_case(grid, kb), reply_text="这个 不归 我们管，您去找街道吧")
    r = _by(run_prechecks(case, ctx))[Check.FORBIDDEN_PHRASES]
    assert r.outcome == Outcome.FAIL and r.data["found"] == ["不归我们管"]
    ok = replace(case, reply_text="您反映的问题已转交承办单位处理。")
    assert _by(run_prechecks(ok, ctx))[Check.FORBIDDEN_PHRASES].outcome == Outcome.PASS


def test_reply_against_the_kb_answer(ctx, kb):
    entry = next(e for e in kb.values() if e.matter == "公积金提取")
    base = CaseRecord("r1", "n1", "A1", datetime(2024, 3, 5), caller_phone="13900000000",
                      matter="公积金提取", description="咨询公积金提取", reply_text=entry.answer,
                      kb_code=entry.code, request_kind="咨询")
    facts = key_facts(entry.answer)
    assert any("个工作日" in f for f in facts) and "9:00-12:00" in facts
    assert _by(run_prechecks(base, ctx))[Check.REPLY_VS_KB].outcome == Outcome.PASS
    days = next(f for f in facts if "个工作日" in f)
    changed = entry.answer.replace(days.replace("个", " 个"), "30 个工作日")
    assert changed != entry.answer
    r = _by(run_prechecks(replace(base, reply_text=changed), ctx))[Check.REPLY_VS_KB]
    assert r.outcome == Outcome.FAIL and "30个工作日" in r.data["contradicting"]
    r = _by(run_prechecks(replace(base, reply_text="您好，请到相关部门咨询。"), ctx))[
        Check.REPLY_VS_KB]
    assert r.outcome == Outcome.FAIL and r.data["fact_coverage"] == 0


def test_duplicate_suggested_must_be_linked_or_refused_with_a_reason(ctx, grid, kb):
    case = replace(_dispatch_case(grid, kb), duplicate_suggested_of="OLD-1")
    assert _by(run_prechecks(case, ctx))[Check.DUPLICATE_LINKED].outcome == Outcome.FAIL
    linked = replace(case, duplicate_of="OLD-1")
    assert _by(run_prechecks(linked, ctx))[Check.DUPLICATE_LINKED].outcome == Outcome.PASS
    refused = replace(case, duplicate_rejected_reason="不同楼栋，不是同一盏路灯")
    r = _by(run_prechecks(refused, ctx))[Check.DUPLICATE_LINKED]
    assert r.outcome == Outcome.PASS and "不同楼栋" in r.zh


def test_emergencies_must_be_transferred_to_the_right_line(ctx):
    case = CaseRecord("e1", "n", "A1", datetime(2024, 3, 5), caller_phone="13900000000",
                      matter="火警转119", description="楼下仓库起火了", reply_text="已为您转接",
                      transferred_to="")
    r = _by(run_prechecks(case, ctx))[Check.EMERGENCY_TRANSFERRED]
    assert r.outcome == Outcome.FAIL and r.data["expected"] == "119"
    assert _by(run_prechecks(replace(case, transferred_to="120"), ctx))[
        Check.EMERGENCY_TRANSFERRED].outcome == Outcome.FAIL
    assert _by(run_prechecks(replace(case, transferred_to="119"), ctx))[
        Check.EMERGENCY_TRANSFERRED].outcome == Outcome.PASS
    # a cue in the caller's words makes any matter an emergency
    cue = replace(case, matter="物业服务质量", description="小区有老人晕倒了没人管")
    r = _by(run_prechecks(cue, ctx))[Check.EMERGENCY_TRANSFERRED]
    assert r.outcome == Outcome.FAIL and r.data["expected"] == "120"


def test_caller_data_leak_in_the_reply(ctx, grid, kb):
    case = replace(_dispatch_case(grid, kb), reply_text="已记录，您的电话138 0000 1111我们会回访。")
    r = _by(run_prechecks(case, ctx))[Check.CALLER_DATA_LEAKED]
    assert r.outcome == Outcome.FAIL and r.data["leaks"] == ["来电号码"]
    idno = replace(case, reply_text="身份证号14270219800101123X已登记")
    assert _by(run_prechecks(idno, ctx))[Check.CALLER_DATA_LEAKED].data["leaks"] == ["身份证号"]
    masked = replace(case, reply_text="已记录，您的电话138****1111我们会回访。")
    assert _by(run_prechecks(masked, ctx))[Check.CALLER_DATA_LEAKED].outcome == Outcome.PASS


def test_complaint_recorded_as_enquiry(ctx, kb):
    entry = next(e for e in kb.values() if e.matter == "学校收费")
    case = CaseRecord("k1", "n", "A1", datetime(2024, 3, 5), caller_phone="13900000000",
                      matter="学校收费", description="我要投诉学校乱收费", reply_text=entry.answer,
                      kb_code=entry.code, request_kind="咨询")
    assert _by(run_prechecks(case, ctx))[Check.COMPLAINT_AS_ENQUIRY].outcome == Outcome.FAIL
    assert _by(run_prechecks(replace(case, request_kind="投诉"), ctx))[
        Check.COMPLAINT_AS_ENQUIRY].outcome == Outcome.PASS
    # without a recorded kind, a complaint closed by an answer counts as an enquiry
    assert _by(run_prechecks(replace(case, request_kind=""), ctx))[
        Check.COMPLAINT_AS_ENQUIRY].outcome == Outcome.FAIL
    plain = replace(case, description="咨询学校收费标准")
    assert _by(run_prechecks(plain, ctx))[Check.COMPLAINT_AS_ENQUIRY].outcome == Outcome.NA


def test_closed_directly_though_it_had_to_be_dispatched(ctx, grid, kb):
    case = replace(_dispatch_case(grid, kb), handling="直接办理", handling_unit="",
                   status="已办结", reply_text="已记录。")
    r = _by(run_prechecks(case, ctx))[Check.CLOSED_DIRECT_MUST_DISPATCH]
    assert r.outcome == Outcome.FAIL and "路灯不亮" in r.zh
    linked = replace(case, duplicate_of="OLD-7")
    assert _by(run_prechecks(linked, ctx))[Check.CLOSED_DIRECT_MUST_DISPATCH].outcome == \
        Outcome.PASS


def test_rules_missing_from_the_file_fall_back_to_the_defaults():
    # the field defaults, not the slot descriptors of the slotted dataclass
    rules = PrecheckRules.from_data({"complaint": {"cues": ["投诉"]}})
    assert rules.required_all == PrecheckRules().required_all
    assert rules.required_all == ("channel", "matter", "description", "handling")
    assert rules.enquiry_kinds == frozenset({"咨询"})
    assert rules.complaint_kinds == frozenset({"投诉", "举报"})
    case = CaseRecord("x1", "20240305-S01-0003", "A002", datetime(2024, 3, 5, 10))
    assert rules.required_fields(case)[:4] == ("channel", "matter", "description", "handling")

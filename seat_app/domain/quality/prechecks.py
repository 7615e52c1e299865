"""Automatic pre-checks (自动预检): every objective item of the form, judged from the record.

Each check returns a :class:`CheckResult` (pass / fail / na) with the evidence an inspector
sees: what was expected, what the record holds. Inspectors confirm or override each result
(:func:`review_checks`; an override needs a reason) and only judge what a machine cannot.

The rules are data (``resources/quality/precheck-rules.json``, parsed by
:meth:`PrecheckRules.from_data`); the forbidden-phrase list is practice scoring's
(``resources/training/forbidden_phrases.txt``, see ``FORBIDDEN_PHRASES_PATH``).
All inputs are plain values: the case record, the KB entry it cites, the grid.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from seat_app.domain.case import CASE_FIELD_RULES
from seat_app.domain.grid import Grid, Unit, suggest_units
from seat_app.domain.quality.errors import OverrideNeedsReason
from seat_app.domain.quality.records import CaseRecord, KBFacts
from seat_app.domain.taxonomy import is_matter, matter_by_name

FORBIDDEN_PHRASES_PATH = ("training", "forbidden_phrases.txt")
"""Where the shared 禁语 list lives under the resources folder."""
PRECHECK_RULES_PATH = ("quality", "precheck-rules.json")


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NA = "na"


class Check(StrEnum):
    REQUIRED_FIELDS = "required_fields"
    MATTER_VS_KB = "matter_vs_kb"
    MATTER_VS_INTAKE = "matter_vs_intake"
    DISPATCH_UNIT = "dispatch_unit"
    FORBIDDEN_PHRASES = "forbidden_phrases"
    REPLY_VS_KB = "reply_vs_kb"
    DUPLICATE_LINKED = "duplicate_linked"
    EMERGENCY_TRANSFERRED = "emergency_transferred"
    CALLER_DATA_LEAKED = "caller_data_leaked"
    COMPLAINT_AS_ENQUIRY = "complaint_as_enquiry"
    CLOSED_DIRECT_MUST_DISPATCH = "closed_direct_must_dispatch"


CHECK_LABELS_ZH: dict[Check, str] = {
    Check.REQUIRED_FIELDS: "事项必填项完整",
    Check.MATTER_VS_KB: "事项与所用知识条目一致",
    Check.MATTER_VS_INTAKE: "事项与智能受理建议一致",
    Check.DISPATCH_UNIT: "承办单位符合网格",
    Check.FORBIDDEN_PHRASES: "答复无禁语",
    Check.REPLY_VS_KB: "答复与知识条目口径一致",
    Check.DUPLICATE_LINKED: "重复件已关联",
    Check.EMERGENCY_TRANSFERRED: "紧急事项已转接",
    Check.CALLER_DATA_LEAKED: "未泄露来电人信息",
    Check.COMPLAINT_AS_ENQUIRY: "投诉未记为咨询",
    Check.CLOSED_DIRECT_MUST_DISPATCH: "应转派件未直接办结",
}


@dataclass(frozen=True, slots=True)
class CheckResult:
    check: Check
    outcome: Outcome
    zh: str
    """Evidence in Chinese: what was expected, what the record holds."""
    en: str
    data: Mapping[str, object] = field(default_factory=dict)


# ----------------------------------------------------------------------------- rules


_REQUIRED_ALL: tuple[str, ...] = ("channel", "matter", "description", "handling")
_ENQUIRY_KINDS: frozenset[str] = frozenset({"咨询"})
_COMPLAINT_KINDS: frozenset[str] = frozenset({"投诉", "举报"})


@dataclass(frozen=True, slots=True)
class PrecheckRules:
    required_all: tuple[str, ...] = _REQUIRED_ALL
    required_phone: tuple[str, ...] = ("caller_phone",)
    required_dispatch: tuple[str, ...] = ("caller_area", "caller_address", "handling_unit")
    required_direct: tuple[str, ...] = ("reply_text",)
    required_by_subcategory: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    must_dispatch_subcategories: frozenset[str] = frozenset()
    must_dispatch_matters: frozenset[str] = frozenset()
    transfer_matters: Mapping[str, str] = field(default_factory=dict)
    emergency_cues: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    complaint_cues: tuple[str, ...] = ()
    enquiry_kinds: frozenset[str] = _ENQUIRY_KINDS
    complaint_kinds: frozenset[str] = _COMPLAINT_KINDS
    min_fact_coverage: float = 0.6
    min_text_overlap: float = 0.25

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> PrecheckRules:
        def get(*path: str, default: object = None) -> object:
            node: object = data
            for p in path:
                if not isinstance(node, Mapping) or p not in node:
                    return default
                node = node[p]
            return node

        def strs(value: object) -> tuple[str, ...]:
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        by_sub = get("required_fields", "by_subcategory", default={})
        cues = get("emergency", "cues", default={})
        reply = get("reply_vs_kb", default={})
        assert isinstance(by_sub, Mapping) and isinstance(cues, Mapping)
        assert isinstance(reply, Mapping)
        transfer = get("emergency", "transfer_matters", default={})
        assert isinstance(transfer, Mapping)
        return cls(
            required_all=strs(get("required_fields", "all")) or _REQUIRED_ALL,
            required_phone=strs(get("required_fields", "phone_channel")),
            required_dispatch=strs(get("required_fields", "dispatch")),
            required_direct=strs(get("required_fields", "direct")),
            required_by_subcategory={str(k): strs(v) for k, v in by_sub.items()},
            must_dispatch_subcategories=frozenset(strs(get("must_dispatch", "subcategories"))),
            must_dispatch_matters=frozenset(strs(get("must_dispatch", "matters"))),
            transfer_matters={str(k): str(v) for k, v in transfer.items()},
            emergency_cues={str(k): strs(v) for k, v in cues.items()},
            complaint_cues=strs(get("complaint", "cues")),
            enquiry_kinds=frozenset(strs(get("complaint", "enquiry_kinds"))) or _ENQUIRY_KINDS,
            complaint_kinds=frozenset(strs(get("complaint", "complaint_kinds")))
            or _COMPLAINT_KINDS,
            min_fact_coverage=float(reply.get("min_fact_coverage", 0.6)),
            min_text_overlap=float(reply.get("min_text_overlap", 0.25)),
        )

    def required_fields(self, case: CaseRecord) -> tuple[str, ...]:
        names = list(self.required_all)
        if case.channel == "电话":
            names += self.required_phone
        names += self.required_dispatch if case.handling == "转派" else self.required_direct
        names += self.required_by_subcategory.get(_subcategory(case), ())
        return tuple(dict.fromkeys(names))

    def must_dispatch(self, case: CaseRecord) -> bool:
        return (case.matter in self.must_dispatch_matters
                or _subcategory(case) in self.must_dispatch_subcategories)


def parse_phrases(text: str) -> tuple[str, ...]:
    """A forbidden-phrase list: one a line, ``#`` comments and blank lines skipped."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(dict.fromkeys(out))


# ----------------------------------------------------------------------------- context


@dataclass
class PrecheckContext:
    """What the checks need besides the case: rules, phrases, KB entries, the grid."""

    rules: PrecheckRules
    forbidden_phrases: Sequence[str] = ()
    kb: Mapping[str, KBFacts] | Callable[[str], KBFacts | None] = field(default_factory=dict)
    grid: Grid | None = None

    def __post_init__(self) -> None:
        self._phrases = tuple((p, _norm(p)) for p in self.forbidden_phrases if _norm(p))
        self._by_name: dict[str, list[Unit]] = {}
        if self.grid is not None:
            for u in self.grid.units:
                self._by_name.setdefault(u.name, []).append(u)
                self._by_name.setdefault(u.code, []).append(u)
        self._suggest_cache: dict[tuple[str, str, str], frozenset[str]] = {}

    def kb_entry(self, code: str) -> KBFacts | None:
        if not code:
            return None
        if callable(self.kb):
            return self.kb(code)
        return self.kb.get(code)

    def suggested_codes(self, matter: str, area: str, township: str) -> frozenset[str]:
        key = (matter, area, township)
        if key not in self._suggest_cache:
            assert self.grid is not None
            self._suggest_cache[key] = frozenset(
                s.unit.code for s in suggest_units(self.grid, matter, area, township))
        return self._suggest_cache[key]


_PUNCT = re.compile(r"[\s\u3000，。、；：！？,.;:!?\"'“”‘’（）()《》\-—…·]")


def _norm(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or ""))


def _subcategory(case: CaseRecord) -> str:
    if case.subcategory:
        return case.subcategory
    return matter_by_name(case.matter).subcategory if is_matter(case.matter) else ""


def _r(check: Check, outcome: Outcome, zh: str, en: str, **data: object) -> CheckResult:
    return CheckResult(check, outcome, zh, en, data)


# ----------------------------------------------------------------------------- checks


def check_required_fields(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    required = ctx.rules.required_fields(case)
    missing = [n for n in required if not str(getattr(case, n, "") or "").strip()]
    labels = [CASE_FIELD_RULES[n].label if n in CASE_FIELD_RULES else n for n in missing]
    if missing:
        return _r(Check.REQUIRED_FIELDS, Outcome.FAIL,
                  f"缺少必填项：{'、'.join(labels)}（本事项应填：{len(required)} 项）。",
                  f"Missing required fields: {', '.join(missing)}.",
                  missing=missing, required=list(required))
    return _r(Check.REQUIRED_FIELDS, Outcome.PASS, f"本事项的 {len(required)} 个必填项均已填写。",
              f"All {len(required)} required fields are filled.", required=list(required))


def check_matter_vs_kb(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    entry = ctx.kb_entry(case.kb_code)
    if entry is None:
        return _r(Check.MATTER_VS_KB, Outcome.NA, "未引用知识条目。", "No knowledge entry cited.")
    if entry.matter == case.matter:
        return _r(Check.MATTER_VS_KB, Outcome.PASS,
                  f"事项“{case.matter}”与知识条目 {entry.code} 一致。",
                  f"Matter {case.matter!r} matches entry {entry.code}.")
    return _r(Check.MATTER_VS_KB, Outcome.FAIL,
              f"工单事项“{case.matter}”，所用知识条目 {entry.code} 的事项是“{entry.matter}”。",
              f"Case matter {case.matter!r}; entry {entry.code} is about {entry.matter!r}.",
              expected=entry.matter, recorded=case.matter)


def check_matter_vs_intake(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    suggested = case.intake_matter
    if not suggested:
        return _r(Check.MATTER_VS_INTAKE, Outcome.NA, "无智能受理建议。", "No intake suggestion.")
    if suggested == case.matter:
        return _r(Check.MATTER_VS_INTAKE, Outcome.PASS, f"事项与受理建议“{suggested}”一致。",
                  f"Matter matches the intake suggestion {suggested!r}.")
    entry = ctx.kb_entry(case.kb_code)
    if entry is not None and entry.matter == case.matter:
        return _r(Check.MATTER_VS_INTAKE, Outcome.PASS,
                  f"受理建议为“{suggested}”，话务员改为“{case.matter}”，与所用知识条目一致。",
                  f"Intake suggested {suggested!r}; the agent chose {case.matter!r}, which the "
                  "cited entry supports.", expected=suggested, recorded=case.matter)
    return _r(Check.MATTER_VS_INTAKE, Outcome.FAIL,
              f"受理建议为“{suggested}”，工单记为“{case.matter}”，且无知识条目支持。",
              f"Intake suggested {suggested!r}; the case says {case.matter!r} with no entry "
              "supporting it.", expected=suggested, recorded=case.matter)


def check_dispatch_unit(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    if case.handling != "转派" or ctx.grid is None:
        return _r(Check.DISPATCH_UNIT, Outcome.NA, "非转派工单。", "Not dispatched.")
    suggested = ctx.suggested_codes(case.matter, case.caller_area, case.township)
    if not suggested:
        return _r(Check.DISPATCH_UNIT, Outcome.NA, "网格对该事项和区域没有建议单位。",
                  "The grid suggests no unit for this matter and area.")
    names = [ctx.grid.unit(c).name for c in sorted(suggested)]
    for unit in ctx._by_name.get(case.handling_unit.strip(), []):
        if any(u.code in suggested for u in ctx.grid.path(unit.code)):
            return _r(Check.DISPATCH_UNIT, Outcome.PASS,
                      f"承办单位“{case.handling_unit}”符合网格。",
                      f"Handling unit {case.handling_unit!r} is in line with the grid.")
    return _r(Check.DISPATCH_UNIT, Outcome.FAIL,
              f"承办单位“{case.handling_unit}”不符合网格，应为：{'、'.join(names)}。",
              f"Handling unit {case.handling_unit!r} is not what the grid names: "
              f"{', '.join(names)}.", expected=names, recorded=case.handling_unit)


def check_forbidden_phrases(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    if not case.reply_text.strip():
        return _r(Check.FORBIDDEN_PHRASES, Outcome.NA, "无答复内容。", "No reply text.")
    text = _norm(case.reply_text)
    found = [p for p, n in ctx._phrases if n in text]
    if found:
        return _r(Check.FORBIDDEN_PHRASES, Outcome.FAIL,
                  f"答复中含禁语：{'、'.join(found)}。", f"The reply holds forbidden phrases: "
                  f"{', '.join(found)}.", found=found)
    return _r(Check.FORBIDDEN_PHRASES, Outcome.PASS, "答复中没有禁语。", "No forbidden phrase.")


_FACT = re.compile(
    r"\d{3,4}-\d{7,8}|\d{1,2}[:：]\d{2}(?:\s*[-至~]\s*\d{1,2}[:：]\d{2})?"
    r"|\d+(?:\.\d+)?\s*(?:个工作日|个月|工作日|小时|分钟|天|日|元|年|岁|%|周)")
_UNIT_OF = re.compile(r"(个工作日|个月|工作日|小时|分钟|天|日|元|年|岁|%|周)$")


def key_facts(text: str) -> list[str]:
    """The checkable facts of an answer: phone numbers, opening hours, amounts and time
    limits (a number with its unit), whitespace removed, in order."""
    return list(dict.fromkeys(re.sub(r"\s+", "", m.group(0)).replace("：", ":")
                              for m in _FACT.finditer(unicodedata.normalize("NFKC", text))))


def _bigrams(text: str) -> set[str]:
    t = _norm(text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def check_reply_vs_kb(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    entry = ctx.kb_entry(case.kb_code)
    if case.handling != "直接办理" or not case.reply_text.strip() or entry is None \
            or not entry.answer.strip():
        return _r(Check.REPLY_VS_KB, Outcome.NA, "无直接答复或未引用知识条目。",
                  "No direct answer citing a knowledge entry.")
    kb_facts = key_facts(entry.answer)
    reply_facts = key_facts(case.reply_text)
    present = [f for f in kb_facts if f in reply_facts]
    coverage = len(present) / len(kb_facts) if kb_facts else 1.0
    kb_units = {m.group(1) for f in kb_facts if (m := _UNIT_OF.search(f))}
    contradicting = [f for f in reply_facts if f not in kb_facts
                     and (m := _UNIT_OF.search(f)) and m.group(1) in kb_units]
    kb_bi = _bigrams(entry.answer)
    overlap = len(kb_bi & _bigrams(case.reply_text)) / len(kb_bi) if kb_bi else 1.0
    missing = [f for f in kb_facts if f not in reply_facts]
    data = {"kb_code": entry.code, "facts": kb_facts, "missing": missing,
            "contradicting": contradicting, "fact_coverage": round(coverage, 3),
            "text_overlap": round(overlap, 3)}
    if contradicting or coverage < ctx.rules.min_fact_coverage \
            or overlap < ctx.rules.min_text_overlap:
        parts_zh, parts_en = [], []
        if contradicting:
            parts_zh.append(f"答复中的“{'、'.join(contradicting)}”与条目不符")
            parts_en.append(f"reply states {', '.join(contradicting)} the entry does not")
        if missing:
            parts_zh.append(f"缺少要点：{'、'.join(missing)}")
            parts_en.append(f"missing facts: {', '.join(missing)}")
        if overlap < ctx.rules.min_text_overlap:
            parts_zh.append(f"与口径重合度 {overlap:.0%}")
            parts_en.append(f"text overlap {overlap:.0%}")
        return _r(Check.REPLY_VS_KB, Outcome.FAIL,
                  f"答复与知识条目 {entry.code} 口径不一致：{'；'.join(parts_zh)}。",
                  f"Reply inconsistent with entry {entry.code}: {'; '.join(parts_en)}.", **data)
    return _r(Check.REPLY_VS_KB, Outcome.PASS,
              f"答复与知识条目 {entry.code} 口径一致（要点 {len(present)}/{len(kb_facts)}）。",
              f"Reply consistent with entry {entry.code} ({len(present)}/{len(kb_facts)} facts).",
              **data)


def check_duplicate_linked(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    if not case.duplicate_suggested_of:
        return _r(Check.DUPLICATE_LINKED, Outcome.NA, "未提示重复件。", "No duplicate suggested.")
    if case.duplicate_of == case.duplicate_suggested_of:
        return _r(Check.DUPLICATE_LINKED, Outcome.PASS,
                  f"已关联提示的重复件 {case.duplicate_of}。",
                  f"Linked to the suggested duplicate {case.duplicate_of}.")
    if case.duplicate_of or case.duplicate_rejected_reason.strip():
        why = case.duplicate_rejected_reason.strip() or f"关联到 {case.duplicate_of}"
        return _r(Check.DUPLICATE_LINKED, Outcome.PASS,
                  f"提示的重复件 {case.duplicate_suggested_of} 未关联，理由：{why}。",
                  f"Suggested duplicate {case.duplicate_suggested_of} not linked; reason: {why}.")
    return _r(Check.DUPLICATE_LINKED, Outcome.FAIL,
              f"系统提示重复件 {case.duplicate_suggested_of}，未关联也未说明理由。",
              f"Duplicate {case.duplicate_suggested_of} was suggested; neither linked nor "
              "refused with a reason.", expected=case.duplicate_suggested_of)


def emergency_line(case: CaseRecord, rules: PrecheckRules) -> tuple[str, str]:
    """(line, why) when the case is an emergency to transfer; ('', '') otherwise."""
    if case.matter in rules.transfer_matters:
        return rules.transfer_matters[case.matter], f"事项“{case.matter}”"
    text = _norm(case.description)
    for line, cues in rules.emergency_cues.items():
        for cue in cues:
            if _norm(cue) in text:
                return line, f"诉求含“{cue}”"
    return "", ""


def check_emergency_transferred(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    line, why = emergency_line(case, ctx.rules)
    if not line:
        return _r(Check.EMERGENCY_TRANSFERRED, Outcome.NA, "非紧急事项。", "Not an emergency.")
    if case.transferred_to.strip() == line:
        return _r(Check.EMERGENCY_TRANSFERRED, Outcome.PASS, f"{why}，已转接 {line}。",
                  f"Emergency ({why}) transferred to {line}.")
    got = case.transferred_to.strip() or "未转接"
    return _r(Check.EMERGENCY_TRANSFERRED, Outcome.FAIL, f"{why}，应转接 {line}，实际：{got}。",
              f"Emergency ({why}) must go to {line}; recorded: {got}.",
              expected=line, recorded=case.transferred_to)


_ID_NO = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def check_caller_data_leaked(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    if not case.reply_text.strip():
        return _r(Check.CALLER_DATA_LEAKED, Outcome.NA, "无答复内容。", "No reply text.")
    digits = re.sub(r"\D", "", case.reply_text)
    phone = re.sub(r"\D", "", case.caller_phone)
    leaks: list[str] = []
    if len(phone) >= 7 and phone in digits:
        leaks.append("来电号码")
    if _ID_NO.search(case.reply_text):
        leaks.append("身份证号")
    if leaks:
        return _r(Check.CALLER_DATA_LEAKED, Outcome.FAIL,
                  f"答复（公开）中出现完整的{'、'.join(leaks)}。",
                  f"The (public) reply shows a full {' and '.join(leaks)}.", leaks=leaks)
    return _r(Check.CALLER_DATA_LEAKED, Outcome.PASS, "答复中没有来电人的完整号码或证件号。",
              "No full phone or ID number of the caller in the reply.")


def check_complaint_as_enquiry(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    text = _norm(case.description)
    cues = [c for c in ctx.rules.complaint_cues if _norm(c) in text]
    if not cues:
        return _r(Check.COMPLAINT_AS_ENQUIRY, Outcome.NA, "诉求中没有投诉举报的表述。",
                  "The request does not read as a complaint.")
    if case.request_kind:
        wrong = case.request_kind in ctx.rules.enquiry_kinds
        recorded = case.request_kind
    else:
        wrong = case.handling == "直接办理"
        recorded = "直接办理（按咨询答复）" if wrong else case.handling
    if wrong:
        return _r(Check.COMPLAINT_AS_ENQUIRY, Outcome.FAIL,
                  f"诉求含“{'、'.join(cues)}”，应按投诉办理，工单记为：{recorded}。",
                  f"The request reads as a complaint ({', '.join(cues)}); recorded as {recorded}.",
                  cues=cues, recorded=recorded)
    return _r(Check.COMPLAINT_AS_ENQUIRY, Outcome.PASS, f"诉求含“{'、'.join(cues)}”，已按投诉办理。",
              "Recorded and handled as a complaint.", cues=cues)


def check_closed_direct_must_dispatch(case: CaseRecord, ctx: PrecheckContext) -> CheckResult:
    if not ctx.rules.must_dispatch(case):
        return _r(Check.CLOSED_DIRECT_MUST_DISPATCH, Outcome.NA, "该事项可直接办理。",
                  "This matter may be resolved directly.")
    if case.handling == "直接办理" and case.status == "已办结" and not case.duplicate_of:
        return _r(Check.CLOSED_DIRECT_MUST_DISPATCH, Outcome.FAIL,
                  f"事项“{case.matter}”须转派承办单位，却被直接办结。",
                  f"Matter {case.matter!r} must be dispatched but was closed directly.")
    return _r(Check.CLOSED_DIRECT_MUST_DISPATCH, Outcome.PASS,
              f"事项“{case.matter}”已按要求转派（或关联为重复件）。",
              f"Matter {case.matter!r} was dispatched (or linked as a duplicate) as required.")


CHECKS: dict[Check, Callable[[CaseRecord, PrecheckContext], CheckResult]] = {
    Check.REQUIRED_FIELDS: check_required_fields,
    Check.MATTER_VS_KB: check_matter_vs_kb,
    Check.MATTER_VS_INTAKE: check_matter_vs_intake,
    Check.DISPATCH_UNIT: check_dispatch_unit,
    Check.FORBIDDEN_PHRASES: check_forbidden_phrases,
    Check.REPLY_VS_KB: check_reply_vs_kb,
    Check.DUPLICATE_LINKED: check_duplicate_linked,
    Check.EMERGENCY_TRANSFERRED: check_emergency_transferred,
    Check.CALLER_DATA_LEAKED: check_caller_data_leaked,
    Check.COMPLAINT_AS_ENQUIRY: check_complaint_as_enquiry,
    Check.CLOSED_DIRECT_MUST_DISPATCH: check_closed_direct_must_dispatch,
}


def run_prechecks(case: CaseRecord, ctx: PrecheckContext,
                  checks: Iterable[Check] | None = None) -> list[CheckResult]:
    """Every check (or the ones named) on ``case``, in ``CHECKS`` order."""
    wanted = list(CHECKS) if checks is None else list(checks)
    return [CHECKS[c](case, ctx) for c in wanted]


# ----------------------------------------------------------------------------- review


@dataclass(frozen=True, slots=True)
class Decision:
    """An inspector's word on one check: confirm (``outcome`` None or equal) or override."""

    outcome: Outcome | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ReviewedCheck:
    check: Check
    machine: Outcome
    final: Outcome
    overridden: bool
    reason: str
    by: str
    evidence_zh: str
    evidence_en: str


def review_checks(results: Sequence[CheckResult], decisions: Mapping[Check | str, Decision],
                  *, by: str) -> list[ReviewedCheck]:
    """Apply an inspector's confirmations and overrides. A check without a decision is
    confirmed; an override (a different outcome) without a reason raises
    :class:`OverrideNeedsReason` naming the check."""
    out: list[ReviewedCheck] = []
    for r in results:
        d = decisions.get(r.check) or decisions.get(r.check.value) or Decision()
        final = d.outcome or r.outcome
        overridden = final != r.outcome
        if overridden and len(d.reason.strip()) < 2:
            raise OverrideNeedsReason(CHECK_LABELS_ZH[r.check])
        out.append(ReviewedCheck(r.check, r.outcome, final, overridden, d.reason.strip(), by,
                                 r.zh, r.en))
    return out

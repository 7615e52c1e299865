"""Dispatch (转派) of a case to a handling unit: the status flow and its rules.

The flow::

    待派 ──dispatch──────────────▶ 已派 ──sign──▶ 已签收 ──reply──▶ 已回复 ──approve_reply──▶ 已审核
     │  └submit_for_review▶ 待预审 ─approve▶ 已派     │ ▲            │                         │
     │                       └reject▶ 待派           │ └──reply─── 退回 ◀──return_reply────────┘ │
     ├link_duplicate / flag_unreasonable ▶ 办结   unit_return ▶ 已退件 (redispatch / refuse)     │
                                                   record_callback ▶ 已回访 ──close──▶ 办结 ◀───┘
                                          (close with a waiver reason straight from 已审核)
    已回访 / 办结 with a dissatisfied callback ──reopen──▶ 已派 (same unit, new deadline)

Everything here is pure: a :class:`DispatchState` value goes in, a new one and a
:class:`DispatchEvent` (for the case timeline) come out. Illegal transitions raise
:class:`DispatchRuleError`, which carries a Chinese and an English message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from seat_app.domain.calendar import WorkingDayCalendar
from seat_app.domain.messages import UserMessage
from seat_app.domain.taxonomy import matter_by_name
from seat_app.domain.text import ZERO_WIDTH, text_problem

MAX_TEXT = 4000
"""Longest reason, reply or note (characters): the case's reply text holds 4,000."""


def check_text(text: str | None, what_zh: str, what_en: str, *, code: str = "text",
               max_len: int = MAX_TEXT) -> str:
    """A reason, reply or note as it will be stored: refused (``DispatchRuleError``) when
    it holds characters that cannot be stored or that hide or reorder text (the case
    fields' rules), or is longer than ``max_len``."""
    text = text or ""
    if not isinstance(text, str):
        raise DispatchRuleError(f"{what_zh}应为文字。", f"{what_en} must be text.", code=code)
    problem = text_problem(what_zh, what_en, text, multiline=True)
    if problem:
        raise DispatchRuleError(*problem, code=code)
    if len(text) > max_len:
        raise DispatchRuleError(
            f"{what_zh}最多 {max_len} 个字，现在 {len(text)} 个字。",
            f"{what_en} takes at most {max_len} characters; it has {len(text)}.", code=code,
        )
    return text


class DispatchRuleError(UserMessage, ValueError):
    """A refused dispatch action; ``zh`` and ``en`` are the user-facing messages."""

    def __init__(self, zh: str, en: str, *, code: str = "rule") -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en
        self.code = code


class DispatchStatus(StrEnum):
    PENDING = "待派"
    PRE_REVIEW = "待预审"
    DISPATCHED = "已派"
    SIGNED = "已签收"
    UNIT_RETURNED = "已退件"
    """The unit returned a wrong dispatch; the center redispatches or refuses the return."""
    REPLIED = "已回复"
    REVIEWED = "已审核"
    REPLY_RETURNED = "退回"
    """The center returned the unit's reply for more work."""
    CALLED_BACK = "已回访"
    CLOSED = "办结"


class DispatchAction(StrEnum):
    DISPATCH = "dispatch"
    SUBMIT_FOR_REVIEW = "submit_for_review"
    APPROVE_PRE_REVIEW = "approve_pre_review"
    REJECT_PRE_REVIEW = "reject_pre_review"
    SIGN = "sign"
    UNIT_RETURN = "unit_return"
    REFUSE_UNIT_RETURN = "refuse_unit_return"
    REPLY = "reply"
    APPROVE_REPLY = "approve_reply"
    RETURN_REPLY = "return_reply"
    RECORD_CALLBACK = "record_callback"
    CLOSE = "close"
    REOPEN = "reopen"
    LINK_DUPLICATE = "link_duplicate"
    FLAG_UNREASONABLE = "flag_unreasonable"


ACTION_LABELS: Mapping[DispatchAction, tuple[str, str]] = {
    DispatchAction.DISPATCH: ("转派", "dispatch"),
    DispatchAction.SUBMIT_FOR_REVIEW: ("提交预审", "submit for pre-review"),
    DispatchAction.APPROVE_PRE_REVIEW: ("预审通过", "approve pre-review"),
    DispatchAction.REJECT_PRE_REVIEW: ("预审驳回", "reject pre-review"),
    DispatchAction.SIGN: ("签收", "sign for the case"),
    DispatchAction.UNIT_RETURN: ("退件", "return a wrong dispatch"),
    DispatchAction.REFUSE_UNIT_RETURN: ("不同意退件", "refuse the unit's return"),
    DispatchAction.REPLY: ("回复", "reply"),
    DispatchAction.APPROVE_REPLY: ("审核通过", "approve the reply"),
    DispatchAction.RETURN_REPLY: ("退回回复", "return the reply"),
    DispatchAction.RECORD_CALLBACK: ("回访", "record the callback survey"),
    DispatchAction.CLOSE: ("办结", "close"),
    DispatchAction.REOPEN: ("重办", "reopen"),
    DispatchAction.LINK_DUPLICATE: ("关联重复件", "link as duplicate"),
    DispatchAction.FLAG_UNREASONABLE: ("标记不合理诉求", "flag as unreasonable request"),
}

S = DispatchStatus
A = DispatchAction

TRANSITIONS: Mapping[tuple[DispatchStatus, DispatchAction], DispatchStatus] = {
    (S.PENDING, A.DISPATCH): S.DISPATCHED,
    (S.PENDING, A.SUBMIT_FOR_REVIEW): S.PRE_REVIEW,
    (S.PENDING, A.LINK_DUPLICATE): S.CLOSED,
    (S.PENDING, A.FLAG_UNREASONABLE): S.CLOSED,
    (S.PRE_REVIEW, A.APPROVE_PRE_REVIEW): S.DISPATCHED,
    (S.PRE_REVIEW, A.REJECT_PRE_REVIEW): S.PENDING,
    (S.DISPATCHED, A.SIGN): S.SIGNED,
    (S.DISPATCHED, A.UNIT_RETURN): S.UNIT_RETURNED,
    (S.SIGNED, A.UNIT_RETURN): S.UNIT_RETURNED,
    (S.SIGNED, A.REPLY): S.REPLIED,
    (S.UNIT_RETURNED, A.DISPATCH): S.DISPATCHED,
    (S.UNIT_RETURNED, A.SUBMIT_FOR_REVIEW): S.PRE_REVIEW,
    (S.UNIT_RETURNED, A.REFUSE_UNIT_RETURN): S.DISPATCHED,
    (S.REPLIED, A.APPROVE_REPLY): S.REVIEWED,
    (S.REPLIED, A.RETURN_REPLY): S.REPLY_RETURNED,
    (S.REPLY_RETURNED, A.REPLY): S.REPLIED,
    (S.REVIEWED, A.RECORD_CALLBACK): S.CALLED_BACK,
    (S.REVIEWED, A.CLOSE): S.CLOSED,
    (S.CALLED_BACK, A.CLOSE): S.CLOSED,
    (S.CALLED_BACK, A.REOPEN): S.DISPATCHED,
    (S.CLOSED, A.REOPEN): S.DISPATCHED,
}
"""Every legal (status, action) pair and where it leads; anything else is refused."""

OPEN_AT_UNIT: frozenset[DispatchStatus] = frozenset({S.DISPATCHED, S.SIGNED, S.REPLY_RETURNED})
"""Statuses in which the handling unit owes work (the deadline runs)."""


def legal_actions(status: DispatchStatus) -> tuple[DispatchAction, ...]:
    """Actions the flow allows from ``status`` (guards may still refuse one)."""
    return tuple(a for (s, a) in TRANSITIONS if s == status)


# -- value objects ---------------------------------------------------------------------------

class Truth(StrEnum):
    TRUE = "属实"
    NOT_TRUE = "不属实"


class Resolution(StrEnum):
    SOLVED = "已解决"
    UNSOLVED = "未解决"


@dataclass(frozen=True, slots=True)
class UnitReply:
    """A handling unit's reply (办理结果)."""

    truth: Truth
    resolution: Resolution
    reason: str
    """How the unit handled it / why it is unsolved (internal)."""
    public_reply: str
    """Text that may be read to the caller and published."""

    MIN_TEXT = 10

    def __post_init__(self) -> None:
        object.__setattr__(self, "truth", Truth(self.truth))
        object.__setattr__(self, "resolution", Resolution(self.resolution))
        check_text(self.reason, "办理情况说明", "The handling explanation", code="reply_reason")
        check_text(self.public_reply, "答复群众的内容", "The public reply", code="public_reply")
        if len(_visible(self.reason)) < self.MIN_TEXT:
            raise DispatchRuleError(
                f"办理情况说明太短（至少 {self.MIN_TEXT} 个字）。",
                f"The handling explanation is too short (at least {self.MIN_TEXT} characters).",
                code="reply_reason",
            )
        if len(_visible(self.public_reply)) < self.MIN_TEXT:
            raise DispatchRuleError(
                f"答复群众的内容太短（至少 {self.MIN_TEXT} 个字）。",
                f"The public reply is too short (at least {self.MIN_TEXT} characters).",
                code="public_reply",
            )


@dataclass(frozen=True, slots=True)
class ExtensionRequest:
    """A unit's request for more working days (延期申请)."""

    days: int
    reason: str
    requested_on: date


@dataclass(frozen=True, slots=True)
class MatterPolicy:
    """How dispatches of one matter are handled."""

    deadline_working_days: int = 10
    pre_review: bool = False
    """A lead must approve (预审) the dispatch before it is sent."""
    emergency: bool = False
    max_extension_days: int = 10
    max_extensions: int = 1


EMERGENCY = MatterPolicy(deadline_working_days=1, emergency=True, max_extension_days=2)
QUICK = MatterPolicy(deadline_working_days=5, max_extension_days=5)
STANDARD = MatterPolicy()
COMPLEX = MatterPolicy(deadline_working_days=15, max_extension_days=15, max_extensions=2)

_DEFAULT_POLICIES: dict[str, MatterPolicy] = {
    # urgent risks to safety or basic supply: one working day
    **dict.fromkeys(
        ("燃气泄漏", "停水", "停电", "供暖管道漏水", "井盖缺失破损", "城市积水内涝", "防汛",
         "地质灾害隐患", "消防通道堵塞", "危险废物倾倒", "校车安全", "电梯等特种设备安全",
         "排水管网堵塞"),
        EMERGENCY,
    ),
    # simple, fast-moving matters: five working days
    **dict.fromkeys(
        ("路灯不亮", "生活垃圾清运", "违章停车", "交通信号灯故障", "共享单车乱停放",
         "乱贴小广告", "占道经营", "流动摊贩", "夜间施工", "装修噪声", "社会生活噪声",
         "娱乐场所噪声", "餐饮油烟", "露天烧烤", "水压不足", "电压不稳", "供暖不热",
         "宽带故障", "公交服务", "出租车拒载绕路", "车辆被拖移查询", "过期变质食品",
         "缺斤短两", "公共厕所", "渣土车抛洒", "建筑工地扬尘"),
        QUICK,
    ),
    # investigations, money and property: fifteen working days
    **dict.fromkeys(
        ("房屋征收补偿", "商品房延期交房", "房屋质量问题", "不动产权证办理", "公共维修资金",
         "违章搭建", "劳动合同纠纷", "解除劳动合同", "工伤认定", "医疗纠纷", "宅基地审批",
         "土地承包经营权", "违法占用耕地", "非法采砂采矿", "预付卡退费", "拖欠企业账款",
         "老旧小区改造", "涉企收费"),
        COMPLEX,
    ),
    # sensitive matters a lead checks before they leave the center (预审)
    **dict.fromkeys(
        ("工作人员作风", "教师师德", "医德医风", "违法犯罪线索"),
        MatterPolicy(pre_review=True),
    ),
    # wage arrears: quick, and checked first (often collective)
    **dict.fromkeys(("拖欠工资", "农民工欠薪"), MatterPolicy(deadline_working_days=5, pre_review=True)),
}


@dataclass(frozen=True, slots=True)
class DispatchPolicies:
    """The per-matter table; ``overrides`` (e.g. from admin settings) win over the defaults."""

    overrides: Mapping[str, MatterPolicy] = field(default_factory=dict)
    default: MatterPolicy = STANDARD

    def for_matter(self, matter: str) -> MatterPolicy:
        if matter in self.overrides:
            return self.overrides[matter]
        return _DEFAULT_POLICIES.get(matter, self.default)

    def with_override(self, matter: str, policy: MatterPolicy) -> DispatchPolicies:
        return replace(self, overrides={**self.overrides, matter: policy})


# -- state and events -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DispatchState:
    """The dispatch side of one case, as stored on the case row."""

    case_id: str
    matter: str
    status: DispatchStatus = DispatchStatus.PENDING
    unit_code: str | None = None
    dispatched_on: date | None = None
    deadline: date | None = None
    reply: UnitReply | None = None
    replied_on: date | None = None
    closed_on: date | None = None
    close_kind: str | None = None
    """How the case closed: 正常办结, 免回访办结, 重复件并案, 不合理诉求."""
    pending_extension: ExtensionRequest | None = None
    extensions_granted: int = 0
    unit_return_count: int = 0
    reply_return_count: int = 0
    reopen_count: int = 0
    callback_result: str | None = None
    duplicate_of: str | None = None
    unreasonable_reason: str | None = None
    review_approved: bool = False
    """The pending pre-review was approved (cleared on each new dispatch)."""


@dataclass(frozen=True, slots=True)
class DispatchEvent:
    """One line of the case timeline."""

    case_id: str
    action: DispatchAction
    from_status: DispatchStatus
    to_status: DispatchStatus
    at: datetime
    actor: str
    reason: str = ""
    detail: Mapping[str, str] = field(default_factory=dict)

    @property
    def label_zh(self) -> str:
        return ACTION_LABELS[self.action][0]

    @property
    def label_en(self) -> str:
        return ACTION_LABELS[self.action][1]


def _visible(text: str) -> str:
    """``text`` without zero-width characters and surrounding spaces (what a reader sees)."""
    return "".join(c for c in text if c not in ZERO_WIDTH).strip()


def _need_reason(reason: str | None, what_zh: str, what_en: str, minimum: int = 4) -> str:
    text = check_text(reason, f"{what_zh}原因", f"{what_en} reason", code="reason").strip()
    if len(_visible(text)) < minimum:
        raise DispatchRuleError(
            f"{what_zh}必须填写原因（至少 {minimum} 个字）。",
            f"{what_en} needs a reason (at least {minimum} characters).",
            code="reason",
        )
    return text


class DispatchFlow:
    """Applies actions to :class:`DispatchState` values, using the calendar and policies."""

    def __init__(
        self, calendar: WorkingDayCalendar, policies: DispatchPolicies | None = None
    ) -> None:
        self.calendar = calendar
        self.policies = policies or DispatchPolicies()

    # -- the core -------------------------------------------------------------------------
    def target(self, state: DispatchState, action: DispatchAction) -> DispatchStatus:
        """Where ``action`` leads from ``state``, or DispatchRuleError when illegal."""
        action = DispatchAction(action)
        to = TRANSITIONS.get((state.status, action))
        if to is None:
            zh, en = ACTION_LABELS[action]
            allowed = legal_actions(state.status)
            allowed_zh = "、".join(ACTION_LABELS[a][0] for a in allowed) or "无"
            allowed_en = ", ".join(ACTION_LABELS[a][1] for a in allowed) or "none"
            raise DispatchRuleError(
                f"工单 {state.case_id} 当前状态为「{state.status.value}」，不能{zh}；可进行：{allowed_zh}。",
                f"Case {state.case_id} is {state.status.name.lower()} ({state.status.value}); "
                f"cannot {en}. Allowed: {allowed_en}.",
                code="illegal_transition",
            )
        return to

    def _event(
        self,
        state: DispatchState,
        new: DispatchState,
        action: DispatchAction,
        at: datetime,
        actor: str,
        reason: str = "",
        **detail: str,
    ) -> tuple[DispatchState, DispatchEvent]:
        return new, DispatchEvent(
            state.case_id, action, state.status, new.status, at, actor, reason, detail
        )

    def deadline_for(self, matter: str, dispatched_on: date) -> date:
        days = self.policies.for_matter(matter).deadline_working_days
        return self.calendar.add_working_days(dispatched_on, days)

    # -- center actions ---------------------------------------------------------------------
    def dispatch(
        self, state: DispatchState, unit_code: str, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        """Send to ``unit_code`` (from 待派 or 已退件); refused when pre-review is required."""
        self.target(state, A.DISPATCH)
        self._check_dispatchable(state, unit_code)
        if self.policies.for_matter(state.matter).pre_review and not state.review_approved:
            raise DispatchRuleError(
                f"事项「{state.matter}」需先经班长预审才能转派。",
                f"Matter {state.matter!r} needs a lead's pre-review before dispatch.",
                code="pre_review_required",
            )
        return self._send(state, unit_code, A.DISPATCH, at, actor)

    def submit_for_review(
        self, state: DispatchState, unit_code: str, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        self.target(state, A.SUBMIT_FOR_REVIEW)
        self._check_dispatchable(state, unit_code)
        new = replace(state, status=S.PRE_REVIEW, unit_code=unit_code, review_approved=False)
        return self._event(state, new, A.SUBMIT_FOR_REVIEW, at, actor, unit=unit_code)

    def approve_pre_review(
        self, state: DispatchState, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        self.target(state, A.APPROVE_PRE_REVIEW)
        assert state.unit_code is not None
        return self._send(
            replace(state, review_approved=True), state.unit_code, A.APPROVE_PRE_REVIEW, at, actor
        )

    def reject_pre_review(
        self, state: DispatchState, reason: str, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        self.target(state, A.REJECT_PRE_REVIEW)
        text = _need_reason(reason, "预审驳回", "Rejecting a pre-review")
        new = replace(state, status=S.PENDING, unit_code=None, review_approved=False)
        return self._event(state, new, A.REJECT_PRE_REVIEW, at, actor, text)

    def refuse_unit_return(
        self, state: DispatchState, reason: str, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        """The center disagrees with the unit's return: back to the same unit, same deadline."""
        self.target(state, A.REFUSE_UNIT_RETURN)
        text = _need_reason(reason, "不同意退件", "Refusing a return")
        new = replace(state, status=S.DISPATCHED)
        return self._event(state, new, A.REFUSE_UNIT_RETURN, at, actor, text)

    def approve_reply(
        self, state: DispatchState, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        self.target(state, A.APPROVE_REPLY)
        return self._event(state, replace(state, status=S.REVIEWED), A.APPROVE_REPLY, at, actor)

    def return_reply(
        self, state: DispatchState, reason: str, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        """Send the reply back to the unit (退回); the deadline keeps running."""
        self.target(state, A.RETURN_REPLY)
        text = _need_reason(reason, "退回回复", "Returning a reply")
        new = replace(state, status=S.REPLY_RETURNED, reply_return_count=state.reply_return_count + 1)
        return self._event(
            state, new, A.RETURN_REPLY, at, actor, text, returns=str(new.reply_return_count)
        )

    def record_callback(
        self, state: DispatchState, result: str, *, at: datetime, actor: str, note: str = ""
    ) -> tuple[DispatchState, DispatchEvent]:
        """Store the callback survey result (see seat_app.domain.callback for the rules)."""
        self.target(state, A.RECORD_CALLBACK)
        note = check_text(note, "回访记录", "The callback note", code="callback_note")
        new = replace(state, status=S.CALLED_BACK, callback_result=result)
        return self._event(state, new, A.RECORD_CALLBACK, at, actor, note, result=result)

    def close(
        self,
        state: DispatchState,
        *,
        at: datetime,
        actor: str,
        waiver_reason: str | None = None,
    ) -> tuple[DispatchState, DispatchEvent]:
        """Close after the callback; straight from 已审核 only with a waiver reason
        (anonymous caller, caller unreachable after the allowed attempts, ...)."""
        self.target(state, A.CLOSE)
        if state.status == S.REVIEWED:
            text = _need_reason(waiver_reason, "未回访办结", "Closing without a callback")
            new = replace(state, status=S.CLOSED, closed_on=at.date(), close_kind="免回访办结")
            return self._event(state, new, A.CLOSE, at, actor, text)
        new = replace(state, status=S.CLOSED, closed_on=at.date(), close_kind="正常办结")
        return self._event(state, new, A.CLOSE, at, actor)

    def reopen(
        self, state: DispatchState, reason: str, *, at: datetime, actor: str, max_reopens: int = 2
    ) -> tuple[DispatchState, DispatchEvent]:
        """重办: back to the same unit with a new deadline, after a dissatisfied callback."""
        self.target(state, A.REOPEN)
        if state.callback_result != "不满意":
            raise DispatchRuleError(
                "只有回访结果为「不满意」的工单才能重办。",
                "Only a case whose callback result was dissatisfied can be reopened.",
                code="reopen_not_dissatisfied",
            )
        if state.reopen_count >= max_reopens:
            raise DispatchRuleError(
                f"该工单已重办 {state.reopen_count} 次，达到上限；请发起督办。",
                f"The case was reopened {state.reopen_count} times, the limit; raise supervision instead.",
                code="reopen_limit",
            )
        text = _need_reason(reason, "重办", "Reopening")
        if state.unit_code is None:  # pragma: no cover - a called-back case always has a unit
            raise DispatchRuleError("工单没有承办单位。", "The case has no handling unit.")
        new, event = self._send(
            replace(state, reopen_count=state.reopen_count + 1, closed_on=None, close_kind=None),
            state.unit_code,
            A.REOPEN,
            at,
            actor,
            text,
        )
        return new, event

    def link_duplicate(
        self, state: DispatchState, earlier_case_id: str, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        """Close a new case as a duplicate of an earlier one (并案); it is never dispatched."""
        self.target(state, A.LINK_DUPLICATE)
        if not earlier_case_id or earlier_case_id == state.case_id:
            raise DispatchRuleError(
                "重复件必须关联另一张工单。", "A duplicate must link to another case.",
                code="duplicate_self",
            )
        new = replace(
            state, status=S.CLOSED, duplicate_of=earlier_case_id, closed_on=at.date(),
            close_kind="重复件并案",
        )
        return self._event(state, new, A.LINK_DUPLICATE, at, actor, earlier=earlier_case_id)

    def flag_unreasonable(
        self, state: DispatchState, reason: str, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        """不合理诉求: the center answers and closes it; no unit gets the burden."""
        self.target(state, A.FLAG_UNREASONABLE)
        text = _need_reason(reason, "标记不合理诉求", "Flagging an unreasonable request", minimum=6)
        new = replace(
            state, status=S.CLOSED, unreasonable_reason=text, closed_on=at.date(),
            close_kind="不合理诉求",
        )
        return self._event(state, new, A.FLAG_UNREASONABLE, at, actor, text)

    def decide_extension(
        self, state: DispatchState, approve: bool, *, at: datetime, actor: str, reason: str = ""
    ) -> tuple[DispatchState, str]:
        """Approve (deadline moves by the requested working days) or refuse the pending
        request; returns the new state and a timeline note (no status change)."""
        request = state.pending_extension
        if request is None:
            raise DispatchRuleError(
                "该工单没有待审批的延期申请。", "The case has no pending extension request.",
                code="no_extension",
            )
        if not approve:
            text = _need_reason(reason, "驳回延期", "Refusing an extension")
            return replace(state, pending_extension=None), f"延期驳回：{text}"
        assert state.deadline is not None
        new_deadline = self.calendar.add_working_days(state.deadline, request.days)
        new = replace(
            state, pending_extension=None, deadline=new_deadline,
            extensions_granted=state.extensions_granted + 1,
        )
        return new, f"延期 {request.days} 个工作日，新时限 {new_deadline.isoformat()}"

    # -- unit actions ------------------------------------------------------------------------
    def sign(
        self, state: DispatchState, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        self.target(state, A.SIGN)
        return self._event(state, replace(state, status=S.SIGNED), A.SIGN, at, actor)

    def unit_return(
        self, state: DispatchState, reason: str, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        """The unit says the case is not theirs (退件), with a reason."""
        self.target(state, A.UNIT_RETURN)
        text = _need_reason(reason, "退件", "Returning a dispatch", minimum=6)
        new = replace(
            state, status=S.UNIT_RETURNED, unit_return_count=state.unit_return_count + 1,
            pending_extension=None,
        )
        return self._event(state, new, A.UNIT_RETURN, at, actor, text, unit=state.unit_code or "")

    def reply(
        self, state: DispatchState, reply: UnitReply, *, at: datetime, actor: str
    ) -> tuple[DispatchState, DispatchEvent]:
        self.target(state, A.REPLY)
        new = replace(
            state, status=S.REPLIED, reply=reply, replied_on=at.date(), pending_extension=None
        )
        return self._event(
            state, new, A.REPLY, at, actor, reply.reason,
            truth=reply.truth.value, resolution=reply.resolution.value,
        )

    def request_extension(
        self, state: DispatchState, days: int, reason: str, *, today: date
    ) -> DispatchState:
        """A unit asks for ``days`` more working days; one pending request at a time, before
        the deadline, within the matter's limits."""
        if state.status not in OPEN_AT_UNIT:
            raise DispatchRuleError(
                f"当前状态「{state.status.value}」不能申请延期。",
                f"No extension can be requested while the case is {state.status.value}.",
                code="extension_status",
            )
        policy = self.policies.for_matter(state.matter)
        if state.pending_extension is not None:
            raise DispatchRuleError(
                "已有一份待审批的延期申请。", "An extension request is already pending.",
                code="extension_pending",
            )
        if state.extensions_granted >= policy.max_extensions:
            raise DispatchRuleError(
                f"该事项最多延期 {policy.max_extensions} 次。",
                f"This matter allows at most {policy.max_extensions} extension(s).",
                code="extension_limit",
            )
        if not 1 <= days <= policy.max_extension_days:
            raise DispatchRuleError(
                f"延期天数应在 1 到 {policy.max_extension_days} 个工作日之间。",
                f"An extension must be 1 to {policy.max_extension_days} working days.",
                code="extension_days",
            )
        if state.deadline is not None and today > state.deadline:
            raise DispatchRuleError(
                "已超期，不能再申请延期。", "The case is already overdue; too late to ask for an extension.",
                code="extension_overdue",
            )
        text = _need_reason(reason, "延期申请", "An extension request", minimum=6)
        return replace(state, pending_extension=ExtensionRequest(days, text, today))

    # -- queries -------------------------------------------------------------------------------
    def is_overdue(self, state: DispatchState, today: date) -> bool:
        """The unit still owes work and the deadline has passed."""
        return (
            state.status in OPEN_AT_UNIT and state.deadline is not None and today > state.deadline
        )

    def overdue_working_days(self, state: DispatchState, today: date) -> int:
        if not self.is_overdue(state, today):
            return 0
        assert state.deadline is not None
        return self.calendar.working_days_between(state.deadline, today)

    def working_days_left(self, state: DispatchState, today: date) -> int | None:
        """Working days from ``today`` to the deadline (0 on the day, negative when late)."""
        if state.deadline is None:
            return None
        return self.calendar.working_days_between(today, state.deadline)

    @staticmethod
    def replied_on_time(state: DispatchState) -> bool | None:
        """按期: the reply that was approved came by the deadline; None while unknown."""
        if state.replied_on is None or state.deadline is None:
            return None
        return state.replied_on <= state.deadline

    @staticmethod
    def counts_in_unit_assessment(state: DispatchState) -> bool:
        """Duplicates and unreasonable requests are not held against units."""
        return state.duplicate_of is None and state.unreasonable_reason is None

    # -- helpers ---------------------------------------------------------------------------------
    def _check_dispatchable(self, state: DispatchState, unit_code: str) -> None:
        if state.duplicate_of is not None:
            raise DispatchRuleError(
                f"该工单已作为重复件关联到 {state.duplicate_of}，不再转派。",
                f"The case is linked as a duplicate of {state.duplicate_of}; it is not dispatched again.",
                code="duplicate",
            )
        if not unit_code:
            raise DispatchRuleError("请选择承办单位。", "Choose a handling unit.", code="no_unit")
        try:
            matter = matter_by_name(state.matter)
        except KeyError:
            raise DispatchRuleError(
                f"未知事项「{state.matter}」。", f"Unknown matter {state.matter!r}.", code="matter"
            ) from None
        if not matter.unit_types:
            raise DispatchRuleError(
                f"「{state.matter}」不属于受理范围，不能转派。",
                f"{state.matter!r} is out of the hotline's scope and cannot be dispatched.",
                code="out_of_scope",
            )
        if state.status == S.UNIT_RETURNED and unit_code == state.unit_code:
            raise DispatchRuleError(
                "单位已退件，请改派其他单位，或选择「不同意退件」。",
                "The unit returned this case: choose another unit, or refuse the return.",
                code="same_unit",
            )

    def _send(
        self,
        state: DispatchState,
        unit_code: str,
        action: DispatchAction,
        at: datetime,
        actor: str,
        reason: str = "",
    ) -> tuple[DispatchState, DispatchEvent]:
        to = self.target(state, action)
        on = at.date()
        deadline = self.deadline_for(state.matter, on)
        new = replace(
            state, status=to, unit_code=unit_code, dispatched_on=on, deadline=deadline,
            reply=None, replied_on=None, pending_extension=None, extensions_granted=0,
            review_approved=False, callback_result=None if action == A.REOPEN else state.callback_result,
        )
        return self._event(
            state, new, action, at, actor, reason, unit=unit_code, deadline=deadline.isoformat()
        )

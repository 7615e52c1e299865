"""Agents' corrections (纠错) of knowledge entries.

An agent who finds a wrong answer mid-call files a correction on the current entry: a kind
(wrong, outdated, missing information, wrong unit) and a comment. It is saved at the seat and
synced like a case; the maintainer's inbox lists open corrections by entry with counts;
closing one records what was done (fixed in version N, no change needed, duplicate) and
produces the notice that tells the agent.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from seat_app.domain.kb_upkeep.errors import CorrectionRefused
from seat_app.domain.text import is_blank, text_problem

COMMENT_LIMIT = 500
NOTE_LIMIT = 500


class CorrectionKind(StrEnum):
    WRONG = "wrong"
    OUTDATED = "outdated"
    MISSING = "missing"
    WRONG_UNIT = "wrong_unit"


KIND_LABELS: dict[CorrectionKind, tuple[str, str]] = {
    CorrectionKind.WRONG: ("内容有误", "wrong"),
    CorrectionKind.OUTDATED: ("信息过期", "outdated"),
    CorrectionKind.MISSING: ("信息缺失", "missing information"),
    CorrectionKind.WRONG_UNIT: ("承办单位有误", "wrong unit"),
}


class Outcome(StrEnum):
    FIXED = "fixed"
    NO_CHANGE = "no_change"
    DUPLICATE = "duplicate"


OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.FIXED: ("已修改", "fixed"),
    Outcome.NO_CHANGE: ("经核实无需修改", "checked, no change needed"),
    Outcome.DUPLICATE: ("重复反馈", "duplicate"),
}


class CorrectionState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Correction:
    id: str
    entry_code: str
    entry_version: int
    kind: CorrectionKind
    comment: str
    agent: str
    """The agent's work number (to tell them the outcome)."""
    seat: str
    created_at: datetime
    state: CorrectionState = CorrectionState.OPEN
    outcome: Outcome | None = None
    note: str = ""
    closed_by: str = ""
    closed_at: datetime | None = None
    fixed_in: int | None = None
    """The version that fixed it (outcome fixed)."""


@dataclass(frozen=True, slots=True)
class AgentNotice:
    """What the agent is told when their correction is closed."""

    agent: str
    correction_id: str
    zh: str
    en: str


def _text(label: str, label_en: str, text: str, limit: int, *, required: bool) -> str:
    text = (text or "").strip()
    problem = text_problem(label, label_en, text, multiline=True)
    if problem is not None:
        raise CorrectionRefused(*problem)
    if required and is_blank(text):
        raise CorrectionRefused(f"请填写{label}。", f"{label_en} is required.")
    if len(text) > limit:
        raise CorrectionRefused(f"{label}最多 {limit} 字（现在 {len(text)} 字）。",
                                f"{label_en} is at most {limit} characters ({len(text)} now).")
    return text


def new_correction(entry_code: str, entry_version: int, kind: CorrectionKind | str,
                   comment: str, agent: str, seat: str, now: datetime,
                   correction_id: str | None = None) -> Correction:
    """A correction as the agent's form saves it. A comment is required except for
    "outdated" (the kind says it all)."""
    try:
        kind = CorrectionKind(kind)
    except ValueError:
        raise CorrectionRefused(f"未知的纠错类型「{kind}」。", f"Unknown correction kind {kind!r}.") from None
    if not entry_code:
        raise CorrectionRefused("没有选中知识条目。", "No knowledge entry is selected.")
    text = _text("说明", "The comment", comment, COMMENT_LIMIT,
                 required=kind is not CorrectionKind.OUTDATED)
    return Correction(correction_id or str(uuid.uuid4()), entry_code, int(entry_version), kind,
                      text, agent, seat, now)


def close(correction: Correction, by: str, outcome: Outcome | str, note: str, now: datetime,
          *, fixed_in: int | None = None) -> tuple[Correction, AgentNotice]:
    """Close an open correction with what was done; returns it and the agent's notice."""
    if correction.state is CorrectionState.CLOSED:
        raise CorrectionRefused("这条纠错已经处理过了。", "This correction is closed already.")
    try:
        outcome = Outcome(outcome)
    except ValueError:
        raise CorrectionRefused(f"未知的处理结果「{outcome}」。", f"Unknown outcome {outcome!r}.") from None
    text = _text("处理说明", "The note", note, NOTE_LIMIT,
                 required=outcome is not Outcome.FIXED)
    if outcome is Outcome.FIXED and not fixed_in:
        raise CorrectionRefused("“已修改”需要注明修改后的版本。",
                                "'Fixed' needs the version that fixed it.")
    closed = replace(correction, state=CorrectionState.CLOSED, outcome=outcome, note=text,
                     closed_by=by, closed_at=now,
                     fixed_in=fixed_in if outcome is Outcome.FIXED else None)
    kind_zh, kind_en = KIND_LABELS[correction.kind]
    out_zh, out_en = OUTCOME_LABELS[outcome]
    zh = f"您对知识条目 {correction.entry_code} 的纠错（{kind_zh}）已处理：{out_zh}"
    en = f"Your correction of entry {correction.entry_code} ({kind_en}) was handled: {out_en}"
    if closed.fixed_in:
        zh += f"（第 {closed.fixed_in} 版）"
        en += f" (version {closed.fixed_in})"
    if text:
        zh += f"。{text}"
        en += f". {text}"
    return closed, AgentNotice(correction.agent, correction.id, zh, en)


@dataclass(frozen=True, slots=True)
class InboxRow:
    entry_code: str
    open: int
    by_kind: dict[CorrectionKind, int]
    oldest: datetime
    newest: datetime


def inbox(corrections: Iterable[Correction]) -> list[InboxRow]:
    """Open corrections grouped by entry: most corrections first, then the oldest waiting."""
    groups: dict[str, list[Correction]] = {}
    for c in corrections:
        if c.state is CorrectionState.OPEN:
            groups.setdefault(c.entry_code, []).append(c)
    rows = [
        InboxRow(code, len(items), dict(Counter(c.kind for c in items)),
                 min(c.created_at for c in items), max(c.created_at for c in items))
        for code, items in groups.items()
    ]
    rows.sort(key=lambda r: (-r.open, r.oldest, r.entry_code))
    return rows

"""Entry versions and the draft -> review -> published flow.

Every change to an entry is a new *version*; versions are never removed and a published one
is never changed in place. The rules:

* one open change per entry at a time (a draft, one in review, or one sent back);
* a draft is edited by editors; whoever edits it counts as its author;
* submitting sends it to review; the author can withdraw it back to draft;
* an approver who is not one of its authors publishes it (``SelfApproval`` otherwise); the
  version published before becomes *superseded*; a change made from an older published
  version than the current one is refused as stale (nothing is overwritten silently);
* a reviewer may send it back with a reason (*rejected*); editing it makes it a draft again;
* rolling back to version N is a new draft whose fields equal version N's (it goes through
  review like any change).

Every version keeps who made it and when, who reviewed it and when, and the field-level
diff against the version it was made from. Everything here is pure: a step takes a
:class:`History` and returns a new one (and the event to record); services store them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from seat_app.domain.kb_upkeep.entry import (
    FIELDS,
    LABELS,
    FieldError,
    comparable,
    validate_entry,
)
from seat_app.domain.kb_upkeep.errors import (
    EntryInvalid,
    PublishedImmutable,
    SelfApproval,
    TransitionRefused,
)


class State(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


STATE_LABELS: dict[State, tuple[str, str]] = {
    State.DRAFT: ("草稿", "draft"),
    State.IN_REVIEW: ("待审核", "in review"),
    State.PUBLISHED: ("已发布", "published"),
    State.REJECTED: ("已退回", "sent back"),
    State.SUPERSEDED: ("历史版本", "superseded"),
}
OPEN_STATES = frozenset({State.DRAFT, State.IN_REVIEW, State.REJECTED})


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return LABELS.get(self.field, self.field)

    def line(self, lang: str = "zh") -> str:
        name = self.label if lang == "zh" else self.field
        return f"{name}: {_shown(self.old, lang)} → {_shown(self.new, lang)}"


def _shown(value: Any, lang: str = "zh") -> str:
    if value is None or value == "":
        return "（空）" if lang == "zh" else "(empty)"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\n", "⏎")
    return text if len(text) <= 60 else text[:60] + "…"


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    """The fields that differ, in the order of the entry form (``old`` None: all set ones)."""
    a = comparable(old or {})
    b = comparable(new)
    return tuple(FieldChange(name, a[name], b[name]) for name in FIELDS if a[name] != b[name])


@dataclass(frozen=True, slots=True)
class Version:
    code: str
    number: int
    state: State
    fields: Mapping[str, Any]
    """The entry as stored (validated), without ``version``."""
    author: str
    created_at: datetime
    editors: frozenset[str]
    base: int | None
    """The published version this change was made from (None: a new entry)."""
    changes: tuple[FieldChange, ...]
    """Field-level diff against ``base`` (against nothing for a new entry)."""
    changed_at: datetime
    reviewer: str = ""
    reviewed_at: datetime | None = None
    note: str = ""
    """The reviewer's reason when sent back, or the approver's note."""
    rollback_of: int | None = None

    @property
    def entry(self) -> dict[str, Any]:
        """The row for the entries table: the fields plus ``version``."""
        return {**self.fields, "version": self.number}


@dataclass(frozen=True, slots=True)
class Event:
    """One step of the flow, for the audit trail and for telling people."""

    code: str
    number: int
    action: str
    """created / edited / submitted / withdrawn / approved / rejected"""
    who: str
    at: datetime
    note: str = ""


@dataclass(frozen=True, slots=True)
class History:
    """Every version of one entry, oldest first."""

    code: str
    versions: tuple[Version, ...] = ()
    events: tuple[Event, ...] = field(default=())

    @property
    def published(self) -> Version | None:
        return next((v for v in reversed(self.versions) if v.state is State.PUBLISHED), None)

    @property
    def open(self) -> Version | None:
        return next((v for v in reversed(self.versions) if v.state in OPEN_STATES), None)

    def version(self, number: int) -> Version:
        for v in self.versions:
            if v.number == number:
                return v
        raise TransitionRefused(f"编号「{self.code}」没有第 {number} 版。",
                                f"Entry {self.code!r} has no version {number}.")

    def _with(self, version: Version, event: Event, *, also: Version | None = None) -> History:
        by_number = {v.number: v for v in self.versions}
        by_number[version.number] = version
        if also is not None:
            by_number[also.number] = also
        return History(self.code, tuple(by_number[n] for n in sorted(by_number)),
                       (*self.events, event))


def _checked(code: str, values: Mapping[str, Any]) -> dict[str, Any]:
    row, errors = validate_entry({**values, "code": values.get("code") or code})
    if row["code"] != code:
        errors.append(FieldError("code", "编号不能修改（请新建条目）",
                                 "a code cannot change (make a new entry)"))
    if errors:
        raise EntryInvalid(errors)
    return row


def create(code: str, values: Mapping[str, Any], author: str, now: datetime) -> History:
    """A new entry: its first version, a draft. Raises :class:`EntryInvalid`."""
    row = _checked(code, values)
    v = Version(code, 1, State.DRAFT, row, author, now, frozenset({author}), None,
                diff(None, row), now)
    return History(code)._with(v, Event(code, 1, "created", author, now))


def start_draft(history: History, values: Mapping[str, Any], author: str, now: datetime,
                *, rollback_of: int | None = None) -> History:
    """A new draft made from the published version (an edit of a published entry)."""
    current = history.open
    if current is not None:
        label = STATE_LABELS[current.state]
        raise TransitionRefused(
            f"「{history.code}」已有未完成的修改（第 {current.number} 版，{label[0]}），"
            "请先完成或撤回它。",
            f"{history.code!r} already has an open change (version {current.number}, "
            f"{label[1]}); finish or withdraw it first.")
    published = history.published
    row = _checked(history.code, values)
    if published is not None and not diff(published.fields, row):
        raise TransitionRefused("与当前发布版本相同，没有任何修改。",
                                "Nothing differs from the published version.")
    number = max((v.number for v in history.versions), default=0) + 1
    base = published.number if published else None
    v = Version(history.code, number, State.DRAFT, row, author, now, frozenset({author}), base,
                diff(published.fields if published else None, row), now,
                rollback_of=rollback_of)
    action = f"rollback to {rollback_of}" if rollback_of else "created"
    return history._with(v, Event(history.code, number, action, author, now))


def edit(history: History, number: int, values: Mapping[str, Any], editor: str,
         now: datetime) -> History:
    """Change a draft (or a version sent back, which becomes a draft again)."""
    v = history.version(number)
    if v.state in (State.PUBLISHED, State.SUPERSEDED):
        raise PublishedImmutable(number)
    if v.state is State.IN_REVIEW:
        raise TransitionRefused("这一版正在审核，请先撤回再修改。",
                                "This version is in review; withdraw it before editing.")
    row = _checked(history.code, values)
    base = history.version(v.base).fields if v.base else None
    new = replace(v, state=State.DRAFT, fields=row, editors=v.editors | {editor},
                  changes=diff(base, row), changed_at=now, reviewer="", reviewed_at=None,
                  note="")
    return history._with(new, Event(history.code, number, "edited", editor, now))


def _expect(v: Version, state: State, zh: str, en: str) -> None:
    if v.state is not state:
        raise TransitionRefused(
            f"第 {v.number} 版是{STATE_LABELS[v.state][0]}，{zh}",
            f"Version {v.number} is {STATE_LABELS[v.state][1]}; {en}")


def submit(history: History, number: int, who: str, now: datetime) -> History:
    v = history.version(number)
    _expect(v, State.DRAFT, "只有草稿可以提交审核。", "only a draft can be sent to review.")
    if who not in v.editors:
        raise TransitionRefused("只有编辑这一版的人可以提交审核。",
                                "Only an editor of this version can send it to review.")
    new = replace(v, state=State.IN_REVIEW, changed_at=now)
    return history._with(new, Event(history.code, number, "submitted", who, now))


def withdraw(history: History, number: int, who: str, now: datetime) -> History:
    v = history.version(number)
    _expect(v, State.IN_REVIEW, "只有待审核的版本可以撤回。", "only a version in review can be "
            "withdrawn.")
    if who not in v.editors:
        raise TransitionRefused("只有编辑这一版的人可以撤回。",
                                "Only an editor of this version can withdraw it.")
    new = replace(v, state=State.DRAFT, changed_at=now)
    return history._with(new, Event(history.code, number, "withdrawn", who, now))


def approve(history: History, number: int, approver: str, now: datetime,
            note: str = "") -> History:
    """Publish version ``number``: the approver must not be one of its authors, and it must
    have been made from the version published now."""
    v = history.version(number)
    _expect(v, State.IN_REVIEW, "只有待审核的版本可以发布。", "only a version in review can be "
            "published.")
    if approver in v.editors:
        raise SelfApproval(approver)
    published = history.published
    current = published.number if published else None
    if v.base != current:
        raise TransitionRefused(
            f"这一版基于第 {v.base} 版，而当前发布的是第 {current} 版，请重新编辑后再提交。",
            f"This version was made from version {v.base} but version {current} is "
            "published now; edit it again and resubmit.")
    new = replace(v, state=State.PUBLISHED, reviewer=approver, reviewed_at=now, note=note,
                  changed_at=now)
    old = replace(published, state=State.SUPERSEDED) if published else None
    return history._with(new, Event(history.code, number, "approved", approver, now, note),
                         also=old)


def reject(history: History, number: int, reviewer: str, now: datetime, reason: str) -> History:
    v = history.version(number)
    _expect(v, State.IN_REVIEW, "只有待审核的版本可以退回。", "only a version in review can be "
            "sent back.")
    if not reason.strip():
        raise TransitionRefused("退回时必须写明原因。", "Sending back needs a reason.")
    if reviewer in v.editors:
        raise TransitionRefused("不能审核自己编辑的修改；自己的修改请撤回。",
                                "You cannot review your own change; withdraw it instead.")
    new = replace(v, state=State.REJECTED, reviewer=reviewer, reviewed_at=now,
                  note=reason.strip(), changed_at=now)
    return history._with(new, Event(history.code, number, "rejected", reviewer, now,
                                     reason.strip()))


def rollback(history: History, to_number: int, author: str, now: datetime) -> History:
    """A new draft equal to version ``to_number`` (one that was published once)."""
    target = history.version(to_number)
    if target.state not in (State.PUBLISHED, State.SUPERSEDED):
        raise TransitionRefused("只能回退到曾经发布过的版本。",
                                "You can only roll back to a version that was published.")
    return start_draft(history, target.fields, author, now, rollback_of=to_number)


def history_lines(history: History, lang: str = "zh") -> list[str]:
    """The versions as text, newest first (for ``seat-admin kb history CODE``)."""
    out: list[str] = []
    for v in reversed(history.versions):
        zh, en = STATE_LABELS[v.state]
        head = (f"第 {v.number} 版 [{zh}] {v.author} {v.created_at:%Y-%m-%d %H:%M}"
                if lang == "zh" else
                f"version {v.number} [{en}] {v.author} {v.created_at:%Y-%m-%d %H:%M}")
        if v.reviewer:
            head += (f"，审核 {v.reviewer} {v.reviewed_at:%Y-%m-%d %H:%M}" if lang == "zh"
                     else f", reviewed by {v.reviewer} {v.reviewed_at:%Y-%m-%d %H:%M}")
        if v.rollback_of:
            head += f"（回退到第 {v.rollback_of} 版）" if lang == "zh" else \
                f" (rollback to {v.rollback_of})"
        out.append(head)
        out.extend("  " + c.line(lang) for c in v.changes)
        if v.note:
            out.append(("  说明：" if lang == "zh" else "  note: ") + v.note)
    return out

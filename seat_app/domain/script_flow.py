"""Call scripts (话术) as data: parse a script tree, fill its variables, follow the call.

A script is a dict (read from TOML or JSON by the caller; this module does no I/O)::

    id = "call"
    title = "标准来电话术"
    [[steps]]
    id = "greeting"
    stage = "greeting"           # the point of the call this step belongs to
    text = "您好，运城12345，有什么可以帮您？"
    [[steps]]
    id = "matter"
    stage = "matter"
    branch = true                # replaced by the branch chosen by the matter
    [branches."公积金提取"]       # keys: a matter, a subcategory or a domain name
    steps = [{ id = "gjj-ask", stage = "matter", text = "请问您是因为什么情况提取？" }]
    [branches.default]
    steps = [...]

Variables are written ``{工号}``, ``{来电人}``, ``{工单号}``, ``{承办单位}``, ``{时限}``; an
unknown or empty variable is left visible as ``【来电人】`` so the agent sees what to say.
Steps may carry ``when = "dispatch"`` or ``when = "direct"`` to apply to one handling mode.
The stage once called ``"resolution"`` is ``"handling"``; the old name is still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

VARIABLES: tuple[str, ...] = ("工号", "来电人", "工单号", "承办单位", "时限")
"""The variables a script may use."""

STAGES: tuple[str, ...] = (
    "greeting",
    "identify",
    "request",
    "matter",
    "handling",
    "readback",
    "closing",
)
"""The points of a call, in order; a script's steps each belong to one."""

OLD_STAGE_NAMES: Mapping[str, str] = {"resolution": "handling"}
"""Stage names scripts written before the rename may still carry, and their name now."""

HANDLING_MODES: tuple[str, ...] = ("direct", "dispatch")
"""The script's names for the handling modes (Handling.DIRECT / Handling.DISPATCH)."""
_VARIABLE = re.compile(r"\{([^{}]+)\}")


class ScriptError(ValueError):
    """A script file does not have the expected shape."""


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    stage: str
    text: str = ""
    title: str = ""
    when: str | None = None
    branch: bool = False


@dataclass(frozen=True, slots=True)
class Script:
    id: str
    title: str
    steps: tuple[Step, ...]
    branches: Mapping[str, tuple[Step, ...]] = field(default_factory=dict)
    hotkey: str = ""
    kind: str = "call"
    """``call`` for the main call script, ``special`` for emergency/out-of-scope/upset."""


def _parse_step(raw: object, where: str) -> Step:
    if not isinstance(raw, Mapping):
        raise ScriptError(f"{where}: a step must be a table, got {type(raw).__name__}")
    step_id = raw.get("id")
    if not isinstance(step_id, str) or not step_id:
        raise ScriptError(f"{where}: a step needs a non-empty id")
    stage = raw.get("stage", "request")
    stage = OLD_STAGE_NAMES.get(stage, stage) if isinstance(stage, str) else stage
    if stage not in STAGES:
        raise ScriptError(f"{where}: step {step_id!r} has unknown stage {stage!r}")
    when = raw.get("when")
    if when is not None and when not in HANDLING_MODES:
        raise ScriptError(f"{where}: step {step_id!r} has unknown when {when!r}")
    branch = bool(raw.get("branch", False))
    text = raw.get("text", "")
    if not isinstance(text, str):
        raise ScriptError(f"{where}: step {step_id!r} text must be a string")
    if not branch and not text.strip():
        raise ScriptError(f"{where}: step {step_id!r} has no text")
    return Step(
        id=step_id,
        stage=stage,
        text=text.strip(),
        title=str(raw.get("title", "")),
        when=when,
        branch=branch,
    )


def parse_script(data: Mapping[str, object]) -> Script:
    """A Script from its dict form; ScriptError names what is wrong."""
    script_id = data.get("id")
    if not isinstance(script_id, str) or not script_id:
        raise ScriptError("a script needs a non-empty id")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ScriptError(f"script {script_id!r} has no steps")
    steps = tuple(_parse_step(s, f"{script_id}.steps[{i}]") for i, s in enumerate(raw_steps))
    ids = [s.id for s in steps]
    if len(set(ids)) != len(ids):
        raise ScriptError(f"script {script_id!r} repeats a step id")
    branches: dict[str, tuple[Step, ...]] = {}
    raw_branches = data.get("branches", {}) or {}
    if not isinstance(raw_branches, Mapping):
        raise ScriptError(f"script {script_id!r}: branches must be a table")
    for key, raw in raw_branches.items():
        body = raw.get("steps") if isinstance(raw, Mapping) else raw
        if not isinstance(body, list) or not body:
            raise ScriptError(f"script {script_id!r}: branch {key!r} has no steps")
        branches[str(key)] = tuple(
            _parse_step(s, f"{script_id}.branches.{key}[{i}]") for i, s in enumerate(body)
        )
    if any(s.branch for s in steps) and "default" not in branches:
        raise ScriptError(f"script {script_id!r} has a branch point but no default branch")
    return Script(
        id=script_id,
        title=str(data.get("title", script_id)),
        steps=steps,
        branches=branches,
        hotkey=str(data.get("hotkey", "")),
        kind=str(data.get("kind", "call")),
    )


def fill(text: str, variables: Mapping[str, object]) -> str:
    """``text`` with ``{name}`` replaced; missing or empty values shown as ``【name】``."""

    def repl(match: re.Match[str]) -> str:
        name = match.group(1)
        value = variables.get(name)
        if value is None or str(value).strip() == "":
            return f"【{name}】"
        return str(value)

    return _VARIABLE.sub(repl, text)


def branch_key(
    script: Script, matter: str | None, subcategory: str | None = None, domain: str | None = None
) -> str:
    """The branch for a matter: the matter's own, else its subcategory's, else its domain's."""
    for key in (matter, subcategory, domain):
        if key and key in script.branches:
            return key
    return "default"


def expand(
    script: Script,
    matter: str | None = None,
    *,
    subcategory: str | None = None,
    domain: str | None = None,
    mode: str | None = None,
) -> tuple[Step, ...]:
    """The script's steps for this matter and handling mode, branch points replaced."""
    out: list[Step] = []
    for step in script.steps:
        if step.branch:
            key = branch_key(script, matter, subcategory, domain)
            out.extend(s for s in script.branches.get(key, ()) if _applies(s, mode))
        elif _applies(step, mode):
            out.append(step)
    return tuple(out)


def _applies(step: Step, mode: str | None) -> bool:
    return step.when is None or mode is None or step.when == mode


@dataclass(slots=True)
class ScriptFlow:
    """Where a call stands in its script; follows the case form, never goes back by itself."""

    script: Script
    matter: str | None = None
    subcategory: str | None = None
    domain: str | None = None
    mode: str | None = None
    index: int = 0
    steps: tuple[Step, ...] = ()

    def __post_init__(self) -> None:
        self.steps = expand(
            self.script,
            self.matter,
            subcategory=self.subcategory,
            domain=self.domain,
            mode=self.mode,
        )

    @property
    def current(self) -> Step:
        return self.steps[self.index]

    @property
    def at_end(self) -> bool:
        return self.index >= len(self.steps) - 1

    def advance(self) -> Step:
        """Move to the next step (stays on the last one)."""
        if not self.at_end:
            self.index += 1
        return self.current

    def back(self) -> Step:
        if self.index > 0:
            self.index -= 1
        return self.current

    def _rebuild(self) -> None:
        current_id = self.current.id if self.steps else None
        stage = self.current.stage if self.steps else STAGES[0]
        self.steps = expand(
            self.script,
            self.matter,
            subcategory=self.subcategory,
            domain=self.domain,
            mode=self.mode,
        )
        ids = [s.id for s in self.steps]
        if current_id in ids:
            self.index = ids.index(current_id)
        else:
            self.index = self._first_index_at_or_after(stage)

    def choose_matter(
        self, matter: str | None, subcategory: str | None = None, domain: str | None = None
    ) -> None:
        """Re-branch for a (new) matter, keeping the call's place."""
        self.matter, self.subcategory, self.domain = matter, subcategory, domain
        self._rebuild()

    def choose_mode(self, mode: str | None) -> None:
        if mode is not None and mode not in HANDLING_MODES:
            raise ValueError(f"unknown handling mode {mode!r}")
        self.mode = mode
        self._rebuild()

    def _first_index_at_or_after(self, stage: str) -> int:
        order = STAGES.index(stage)
        for i, step in enumerate(self.steps):
            if STAGES.index(step.stage) >= order:
                return i
        return len(self.steps) - 1

    def reach(self, stage: str) -> Step:
        """The form reached ``stage``: move forward to its first step (never backwards)."""
        stage = OLD_STAGE_NAMES.get(stage, stage)
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        target = self._first_index_at_or_after(stage)
        if target > self.index:
            self.index = target
        return self.current

    def texts(self, variables: Mapping[str, object]) -> list[str]:
        return [fill(s.text, variables) for s in self.steps]


def missing_variables(texts: Iterable[str]) -> set[str]:
    """Variable names still shown as ``【name】`` in filled texts."""
    found: set[str] = set()
    for text in texts:
        found.update(name for name in re.findall(r"【([^【】]+)】", text) if name in VARIABLES)
    return found

"""Script panel: the call script's steps with variables filled, the current step highlighted."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from seat_app.domain.script_flow import Script, ScriptFlow, fill, parse_script
from seat_app.services.config import resources_dir

STEP_ROLE = Qt.ItemDataRole.UserRole + 1


def load_scripts(folder: Path | None = None) -> dict[str, Script]:
    """Every ``*.toml`` / ``*.json`` script in ``resources/scripts`` by id."""
    import json

    folder = folder or resources_dir() / "scripts"
    scripts: dict[str, Script] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".toml":
            data = tomllib.loads(path.read_text("utf-8"))
        elif path.suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
        else:
            continue
        script = parse_script(data)
        scripts[script.id] = script
    if "call" not in scripts:
        raise FileNotFoundError(f"no call script (call.toml) in {folder}")
    return scripts


class ScriptPanel(QWidget):
    """Shows one script flow; ``follow_*`` methods move it as the case form moves."""

    step_changed = Signal(str)

    def __init__(self, scripts: Mapping[str, Script], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptPanel")
        self.scripts = dict(scripts)
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.steps = QListWidget()
        self.steps.setObjectName("scriptSteps")
        self.steps.setWordWrap(True)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.steps.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.steps)
        self.variables: dict[str, object] = {}
        self.flow = ScriptFlow(self.scripts["call"])
        self._main_flow: ScriptFlow | None = None
        self.render()

    # ------------------------------------------------------------------ state
    @property
    def special_active(self) -> bool:
        return self._main_flow is not None

    def start_call(self, variables: Mapping[str, object]) -> None:
        self._main_flow = None
        self.flow = ScriptFlow(self.scripts["call"])
        self.variables = dict(variables)
        self.render()

    def set_variables(self, **values: object) -> None:
        changed = any(self.variables.get(k) != v for k, v in values.items())
        self.variables.update(values)
        if changed:
            self.render()

    def follow_stage(self, stage: str) -> None:
        before = self.flow.current.id
        self.main_flow().reach(stage)
        if not self.special_active and self.flow.current.id != before:
            self.render()

    def follow_matter(self, matter: str | None, subcategory: str | None, domain: str | None) -> None:
        self.main_flow().choose_matter(matter, subcategory, domain)
        self.main_flow().reach("matter")
        if not self.special_active:
            self.render()

    def follow_mode(self, mode: str | None) -> None:
        self.main_flow().choose_mode(mode)
        if not self.special_active:
            self.render()

    def main_flow(self) -> ScriptFlow:
        return self._main_flow or self.flow

    def show_special(self, script_id: str) -> None:
        """Switch to an emergency / out-of-scope / upset-caller script (the call keeps its place)."""
        if self._main_flow is None:
            self._main_flow = self.flow
        self.flow = ScriptFlow(self.scripts[script_id])
        self.render()

    def back_to_call(self) -> None:
        if self._main_flow is not None:
            self.flow, self._main_flow = self._main_flow, None
            self.render()

    def next_step(self) -> None:
        self.flow.advance()
        self.render()

    def previous_step(self) -> None:
        self.flow.back()
        self.render()

    # ------------------------------------------------------------------ view
    def current_text(self) -> str:
        return fill(self.flow.current.text, self.variables)

    def render(self) -> None:
        script = self.flow.script
        title = script.title
        if self.special_active:
            title = self.tr("特殊话术：%1（Ctrl+Shift+C 返回）").replace("%1", title)
        self.title.setText(title)
        self.steps.clear()
        bold = QFont()
        bold.setBold(True)
        for i, step in enumerate(self.flow.steps):
            text = fill(step.text, self.variables)
            label = f"{step.title}\n{text}" if step.title else text
            item = QListWidgetItem(label)
            item.setData(STEP_ROLE, step.id)
            if i == self.flow.index:
                item.setFont(bold)
                item.setBackground(QBrush(QColor("#fff4c2")))
                item.setForeground(QBrush(QColor("#202124")))
            elif i < self.flow.index:
                item.setForeground(QBrush(QColor("#9aa0a6")))
            self.steps.addItem(item)
        if self.flow.steps:
            self.steps.scrollToItem(
                self.steps.item(self.flow.index), QListWidget.ScrollHint.PositionAtCenter
            )
        self.step_changed.emit(self.flow.current.id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.render()
        super().changeEvent(event)

"""Write a new scenario, or a new version of one, in a form (the trainer's library tab:
"新建场景" Ctrl+N, "修改选中场景" Ctrl+Shift+N). The fields are the import's columns; the
save runs the import's checks (taxonomy, grid units, KB codes, characters) and shows every
problem with its field; nothing is stored until all pass. An edited scenario becomes a new
version (results keep the version they were played on)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.training.scenario import CHANNELS, HANDLINGS, Mood, Skill
from seat_app.qt.i18n import error_text, pick

_LINES = ("id", "title", "matter", "name", "area", "phone", "address", "units", "transfer_to",
          "accepted_kb", "key_facts", "forbidden", "red_lines", "calm_steps", "tags")
_TEXTS = ("opening", "facts", "description", "model_answer")


class ScenarioForm(QDialog):
    saved = Signal(str)

    def __init__(self, save: Callable[[dict[str, Any], Callable[[Any, BaseException | None], None]], None],
                 row: Mapping[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioForm")
        self.setWindowTitle(self.tr("练习场景") if row is None else self.tr("修改练习场景（保存为新版本）"))
        self._save = save
        self.fields: dict[str, Any] = {}
        form = QFormLayout()
        labels = {"id": self.tr("编号"), "title": self.tr("标题"), "matter": self.tr("事项"),
                  "skill": self.tr("技能"), "difficulty": self.tr("难度"), "channel": self.tr("渠道"),
                  "name": self.tr("来电人姓名"), "area": self.tr("区域"), "mood": self.tr("情绪"),
                  "phone": self.tr("来电号码"), "opening": self.tr("开场白"),
                  "facts": self.tr("事实（每行 编号: 回答 | 关键词1,关键词2）"),
                  "address": self.tr("地址"), "handling": self.tr("办理方式"),
                  "units": self.tr("承办单位（| 分隔）"), "transfer_to": self.tr("转接号码"),
                  "accepted_kb": self.tr("可接受的知识条目（| 分隔）"),
                  "key_facts": self.tr("答复要点（| 分隔）"), "forbidden": self.tr("本场景禁语（| 分隔）"),
                  "description": self.tr("诉求内容（参考）"), "model_answer": self.tr("参考答复"),
                  "time_limit_s": self.tr("限时（秒）"), "red_lines": self.tr("红线（| 分隔）"),
                  "calm_steps": self.tr("安抚话术步骤（| 分隔）"), "tags": self.tr("标签（| 分隔）")}
        for name in labels:
            if name in _TEXTS:
                w: Any = QPlainTextEdit()
                w.setFixedHeight(70)
            elif name in ("skill", "channel", "mood", "handling"):
                w = QComboBox()
                w.addItems({"skill": [str(s) for s in Skill], "channel": list(CHANNELS),
                            "mood": [str(m) for m in Mood], "handling": list(HANDLINGS)}[name])
            elif name in ("difficulty", "time_limit_s"):
                w = QSpinBox()
                w.setRange(*((1, 3) if name == "difficulty" else (30, 3600)))
                w.setValue(1 if name == "difficulty" else 300)
            else:
                w = QLineEdit()
            w.setObjectName(f"field_{name}")
            self.fields[name] = w
            form.addRow(labels[name], w)
        if row is not None:
            self.load(row)
        self.errors = QLabel()
        self.errors.setObjectName("scenarioErrors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #d93025;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.errors)
        lay.addWidget(buttons)
        self.resize(760, 820)

    def load(self, row: Mapping[str, Any]) -> None:
        for name, w in self.fields.items():
            v = row.get(name)
            if v is None:
                continue
            if isinstance(w, QPlainTextEdit):
                w.setPlainText(_facts_lines(v) if name == "facts" else str(v))
            elif isinstance(w, QComboBox):
                w.setCurrentText(str(v))
            elif isinstance(w, QSpinBox):
                w.setValue(int(v))
            else:
                w.setText(str(v))

    def row(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, w in self.fields.items():
            if isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
            elif isinstance(w, QComboBox):
                out[name] = w.currentText()
            elif isinstance(w, QSpinBox):
                out[name] = w.value()
            else:
                out[name] = w.text()
        return out

    def save(self) -> None:
        self.errors.setText("")
        self._save(self.row(), self._on_saved)

    def _on_saved(self, result: Any, error: BaseException | None) -> None:
        if error is not None:
            problems = getattr(error, "problems", None)
            if problems:
                self.errors.setText("\n".join(f"[{p.field}] {pick(p.zh, p.en)}" for p in problems))
            else:
                self.errors.setText(error_text(error))
            return
        self.saved.emit(str(result))
        self.accept()


def _facts_lines(value: Any) -> str:
    """The facts cell (JSON list from an export) as one 'id: answer | keywords' line each."""
    import json

    text = str(value)
    if not text.startswith("["):
        return text
    try:
        facts = json.loads(text)
    except json.JSONDecodeError:
        return text
    return "\n".join(f"{f['id']}: {f['answer']}" + (f" | {','.join(f['keywords'])}"
                                                    if f.get("keywords") else "") for f in facts)

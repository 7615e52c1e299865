"""The knowledge maintainer's workbench (issue 18).

Tabs: 条目 (find, create, edit every field; matter picker, area, unit from the grid; save a
draft, send it to review), 审核 (publish or send back a version in review: a second person),
版本 (every version with its diff; roll back), 批量 (retire, extend validity, move to another
unit on a filtered set), 即将过期 (entries ending within 7 days), 纠错 (agents' corrections by
entry; close with what was done), 分析 (no results, misses, never found in 90 days, most
inserted, slowest matters; .xlsx export; a missed query -> synonym with S then Enter, or ->
a new entry with N).

Everything that reads or writes the database runs on ``runner`` (never the UI thread); a
refused edit shows each field's reason and keeps what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain import kb_upkeep as ku
from seat_app.domain.kb_upkeep.corrections import KIND_LABELS, OUTCOME_LABELS
from seat_app.domain.kb_upkeep.entry import KINDS, ONE_LINE, STATUSES
from seat_app.domain.kb_upkeep.versions import STATE_LABELS
from seat_app.domain.taxonomy import AREAS, MATTERS
from seat_app.qt.i18n import error_text, fill, pick
from seat_app.qt.workers import Runner

EDIT_FIELDS = ("code", "kind", "title", "matter", "area", "unit", "answer", "procedure",
               "materials", "place", "hours", "fees", "time_limit", "phone", "keywords",
               "valid_from", "valid_to", "status")


@dataclass
class WorkbenchPort:
    """The services the workbench calls (all may block: run on the runner)."""

    upkeep: Any
    """services.kb.upkeep.Upkeep of the signed-in maintainer."""
    corrections: Any
    """services.kb.corrections (module)."""
    searchlog: Any
    """services.kb.searchlog (module)."""
    engine: Any
    add_synonym: Callable[[str, str], None]
    units: Callable[[str], list[str]]
    today: Callable[[], date] = date.today


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(_text(value)))


class EntryEditor(QWidget):
    """Every field of an entry; field errors are shown beside the form, typed text kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.widgets: dict[str, QWidget] = {}
        labels = self.field_labels()
        for name in EDIT_FIELDS:
            w: QWidget
            if name == "kind":
                w = QComboBox()
                w.addItems(list(KINDS))
            elif name == "status":
                w = QComboBox()
                w.addItems(list(STATUSES))
            elif name == "area":
                w = QComboBox()
                w.addItems(list(AREAS))
            elif name in ("matter", "unit"):
                w = QComboBox()
                w.setEditable(True)
                if name == "matter":
                    w.addItems([m.name for m in MATTERS])
                w.completer().setFilterMode(Qt.MatchFlag.MatchContains)
                w.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            elif name in ONE_LINE:
                w = QLineEdit()
                if name in ("valid_from", "valid_to"):
                    w.setPlaceholderText("YYYY-MM-DD")
            else:
                w = QPlainTextEdit()
                w.setTabChangesFocus(True)
                w.setMaximumHeight(90)
            w.setObjectName(f"field_{name}")
            self.widgets[name] = w
            form.addRow(labels[name], w)
        self.errors = QLabel("")
        self.errors.setObjectName("fieldErrors")
        self.errors.setStyleSheet("color:#b3261e")
        self.errors.setWordWrap(True)
        form.addRow(self.errors)

    def field_labels(self) -> dict[str, str]:
        """The form's labels in the window's language (domain LABELS are the Chinese)."""
        return {
            "code": self.tr("编号"), "kind": self.tr("类别"), "title": self.tr("标题"),
            "domain": self.tr("领域"), "subcategory": self.tr("子类"), "matter": self.tr("事项"),
            "area": self.tr("区域"), "unit": self.tr("承办单位"), "answer": self.tr("答复口径"),
            "procedure": self.tr("办理流程"), "materials": self.tr("所需材料"),
            "place": self.tr("办理地点"), "hours": self.tr("办理时间"),
            "fees": self.tr("收费标准"), "time_limit": self.tr("办理时限"),
            "phone": self.tr("联系电话"), "keywords": self.tr("关键词"),
            "valid_from": self.tr("生效日期"), "valid_to": self.tr("失效日期"),
            "status": self.tr("状态"), "version": self.tr("版本"),
        }

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, w in self.widgets.items():
            if isinstance(w, QComboBox):
                out[name] = w.currentText()
            elif isinstance(w, QLineEdit):
                out[name] = w.text()
            elif isinstance(w, QPlainTextEdit):
                out[name] = w.toPlainText()
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        for name, w in self.widgets.items():
            text = _text(values.get(name))
            if isinstance(w, QComboBox):
                if w.isEditable():
                    w.setEditText(text)
                else:
                    w.setCurrentIndex(max(0, w.findText(text)))
            elif isinstance(w, QLineEdit):
                w.setText(text)
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(text)
        self.errors.setText("")

    def set_units(self, names: list[str]) -> None:
        box = self.widgets["unit"]
        assert isinstance(box, QComboBox)
        typed = box.currentText()
        box.clear()
        box.addItems(names)
        box.setEditText(typed)

    def show_errors(self, errors: list[ku.FieldError]) -> None:
        self.errors.setText("\n".join(pick(e.line("zh"), e.line("en")) for e in errors))
        for name, w in self.widgets.items():
            bad = any(e.field == name for e in errors)
            w.setStyleSheet("border: 1px solid #b3261e" if bad else "")


class Workbench(QWidget):
    """The maintainer's workbench (see the module docstring)."""

    message = Signal(str)

    def __init__(self, port: WorkbenchPort, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbWorkbench")
        self.port, self.runner = port, runner
        self.current_code = ""
        self.history: ku.History | None = None
        self.plan: ku.BulkPlan | None = None
        self.analytics: Any = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.status = QLabel("")
        self.status.setObjectName("workbenchStatus")
        layout.addWidget(self.status)
        self._build_entries()
        self._build_review()
        self._build_versions()
        self._build_bulk()
        self._build_expiring()
        self._build_corrections()
        self._build_analytics()
        for keys, slot in (("Ctrl+F", self.find_box.setFocus), ("Ctrl+N", self.new_entry),
                           ("Ctrl+S", self.save_draft), ("Ctrl+Return", self.submit),
                           ("F5", self.refresh)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        for i in range(self.tabs.count()):
            QShortcut(QKeySequence(f"Alt+{i + 1}"), self,
                      activated=lambda i=i: self.tabs.setCurrentIndex(i))

    # ------------------------------------------------------------------ plumbing
    def _run(self, job: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[BaseException], None] | None = None) -> None:
        def back(result: Any, error: BaseException | None) -> None:
            if error is not None:
                (failed or self._show_error)(error)
            else:
                done(result)
        self.runner.submit(job, back)

    def _show_message(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)

    def _show_error(self, error: BaseException) -> None:
        self._show_message(error_text(error))

    def refresh(self) -> None:
        self.find()
        self.load_review()
        self.load_expiring()
        self.load_corrections()

    # ------------------------------------------------------------------ 条目
    def _build_entries(self) -> None:
        page = QWidget()
        outer = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.find_box = QLineEdit()
        self.find_box.setObjectName("findBox")
        self.find_box.setPlaceholderText(self.tr("编号、标题或关键词（Ctrl+F，回车查找）"))
        self.find_matter = QComboBox()
        self.find_matter.setEditable(True)
        self.find_matter.addItems([""] + [m.name for m in MATTERS])
        self.find_area = QComboBox()
        self.find_area.addItems(["", *AREAS])
        bar.addWidget(self.find_box, 3)
        bar.addWidget(QLabel(self.tr("事项")))
        bar.addWidget(self.find_matter, 1)
        bar.addWidget(QLabel(self.tr("区域")))
        bar.addWidget(self.find_area, 1)
        outer.addLayout(bar)
        split = QSplitter()
        self.entry_list = _table([self.tr("编号"), self.tr("标题"), self.tr("事项"),
                                  self.tr("区域"), self.tr("有效期")])
        self.entry_list.setObjectName("entryList")
        self.editor = EntryEditor()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.editor)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建 (Ctrl+N)"))
        self.save_button = QPushButton(self.tr("保存草稿 (Ctrl+S)"))
        self.submit_button = QPushButton(self.tr("提交审核 (Ctrl+Enter)"))
        for b in (self.new_button, self.save_button, self.submit_button):
            buttons.addWidget(b)
        rl.addLayout(buttons)
        split.addWidget(self.entry_list)
        split.addWidget(right)
        split.setSizes([640, 600])
        outer.addWidget(split)
        self.tabs.addTab(page, self.tr("条目"))
        self.find_box.returnPressed.connect(self.find)
        self.entry_list.itemSelectionChanged.connect(self._entry_selected)
        self.new_button.clicked.connect(self.new_entry)
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        area_box = self.editor.widgets["area"]
        assert isinstance(area_box, QComboBox)
        area_box.currentTextChanged.connect(self._load_units)
        self.entries: list[dict[str, Any]] = []

    def find(self) -> None:
        flt = ku.EntryFilter(text=self.find_box.text().strip(),
                             matter=self.find_matter.currentText().strip(),
                             area=self.find_area.currentText())
        if flt.empty:
            flt = ku.EntryFilter(text="")
        self._run(lambda: self.port.upkeep.find(flt, limit=500), self._show_entries)

    def _show_entries(self, rows: list[dict[str, Any]]) -> None:
        self.entries = rows
        today = self.port.today()
        _fill(self.entry_list, [[r["code"], r["title"], r["matter"], r["area"],
                                 ku.validity_text(r["valid_from"], r["valid_to"], today)
                                 or self.tr("长期有效")] for r in rows])
        self.entry_list.resizeColumnsToContents()
        self.entry_list.setColumnWidth(1, min(self.entry_list.columnWidth(1), 260))
        self._show_message(fill(self.tr("找到 %1 条"), len(rows)))

    def _entry_selected(self) -> None:
        row = self.entry_list.currentRow()
        if 0 <= row < len(self.entries):
            self.open_entry(self.entries[row]["code"])

    def open_entry(self, code: str) -> None:
        """Load the entry (its open draft when there is one) and its versions."""
        def job() -> tuple[dict[str, Any] | None, ku.History]:
            return self.port.upkeep.entry(code), self.port.upkeep.history(code)

        def done(result: tuple[dict[str, Any] | None, ku.History]) -> None:
            entry, history = result
            self.current_code, self.history = code, history
            shown = history.open.fields if history.open else (entry or {})
            self.editor.set_values(dict(shown))
            self._show_versions()
        self._run(job, done)

    def _load_units(self, area: str) -> None:
        self._run(lambda: self.port.units(area), self.editor.set_units)

    def new_entry(self, values: dict[str, Any] | None = None) -> None:
        self.current_code, self.history = "", None
        self.tabs.setCurrentIndex(0)
        self.editor.set_values(values or {"status": "已发布"})
        self.editor.widgets["code"].setFocus()

    def save_draft(self, then: Callable[[ku.History], None] | None = None) -> None:
        values = self.editor.values()
        code = values["code"].strip()
        creating = not self.current_code

        def job() -> ku.History:
            if creating:
                return self.port.upkeep.create(values)
            return self.port.upkeep.draft(code, values)

        def done(h: ku.History) -> None:
            self.current_code, self.history = h.code, h
            self.editor.show_errors([])
            self._show_versions()
            v = h.open
            self._show_message(fill(self.tr("已保存草稿：%1 第 %2 版"), h.code, v.number if v else "?"))
            if then is not None:
                then(h)

        def failed(error: BaseException) -> None:  # the form keeps what was typed
            if isinstance(error, ku.EntryInvalid):
                self.editor.show_errors(list(error.errors))
                self._show_message(self.tr("有字段不符合要求，未保存（已输入的内容保留）"))
            else:
                self._show_error(error)
        self._run(job, done, failed)

    def submit(self) -> None:
        def then(h: ku.History) -> None:
            v = h.open
            if v is None:
                return
            self._run(lambda: self.port.upkeep.submit(h.code, v.number),
                      lambda h2: (self._show_message(fill(self.tr("已提交审核：%1 第 %2 版"), h.code,
                                                 v.number)), self.load_review()))
        self.save_draft(then)

    # ------------------------------------------------------------------ 审核
    def _build_review(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.review_list = _table([self.tr("编号"), self.tr("版本"), self.tr("作者"),
                                   self.tr("修改")])
        self.review_list.setObjectName("reviewList")
        lay.addWidget(self.review_list)
        bar = QHBoxLayout()
        self.publish_button = QPushButton(self.tr("审核通过并发布 (Ctrl+P)"))
        self.reject_button = QPushButton(self.tr("退回 (Ctrl+R)"))
        bar.addWidget(self.publish_button)
        bar.addWidget(self.reject_button)
        lay.addLayout(bar)
        self.tabs.addTab(page, self.tr("审核"))
        self.publish_button.clicked.connect(self.publish_selected)
        self.reject_button.clicked.connect(self.reject_selected)
        QShortcut(QKeySequence("Ctrl+P"), page, activated=self.publish_selected)
        QShortcut(QKeySequence("Ctrl+R"), page, activated=self.reject_selected)
        self.in_review: list[ku.Version] = []

    def load_review(self) -> None:
        self._run(lambda: self.port.upkeep.open_versions(ku.State.IN_REVIEW), self._show_review)

    def _show_review(self, versions: list[ku.Version]) -> None:
        self.in_review = versions
        _fill(self.review_list, [[v.code, v.number, ",".join(sorted(v.editors)),
                                  "；".join(c.line() for c in v.changes)] for v in versions])

    def _selected_review(self) -> ku.Version | None:
        row = self.review_list.currentRow()
        return self.in_review[row] if 0 <= row < len(self.in_review) else None

    def publish_selected(self) -> None:
        v = self._selected_review()
        if v is None:
            return
        self._run(lambda: self.port.upkeep.approve(v.code, v.number),
                  lambda p: (self._show_message(fill(self.tr("已发布 %1 第 %2 版，座席下次同步后可检索"),
                                            p.code, p.number)), self.load_review()))

    def reject_selected(self, reason: str | None = None) -> None:
        v = self._selected_review()
        if v is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("退回"), self.tr("退回原因"))
            if not ok:
                return
        self._run(lambda: self.port.upkeep.reject(v.code, v.number, reason),
                  lambda h: (self._show_message(fill(self.tr("已退回 %1 第 %2 版"), v.code, v.number)),
                             self.load_review()))

    # ------------------------------------------------------------------ 版本
    def _build_versions(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.version_list = _table([self.tr("版本"), self.tr("状态"), self.tr("作者"),
                                    self.tr("时间"), self.tr("审核"), self.tr("修改")])
        self.version_list.setObjectName("versionList")
        lay.addWidget(self.version_list)
        self.rollback_button = QPushButton(self.tr("回退到所选版本（生成新草稿）"))
        lay.addWidget(self.rollback_button)
        self.tabs.addTab(page, self.tr("版本"))
        self.rollback_button.clicked.connect(self.rollback_selected)

    def _show_versions(self) -> None:
        versions = list(reversed(self.history.versions)) if self.history else []
        self._versions = versions
        _fill(self.version_list, [[v.number, pick(*STATE_LABELS[v.state]), v.author,
                                   f"{v.changed_at:%Y-%m-%d %H:%M}", v.reviewer,
                                   "；".join(c.line() for c in v.changes)] for v in versions])

    def rollback_selected(self) -> None:
        row = self.version_list.currentRow()
        if not (0 <= row < len(self._versions)) or not self.current_code:
            return
        number, code = self._versions[row].number, self.current_code
        self._run(lambda: self.port.upkeep.rollback(code, number),
                  lambda h: (setattr(self, "history", h), self._show_versions(),
                             self.editor.set_values(dict(h.open.fields) if h.open else {}),
                             self._show_message(fill(self.tr("已生成回退草稿（回到第 %1 版），请提交审核"),
                                            number))))

    # ------------------------------------------------------------------ 批量
    def _build_bulk(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        form = QFormLayout()
        self.bulk_matter = QComboBox()
        self.bulk_matter.setEditable(True)
        self.bulk_matter.addItems([""] + [m.name for m in MATTERS])
        self.bulk_area = QComboBox()
        self.bulk_area.addItems(["", *AREAS])
        self.bulk_text = QLineEdit()
        self.bulk_action = QComboBox()
        for action, zh, en in (("retire", "下线", "retire"), ("extend", "延长有效期", "extend"),
                               ("move_unit", "改为其他承办单位", "move to unit")):
            self.bulk_action.addItem(pick(zh, en), action)
        self.bulk_days = QSpinBox()
        self.bulk_days.setRange(1, 3650)
        self.bulk_days.setValue(30)
        self.bulk_unit = QLineEdit()
        form.addRow(self.tr("事项"), self.bulk_matter)
        form.addRow(self.tr("区域"), self.bulk_area)
        form.addRow(self.tr("标题/关键词含"), self.bulk_text)
        form.addRow(self.tr("操作"), self.bulk_action)
        form.addRow(self.tr("延长天数"), self.bulk_days)
        form.addRow(self.tr("新承办单位"), self.bulk_unit)
        lay.addLayout(form)
        bar = QHBoxLayout()
        self.plan_button = QPushButton(self.tr("预览"))
        self.apply_button = QPushButton(self.tr("生成草稿并提交审核"))
        bar.addWidget(self.plan_button)
        bar.addWidget(self.apply_button)
        lay.addLayout(bar)
        self.bulk_list = _table([self.tr("编号"), self.tr("修改"), self.tr("问题")])
        lay.addWidget(self.bulk_list)
        self.tabs.addTab(page, self.tr("批量"))
        self.plan_button.clicked.connect(self.plan_bulk)
        self.apply_button.clicked.connect(self.apply_bulk)

    def plan_bulk(self) -> None:
        flt = ku.EntryFilter(matter=self.bulk_matter.currentText().strip(),
                             area=self.bulk_area.currentText(), text=self.bulk_text.text().strip())
        action = str(self.bulk_action.currentData())
        days, unit = self.bulk_days.value(), self.bulk_unit.text()
        self._run(lambda: self.port.upkeep.plan(action, flt, days=days, unit=unit),
                  self._show_plan)

    def _show_plan(self, plan: ku.BulkPlan) -> None:
        self.plan = plan
        rows = [[c.code, "；".join(x.line() for x in c.changes),
                 "；".join(pick(e.line("zh"), e.line("en")) for e in c.errors)]
                for c in plan.changes]
        rows += [[s.code, "", pick(s.zh, s.en)] for s in plan.skipped]
        _fill(self.bulk_list, rows)
        self._show_message(fill(self.tr("可执行 %1 条，被拒 %2 条，跳过 %3 条"), len(plan.ready),
                       len(plan.refused), len(plan.skipped)))

    def apply_bulk(self) -> None:
        plan = self.plan
        if plan is None or not plan.ready:
            return
        self._run(lambda: self.port.upkeep.apply_plan(plan),
                  lambda codes: (self._show_message(fill(self.tr("已为 %1 条生成草稿并提交审核"),
                                                len(codes))), self.load_review()))

    # ------------------------------------------------------------------ 即将过期
    def _build_expiring(self) -> None:
        self.expiring_list = _table([self.tr("编号"), self.tr("标题"), self.tr("失效日期"),
                                     self.tr("剩余天数")])
        self.expiring_list.setObjectName("expiringList")
        self.tabs.addTab(self.expiring_list, self.tr("即将过期"))

    def load_expiring(self) -> None:
        self._run(lambda: self.port.upkeep.expiring(self.port.today()), lambda rows: _fill(
            self.expiring_list, [[e.code, e.title, e.valid_to, e.days_left] for e in rows]))

    # ------------------------------------------------------------------ 纠错
    def _build_corrections(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        self.inbox_list = _table([self.tr("编号"), self.tr("待处理"), self.tr("类型"),
                                  self.tr("最早")])
        self.inbox_list.setObjectName("inboxList")
        self.correction_list = _table([self.tr("类型"), self.tr("说明"), self.tr("工号"),
                                       self.tr("时间")])
        lay.addWidget(self.inbox_list)
        lay.addWidget(self.correction_list)
        form = QHBoxLayout()
        self.outcome_box = QComboBox()
        for outcome in ku.Outcome:
            self.outcome_box.addItem(pick(*OUTCOME_LABELS[outcome]), outcome.value)
        self.outcome_note = QLineEdit()
        self.outcome_note.setPlaceholderText(self.tr("处理说明（告知座席）"))
        self.fixed_in = QSpinBox()
        self.fixed_in.setRange(0, 100000)
        self.close_button = QPushButton(self.tr("处理并告知座席"))
        for w in (self.outcome_box, self.outcome_note, QLabel(self.tr("修改后版本")),
                  self.fixed_in, self.close_button):
            form.addWidget(w)
        lay.addLayout(form)
        self.tabs.addTab(page, self.tr("纠错"))
        self.inbox_list.itemSelectionChanged.connect(self._inbox_selected)
        self.close_button.clicked.connect(self.close_correction)
        self.open_corrections: list[ku.Correction] = []
        self.inbox_rows: list[ku.InboxRow] = []

    def load_corrections(self) -> None:
        self._run(lambda: self.port.corrections.corrections(self.port.engine, state="open"),
                  self._show_inbox)

    def _show_inbox(self, items: list[ku.Correction]) -> None:
        self.open_corrections = items
        self.inbox_rows = ku.inbox(items)
        _fill(self.inbox_list, [[r.entry_code, r.open,
                                 "、".join(f"{pick(*KIND_LABELS[k])} {n}"
                                          for k, n in r.by_kind.items()),
                                 f"{r.oldest:%Y-%m-%d %H:%M}"] for r in self.inbox_rows])
        self._show_corrections_of("")

    def _inbox_selected(self) -> None:
        row = self.inbox_list.currentRow()
        if 0 <= row < len(self.inbox_rows):
            self._show_corrections_of(self.inbox_rows[row].entry_code)

    def _show_corrections_of(self, code: str) -> None:
        self._listed = [c for c in self.open_corrections if c.entry_code == code]
        _fill(self.correction_list, [[pick(*KIND_LABELS[c.kind]), c.comment, c.agent,
                                      f"{c.created_at:%Y-%m-%d %H:%M}"] for c in self._listed])

    def close_correction(self) -> None:
        row = self.correction_list.currentRow()
        if not (0 <= row < len(self._listed)):
            return
        c = self._listed[row]
        outcome, note = str(self.outcome_box.currentData()), self.outcome_note.text()
        fixed = self.fixed_in.value() or None
        who = self.port.upkeep.who
        self._run(lambda: self.port.corrections.close_correction(
                      self.port.engine, who, c.id, outcome, note, fixed_in=fixed),
                  lambda done: (self._show_message(fill(self.tr("已处理并告知座席 %1"), done.told_seat)),
                                self.outcome_note.clear(), self.load_corrections()))

    # ------------------------------------------------------------------ 分析
    def _build_analytics(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.since = QLineEdit()
        self.until = QLineEdit()
        today = self.port.today()
        self.since.setText((today - timedelta(days=29)).isoformat())
        self.until.setText(today.isoformat())
        self.analyse_button = QPushButton(self.tr("统计"))
        self.export_button = QPushButton(self.tr("导出 .xlsx (Ctrl+E)"))
        for w in (QLabel(self.tr("从")), self.since, QLabel(self.tr("到")), self.until,
                  self.analyse_button, self.export_button):
            bar.addWidget(w)
        lay.addLayout(bar)
        hint = QLabel(self.tr("选中一个检索词：S 回车 = 加为同义词；N = 新建条目"))
        lay.addWidget(hint)
        self.miss_list = _table([self.tr("检索词"), self.tr("次数"), self.tr("打开"),
                                 self.tr("插入"), self.tr("类别")])
        self.miss_list.setObjectName("missList")
        self.other_list = _table([self.tr("项目"), self.tr("数值")])
        lay.addWidget(self.miss_list, 2)
        lay.addWidget(self.other_list, 1)
        self.tabs.addTab(page, self.tr("分析"))
        self.analyse_button.clicked.connect(self.analyse)
        self.export_button.clicked.connect(self.export)
        QShortcut(QKeySequence("Ctrl+E"), page, activated=self.export)
        QShortcut(QKeySequence("S"), self.miss_list, activated=self.make_synonym,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("N"), self.miss_list, activated=self.make_entry,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.miss_rows: list[ku.QueryRow] = []

    def _period(self) -> ku.Period | None:
        try:
            return ku.Period(date.fromisoformat(self.since.text().strip()),
                             date.fromisoformat(self.until.text().strip()))
        except ValueError:
            self._show_message(self.tr("日期格式应为 YYYY-MM-DD"))
        except ku.UpkeepError as exc:
            self._show_error(exc)
        return None

    def analyse(self) -> None:
        period = self._period()
        if period is None:
            return
        self._run(lambda: self.port.searchlog.analytics(self.port.engine, period,
                                                        today=self.port.today()),
                  self._show_analytics)

    def _show_analytics(self, data: Any) -> None:
        self.analytics = data
        self.miss_rows = [*data.misses, *data.no_results]
        kinds = [self.tr("未命中")] * len(data.misses) + [self.tr("无结果")] * len(data.no_results)
        _fill(self.miss_list, [[r.query, r.searches, r.opened, r.inserted, k]
                               for r, k in zip(self.miss_rows, kinds, strict=True)])
        rows: list[list[Any]] = [[self.tr("插入最多：") + c, n] for c, n in data.most_inserted[:10]]
        rows += [[self.tr("答复最慢：") + m.matter, f"{m.median_ms:.0f} ms"] for m in data.slowest[:10]]
        rows.append([self.tr("90 天未被检索的条目"), len(data.never_found)])
        _fill(self.other_list, rows)
        self.miss_list.resizeColumnsToContents()
        self.other_list.resizeColumnsToContents()
        self._show_message(fill(self.tr("未命中 %1 个，无结果 %2 个"), len(data.misses),
                       len(data.no_results)))

    def selected_query(self) -> str:
        row = self.miss_list.currentRow()
        return self.miss_rows[row].query if 0 <= row < len(self.miss_rows) else ""

    def make_synonym(self, term: str | None = None) -> None:
        """S: the missed query becomes a caller phrase of an official term (Enter accepts
        the suggested term: the matter of the first result, or type another)."""
        phrase = self.selected_query()
        if not phrase:
            return
        if term is None:
            term, ok = QInputDialog.getText(self, self.tr("加为同义词"),
                                            fill(self.tr("“%1” 对应的规范用语"), phrase),
                                            text=self._suggest_term(phrase))
            if not ok:
                return
        self._run(lambda: self.port.add_synonym(phrase, term),
                  lambda _r: self._show_message(fill(self.tr("已加入同义词：%1 → %2（检索即时生效）"),
                                            phrase, term)))

    def _suggest_term(self, phrase: str) -> str:
        for m in MATTERS:
            if m.name in phrase:
                return m.name
        return ""

    def make_entry(self) -> None:
        """N: a new entry from the missed query (title and keywords filled in)."""
        phrase = self.selected_query()
        if phrase:
            self.new_entry({"title": phrase, "keywords": phrase, "kind": "常见问题",
                            "status": "已发布"})

    def export(self, path: str | None = None) -> None:
        data = self.analytics
        if data is None:
            return
        if path is None:
            path, _f = QFileDialog.getSaveFileName(self, self.tr("导出"), "kb_analytics.xlsx",
                                                   "Excel (*.xlsx)")
            if not path:
                return
        self._run(lambda: self.port.searchlog.export_xlsx(data, Path(path)),
                  lambda out: self._show_message(fill(self.tr("已导出到 %1"), out)))

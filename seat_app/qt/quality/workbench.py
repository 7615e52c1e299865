"""The inspector's workbench (质检工作台): the day's sample, the case (record, timeline,
reply, KB entry used, caller history, automatic pre-checks with evidence) and the form
beside it. Keyboard first: Up/Down pick a form item, 1 = pass, 0 = fail, N = not
applicable; Ctrl+S saves, Ctrl+Enter saves and releases to the agent; Ctrl+1 / Ctrl+2 /
Ctrl+3 focus the sample, the case, the form. Changing a machine-filled item is an override
and needs a reason (the field under the form). Database work runs on the runner."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.quality import (
    RULE_LABELS_ZH,
    Decision,
    Outcome,
    OverrideNeedsReason,
    Rule,
    evaluate_case,
    review_checks,
)
from seat_app.domain.quality.form import has_direct_answer
from seat_app.qt.i18n import error_text, fill
from seat_app.qt.quality.port import QualityPort
from seat_app.qt.workers import Runner

KEYS = {Qt.Key.Key_1: "pass", Qt.Key.Key_0: "fail", Qt.Key.Key_N: "na"}


class FormTable(QTableWidget):
    """The form's items; 1/0/N judge the current item and move to the next."""

    judged = Signal(int, str)

    def keyPressEvent(self, event: Any) -> None:
        outcome = KEYS.get(Qt.Key(event.key()))
        if outcome is not None and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            row = self.currentRow()
            if row >= 0:
                self.judged.emit(row, outcome)
                if row + 1 < self.rowCount():
                    self.setCurrentCell(row + 1, 3)
            return
        super().keyPressEvent(event)


class InspectionWorkbench(QWidget):
    saved = Signal(object)
    message = Signal(str)

    def __init__(self, port: QualityPort, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityWorkbench")
        self.port = port
        self.runner = runner  # required: the window passes its thread; tests an InlineRunner
        self.form = port.form
        self.items = list(self.form.rubric.items())
        self.view: Any = None
        self.outcomes: dict[str, str] = {}
        self.machine: dict[str, str] = {}

        self.sample = QListWidget()
        self.sample.setObjectName("qaSample")
        self.sample.currentItemChanged.connect(self._pick)
        self.case_text = QTextBrowser()
        self.case_text.setObjectName("qaCase")
        self.table = FormTable(len(self.items), 4)
        self.table.setObjectName("qaForm")
        self.table.setHorizontalHeaderLabels(
            [self.tr("评分项"), self.tr("分值"), self.tr("自动预检"), self.tr("判定")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.judged.connect(self.judge)
        for row, it in enumerate(self.items):
            title = it.title + (self.tr("（一票否决）") if it.fatal else "")
            self.table.setItem(row, 0, QTableWidgetItem(title))
            self.table.setItem(row, 1, QTableWidgetItem("—" if it.fatal else f"{it.points:g}"))
            self.table.setItem(row, 2, QTableWidgetItem(""))
            self.table.setItem(row, 3, QTableWidgetItem("—"))
        self.reason = QLineEdit()
        self.reason.setObjectName("qaOverrideReason")
        self.reason.setPlaceholderText(self.tr("改判自动预检结论时填写理由"))
        self.score = QLabel(self.tr("得分：—"))
        self.score.setObjectName("qaScore")
        self.status = QLabel("")
        self.status.setObjectName("qaStatus")
        self.status.setWordWrap(True)
        save = QPushButton(self.tr("保存 (Ctrl+S)"))
        save.clicked.connect(lambda: self.save(release=False))
        rel = QPushButton(self.tr("保存并发布 (Ctrl+Enter)"))
        rel.clicked.connect(lambda: self.save(release=True))

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(QLabel(self.tr("评分表：1 通过 · 0 不通过 · N 不适用")))
        rl.addWidget(self.table, 1)
        rl.addWidget(self.reason)
        row = QHBoxLayout()
        row.addWidget(self.score, 1)
        row.addWidget(save)
        row.addWidget(rel)
        rl.addLayout(row)
        rl.addWidget(self.status)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(QLabel(self.tr("今日抽样")))
        ll.addWidget(self.sample, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.case_text)
        split.addWidget(right)
        split.setSizes([220, 520, 520])
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        for keys, fn in (("Ctrl+S", lambda: self.save(release=False)),
                         ("Ctrl+Return", lambda: self.save(release=True)),
                         ("Ctrl+Enter", lambda: self.save(release=True)),
                         ("Ctrl+1", self.sample.setFocus), ("Ctrl+2", self.case_text.setFocus),
                         ("Ctrl+3", self.table.setFocus)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.activated.connect(fn)

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        self.runner.submit(self.port.day_sample, self._sample_loaded)

    def _sample_loaded(self, picks: Any, error: BaseException | None) -> None:
        if error is not None:
            self._show_error(error)
            return
        self.sample.clear()
        for p in picks:
            try:
                label = self.tr(RULE_LABELS_ZH[Rule(p.rule)])
            except ValueError:
                label = p.rule
            item = QListWidgetItem(f"{p.case_number}\n{p.agent} · {label}")
            item.setData(Qt.ItemDataRole.UserRole, p.case_id)
            self.sample.addItem(item)
        self._show_message(fill(self.tr("今日抽样 %1 件"), len(picks)))
        if picks:
            self.sample.setCurrentRow(0)

    def _pick(self, current: QListWidgetItem | None, _previous: Any = None) -> None:
        if current is None:
            return
        self.open_case(current.data(Qt.ItemDataRole.UserRole))

    def open_case(self, case_id: str) -> None:
        self.runner.submit(lambda: self.port.case_view(case_id), self._case_loaded)

    def _case_loaded(self, view: Any, error: BaseException | None) -> None:
        if error is not None:
            self._show_error(error)
            return
        self.show_case(view)

    def show_case(self, view: Any) -> None:
        self.view = view
        self.outcomes = {}
        self.machine = {}
        self.reason.clear()
        by_check = {r.check: r for r in view.checks}
        direct = has_direct_answer(view.case)
        for row, it in enumerate(self.items):
            checks = [by_check[c] for c in self.form.prechecks.get(it.id, ()) if c in by_check]
            evidence = ""
            if checks:
                outs = [c.outcome for c in checks]
                m = "fail" if Outcome.FAIL in outs else (
                    "na" if all(o == Outcome.NA for o in outs) else "pass")
                self.machine[it.id] = m
                self.outcomes[it.id] = m
                evidence = "；".join(c.zh for c in checks if c.outcome != Outcome.NA) or \
                    checks[0].zh
            section = self.form.rubric.section_of(it.id)
            if not direct and section.id in self.form.na_without_direct_answer:
                self.outcomes[it.id] = "na"
            cell = self.table.item(row, 2)
            cell.setText(self._mark(self.machine.get(it.id, "")))
            cell.setToolTip(evidence)
            self._show_outcome(row)
        self.case_text.setHtml(self._case_html(view))
        self.table.setCurrentCell(0, 3)
        self._rescore()

    def _mark(self, outcome: str) -> str:
        return {"pass": self.tr("✔ 通过"), "fail": self.tr("✘ 不通过"), "na": self.tr("不适用"),
                "": ""}[outcome]

    def _show_outcome(self, row: int) -> None:
        it = self.items[row]
        o = self.outcomes.get(it.id, "")
        text = self._mark(o) or "—"
        if o and self.machine.get(it.id) and o != self.machine[it.id]:
            text += self.tr("（改判）")
        self.table.item(row, 3).setText(text)

    def _case_html(self, view: Any) -> str:
        c = view.case
        e = html.escape
        parts = [f"<h3>{e(c.case_number)} · {e(c.matter)}</h3>",
                 f"<p>{e(self.tr('话务员'))} {e(c.agent)} · {e(c.channel)} · {e(c.handling)}"
                 f" {e(c.handling_unit)} · {e(c.status)}</p>",
                 f"<p><b>{e(self.tr('来电人'))}</b> {e(c.caller_name)} {e(c.caller_phone)}"
                 f" {e(c.caller_area)} {e(c.caller_address)}</p>",
                 f"<p><b>{e(self.tr('诉求'))}</b> {e(c.description)}</p>",
                 f"<p><b>{e(self.tr('答复'))}</b> {e(c.reply_text) or '—'}</p>"]
        if view.kb is not None:
            parts.append(f"<p><b>{e(self.tr('所用知识条目'))} {e(view.kb.code)}</b>"
                         f" {e(view.kb.matter)}<br/>{e(view.kb.answer)}</p>")
        parts.append(f"<p><b>{e(self.tr('自动预检'))}</b></p><ul>")
        for r in view.checks:
            parts.append(f"<li>{e(self._mark(r.outcome.value))} {e(r.zh)}</li>")
        parts.append(f"</ul><p><b>{e(self.tr('时间线'))}</b></p><ul>")
        for s in view.timeline:
            parts.append(f"<li>{s.at:%Y-%m-%d %H:%M} {e(s.kind)} {e(s.actor)} {e(s.unit)}"
                         f" {e(s.note)}</li>")
        parts.append(f"</ul><p><b>{e(self.tr('来电人历史工单'))}</b></p><ul>")
        for h in view.history:
            parts.append(f"<li>{e(h.case_number)} {h.created_at:%Y-%m-%d} {e(h.matter)}"
                         f" {e(h.status)}</li>")
        parts.append("</ul>")
        return "".join(parts)

    # ------------------------------------------------------------------ judging
    def judge(self, row: int, outcome: str) -> None:
        if self.view is None or not 0 <= row < len(self.items):
            return
        it = self.items[row]
        if outcome == "na" and it.fatal:
            outcome = "pass"
        self.outcomes[it.id] = outcome
        self._show_outcome(row)
        self._rescore()

    def _decisions(self) -> dict[str, Decision]:
        reason = self.reason.text().strip()
        by_check = {r.check: r for r in self.view.checks}
        out: dict[str, Decision] = {}
        for item_id, machine in self.machine.items():
            mine = self.outcomes.get(item_id, machine)
            if mine == machine:
                continue
            checks = [c for c in self.form.prechecks[item_id] if c in by_check]
            if mine == "fail":
                out[checks[0].value] = Decision(Outcome.FAIL, reason)
            else:
                for c in checks:
                    if by_check[c].outcome != Outcome(mine):
                        out[c.value] = Decision(Outcome(mine), reason)
        return out

    def _missing(self) -> list[str]:
        return [it.title for it in self.items if it.id not in self.outcomes]

    def _evaluate(self) -> tuple[Any, list[Any]]:
        reviewed = review_checks(self.view.checks, self._decisions(), by="")
        manual = {k: v for k, v in self.outcomes.items() if k not in self.machine}
        return evaluate_case(self.form, self.view.case, reviewed, manual), reviewed

    def _rescore(self) -> None:
        if self.view is None or self._missing():
            self.score.setText(fill(self.tr("得分：—（还有 %1 项未判定）"), len(self._missing())))
            return
        try:
            ev, _ = self._evaluate()
        except OverrideNeedsReason:
            self.score.setText(self.tr("得分：—（改判须填写理由）"))
            return
        self.score.setText(fill(self.tr("得分：%1 · %2"), f"{ev.score:g}", ev.band))

    def save(self, *, release: bool) -> None:
        if self.view is None:
            return
        missing = self._missing()
        if missing:
            self._show_message(fill(self.tr("还有未判定的评分项：%1"), "、".join(missing)))
            return
        try:
            _, reviewed = self._evaluate()
        except OverrideNeedsReason as exc:
            self._show_error(exc)
            self.reason.setFocus()
            return
        manual = {k: v for k, v in self.outcomes.items() if k not in self.machine}
        case = self.view.case
        self.runner.submit(lambda: self.port.save(case, reviewed, manual, release),
                           lambda result, error: self._saved(result, error, release))

    def _saved(self, result: Any, error: BaseException | None, release: bool) -> None:
        if error is not None:
            self._show_error(error)
            return
        text = self.tr("已保存并发布：%1 分") if release else self.tr("已保存：%1 分")
        self._show_message(fill(text, f"{result.score:g}"))
        self.saved.emit(result)
        row = self.sample.currentRow()
        if row + 1 < self.sample.count():
            self.sample.setCurrentRow(row + 1)

    def _show_message(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)

    def _show_error(self, error: BaseException) -> None:
        self._show_message(error_text(error))


Workbench = InspectionWorkbench
"""The short name (its translation context is ``InspectionWorkbench``)."""

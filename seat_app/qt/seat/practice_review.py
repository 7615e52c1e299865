"""The review right after a practice case: the score out of 100, pass or fail against the
pass mark, every rubric item with pass/fail and its evidence (expected vs entered), the red
lines crossed, the model answer and the KB entries the trainer intended. Enter (or Ctrl+N)
goes to the next scenario."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from seat_app.qt.i18n import fill

OUTCOME_COLORS = {"pass": "#e6f4ea", "partial": "#fef7e0", "fail": "#fce8e6", "na": "#f1f3f4"}


class PracticeReviewDialog(QDialog):
    next_requested = Signal()

    def __init__(self, review: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceReview")
        self.review = review
        ev = review.evaluation
        self.setWindowTitle(fill(self.tr("练习点评 — %1"), review.scenario.title))
        self.score_label = QLabel()
        self.score_label.setObjectName("practiceScore")
        self.score_label.setStyleSheet("font-size: 28px; font-weight: bold; color: %s;"
                                       % ("#188038" if ev.passed else "#d93025"))
        self.score_label.setText(fill(self.tr("%1 分"), f"{ev.score:g}"))
        verdict = self.tr("通过") if ev.passed else self.tr("未通过")
        summary = fill(self.tr("%1（及格线 %2）· 工单 %3 · 评分表 v%4"), verdict,
                       f"{ev.pass_mark:g}", review.case_number, ev.rubric_version)
        if ev.fatal_failed:
            titles = "、".join(i.title for i in ev.items if i.item_id in ev.fatal_failed)
            summary += "\n" + fill(self.tr("触犯红线（一票否决）：%1"), titles)
        self.summary = QLabel(summary)
        self.summary.setObjectName("practiceVerdict")
        self.items = QTableWidget(len(ev.items), 5)
        self.items.setObjectName("practiceItems")
        self.items.setHorizontalHeaderLabels([self.tr("评分项"), self.tr("结果"), self.tr("得分"),
                                              self.tr("应为"), self.tr("实际")])
        names = {"pass": self.tr("通过"), "partial": self.tr("部分"), "fail": self.tr("未通过"),
                 "na": self.tr("不适用")}
        for r, item in enumerate(ev.items):
            outcome = str(item.outcome)
            title = item.title + (self.tr("（红线）") if item.fatal else "")
            cells = [title, names[outcome],
                     "—" if outcome == "na" else f"{item.earned:g}/{item.points:g}",
                     item.expected, item.entered]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                cell.setBackground(QColor(OUTCOME_COLORS[outcome]))
                cell.setForeground(QColor("#202124"))
                cell.setToolTip(text)
                self.items.setItem(r, c, cell)
        self.items.verticalHeader().setVisible(False)
        self.items.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.items.horizontalHeader().setStretchLastSection(True)
        self.answer = QTextBrowser()
        self.answer.setObjectName("practiceModelAnswer")
        kb = "<br>".join(f"{k.code} {k.title}" for k in review.intended_kb) or "—"
        self.answer.setHtml(
            f"<b>{self.tr('参考答复')}</b><br>{_html(review.model_answer) or '—'}"
            f"<br><br><b>{self.tr('应使用的知识条目')}</b><br>{kb}")
        self.next_button = QPushButton(self.tr("下一个场景（Enter）") if review.next_scenario
                                       or review.scenario else self.tr("关闭"))
        self.next_button.setObjectName("practiceNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next)
        close = QPushButton(self.tr("关闭（Esc）"))
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self._next)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.next_button)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.score_label)
        head.addWidget(self.summary, 1)
        lay.addLayout(head)
        lay.addWidget(self.items, 3)
        lay.addWidget(self.answer, 1)
        lay.addLayout(buttons)
        self.resize(980, 680)

    def failed_rows(self) -> list[str]:
        return [i.item_id for i in self.review.evaluation.items
                if str(i.outcome) in ("fail", "partial")]

    def _next(self) -> None:
        self.accept()
        self.next_requested.emit()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""Knowledge panel: debounced off-thread search (newest query wins), highlights, entry view.

Issue 18: the entry view shows the validity of a time-bound entry; Ctrl+Shift+J (纠错) opens
a small correction form on the current entry (wrong, outdated, missing information, wrong
unit + comment) that is saved at the seat and synced like a case (``correct_fn``); every
search shown, entry opened and answer inserted is noted in ``search_log`` (an in-memory
buffer: nothing on the keystroke path touches a file or the database).
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from seat_app.domain import kb_upkeep as ku
from seat_app.domain.kb_upkeep.corrections import KIND_LABELS
from seat_app.qt.forms.ui_knowledge_panel import Ui_KnowledgePanel
from seat_app.qt.i18n import current_language, error_text, pick
from seat_app.qt.ports import EntryFn, SearchFn
from seat_app.qt.workers import LatestWins, Runner

CORRECTION_KEYS = "Ctrl+Shift+J"
CorrectFn = Callable[[str, int, str, str], Any]
"""correct(entry code, entry version, kind, comment): save a correction at the seat (raises
``kb_upkeep.CorrectionRefused`` for bad input)."""


class SearchLogPort(Protocol):
    """What the panel notes for search analytics (services.kb.searchlog.SearchLogBuffer)."""

    def searched(
        self, query: str, hits: list[dict[str, Any]], filters: dict[str, Any] | None = None
    ) -> None: ...

    def opened(self, code: str, matter: str = "") -> None: ...

    def inserted(self, code: str, matter: str = "") -> None: ...


HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HIGHLIGHT_CSS = "b, strong, em { color: #b3261e; font-weight: bold; font-style: normal; }"


class DebouncedSearch(QObject):
    """Runs ``search_fn`` off the UI thread after ``delay_ms`` of quiet; the newest query wins.

    At most one search runs at a time; a query typed while one runs is remembered and run
    when it returns, and results of a query that is no longer the newest are dropped
    (``LatestWins`` of seat_app.qt.workers, the same rule the seat window's parts use).
    """

    results_ready = Signal(str, list, float)
    """query, hits, seconds from the request to the results."""
    search_failed = Signal(str, str)

    def __init__(
        self,
        search_fn: SearchFn,
        runner: Runner,
        *,
        delay_ms: int = 60,
        limit: int = 20,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._search_fn, self._runner, self._limit = search_fn, runner, limit
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._fire)
        self._wanted: tuple[str, str | None] | None = None
        self._requested_at = 0.0
        self._flight = LatestWins(runner)
        self._last_done: tuple[str, str | None] | None = None
        self._stale = 0
        self.searches_run = 0

    @property
    def busy(self) -> bool:
        return self._flight.busy or self._timer.isActive()

    @property
    def results_dropped(self) -> int:
        """Answers to a query that was no longer the newest when they came back."""
        return self._stale + self._flight.dropped

    def request(self, query: str, area: str | None = None) -> None:
        """Leading edge: an idle search runs at once; a burst of keys is coalesced."""
        now = time.perf_counter()
        burst = (now - self._requested_at) * 1000 < self._timer.interval()
        self._wanted = (query.strip(), area)
        self._requested_at = now
        if not self._flight.busy and not burst and not self._timer.isActive():
            self._fire()  # typing speed: every key searches at once
        else:
            self._timer.start()  # keys faster than the delay (or a paste): wait for quiet

    def flush(self) -> None:
        """Run the pending query now (Enter in the search box)."""
        if self._timer.isActive():
            self._timer.stop()
            self._fire()

    def _fire(self) -> None:
        if self._wanted is None:
            return
        if self._wanted == self._last_done and not self._flight.busy:
            return  # already showing these results
        query, area = request = self._wanted
        if not query:
            self.results_ready.emit("", [], 0.0)
            return
        self.searches_run += 1
        fn, limit = self._search_fn, self._limit
        self._flight.request(lambda: fn(query, area, limit), lambda r, e: self._done(request, r, e))

    def _done(self, request: tuple[str, str | None], result: Any, error: Any) -> None:
        if request != self._wanted:
            self._stale += 1
            if not self._timer.isActive():
                self._fire()
            return
        if error is not None:
            self.search_failed.emit(request[0], str(error))
            return
        self._last_done = request
        self.results_ready.emit(
            request[0], list(result or []), time.perf_counter() - self._requested_at
        )


class HitModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[dict[str, Any]] = []

    def set_hits(self, hits: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit_html(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.get("title", "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.get('title', '')} {hit.get('area', '')}"
        if role == HIT_ROLE:
            return hit
        return None


def hit_html(hit: dict[str, Any]) -> str:
    """A result as rich text; the snippet's highlight markup (<b class="match">) is kept."""
    meta = " · ".join(
        html.escape(str(hit.get(k, ""))) for k in ("matter", "area", "unit") if hit.get(k)
    )
    snippet = hit.get("snippet") or html.escape(str(hit.get("answer", ""))[:80])
    title = hit.get("title_html") or html.escape(str(hit.get("title", "")))
    return (
        f"<div><b>{title}</b><br/><span style='color:#5f6368'>{html.escape(str(hit.get('code', '')))}"
        f" {meta}</span><br/>{snippet}</div>"
    )


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's DisplayRole as rich text (for highlighted snippets)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._docs: dict[tuple[str, int], QTextDocument] = {}

    def clear_cache(self) -> None:
        self._docs.clear()

    def _document(self, option: QStyleOptionViewItem, text: str) -> QTextDocument:
        """Laid-out rich text per (text, width): sizeHint and paint share one layout."""
        width = max(80, option.rect.width() - 8)
        key = (text, width)
        doc = self._docs.get(key)
        if doc is None:
            if len(self._docs) > 400:
                self._docs.clear()
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDefaultStyleSheet(HIGHLIGHT_CSS)
            doc.setHtml(text)
            doc.setTextWidth(width)
            self._docs[key] = doc
        return doc

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(opt, text)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.Text))
        painter.save()
        painter.translate(opt.rect.topLeft().x() + 4, opt.rect.topLeft().y() + 2)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = opt.widget.viewport().width() if opt.widget else 360
        opt.rect.setWidth(width)
        doc = self._document(opt, opt.text)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 6)


class KnowledgePanel(QWidget):
    """Search box + result list + entry view; ``answer_inserted(text)`` when the agent inserts."""

    answer_inserted = Signal(str)
    entry_opened = Signal(dict)

    def __init__(
        self,
        search_fn: SearchFn,
        entry_fn: EntryFn,
        search_runner: Runner,
        *,
        entry_runner: Runner,
        delay_ms: int = 60,
        correct_fn: CorrectFn | None = None,
        search_log: SearchLogPort | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._correct_fn, self.search_log, self._today = correct_fn, search_log, today
        self.correction_dialog: CorrectionDialog | None = None
        self.ui = Ui_KnowledgePanel()
        self.ui.setupUi(self)
        self.setObjectName("knowledgePanel")
        self._entry_fn, self._runner = entry_fn, entry_runner
        self.search = DebouncedSearch(search_fn, search_runner, delay_ms=delay_ms, parent=self)
        self.model = HitModel(self)
        self.ui.resultList.setModel(self.model)
        self.delegate = HtmlDelegate(self.ui.resultList)
        self.ui.resultList.setItemDelegate(self.delegate)
        self.ui.resultList.setAlternatingRowColors(True)
        self.ui.entryView.document().setDefaultStyleSheet(HIGHLIGHT_CSS)
        self.ui.splitter.setSizes([380, 260])
        self.current_entry: dict[str, Any] | None = None
        self._status: tuple[str, str, int, Any] | None = None
        self.last_latency_s: float | None = None
        self._form_query: tuple[str, str | None] = ("", None)
        self._area: str | None = None
        self.search.results_ready.connect(self._on_search_results_ready)
        self.search.search_failed.connect(self._on_search_failed)
        self.ui.searchEdit.textEdited.connect(self._on_search_edit_text_edited)
        self.ui.searchEdit.returnPressed.connect(self.search.flush)
        self.ui.resultList.activated.connect(self._on_result_list_activated)
        self.ui.resultList.clicked.connect(self._on_result_list_activated)
        self.ui.insertButton.clicked.connect(self.insert_answer)
        self.ui.followForm.toggled.connect(self._on_follow_form_toggled)
        self.correction_shortcut = QShortcut(QKeySequence(CORRECTION_KEYS), self)
        self.correction_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.correction_shortcut.activated.connect(self.open_correction)
        self.retranslate()

    # ------------------------------------------------------------------ i18n
    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ searching
    def set_area(self, area: str | None) -> None:
        self._area = area

    def search_from_form(self, matter: str, description: str, area: str | None) -> None:
        """The form changed: search for matter + description in the area (when following)."""
        query = " ".join(p for p in (matter.strip(), description.strip()[:60]) if p)
        self._form_query = (query, area)
        self._area = area
        if self.ui.followForm.isChecked() and not self.ui.searchEdit.text().strip():
            self.search.request(query, area)

    def _on_search_edit_text_edited(self, text: str) -> None:
        if text.strip():
            self.search.request(text, self._area)
        else:
            self.search.request(*self._form_query)

    def _on_follow_form_toggled(self, on: bool) -> None:
        if on and not self.ui.searchEdit.text().strip():
            self.search.request(*self._form_query)

    def _on_search_results_ready(self, query: str, hits: list, seconds: float) -> None:
        if self.search_log is not None and query:
            self.search_log.searched(query, hits, {"area": self._area} if self._area else None)
        self.delegate.clear_cache()
        self.model.set_hits(hits)
        self.last_latency_s = seconds
        self._status = ("results", query, len(hits), seconds)
        self._show_status()
        if hits:
            self.ui.resultList.setCurrentIndex(self.model.index(0))
            # the best answer is on screen before the agent asks for it
            self.open_entry(hits[0])

    def _on_search_failed(self, query: str, message: str) -> None:
        self._status = ("failed", query, 0, message)
        self._show_status()

    def _show_status(self) -> None:
        status = self._status
        if status is None:
            self.ui.statusLabel.setText(self.tr("输入关键词，或在工单中选择事项"))
            return
        kind, query, count, extra = status
        if kind == "failed":
            self.ui.statusLabel.setText(self.tr("知识库暂不可用：%1").replace("%1", str(extra)))
        elif not query:
            self.ui.statusLabel.setText(self.tr("输入关键词，或在工单中选择事项"))
        elif count == 0:
            self.ui.statusLabel.setText(self.tr("没有找到“%1”的相关条目").replace("%1", query))
        else:
            self.ui.statusLabel.setText(
                self.tr("%1 条结果（%2 毫秒）")
                .replace("%1", str(count))
                .replace("%2", str(round(float(extra) * 1000)))
            )

    # ------------------------------------------------------------------ entries
    def _on_result_list_activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit:
            if self.search_log is not None:
                self.search_log.opened(str(hit.get("code", "")), str(hit.get("matter", "")))
            self.open_entry(hit)

    def open_entry(self, hit: dict[str, Any]) -> None:
        self._show_entry(hit)
        entry_id = hit.get("id")
        if entry_id:
            fn = self._entry_fn
            self._runner.submit(
                lambda: fn(str(entry_id)), lambda r, e: self._on_entry_loaded(hit, r, e)
            )

    def _on_entry_loaded(self, hit: dict[str, Any], entry: Any, error: Any) -> None:
        if self.current_entry is None or self.current_entry.get("id") != hit.get("id"):
            return  # the agent opened another entry meanwhile
        if entry:
            self._show_entry({**hit, **entry})

    def _show_entry(self, entry: dict[str, Any]) -> None:
        self.current_entry = entry
        parts = [f"<h3>{html.escape(str(entry.get('title', '')))}</h3>"]
        path = " / ".join(
            str(entry.get(k, "")) for k in ("domain", "subcategory", "matter") if entry.get(k)
        )
        parts.append(
            f"<p style='color:#5f6368'>{html.escape(str(entry.get('code', '')))} · {html.escape(path)}"
            f" · {html.escape(str(entry.get('area', '')))} · {html.escape(str(entry.get('unit', '')))}</p>"
        )
        validity = ku.validity_text(
            entry.get("valid_from"), entry.get("valid_to"), self._today(), current_language()
        )
        if validity:
            state = ku.validity(entry.get("valid_from"), entry.get("valid_to"), self._today())
            color = {"expiring": "#b3261e", "expired": "#b3261e", "pending": "#8a5a00"}.get(
                state.value, "#1a3c6e"
            )
            parts.append(
                f"<p id='validity' style='color:{color};font-weight:bold'>"
                f"{html.escape(validity)}</p>"
            )
        self.validity_text = validity
        if not entry.get("answer") and entry.get("snippet"):
            parts.append(f"<p>{entry['snippet']}</p>")
        for key, label in self._field_labels():
            value = entry.get(key)
            if value:
                parts.append(
                    f"<p><span style='font-weight:bold;color:#1a3c6e'>{html.escape(label)}</span>：{html.escape(str(value))}</p>"
                )
        self.ui.entryView.setHtml("".join(parts))
        self.ui.insertButton.setEnabled(bool(self.answer_text()))
        self.entry_opened.emit(entry)

    def _field_labels(self) -> tuple[tuple[str, str], ...]:
        return (
            ("answer", self.tr("答复口径")),
            ("procedure", self.tr("办理流程")),
            ("materials", self.tr("所需材料")),
            ("place", self.tr("办理地点")),
            ("hours", self.tr("办公时间")),
            ("fees", self.tr("收费标准")),
            ("time_limit", self.tr("办理时限")),
            ("phone", self.tr("咨询电话")),
            ("keywords", self.tr("关键词")),
        )

    def answer_text(self) -> str:
        entry = self.current_entry or {}
        return str(entry.get("answer") or "").strip()

    def insert_answer(self) -> None:
        text = self.answer_text()
        if text:
            entry = self.current_entry or {}
            if self.search_log is not None:
                self.search_log.inserted(str(entry.get("code", "")), str(entry.get("matter", "")))
            self.answer_inserted.emit(text)

    def enable_dial(self, dial: Callable[[str], object]) -> None:
        """A phone on the seat: Ctrl+Alt+D (and the context menu) calls the entry's unit
        (咨询电话 of the entry shown)."""
        if getattr(self, "dial_action", None) is not None:
            return
        # lazy: start-up: the dial widgets load with the phone
        from seat_app.qt.widgets.tel_dial import dial_action

        self.dial_action = dial_action(
            self, lambda: str((self.current_entry or {}).get("phone") or "") or None, dial
        )

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    # ------------------------------------------------------------------ corrections (纠错)
    def open_correction(self) -> CorrectionDialog | None:
        """Ctrl+Shift+J: the correction form on the entry shown (None when there is none
        or corrections are not wired)."""
        entry = self.current_entry
        if not entry or not entry.get("code") or self._correct_fn is None:
            self.ui.statusLabel.setText(self.tr("请先打开一条知识条目，再纠错（Ctrl+Shift+J）"))
            return None
        dialog = CorrectionDialog(entry, self)
        dialog.submitted.connect(self._save_correction)
        self.correction_dialog = dialog
        dialog.open()
        return dialog

    def _save_correction(self, code: str, version: int, kind: str, comment: str) -> None:
        fn, dialog = self._correct_fn, self.correction_dialog
        assert fn is not None
        self._runner.submit(
            lambda: fn(code, version, kind, comment),
            lambda r, e: self._on_correction_saved(dialog, r, e),
        )

    def _on_correction_saved(
        self, dialog: CorrectionDialog | None, result: Any, error: Any
    ) -> None:
        if error is not None:
            if dialog is not None:  # the form stays open with what was typed
                dialog.show_error(error_text(error))
            return
        if dialog is not None:
            dialog.accept()
        self.ui.statusLabel.setText(self.tr("纠错已保存，同步后送达知识库编辑"))


class CorrectionDialog(QDialog):
    """The agent's correction form: kind (wrong / outdated / missing / wrong unit) and a
    comment on one entry. Checked like the service checks it before it is sent; a refusal
    keeps what was typed."""

    submitted = Signal(str, int, str, str)

    def __init__(self, entry: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionDialog")
        self.entry = entry
        self.setWindowTitle(self.tr("知识纠错"))
        layout = QFormLayout(self)
        self.entry_label = QLabel(f"{entry.get('code', '')} {entry.get('title', '')}")
        self.entry_label.setWordWrap(True)
        self.kind_box = QComboBox()
        for kind in ku.CorrectionKind:
            zh, en = KIND_LABELS[kind]
            self.kind_box.addItem(pick(zh, en), kind.value)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(self.tr("哪里不对？正确的应该是什么？"))
        self.error_label = QLabel("")
        self.error_label.setObjectName("correctionError")
        self.error_label.setStyleSheet("color:#b3261e")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("提交 (Ctrl+Enter)")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        layout.addRow(self.tr("条目"), self.entry_label)
        layout.addRow(self.tr("问题(&K)"), self.kind_box)
        layout.addRow(self.tr("说明(&C)"), self.comment_edit)
        layout.addRow(self.error_label)
        layout.addRow(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        send = QShortcut(QKeySequence("Ctrl+Return"), self)
        send.activated.connect(self.submit)
        self.kind_box.setFocus()

    def submit(self) -> None:
        kind = str(self.kind_box.currentData())
        comment = self.comment_edit.toPlainText()
        code = str(self.entry.get("code", ""))
        version = int(self.entry.get("version") or 1)
        try:  # the same check the service makes, before anything leaves the form
            ku.new_correction(code, version, kind, comment, "", "", _now())
        except ku.CorrectionRefused as exc:
            self.show_error(error_text(exc))
            return
        self.error_label.setText(self.tr("正在保存……"))
        self.submitted.emit(code, version, kind, comment)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)


def _now() -> datetime:
    """A clock for the form's check (the service stamps the real time)."""
    return datetime.now(UTC)

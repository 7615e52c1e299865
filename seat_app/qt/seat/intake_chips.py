"""Suggestion chips at intake (issue 16): the three most likely matters of the description
as it is typed, with a confidence and the words that decided it; Alt+1..Alt+3 accepts one.

The description is read off the UI thread (the seat's ``search`` runner, newest text wins,
debounced) by a :class:`seat_app.services.intake.Suggester`: the published model when the
seat has it, otherwise KB-search routing, which the status line says once. The sync loop
writes new published models to the data folder; the chips reload them (a cheap stat on the
same runner every :data:`RELOAD_MS`).

    from seat_app.qt.seat import intake_chips
    intake_chips.install(window)            # in SeatWindow.__init__, after the case form
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from seat_app.qt.i18n import fill
from seat_app.qt.workers import LatestWins, Runner
from seat_app.services import config, intake

DELAY_MS = 250
"""Debounce: suggestions follow the description once typing pauses this long."""
RELOAD_MS = 30_000
KEYS = ("Alt+1", "Alt+2", "Alt+3")


class SuggestionLike(Protocol):
    matter: str
    subcategory: str
    domain: str
    confidence: float
    why: tuple[str, ...]


SuggestFn = Callable[[str, str | None], Sequence[SuggestionLike]]


class IntakeChips(QWidget):
    """Three chips; ``accepted(matter)`` when one is chosen (click or Alt+N)."""

    accepted = Signal(str)
    notice = Signal(str, str)
    """(text, kind) for the window's notice line: the fallback said once."""

    def __init__(self, suggest: SuggestFn, runner: Runner, *, delay_ms: int = DELAY_MS,
                 status: Callable[[], Any] | None = None,
                 reload: Callable[[], Any] | None = None,
                 shortcut_parent: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeChips")
        self._suggest, self._status, self._reload = suggest, status, reload
        self._flight = LatestWins(runner)
        self._runner = runner
        self._text, self._area = "", None
        self._asked = ("", None)
        self.suggestions: list[SuggestionLike] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._ask)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        layout.addWidget(self.label)
        self.chips: list[QPushButton] = []
        for i in range(len(KEYS)):
            chip = QPushButton(self)
            chip.setObjectName(f"intakeChip{i + 1}")
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the description
            chip.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            chip.clicked.connect(lambda _checked=False, n=i: self.accept(n))
            chip.hide()
            layout.addWidget(chip)
            self.chips.append(chip)
        layout.addStretch(1)
        owner = shortcut_parent or self
        self.shortcuts = []
        for i, key in enumerate(KEYS):
            sc = QShortcut(QKeySequence(key), owner)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(lambda n=i: self.accept(n))
            self.shortcuts.append(sc)
        if reload is not None:
            self._reload_timer = QTimer(self)
            self._reload_timer.setInterval(RELOAD_MS)
            self._reload_timer.timeout.connect(self.reload_model)
            self._reload_timer.start()
        self.retranslate()

    # -- input -----------------------------------------------------------------------------
    def set_text(self, text: str, area: str | None = None) -> None:
        """The description changed: suggest again once typing pauses."""
        self._text, self._area = text, area
        if len(text.strip()) < 2:  # empty or one character: nothing to suggest, no job
            self._timer.stop()
            self._flight.cancel()
            self._asked = (text, area)
            self._show([])
            return
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive() or self._flight.busy

    def _ask(self) -> None:
        text, area = self._text, self._area
        if (text, area) == self._asked:
            return
        self._asked = (text, area)
        suggest, status = self._suggest, self._status

        def job() -> tuple[list[SuggestionLike], Any]:
            got = list(suggest(text, area))
            return got, (status() if status is not None else None)

        self._flight.request(job, self._done)

    def _done(self, result: Any, error: BaseException | None) -> None:
        if error is not None:
            self._show([])
            return
        got, notice = result
        if self._text.strip() and len(self._text.strip()) >= 2:
            self._show(got)
        if notice is not None and getattr(notice, "mode", "model") != "model":
            self.notice.emit(self._notice_text(notice), "warn")

    def reload_model(self) -> None:
        """Pick up a model the sync loop wrote (off the UI thread); says the change once."""
        reload, status = self._reload, self._status
        if reload is None:
            return

        def job() -> Any:
            reload()
            return status() if status is not None else None

        def done(notice: Any, error: BaseException | None) -> None:
            if error is None and notice is not None:
                kind = "warn" if getattr(notice, "mode", "model") != "model" else "info"
                self.notice.emit(self._notice_text(notice), kind)

        self._runner.submit(job, done)

    def _notice_text(self, notice: Any) -> str:
        if getattr(notice, "mode", "") == "model":
            return QCoreApplication.translate("IntakeChips", "已换用新的智能分类模型。")
        return QCoreApplication.translate(
            "IntakeChips", "智能分类模型不可用，暂按知识库检索推荐事项。")

    # -- output ----------------------------------------------------------------------------
    def _show(self, got: Sequence[SuggestionLike]) -> None:
        self.suggestions = list(got)[:len(self.chips)]
        for i, chip in enumerate(self.chips):
            if i < len(self.suggestions):
                s = self.suggestions[i]
                chip.setText(fill(self.tr("%1 %2  %3%"), f"Alt+{i + 1}", s.matter,
                                  round(s.confidence * 100)))
                why = "、".join(s.why)
                chip.setToolTip(fill(self.tr("%1 / %2 / %3 · 依据：%4"), s.domain, s.subcategory,
                                     s.matter, why or "—"))
                chip.show()
            else:
                chip.setText("")
                chip.setToolTip("")
                chip.hide()
        self.label.setVisible(bool(self.suggestions))
        self.why_text = "、".join(self.suggestions[0].why) if self.suggestions else ""

    def accept(self, n: int) -> bool:
        """Choose suggestion ``n`` (0-based); False when there is none."""
        if not self.isEnabled() or n >= len(self.suggestions):
            return False
        self.accepted.emit(self.suggestions[n].matter)
        return True

    def retranslate(self) -> None:
        self.label.setText(self.tr("推荐事项："))
        self._show(self.suggestions)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _KBSearch:
    """The window's search port (``SearchFn`` returning dicts) in the shape
    ``Suggester`` routes with (objects with matter, score, title)."""

    def __init__(self, search: Callable[[str, str | None, int], list[dict[str, Any]]]) -> None:
        self._search = search

    def search(self, text: str, *, area: str | None = None, limit: int = 10) -> list[Any]:
        return [SimpleNamespace(matter=h.get("matter", ""), score=float(h.get("score", 0.0)),
                                title=h.get("title", ""))
                for h in self._search(text, area, limit)]


def default_suggester(window: Any) -> Any:
    """A Suggester over the seat's copy of the published model, with the window's KB search
    as the fallback."""
    return intake.Suggester(intake.model_path(config.open_home()), searcher=_KBSearch(window.services.search))


def install(window: Any, suggester: Any = None, *, delay_ms: int = DELAY_MS) -> IntakeChips:
    """Add the chips under the case form's description and wire them: typing suggests,
    Alt+1..3 (or a click) fills the matter, the fallback notice goes to the window's notice
    line once. Returns the widget (also ``window.intake_chips``)."""
    form = window.case_form
    s = suggester if suggester is not None else default_suggester(window)
    chips = IntakeChips(
        lambda text, area: s.suggest(text, area), window.runners.search, delay_ms=delay_ms,
        status=s.take_notice, reload=getattr(s, "maybe_reload", None),
        shortcut_parent=window, parent=form,
    )
    layout = form.ui.form
    row, _role = layout.getWidgetPosition(form.ui.descriptionEdit)
    layout.insertRow(row + 1, "", chips)
    edit = form.ui.descriptionEdit

    def on_text() -> None:
        chips.set_text(edit.toPlainText(), form.ui.areaCombo.currentText() or None)

    def on_accept(matter: str) -> None:
        form.ui.matterEdit.setText(matter)
        form.matter_chosen.emit(matter)

    edit.textChanged.connect(on_text)
    chips.accepted.connect(on_accept)
    chips.notice.connect(lambda text, kind: window.show_notice(text, kind))
    window.intake_chips = chips
    window.intake_suggester = s
    return chips

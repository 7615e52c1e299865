"""The idle lock: after ``minutes`` without input the window is covered until the password
of the signed-in user is typed again."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from seat_app.qt.forms.ui_lock_panel import Ui_LockPanel
from seat_app.qt.i18n import error_text

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.ContextMenu,
    }
)


class LockPanel(QWidget):
    """The opaque panel over a locked window: who is signed in, a password field (laid out
    in ui/lock_panel.ui; its colours are ``#lockPanel`` in resources/styles/seat.qss)."""

    unlock_requested = Signal(str)

    def __init__(self, parent: QWidget, who: str) -> None:
        super().__init__(parent)
        self.setObjectName("lockPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ui = Ui_LockPanel()
        self.ui.setupUi(self)
        self.title = self.ui.lockTitle
        font = self.title.font()
        font.setPointSize(font.pointSize() + 6)
        self.title.setFont(font)
        self.who = self.ui.lockWho
        self.who.setText(who)
        self.password = self.ui.lockPassword
        self.message = self.ui.lockMessage
        self.button = self.ui.unlockButton
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.failed = False
        """The last unlock attempt failed (its message follows the language)."""
        self.error: BaseException | None = None
        """Why the last attempt was refused before the password was checked (a lock, a wait:
        an error of the sign-in guard, shown in the UI language)."""
        self.retranslate()

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        if self.error is not None:
            self.message.setText(error_text(self.error, bare=True))
            return
        self.message.setText(self.tr("密码不正确，请重试。") if self.failed else "")

    def show_failure(self, failed: bool, error: BaseException | None = None) -> None:
        self.failed = failed
        self.error = error
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _submit(self) -> None:
        self.unlock_requested.emit(self.password.text())


class IdleLock(QObject):
    """Locks ``window`` after ``minutes`` of no input; ``check_password`` unlocks."""

    locked = Signal()
    unlocked = Signal()
    unlock_failed = Signal(int)
    """Wrong password; the argument counts failures since the lock."""

    def __init__(
        self,
        window: QMainWindow,
        minutes: float,
        check_password: Callable[[str], bool],
        *,
        who: str = "",
        install: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.check_password = check_password
        self.failures = 0
        self.last_input = time.monotonic()
        """When the last user input reached the application (monotonic seconds)."""
        self.panel = LockPanel(window, who)
        self.panel.hide()
        self.panel.unlock_requested.connect(self.try_unlock)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self.set_minutes(minutes)
        self.shortcut = QShortcut(QKeySequence("Ctrl+L"), window)
        self.shortcut.activated.connect(self.lock_now)
        if install:
            self.install()

    # -- public -----------------------------------------------------------------------

    _locked = False

    @property
    def is_locked(self) -> bool:
        return self._locked

    def set_minutes(self, minutes: float) -> None:
        """0 or less turns the idle lock off (Ctrl+L still locks)."""
        self.minutes = minutes
        self.timer.stop()
        if minutes > 0:
            self.timer.setInterval(max(1, int(minutes * 60_000)))
            if not self._locked:
                self.timer.start()

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.window.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.window.removeEventFilter(self)
        self.timer.stop()

    def lock_now(self) -> None:
        if self._locked:
            return
        self._locked = True
        self.timer.stop()
        self.failures = 0
        self.panel.show_failure(False)
        self.panel.password.clear()
        self.panel.setGeometry(self.window.rect())
        self.panel.show()
        self.panel.raise_()
        self.panel.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.locked.emit()

    def try_unlock(self, password: str) -> bool:
        """The password goes through the sign-in guard (``SignedIn.check_password``): wrong
        passwords count for the work number and the seat, and a lock or a wait is said; the
        window stays locked."""
        error: BaseException | None = None
        try:
            ok = bool(password) and self.check_password(password)
        except Exception as exc:  # a guard refusal or an unreachable database
            if getattr(exc, "zh", None) is None:
                raise
            ok, error = False, exc
        self.panel.password.clear()
        if not ok:
            self.failures += 1
            self.panel.show_failure(True, error)
            self.unlock_failed.emit(self.failures)
            return False
        self._locked = False
        self.panel.hide()
        self.panel.show_failure(False)
        if self.minutes > 0:
            self.timer.start()
        self.unlocked.emit()
        return True

    # -- event filter -----------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        etype = event.type()
        if obj is self.window and etype == QEvent.Type.Resize and self._locked:
            self.panel.setGeometry(self.window.rect())
        if etype not in INPUT_EVENTS:
            return False
        if not self._locked:
            self.last_input = time.monotonic()
            if self.minutes > 0:
                self.timer.start()  # restart the idle countdown
            return False
        # Locked: input reaches only the lock panel (and other top-level windows).
        return isinstance(obj, QWidget) and self._inside_window(obj) and not self._inside_panel(obj)

    def _inside_window(self, widget: QWidget) -> bool:
        return widget is self.window or self.window.isAncestorOf(widget)

    def _inside_panel(self, widget: QWidget) -> bool:
        return widget is self.panel or self.panel.isAncestorOf(widget)

"""The sign-in dialog: work number, password, "remember me" (kept in the OS keyring)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from seat_app.domain.roles import LIMITS
from seat_app.qt.forms.ui_sign_in import Ui_SignInDialog
from seat_app.qt.i18n import error_text
from seat_app.services.security import auth, secrets

SignInFn = Callable[[str, str, bool], "auth.SignedIn"]


def _keyring_problem() -> BaseException | None:
    """Why "remember me" cannot be offered (an insecure keyring backend), or None."""
    try:
        secrets.check_keyring_secure()
    except secrets.InsecureKeyring as exc:
        return exc
    return None


class SignInDialog(QDialog):
    """Asks for the work number and password; ``session`` is set when accepted. Laid out
    in ui/sign_in.ui.

    Its texts follow the UI language (``seat_app.qt.i18n``), also while it is open; an
    error from the sign-in service shows its English variant when the UI is English.
    ``language`` is kept for callers that pass it; the UI language decides."""

    def __init__(
        self,
        central_url: str,
        *,
        sign_in: SignInFn | None = None,
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.central_url = central_url
        self.language = language
        self._message: Callable[[], str] = lambda: ""
        self.session: auth.SignedIn | None = None
        self._sign_in = sign_in or (lambda w, p, r: auth.sign_in(central_url, w, p, remember=r))
        self._keyring_problem: BaseException | None = None
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self.work_no = self.ui.workNoEdit
        self.work_no.setMaxLength(LIMITS["work_no"])
        self.password = self.ui.passwordEdit
        self.password.setMaxLength(LIMITS["password"])
        self.remember = self.ui.rememberCheck
        self.message = self.ui.signInMessage  # red: QLabel#signInMessage in seat.qss
        self.work_no_label = self.ui.workNoLabel
        self.password_label = self.ui.passwordLabel
        self.buttons = buttons = self.ui.buttonBox
        buttons.installEventFilter(self)  # it resets its standard buttons on LanguageChange
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        self._keyring_problem = _keyring_problem()
        if self._keyring_problem is not None:  # said before the user relies on it
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
        remembered = auth.remembered_work_no(central_url)
        if remembered:
            self.work_no.setText(remembered)
            self.remember.setChecked(True)
            self.password.setFocus()
        else:
            self.work_no.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        problem = self._keyring_problem
        self.remember.setToolTip(error_text(problem, bare=True) if problem is not None else "")
        self._button_texts()
        text = self._message()
        if text:
            self.message.setText(text)

    def _button_texts(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.buttons and event.type() == QEvent.Type.LanguageChange:
            obj.event(event)  # Qt's own texts first, then ours over them
            self._button_texts()
            return True
        return super().eventFilter(obj, event)

    def show_message(self, text: Callable[[], str] | str) -> None:
        """Show ``text`` (a function is asked again after a language switch)."""
        self._message = text if callable(text) else (lambda: text)
        self.message.setText(self._message())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def try_sign_in(self) -> bool:
        work_no = self.work_no.text().strip()
        password = self.password.text()
        if not work_no or not password:
            self.show_message(lambda: self.tr("请输入工号和密码。"))
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.session = self._sign_in(work_no, password, self.remember.isChecked())
        except auth.AuthError as exc:
            self.show_message(lambda e=exc: error_text(e, bare=True))
            self.password.clear()
            self.password.setFocus()
            return False
        except Exception as exc:  # noqa: BLE001 - the database may be unreachable
            detail = (secrets.redact(str(exc)).splitlines() or [type(exc).__name__])[0]
            self.show_message(lambda d=detail: self.tr("无法连接中心数据库：") + d)
            self.password.clear()
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.password.clear()
        self.accept()
        return True

    @classmethod
    def run(cls, central_url: str, *, language: str | None = None) -> auth.SignedIn | None:
        """Sign in with the remembered credential if it still works, else ask."""
        session = auth.sign_in_remembered(central_url)
        if session is not None:
            return session
        dialog = cls(central_url, language=language)
        return dialog.session if dialog.exec() == QDialog.DialogCode.Accepted else None

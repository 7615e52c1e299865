"""The sign-in dialog: work number, password, "remember me" (kept in the OS keyring)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.roles import LIMITS
from seat_app.services import auth

SignInFn = Callable[[str, str, bool], "auth.SignedIn"]


class SignInDialog(QDialog):
    """Asks for the work number and password; ``session`` is set when accepted."""

    def __init__(
        self, central_url: str, *, sign_in: SignInFn | None = None, language: str = "zh",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.central_url = central_url
        self.language = language
        self.session: auth.SignedIn | None = None
        self._sign_in = sign_in or (
            lambda w, p, r: auth.sign_in(central_url, w, p, remember=r)
        )
        self.setWindowTitle(self.tr("登录 Seat 12345"))
        self.work_no = QLineEdit(self)
        self.work_no.setObjectName("workNoEdit")
        self.work_no.setMaxLength(LIMITS["work_no"])
        self.password = QLineEdit(self)
        self.password.setObjectName("passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(LIMITS["password"])
        self.remember = QCheckBox(self.tr("记住我（密码保存在系统钥匙串中）"), self)
        self.remember.setObjectName("rememberCheck")
        self.message = QLabel("", self)
        self.message.setObjectName("signInMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("工号"), self.work_no)
        form.addRow(self.tr("密码"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        remembered = auth.remembered_work_no(central_url)
        if remembered:
            self.work_no.setText(remembered)
            self.remember.setChecked(True)
            self.password.setFocus()
        else:
            self.work_no.setFocus()

    def try_sign_in(self) -> bool:
        work_no = self.work_no.text().strip()
        password = self.password.text()
        if not work_no or not password:
            self.message.setText(self.tr("请输入工号和密码。"))
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.session = self._sign_in(work_no, password, self.remember.isChecked())
        except auth.AuthError as exc:
            self.message.setText(exc.message(self.language))
            self.password.clear()
            self.password.setFocus()
            return False
        except Exception as exc:  # noqa: BLE001 - the database may be unreachable
            from seat_app.services.secrets import redact

            self.message.setText(self.tr("无法连接中心数据库：") + redact(str(exc)).splitlines()[0])
            self.password.clear()
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.password.clear()
        self.accept()
        return True

    @classmethod
    def run(cls, central_url: str, *, language: str = "zh") -> auth.SignedIn | None:
        """Sign in with the remembered credential if it still works, else ask."""
        session = auth.sign_in_remembered(central_url)
        if session is not None:
            return session
        dialog = cls(central_url, language=language)
        return dialog.session if dialog.exec() == QDialog.DialogCode.Accepted else None

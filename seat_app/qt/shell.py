"""The application shell: who is signed in, and which window their role opens.

``Shell`` signs the user in (the credential remembered in the OS keyring when it still
works, else the sign-in dialog), opens the window of the user's role, installs the idle lock
(``Settings.idle_lock_minutes``; Ctrl+L locks at once) and an account menu (lock, sign out
Ctrl+Shift+Q), and shows the work number and name in the status bar. Signing out closes the
window (a seat window keeps an unsaved case as a draft), forgets the remembered credential
and shows the dialog again.

``ROLE_VIEWS`` is the one place that decides the view of a role: each entry is a function
``(ShellContext) -> OpenedView``. A role view plugs in by adding (or replacing) its entry.
The role folders are lazy packages (``seat_app._lazy``): a view's modules load only when a
user of its role signs in (a lead never loads the seat window).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QWidget

from seat_app import demo as demo_data
from seat_app.domain.messages import UserMessage
from seat_app.domain.roles import Role
from seat_app.qt import i18n, kb_editor, lead, quality, seat, trainer, unit
from seat_app.qt.lock import IdleLock, SignInDialog
from seat_app.qt.workers import SeatRunners, ThreadRunner
from seat_app.services.config import SeatHome
from seat_app.services.deploy import ClientTooOld, require_client_version
from seat_app.services.dispatch.seat_view import unit_code_for
from seat_app.services.security import auth
from seat_app.services.security.secrets import redact
from seat_app.services.store.engine import make_engine

log = logging.getLogger(__name__)

LOCK_KEYS = "Ctrl+L"
SIGN_OUT_KEYS = "Ctrl+Shift+Q"


def role_label(role: Role | str) -> str:
    """A role's name in the UI language."""
    role = Role(role)
    return {
        Role.AGENT: QCoreApplication.translate("Shell", "话务员"),
        Role.LEAD: QCoreApplication.translate("Shell", "班长"),
        Role.UNIT: QCoreApplication.translate("Shell", "承办单位"),
        Role.TRAINER: QCoreApplication.translate("Shell", "培训师"),
        Role.ADMIN: QCoreApplication.translate("Shell", "管理员"),
        Role.INSPECTOR: QCoreApplication.translate("Shell", "质检员"),
        Role.KB_EDITOR: QCoreApplication.translate("Shell", "知识库编辑"),
    }.get(role, role.value)


class ViewUnavailable(UserMessage):
    """The role's view cannot open for this user (e.g. a unit user without a known unit)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh, en)


@dataclass
class ShellContext:
    """What a role view needs to open: the home, who is signed in, their central engine."""

    home: SeatHome
    work_no: str
    name: str
    role: Role
    session: auth.SignedIn | None = None
    """None only when authentication is skipped explicitly (``--measure-startup``)."""
    language: str = "zh"
    demo: bool = False
    translations: Any = None

    @property
    def engine(self) -> Any:
        """The signed-in user's central engine (on PostgreSQL: logged in as that user)."""
        return self.session.engine if self.session is not None else None

    @property
    def unit(self) -> str:
        return self.session.user.unit if self.session is not None else ""


@dataclass
class OpenedView:
    """A role's main window and how to clean up after it has closed."""

    window: QMainWindow
    start: Callable[[], None] = lambda: None
    close: Callable[[], None] = lambda: None
    extra: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------------- role views
def open_seat_view(ctx: ShellContext) -> OpenedView:
    """The agent's seat window on the real services, as the signed-in agent."""
    # lazy: start-up: the seat's services (local store, sync, queue) load only for an agent
    from seat_app.qt.wiring import build_services

    services, closers = build_services(
        ctx.home, demo=ctx.demo, work_no=ctx.work_no, central_engine=ctx.engine
    )
    runners = SeatRunners.threads()
    window = seat.SeatWindow(
        services,
        runners=runners,
        sync_poll_ms=int(max(0.5, ctx.home.settings.sync_interval_s) * 1000),
        language=ctx.language,
    )
    if ctx.translations is not None:
        window.language_change_requested.connect(ctx.translations.apply)
    # the telephone chosen in settings (manual desk-phone intake by default): screen pop,
    # F2/F4 through the phone, call records centrally or through the outbox
    phone = seat.install_phone_from_settings(
        window,
        ctx.home.settings.telephony,
        central_engine=ctx.engine,
        local_store=getattr(services.drafts, "store", None),
        start=False,
    )

    def start() -> None:
        window.start()
        phone.start()

    def close() -> None:
        phone.stop()
        runners.wait(5000)
        for closer in closers:
            try:
                closer()
            except Exception:
                log.exception("closing a service failed")

    return OpenedView(window, start=start, close=close, extra={"runners": runners, "phone": phone})


class RoleWindow(QMainWindow):
    """A main window holding a role view that is a plain widget (lead console, unit view).

    ``title`` is a text, or a function giving it in the UI language (asked again on each
    language switch)."""

    def __init__(
        self, view: QWidget, title: str | Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roleWindow")
        self.view = view
        self.title = title if callable(title) else (lambda: title)
        self.setCentralWidget(view)
        self.setWindowTitle(self.title())
        self.statusBar()
        self.resize(1280, 800)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.title())
        super().changeEvent(event)


def _own_engine(ctx: ShellContext) -> tuple[Any, Callable[[], None]]:
    if ctx.engine is not None:
        return ctx.engine, lambda: None
    engine = make_engine(ctx.home.central_url)
    return engine, engine.dispose


def open_lead_view(ctx: ShellContext) -> OpenedView:
    """The team lead's console (seat_app/qt/lead) on the lead's central connection."""
    engine, dispose = _own_engine(ctx)
    runner = ThreadRunner(1, "lead-central")
    # the heartbeat sweep and the slower figures on a thread of their own: never in a poll's way
    background = ThreadRunner(1, "lead-console-background")
    console = lead.open_console(
        engine,
        lead=ctx.work_no,
        runner=runner,
        language=ctx.language,
        role=Role(ctx.role).value,
        background_runner=background,
    )
    window = RoleWindow(
        console,
        lambda: (
            QCoreApplication.translate("Shell", "班长监控台 — %1 %2")
            .replace("%1", ctx.work_no)
            .replace("%2", ctx.name)
        ),
    )
    extra: dict[str, Any] = {"console": console}
    # the capabilities' tabs: the alerts inbox (hot topics, clusters, surges) and QA charts
    inbox = lead.open_alerts_inbox(engine, ctx.work_no, runner)
    console.add_tab(inbox, lambda: QCoreApplication.translate("Shell", "预警"))
    extra["alerts"] = inbox
    if ctx.session is not None:  # QA works on the signed-in lead's own connection
        charts = quality.QACharts(quality.services_port(ctx.session).report, runner)
        console.add_tab(charts, lambda: QCoreApplication.translate("Shell", "质检"))
        extra["qa_charts"] = charts

    def start() -> None:
        console.start()
        inbox.refresh()
        if "qa_charts" in extra:
            extra["qa_charts"].show_month(f"{date.today():%Y-%m}")

    def close() -> None:
        console.stop()
        runner.wait(3000)
        background.wait(3000)
        dispose()

    return OpenedView(window, start=start, close=close, extra=extra)


def _role_folder_view(
    opener: Callable[[ShellContext], Any],
) -> Callable[[ShellContext], OpenedView]:
    """A view of a role folder (trainer, quality, kb_editor): those may not import the shell,
    so they return their own (window, start, close, extra) record, wrapped here."""

    def open_view(ctx: ShellContext) -> OpenedView:
        opened = opener(ctx)
        return OpenedView(opened.window, start=opened.start, close=opened.close, extra=opened.extra)

    return open_view


def open_trainer_role_view(ctx: ShellContext) -> OpenedView:
    """The trainer's console (seat_app/qt/trainer)."""
    return _role_folder_view(trainer.open_trainer_view)(ctx)


def open_inspector_view(ctx: ShellContext) -> OpenedView:
    """The inspector's quality workbench (seat_app/qt/quality)."""
    return _role_folder_view(quality.open_quality_view)(ctx)


def open_maintainer_view(ctx: ShellContext) -> OpenedView:
    """The knowledge maintainer's workbench (seat_app/qt/kb_editor)."""
    return _role_folder_view(kb_editor.open_kb_editor_view)(ctx)


def open_unit_role_view(ctx: ShellContext) -> OpenedView:
    """The handling unit's view (seat_app/qt/unit) for the unit the user is bound to."""
    engine, dispose = _own_engine(ctx)
    try:
        code = unit_code_for(engine, ctx.unit)
    except Exception as exc:  # noqa: BLE001 - e.g. no right to read units
        log.warning("unit lookup failed: %s", exc)
        code = None
    if code is None:
        dispose()
        raise ViewUnavailable(
            f"工号 {ctx.work_no} 绑定的承办单位“{ctx.unit}”在网格中不存在，请联系管理员。",
            f"The handling unit {ctx.unit!r} of work number {ctx.work_no} is not in the grid; "
            "ask an administrator.",
        )
    runner = ThreadRunner(1, "unit-central")
    view = unit.open_unit_view(engine, code, actor=ctx.work_no, runner=runner)
    window = RoleWindow(
        view,
        lambda: (
            QCoreApplication.translate("Shell", "承办单位工作台 — %1（%2 %3）")
            .replace("%1", ctx.unit)
            .replace("%2", ctx.work_no)
            .replace("%3", ctx.name)
        ),
    )

    def close() -> None:
        runner.wait(3000)
        dispose()

    return OpenedView(window, close=close, extra={"unit_code": code, "view": view})


def open_my_evaluations_view(ctx: ShellContext) -> OpenedView:
    """An agent's own quality evaluations, with item feedback and disputes (qt/quality)."""
    return _role_folder_view(quality.open_my_evaluations)(ctx)


SIDE_VIEWS: dict[str, tuple[frozenset[Role], Callable[[ShellContext], OpenedView]]] = {
    "my_evaluations": (frozenset({Role.AGENT}), open_my_evaluations_view),
    "quality": (frozenset({Role.LEAD}), open_inspector_view),
    "kb_editor": (frozenset({Role.LEAD, Role.ADMIN}), open_maintainer_view),
}
"""Windows of other capabilities a role opens from its account menu, beside its own."""


ROLE_VIEWS: dict[Role, Callable[[ShellContext], OpenedView]] = {
    Role.AGENT: open_seat_view,
    Role.LEAD: open_lead_view,
    Role.UNIT: open_unit_role_view,
    Role.TRAINER: open_trainer_role_view,
    Role.ADMIN: open_seat_view,  # admins work mostly through seat-admin
    Role.INSPECTOR: open_inspector_view,
    Role.KB_EDITOR: open_maintainer_view,
}
"""Which window each role opens: the one place role views plug in."""


def view_for(role: Role | str) -> Callable[[ShellContext], OpenedView]:
    return ROLE_VIEWS.get(Role(role), open_seat_view)


# ----------------------------------------------------------------------------- the shell
class Shell(QObject):
    """Sign-in, the role's window, idle lock and sign-out, for one application."""

    signed_in = Signal(object)
    """A ``SignedIn`` whose window is now open."""
    signed_out = Signal(str)
    """The work number that signed out (the sign-in dialog is showing again)."""

    def __init__(
        self,
        home: SeatHome,
        *,
        language: str = "zh",
        demo: bool = False,
        translations: Any = None,
        idle_minutes: float | None = None,
        role_views: dict[Role, Callable[[ShellContext], OpenedView]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.home = home
        self.language = language
        self.demo = demo
        self.translations = translations
        self.idle_minutes = idle_minutes
        self.role_views = role_views if role_views is not None else ROLE_VIEWS
        self.session: auth.SignedIn | None = None
        self.view: OpenedView | None = None
        self.window: QMainWindow | None = None
        self.lock: IdleLock | None = None
        self.dialog: SignInDialog | None = None
        self.user_label: QLabel | None = None
        self.account_actions: dict[str, QAction] = {}
        self._side_views: list[OpenedView] = []
        self.ever_signed_in = False
        self._ctx: ShellContext | None = None
        i18n.notifier().language_changed.connect(self._on_language_changed)

    # -- sign-in ------------------------------------------------------------------------
    def begin(self, *, use_remembered: bool = True) -> None:
        """Sign in from the keyring if "remember me" was chosen and still works, else ask."""
        session, message = None, ""
        if use_remembered:
            try:
                session = auth.sign_in_remembered(self.home.central_url)
            except Exception as exc:  # noqa: BLE001 - e.g. the central database is away
                log.warning("remembered sign-in failed: %s", exc)
                detail = redact(str(exc)).splitlines()[0] if str(exc) else type(exc).__name__
                message = lambda d=detail: self.tr("无法连接中心数据库：") + d  # noqa: E731
        if session is not None:
            self.enter(session)
        else:
            self.ask(message)

    def ask(self, message: str | Callable[[], str] = "") -> SignInDialog:
        """Show the sign-in dialog (non-blocking); accepted -> the role's window opens.
        ``message`` may be a function (asked again after a language switch)."""
        dialog = SignInDialog(self.home.central_url)
        dialog.setObjectName("signInDialog")
        if self.demo:
            self._add_demo_hint(dialog)
        if message:
            dialog.show_message(message)
        dialog.accepted.connect(lambda: self._on_dialog_accepted(dialog))
        dialog.rejected.connect(self._on_dialog_rejected)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _add_demo_hint(self, dialog: SignInDialog) -> None:
        hint = QLabel(dialog)
        hint.setObjectName("demoHint")
        _DemoHintRetranslator(hint, demo_data.DEMO_PASSWORD)
        hint.setWordWrap(True)
        hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dialog.layout().insertWidget(0, hint)
        dialog.demo_hint = hint  # type: ignore[attr-defined]
        if not dialog.work_no.text():
            dialog.work_no.setText(demo_data.DEMO_AGENT)
        dialog.password.setFocus()

    def _on_dialog_accepted(self, dialog: SignInDialog) -> None:
        if dialog is self.dialog:
            self.dialog = None
        if dialog.session is not None:
            self.enter(dialog.session)

    def _on_dialog_rejected(self) -> None:
        self.dialog = None
        if self.window is None:
            app = QApplication.instance()
            if app is not None:
                app.quit()

    # -- the role's window ---------------------------------------------------------------
    def enter(self, session: auth.SignedIn) -> QMainWindow | None:
        """Open the window of ``session``'s role, with the idle lock and the account menu."""
        ctx = ShellContext(
            self.home,
            session.work_no,
            session.user.name,
            session.role,
            session,
            language=self.language,
            demo=self.demo,
            translations=self.translations,
        )
        try:  # the central database may require a newer Seat: say so, open nothing
            require_client_version(session.engine)
        except ClientTooOld as exc:
            auth.sign_out(session)
            refusal = exc  # the name ``exc`` is gone after the except block
            self.ask(lambda: i18n.error_text(refusal, bare=True))
            return None
        try:
            view = self.role_views.get(session.role, open_seat_view)(ctx)
        except ViewUnavailable as exc:
            auth.sign_out(session)
            unavailable = exc  # the name ``exc`` is gone after the except block
            self.ask(lambda: i18n.error_text(unavailable, bare=True))
            return None
        self.session = session
        self.ever_signed_in = True
        self._ctx = ctx
        self._install(view, ctx)
        view.window.show()
        view.start()
        self.signed_in.emit(session)
        return view.window

    def open_without_sign_in(
        self, work_no: str, name: str = "", role: Role = Role.AGENT
    ) -> OpenedView:
        """Open a role's window with authentication skipped explicitly (no dialog, no lock):
        for ``--measure-startup`` and ``--screenshot`` only, never for people."""
        ctx = ShellContext(
            self.home,
            work_no,
            name,
            role,
            None,
            language=self.language,
            demo=self.demo,
            translations=self.translations,
        )
        view = self.role_views.get(role, open_seat_view)(ctx)
        self.view, self.window = view, view.window
        return view

    def _install(self, view: OpenedView, ctx: ShellContext) -> None:
        window = view.window
        self.view, self.window = view, window
        who = self.who(ctx)
        minutes = (
            self.idle_minutes
            if self.idle_minutes is not None
            else self.home.settings.idle_lock_minutes
        )
        assert ctx.session is not None
        self.lock = IdleLock(window, minutes, ctx.session.check_password, who=who)
        self.lock.shortcut.setEnabled(False)  # the account menu's action carries Ctrl+L
        self.user_label = QLabel(who)
        self.user_label.setObjectName("signedInUser")
        window.statusBar().insertPermanentWidget(0, self.user_label)
        self._add_account_menu(window, who)

    def who(self, ctx: ShellContext) -> str:
        """The signed-in user, in the UI language."""
        role = role_label(ctx.role)
        return (
            self.tr("工号 %1 %2（%3）")
            .replace("%1", ctx.work_no)
            .replace("%2", ctx.name)
            .replace("%3", role)
        )

    def _add_account_menu(self, window: QMainWindow, who: str) -> None:
        menu = window.menuBar().addMenu("")
        menu.setObjectName("accountMenu")
        user = QAction(who, window)
        user.setObjectName("action_account_user")
        user.setEnabled(False)
        lock = QAction(window)
        lock.setObjectName("action_lock")
        lock.setShortcut(QKeySequence(LOCK_KEYS))
        lock.triggered.connect(lambda _c=False: self.lock.lock_now() if self.lock else None)
        sign_out = QAction(window)
        sign_out.setObjectName("action_sign_out")
        sign_out.setShortcut(QKeySequence(SIGN_OUT_KEYS))
        sign_out.triggered.connect(lambda _c=False: self.sign_out())
        actions = {"user": user, "lock": lock, "sign_out": sign_out}
        role = Role(self._ctx.role) if self._ctx is not None else None
        for name, (roles, _opener) in SIDE_VIEWS.items():
            if role in roles:  # another capability's window, opened beside the role's own
                side = QAction(window)
                side.setObjectName(f"action_open_{name}")
                side.triggered.connect(lambda _c=False, n=name: self.open_side_view(n))
                actions[name] = side
        if getattr(window, "language_change_requested", None) is None:
            # a role view without its own language menu: the account menu switches
            for lang in i18n.LANGUAGES:
                switch = QAction(window)
                switch.setObjectName(f"action_account_lang_{lang}")
                switch.triggered.connect(lambda _c=False, lg=lang: self.switch_language(lg))
                actions[f"lang_{lang}"] = switch
        for name, action in actions.items():
            if name == "lang_zh":
                menu.addSeparator()
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            menu.addAction(action)
            window.addAction(action)
        self.account_menu = menu
        self.account_actions = actions
        listed = getattr(window, "actions_by_name", None)  # the seat window's F1 sheet
        if isinstance(listed, dict):
            listed["account_lock"] = lock
            listed["account_sign_out"] = sign_out
        self._retranslate()

    def _retranslate(self) -> None:
        if not self.account_actions:
            return
        self.account_menu.setTitle(self.tr("账户(&A)"))
        self.account_actions["lock"].setText(self.tr("锁定座席"))
        self.account_actions["sign_out"].setText(self.tr("退出登录"))
        side_titles = {
            "my_evaluations": self.tr("我的质检评价"),
            "quality": self.tr("质检工作台"),
            "kb_editor": self.tr("知识库维护"),
        }
        for name, title in side_titles.items():
            if name in self.account_actions:
                self.account_actions[name].setText(title)
        if "lang_zh" in self.account_actions:
            self.account_actions["lang_zh"].setText(self.tr("中文"))
            self.account_actions["lang_en"].setText(self.tr("English"))
        if self._ctx is not None:
            who = self.who(self._ctx)
            self.account_actions["user"].setText(who)
            if self.user_label is not None:
                self.user_label.setText(who)
            if self.lock is not None:
                self.lock.panel.who.setText(who)

    def switch_language(self, language: str) -> None:
        """Switch the whole application (from the account menu of a role window)."""
        translations = self.translations
        if translations is None:
            translations = self.translations = i18n.Translations()
        translations.apply(language)

    def _on_language_changed(self, language: str) -> None:
        self.language = language
        self._retranslate()

    # -- sign-out -------------------------------------------------------------------------
    def sign_out(self) -> SignInDialog | None:
        """Close the window, record the sign-out, forget "remember me", ask again."""
        session = self.session
        if session is None:
            return None
        work_no = session.work_no
        dialog = self.ask()  # shown before the window closes: the application keeps running
        self._close_window()
        try:
            auth.sign_out(session, forget=True)
        except Exception:
            log.exception("recording the sign-out failed")
        self.session = None
        self.signed_out.emit(work_no)
        return dialog

    def open_side_view(self, name: str) -> OpenedView | None:
        """Open another capability's window for the signed-in user (e.g. an agent's own QA
        evaluations); it closes with the user's window."""
        if self._ctx is None:
            return None
        view = SIDE_VIEWS[name][1](self._ctx)
        self._side_views.append(view)
        view.window.show()
        view.start()
        return view

    def _close_window(self) -> None:
        for side in self._side_views:
            side.window.close()
            side.close()
            side.window.deleteLater()
        self._side_views = []
        view, lock = self.view, self.lock
        self.view = self.window = self.lock = None
        self.user_label = None
        self.account_actions = {}
        self._ctx = None
        if lock is not None:
            lock.uninstall()
        if view is not None:
            view.window.close()
            view.close()
            view.window.deleteLater()

    def shutdown(self) -> None:
        """At the application's end: close what is open; a remembered credential stays."""
        session = self.session
        self._close_window()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        if session is not None:
            self.session = None
            try:
                auth.sign_out(session)
            except Exception:
                log.exception("recording the sign-out failed")


def run_shell(
    app: QApplication,
    home: SeatHome,
    *,
    language: str = "zh",
    demo: bool = False,
    translations: Any = None,
) -> int:
    """``seat-app``'s normal start: sign in, the role's window, until the last window closes."""
    shell = Shell(home, language=language, demo=demo, translations=translations)
    if demo:
        try:
            demo_data.ensure_demo_users(home)  # a demo home from before the demo users
        except Exception:
            log.exception("adding the demo users failed")
    try:
        shell.begin()
    except Exception as exc:
        log.exception("start-up failed")
        QMessageBox.critical(
            None, QCoreApplication.translate("Shell", "无法启动"), redact(str(exc))
        )
        return 1
    code = app.exec() if (shell.window is not None or shell.dialog is not None) else 0
    shell.shutdown()
    return code


class _DemoHintRetranslator(QObject):
    """Keeps the demo hint on the sign-in dialog in the UI language."""

    def __init__(self, hint: QLabel, password: str) -> None:
        super().__init__(hint)
        self.hint = hint
        self.password = password
        hint.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        users = "; ".join(
            f"{u['work_no']} {u['name']} {role_label(u['role'])}"
            + (f" ({u['unit']})" if u.get("unit") else "")
            for u in demo_data.DEMO_USERS
        )
        self.hint.setText(
            QCoreApplication.translate("Shell", "演示环境：所有演示用户的密码都是 %1").replace(
                "%1", self.password
            )
            + "\n"
            + users
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.hint and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

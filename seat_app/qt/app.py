"""``seat-app``: the agent's seat window.

Options: ``--demo`` (embedded default with demo data on SEAT_HOME; offers to create it),
``--lang en``, ``--home DIR``, ``--measure-startup`` (start, wait until the window is usable,
print {"startup_s", "rss_mb"} as one JSON line and exit).

A normal start signs in first (``seat_app.qt.shell``: the sign-in dialog, or the credential
"remember me" kept in the OS keyring) and opens the window of the user's role
(``shell.ROLE_VIEWS``) with the idle lock and an account menu (Ctrl+L lock, Ctrl+Shift+Q
sign out). ``--measure-startup`` and ``--screenshot`` skip authentication explicitly (no
person at the keyboard): they open the seat window as the demo agent 1001, with no dialog and
no lock, so the start-up figure stays the seat window's own.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

_T0 = time.perf_counter()

from PySide6.QtCore import QCoreApplication, Qt, QTimer  # noqa: E402 - after _T0 on purpose
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog  # noqa: E402

from seat_app import demo  # noqa: E402 - a lazy package: the generators load when asked for
from seat_app.domain.case import Handling  # noqa: E402
from seat_app.domain.queue import SeatState  # noqa: E402
from seat_app.qt import callback, lead, seat, setup, unit  # noqa: E402 - lazy packages
from seat_app.qt.i18n import Translations  # noqa: E402
from seat_app.qt.workers import SeatRunners  # noqa: E402
from seat_app.services.config import open_home, resources_dir  # noqa: E402
from seat_app.services.deploy.preset import apply_preset, find_preset  # noqa: E402
from seat_app.services.deploy.setup import remembered_home_missing  # noqa: E402
from seat_app.services.logs import setup_logging  # noqa: E402
from seat_app.services.security.secrets import install_log_redaction  # noqa: E402
from seat_app.services.store.engine import check_home_central  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="seat-app", description="运城12345 座席 (Seat agent window)"
    )
    parser.add_argument("--demo", action="store_true", help="embedded default with demo data")
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="UI language")
    parser.add_argument("--home", help="data folder (default: $SEAT_HOME or the user data folder)")
    parser.add_argument(
        "--measure-startup", action="store_true", help="print startup figures and exit"
    )
    parser.add_argument("--screenshot", help=argparse.SUPPRESS)
    parser.add_argument("--script-demo", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--role",
        choices=("agent", "lead", "unit", "callback"),
        default="agent",
        help="demo previews without sign-in (with --demo only). agent: the seat window; lead: the team lead's console; "
        "unit: a handling unit's view (--unit CODE); callback: callback surveys",
    )
    parser.add_argument("--unit", default="", help="the handling unit's code (with --role unit)")
    return parser.parse_args(argv)


def _process_start_elapsed() -> float:
    """Seconds since this process started: interpreter start, imports and all.

    Linux: the process start in clock ticks since boot (/proc/self/stat, field 22) against
    the same clock now (CLOCK_BOOTTIME), so no whole-second boot time (/proc/stat btime)
    enters the figure; the error is under one tick (10 ms). Elsewhere psutil's create time.
    Never less than the time since this module was imported (a cross-check)."""
    since_import = time.perf_counter() - _T0
    elapsed = _proc_start_elapsed()
    if elapsed is None:
        try:
            import psutil

            elapsed = time.time() - psutil.Process().create_time()
        except Exception:  # noqa: BLE001 - no psutil or no permission: the lower bound
            elapsed = None
    return max(elapsed, since_import) if elapsed is not None else since_import


def _proc_start_elapsed() -> float | None:
    """Seconds since the process started, from /proc in clock ticks (None without /proc)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        now = time.clock_gettime(time.CLOCK_BOOTTIME)
        return now - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            kb = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
        return round(kb / 1024, 1)
    except (OSError, ValueError, StopIteration):
        import psutil

        return round(psutil.Process().memory_info().rss / 2**20, 1)


def _load_style(app) -> None:
    qss = resources_dir() / "styles" / "seat.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text("utf-8"))


def _ensure_demo(home, lang: str, parent=None) -> bool:
    """The home holds demo data, or the user is told how to make it (or it is made now)."""
    if home.central_db_path.exists() and home.index_dir.exists():
        return True
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("SeatApp", "还没有演示数据"))
    box.setText(
        QCoreApplication.translate(
            "SeatApp",
            "数据目录 %1 中还没有演示数据。\n\n可以在终端运行：\n    seat-admin demo init\n或者现在就生成（约一分钟）。",
        ).replace("%1", str(home.root))
    )
    create = box.addButton(
        QCoreApplication.translate("SeatApp", "现在生成"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("SeatApp", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not create:
        return False
    dialog = QProgressDialog(
        QCoreApplication.translate("SeatApp", "正在生成演示数据…"), "", 0, 100, parent
    )
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.show()

    def progress(stage: str, done: int, total: int) -> None:
        dialog.setLabelText(f"{stage} {done}/{total}")
        dialog.setValue(int(100 * done / total) if total else 100)
        QApplication.processEvents()

    try:
        demo.init_demo(home, force=home.central_db_path.exists(), progress=progress)
    except demo.DemoExists:
        pass
    except Exception as exc:  # noqa: BLE001
        dialog.close()
        QMessageBox.critical(parent, QCoreApplication.translate("SeatApp", "生成失败"), str(exc))
        return False
    dialog.close()
    return True


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.home:
        os.environ["SEAT_HOME"] = str(Path(args.home).expanduser())
    logging.basicConfig(level=os.environ.get("SEAT_LOG", "WARNING"))
    install_log_redaction()  # no password or token reaches a log

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("seat")
    app.setApplicationDisplayName("Seat 12345")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "seat-app.svg")))
    app.setDesktopFileName("seat-app")
    try:  # a damaged settings.json, preset or central file: say so and stop, never start fresh
        home = open_home()
        preset = find_preset()  # IT's site preset: its locked values always hold
        home.settings = apply_preset(home.settings, preset)
        if remembered_home_missing(home):
            raise FileNotFoundError(
                2,
                "data folder remembered at the first run is missing "
                "(a drive not connected?); Seat will not start fresh "
                "elsewhere",
                str(home.root),
            )
        first_run = not (args.demo or args.measure_startup or args.screenshot or home.has_history())
        if first_run:
            configured = setup.run_first_run_wizard(preset, home.root)
            if configured is None:
                return 0  # cancelled: nothing was written
            home = configured
        setup_logging(home)
        if not args.demo or home.central_db_path.exists():
            check_home_central(home.central_url)
    except Exception as exc:  # noqa: BLE001 - SeatDataError, OSError: one clear message
        zh, en = getattr(exc, "zh", str(exc)), getattr(exc, "en", str(exc))
        lang = args.lang or ("en" if os.environ.get("SEAT_LANG", "").startswith("en") else "zh")
        text = en if lang == "en" else zh
        print(text, file=sys.stderr)
        if not (args.measure_startup or os.environ.get("QT_QPA_PLATFORM") == "offscreen"):
            QMessageBox.critical(None, "Seat", text)
        return 1
    lang = args.lang or ("en" if home.settings.language.startswith("en") else "zh")
    translations = Translations()
    translations.apply(lang)
    _load_style(app)

    if args.demo and not args.measure_startup and not _ensure_demo(home, lang):
        return 1
    if args.role != "agent" and not args.demo:
        # outside the demo, who signs in decides the window (shell.ROLE_VIEWS)
        print(
            "--role 只用于演示环境 (--demo)；正式使用请登录，角色决定打开的窗口。\n"
            "--role previews a view in the demo only (--demo); otherwise sign in and "
            "your role decides the window.",
            file=sys.stderr,
        )
        return 2
    if args.role == "lead":
        return _run_lead_console(app, home)
    if args.role in ("unit", "callback"):
        return _run_after_call_view(app, home, args.role, args.unit, lang)

    if not (args.measure_startup or args.screenshot):
        # The shell (sign-in dialog, keyring, role views) loads only when a person signs in,
        # not for --measure-startup, --screenshot or a --role preview.
        from seat_app.qt.shell import run_shell  # lazy: start-up

        return run_shell(app, home, language=lang, demo=args.demo, translations=translations)
    # authentication skipped explicitly (no person at the keyboard): the demo agent 1001.
    # The seat's services load here for --measure-startup/--screenshot only (after the
    # sign-in otherwise, through the shell's ROLE_VIEWS).
    from seat_app.qt.wiring import build_services  # lazy: start-up: not before a sign-in

    services, closers = build_services(home, demo=args.demo or args.measure_startup)
    runners = SeatRunners.threads()
    window = seat.SeatWindow(
        services,
        runners=runners,
        language=lang,
        sync_poll_ms=int(max(0.5, home.settings.sync_interval_s) * 1000),
    )
    window.language_change_requested.connect(translations.apply)
    window.show()

    if args.measure_startup:
        code = _measure(app, window)
    else:
        window.start()
        if args.screenshot:
            QTimer.singleShot(0, lambda: _screenshot_demo(app, window, args.screenshot))
        code = app.exec()
    runners.wait(5000)
    for close in closers:
        try:
            close()
        except Exception:
            logging.getLogger(__name__).exception("closing a service failed")
    return code


def _measure(app, window) -> int:
    """Usable = shown, painted, and the knowledge index answered its first query."""
    state = {"done": False}

    def finish(_result, error) -> None:
        if state["done"]:
            return
        state["done"] = True
        app.processEvents()
        figures = {"startup_s": round(_process_start_elapsed(), 3), "rss_mb": _rss_mb()}
        if error is not None:
            figures["error"] = str(error)
        print(json.dumps(figures), flush=True)
        window.close()
        app.quit()

    def probe() -> None:
        window.runners.search.submit(lambda: window.services.search("公积金提取", None, 10), finish)

    QTimer.singleShot(0, probe)
    QTimer.singleShot(60_000, lambda: finish(None, TimeoutError("not usable within 60 s")))
    app.exec()
    return 0


def _screenshot_demo(app, window, path: str) -> None:
    """Drive one demo call to a telling moment and save a screenshot (docs)."""
    item = {
        "channel": "phone",
        "phone": "13835912345",
        "caller_name": "王女士",
        "area": "盐湖区",
        "spoken": "我想把公积金取出来装修房子，需要带什么材料？",
    }
    steps = []

    def ring() -> None:
        if window.recover_box is not None:  # drafts left by an earlier run: not for the picture
            window.drafts.discard_button.click()
        if window.seat_state != SeatState.READY:
            QTimer.singleShot(300, ring)
            return
        window.ring(item)
        QTimer.singleShot(400, accept)

    def accept() -> None:
        window.accept_call()
        window.case_form.ui.callerEdit.setText("王女士")
        window.case_form.ui.addressEdit.setText("盐湖区解放路××小区")
        window.case_form.picker.choose("公积金提取")
        window.case_form.ui.descriptionEdit.setPlainText(
            "来电人想提取住房公积金用于装修自住住房，咨询所需材料和办理地点。"
        )
        QTimer.singleShot(1500, answer)

    def answer() -> None:
        if not window.knowledge.answer_text():
            QTimer.singleShot(200, answer)
            return
        window.choose_handling(Handling.DIRECT)
        window.knowledge.insert_answer()
        window.autosave()
        QTimer.singleShot(800, shoot)

    def shoot() -> None:
        window.grab().save(path)
        steps.append(path)
        print(json.dumps({"screenshot": path}), flush=True)
        window.close()
        app.quit()

    ring()


def _run_after_call_view(app, home, role: str, unit_code: str, lang: str) -> int:
    """The handling unit's view (seat_app/qt/unit) or the callback work list (seat_app/qt/callback)."""
    if role == "unit":
        return unit.run_in_app(app, home, unit=unit_code, lang=lang)
    return callback.run_in_app(app, home, lang=lang)


def _run_lead_console(app, home) -> int:
    """The team lead's role view (seat_app/qt/lead)."""
    return lead.run_in_app(app, home)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

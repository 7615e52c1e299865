"""``python -m seat_app.qt.callback [--agent WORK_NO] [--url URL]``: the callback work list
on its own; ``seat-app --role callback`` opens it from the application shell through
``run_in_app``."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from seat_app.qt.callback.worklist import open_callback_worklist
from seat_app.qt.i18n import Translations
from seat_app.qt.workers import ThreadRunner
from seat_app.services.config import open_home
from seat_app.services.store.engine import make_engine, upgrade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seat_app.qt.callback", description="回访工作台 callback survey work list"
    )
    parser.add_argument("--agent", default="1001", help="the agent's work number")
    parser.add_argument("--url", help="central database URL (default: the home's)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    Translations().apply(args.lang)  # Chinese by default; --lang en installs the English
    return run_in_app(app, open_home(), agent=args.agent, url=args.url, lang=args.lang)


def run_in_app(app, home, *, agent: str = "1001", url: str | None = None, lang: str = "zh") -> int:
    """Show the callback work list in ``app`` on ``home``'s central database until closed."""
    if not url:
        home.ensure()
    engine = make_engine(url or home.central_url)
    upgrade(engine, create=False)
    runner = ThreadRunner(1, "callback-worklist")
    view = open_callback_worklist(engine, actor=agent, runner=runner, language=lang)
    view.resize(1200, 720)
    view.show()
    code = app.exec()
    runner.wait(3000)
    engine.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())

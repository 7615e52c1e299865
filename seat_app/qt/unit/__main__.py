"""``python -m seat_app.qt.unit --unit CODE [--actor WORK_NO] [--url URL]``: the unit view
on its own (a handling unit's workstation); ``seat-app --role unit --unit CODE`` opens it
from the application shell through ``run_in_app``."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from seat_app.qt.i18n import Translations
from seat_app.qt.unit.view import open_unit_view
from seat_app.qt.workers import ThreadRunner
from seat_app.services.config import open_home
from seat_app.services.store.engine import make_engine, upgrade


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seat_app.qt.unit", description="承办单位工作台 handling unit view"
    )
    parser.add_argument("--unit", required=True, help="the unit's code (units.code)")
    parser.add_argument("--actor", default="", help="the unit user's work number")
    parser.add_argument("--url", help="central database URL (default: the home's)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    Translations().apply(args.lang)  # Chinese by default; --lang en installs the English
    return run_in_app(
        app, open_home(), unit=args.unit, actor=args.actor, url=args.url, lang=args.lang
    )


def run_in_app(
    app, home, *, unit: str, actor: str = "", url: str | None = None, lang: str = "zh"
) -> int:
    """Show the unit view for ``unit`` in ``app`` on ``home``'s central database until closed."""
    if not unit:
        print("请用 --unit 指定承办单位编码 / give the unit's code with --unit", file=sys.stderr)
        return 2
    if not url:
        home.ensure()
    engine = make_engine(url or home.central_url)
    upgrade(engine, create=False)
    runner = ThreadRunner(1, "unit-view")
    view = open_unit_view(
        engine, unit, actor=actor or f"unit-{unit}"[:16], runner=runner, language=lang
    )
    view.resize(1200, 760)
    view.show()
    code = app.exec()
    runner.wait(3000)
    engine.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())

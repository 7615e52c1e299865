"""``python -m seat_app.qt.unit --unit CODE [--actor WORK_NO] [--url URL]``: the unit view
on its own (a handling unit's workstation)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seat_app.qt.unit",
                                     description="承办单位工作台 handling unit view")
    parser.add_argument("--unit", required=True, help="the unit's code (units.code)")
    parser.add_argument("--actor", default="unit", help="the unit user's work number")
    parser.add_argument("--url", help="central database URL (default: the home's)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from seat_app.qt.unit.view import open_unit_view
    from seat_app.qt.workers import ThreadRunner
    from seat_app.services.config import open_home
    from seat_app.services.db import make_engine, upgrade

    app = QApplication.instance() or QApplication(sys.argv[:1])
    home = open_home().ensure()
    engine = make_engine(args.url or home.central_url)
    upgrade(engine)
    runner = ThreadRunner(1, "unit-view")
    view = open_unit_view(engine, args.unit, actor=args.actor, runner=runner, language=args.lang)
    view.resize(1200, 760)
    view.show()
    code = app.exec()
    runner.wait(3000)
    engine.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())

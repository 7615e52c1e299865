"""Frozen entry point of ``seat-app`` (the windowed executable)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from seat_app.qt.app import main

    sys.exit(main())

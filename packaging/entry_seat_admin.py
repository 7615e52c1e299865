"""Frozen entry point of ``seat-admin`` (the console executable)."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from seat_app.cli import main

    sys.exit(main())

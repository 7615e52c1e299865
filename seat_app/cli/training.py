"""``seat-admin training ...`` (filled by its capability)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds the ``training`` command group (none yet)."""

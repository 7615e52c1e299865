"""``seat-admin kb import|export|stats``."""

from __future__ import annotations

import argparse


def add_commands(kb_sub: argparse._SubParsersAction) -> None:
    """import, export, stats (owned by the KB data work)."""

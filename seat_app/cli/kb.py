"""``seat-admin kb ...``: the knowledge base.

Index commands (build, search, bench) are here; data commands (import, export, stats) are
in ``kb_data``.
"""

from __future__ import annotations

import argparse

from seat_app.cli import kb_data


def register(sub: argparse._SubParsersAction) -> None:
    kb = sub.add_parser("kb", help="知识库 knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    kb_data.add_commands(kb_sub)
    add_index_commands(kb_sub)


def add_index_commands(kb_sub: argparse._SubParsersAction) -> None:
    """build, search, bench (owned by the index work)."""

"""Typed errors of the index. ``IndexUnavailable`` is the family an app catches to rebuild."""

from __future__ import annotations


class IndexUnavailable(Exception):
    """The index cannot be used as it is; rebuilding it from the KB fixes this."""

    reason = "unavailable"


class IndexMissing(IndexUnavailable):
    """There is no index (never built, or its folder was removed)."""

    reason = "missing"


class IndexCorrupt(IndexUnavailable):
    """Index files are damaged, missing or unreadable."""

    reason = "corrupt"


class IndexOutdated(IndexUnavailable):
    """Built with another schema or analyzer version."""

    reason = "outdated"

"""The knowledge base in the app: import (``io``; files read and checked in ``rows``) and
export (``export``) of entries (xlsx, csv, json; every bad row reported, nothing changed on
error), and the bridge to the kb_index search engine (``index``: one warm searcher per home,
rebuilt when missing or corrupt).

Typical use::

    from seat_app.services.kb import search, import_file
    hits = search(home, "公积金怎么取", area="盐湖区")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seat_app._lazy import lazy_exports

if TYPE_CHECKING:
    from seat_app.services.kb import corrections as corrections
    from seat_app.services.kb import searchlog as searchlog
    from seat_app.services.kb import upkeep as upkeep
    from seat_app.services.kb.export import EXPORT_FORMATS, KBExportError, export_file
    from seat_app.services.kb.index import (
        build_index,
        close_all,
        open_searcher,
        search,
        update_index,
        update_index_if_built,
    )
    from seat_app.services.kb.io import (
        ImportReport,
        import_file,
        kb_stats,
        load_entries,
    )
    from seat_app.services.kb.rows import RowError, validate_file

# Public names load on first use: importing the package stays cheap (start-up)
# and adds no import cycle. Each name -> the module that defines it.
_EXPORTS = {
    "EXPORT_FORMATS": "export",
    "ImportReport": "io",
    "build_index": "index",
    "close_all": "index",
    "KBExportError": "export",
    "RowError": "rows",
    "export_file": "export",
    "import_file": "io",
    "kb_stats": "io",
    "load_entries": "io",
    "open_searcher": "index",
    "search": "index",
    "update_index": "index",
    "update_index_if_built": "index",
    "validate_file": "rows",
}

__all__ = [
    "EXPORT_FORMATS",
    "ImportReport",
    "KBExportError",
    "RowError",
    "build_index",
    "close_all",
    "export_file",
    "import_file",
    "kb_stats",
    "load_entries",
    "open_searcher",
    "search",
    "update_index",
    "update_index_if_built",
    "validate_file",
]


# The upkeep submodules (corrections, search log, drafts/reviews/versions) load on first
# attribute use too (``kb.upkeep.Upkeep``); they are not public names (no shadowing).
_MODULES = ("corrections", "searchlog", "upkeep")

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, modules=_MODULES)

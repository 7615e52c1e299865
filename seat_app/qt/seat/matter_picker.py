"""Matter picker: a completer over the taxonomy that matches names, full pinyin and initials."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from seat_app.domain.taxonomy import MATTERS, Matter, is_matter, matter_by_name

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


KEYS_FILE = Path(__file__).with_name("matter_pinyin.json")
"""Precomputed search keys of the taxonomy (packaging/compile_forms.py writes it), so the
window does not load pypinyin's dictionaries at startup; names not in it are computed."""


@lru_cache(maxsize=1)
def _precomputed() -> dict[str, str]:
    try:
        return json.loads(KEYS_FILE.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


@lru_cache(maxsize=1024)
def search_key(text: str) -> str:
    """``公积金提取`` -> ``公积金提取 gongjijintiqu gjjtq`` (lower case)."""
    known = _precomputed().get(text)
    if known is not None:
        return known
    return compute_key(text)


def compute_key(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    full = "".join(lazy_pinyin(text))
    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER))
    return f"{text} {full} {initials}".lower()


def write_keys(path: Path = KEYS_FILE) -> int:
    """Write the search keys of every matter and subcategory name (build step)."""
    names = sorted({m.name for m in MATTERS} | {m.subcategory for m in MATTERS})
    path.write_text(
        json.dumps({n: compute_key(n) for n in names}, ensure_ascii=False, indent=0), "utf-8"
    )
    return len(names)


def matching_matters(query: str) -> list[Matter]:
    """Matters whose name, subcategory, pinyin or pinyin initials contain ``query``."""
    q = query.strip().lower()
    if not q:
        return list(MATTERS)
    direct = [m for m in MATTERS if q in search_key(m.name)]
    if direct:
        return direct
    return [m for m in MATTERS if q in search_key(m.subcategory)]


class MatterPicker(QCompleter):
    """Attach to a QLineEdit; emits ``matter_chosen(name)`` with a real matter name."""

    matter_chosen = Signal(str)

    def __init__(self, edit: QLineEdit) -> None:
        model = QStandardItemModel(edit)
        for m in MATTERS:
            item = QStandardItem(f"{m.name}　{m.domain} / {m.subcategory}")
            item.setData(f"{search_key(m.name)} {search_key(m.subcategory)}", KEY_ROLE)
            item.setData(m.name, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        super().__init__(model, edit)
        self._edit = edit
        self.setCompletionRole(KEY_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)
        edit.setCompleter(self)
        self.activated[QModelIndex].connect(self._on_activated)
        edit.editingFinished.connect(self._on_editing_finished)

    def _on_activated(self, index: QModelIndex) -> None:
        name = index.data(Qt.ItemDataRole.UserRole)
        self._edit.setText(name)
        self.matter_chosen.emit(name)

    def _on_editing_finished(self) -> None:
        text = self._edit.text().strip()
        if is_matter(text):
            self.matter_chosen.emit(text)
            return
        found = matching_matters(text) if text else []
        if len(found) >= 1 and text:
            # Enter on a typed query takes the best match (the first in taxonomy order).
            self._edit.setText(found[0].name)
            self.matter_chosen.emit(found[0].name)

    def choose(self, name: str) -> Matter:
        matter = matter_by_name(name)
        self._edit.setText(name)
        self.matter_chosen.emit(name)
        return matter

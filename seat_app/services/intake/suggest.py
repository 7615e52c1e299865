"""Suggesting matters at intake, with a loud fallback.

:class:`Suggester` holds the trained model when it loads, otherwise routes by KB search
(the matters of the top hits) and says so once through :attr:`status` (the window shows it in
the status bar). ``reload()`` is what the sync loop calls after a new model file arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.services.intake.errors import ModelUnavailable
from seat_app.services.intake.features import MIN_TEXT_CHARS
from seat_app.services.intake.model import TOP, IntakeModel, Suggestion


class KBSearch(Protocol):
    def search(self, text: str, *, area: str | None = None, limit: int = 10) -> list[Any]: ...


@dataclass(frozen=True)
class Status:
    mode: str
    """"model" or "kb" (fallback) or "none" (neither)."""
    zh: str
    en: str
    reason: str = ""


MODEL_OK = Status("model", "智能分类模型已加载", "Intake model loaded")


def kb_route(searcher: KBSearch, text: str, *, area: str | None = None,
             top: int = TOP) -> list[Suggestion]:
    """KB search used as a router: distinct matters of the top hits, confidence by score."""
    if not isinstance(text, str) or len(text.strip()) < MIN_TEXT_CHARS:
        return []
    hits = searcher.search(text, area=area, limit=20)
    scores: dict[str, float] = {}
    why: dict[str, tuple[str, ...]] = {}
    for h in hits:
        if is_matter(h.matter) and h.matter not in scores:
            scores[h.matter] = float(h.score)
            why[h.matter] = (h.title,)
    total = sum(scores.values()) or 1.0
    out = []
    for name, score in list(scores.items())[:top]:
        m = matter_by_name(name)
        out.append(Suggestion(m.name, m.subcategory, m.domain, round(score / total, 4),
                              why[name]))
    return out


class Suggester:
    def __init__(self, model_path: Path | str, searcher: KBSearch | None = None,
                 on_status: Callable[[Status], None] | None = None) -> None:
        self.model_path = Path(model_path)
        self.searcher = searcher
        self.on_status = on_status
        self.model: IntakeModel | None = None
        self.status = Status("none", "", "")
        self._stamp: tuple[int, int] | None = None
        self._notice: Status | None = None
        self.reload()

    @property
    def model_version(self) -> int:
        """The published version of the loaded model (0: KB routing or unpublished)."""
        if self.model is None:
            return 0
        v = self.model.meta.get("version", 0)
        return v if isinstance(v, int) else 0

    def take_notice(self) -> Status | None:
        """The status to show once (after it changed), then None until it changes again:
        the window's status bar says "model missing, using KB search" once, not per key."""
        notice, self._notice = self._notice, None
        return notice

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.model_path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def maybe_reload(self) -> bool:
        """Hot swap: reload when the model file changed on disk (the sync loop wrote a new
        published version, or it vanished). Cheap (one stat); True when it reloaded."""
        if self._file_stamp() == self._stamp:
            return False
        self.reload()
        return True

    def reload(self) -> Status:
        """(Re)load the model file; on failure fall back to KB search. ``on_status`` hears
        only changes, so a missing file is said once, not at every keystroke."""
        self._stamp = self._file_stamp()
        try:
            self.model = IntakeModel.load(self.model_path)
            status = MODEL_OK
        except ModelUnavailable as exc:
            self.model = None
            mode = "kb" if self.searcher is not None else "none"
            status = Status(mode, exc.zh, exc.en, exc.reason)
        if status != self.status:
            self.status = status
            self._notice = status
            if self.on_status is not None:
                self.on_status(status)
        return self.status

    def suggest(self, text: str, area: str | None = None, *, top: int = TOP) -> list[Suggestion]:
        """Top matters for ``text`` (best first); [] for empty or one-character text."""
        if not isinstance(text, str) or len(text.strip()) < MIN_TEXT_CHARS:
            return []
        if self.model is not None:
            return self.model.suggest(text, top=top)
        if self.searcher is not None:
            return kb_route(self.searcher, text, area=area, top=top)
        return []

"""Errors of the seat-local store.
"""

from __future__ import annotations

from pathlib import Path

from seat_app.domain.messages import UserMessage


class LocalStoreError(RuntimeError):
    pass


class CaseNumbersPending(LocalStoreError, UserMessage):
    """No case number can be given out yet: the seat's local store was lost together with
    its number record, and the central database has not yet said which numbers this seat
    used. Saving waits (the draft is kept); the first sync lifts this."""

    def __init__(self, path: Path) -> None:
        self.zh = (f"暂不能分配工单号：本地库 {path} 曾丢失，需先与中心库核对本座席已用过的工单号，"
                   "以免重复。草稿已保存；联网同步一次后即可保存工单。")
        self.en = (f"No case number can be given out yet: the local store {path} was lost and "
                   "the central database must first confirm which numbers this seat used, so "
                   "none repeats. The draft is saved; save again after one sync.")
        super().__init__(self.en)

    def message(self, lang: str = "zh") -> str:
        return self.en if str(lang).startswith("en") else self.zh

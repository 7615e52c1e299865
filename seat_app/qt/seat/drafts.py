"""The draft keeper: the draft of this call (autosave while typing, never on the UI thread),
drafts left by an earlier run (recovery), and the case save. Owns its timers and guards."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from seat_app.domain.case import Handling, SavedCase
from seat_app.domain.queue import SeatState
from seat_app.domain.taxonomy import is_matter, matter_by_name
from seat_app.qt.seat.calls import case_channel
from seat_app.qt.seat.host import SeatHost, SeatPart
from seat_app.qt.workers import SingleFlight


class DraftKeeper(SeatPart):
    """Autosave (every ``autosave_ms`` and ``change_save_ms`` after a change), recovery, save."""

    def __init__(self, host: SeatHost, *, autosave_ms: int, change_save_ms: int) -> None:
        super().__init__(host)
        self.draft_id: str | None = None
        self.case_number = ""
        self.case_id = ""
        self.saved = False
        self.dirty = False
        self.kb_used: dict[str, Any] = {}
        self.pending_recovery: list[dict[str, Any]] = []
        self.recover_box: QMessageBox | None = None
        self.restore_button: QAbstractButton | None = None
        self.discard_button: QAbstractButton | None = None
        self.later_button: QAbstractButton | None = None
        self.draft_flight = SingleFlight()
        self.case_flight = SingleFlight()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.change_timer = QTimer(self)
        self.change_timer.setSingleShot(True)
        self.change_timer.setInterval(change_save_ms)
        self.change_timer.timeout.connect(self.autosave)

    def begin(self, draft_id: str) -> None:
        self.draft_id, self.saved, self.case_number = draft_id, False, ""
        self.autosave_timer.start()

    def reset(self) -> None:
        self.draft_id, self.case_number, self.case_id = None, "", ""
        self.saved, self.dirty, self.kb_used = False, False, {}
        self.autosave_timer.stop()

    def stop(self) -> None:
        self.autosave_timer.stop()
        self.change_timer.stop()

    def changed(self) -> None:
        """The form changed during a call: save soon."""
        self.dirty = True
        self.saved = False if not self.case_number else self.saved
        self.change_timer.start()

    def has_unsaved_case(self) -> bool:
        if self.saved:
            return False
        d = self.w.case_form.data()
        return bool(d["description"].strip() or is_matter(d["matter"]) or d["reply_text"].strip())

    def discard(self, draft_id: str) -> None:
        drafts = self.w.services.drafts
        self.w.runners.local.submit(lambda: drafts.discard_draft(draft_id))

    def payload(self) -> dict[str, Any]:
        w = self.w
        return {
            **w.case_form.data(),
            "case_number": self.case_number,
            "item": {k: v for k, v in (w.calls.item or {}).items() if k != "claim"},
            "work_no": w.services.work_no,
            "seat_code": w.services.seat_code,
            "started_at": w.calls.started_at.isoformat(),
        }

    # -- autosave
    def autosave(self) -> None:
        """Save the draft if anything changed; one save at a time, never on the UI thread."""
        if self.draft_id is None or self.saved or self.draft_flight.busy:
            return
        if not self.dirty and self.w.case_form.ui.draftState.text():
            return
        self.dirty = False
        draft_id, payload, fn = self.draft_id, self.payload(), self.w.services.drafts.save_draft
        self.draft_flight.run(self.w.runners.local, lambda: fn(draft_id, payload),
                              lambda _r, e: self._on_draft_saved(draft_id, e))

    def _on_draft_saved(self, draft_id: str, error: Any) -> None:
        form = self.w.case_form
        if error is not None:
            self.dirty = True
            form.set_draft_state(self.tr("草稿保存失败，稍后重试：%1").replace("%1", str(error)))
            return
        if draft_id == self.draft_id and not self.saved:
            form.set_draft_state(self.tr("草稿已自动保存 %1").replace("%1", time.strftime("%H:%M:%S")))
        self.w.draft_saved.emit(draft_id)
        if self.dirty and draft_id == self.draft_id:
            self.change_timer.start()

    def save_last(self) -> None:
        """At close: one last draft save, on the local thread, waited for."""
        if self.draft_id and not self.saved:
            draft_id, payload, drafts = self.draft_id, self.payload(), self.w.services.drafts
            self.w.runners.local.submit(lambda: drafts.save_draft(draft_id, payload))
            self.w.runners.local.wait(5000)

    # -- recovery
    def load_pending(self) -> None:
        self.w.runners.local.submit(self.w.services.drafts.pending_drafts, self._on_pending_loaded)

    def _on_pending_loaded(self, drafts: Any, error: Any) -> None:
        if error is not None:
            self.w.show_notice(self.tr("无法读取本地草稿：%1").replace("%1", str(error)), "error")
        self.pending_recovery = sorted(list(drafts or []), key=lambda d: str(d.get("updated_at", "")),
                                       reverse=True)
        if self.pending_recovery:
            self.offer_recovery()
        elif self.w.seat_state == SeatState.OFFLINE:
            self.w.become_ready()

    def offer_recovery(self) -> None:
        box = QMessageBox(self.view)
        box.setObjectName("recoverDrafts")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("恢复未保存的工单"))
        first = self.pending_recovery[0].get("data", {})
        box.setText(self.tr("发现 %1 份上次未保存的工单草稿。是否恢复最近一份？")
                    .replace("%1", str(len(self.pending_recovery))))
        box.setInformativeText(
            f"{first.get('caller_phone', '')} {first.get('matter', '')}\n{str(first.get('description', ''))[:80]}"
        )
        self.restore_button = box.addButton(self.tr("恢复 (&R)"), QMessageBox.ButtonRole.AcceptRole)
        self.discard_button = box.addButton(self.tr("放弃 (&D)"), QMessageBox.ButtonRole.DestructiveRole)
        self.later_button = box.addButton(self.tr("稍后 (&L)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.restore_button)
        box.finished.connect(lambda _r, b=box: self._on_recover_box_finished(b))
        self.recover_box = box
        box.open()

    def _on_recover_box_finished(self, box: QMessageBox) -> None:
        clicked = box.clickedButton()
        self.recover_box = None
        if not self.pending_recovery:
            return
        draft = self.pending_recovery[0]
        if clicked is self.restore_button:
            self.pending_recovery.pop(0)
            self.w.restore_draft(draft)
            return
        if clicked is self.discard_button:
            self.pending_recovery.pop(0)
            self.discard(str(draft["draft_id"]))
            if self.pending_recovery:
                self.offer_recovery()
                return
        if self.w.seat_state == SeatState.OFFLINE:
            self.w.become_ready()

    def restore(self, draft: dict[str, Any]) -> None:
        """Open a recovered draft in after-call work; the agent completes and saves it."""
        w = self.w
        data = dict(draft.get("data") or {})
        self.begin(str(draft["draft_id"]))
        item = w.calls.item = dict(data.get("item") or {"phone": data.get("caller_phone", "")})
        item.pop("spoken", None)
        self.case_number = str(data.get("case_number") or "")
        w.calls.set_state(SeatState.AFTER_CALL_WORK)
        w.case_form.load(data)
        w.script_panel.start_call({"工号": w.services.work_no})
        if is_matter(data.get("matter", "")):
            m = matter_by_name(data["matter"])
            w.script_panel.follow_matter(m.name, m.subcategory, m.domain)
        if data.get("handling"):
            w.script_panel.follow_mode(Handling.of(data["handling"]).mode)
        w.update_script_variables()
        w.load_history(str(data.get("caller_phone", "")))
        self.dirty = False
        w.show_notice(self.tr("已恢复未保存的工单草稿，请核对后保存（Ctrl+S）。"), "info")

    # -- the case save
    def save_case(self) -> None:
        w = self.w
        if not w.calls.on_case or self.case_flight.busy:
            return
        missing = w.case_form.missing_fields()
        if missing:
            w.show_notice(self.tr("还不能保存，请填写：%1").replace("%1", "、".join(missing)), "warn")
            return
        payload = {**self.payload(), "draft_id": self.draft_id}
        payload["channel"] = case_channel(payload.get("channel", ""))
        if self.kb_used.get("code"):
            payload["kb_code"] = self.kb_used["code"]
        claim = (w.calls.item or {}).get("claim")
        if getattr(claim, "call_id", None):
            payload["call_id"] = claim.call_id
        if self.case_number:
            payload["case_number"] = self.case_number
        w.case_form.set_draft_state(self.tr("正在保存…"))
        fn = w.services.cases.save_case
        self.case_flight.run(w.runners.local, lambda: fn(payload),
                             lambda r, e: self._on_case_saved(payload, r, e))

    def _on_case_saved(self, payload: dict[str, Any], result: Any, error: Any) -> None:
        w, form = self.w, self.w.case_form
        if error is not None:
            self.dirty = True
            form.set_draft_state(self.tr("保存失败，草稿已保留"))
            w.show_notice(self.tr("工单保存失败（草稿已保留，可重试 Ctrl+S）：%1").replace("%1", str(error)), "error")
            self.autosave()
            return
        saved: SavedCase = result
        self.case_number, self.case_id = saved.case_number, saved.case_id
        w.duplicates.queue_link()
        self.saved, self.dirty = True, False
        form.set_case_number(self.case_number)
        form.set_draft_state(self.tr("工单已保存"))
        w.update_script_variables()
        w.script_panel.follow_stage("readback")
        caveats = [en if w.language.startswith("en") else zh for zh, en in saved.warnings]
        w.show_notice("\n".join([self.tr("工单 %1 已保存，请向来电人复述工单号。")
                                  .replace("%1", self.case_number), *caveats]),
                      "warn" if caveats else "info")
        if payload.get("draft_id"):
            self.discard(str(payload["draft_id"]))
        w.calls.complete(saved.case_id)
        w.case_saved.emit({**payload, "case_number": saved.case_number, "case_id": saved.case_id,
                           "status": saved.status})
        w.sync_now()

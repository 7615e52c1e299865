"""One message type and one way to show it: the service and domain errors that reach users
share ``UserMessage`` (Chinese, English, a stable code); ``error_text`` shows any error in
the UI language; placeholders are Qt's %1 style (``fill``); the seat states have one
translated table whose Chinese is the domain's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from seat_app.domain.dispatch import DispatchRuleError
from seat_app.domain.messages import UserMessage
from seat_app.domain.queue import SEAT_STATE_LABELS, SeatState
from seat_app.qt.i18n import SEAT_STATE_NAMES, Translations, error_text, fill, seat_state_name


@pytest.fixture
def english(qapp) -> Iterator[Translations]:
    translations = Translations()
    assert translations.apply("en")
    QApplication.processEvents()
    yield translations
    translations.apply("zh")
    QApplication.processEvents()


def test_user_message_carries_both_languages_and_a_code() -> None:
    message = UserMessage("工单已办结", "The case is closed", "case_closed")
    assert (message.zh, message.en, message.code) == ("工单已办结", "The case is closed", "case_closed")
    assert message.text("en_US") == "The case is closed" and message.text("zh") == "工单已办结"
    assert str(message) == "工单已办结"


def test_subclasses_keep_their_own_init_and_get_a_code_from_their_name() -> None:
    class PaperJam(UserMessage):
        def __init__(self, zh: str, en: str) -> None:
            self.zh, self.en = zh, en  # set before super(): must survive it
            super().__init__(f"{zh}\n{en}")

    error = PaperJam("卡纸了", "Paper jam")
    assert (error.zh, error.en, error.code) == ("卡纸了", "Paper jam", "paper_jam")
    assert str(error) == "卡纸了\nPaper jam"
    rule = DispatchRuleError("理由太短", "The reason is too short", code="reason")
    assert isinstance(rule, UserMessage) and isinstance(rule, ValueError)
    assert rule.code == "reason" and rule.text("en") == "The reason is too short"


def test_the_service_errors_share_the_base() -> None:
    from seat_app.domain.calendar import CalendarError
    from seat_app.domain.quality.errors import QualityError
    from seat_app.domain.training.errors import TrainingError
    from seat_app.services.integrity import SeatDataError
    from seat_app.services.kb.export import KBExportError
    from seat_app.services.local.errors import CaseNumbersPending
    from seat_app.services.security.errors import AuthError, InsecureKeyring, SignInLocked
    from seat_app.services.selftest import CheckFailed
    from seat_app.services.store.central import OpInvalid, OpRejected
    from seat_app.services.sync.conflicts import ConflictError

    for cls in (CalendarError, QualityError, TrainingError, SeatDataError, AuthError,
                InsecureKeyring, SignInLocked, CheckFailed, OpInvalid, KBExportError,
                CaseNumbersPending, ConflictError):
        assert issubclass(cls, UserMessage), cls
    op = OpInvalid("事项不存在", "No such matter")
    assert isinstance(op, OpRejected) and op.text("en") == "No such matter"
    pending = CaseNumbersPending(Path("/data/local.sqlite3"))
    assert pending.text("en").startswith("No case number") and pending.code == "case_numbers_pending"


def test_error_text_follows_the_ui_language(english) -> None:
    rule = DispatchRuleError("理由太短", "The reason is too short")
    assert error_text(rule) == "The reason is too short"
    assert error_text(rule, "zh") == "理由太短"
    assert error_text(RuntimeError("disk full\ndetails")) == "Failed: disk full\ndetails"
    assert error_text(RuntimeError("disk full\ndetails"), bare=True) == "disk full"
    assert error_text(RuntimeError()) == "Failed: "
    assert error_text(RuntimeError(), bare=True) == "RuntimeError"
    english.apply("zh")
    assert error_text(rule) == "理由太短"
    assert error_text(RuntimeError("disk full")) == "操作失败：disk full"


def test_fill_replaces_every_placeholder_once() -> None:
    assert fill("座席 %1 已切换为“%2”", "S001", "就绪") == "座席 S001 已切换为“就绪”"
    assert fill("%1 and %2", "%2", "x") == "%2 and x"  # a value is never filled again
    assert fill("%1 %3", "a") == "a %3"


def test_one_seat_state_table_whose_chinese_is_the_domains(english) -> None:
    assert {s: SEAT_STATE_NAMES[s] for s in SeatState} == SEAT_STATE_LABELS
    assert [seat_state_name(s) for s in SeatState] == [
        "Offline", "Ready", "Ringing", "On call", "After-call work", "Break", "Training"]
    assert seat_state_name("on_call") == "On call"
    english.apply("zh")
    assert seat_state_name(SeatState.BREAK) == "小休"

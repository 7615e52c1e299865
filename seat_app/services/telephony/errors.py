"""Typed errors of telephony. Each carries a Chinese (``zh``) and an English (``en``)
message; ``str()`` is the Chinese one."""

from __future__ import annotations

from seat_app.domain.messages import UserMessage


class TelephonyError(UserMessage):
    """Base of telephony errors."""

    reason = "error"

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class NotConnected(TelephonyError):
    """The softphone or CTI bridge is not reachable right now (not running, or died)."""

    reason = "not_connected"

    def __init__(self, what: str, address: str, detail: str = "") -> None:
        extra_zh = f"（{detail}）" if detail else ""
        extra_en = f" ({detail})" if detail else ""
        super().__init__(
            f"未连接到{_ZH.get(what, what)}（{address}）{extra_zh}。请检查它是否在运行；"
            "可按键改用来电登记（座机手工登记）。",
            f"Not connected to the {what} at {address}{extra_en}. Check that it is running; "
            "you can switch to desk-phone intake with one key.",
        )
        self.what = what
        self.address = address


class CommandFailed(TelephonyError):
    """The phone refused or failed a command (answer, hang up, dial ...)."""

    reason = "command_failed"

    def __init__(self, command: str, detail: str) -> None:
        super().__init__(f"电话操作“{_ZH.get(command, command)}”失败：{detail}",
                         f"Phone command '{command}' failed: {detail}")
        self.command = command
        self.detail = detail


class CommandTimeout(CommandFailed):
    reason = "command_timeout"

    def __init__(self, command: str, seconds: float) -> None:
        super().__init__(command, f"{seconds:g} 秒内无应答 / no reply within {seconds:g} s")


class InvalidNumber(TelephonyError):
    """A telephone number that cannot be dialled or registered."""

    reason = "invalid_number"

    def __init__(self, raw: str) -> None:
        super().__init__(f"电话号码“{raw}”无效：只能包含数字（可带 +、空格、短横线），3 到 20 位。",
                         f"Invalid phone number '{raw}': digits only (+, spaces and dashes "
                         "allowed), 3 to 20 digits.")
        self.raw = raw


class NoSuchCall(TelephonyError):
    reason = "no_such_call"

    def __init__(self, call_id: str) -> None:
        super().__init__(f"没有这通电话（{call_id}），可能已挂断。",
                         f"No such call ({call_id}); it may have ended.")
        self.call_id = call_id


class ProtocolError(TelephonyError):
    """A message on the wire that does not follow the protocol."""

    reason = "protocol"

    def __init__(self, detail: str) -> None:
        super().__init__(f"电话接口消息格式错误：{detail}", f"Malformed telephony message: {detail}")
        self.detail = detail


_ZH = {
    "softphone": "软电话", "CTI bridge": "CTI 接口", "answer": "接听", "hangup": "挂断",
    "hold": "保持", "resume": "恢复通话", "transfer": "转接", "dial": "拨号",
    "set_ready": "示闲/示忙",
}

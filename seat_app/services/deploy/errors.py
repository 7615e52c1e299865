"""The deployment errors: each carries the message in Chinese and English."""

from __future__ import annotations

from pathlib import Path

from seat_app.domain.messages import UserMessage


class DeployError(UserMessage):
    """Base of the deployment errors."""


class PresetError(DeployError):
    """The site preset cannot be used (unreadable, not JSON, a password, an unknown key)."""

    def __init__(self, path: Path, what_zh: str, what_en: str) -> None:
        super().__init__(
            f"站点预设文件 {path} 无法使用：{what_zh}。请 IT 管理员修正该文件；Seat 不会忽略它。",
            f"The site preset {path} cannot be used: {what_en}. Ask IT to fix the file; Seat "
            "will not ignore it.",
        )
        self.path = path


class ClientTooOld(DeployError):
    """The central database requires a newer Seat than this one."""

    def __init__(self, have: str, need: str) -> None:
        super().__init__(
            f"此 Seat 版本 {have} 低于中心数据库要求的最低版本 {need}。请联系 IT 升级本机的 Seat"
            "后再登录；未保存的数据仍在本机。",
            f"This Seat is version {have}; the central database requires {need} or newer. "
            "Ask IT to update Seat on this computer, then sign in; nothing on this computer "
            "is lost.",
        )
        self.have, self.need = have, need


class SetupRefused(DeployError):
    """``seat-admin setup`` / the wizard refuse a value settings.json may not hold."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh, en)

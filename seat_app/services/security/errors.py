"""The errors of the security package, each with a Chinese and an English message.

Declared here, below every other security module, so that audit, users, the sign-in guard and
sign-in raise and catch the same classes without importing each other.
"""

from __future__ import annotations

from seat_app.domain.messages import UserMessage


class AuthError(UserMessage):
    """An error a user can meet, with a Chinese and an English message."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


class SignInFailed(AuthError):
    pass


class Denied(AuthError):
    """The signed-in user's role may not perform this operation."""

    def __init__(self, role: str, op: str) -> None:
        super().__init__(f"无权限：{role} 不能执行 {op}。", f"Not allowed: {role} may not {op}.")
        self.role = role
        self.op = op


class UserError(AuthError):
    pass


class SignInLocked(SignInFailed):
    """Too many wrong passwords: the work number (or the seat) is locked for a while."""

    def __init__(self, minutes: int, *, seat: bool = False) -> None:
        if seat:
            zh = (f"本座席登录失败次数过多，已临时锁定，请 {minutes} 分钟后再试，"
                  "或请班长/管理员解锁。")
            en = (f"Too many failed sign-ins at this seat: it is locked; try again in {minutes} "
                  "min, or ask a team lead or administrator to unlock it.")
        else:
            zh = (f"工号或密码错误次数过多，该工号已临时锁定，请 {minutes} 分钟后再试，"
                  "或请班长/管理员解锁。")
            en = (f"Too many wrong passwords: this work number is locked; try again in "
                  f"{minutes} min, or ask a team lead or administrator to unlock it.")
        super().__init__(zh, en)
        self.minutes = minutes
        self.seat = seat


class SignInThrottled(SignInFailed):
    """Wrong passwords in a row: the next try must wait."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"尝试过于频繁，请 {seconds} 秒后再试。",
                         f"Too many tries: wait {seconds} s before the next one.")
        self.seconds = seconds


class GuardUnavailable(SignInFailed):
    """The sign-in guard could not be read: sign-in is refused rather than unguarded."""

    def __init__(self) -> None:
        super().__init__(
            "无法检查登录保护（中心数据库无法连接或读写，或尚未升级：seat-admin db upgrade），"
            "暂不能登录，请联系 IT。",
            "The sign-in guard cannot be checked (the central database cannot be reached or "
            "written, or is not upgraded: seat-admin db upgrade); sign-in is not possible now, "
            "contact IT.",
        )


class InsecureKeyring(UserMessage):
    """The OS keyring backend is not safe for passwords; the message names it."""

    def __init__(self, backend: str) -> None:
        self.backend = backend
        self.zh = (f"记住我不可用：系统钥匙串不安全（{backend} 会把密码以明文或 base64 写入文件，"
                   "或根本不保存）。请取消勾选“记住我”后登录，或请 IT 配置系统钥匙串。")
        self.en = (f"Remember me is not available: the system keyring is not secure ({backend} "
                   "writes passwords in plain text or base64 to a file, or keeps none). Sign "
                   "in without \"remember me\", or ask IT to set up the system keyring.")
        super().__init__(self.en)


class RememberUnavailable(AuthError):
    """``remember`` was asked for but the keyring would not keep the password safely."""

    def __init__(self, error: InsecureKeyring) -> None:
        super().__init__(error.zh, error.en)
        self.backend = error.backend

"""What the audited functions, user management and the sign-in guard need of a signed-in
user (``auth.SignedIn`` is one), so that they need not import ``auth``."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Engine

from seat_app.domain.roles import CaseFacts, Op, Role


class UserLike(Protocol):
    @property
    def unit(self) -> str: ...


class Principal(Protocol):
    """A signed-in user: who, with which role, through which connection."""

    @property
    def engine(self) -> Engine: ...

    @property
    def user(self) -> UserLike: ...

    @property
    def work_no(self) -> str: ...

    @property
    def role(self) -> Role: ...

    def may(self, op: Op | str) -> bool: ...

    def require(self, op: Op | str) -> None: ...

    def may_case(self, op: Op | str, case: CaseFacts) -> bool: ...

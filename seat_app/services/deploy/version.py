"""The minimum client version the central database publishes: an older Seat says so at
sign-in (with what to do) instead of failing obscurely on a schema it does not know."""

from __future__ import annotations

from packaging.version import InvalidVersion, Version
from sqlalchemy import Engine, inspect, select

from seat_app import __version__
from seat_app.services.deploy.errors import ClientTooOld
from seat_app.services.store.models import utcnow
from seat_app.services.store.models_deploy import SiteSetting

MIN_CLIENT_VERSION = "min_client_version"


def _parse(text: str) -> Version:
    try:
        return Version(text)
    except InvalidVersion as exc:
        raise ValueError(f"not a version number: {text!r} (e.g. 1.2.0)") from exc


def minimum_client_version(engine: Engine) -> str | None:
    """The published minimum, or None (none published, or a database from before 0408)."""
    if "site_settings" not in inspect(engine).get_table_names():
        return None
    with engine.connect() as conn:
        return conn.execute(
            select(SiteSetting.value).where(SiteSetting.key == MIN_CLIENT_VERSION)
        ).scalar()


def publish_minimum_client_version(engine: Engine, version: str, *, by: str = "") -> str:
    """Set (or with an empty ``version``, clear) the minimum; returns the normalized text."""
    with engine.begin() as conn:
        conn.execute(SiteSetting.__table__.delete().where(SiteSetting.key == MIN_CLIENT_VERSION))
        if not version:
            return ""
        text = str(_parse(version))
        conn.execute(SiteSetting.__table__.insert().values(
            key=MIN_CLIENT_VERSION, value=text, updated_at=utcnow(), updated_by=by))
    return text


def require_client_version(engine: Engine, have: str = __version__) -> None:
    """``ClientTooOld`` when this client is older than the published minimum."""
    need = minimum_client_version(engine)
    if need and _parse(have) < _parse(need):
        raise ClientTooOld(have, need)

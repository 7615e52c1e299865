"""``store.is_connection_error``: the one test of "the database could not be reached"."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from seat_app.services.store import is_connection_error, make_engine


def test_an_unreachable_database_is_a_connection_error():
    engine = make_engine("postgresql+psycopg://seat@127.0.0.1:1/none?connect_timeout=1")
    try:
        with pytest.raises(OperationalError) as caught, engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()
    assert is_connection_error(caught.value)


@pytest.mark.parametrize("exc", [ConnectionRefusedError(), TimeoutError(), OSError("net")])
def test_network_errors_are_connection_errors(exc):
    assert is_connection_error(exc)


@pytest.mark.parametrize("exc", [None, ValueError("x"), KeyError("y"),
                                 IntegrityError("INSERT", {}, Exception("unique"))])
def test_other_errors_are_not(exc):
    assert not is_connection_error(exc)

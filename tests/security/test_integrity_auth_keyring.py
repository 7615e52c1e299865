"""Issue 10: "remember me" with the keyrings.alt file backend stored the password in a file
(base64 or plain text). Insecure backends are refused, nothing is written, and the message
says why; the tests' in-memory backend (not on the refused list) keeps working."""

from __future__ import annotations

import base64

import keyring
import pytest
from keyring.backends import fail, null
from keyrings.alt.file import PlaintextKeyring

from seat_app.domain.roles import Role
from seat_app.services.security import auth, secrets

from .conftest import USERS, files_under, password_of

pytestmark = [pytest.mark.security, pytest.mark.integrity]

AGENT = USERS[Role.AGENT][0]


@pytest.fixture
def plaintext_keyring(tmp_path):
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend, tmp_path
    keyring.set_keyring(previous)


def test_remember_me_refused_on_a_file_keyring_and_nothing_written(
    sqlite_world, plaintext_keyring, seat_home
):
    _backend, folder = plaintext_keyring
    password = password_of(AGENT)
    with pytest.raises(auth.RememberUnavailable) as err:
        auth.sign_in(sqlite_world.url, AGENT, password, remember=True)
    assert err.value.zh.startswith("记住我不可用：系统钥匙串不安全")
    assert "PlaintextKeyring" in err.value.zh and "remember me" in err.value.en.lower()
    encoded = base64.b64encode(password.encode()).decode()
    for path in files_under(folder, seat_home):
        data = path.read_bytes()
        assert password.encode() not in data and encoded.encode() not in data, path
    # signing in without "remember me" works on the same machine
    sqlite_world.sessions.append(auth.sign_in(sqlite_world.url, AGENT, password))


def test_credentials_in_an_insecure_keyring_are_not_read(sqlite_world, plaintext_keyring):
    backend, _ = plaintext_keyring
    realm = secrets.realm_for(sqlite_world.url)
    backend.set_password(secrets.SERVICE, f"{realm}/remembered", AGENT)  # left from before
    backend.set_password(secrets.SERVICE, f"{realm}/user/{AGENT}", password_of(AGENT))
    assert auth.sign_in_remembered(sqlite_world.url) is None
    assert auth.remembered_work_no(sqlite_world.url) is None
    with pytest.raises(secrets.InsecureKeyring):
        secrets.store_url_secret("postgresql://seat:db-secret-9@db.example/seat")


@pytest.mark.parametrize("backend", [null.Keyring, fail.Keyring])
def test_no_keyring_backends_are_refused(backend, sqlite_world):
    previous = keyring.get_keyring()
    keyring.set_keyring(backend())
    try:
        with pytest.raises(auth.RememberUnavailable):
            auth.sign_in(sqlite_world.url, AGENT, password_of(AGENT), remember=True)
    finally:
        keyring.set_keyring(previous)


def test_a_secure_backend_remembers(sqlite_world, memory_keyring):
    session = auth.sign_in(sqlite_world.url, AGENT, password_of(AGENT), remember=True)
    sqlite_world.sessions.append(session)
    assert password_of(AGENT) in memory_keyring.store.values()
    assert secrets.keyring_secure()

"""Issue 10, row 11: 12345678, "password", the work number (twice), eight spaces and the
published demo password were accepted (the only rule was 8 characters). The policy now
refuses each with its reason, in Chinese and English. No Qt here."""

from __future__ import annotations

import pytest

from seat_app.domain.roles import InputRefused
from seat_app.services.security import password_policy
from seat_app.services.security.password_policy import DEMO_PASSWORD, check_password

pytestmark = pytest.mark.integrity

WORK_NO, NAME = "1001", "王话务"

WEAK = [
    ("12345678", "至少 10 个字符", "at least 10 characters"),
    ("password", "至少 10 个字符", "at least 10 characters"),
    ("10011001", "至少 10 个字符", "at least 10 characters"),
    ("1001-1001!", "工号", "work number"),
    ("10011001xy", "工号", "work number"),
    ("        ", "空格", "only spaces"),
    ("          ", "空格", "only spaces"),
    ("1234567890", "常见或已泄露", "common or breached"),
    ("password123", "常见或已泄露", "common or breached"),
    ("Password2026!", "常见或已泄露", "common or breached"),
    ("qwertyuiop", "常见或已泄露", "common or breached"),
    ("aaaaaaaaaaaa", "重复", "repeated"),
    ("abcabcabcabc", "重复", "repeated"),
    ("zyxwvutsrqpo", "连续", "sequence"),
    ("wanghuawu2026", "拼音", "pinyin"),
    ("Wang-Hua-Wu-99", "拼音", "pinyin"),
    ("王话务王话务1234", "姓名", "name"),
    ("pass\x00word-long", "控制字符", "control characters"),
    (DEMO_PASSWORD, "演示密码", "demo password"),
]


@pytest.mark.parametrize(("password", "zh", "en"), WEAK)
def test_weak_password_refused_with_its_reason(password, zh, en):
    with pytest.raises(InputRefused) as err:
        check_password(password, work_no=WORK_NO, name=NAME)
    assert err.value.field == "password"
    assert zh in err.value.zh and en in err.value.en, (err.value.zh, err.value.en)


@pytest.mark.parametrize("password", [
    "Cli-pass-123", "Brand-new-pass-7", "correct horse battery", "盐湖区热线-夜班-2026",
    "Pw-1001-x'q\"9%",  # holds the work number, but much more besides
])
def test_reasonable_passwords_pass(password):
    assert check_password(password, work_no=WORK_NO, name=NAME) == password


def test_demo_password_only_where_a_demo_is_made():
    assert check_password(DEMO_PASSWORD, work_no="1001", allow_demo=True) == DEMO_PASSWORD


def test_the_blocklist_is_shipped_and_large():
    blocked = password_policy.common_passwords()
    assert len(blocked) > 20_000
    assert {"password", "iloveyou", "qwertyuiop", "woaini1314"} <= blocked


def test_the_demo_password_is_the_one_demo_init_prints():
    from seat_app.demo import home as demo

    assert demo.DEMO_PASSWORD == DEMO_PASSWORD


def test_add_user_and_reset_apply_the_policy(tmp_path):
    """Through the service, on a real embedded database: nothing is stored when refused."""
    from argon2 import PasswordHasher, profiles

    from seat_app.services.security import auth
    from seat_app.services.store.engine import make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    previous = auth.use_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))
    try:
        upgrade(engine)
        for password in ("12345678", "password", "10011001", " " * 8, DEMO_PASSWORD):
            with pytest.raises(InputRefused):
                auth.add_user(engine, "6001", "系统管理员", "admin", password)
        assert auth.list_users(engine) == []
        auth.add_user(engine, "6001", "系统管理员", "admin", "Admin-strong-pass-7")
        with pytest.raises(InputRefused) as err:
            auth.reset_password(engine, "6001", "6001-6001-ab")
        assert "工号" in err.value.zh
        with pytest.raises(InputRefused):
            auth.reset_password(engine, "6001", DEMO_PASSWORD)
        session = auth.sign_in(str(engine.url), "6001", "Admin-strong-pass-7", engine=engine)
        assert session.work_no == "6001"
    finally:
        auth.use_hasher(previous)
        engine.dispose()


def test_password_that_is_not_text_is_refused_not_a_traceback():
    with pytest.raises(InputRefused) as err:
        check_password("abc\udcffdefghijkl")  # undecodable stdin bytes (surrogateescape)
    assert "UTF-8" in err.value.zh and "UTF-8" in err.value.en

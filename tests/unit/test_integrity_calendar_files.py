"""Issue 10, the same fault class in the calendar files a seat reads at start
(``SEAT_HOME/calendar/holidays-YYYY.json``): hostile names, nesting bombs and damaged files
are one clear error naming the file, through seat-admin without a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from seat_app.domain.calendar import CalendarError
from seat_app.services.calendar_data import parse_year_file

pytestmark = pytest.mark.integrity


def year_file(folder, name: str) -> dict:
    data = {"format": "seat-holidays/1", "year": 2031, "source": "test",
            "holidays": [{"name": name, "dates": ["2031-01-01"]}], "workdays": []}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "holidays-2031.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return data


@pytest.mark.parametrize(("name", "code"), [("元旦\u202e", "U+202E"), ("元\x00旦", "U+0000"),
                                            ("元旦\n", "U+000A")])
def test_a_holiday_name_with_unsafe_characters_is_refused(tmp_path, name, code):
    year_file(tmp_path, name)
    with pytest.raises(CalendarError) as info:
        parse_year_file(tmp_path / "holidays-2031.json")
    assert code in info.value.zh and "holidays-2031.json" in info.value.en


def test_a_safe_name_loads(tmp_path):
    year_file(tmp_path, "元旦")
    assert parse_year_file(tmp_path / "holidays-2031.json").names


def test_a_nesting_bomb_is_a_clear_error(tmp_path):
    path = tmp_path / "holidays-2031.json"
    path.write_text("[" * 200_000 + "]" * 200_000, "utf-8")
    with pytest.raises(CalendarError) as info:
        parse_year_file(path)
    assert "nested too deeply" in info.value.en and str(path) in info.value.en


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"", b'{"year": 2031'])
def test_seat_admin_with_a_damaged_calendar_file_says_which(tmp_path, content):
    home = tmp_path / "home"
    (home / "calendar").mkdir(parents=True)
    (home / "calendar" / "holidays-2031.json").write_bytes(content)
    env = {**os.environ, "SEAT_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "seat_app.cli", "--lang", "en", "calendar",
                           "is-working-day", "2025-10-08"], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 2
    assert "holidays-2031.json" in done.stderr and "Traceback" not in done.stderr

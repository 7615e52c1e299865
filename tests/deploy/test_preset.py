"""The site preset is read strictly: clear errors, never silently ignored, never a password."""

from __future__ import annotations

import json

import pytest

from seat_app.services.config import Settings
from seat_app.services.deploy import PresetError, apply_preset, find_preset, load_preset

pytestmark = pytest.mark.deploy


def _write(tmp_path, content) -> object:
    path = tmp_path / "preset.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("content", "said"), [
    ("{not json", "JSON"),
    ("[1, 2]", "JSON"),
    ({"central_url": "postgresql://seat:s3cret@db/seat"}, "password"),
    ({"central_url": "postgresql://seat@db/seat", "db_password": "x"}, "password"),
    ({"central_url": "postgresql://seat@db/seat", "extra": {"Token": "abc"}}, "password"),
    ({"centrl_url": "postgresql://seat@db/seat"}, "centrl_url"),
    ({"idle_lock_minutes": "15"}, "idle_lock_minutes"),
    ({"idle_lock_minutes": True}, "idle_lock_minutes"),
    ({"language": "fr_FR"}, "language"),
    ({"update_policy": "sometimes"}, "update_policy"),
    ({"locked": ["central_url", "password_hash"]}, "password"),
    ({"locked": ["colour"]}, "colour"),
    ({"central_url": "not a url at all"}, "central_url"),
])
def test_a_bad_preset_is_refused_with_what_is_wrong(tmp_path, content, said):
    path = _write(tmp_path, content)
    with pytest.raises(PresetError) as err:
        load_preset(path)
    assert str(path) in err.value.zh and str(path) in err.value.en
    assert said.lower() in err.value.en.lower()
    with pytest.raises(PresetError):  # found where IT put it: the same refusal
        find_preset([tmp_path / "missing.json", path])


def test_an_unreadable_preset_is_an_error_not_a_missing_one(tmp_path):
    folder = tmp_path / "preset.json"
    folder.mkdir()  # a folder where the file should be: not "no preset"
    (folder / "x").write_text("{}")
    assert find_preset([tmp_path / "none.json"]) is None
    with pytest.raises(PresetError):
        load_preset(folder)


def test_locked_values_win_and_unlocked_ones_only_fill_defaults(tmp_path):
    path = _write(tmp_path, {"central_url": "postgresql://seat@db.example/seat",
                             "language": "en_US", "area": "盐湖区", "sync_interval_s": 3,
                             "update_policy": "managed", "locked": ["central_url"]})
    preset = load_preset(path)
    assert preset.update_policy == "managed" and preset.fills("central_url")
    assert not preset.fills("seat_code")
    user = Settings(central_url="postgresql://other@x/y", language="zh_CN", area="永济市")
    merged = apply_preset(user, preset)
    assert merged.central_url == "postgresql://seat@db.example/seat"  # locked
    assert merged.area == "永济市" and merged.language == "en_US"  # user's choice kept; default filled
    assert merged.sync_interval_s == 3.0
    fresh = apply_preset(Settings(), preset)
    assert fresh.area == "盐湖区"


def test_seat_preset_env_points_at_the_file(tmp_path, monkeypatch):
    path = _write(tmp_path, {"language": "en_US"})
    monkeypatch.setenv("SEAT_PRESET", str(path))
    preset = find_preset()
    assert preset is not None and preset.values == {"language": "en_US"}

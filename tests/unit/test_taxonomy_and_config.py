
from seat_app.domain import taxonomy
from seat_app.services.config import open_home, resources_dir


def test_every_matter_of_the_coverage_table_is_in_the_taxonomy():
    names = {m.name for m in taxonomy.MATTERS}
    assert len(names) == len(taxonomy.MATTERS) == 182
    for probe in ("公积金提取", "社会生活噪声", "供暖不热", "燃气泄漏", "拖欠工资", "急救转120"):
        assert probe in names
    assert len(taxonomy.AREAS) == 14 and taxonomy.AREAS[0] == "市直"
    assert taxonomy.matter_by_name("公积金提取").unit_types == ("公积金中心",)
    assert taxonomy.matter_by_name("急救转120").unit_types == ()


def test_home_follows_seat_home_and_keeps_typed_settings(seat_home):
    home = open_home()
    assert home.root == seat_home
    assert home.central_url == f"sqlite:///{seat_home / 'central.sqlite3'}"
    home.settings.seat_code = "S07"
    home.save_settings()
    again = open_home()
    assert again.settings.seat_code == "S07"
    assert again.settings.idle_lock_minutes == 15


def test_resources_are_found():
    assert resources_dir().is_dir()

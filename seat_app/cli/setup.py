"""``seat-admin setup``: set a seat up without a window (what the first-run wizard does), for
IT's scripted installs. The site preset (``/etc/seat/preset.json``,
``%ProgramData%\\Seat\\preset.json`` or ``$SEAT_PRESET``) is read first; its locked values
cannot be overridden here."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from seat_app.cli import say
from seat_app.services import config, deploy


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("setup", help="设置本座席（无窗口）set this seat up without a window")
    p.add_argument("--central", default="", metavar="URL",
                   help="中心数据库地址（PostgreSQL，不含密码）；embedded 表示本机内置数据库；"
                        "省略则保持现有设置 central database URL (PostgreSQL, no password); "
                        "'embedded' for this computer's embedded database; omit to keep the "
                        "current one")
    p.add_argument("--seat", default=None, metavar="CODE", help="座席编号 seat code, e.g. S01")
    p.add_argument("--area", default=None, help="本座席默认区域 the seat's default area")
    p.add_argument("--language", choices=("zh_CN", "en_US"), default=None)
    p.add_argument("--data-folder", default=None, metavar="DIR",
                   help="数据文件夹（默认 --home / SEAT_HOME）data folder")
    p.add_argument("--ask-password", action="store_true",
                   help="询问数据库密码用于检查连接（不保存）ask for the password to test with")
    p.add_argument("--no-check", action="store_true",
                   help="不检查中心数据库（离线准备）do not test the central database")
    p.add_argument("--phone", choices=("manual", "baresip", "cti", "simulator"), default=None,
                   help="话机：manual 座机手工登记（默认）、baresip 软电话、cti 呼叫中心桥接、"
                        "simulator 演示 the telephone: desk-phone intake (default), the baresip "
                        "softphone, a CTI bridge, the demo simulator")
    p.add_argument("--phone-host", default="127.0.0.1", help="软电话/CTI 桥接的地址 host")
    p.add_argument("--phone-port", type=int, default=0,
                   help="端口（0：默认 baresip 4444、CTI 7788）port (0: the default)")
    p.add_argument("--dial-domain", default="", help="外呼经由的 PBX（主机[:端口]）the PBX to dial through")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_setup)


def _setup(args: argparse.Namespace) -> int:
    preset = deploy.find_preset()
    folder = Path(args.data_folder).expanduser() if args.data_folder else config.default_home()
    password = getpass.getpass(say("数据库密码：", "Database password: ")) \
        if args.ask_password else None
    try:
        home, check = deploy.configure_seat(
            folder, central_url=args.central, seat_code=args.seat, area=args.area,
            language=args.language, preset=preset, password=password,
            check=not args.no_check,
            telephony=None if args.phone is None else config.TelephonySettings(
                adapter=args.phone, host=args.phone_host, port=args.phone_port,
                dial_domain=args.dial_domain))
    except (deploy.DeployError, ValueError) as exc:  # a value settings.json may not hold
        text = say(getattr(exc, "zh", "") or str(exc), getattr(exc, "en", "") or str(exc))
        print(text + say("（未写入任何设置）", " (no settings were written)"), file=sys.stderr)
        return 2
    if check is not None and not check.ok:
        print(say(check.zh, check.en), file=sys.stderr)
        print(say("未写入任何设置。", "No settings were written."), file=sys.stderr)
        return 1
    s = home.settings
    if args.json:
        print(json.dumps({"data_folder": str(home.root), "central": s.central_url or "embedded",
                          "seat_code": s.seat_code, "area": s.area, "language": s.language,
                          "phone": s.telephony.adapter,
                          "preset": str(preset.path) if preset else None,
                          "check": check.kind if check else None}, ensure_ascii=False))
        return 0
    if check is not None:
        print(say(check.zh, check.en))
    print(say(f"已设置：数据文件夹 {home.root}，中心数据库 {s.central_url or '本机内置'}，"
              f"座席 {s.seat_code}，区域 {s.area}，语言 {s.language}"
              + (f"（站点预设 {preset.path}）" if preset else "") + "。",
              f"Set up: data folder {home.root}, central database "
              f"{s.central_url or 'embedded'}, seat {s.seat_code}, area {s.area}, language "
              f"{s.language}" + (f" (site preset {preset.path})" if preset else "") + "."))
    return 0

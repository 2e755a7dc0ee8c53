"""``outreach config set|get|list``: the user's settings file (see planner.config)."""

from __future__ import annotations

import argparse

from planner.commands.context import EXIT_OK, Context


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``config`` subcommand."""
    from planner.config import KEYS

    cfg = sub.add_parser("config", help="show or change settings (daily-limit, theme...)")
    cfg_sub = cfg.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    set_ = cfg_sub.add_parser("set", help="change one setting")
    set_.add_argument("key", metavar="KEY", help=f"one of {', '.join(KEYS)}")
    set_.add_argument("value", metavar="VALUE")
    set_.set_defaults(func=cmd_config_set)
    get = cfg_sub.add_parser("get", help="print one setting")
    get.add_argument("key", metavar="KEY", help=f"one of {', '.join(KEYS)}")
    get.set_defaults(func=cmd_config_get)
    lst = cfg_sub.add_parser("list", help="print every setting and where the file is")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=cmd_config_list)


def _path(ctx: Context):  # noqa: ANN202 - a Path
    from planner.config import config_path

    return ctx.config_path or config_path()


def cmd_config_set(ctx: Context) -> int:
    from planner import config

    key = ctx.args.key
    config.describe(key)  # an unknown key fails before the file is read
    settings = config.set_value(key, ctx.args.value, _path(ctx))
    print(f"{key} = {config.shown(settings.get(key))}", file=ctx.out)
    return EXIT_OK


def cmd_config_get(ctx: Context) -> int:
    from planner import config

    key = ctx.args.key
    config.describe(key)
    print(config.shown(config.load(_path(ctx)).get(key)), file=ctx.out)
    return EXIT_OK


def cmd_config_list(ctx: Context) -> int:
    from planner import config
    from planner.commands.common import print_json

    path = _path(ctx)
    settings = config.load(path)
    if ctx.args.json:
        print_json(ctx, {key: settings.get(key) for key in config.KEYS})
        return EXIT_OK
    for key in config.KEYS:
        value = config.shown(settings.get(key))
        print(f"{key} = {value}    # {config.describe(key)}", file=ctx.out)
    print(f"(settings file: {path}{'' if path.exists() else ', not created yet'})", file=ctx.out)
    return EXIT_OK

"""公开目录助手 (GKML Desk) entry point: the GUI by default, CLI subcommands for batch use."""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if argv and argv[0] not in ("--gui",) and not argv[0].startswith("--basedir"):
        # Any argument other than GUI options means the CLI (help and --version included).
        if argv[0] == "--selftest":
            from catalog.selftest import main as selftest
            return selftest(argv[1:])
        from catalog.cli import main as cli_main
        return cli_main(argv)
    from gui.app import run_gui
    return run_gui(argv[1:] if argv and argv[0] == "--gui" else argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

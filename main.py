"""公开目录助手 (GKML Desk) entry point: the GUI when no command is given, the CLI otherwise."""
from __future__ import annotations

import sys

# Options the GUI understands; with nothing else on the command line, the GUI starts.
GUI_OPTIONS_WITH_VALUE = ("--db", "--settings")


def route(argv: list[str]) -> tuple[str, list[str]]:
    """('gui' | 'cli' | 'selftest', the arguments for it).

    `main.py`, `main.py --db PATH` and `main.py --gui [...]` → GUI; `--selftest ...` → self-test;
    anything else (a command, --help, --version) → CLI with argv unchanged.
    """
    if argv and argv[0] == "--selftest":
        return "selftest", argv[1:]
    if argv and argv[0] == "--gui":
        return "gui", argv[1:]
    rest = list(argv)
    while rest:
        opt = rest[0]
        if opt in GUI_OPTIONS_WITH_VALUE and len(rest) >= 2:
            rest = rest[2:]
        elif opt.split("=", 1)[0] in GUI_OPTIONS_WITH_VALUE and "=" in opt:
            rest = rest[1:]
        else:
            return "cli", list(argv)
    return "gui", list(argv)


def main(argv: list[str]) -> int:
    where, args = route(argv)
    if where == "selftest":
        from catalog.selftest import main as selftest
        from gui.selftest import GUI_STEPS
        return selftest(args, GUI_STEPS)
    if where == "cli":
        from cli import main as cli_main
        return cli_main(args)
    from gui.app import run_gui
    return run_gui(args)


if __name__ == "__main__":
    import multiprocessing
    # The county import may use worker processes; a frozen exe must let them start as workers.
    multiprocessing.freeze_support()
    sys.exit(main(sys.argv[1:]))

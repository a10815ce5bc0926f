"""One scripted session of every CLI command that prints --json, for the golden contract test.

`run(*args) -> (exit code, stdout)` is the CLI under test: in-process for the test, a subprocess of an older
checkout when the golden file is (re)made with `python tests/cli_scenario.py ROOT OUT.json`."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[..., tuple[int, str]]
FACTORS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def citizen_id(seq: int) -> str:
    """A valid GB 11643 number (check character computed), different per seq."""
    body = f"420102198{seq % 10}0{(seq % 9) + 1}1{seq % 10}{seq % 7}{seq % 5}{seq % 3}"[:17]
    total = sum(int(c) * f for c, f in zip(body, FACTORS, strict=True))
    return body + "10X98765432"[total % 11]


def scenario(run: Run, tmp: Path) -> dict[str, Any]:
    """Every --json output of one session, keyed by a short name."""
    db, county = str(tmp / "w.db"), str(tmp / "county.db")
    out: dict[str, Any] = {}

    def js(name: str, *args: str) -> None:
        code, text = run(*args)
        assert code in (0, 1), f"{name}: exit {code}\n{text[-2000:]}"
        out[name] = json.loads(text)

    villages = tmp / "villages.txt"
    villages.write_text("张家村\n李家村\n", encoding="utf-8")
    code, _ = run("--db", db, "init", "--township", "某镇", "--county", "某县", "--code", "420102001000",
                  "--villages", str(villages))
    assert code == 0
    js("guides", "guides", "--json")
    js("guides_domain", "guides", "涉农补贴", "--json")
    js("compile", "--db", db, "compile", "--domains", "涉农补贴,社会救助", "--json")
    js("show", "--db", db, "show", "--json")
    js("check", "--db", db, "check", "--json")
    assert run("--db", db, "publish", "--note", "初版")[0] == 0
    js("versions", "--db", db, "versions", "--json")
    js("diff", "--db", db, "diff", "1", "current", "--json")
    folder = tmp / "up"
    folder.mkdir()
    js("export", "--db", db, "export", "package", str(folder / "某镇.gkml"), "--json")
    js("import_dry_run", "--db", db, "import", str(folder / "某镇.gkml"), "--dry-run", "--json")
    js("county", "--db", county, "county", str(folder), "--json")
    js("holidays_show", "--db", db, "holidays", "show", "--json")
    js("due", "--db", db, "due", "--json")
    js("ledger_list", "--db", db, "ledger", "list", "--json")
    roster = tmp / "roster.csv"
    rows = ["户主姓名,身份证号码,村(社区),补贴项目,面积（亩）,补贴标准,补贴金额（元）"]
    rows += [f"张{i},{citizen_id(i)},{'张家村' if i % 2 else '李家村'},耕地地力保护补贴,{i}.5,100,"
             f"{i * 100 + 50}"
             for i in range(1, 7)]
    roster.write_text("\n".join(rows) + "\n", encoding="gbk")
    js("notice_import", "--db", db, "notice", "import", str(roster), "--json")
    js("notice_print", "--db", db, "notice", "print", str(tmp / "notice.pdf"), "--start", "2026-11-02",
       "--phone", "0710-1234567", "--json")
    js("notice_rosters", "--db", db, "notice", "rosters", "--json")
    js("notice_prints", "--db", db, "notice", "prints", "--json")
    assert run("--db", db, "request", "add", "--received", "2026-03-02", "--channel", "网络", "--category",
               "自然人", "--name", "王五", "--content", "本村2025年耕地地力保护补贴发放名单")[0] == 0
    js("request_list", "--db", db, "request", "list", "--json")
    js("request_types", "--db", db, "request", "types", "--json")
    js("annual_report", "--db", db, "annual-report", "2026", "--json")
    plain = tmp / "plain.csv"
    plain.write_text(f"姓名,证件\n张三,{citizen_id(3)}\n", encoding="utf-8")
    js("scan", "scan", str(plain), "--json")
    return out


def shape(value: Any) -> Any:
    """The contract part of a JSON value: keys and kinds, not the data (which evolves with the guides)."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        merged: dict[str, Any] = {}
        kinds = set()
        for v in value:
            s = shape(v)
            if isinstance(s, dict):
                for k, sv in s.items():
                    if merged.get(k, "null") == "null":   # a later element may show the kind
                        merged[k] = sv
            else:
                kinds.add(json.dumps(s))
        if merged:
            return [merged]
        return [json.loads(k) for k in sorted(kinds)]
    if value is None:
        return "null"
    return type(value).__name__.replace("float", "number").replace("int", "number")


def missing(golden: Any, now: Any, where: str = "") -> list[str]:
    """Keys (and kinds) the golden shape has that the current one lost; new keys are allowed."""
    if golden == "null" or now == "null":
        return []   # an optional value happened to be empty in one of the runs
    if isinstance(golden, dict):
        if not isinstance(now, dict):
            return [f"{where or '/'}: was an object, now {now!r}"]
        return [m for k, v in golden.items()
                for m in ([f"{where}/{k}: key gone"] if k not in now else missing(v, now[k], f"{where}/{k}"))]
    if isinstance(golden, list):
        if not isinstance(now, list):
            return [f"{where or '/'}: was a list, now {now!r}"]
        if golden and now and isinstance(golden[0], dict) and isinstance(now[0], dict):
            return missing(golden[0], now[0], where + "[]")
        return []
    if isinstance(now, (dict, list)) or (golden != now and {golden, now} != {"number", "bool"}):
        return [f"{where}: was {golden}, now {now}"]
    return []


def _subprocess_runner(root: Path, cwd: Path) -> Run:
    def run(*args: str) -> tuple[int, str]:
        r = subprocess.run([sys.executable, str(root / "main.py"), *args], capture_output=True, text=True,
                           encoding="utf-8", cwd=cwd, timeout=300)
        return r.returncode, r.stdout
    return run


if __name__ == "__main__":
    import tempfile
    root, target = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
    with tempfile.TemporaryDirectory() as d:
        result = scenario(_subprocess_runner(root, Path(d)), Path(d))
    target.write_text(json.dumps({k: shape(v) for k, v in result.items()}, ensure_ascii=False,
                                 indent=1) + "\n",
                      encoding="utf-8")
    print(f"wrote {target}: {len(result)} outputs")

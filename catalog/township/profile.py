"""Township profile: name, county, 行政区划代码, villages, contacts — validated before anything is stored."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import InputError

# 省级代码 of GB/T 2260 (incl. 港澳台), used to catch typos in the first two digits.
PROVINCE_CODES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82",
}


@dataclass(frozen=True)
class Village:
    name: str
    code: str = ""


@dataclass(frozen=True)
class Township:
    name: str
    county: str
    code: str
    contact: str = ""
    phone: str = ""              # office phone
    supervise_phone: str = ""    # 监督电话 printed on notices
    villages: tuple[Village, ...] = field(default_factory=tuple)

    @property
    def government(self) -> str:
        """The disclosing body as township catalogs write it: 某镇人民政府 / 某街道办事处."""
        if self.name.endswith("街道"):
            return self.name + "办事处"
        if self.name.endswith(("人民政府", "办事处")):
            return self.name
        return self.name + "人民政府"

    def village_names(self) -> list[str]:
        return [v.name for v in self.villages]


def code_problem(code: str, *, level: str = "township") -> str | None:
    """None if `code` is a plausible 12-digit 统计用区划代码 for a township (or a village)."""
    c = code.strip()
    if not re.fullmatch(r"\d{12}", c):
        return f"行政区划代码应为 12 位数字，实际是「{code}」"
    if c[:2] not in PROVINCE_CODES:
        return f"行政区划代码前两位 {c[:2]} 不是有效的省级代码"
    if c[2:6] == "0000" or (c[4:6] == "00" and c[2:4] == "00"):
        return "行政区划代码缺少市、县级部分"
    if level == "township":
        if c[6:9] == "000":
            return "乡镇/街道的行政区划代码第 7–9 位不能是 000"
        if c[9:] != "000":
            return "乡镇/街道的行政区划代码最后 3 位应为 000（后 3 位是村级代码）"
    elif level == "village" and c[9:] == "000":
        return "村/社区的行政区划代码最后 3 位不能是 000"
    return None


def validate_township(t: Township) -> Township:
    """Return a cleaned copy or raise InputError naming the field."""
    name, county, code = t.name.strip(), t.county.strip(), t.code.strip()
    if not name:
        raise InputError("乡镇/街道名称不能为空", column="乡镇名称")
    if not county:
        raise InputError("所属县（市、区）名称不能为空", column="所属县")
    problem = code_problem(code)
    if problem:
        raise InputError(problem, column="行政区划代码")
    villages = validate_villages(t.villages, township_code=code)
    return Township(name, county, code, t.contact.strip(), t.phone.strip(),
                    t.supervise_phone.strip(), villages)


def validate_villages(villages: Iterable[Village], *, township_code: str = "",
                      file: str | None = None) -> tuple[Village, ...]:
    seen: dict[str, int] = {}
    out = []
    for i, v in enumerate(villages, start=1):
        name, code = v.name.strip(), v.code.strip()
        if not name:
            raise InputError("村/社区名称不能为空", file=file, row=i)
        if name in seen:
            raise InputError(f"村/社区「{name}」重复（第 {seen[name]} 行已有）", file=file, row=i)
        if code:
            problem = code_problem(code, level="village")
            if problem:
                raise InputError(f"「{name}」的{problem}", file=file, row=i)
            if township_code and code[:9] != township_code[:9]:
                raise InputError(f"「{name}」的代码 {code} 不属于本乡镇（前 9 位应为 {township_code[:9]}）",
                                 file=file, row=i)
        seen[name] = i
        out.append(Village(name, code))
    return tuple(out)


def parse_village_text(text: str, *, file: str | None = None) -> tuple[Village, ...]:
    """One village per line: `name` or `name,code` (also 全角逗号 or tab); blank lines skipped.
    A header line such as 村名,代码 is skipped."""
    villages = []
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"[,，\t]", line, maxsplit=1)]
        if parts[0] in ("名称", "村名", "村(社区)", "村（社区）", "村/社区", "name"):
            continue
        villages.append(Village(parts[0], parts[1] if len(parts) > 1 else ""))
    return tuple(villages)


def read_villages_file(path: Path | str) -> tuple[Village, ...]:
    """Villages from a text/csv file (UTF-8 or GBK) or an xlsx with name and code columns."""
    path = Path(path)
    if not path.exists():
        raise InputError("文件不存在", file=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        return _villages_from_sheet(path)
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError("无法识别文件编码（应为 UTF-8 或 GBK）", file=path.name)
    return parse_village_text(text, file=path.name)


def _villages_from_sheet(path: Path) -> tuple[Village, ...]:
    from catalog.xlsx_safety import open_calamine_safely
    wb = open_calamine_safely(path)   # refuses zip bombs, entity attacks and far-cell files first
    try:
        rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=True)
    except Exception as err:  # calamine raises several kinds for broken sheets
        raise InputError(f"无法读取表格：{err}", file=path.name) from None
    finally:
        wb.close()
    lines = []
    for row in rows:
        cells = ["" if c is None else (str(int(c)) if isinstance(c, float) and c.is_integer() else str(c))
                 for c in row[:2]]
        lines.append(",".join(c for c in cells if c != ""))
    return parse_village_text("\n".join(lines), file=path.name)


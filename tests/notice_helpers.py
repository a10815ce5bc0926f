"""Roster fixtures for the noticeboard tests, written at run time (xlsx, xls, csv in UTF-8/GBK)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from catalog.privacy.pii import id_check_char

VILLAGES = ["张家村", "李家村", "王家湾社区"]
HEADERS = ["序号", "户主姓名", "身份证号码", "村(社区)", "村民小组", "补贴项目", "面积（亩）", "补贴标准",
           "补贴金额（元）", "一卡通账号", "发放日期"]
BANK = "6228480402564890018"   # Luhn-valid 19-digit card number


def make_id(seq: int, birth: str = "19650312") -> str:
    body = f"420102{birth}{seq % 1000:03d}"
    return body + id_check_char(body)


def good_rows(n: int = 6) -> list[list]:
    """n valid rows spread over the three villages (two 项目 in 张家村)."""
    out = []
    for i in range(n):
        village = VILLAGES[i % 3]
        item = "耕地地力保护补贴" if i % 2 == 0 or village != "张家村" else "稻谷补贴"
        qty, std = f"{10 + i}.5", "105.5"
        amount = f"{(10 + i + 0.5) * 105.5:.2f}"
        name = f"张{'一二三四五六七八九十'[i % 10]}{i}"
        out.append([i + 1, name, make_id(i + 1), village, f"{i % 4 + 1}组", item, qty, std, amount,
                    BANK[:-3] + f"{i:03d}", "2026-11-10"])
    return out


def write_xlsx(path: Path, rows: list[list], *, headers: list[str] = HEADERS,
               title: str | None = "某镇补贴发放花名册", sheet: str = "名册", numeric: bool = True) -> Path:
    """An .xlsx like the county's export: a title row, the header, the rows (amounts as numbers)."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append(headers)
    for r in rows:
        ws.append([_num(v) if numeric else v for v in r])
    wb.save(path)
    return path


def write_xls(path: Path, rows: list[list], *, headers: list[str] = HEADERS) -> Path:
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("名册")
    for c, h in enumerate(headers):
        ws.write(0, c, h)
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            ws.write(r, c, _num(v))
    wb.save(str(path))
    return path


def write_csv(path: Path, rows: list[list], *, encoding: str = "gbk", headers: list[str] = HEADERS) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    for r in rows:
        w.writerow(r)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def _num(v):
    """Amounts, areas and standards as numbers (as Excel holds them); IDs and cards stay text."""
    if isinstance(v, str):
        try:
            if len(v) < 12 and v.replace(".", "", 1).isdigit():
                return float(v)
        except ValueError:
            pass
    return v

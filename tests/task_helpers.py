"""A received 工作要点 task list built the way counties send it: a merged title, section rows across the
table, a 工作任务 merged over several rows, numbered multi-line 具体要求, deadlines only in the text."""
from __future__ import annotations

from pathlib import Path

HEADER = ("序号", "工作任务", "具体要求", "责任单位", "完成情况", "备注")
TITLE = "2026年某县政务公开工作要点任务分工清单"

# (section, [(task, requirement, unit, remark)]) — one row each; the task cell is merged over rows
# with the same task.
SECTIONS = [
    ("一、年底前专项工作任务", [
        ("政务公开目录编制", "1.对照26个领域标准指引编制本级主动公开目录；\n2.11月底前在政府网站公开目录。",
         "各乡镇人民政府", ""),
        ("政务公开目录编制", "目录动态更新，每季度核对一次，第四季度完成年度复核。",
         "各乡镇人民政府", "持续"),
        ("涉农补贴公开", "年底前在村务公开栏张贴涉农补贴发放名册，公示期不少于7天。", "各乡镇、各村", ""),
    ]),
    ("二、常态化工作", [
        ("政府信息公开年度报告", "（1）次年1月31日前发布年度报告；\n（2）按新格式填报统计表。",
         "县政务公开办、各乡镇", ""),
        ("基层政务公开标准化规范化", "长期坚持，做好日常公开工作。", "县政务公开办", ""),
        ("依申请公开办理", "按时答复依申请公开，规范答复文书。", "", "无时限"),
    ]),
]


def build_task_list(path: Path, *, sections=SECTIONS, title: str = TITLE) -> Path:
    """Write the task list as .xlsx (openpyxl) and return its path."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(list(HEADER))
    row = 3
    for section, tasks in sections:
        ws.cell(row=row, column=1, value=section)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
        row += 1
        start, last, no = row, None, 0
        for task, req, unit, remark in tasks:
            if task != last:
                if last is not None and row - start > 1:
                    ws.merge_cells(start_row=start, start_column=2, end_row=row - 1, end_column=2)
                    ws.merge_cells(start_row=start, start_column=1, end_row=row - 1, end_column=1)
                no += 1
                start, last = row, task
                ws.cell(row=row, column=1, value=no)
                ws.cell(row=row, column=2, value=task)
            ws.cell(row=row, column=3, value=req).alignment = Alignment(wrap_text=True)
            ws.cell(row=row, column=4, value=unit)
            ws.cell(row=row, column=6, value=remark or None)
            row += 1
        if row - start > 1:
            ws.merge_cells(start_row=start, start_column=2, end_row=row - 1, end_column=2)
            ws.merge_cells(start_row=start, start_column=1, end_row=row - 1, end_column=1)
    ws.cell(row=row, column=1, value="注：请各单位于每月25日前报送进展。")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
    wb.save(path)
    return path


def big_sections(n_tasks: int) -> list:
    """n_tasks rows in 10 sections, each requirement with two numbered parts and a month deadline."""
    out = []
    per = max(1, n_tasks // 10)
    cn = "一二三四五六七八九十"
    for s in range(10):
        rows = [(f"任务{s}-{i // 2}", f"1.第一步{i}，{(i % 12) + 1}月底前完成；\n2.第二步{i}，年底前完成。",
                 "各乡镇人民政府", "") for i in range(per)]
        out.append((f"{cn[s]}、第{s + 1}部分工作", rows))
    return out

"""Issue 13 #9: IDs typed in odd forms are found and masked; export and publish refuse a P003 catalog."""
from __future__ import annotations

import pytest
from export_helpers import rich_catalog

from catalog.errors import KnownError
from catalog.exchange.export import export_catalog
from catalog.privacy.pii import find_pii, id_check_char, scrub_text
from catalog.privacy.scan import scan_file
from catalog.township.commands import EditItem

ID = "11010519491231002" + id_check_char("11010519491231002")
FW = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ODD_FORMS = {
    "plain": ID, "lower_x": ID.lower(), "fullwidth": ID.translate(FW), "fullwidth_x": ID[:17] + "Ｘ",
    "space_6_8_4": f"{ID[:6]} {ID[6:14]} {ID[14:]}", "hyphen_6_8_4": f"{ID[:6]}-{ID[6:14]}-{ID[14:]}",
    "groups_of_4": " ".join(ID[k:k + 4] for k in range(0, 18, 4)),
    "ideographic_space": f"{ID[:6]}\u3000{ID[6:14]}\u3000{ID[14:]}",
    "fullwidth_hyphen": f"{ID[:6]}－{ID[6:14]}－{ID[14:]}",
    "en_dash": f"{ID[:6]}–{ID[6:14]}–{ID[14:]}", "labelled": f"身份证号:{ID}", "in_text": f"张三（{ID}）领取",
    "quoted": f"'{ID}", "excel_formula": f'="{ID}"', "tabs": f"\t{ID}\t", "line_break": f"{ID[:9]}\n{ID[9:]}",
    "dots": f"{ID[:6]}.{ID[6:14]}.{ID[14:]}", "mixed_width": ID[:9] + ID[9:].translate(FW),
    "every_digit_spaced": " ".join(ID), "underscores": f"{ID[:6]}_{ID[6:14]}_{ID[14:]}",
}


@pytest.mark.parametrize("name", sorted(ODD_FORMS))
def test_odd_id_forms_are_found_and_masked(name):
    text = ODD_FORMS[name]
    assert [m.kind for m in find_pii(text)] == ["id_number"], name
    scrubbed = scrub_text(text)
    assert not find_pii(scrubbed) and "".join(c for c in scrubbed if c.isdigit()) != ID[:17]


def test_scan_file_finds_every_odd_form(tmp_path):
    path = tmp_path / "公示.txt"
    path.write_text("\n".join(v.replace("\n", " ") for v in ODD_FORMS.values()), encoding="utf-8")
    assert scan_file(path).summary()["id_number"] == len(ODD_FORMS)


@pytest.mark.parametrize("text", ["2026 11 22 10 30 00 12 34 56", "订单 1234-5678-9012-3456-78",
                                  "金额 1.000.000.000.000.000"])
def test_spaced_numbers_that_are_no_id_are_left_alone(text):
    assert [m for m in find_pii(text) if m.kind == "id_number"] == []


@pytest.mark.parametrize("form", ["plain", "space_6_8_4", "fullwidth"])
def test_export_and_publish_are_blocked_while_p003_has_a_full_id(tmp_path, form):
    cat = rich_catalog(tmp_path / "w")
    try:
        item = cat.items()[0]
        cat.do(EditItem(item.uid, {"content": (*item.text.content, f"联系人张三 {ODD_FORMS[form]}")}))
        for kind in ("xlsx", "pdf", "package"):
            with pytest.raises(KnownError, match="P003"):
                export_catalog(cat, tmp_path / f"out.{kind}", kind=kind)
        with pytest.raises(KnownError, match="不能发布"):
            cat.publish("v1")
        assert not list(tmp_path.glob("out.*")) and cat.versions() == []
        cat.do(EditItem(item.uid, {"content": item.text.content}))
        export_catalog(cat, tmp_path / "ok.xlsx", kind="xlsx")
        assert cat.publish("v1") == 1
    finally:
        cat.close()

"""The streamed save writes what openpyxl writes: comments and their VML from templates, body rows in chunks."""

from __future__ import annotations

import random
import zipfile

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.comments.comment_sheet import CommentRecord, CommentSheet
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import tostring

from zhibiao.workbook import write_openpyxl
from zhibiao.workbook.plan import Mark, ResultSheet, WritePlan
from zhibiao.workbook.stream_save import Notes, comments_xml, shapes_vml

_PIECES = ["完成49%", "序时进度", " ", "\n", "\r\n", "&", "<b>", ">", '"引号"', "'", "——", "𠀀", "\t", "x", "红灯：", "  "]


def _random_text(rnd: random.Random) -> str:
    return "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 8)))


def test_comment_parts_are_what_openpyxl_writes():
    rnd = random.Random(13)
    for _ in range(30):
        cells = sorted({(rnd.randint(1, 300), rnd.randint(1, 60)) for _ in range(rnd.randint(1, 40))})
        notes = Notes()
        records = []
        for row, col in cells:
            ref = f"{get_column_letter(col)}{row}"
            text, author = _random_text(rnd), rnd.choice(["zhibiao", "张三", "a&b <c>"])
            height, width = rnd.randint(20, 400), rnd.choice([144, 320])
            notes.append((row, col, ref, text, author, height, width))
            record = CommentRecord(ref=ref, author=author, height=height, width=width)
            record.text.t = text
            records.append(record)
        sheet = CommentSheet.from_comments(records)
        assert "".join(comments_xml(notes)).encode() == tostring(sheet.to_tree())
        assert "".join(shapes_vml(notes)).encode() == sheet.write_shapes(None)


def _source(path):
    wb = OpenpyxlWorkbook()
    ws = wb.active
    ws.title = "进度"
    for r in range(60):
        ws.append([f"指标{r}"] + [float(r * c) for c in range(12)])
    ws["B3"].comment = Comment("填报人：李四\n已核", "李四")  # a clerk's note on a cell zhibiao marks
    ws["M50"].comment = Comment(" 口径待定 ", "王五")  # and on one it leaves alone
    wb.save(path)


def _plan() -> WritePlan:
    marks = [Mark("进度", r, c, "red" if (r + c) % 3 else "green", f"红灯：完成{r * c}% & <落后>") for r in range(1, 60) for c in (1, 2, 5, 11)]
    rows = [[f"指标{i}", "地区", 1.5 * i, None, "=不是公式", True, f" 说明{i} "] for i in range(300)]
    sheet = ResultSheet("进度结果", ["指标", "地区", "实际", "目标", "说明", "是", "备注"], rows,
                        {(i, 1): f"进度!B{i + 1}" for i in range(0, 300, 7)}, ["red"] * 300, "汇总")
    return WritePlan([sheet], marks, [], ("进度结果",))


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != "docProps/core.xml"}  # core.xml holds the save time


def test_streamed_write_is_byte_for_byte_the_openpyxl_write(tmp_path, monkeypatch):
    src = tmp_path / "src.xlsx"
    _source(src)
    streamed = write_openpyxl.write(src, _plan(), tmp_path / "streamed.xlsx")
    again = write_openpyxl.write(streamed, _plan(), tmp_path / "again.xlsx")  # undoing the first write
    wb = write_openpyxl.load(src)
    write_openpyxl.apply(wb, _plan())  # every cell and comment an openpyxl object, saved by openpyxl
    wb.save(tmp_path / "plain.xlsx")
    assert _parts(streamed) == _parts(tmp_path / "plain.xlsx")
    wb = write_openpyxl.load(streamed)
    write_openpyxl.apply(wb, _plan())
    wb.save(tmp_path / "plain_again.xlsx")
    assert _parts(again) == _parts(tmp_path / "plain_again.xlsx")
    ws = load_workbook(again)["进度"]
    assert ws["B3"].comment.text.startswith("填报人：李四\n已核\n——\n红灯")  # the clerk's note kept above zhibiao's
    assert ws["M50"].comment.text == " 口径待定 "
    assert ws["C3"].comment.text == "红灯：完成4% & <落后>"


def test_comments_zhibiao_adds_are_not_openpyxl_objects(tmp_path, monkeypatch):
    """The 236 marks' comments go to the templates: openpyxl builds comment objects only for the clerk's two notes,
    as it reads them and (for the one zhibiao leaves alone) as it writes it — never one per mark (10,000 of them
    in a 100 × 100 progress report)."""
    from openpyxl.comments import comment_sheet, comments

    src = tmp_path / "src.xlsx"
    _source(src)
    made = []
    for cls in (comments.Comment, comment_sheet.CommentRecord):
        real = cls.__init__
        monkeypatch.setattr(cls, "__init__", lambda self, *a, real=real, cls=cls, **k: made.append(cls) or real(self, *a, **k))
    write_openpyxl.write(src, _plan(), tmp_path / "out.xlsx")
    assert len(_plan().marks) == 236
    assert made.count(comments.Comment) <= 2 and made.count(comment_sheet.CommentRecord) <= 4
    assert load_workbook(tmp_path / "out.xlsx")["进度"]["C3"].comment.text == "红灯：完成4% & <落后>"


def test_row_heights_a_column_at_a_time_are_the_per_cell_rule():
    from itertools import zip_longest

    from zhibiao.workbook.result_sheet import _lines, row_heights

    rnd = random.Random(5)
    texts = ["完成", "abc", "12.5", "\n", " ", "x" * 30, "长" * 12, ""]
    others = [None, 3.14159, 123456789, True, -0.5]
    for _ in range(300):
        rows = [[rnd.choice(others) if rnd.random() < 0.3 else "".join(rnd.choice(texts) for _ in range(rnd.randint(0, 3)))
                 for _ in range(rnd.randint(0, 6))] for _ in range(rnd.randint(1, 20))]
        rooms = [max(rnd.choice([6, 9, 12, 34, 44]) - 1.5, 1) for _ in range(5)]
        assert row_heights(list(zip_longest(*rows)), rooms, len(rows)) == [15 * max(map(_lines, r, rooms), default=1) + 3 for r in rows]

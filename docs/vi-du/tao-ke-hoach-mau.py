# Regenerate with: pip install python-docx && python3 docs/vi-du/tao-ke-hoach-mau.py (from the repository root).
# Builds docs/vi-du/ke-hoach-mau.docx: a plan laid out as a signed document (ND 30/2020),
# from seed 002's text (An Thành, 66/KH-UBND), a few of its tasks.
from docx import Document
from docx.shared import Pt
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

d = Document()
st = d.styles["Normal"]; st.font.name = "Times New Roman"; st.font.size = Pt(13)

def no_borders(t):
    tbl = t._tbl
    pr = tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for e in ("top", "left", "bottom", "right", "insideH", "insideV"):
        x = OxmlElement(f"w:{e}"); x.set(qn("w:val"), "nil"); b.append(x)
    pr.append(b)

def cell_text(cell, lines, bold=False, center=True, italic=False):
    cell.paragraphs[0].text = ""
    for i, l in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        r = p.add_run(l); r.bold = bold; r.italic = italic
        if center: p.alignment = WD_ALIGN_PARAGRAPH.CENTER

h = d.add_table(rows=2, cols=2); no_borders(h)
cell_text(h.cell(0, 0), ["ỦY BAN NHÂN DÂN", "XÃ AN THÀNH"], bold=True)
cell_text(h.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True)
cell_text(h.cell(1, 0), ["Số: 66/KH-UBND"])
cell_text(h.cell(1, 1), ["An Thành, ngày 20 tháng 10 năm 2025"], italic=True)

def para(t, bold=False, center=False, italic=False):
    p = d.add_paragraph(); r = p.add_run(t); r.bold = bold; r.italic = italic
    if center: p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p

para("KẾ HOẠCH", bold=True, center=True)
para("Thực hiện Nghị quyết số 268/NQ-CP ngày 31/8/2025 của Chính phủ trên địa bàn xã An Thành", bold=True, center=True)
para("Căn cứ Nghị quyết số 268/NQ-CP ngày 31/8/2025 của Chính phủ;", italic=True)
para("Căn cứ Kế hoạch số 175/KH-UBND ngày 20/9/2025 của UBND thành phố Hải Phòng;", italic=True)
para("Ủy ban nhân dân xã An Thành ban hành Kế hoạch thực hiện như sau:")
para("I. MỤC ĐÍCH, YÊU CẦU", bold=True)
para("1. Mục đích", bold=True)
para("Triển khai kịp thời, hiệu quả các nhiệm vụ Chính phủ giao, bảo đảm chính quyền địa phương 02 cấp vận hành thông suốt.")
para("2. Yêu cầu", bold=True)
para("Phân công rõ cơ quan chủ trì, thời hạn, sản phẩm; định kỳ báo cáo kết quả.")
para("II. NHIỆM VỤ, GIẢI PHÁP", bold=True)
para("(Có Phụ lục nhiệm vụ kèm theo)", italic=True)

s = d.add_table(rows=1, cols=2); no_borders(s)
cell_text(s.cell(0, 0), ["Nơi nhận:", "- UBND thành phố;", "- TT Đảng ủy, HĐND xã;", "- Lưu: VT."], center=False)
cell_text(s.cell(0, 1), ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Nguyễn Văn Hải"], bold=True)

d.add_page_break()
para("PHỤ LỤC", bold=True, center=True)
para("NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT SỐ 268/NQ-CP", bold=True, center=True)
para("(Kèm theo Kế hoạch số 66/KH-UBND ngày 20 tháng 10 năm 2025 của Ủy ban nhân dân xã An Thành)", italic=True, center=True)

rows = [
    ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành", "Sản phẩm"),
    ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"),
    ("I", "Về thể chế", None, None, None, None),
    ("1", "Rà soát, đề xuất sửa đổi các văn bản quy phạm pháp luật về phân cấp, phân quyền.", "Văn phòng HĐND và UBND xã", "Các phòng chuyên môn", "Quý IV/2025", "Báo cáo"),
    ("2", "Ban hành quy chế làm việc của UBND xã nhiệm kỳ 2021-2026.", "^", "Phòng Kinh tế;\nPhòng Văn hóa - Xã hội", "Tháng 11/2025", "Quy chế"),
    ("II", "Về thủ tục hành chính", None, None, None, None),
    ("1", "Tập trung ưu tiên giải quyết thủ tục hành chính cho người dân, doanh nghiệp.", "Trung tâm PVHCC xã", "Các phòng chuyên môn", "Thường xuyên", ""),
    ("2", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.", "Trung tâm PVHCC xã", "Văn phòng HĐND và UBND xã", "Quý III-IV/2025", "Dữ liệu số hóa"),
]
t = d.add_table(rows=len(rows), cols=6); t.style = "Table Grid"
for i, r in enumerate(rows):
    if r[2] is None:  # group row: numeral + title merged across
        t.cell(i, 0).text = r[0]
        m = t.cell(i, 1).merge(t.cell(i, 5)); m.text = r[1]
        for p in t.cell(i, 0).paragraphs + m.paragraphs:
            for run in p.runs: run.bold = True
        continue
    for j, v in enumerate(r):
        if v == "^":
            continue
        lines = v.split("\n")
        c = t.cell(i, j); c.text = lines[0]
        for l in lines[1:]: c.add_paragraph(l)
    if i < 2:
        for c in t.rows[i].cells:
            for p in c.paragraphs:
                for run in p.runs: run.bold = True
# The lead cell of task I.1 merged down over task I.2 (as Word does for "same unit").
t.cell(3, 2).merge(t.cell(4, 2))
d.save("docs/vi-du/ke-hoach-mau.docx")

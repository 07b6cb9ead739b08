#!/usr/bin/env python3
"""Tạo các tệp số liệu mẫu dạng Excel (.xlsx) của không gian làm việc Ninh Thuận.

Đọc mỗi tệp nguồn scripts/example-xlsx/<kỳ>/<đơn vị>.yaml (cùng định dạng một tệp số liệu YAML,
docs/data-format.md) và ghi examples/ninh-thuan/submissions/<kỳ>/<đơn vị>.xlsx theo biểu mẫu Excel
của docs/data-format.md:
  - «Thông tin»   : nhãn ở cột A, giá trị ở cột B (Mã đơn vị, Kỳ báo cáo, Ngày chốt số liệu, Người lập);
  - «Chỉ tiêu»    : Mã | Chỉ tiêu | Đơn vị tính | Giá trị hoặc Tử số | Mẫu số | Ghi chú — tên chỉ tiêu
                    và đơn vị tính lấy từ examples/ninh-thuan/data/indicators.yaml;
  - «Nhiệm vụ»    : Mã | Nhiệm vụ | Tình trạng | Kết quả | Văn bản;
  - «Sản phẩm»    : TT | Tên sản phẩm | Tình trạng | Ghi chú;
  - «Thuyết minh» : Mục | Nội dung.
Số ghi thành ô dạng số; chuỗi (vd. «11. 835» của huyện Ninh Hải) ghi thành ô chữ, giữ nguyên như bản
in; giá trị ~ (không báo cáo, vd. ô trống của huyện Bác Ái) để ô trống. Tỷ lệ ghi sẵn (printed), ghi
chú (note) và các khóa khác mà biểu mẫu Excel không có cột riêng được đưa vào cột «Ghi chú».

Kết quả là tất định: thuộc tính tài liệu (người tạo «cdsreport», ngày tạo và ngày sửa
2024-12-13T00:00:00) và thời gian của các mục trong tệp zip được cố định, nên chạy lại cho ra
đúng từng byte.

Cách chạy (từ thư mục gốc của kho; cần PyYAML và openpyxl: pip install pyyaml openpyxl):
    python3 scripts/make_example_xlsx.py
Mỗi đơn vị chỉ được có MỘT tệp số liệu trong submissions/<kỳ>/: tệp nguồn YAML nằm ở
scripts/example-xlsx/, không nằm cạnh tệp .xlsx. Script báo lỗi nếu thấy <đơn vị>.yaml trùng.
"""

import datetime
import io
import sys
import unicodedata
import zipfile
from pathlib import Path

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "example-xlsx"
WORKSPACE = ROOT / "examples" / "ninh-thuan"
CATALOGUE = WORKSPACE / "data" / "indicators.yaml"
FIXED = datetime.datetime(2024, 12, 13, 0, 0, 0)

STATUS_VI = {
    "hoan_thanh": "Hoàn thành",
    "dang_trien_khai": "Đang triển khai",
    "dang_du_thao": "Đang dự thảo",
    "chua_trien_khai": "Chưa triển khai",
    "xin_ngung": "Xin ngừng triển khai",
}
VALUE_KEYS = {"value", "numerator", "denominator", "printed", "change_points",
              "change_percent", "estimate", "as_of", "note", "not_assessed"}

HEADER_FONT = Font(name="Times New Roman", bold=True)
TEXT_FONT = Font(name="Times New Roman")
WRAP = Alignment(wrap_text=True, vertical="top")


def nfc(s):
    return unicodedata.normalize("NFC", s) if isinstance(s, str) else s


def load_catalogue():
    if not CATALOGUE.exists():
        sys.exit(f"không thấy danh mục chỉ tiêu {CATALOGUE}")
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")) or {}
    return {i["code"]: i for i in data.get("indicators", [])}


def vi_number(x):
    """Số theo cách viết Việt Nam, cho phần ghi chú (1.234,5)."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    s = f"{x:,}" if isinstance(x, int) else f"{x:,.10f}".rstrip("0").rstrip(".")
    return s.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def vi_date(d):
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d.month < 3 else f"{d.day:02d}/{d.month}/{d.year}"


def put(ws, row, col, value, font=TEXT_FONT, number_format=None):
    """Ghi một ô: số thành ô số, chuỗi thành ô chữ (không bao giờ là công thức), None để trống."""
    cell = ws.cell(row=row, column=col)
    if value is None:
        return cell
    if isinstance(value, bool):
        value = "Có" if value else "Không"
    if isinstance(value, str):
        cell.value = nfc(value)
        cell.data_type = "s"          # «=…» vẫn là chữ, không thành công thức
    else:
        cell.value = value
    cell.font = font
    cell.alignment = WRAP
    if number_format:
        cell.number_format = number_format
    return cell


def header(ws, names, widths):
    for c, (name, width) in enumerate(zip(names, widths), start=1):
        put(ws, 1, c, name, HEADER_FONT)
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = width
    ws.freeze_panes = "A2"


def split_value(code, v):
    """(giá trị hoặc tử số, mẫu số, ghi chú) của một giá trị trong tệp YAML."""
    if not isinstance(v, dict):
        return v, None, None
    unknown = set(v) - VALUE_KEYS
    if unknown:
        sys.exit(f"{code}: khóa không hợp lệ {sorted(unknown)}")
    notes = []
    if "not_assessed" in v:
        notes.append(f"Chưa đánh giá được: {v['not_assessed']}")
    if "printed" in v:
        notes.append(f"Tỷ lệ ghi trong báo cáo: {v['printed']}%")
    if "change_points" in v:
        notes.append(f"Tăng {vi_number(v['change_points'])} điểm phần trăm so với kỳ trước")
    if "change_percent" in v:
        notes.append(f"Tăng {vi_number(v['change_percent'])}% so với kỳ trước")
    if v.get("estimate"):
        notes.append("Số ước")
    if "as_of" in v:
        notes.append(f"Số liệu đến ngày {vi_date(v['as_of'])}")
    if "note" in v:
        notes.append(str(v["note"]))
    main = v.get("value", v.get("numerator"))
    return main, v.get("denominator"), "; ".join(notes) or None


def build(src, catalogue):
    sub = yaml.safe_load(src.read_text(encoding="utf-8"))
    unit, period = sub["unit"], str(sub["period"])
    if src.stem != unit or src.parent.name != period:
        sys.exit(f"{src}: tên tệp/thư mục khác unit «{unit}»/period «{period}»")

    wb = Workbook()
    info = wb.active
    info.title = "Thông tin"
    put(info, 1, 1, "BIỂU MẪU SỐ LIỆU CHUYỂN ĐỔI SỐ", HEADER_FONT)
    rows = [("Mã đơn vị", unit), ("Kỳ báo cáo", period),
            ("Ngày chốt số liệu", sub.get("as_of")), ("Người lập", sub.get("prepared_by"))]
    for r, (label, value) in enumerate(rows, start=3):
        put(info, r, 1, label, HEADER_FONT)
        if isinstance(value, datetime.date):
            put(info, r, 2, value, number_format="dd/mm/yyyy")
        else:
            put(info, r, 2, value)
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 60

    ws = wb.create_sheet("Chỉ tiêu")
    header(ws, ["Mã", "Chỉ tiêu", "Đơn vị tính", "Giá trị hoặc Tử số", "Mẫu số", "Ghi chú"],
           [30, 60, 14, 18, 14, 50])
    for r, (code, v) in enumerate((sub.get("values") or {}).items(), start=2):
        ind = catalogue.get(code)
        if ind is None:
            print(f"cảnh báo: {src.name}: mã «{code}» không có trong {CATALOGUE.name}", file=sys.stderr)
        main, den, note = split_value(code, v)
        put(ws, r, 1, code)
        put(ws, r, 2, ind.get("name") if ind else None)
        put(ws, r, 3, ind.get("unit") if ind else None)
        put(ws, r, 4, main, number_format="#,##0.##" if isinstance(main, float) else None)
        put(ws, r, 5, den)
        put(ws, r, 6, note)

    ws = wb.create_sheet("Nhiệm vụ")
    header(ws, ["Mã", "Nhiệm vụ", "Tình trạng", "Kết quả", "Văn bản"], [12, 60, 20, 60, 36])
    for r, (tid, t) in enumerate((sub.get("tasks") or {}).items(), start=2):
        put(ws, r, 1, str(tid))
        put(ws, r, 3, STATUS_VI.get(t.get("status")) if t.get("status") else None)
        put(ws, r, 4, t.get("result"))
        put(ws, r, 5, "\n".join(t.get("documents") or []) or None)

    ws = wb.create_sheet("Sản phẩm")
    header(ws, ["TT", "Tên sản phẩm", "Tình trạng", "Ghi chú"], [6, 60, 22, 40])
    for r, p in enumerate(sub.get("products") or [], start=2):
        put(ws, r, 1, r - 1)
        put(ws, r, 2, p["name"])
        put(ws, r, 3, STATUS_VI.get(p.get("status")) if p.get("status") else None)
        put(ws, r, 4, p.get("note"))

    ws = wb.create_sheet("Thuyết minh")
    header(ws, ["Mục", "Nội dung"], [14, 100])
    for r, (key, text) in enumerate((sub.get("narrative") or {}).items(), start=2):
        put(ws, r, 1, key)
        put(ws, r, 2, text)

    props = wb.properties
    props.creator = "cdsreport"
    props.lastModifiedBy = "cdsreport"
    props.created = FIXED
    props.modified = FIXED
    return unit, period, wb


def deterministic_bytes(wb):
    """Ghi workbook rồi đóng gói lại zip với thời gian cố định cho mọi mục."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()   # không qua save_workbook: nó ghi đè ngày sửa bằng «bây giờ»
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def main():
    catalogue = load_catalogue()
    sources = sorted(SOURCES.glob("*/*.yaml"))
    if not sources:
        sys.exit(f"không có tệp nguồn trong {SOURCES}")
    for src in sources:
        unit, period, wb = build(src, catalogue)
        target_dir = WORKSPACE / "submissions" / period
        twin = target_dir / f"{unit}.yaml"
        if twin.exists():
            sys.exit(f"{twin} đã có: mỗi đơn vị chỉ nộp một tệp trong một kỳ")
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / f"{unit}.xlsx"
        target.write_bytes(deterministic_bytes(wb))
        print(f"đã ghi {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates tests/corpus/: broken and hostile submission files, each with the diagnostic
code that `cdsreport validate` must give for it (tests/corpus/cases.toml), run by the one
test in tests/integration/corpus.rs. The committed files are the source of truth; the test
does not need Python. Run this again only to change or add a case.

Needs Python ≥ 3.11 and three packages, in a virtual environment:

    python3 -m venv target/corpus-venv
    target/corpus-venv/bin/pip install openpyxl msoffcrypto-tool xlwt
    target/corpus-venv/bin/python scripts/make_corpus.py [--cdsreport PATH]

The valid Excel form every .xlsx case starts from is made by `cdsreport template h-bac-ai
2024` on a copy of examples/ninh-thuan (with PATH, or with `cargo run -q --release --` when
--cdsreport is not given) and filled with Bác Ái's 2024 figures; YAML cases start from
examples/ninh-thuan/submissions/2024/h-thuan-bac.yaml and so-ct.yaml. Each case changes one
thing, so that it fails for one reason.

The output is deterministic: fixed random seeds, fixed zip timestamps and document dates,
and a seeded salt for the encrypted workbook. Files in tests/corpus/ that this script does
not make (hand-made cases) are left alone; list them in HAND_MADE below so that they stay
in cases.toml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import msoffcrypto
import msoffcrypto.method.container.ecma376_encrypted as container
import msoffcrypto.method.ecma376_agile as agile
import openpyxl
import xlwt

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ninh-thuan"
OUT = ROOT / "tests" / "corpus"
ZIP_TIME = (2024, 12, 13, 0, 0, 0)
DOC_TIME = "2024-12-13T00:00:00Z"

XLSX_PLACE = "submissions/2024/h-bac-ai.xlsx"
YAML_PLACE = "submissions/2024/h-thuan-bac.yaml"
SO_CT_PLACE = "submissions/2024/so-ct.yaml"

CHI_TIEU = "Chỉ tiêu"
THONG_TIN = "Thông tin"


# ---------------------------------------------------------------------------------------
# Zip and workbook helpers


def read_zip(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def write_zip(entries: list[tuple[str, bytes]]) -> bytes:
    """A zip with fixed timestamps and attributes, so the same parts give the same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, body in entries:
            if name == "docProps/core.xml":
                body = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                    lambda m: m.group(1) + DOC_TIME.encode(),
                    body,
                )
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, body, compresslevel=9)
    return buf.getvalue()


def patch_zip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """Replaces (or, with None, removes) parts; parts not yet in the zip are appended."""
    entries = []
    for name, body in read_zip(data):
        if name in changes:
            if changes[name] is not None:
                entries.append((name, changes[name]))
        else:
            entries.append((name, body))
    known = {n for n, _ in read_zip(data)}
    entries += [(n, b) for n, b in changes.items() if n not in known and b is not None]
    return write_zip(entries)


def sheet_part(data: bytes, sheet: str) -> str:
    """The zip path of the sheet named `sheet`."""
    parts = dict(read_zip(data))
    wb = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    m = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="([^"]+)"' % re.escape(sheet), wb)
    assert m, sheet
    rid = m.group(1)
    t = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or re.search(
        r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels
    )
    assert t, rid
    target = t.group(1).lstrip("/")
    return target if target.startswith("xl/") else "xl/" + target


def sheet_xml(data: bytes, sheet: str) -> str:
    return dict(read_zip(data))[sheet_part(data, sheet)].decode()


def with_sheet_xml(data: bytes, sheet: str, edit: Callable[[str], str]) -> bytes:
    part = sheet_part(data, sheet)
    return patch_zip(data, {part: edit(sheet_xml(data, sheet)).encode()})


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def sub_once(pattern: str, repl, text: str) -> str:
    new, n = re.subn(pattern, repl, text, count=1)
    assert n == 1, pattern
    return new


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def save(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.properties.created = dt.datetime(2024, 12, 13)
    wb.properties.modified = dt.datetime(2024, 12, 13)
    wb.save(buf)
    # openpyxl writes its own timestamps into the zip; make them fixed.
    return write_zip(read_zip(buf.getvalue()))


def row_of(ws, code: str) -> int:
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == code:
            return r
    raise KeyError(code)


def edit(data: bytes, change: Callable[[openpyxl.Workbook], None]) -> bytes:
    wb = load(data)
    change(wb)
    return save(wb)


def set_value(code: str, value, column: int = 4):
    """An edit that writes `value` into column D (or `column`) of indicator `code`."""

    def change(wb):
        ws = wb[CHI_TIEU]
        ws.cell(row_of(ws, code), column).value = value

    return change


def cell_name(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


# ---------------------------------------------------------------------------------------
# The base files


def make_template(cdsreport: list[str]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        ws.mkdir()
        shutil.copy(EXAMPLE / "cdsreport.toml", ws / "cdsreport.toml")
        shutil.copytree(EXAMPLE / "data", ws / "data")
        (ws / "submissions" / "2024").mkdir(parents=True)
        out = Path(tmp) / "form.xlsx"
        subprocess.run(
            [*cdsreport, "template", "h-bac-ai", "2024", "-C", str(ws), "-o", str(out), "-q"],
            check=True,
            cwd=ROOT,
        )
        return out.read_bytes()


def make_base_xlsx(template: bytes) -> bytes:
    """Bác Ái's form as the unit would send it: the template with its 2024 figures
    (examples/ninh-thuan/submissions/2024/h-bac-ai.xlsx)."""

    def fill(wb):
        info = wb[THONG_TIN]
        for r in range(1, info.max_row + 1):
            label = info.cell(r, 1).value
            if label == "Ngày chốt số liệu":
                info.cell(r, 2).value = dt.datetime(2024, 12, 13)
                info.cell(r, 2).number_format = "dd/mm/yyyy"
            elif label == "Người lập":
                info.cell(r, 2).value = "UBND huyện Bác Ái"
        ws = wb[CHI_TIEU]
        ws.cell(row_of(ws, "tcns.dddt_muc2"), 4).value = 76880
        ws.cell(row_of(ws, "nl.to_cns_boi_duong"), 4).value = 346
        r = row_of(ws, "tcns.bhyt_vneid")
        ws.cell(r, 4).value = 13493
        ws.cell(r, 5).value = 12197
        ws.cell(r, 6).value = "Tỷ lệ ghi trong báo cáo: 110,63%"

    return edit(template, fill)


# ---------------------------------------------------------------------------------------
# Cases


@dataclass
class Case:
    name: str
    file: str
    place: str
    code: str
    about: str
    make: Callable[[], bytes] | None = None
    args: list[str] | None = None
    limits: dict[str, int] | None = None
    generate: str | None = None


@dataclass
class Corpus:
    base_xlsx: bytes
    base_yaml: str
    so_ct_yaml: str
    cases: list[Case] = field(default_factory=list)

    def add(self, name, file, place, code, about, make, **kw):
        self.cases.append(Case(name, file, place, code, about, make, **kw))

    # XLSX cases start from the filled form; `change` is an openpyxl edit.
    def xlsx(self, name, code, about, change=None, data=None, place=XLSX_PLACE, file=None, **kw):
        def make():
            if data is not None:
                return data() if callable(data) else data
            return edit(self.base_xlsx, change)

        if file is not None:  # a file that another case or a base already has
            self.add(f"xlsx-{name}", file, place, code, about, None, **kw)
        else:
            self.add(f"xlsx-{name}", f"xlsx/{name}.xlsx", place, code, about, make, **kw)

    # YAML cases start from Thuận Bắc's file; `change` maps its text to the case's text
    # (or bytes, for encodings).
    def yaml(self, name, code, about, change=None, place=YAML_PLACE, base=None, file=None, **kw):
        text = self.base_yaml if base is None else base

        def make():
            out = change(text)
            return out if isinstance(out, bytes) else out.encode()

        if file is not None:  # a file that another case or a base already has
            self.add(f"yaml-{name}", file, place, code, about, None, **kw)
        else:
            self.add(f"yaml-{name}", f"yaml/{name}.yaml", place, code, about, make, **kw)


HAND_MADE: list[Case] = []


def build_cases(c: Corpus) -> None:
    base = c.base_xlsx
    seed = random.Random(20241213)

    # --- Files that are not workbooks at all -------------------------------------------
    c.xlsx("empty", "E100", "empty file (0 bytes) named .xlsx", data=b"")
    c.xlsx(
        "random-bytes",
        "E100",
        "4 KiB of random bytes named .xlsx",
        data=bytes(seed.getrandbits(8) for _ in range(4096)),
    )
    c.xlsx("truncated", "E100", "a real form cut in half (zip without its directory)", data=base[: len(base) // 2])
    c.add(
        "xlsx-ods-repeated-rows",
        "xlsx/ods-repeated-rows.ods",
        "submissions/2024/h-bac-ai.ods",
        "E123",
        "a 1 KB .ods repeating one row of 99 values a million times (99 million cells; the .ods reader would expand them all)",
        lambda: ods_repeated_rows(),
    )
    c.xlsx(
        "truncated-tail",
        "E100",
        "a real form with its last 100 bytes cut (end of central directory missing)",
        data=base[:-100],
    )
    c.xlsx(
        "csv-renamed",
        "E100",
        "a CSV export of the form renamed .xlsx",
        data=(
            "Mã,Chỉ tiêu,Đơn vị tính,Giá trị hoặc Tử số,Mẫu số,Ghi chú\r\n"
            "tcns.dddt_muc2,Kích hoạt tài khoản định danh điện tử mức 2,người,76880,,\r\n"
            "nl.to_cns_boi_duong,Bồi dưỡng tập huấn kỹ năng số cho Tổ CNSCĐ,người,346,,\r\n"
        ).encode(),
    )
    c.xlsx(
        "html-renamed",
        "E100",
        "an HTML table (a web system's 'Excel export') renamed .xlsx",
        data=(
            '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
            "</head><body><table><tr><th>Mã</th><th>Chỉ tiêu</th><th>Giá trị hoặc Tử số</th></tr>"
            "<tr><td>tcns.dddt_muc2</td><td>Kích hoạt tài khoản định danh điện tử mức 2</td>"
            "<td>76880</td></tr></table></body></html>\n"
        ).encode(),
    )
    c.xlsx(
        "zip-not-office",
        "E100",
        "a valid zip holding only a text file, named .xlsx",
        data=write_zip([("doc-cho-ban.txt", "Số liệu gửi kèm theo email.\n".encode())]),
    )
    c.xlsx(
        "no-workbook-part",
        "E100",
        "a form whose xl/workbook.xml part was removed",
        data=lambda: patch_zip(base, {"xl/workbook.xml": None}),
    )

    # --- Old and protected formats ------------------------------------------------------
    c.xlsx("encrypted", "E128", "the real form encrypted with a password (msoffcrypto-tool)", data=lambda: encrypt(base))
    c.xlsx(
        "xls-renamed",
        "E109",
        "a real Excel 97-2003 .xls form (xlwt) renamed .xlsx, read by its content; "
        "«abc» in a count shows it was read",
        data=lambda: make_xls(base, {"tcns.dddt_muc2": "abc"}),
    )
    c.xlsx(
        "cfb-not-workbook",
        "E100",
        "an OLE compound file whose only stream is a 'WordDocument', not a workbook",
        data=lambda: cfb_not_workbook(make_xls(base, {})),
    )

    # --- Sheets ------------------------------------------------------------------------
    c.xlsx("missing-values-sheet", "E101", "sheet «Chỉ tiêu» deleted", lambda wb: wb.remove(wb[CHI_TIEU]))
    c.xlsx("missing-info-sheet", "E101", "sheet «Thông tin» deleted", lambda wb: wb.remove(wb[THONG_TIN]))

    def rename(wb):
        wb[CHI_TIEU].title = "Sheet2"

    c.xlsx("renamed-values-sheet", "E101", "sheet «Chỉ tiêu» renamed «Sheet2»", rename)

    def no_header(wb):
        ws = wb[CHI_TIEU]
        for col in range(1, ws.max_column + 1):
            ws.cell(1, col).value = None

    c.xlsx("no-header-row", "E101", "the header row of «Chỉ tiêu» cleared", no_header)

    def hidden(state):
        def change(wb):
            wb[CHI_TIEU].sheet_state = state
            set_value("tcns.dddt_muc2", "abc")(wb)

        return change

    c.xlsx(
        "hidden-values-sheet",
        "E109",
        "«Chỉ tiêu» hidden, holding «abc» in a count: a hidden sheet is still read",
        hidden("hidden"),
    )
    c.xlsx(
        "very-hidden-values-sheet",
        "E109",
        "«Chỉ tiêu» veryHidden, holding «abc» in a count: still read",
        hidden("veryHidden"),
    )

    def nfd_sheets(data):
        def to_nfd(xml):
            return re.sub(
                r'name="([^"]*)"',
                lambda m: 'name="%s"' % unicodedata.normalize("NFD", m.group(1)),
                xml,
            )

        parts = dict(read_zip(data))
        return patch_zip(data, {"xl/workbook.xml": to_nfd(parts["xl/workbook.xml"].decode()).encode()})

    c.xlsx(
        "nfd-sheet-names",
        "E109",
        "sheet names in decomposed Unicode (NFD, as macOS may save them) with «abc» in a count: "
        "the sheets are still found",
        data=lambda: nfd_sheets(edit(base, set_value("tcns.dddt_muc2", "abc"))),
    )

    def merged(wb):
        ws = wb[CHI_TIEU]
        r = row_of(ws, "tcns.dddt_muc2")
        ws.cell(r, 4).value = "76.880 người (gộp ô)"
        ws.merge_cells(start_row=r, start_column=4, end_row=r + 1, end_column=5)

    c.xlsx(
        "merged-over-values",
        "E109",
        "value cells of two indicators merged into one holding «76.880 người (gộp ô)»",
        merged,
    )

    # --- Cell limits -------------------------------------------------------------------
    c.xlsx(
        "cell-a1000000",
        "E122",
        "«Chỉ tiêu» with one more cell at A1000000",
        data=lambda: with_sheet_xml(base, CHI_TIEU, lambda x: add_cells(x, '<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>')),
    )
    c.xlsx(
        "cell-xfd1",
        "E122",
        "«Chỉ tiêu» with one more cell at XFD1 (column 16.384)",
        data=lambda: with_sheet_xml(base, CHI_TIEU, lambda x: sub_once(r"(<row [^>]*r=\"1\"[^>]*>.*?)(</row>)", r'\1<c r="XFD1" t="inlineStr"><is><t>x</t></is></c>\2', x)),
    )
    c.xlsx(
        "million-rows-small-bomb",
        "E122",
        "«Chỉ tiêu» followed by 1.000.000 rows <row><c><v>0</v></c></row> (27 MB unpacked, "
        "about 30 KB packed): the rows pass the row limit",
        data=lambda: small_bomb(base),
    )
    c.xlsx(
        "zip-bomb",
        "E124",
        "a sheet that unpacks to 280 MB (1.000.000 rows, then white space), packed to about 300 KB",
        data=lambda: big_bomb(base),
    )
    c.xlsx(
        "too-many-cells",
        "E123",
        "600.000 formatted empty cells (10.000 rows × 60 columns, inside the row and column limits)",
        data=lambda: many_cells(base),
    )
    c.xlsx(
        "dimension-claims-whole-sheet",
        "E109",
        "<dimension ref=\"A1:XFD1048576\"> on a real form with «abc» in a count: the claim "
        "costs nothing and the form is read",
        data=lambda: with_sheet_xml(edit(base, set_value("tcns.dddt_muc2", "abc")), CHI_TIEU, lambda x: sub_once(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', x)),
    )
    c.xlsx(
        "cell-ref-row-overflow",
        "E100",
        "a cell reference A99999999999 (row beyond 2^32) in «Chỉ tiêu»",
        data=lambda: with_sheet_xml(base, CHI_TIEU, lambda x: add_cells(x, '<row><c r="A99999999999" t="inlineStr"><is><t>x</t></is></c></row>')),
    )
    c.xlsx(
        "cell-ref-column-overflow",
        "E100",
        "a cell reference AAAAAAAAAAAAAAAA1 (column beyond 2^32) in «Chỉ tiêu»",
        data=lambda: with_sheet_xml(base, CHI_TIEU, lambda x: add_cells(x, '<row><c r="AAAAAAAAAAAAAAAA1" t="inlineStr"><is><t>x</t></is></c></row>')),
    )
    c.xlsx(
        "row-attr-overflow",
        "E100",
        "a row r=\"99999999999\" (beyond 2^32) holding cells without references",
        data=lambda: with_sheet_xml(base, CHI_TIEU, lambda x: add_cells(x, '<row r="99999999999"><c t="inlineStr"><is><t>x</t></is></c></row>')),
    )
    c.xlsx(
        "xml-entity-bomb",
        "E100",
        "sharedStrings.xml with a DOCTYPE defining nested entities (billion laughs in XML)",
        data=lambda: entity_bomb(base),
    )

    # --- Formulas and error values -----------------------------------------------------
    c.xlsx(
        "formula-div0",
        "E113",
        "a value cell =D13/0 with cached result #DIV/0!",
        data=lambda: formula(base, "tcns.dddt_muc2", "D13/0", "#DIV/0!"),
    )
    c.xlsx(
        "formula-ref",
        "E113",
        "a value cell =#REF!*2 with cached result #REF! (a deleted row)",
        data=lambda: formula(base, "tcns.dddt_muc2", "#REF!*2", "#REF!"),
    )
    c.xlsx(
        "error-cell-na",
        "E113",
        "a value cell holding the error #N/A without a formula",
        data=lambda: formula(base, "tcns.dddt_muc2", None, "#N/A"),
    )
    c.xlsx(
        "formula-no-cached-value",
        "E113",
        "a value cell =SUM(D2:D5) with no cached result (written by a program, never "
        "calculated): its value is unknown, not «not reported»",
        set_value("tcns.dddt_muc2", "=SUM(D2:D5)"),
    )

    # --- Numbers as text ---------------------------------------------------------------
    for name, text, code, why in [
        ("text-space-in-number", "11. 835", "W131", "a space inside the digits"),
        ("text-comma-three-digits", "1,030", "W131", "comma before three digits, on an amount (hours)"),
        ("text-irregular-groups", "1.2.3", "W131", "digit groups of unequal length"),
        ("text-brackets", "(12)", "W131", "an accounting-style bracketed number (negative in accounting)"),
        ("text-exponent-overflow", "1e309", "E109", "an exponent beyond f64"),
        ("text-nan", "NaN", "E109", "«NaN»"),
        ("text-infinity", "∞", "E109", "«∞»"),
        ("text-double-minus", "--5", "E109", "«--5»"),
        ("text-400-digits", "9" * 400, "E109", "a number of 400 digits"),
    ]:
        code_row = "bc.truyen_thanh_tiep_am" if name == "text-comma-three-digits" else "tcns.dddt_muc2"
        c.xlsx(name, code, f"«{text[:20]}» as text in a value cell: {why}", set_value(code_row, text))
    c.xlsx(
        "numeric-1e308",
        "E109",
        "a numeric cell 1E+308 in a count (beyond 10^15)",
        set_value("tcns.dddt_muc2", 1e308),
    )
    c.xlsx(
        "negative-zero-denominator",
        "E112",
        "a numeric cell -0 as the denominator of a ratio: negative zero is zero",
        data=lambda: with_sheet_xml(base, CHI_TIEU, lambda x: sub_once(r"(<c r=\"E%d\"[^>]*>)<v>12197</v>" % (row_in(base, "tcns.bhyt_vneid")), r"\1<v>-0</v>", x)),
    )

    # --- Identity and period -----------------------------------------------------------
    def info(label, value):
        def change(wb):
            ws = wb[THONG_TIN]
            for r in range(1, ws.max_row + 1):
                if ws.cell(r, 1).value == label:
                    ws.cell(r, 2).value = value
                    return
            raise KeyError(label)

        return change

    c.xlsx("unit-traversal", "E104", "«Mã đơn vị» = ../../x in the form", info("Mã đơn vị", "../../x"))
    c.xlsx("unit-other", "E104", "«Mã đơn vị» of another unit (h-ninh-hai) in h-bac-ai.xlsx", info("Mã đơn vị", "h-ninh-hai"))
    c.xlsx("period-month-13", "E106", "«Kỳ báo cáo» = 2024-13", info("Kỳ báo cáo", "2024-13"))
    c.xlsx("unknown-indicator", "E107", "an indicator code that does not exist (tcns.dddt_muc3)", set_value("tcns.dddt_muc2", "tcns.dddt_muc3", column=1))

    # --- Long text ---------------------------------------------------------------------
    long_text = ("Số liệu chuyển đổi số năm 2024. " * 160_000)[:5_000_000]
    note = f"F{row_in(base, 'tcns.dddt_muc2')}"
    c.xlsx(
        "text-5mb-in-cell",
        "E125",
        "a 5.000.000-character note in a cell, beyond Excel's own 32.767 (packed to a few KB)",
        # Written into the XML: openpyxl would cut the text to Excel's 32.767 characters.
        data=lambda: with_sheet_xml(
            base,
            CHI_TIEU,
            lambda x: sub_once(
                r'<c r="%s"([^>]*?) t="n"\s*/>' % note,
                lambda m: f'<c r="{note}"{m.group(1)} t="inlineStr"><is><t>{long_text}</t></is></c>',
                x,
            ),
        ),
    )

    # --- Limits set by the case --------------------------------------------------------
    def move_to_row_150(wb):
        ws = wb[CHI_TIEU]
        r = row_of(ws, "tcns.dddt_muc2")
        for col in range(1, ws.max_column + 1):
            ws.cell(150, col).value = ws.cell(r, col).value
            ws.cell(r, col).value = None

    c.xlsx(
        "limit-rows-100",
        "E122",
        "rows = 100 and the form's «tcns.dddt_muc2» row moved to row 150",
        move_to_row_150,
        limits={"rows": 100},
    )
    c.xlsx("limit-cells-100", "E123", "cells = 100 and the real form (about 150 cells)", file="base/h-bac-ai.xlsx", limits={"cells": 100})
    c.xlsx(
        "limit-unpacked-16mb",
        "E124",
        "unpacked_mb = 16 and the 1.000.000-row sheet (27 MB unpacked)",
        file="xlsx/million-rows-small-bomb.xlsx",
        limits={"unpacked_mb": 16},
    )

    # --- YAML: encodings and syntax ----------------------------------------------------
    y = c.base_yaml
    c.yaml("empty", "E100", "empty file (0 bytes)", lambda t: "")
    c.yaml("null-document", "E100", "a document that is only «~»", lambda t: "~\n")
    c.yaml("scalar-document", "E100", "a document that is only a string", lambda t: "Báo cáo chuyển đổi số năm 2024\n")
    c.yaml("nul-byte", "E100", "a NUL byte inside prepared_by", lambda t: replace_once(t, "UBND huyện Thuận Bắc\n", "UBND huyện\x00 Thuận Bắc\n"))
    c.yaml(
        "windows-1258",
        "E100",
        "the file saved in Windows-1258 (legacy Vietnamese code page)",
        lambda t: encode_cp1258(t),
    )
    c.yaml("latin-1", "E100", "a Latin-1 «é» byte in prepared_by", lambda t: replace_once(t, "UBND huyện Thuận Bắc\n", "UBND huyện Thuận Bắc (Café)\n").encode().replace("é".encode(), b"\xe9"))
    c.yaml("utf-16-bom", "E100", "the file saved as UTF-16 LE with a BOM", lambda t: t.encode("utf-16"))
    c.yaml("utf-16-no-bom", "E100", "the file saved as UTF-16 BE without a BOM", lambda t: t.encode("utf-16-be"))
    c.yaml(
        "bom-then-unknown-code",
        "E107",
        "a UTF-8 BOM (accepted) and an unknown indicator code tcns.dddt_muc3",
        lambda t: "\ufeff" + replace_once(t, "  tcns.dddt_muc2:", "  tcns.dddt_muc3:"),
    )
    c.yaml(
        "crlf-then-wrong-period",
        "E106",
        "CRLF line endings (accepted) and period: 2023 in submissions/2024/",
        lambda t: replace_once(t, "period: 2024\n", "period: 2023\n").replace("\n", "\r\n"),
    )
    c.yaml("tab-indent", "E100", "a tab indenting a key under values:", lambda t: replace_once(t, "  tcns.dddt_muc2:", "\ttcns.dddt_muc2:"))
    c.yaml("duplicate-top-key", "E100", "period: written twice", lambda t: replace_once(t, "period: 2024\n", "period: 2024\nperiod: 2024\n"))
    c.yaml(
        "duplicate-indicator-key",
        "E100",
        "the key tcns.dddt_muc2 written twice under values:",
        lambda t: replace_once(t, "  tcns.hs_huong_dan:", "  tcns.dddt_muc2: 21000\n  tcns.hs_huong_dan:"),
    )
    c.yaml("multi-document", "E100", "two documents (--- twice)", lambda t: "---\n" + t + "---\n" + t)
    c.yaml("unknown-top-key", "E100", "an unknown top-level key (valuse: typo)", lambda t: t + "valuse:\n  tcns.dddt_muc2: 1\n")
    c.yaml("yes-key", "E100", "a YAML 1.1 boolean as a top-level key (yes: true)", lambda t: t + "yes: true\n")
    c.yaml("on-key-in-values", "E107", "a YAML 1.1 boolean as an indicator code (on: 5)", lambda t: t + "  on: 5\n")
    c.yaml(
        "binary-tag",
        "E109",
        "!!binary tag on a value: the base64 text is kept as written, so it cannot hide a figure, and is not a number",
        lambda t: sub_once(r"tcns\.dddt_muc2: 21893", "tcns.dddt_muc2: !!binary MjE4OTM=", t),
    )
    c.yaml(
        "python-object-tag",
        "E100",
        "!!python/object/apply:os.system tag on prepared_by",
        lambda t: replace_once(t, "prepared_by: UBND huyện Thuận Bắc", 'prepared_by: !!python/object/apply:os.system ["echo pwned"]'),
    )

    # --- YAML: resource exhaustion -----------------------------------------------------
    def alias_bomb(t):
        lines = ["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in range(1, 10):
            lines.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
        return t + "narrative:\n" + "".join(f"  {line}\n" for line in lines)

    c.yaml("alias-bomb", "E127", "billion laughs: 10 levels of 10 aliases (10^10 nodes)", alias_bomb)
    c.yaml(
        "deep-flow",
        "E126",
        "10.000 nested flow sequences [[[[…]]]] as a narrative",
        lambda t: t + "narrative:\n  cqs: " + "[" * 10_000 + "]" * 10_000 + "\n",
    )
    c.yaml(
        "deep-block",
        "E126",
        "10.000 nested block sequences «- - - … x» as a narrative",
        lambda t: t + "narrative:\n  cqs:\n    " + "- " * 10_000 + "x\n",
    )
    c.yaml(
        "deep-block-maps",
        "E126",
        "40 nested block mappings (one space per level) as a narrative",
        lambda t: t + "narrative:\n" + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(40)) + " " * 41 + "x\n",
    )
    c.yaml(
        "long-string-5mb",
        "E125",
        "a 5.000.000-character note (made by the test: generate = long-yaml-string)",
        lambda t: replace_once(t, "  tcns.hs_huong_dan: 145", '  tcns.hs_huong_dan: {value: 145, note: "@@LONG_TEXT@@"}'),
        generate="long-yaml-string",
    )

    # --- YAML: identity and period -----------------------------------------------------
    c.yaml("unit-traversal", "E104", "unit: ../../x inside h-thuan-bac.yaml", lambda t: replace_once(t, "unit: h-thuan-bac", 'unit: "../../x"'))
    c.yaml(
        "unit-zero-width-space",
        "E104",
        "a zero-width space inside the unit id (h-thuan\\u200b-bac)",
        lambda t: replace_once(t, "unit: h-thuan-bac", 'unit: "h-thuan\u200b-bac"'),
    )
    c.yaml(
        "unit-nfd-vietnamese",
        "E104",
        "the unit written as decomposed (NFD) Vietnamese «h-thuận-bắc»",
        lambda t: replace_once(t, "unit: h-thuan-bac", "unit: " + unicodedata.normalize("NFD", "h-thuận-bắc")),
    )
    c.yaml(
        "code-nfd-vietnamese",
        "E107",
        "an indicator code with decomposed (NFD) Vietnamese «tcns.dddt_mức2»",
        lambda t: replace_once(t, "  tcns.dddt_muc2:", "  " + unicodedata.normalize("NFD", "tcns.dddt_mức2") + ":"),
    )
    for name, period in [("period-month-13", "2024-13"), ("period-q5", "2024-Q5"), ("period-0000", "0000"), ("period-99999", "99999")]:
        c.yaml(name, "E106", f"period: {period}", lambda t, p=period: replace_once(t, "period: 2024\n", f'period: "{p}"\n'))
    c.yaml(
        "folder-2024-t13",
        "E106",
        "a valid file in the folder submissions/2024-T13/ (month 13), validated by path",
        file="base/h-thuan-bac.yaml",
        place="submissions/2024-T13/h-thuan-bac.yaml",
        args=["validate", "--strict", "{place}"],
    )
    c.yaml(
        "name-backslash-traversal",
        "E102",
        "a file named «h-thuan-bac\\..\\..\\x.yaml» (Windows traversal, one name on Unix)",
        file="base/h-thuan-bac.yaml",
        place="submissions/2024/h-thuan-bac\\..\\..\\x.yaml",
    )
    c.yaml(
        "name-zero-width-space",
        "E102",
        "a file named with a zero-width space «h-thuan\\u200b-bac.yaml»",
        file="base/h-thuan-bac.yaml",
        place="submissions/2024/h-thuan\u200b-bac.yaml",
    )

    # --- YAML: values ------------------------------------------------------------------
    def value(text):
        return lambda t: replace_once(t, "tcns.dddt_muc2: 21893", f"tcns.dddt_muc2: {text}")

    c.yaml("number-400-digits", "E109", "a plain number of 400 digits", value("9" * 400))
    c.yaml("number-400-digits-quoted", "E109", "a quoted number of 400 digits", value('"' + "9" * 400 + '"'))
    c.yaml("number-nan", "E109", "the YAML float .nan", value(".nan"))
    c.yaml("number-inf", "E109", "the YAML float .inf", value(".inf"))
    c.yaml("number-infinity-sign", "E109", "«∞» as text", value('"∞"'))
    c.yaml("number-exponent-overflow", "E109", "«1e309» as text", value('"1e309"'))
    c.yaml("number-space", "W131", "«11. 835» (space in the digits)", value('"11. 835"'))
    c.yaml("number-dots", "W131", "«1.2.3» (unequal digit groups)", value('"1.2.3"'))
    c.yaml(
        "negative-zero-denominator",
        "E112",
        "denominator: -0.0 in a ratio",
        lambda t: replace_once(t, "denominator: 20290", "denominator: -0.0"),
    )
    c.yaml("map-for-number", "E100", "a map where the number is expected: {value: {so: 21893}}", value("{value: {so: 21893}}"))
    c.yaml("list-for-map", "E100", "values: written as a list", lambda t: t.split("values:")[0] + "values: [21893, 145, 244]\n")
    c.yaml("list-for-value", "E100", "a list as an indicator's value", value("[21893, 145]"))

    # --- YAML: limits set by the case --------------------------------------------------
    c.yaml(
        "limit-file-1mb",
        "E121",
        "file_mb = 1 and a valid file padded with comments to 2 MiB (generate = pad-2mb)",
        file="base/h-thuan-bac.yaml",
        limits={"file_mb": 1},
        generate="pad-2mb",
    )
    c.yaml(
        "limit-text-50",
        "E125",
        "text_chars = 50 and Sở Công Thương's real file (notes of 200+ characters)",
        file="base/so-ct.yaml",
        place=SO_CT_PLACE,
        limits={"text_chars": 50},
    )
    c.yaml(
        "limit-aliases-2",
        "E127",
        "yaml_aliases = 2 and a file using three aliases of one anchor",
        lambda t: replace_once(t, "as_of: 2024-12-13", "as_of: &d 2024-12-13")
        + "tasks:\n  TT.1.3: {status: hoan_thanh, result: *d}\n  TT.2.2: {status: hoan_thanh, result: *d}\n  B.3: {status: hoan_thanh, result: *d}\n",
        limits={"yaml_aliases": 2},
    )
    c.yaml(
        "limit-depth-2",
        "E126",
        "yaml_depth = 2 and the real file (a {numerator, denominator} value is 3 levels deep)",
        file="base/h-thuan-bac.yaml",
        limits={"yaml_depth": 2},
    )


# --- Builders used above ---------------------------------------------------------------


def row_in(data: bytes, code: str) -> int:
    ws = load(data)[CHI_TIEU]
    return row_of(ws, code)


def ods_repeated_rows() -> bytes:
    """An OpenDocument spreadsheet whose one row of 99 values is repeated 1.000.000 times."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns} office:version="1.2">'
        "<office:body><office:spreadsheet>\n"
        '<table:table table:name="Chỉ tiêu"><table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="99">'
        "<text:p>1</text:p></table:table-cell></table:table-row></table:table>\n"
        '<table:table table:name="Thông tin"><table:table-row><table:table-cell office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row></table:table>\n"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return write_zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content.encode()),
            ("META-INF/manifest.xml", manifest.encode()),
        ]
    )


def add_cells(xml: str, rows: str) -> str:
    return replace_once(xml, "</sheetData>", rows + "</sheetData>")


def formula(data: bytes, code: str, f: str | None, cached: str) -> bytes:
    r = row_in(data, code)
    cell = f"D{r}"
    f_xml = f"<f>{f}</f>" if f else ""

    def replace(m):
        attrs = re.sub(r' t="[^"]*"', "", m.group(1))
        return f'<c r="{cell}"{attrs} t="e">{f_xml}<v>{cached}</v></c>'

    return with_sheet_xml(
        data, CHI_TIEU, lambda x: sub_once(r'<c r="%s"([^>]*?)(?:/>|>.*?</c>)' % cell, replace, x)
    )


def small_bomb(data: bytes) -> bytes:
    rows = "<row><c><v>0</v></c></row>" * 1_000_000
    return with_sheet_xml(data, CHI_TIEU, lambda x: add_cells(x, rows))


def big_bomb(data: bytes) -> bytes:
    """The form with «Chỉ tiêu» followed by 1.000.000 one-cell rows (27 MB) and then 253 MB
    of white space after </sheetData>: 280 MB unpacked, about 300 KB packed. (A 26-byte
    row repeats at best 412:1 under deflate, white space 1.029:1.) Streamed through zlib,
    so the generator does not hold it in memory either."""
    part = sheet_part(data, CHI_TIEU)
    head, tail = sheet_xml(data, CHI_TIEU).split("</sheetData>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, body in read_zip(data):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            if name != part:
                z.writestr(info, body, compresslevel=9)
                continue
            with z.open(info, "w") as f:
                f.write(head.encode())
                rows = b"<row><c><v>0</v></c></row>" * 100_000
                for _ in range(10):
                    f.write(rows)
                f.write(b"</sheetData>")
                spaces = b" " * 1_000_000
                for _ in range(253):
                    f.write(spaces)
                f.write(tail.encode())
    return buf.getvalue()


def many_cells(data: bytes) -> bytes:
    row = "<row>" + '<c s="1"/>' * 60 + "</row>"
    return with_sheet_xml(data, CHI_TIEU, lambda x: add_cells(x, row * 10_000))


def entity_bomb(data: bytes) -> bytes:
    """«Chỉ tiêu» with a DOCTYPE defining ten levels of ten entities, one of them used in
    a cell: expanded, it would be 10^9 «lol»s."""
    dtd = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        dtd.append(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">')
    doctype = "<!DOCTYPE worksheet [" + "".join(dtd) + "]>"

    def change(xml):
        if xml.startswith("<?xml"):
            decl, rest = xml.split("?>", 1)
            xml = decl + "?>" + doctype + rest
        else:
            xml = doctype + xml
        return sub_once(r"<t>Kích hoạt tài khoản định danh điện tử mức 2</t>", "<t>&lol9;</t>", xml)

    return with_sheet_xml(data, CHI_TIEU, change)


class _FixedDatetime(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2024, 12, 13)


def encrypt(data: bytes) -> bytes:
    """The form encrypted with the password «matkhau2024» (ECMA-376 agile encryption, as
    Excel does), with seeded salts and keys and fixed directory times."""
    rng = random.Random(128)
    agile._random_buffer = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    container.datetime = _FixedDatetime
    out = io.BytesIO()
    msoffcrypto.OfficeFile(io.BytesIO(data)).encrypt("matkhau2024", out)
    return out.getvalue()


def make_xls(data: bytes, override: dict[str, str]) -> bytes:
    """The same form as an Excel 97-2003 workbook (xlwt), with `override` values."""
    src = load(data)
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for ws in src.worksheets:
        out = book.add_sheet(ws.title)
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if cell.column == 4 and ws.title == CHI_TIEU:
                    code = ws.cell(cell.row, 1).value
                    v = override.get(code, v)
                if v is None:
                    continue
                if isinstance(v, dt.datetime):
                    out.write(cell.row - 1, cell.column - 1, v, date_style)
                else:
                    out.write(cell.row - 1, cell.column - 1, v)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def cfb_not_workbook(xls: bytes) -> bytes:
    """Renames the compound file's 'Workbook' stream to 'WordDocument': a valid OLE file
    that holds no workbook."""
    old = "Workbook".encode("utf-16-le")
    i = xls.index(old + b"\x00\x00")
    new = "WordDocument".encode("utf-16-le") + b"\x00\x00"
    entry = bytearray(xls[i : i + 128])
    entry[0:64] = new.ljust(64, b"\x00")
    entry[64:66] = len(new).to_bytes(2, "little")
    return xls[:i] + bytes(entry) + xls[i + 128 :]


def encode_cp1258(text: str) -> bytes:
    """Windows-1258: precomposed base letters (â, ê, ô, ơ, ư, ă, đ) plus a combining tone."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in tones))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


# ---------------------------------------------------------------------------------------
# Output


def toml_string(s: str) -> str:
    out = json.dumps(s, ensure_ascii=False)
    # Invisible and control characters are written as escapes, so the manifest shows them.
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp") else ch
        for ch in out
    )


def manifest(cases: list[Case]) -> str:
    lines = [
        "# Broken and hostile submission files and the diagnostic each must give.",
        "# Written by scripts/make_corpus.py (cases it makes) — edit the script, not this file;",
        "# see tests/corpus/README.md. Run by tests/integration/corpus.rs.",
        "#",
        "# file      the case's file, under tests/corpus/",
        "# place     where the test puts it inside a fresh workspace (examples/ninh-thuan's",
        "#           cdsreport.toml and data/, no submissions)",
        "# code      the diagnostic code the output must contain, as [CODE]",
        "# args      the command (default [\"validate\", \"--period\", \"2024\", \"--strict\"]);",
        "#           {place} stands for the placed file",
        "# limits    [limits] settings appended to the workspace's cdsreport.toml",
        "# generate  made bigger by the test: long-yaml-string (@@LONG_TEXT@@ becomes",
        "#           5.000.000 characters) or pad-2mb (comment lines up to 2 MiB)",
        "",
        "# The valid files the cases start from: each must pass validate --strict (exit 0).",
        "[[control]]",
        'file = "base/h-bac-ai.xlsx"',
        f'place = "{XLSX_PLACE}"',
        "",
        "[[control]]",
        'file = "base/h-thuan-bac.yaml"',
        f'place = "{YAML_PLACE}"',
        "",
        "[[control]]",
        'file = "base/so-ct.yaml"',
        f'place = "{SO_CT_PLACE}"',
        "",
        "[[control]]",
        'file = "xlsx/limit-rows-100.xlsx"',
        f'place = "{XLSX_PLACE}"',
        "",
    ]
    for c in cases:
        lines += ["[[case]]", f"name = {toml_string(c.name)}", f"file = {toml_string(c.file)}"]
        lines += [f"place = {toml_string(c.place)}", f"code = {toml_string(c.code)}"]
        lines += [f"about = {toml_string(c.about)}"]
        if c.args is not None:
            lines.append("args = [" + ", ".join(toml_string(a) for a in c.args) + "]")
        if c.limits:
            lines.append("limits = { " + ", ".join(f"{k} = {v}" for k, v in c.limits.items()) + " }")
        if c.generate:
            lines.append(f"generate = {toml_string(c.generate)}")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cdsreport", help="cdsreport binary (default: cargo run -q --release --)")
    args = ap.parse_args()
    cdsreport = [args.cdsreport] if args.cdsreport else ["cargo", "run", "-q", "--release", "--"]

    template = make_template(cdsreport)
    corpus = Corpus(
        base_xlsx=make_base_xlsx(template),
        base_yaml=(EXAMPLE / "submissions/2024/h-thuan-bac.yaml").read_text(encoding="utf-8"),
        so_ct_yaml=(EXAMPLE / "submissions/2024/so-ct.yaml").read_text(encoding="utf-8"),
    )
    build_cases(corpus)
    cases = corpus.cases + HAND_MADE
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    files = [c.file for c in cases if c.make is not None]
    assert len(files) == len(set(files)), "two cases make the same file"

    (OUT / "base").mkdir(parents=True, exist_ok=True)
    (OUT / "base/h-bac-ai.xlsx").write_bytes(corpus.base_xlsx)
    (OUT / "base/h-thuan-bac.yaml").write_text(corpus.base_yaml, encoding="utf-8")
    (OUT / "base/so-ct.yaml").write_text(corpus.so_ct_yaml, encoding="utf-8")
    total = 0
    for c in corpus.cases:
        if c.make is None:
            continue
        data = c.make()
        path = OUT / c.file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    (OUT / "cases.toml").write_text(manifest(cases), encoding="utf-8")
    print(f"{len(cases)} cases, {total / 1e6:.2f} MB of case files in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())

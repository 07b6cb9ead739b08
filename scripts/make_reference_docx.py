#!/usr/bin/env python3
"""Derives the reference documents that pandoc uses for cdsreport's DOCX output from
pandoc's own default reference.docx, setting the layout of Nghị định 30/2020/NĐ-CP
(Phụ lục I): A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman;
body 14 pt (the decree allows 13–14), justified, first-line indent 1 cm; page numbers at the
top centre from the second page; bordered tables with a bold header row.

Writes assets/reference.docx (portrait, the report) and assets/reference-landscape.docx
(landscape, the phụ lục). Run it again after changing the styles:

    python3 scripts/make_reference_docx.py [PANDOC]

The output is deterministic (fixed zip timestamps), so the committed files only change when
the styles do.
"""

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

FONT = "Times New Roman"
BODY_HALF_POINTS = 28  # 14 pt
TWIPS_PER_MM = 1440 / 25.4
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # mm, NĐ 30/2020 Phụ lục I
A4 = (11906, 16838)  # twips

FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}" />'


def twips(mm):
    return round(mm * TWIPS_PER_MM)


def style(styles, style_id, ppr=None, rpr=None):
    """Replaces the pPr/rPr of one style (adding them when absent)."""
    m = re.search(rf'(<w:style [^>]*w:styleId="{style_id}"[^>]*>)(.*?)(</w:style>)', styles, re.S)
    if not m:
        raise SystemExit(f"style {style_id} not found in pandoc's reference.docx")
    body = m.group(2)
    if ppr is not None:
        body = re.sub(r"<w:pPr>.*?</w:pPr>|<w:pPr\s*/>", "", body, flags=re.S) + f"<w:pPr>{ppr}</w:pPr>"
    if rpr is not None:
        body = re.sub(r"<w:rPr>.*?</w:rPr>|<w:rPr\s*/>", "", body, flags=re.S) + f"<w:rPr>{rpr}</w:rPr>"
    return styles[: m.start()] + m.group(1) + body + m.group(3) + styles[m.end() :]


def fix_styles(styles):
    # Every font reference becomes Times New Roman; theme colours on headings go.
    styles = re.sub(r"<w:rFonts [^>]*/>", FONTS, styles)
    styles = re.sub(r"<w:color [^>]*/>", "", styles)
    styles = re.sub(
        r"(<w:rPrDefault>\s*<w:rPr>.*?)<w:sz w:val=\"\d+\" />\s*<w:szCs w:val=\"\d+\" />",
        rf'\1<w:sz w:val="{BODY_HALF_POINTS}" /><w:szCs w:val="{BODY_HALF_POINTS}" />',
        styles,
        flags=re.S,
    )
    styles = styles.replace('w:val="en-US" w:eastAsia="zh-CN"', 'w:val="vi-VN" w:eastAsia="vi-VN"')
    body = '<w:spacing w:before="60" w:after="60" w:line="312" w:lineRule="auto" /><w:ind w:firstLine="567" /><w:jc w:val="both" />'
    styles = style(styles, "BodyText", ppr=body)
    styles = style(styles, "FirstParagraph", ppr=body)
    styles = style(styles, "Compact", ppr='<w:spacing w:before="20" w:after="20" /><w:ind w:firstLine="0" /><w:jc w:val="left" />')
    size = lambda hp: f'<w:b /><w:bCs /><w:sz w:val="{hp}" /><w:szCs w:val="{hp}" />'
    styles = style(styles, "Heading1", ppr='<w:keepNext /><w:spacing w:before="240" w:after="120" /><w:jc w:val="center" /><w:outlineLvl w:val="0" />', rpr=FONTS + size(30))
    for sid, lvl in (("Heading2", 1), ("Heading3", 2), ("Heading4", 3)):
        styles = style(styles, sid, ppr=f'<w:keepNext /><w:spacing w:before="120" w:after="60" /><w:ind w:firstLine="567" /><w:jc w:val="both" /><w:outlineLvl w:val="{lvl}" />', rpr=FONTS + size(BODY_HALF_POINTS) + ("<w:i /><w:iCs />" if lvl == 3 else ""))
    # Tables: single borders all round, bold header row.
    border = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000" />' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    styles = re.sub(
        r'(<w:style w:type="table" w:default="1" w:styleId="Table">.*?<w:tblPr>)',
        rf"\1<w:tblBorders>{border}</w:tblBorders>",
        styles,
        flags=re.S,
    )
    styles = re.sub(
        r'(<w:tblStylePr w:type="firstRow">)(.*?)(</w:tblStylePr>)',
        r'\1<w:rPr><w:b /><w:bCs /></w:rPr><w:tcPr><w:vAlign w:val="center" /></w:tcPr>\3',
        styles,
        flags=re.S,
    )
    return styles


HEADER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:p><w:pPr><w:jc w:val="center" /></w:pPr>'
    '<w:r><w:fldChar w:fldCharType="begin" /></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate" /></w:r>'
    '<w:r><w:t>2</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end" /></w:r>'
    "</w:p></w:hdr>"
)
EMPTY_HEADER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p /></w:hdr>'
)
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def fix_document(doc, landscape):
    w, h = (A4[1], A4[0]) if landscape else A4
    orient = ' w:orient="landscape"' if landscape else ""
    m = MARGINS
    sect = (
        f'<w:sectPr><w:headerReference w:type="default" r:id="rIdCdsHeader" />'
        f'<w:headerReference w:type="first" r:id="rIdCdsHeaderFirst" />'
        f'<w:footnotePr><w:numRestart w:val="eachSect" /></w:footnotePr>'
        f'<w:pgSz w:w="{w}" w:h="{h}"{orient} />'
        f'<w:pgMar w:top="{twips(m["top"])}" w:right="{twips(m["right"])}" w:bottom="{twips(m["bottom"])}" '
        f'w:left="{twips(m["left"])}" w:header="567" w:footer="567" w:gutter="0" />'
        f"<w:titlePg /></w:sectPr>"
    )
    doc = re.sub(r"<w:sectPr>.*?</w:sectPr>", sect, doc, flags=re.S)
    if "xmlns:r=" not in doc[:2000]:
        doc = doc.replace("<w:document ", f'<w:document xmlns:r="{REL_NS}" ', 1)
    return doc


def fix_rels(rels):
    add = (
        '<Relationship Id="rIdCdsHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
        '<Relationship Id="rIdCdsHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>'
    )
    return rels.replace("</Relationships>", add + "</Relationships>")


def fix_types(types):
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
    add = f'<Override PartName="/word/header1.xml" ContentType="{ct}"/><Override PartName="/word/header2.xml" ContentType="{ct}"/>'
    return types.replace("</Types>", add + "</Types>")


def build(default, landscape):
    src = zipfile.ZipFile(io.BytesIO(default))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(src.namelist()):
            data = src.read(name)
            if name == "word/styles.xml":
                data = fix_styles(data.decode()).encode()
            elif name == "word/document.xml":
                data = fix_document(data.decode(), landscape).encode()
            elif name == "word/_rels/document.xml.rels":
                data = fix_rels(data.decode()).encode()
            elif name == "[Content_Types].xml":
                data = fix_types(data.decode()).encode()
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
        for name, data in (("word/header1.xml", HEADER), ("word/header2.xml", EMPTY_HEADER)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data.encode())
    return out.getvalue()


def main():
    pandoc = sys.argv[1] if len(sys.argv) > 1 else "pandoc"
    default = subprocess.run([pandoc, "--print-default-data-file", "reference.docx"], check=True, capture_output=True).stdout
    root = Path(__file__).resolve().parent.parent / "assets"
    root.mkdir(exist_ok=True)
    (root / "reference.docx").write_bytes(build(default, landscape=False))
    (root / "reference-landscape.docx").write_bytes(build(default, landscape=True))
    print(f"wrote {root / 'reference.docx'} and {root / 'reference-landscape.docx'}")


if __name__ == "__main__":
    main()

"""Small real-looking spreadsheet files for the import tests, written at run time.

ODS files are written from their XML (as LibreOffice lays them out: repeated rows and
columns, hidden rows, formulas, settings with the active sheet), so the tests need neither
LibreOffice nor odfpy.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"'
)


def ods_cell(value: object, *, repeat: int = 1, formula: str | None = None, percent: bool = False) -> str:
    """One ``table:table-cell`` (``None`` is an empty cell)."""
    attrs = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if formula:
        attrs += f" table:formula={quoteattr(formula)}"
    if value is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
        return (
            f'<table:table-cell{attrs} office:value-type="boolean" office:boolean-value="{str(value).lower()}">'
            f"<text:p>{text}</text:p></table:table-cell>"
        )
    if isinstance(value, (int, float)):
        kind = "percentage" if percent else "float"
        shown = f"{value * 100:g}%" if percent else f"{value:g}"
        return (
            f'<table:table-cell{attrs} office:value-type="{kind}" office:value="{value}">'
            f"<text:p>{shown}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell{attrs} office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
    )


def ods_row(*cells: str, repeat: int = 1, hidden: bool = False) -> str:
    attrs = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    if hidden:
        attrs += ' table:visibility="collapse"'
    return f"<table:table-row{attrs}>{''.join(cells)}</table:table-row>"


def ods_table(name: str, rows: list[str], *, columns: str = "", hidden: bool = False) -> str:
    style = ' table:style-name="hiddenTable"' if hidden else ""
    return f"<table:table table:name={quoteattr(name)}{style}>{columns}{''.join(rows)}</table:table>"


def plain_rows(rows: list[list[object]]) -> list[str]:
    return [ods_row(*(ods_cell(v) for v in row)) for row in rows]


def write_ods(path: Path, tables: list[str], *, active: str | None = None, mimetype: str = ODS_MIME) -> Path:
    """An ODS file holding ``tables`` (from :func:`ods_table`), LibreOffice's trailing blank rows included."""
    styles = (
        "<office:automatic-styles>"
        '<style:style style:name="hiddenTable" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        "</office:automatic-styles>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>{styles}'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest)
        if active is not None:
            settings = (
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {NS}><office:settings>'
                '<config:config-item-set config:name="ooo:view-settings">'
                '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
                '<config:config-item config:name="ActiveTable" config:type="string">'
                f"{escape(active)}</config:config-item>"
                "</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>"
                "</office:settings></office:document-settings>"
            )
            archive.writestr("settings.xml", settings)
    return path


# --- XLSB: BIFF12 records, as Excel lays out the smallest workbook calamine reads -----------------


def _record(kind: int, body: bytes = b"") -> bytes:
    """One BIFF12 record: the type and the size, 7 bits a byte (high bit: another byte follows)."""

    def varint(value: int, most: int) -> bytes:
        out = bytearray()
        for _ in range(most):
            byte, value = value & 0x7F, value >> 7
            out.append(byte | (0x80 if value else 0))
            if not value:
                break
        return bytes(out)

    return varint(kind, 2) + varint(len(body), 4) + body


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_sheet(rows: list[list[object]], *, dimension: tuple[int, int] | None = None) -> bytes:
    """A sheet part: BrtWsDim (``dimension`` = (last row, last column), 0-based, overrides the real
    one), then a row header and one cell record per value (text, number or bool)."""
    last_row = max(len(rows) - 1, 0)
    last_column = max((len(r) for r in rows), default=1) - 1
    last_row, last_column = dimension or (last_row, last_column)
    out = [_record(0x0081), _record(0x0094, struct.pack("<IIII", 0, last_row, 0, last_column)), _record(0x0091)]
    for index, row in enumerate(rows):
        out.append(_record(0x0000, struct.pack("<IIHBBBB", index, 0, 300, 0, 0, 0, 0) + b"\x00" * 4))
        for column, value in enumerate(row):
            head = struct.pack("<II", column, 0)
            if isinstance(value, bool):
                out.append(_record(0x0004, head + bytes([value])))
            elif isinstance(value, (int, float)):
                out.append(_record(0x0005, head + struct.pack("<d", float(value))))
            elif value is not None:
                out.append(_record(0x0006, head + _wide(str(value))))
    out += [_record(0x0092), _record(0x0082)]
    return b"".join(out)


def write_xlsb(path: Path, sheets: dict[str, bytes]) -> Path:
    """An XLSB workbook of ``sheets`` (name -> part from :func:`xlsb_sheet`), in order."""
    book = [_record(0x0083), _record(0x008F)]
    rels = []
    for number, name in enumerate(sheets, start=1):
        book.append(_record(0x009C, struct.pack("<II", 0, number) + _wide(f"rId{number}") + _wide(name)))
        rels.append(
            f'<Relationship Id="rId{number}" Target="worksheets/sheet{number}.bin" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
        )
    book += [_record(0x0090), _record(0x0084)]
    relationships = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships">{"".join(rels)}</Relationships>'
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Target="xl/workbook.bin" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.'
        'macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/></Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.bin", b"".join(book))
        archive.writestr("xl/_rels/workbook.bin.rels", relationships)
        for number, part in enumerate(sheets.values(), start=1):
            archive.writestr(f"xl/worksheets/sheet{number}.bin", part)
    return path

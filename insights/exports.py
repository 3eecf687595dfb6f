"""Tables of the dashboards written as CSV (streamed) or XLSX (openpyxl, write-only).

A table is a header plus an iterator of rows, so the same table feeds the page, the streamed CSV
and the XLSX made in the background; exports therefore contain exactly what the page shows.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font


@dataclass
class Table:
    name: str  # file and sheet name, e.g. "funnel"
    header: list[str]
    rows: Iterable[list]
    total: int | None = None  # number of rows when known, for progress


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def _safe_cell(value):
    # Spreadsheet formula injection: a text cell starting with = + - @ is shown as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


# Spreadsheet programs read CSV with the separators of the reader's locale: Dutch Excel splits
# columns on ";" and reads "12,5" as a number (Dutch uses the comma as decimal separator).
CSV_SEPARATORS = {"nl": (";", ",")}


def _decimal(value, comma: str):
    if isinstance(value, float) and comma != ".":
        return repr(value).replace(".", comma)
    return value


def csv_lines(table: Table, *, language: str = "en") -> Iterator[str]:
    """The table as CSV lines (UTF-8 with a BOM so spreadsheet programs read accents), with
    the column and decimal separators that a spreadsheet in `language` expects."""
    delimiter, comma = CSV_SEPARATORS.get((language or "en")[:2], (",", "."))
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield "\ufeff" + writer.writerow(table.header)
    for row in table.rows:
        yield writer.writerow([_decimal(_safe_cell(value), comma) for value in row])


def xlsx_bytes(tables: list[Table], *, progress: Callable[[int], None] | None = None) -> bytes:
    """The tables as one workbook, a sheet each; `progress(rows_written)` every 1,000 rows."""
    workbook = Workbook(write_only=True)
    written = 0
    for table in tables:
        sheet = workbook.create_sheet(title=table.name[:31])
        header = []
        for title in table.header:
            cell = WriteOnlyCell(sheet, value=title)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([_safe_cell(value) for value in row])
            written += 1
            if progress and written % 1000 == 0:
                progress(written)
    buffer = BytesIO()
    workbook.save(buffer)
    if progress:
        progress(written)
    return buffer.getvalue()

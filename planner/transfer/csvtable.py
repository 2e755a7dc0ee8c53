"""Finding the header of an exported CSV file and reading its rows with their line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

HEADER_SEARCH_ROWS = 50  # LinkedIn puts a few lines of notes before the header
DELIMITERS = (",", ";", "\t")  # LinkedIn; a spreadsheet in a European locale; "Unicode text"
FIELD_LIMIT = 64 * 1024 * 1024  # a single message or note may be far above csv's 128 KB default


def column_key(name: str) -> str:
    """A header cell as compared: no BOM or surrounding space, any case."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


@dataclass(slots=True)
class CsvTable:
    """The rows after a recognised header; ``columns`` maps column keys to positions."""

    header_line: int
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]  # (first line of the row in the file, cells)

    def getter(self, row: list[str]) -> Callable[[str], str]:
        """A function returning a row's stripped cell by column key ("" when missing)."""
        columns = self.columns

        def get(key: str) -> str:
            i = columns.get(key)
            return row[i].strip() if i is not None and i < len(row) else ""

        return get


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    previous = 0
    for row in reader:
        start = previous + 1
        previous = reader.line_num
        yield start, row


def find_table(text: str, accepts: Callable[[set[str]], str | None]) -> tuple[str, CsvTable] | None:
    """Locate the header row that ``accepts`` recognises (it returns a kind name or None).

    Returns the kind and the table of non-blank rows after the header, or None when no row in
    the first lines is a header it knows. Raises csv.Error for a malformed file.
    """
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    for delimiter in DELIMITERS:
        if delimiter not in text[:65536]:
            continue
        records = _records(text, delimiter)
        for n, (line, row) in enumerate(records):
            if n >= HEADER_SEARCH_ROWS:
                break
            keys = [column_key(cell) for cell in row]
            kind = accepts(set(keys))
            if kind is None:
                continue
            columns: dict[str, int] = {}
            for i, key in enumerate(keys):
                columns.setdefault(key, i)
            rows = [(ln, r) for ln, r in records if any(c.strip() for c in r)]
            return kind, CsvTable(line, columns, rows)
    return None

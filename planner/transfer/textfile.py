"""Reading an import file as text, whatever encoding a spreadsheet or phone saved it in."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from planner.transfer import NotRecognised


@dataclass(frozen=True, slots=True)
class TextFile:
    """A decoded file; ``note`` says when it was not UTF-8 (shown in the import summary)."""

    text: str
    encoding: str
    note: str = ""


def read_text(path: Path, what: str) -> TextFile:
    """Read ``path`` as text for an importer of ``what`` (e.g. "a LinkedIn export").

    UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. A file that is not
    valid UTF-8 is read as Windows-1252 (what Excel on Windows saves), with a note saying so.
    An empty or binary file raises NotRecognised with a one-line message.
    """
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise NotRecognised(f"{path}: is a folder, expected {what}") from None
    except OSError as exc:
        raise NotRecognised(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(raw, path, what)


def decode(raw: bytes, path: Path, what: str) -> TextFile:
    """Decode the bytes of ``path`` (see :func:`read_text`)."""
    if not raw.strip():
        raise NotRecognised(f"{path}: the file is empty; expected {what}")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return TextFile(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise NotRecognised(f"{path}: broken UTF-16 text; expected {what}") from None
    if b"\x00" in raw[:65536] or raw.startswith(b"PK\x03\x04"):
        raise NotRecognised(f"{path}: a binary file, not {what}")
    try:
        return TextFile(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        where = exc.start
    # Windows-1252 leaves five bytes undefined; map those through Latin-1 so nothing is lost.
    text = raw.decode("cp1252", errors="latin1_fallback")
    note = (
        f"{path.name} is not UTF-8 (first odd byte at offset {where}): read it as Windows-1252; "
        "check accented names"
    )
    return TextFile(text, "cp1252", note)


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("latin1_fallback", _latin1_fallback)

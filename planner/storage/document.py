"""The document: the data file's content in TinyDB's format, and its schema migrations.

The file is a TinyDB database (one table per record kind, ``{"<doc_id>": {...}}``): stock
``TinyDB(path)`` opens it and sees the same documents. :class:`AtomicJSONStorage` implements
TinyDB's storage interface over the in-memory copy (``Store.db`` is a TinyDB over it for
ad-hoc queries). The schema version lives in the ``_meta`` table; newer files are refused,
older ones are migrated after a backup copy is written beside them (:func:`upgraded`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from planner.models import Connection, Interaction, Occasion, Plan
from planner.storage.files import DataFileError, Fingerprint, write_atomic

SCHEMA_VERSION = 1
META = "_meta"
Record = Connection | Interaction | Plan | Occasion
TABLES: dict[str, tuple[str, type[Record]]] = {
    # table name: (id prefix, record class)
    "connections": ("c", Connection),
    "interactions": ("i", Interaction),
    "plans": ("p", Plan),
    "occasions": ("o", Occasion),
}


class AtomicJSONStorage:
    """A TinyDB storage over an in-memory document; ``Store.save`` writes it atomically.

    (Duck-typed rather than subclassing ``tinydb.storages.Storage`` so that importing this
    module does not import TinyDB: ``outreach due`` never writes.)
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data

    def dump(self) -> bytes:
        return orjson.dumps(self.data)

    def close(self) -> None:
        """Nothing to release: the file is only touched by ``Store.save``."""


def new_document() -> dict[str, Any]:
    """The document of a network that has no file yet."""
    return {META: {"1": {"schema": SCHEMA_VERSION}}}


def snapshot_token(data: dict[str, Any]) -> str | None:
    """The ``snapshot`` token of a data-file document (None for a file outreach has not saved
    since it had journals): what a journal's header names (see :mod:`planner.storage.journal`)."""
    meta = data.get(META)
    doc = meta.get("1") if isinstance(meta, dict) else None
    token = doc.get("snapshot") if isinstance(doc, dict) else None
    return token if isinstance(token, str) and token else None


def doc_id(record_id: str) -> int:
    """TinyDB's document id for a record id such as ``c12`` (prefix letter + number)."""
    if not (record_id[:1].isalpha() and record_id[1:].isdigit()):
        raise ValueError(f"bad record id {record_id!r}: expected a letter and a number, e.g. c12")
    return int(record_id[1:])


def table_of(record: Any) -> str:
    """The table a record is stored in."""
    for table, (_prefix, cls) in TABLES.items():
        if isinstance(record, cls):
            return table
    raise TypeError(f"not a record: {record!r}")


def checked_shape(data: Any, path: Path) -> dict[str, Any]:
    """``data`` when it has the shape of a data-file document, else DataFileError."""
    if not isinstance(data, dict):
        raise DataFileError(
            f"{path}: not an outreach data file (the top level is a {type(data).__name__}, "
            "expected an object of tables)"
        )
    for table in (META, *TABLES):
        value = data.get(table)
        if value is None:
            continue
        if not isinstance(value, dict) or not all(isinstance(d, dict) for d in value.values()):
            raise DataFileError(
                f"{path}: not an outreach data file (table {table!r} should map ids to records)"
            )
    return data


# --- migrations ---------------------------------------------------------------------------------


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (before the schema was versioned) kept one ``name`` field per connection."""
    for doc in data.get("connections", {}).values():
        if "name" in doc and "first_name" not in doc:
            first, _, last = str(doc.pop("name")).strip().partition(" ")
            doc["first_name"], doc["last_name"] = first, last.strip()
    return data


MIGRATIONS = {0: _migrate_0_to_1}


def schema_of(data: dict[str, Any]) -> int:
    """The schema version a document was written with (-1 when it is not a number)."""
    meta = data.get(META) or {}
    doc = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(doc, dict):
        return 0
    version = doc.get("schema", 0)
    return version if isinstance(version, int) else -1


def upgraded(
    data: dict[str, Any], path: Path, fingerprint: Fingerprint
) -> tuple[dict[str, Any], Fingerprint]:
    """``data`` at the current schema, and the fingerprint of the file now on disk."""
    version = schema_of(data)
    if version == SCHEMA_VERSION:
        return data, fingerprint
    if version > SCHEMA_VERSION or version < 0:
        raise DataFileError(
            f"{path}: written by a newer outreach (schema {version}, this one knows up to "
            f"{SCHEMA_VERSION}); upgrade outreach to open it"
        )
    backup = path.with_name(f"{path.name}.v{version}.bak")
    try:
        write_atomic(backup, path.read_bytes())  # private (0600) like the file itself
    except (OSError, DataFileError) as exc:
        raise DataFileError(
            f"{path}: cannot write the backup {backup} before migrating: "
            f"{getattr(exc, 'strerror', None) or exc}"
        ) from None
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    data.setdefault(META, {}).setdefault("1", {})["schema"] = SCHEMA_VERSION
    return data, write_atomic(path, orjson.dumps(data))

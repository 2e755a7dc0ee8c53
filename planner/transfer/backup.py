"""Full backups: ``export json`` writes the data file's document; ``import json`` restores it.

A backup is itself a valid data file (``outreach --db backup.json list`` works on it), in the
same shape as the data file, indented for people and diffs. Restoring replaces the whole
network with the backup's, in one atomic save, after copying the current file beside it.
Export, restore and export again give the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from planner.storage import DataFileError, Store, write_atomic
from planner.storage.document import (
    META,
    MIGRATIONS,
    SCHEMA_VERSION,
    TABLES,
    checked_shape,
    schema_of,
)
from planner.transfer import NotRecognised

WHAT = "an outreach backup (made by 'outreach export json')"


def export_backup(store: Store) -> bytes:
    """The whole data document as indented JSON (a valid data file).

    Without the file's ``snapshot`` token (it names one version of the data file for its
    journal, see planner.storage): a backup of the same network is the same bytes.
    """
    store.load_history()
    with store.mutex:
        data = store.storage.data
        meta = (data.get(META) or {}).get("1")
        if isinstance(meta, dict) and "snapshot" in meta:
            meta = {k: v for k, v in meta.items() if k != "snapshot"}
            data = {**data, META: {**data[META], "1": meta}}
        return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


def read_backup(path: Path) -> dict[str, Any]:
    """Read and check a backup; raise NotRecognised (one line) when it is not one.

    Older backups are migrated in memory the way the data file is; newer ones are refused.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NotRecognised(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise NotRecognised(f"{path}: the file is empty; expected {WHAT}")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise NotRecognised(
            f"{path}: not JSON ({exc.msg} at byte {exc.pos}); expected {WHAT}"
        ) from None
    try:
        data = checked_shape(data, path)
    except DataFileError as exc:
        raise NotRecognised(f"{exc}; expected {WHAT}") from None
    if not any(table in data for table in (META, *TABLES)):
        raise NotRecognised(f"{path}: no outreach tables in this JSON; expected {WHAT}")
    version = schema_of(data)
    if version > SCHEMA_VERSION or version < 0:
        raise NotRecognised(
            f"{path}: made by a newer outreach (schema {version}, this one knows up to "
            f"{SCHEMA_VERSION}); upgrade outreach to restore it"
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    data.setdefault(META, {}).setdefault("1", {})["schema"] = SCHEMA_VERSION
    return data


def restore(store: Store, data: dict[str, Any]) -> Path | None:
    """Replace the network in ``store`` with ``data`` (the caller saves once).

    A copy of the current data file is kept as ``<file>.before-restore.bak`` when it holds
    anything; returns that path. Raises NotRecognised when a record in the backup is invalid.
    """
    copy = None
    if store.path.exists() and any(getattr(store, t) for t in TABLES):
        copy = store.path.with_name(store.path.name + ".before-restore.bak")
        try:
            write_atomic(copy, store.path.read_bytes())  # private (0600), atomic
        except (OSError, DataFileError) as exc:
            raise DataFileError(
                f"{copy}: cannot keep a copy of the current data before restoring: "
                f"{getattr(exc, 'strerror', None) or exc}; nothing was changed"
            ) from None
    try:
        store.replace_all(data)
    except DataFileError as exc:
        message = str(exc).replace(str(store.path), "the backup", 1)
        raise NotRecognised(f"{message}; nothing was changed") from None
    return copy

"""Storage: the user's network in one data file, in memory, saved atomically.

One module per job:

* :mod:`~planner.storage.files`: the file on disk: fingerprints, atomic durable writes, the
  lock between processes, and the errors (:class:`DataFileError`).
* :mod:`~planner.storage.document`: the document in TinyDB's format and its schema migrations.
* :mod:`~planner.storage.journal`: the write-ahead journal beside the file.
* :mod:`~planner.storage.summary`: the summary cache the first screen is read from.
* :mod:`~planner.storage.network`: the records in memory and their per-person indices.
* :mod:`~planner.storage.changes`: the unsaved edits, re-applied over another process's save.
* :mod:`~planner.storage.store`: :class:`Store`, the facade every read and write goes through.
"""

from planner.storage.files import ConcurrentChangeError, DataFileError, write_atomic
from planner.storage.store import Store

__all__ = ["ConcurrentChangeError", "DataFileError", "Store", "write_atomic"]

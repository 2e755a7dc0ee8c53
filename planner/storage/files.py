"""The data file on disk: its fingerprint, atomic durable writes, and the lock between processes.

* A save is one durable, atomic write (:func:`write_atomic`): temp file in the same folder,
  flush, fsync, ``os.replace``, fsync of the folder. A crash leaves the old or the new file,
  never half.
* A :class:`Fingerprint` (inode, size, mtime) identifies one version of a file, so a save can
  refuse when another process changed the file since it was read.
* ``<file>.lock`` (:func:`file_lock`, :func:`acquire`) keeps two processes from writing at once.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

LOCK_TIMEOUT_S = 10.0


class DataFileError(Exception):
    """The data file cannot be read or written; the message names the file and the problem."""


class ConcurrentChangeError(DataFileError):
    """The file changed on disk since it was loaded; saving would lose the other change."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies one version of the file on disk (``os.replace`` changes the inode)."""

    inode: int
    size: int
    mtime_ns: int
    # The kernel sets the change time on every write, rename or metadata change, and no
    # program can set it back (unlike mtime, which ``touch -d`` or ``cp -p`` restore): a
    # same-size edit in place or a restored backup never looks like the version read.
    ctime_ns: int

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return cls.from_stat(st)

    @classmethod
    def from_stat(cls, st: os.stat_result) -> Fingerprint:
        return cls(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def read_json_with_fingerprint(path: Path) -> tuple[Any, Fingerprint]:
    """Read and parse ``path`` with the collector paused (a 70 MB file loads ~2x faster), with
    the fingerprint of exactly the version read (taken from the open file, so a replace racing
    the read cannot pair one version's bytes with another's)."""
    try:
        with open(path, "rb") as fh:
            fingerprint = Fingerprint.from_stat(os.fstat(fh.fileno()))
            raw = fh.read()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the data file: {exc.strerror or exc}") from None
    if not raw.strip():
        raise DataFileError(f"{path}: the data file is empty; restore a backup or move it away")
    enabled = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(raw), fingerprint
    except orjson.JSONDecodeError as exc:
        raise DataFileError(
            f"{path}: not valid JSON ({exc.msg} at byte {exc.pos}); the file may be truncated or "
            "corrupt: restore a backup (see README, Backup and restore)"
        ) from None
    finally:
        gc.freeze()  # loaded objects are long-lived: keep them out of future collections
        if enabled:
            gc.enable()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector while building long-lived objects, then freeze them out of
    future collections (the network stays in memory for the whole run)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def write_atomic(path: Path, data: bytes) -> Fingerprint:
    """Write ``data`` to ``path`` atomically and durably, or raise DataFileError.

    Private by construction: the temporary file is made by ``tempfile.mkstemp`` in the target
    folder (a random name, ``O_EXCL|O_NOFOLLOW``, mode 0600: never chmodded after, never
    through a planted link) and renamed over ``path``; missing folders are created 0700.
    Leftovers of a run killed mid-save are removed by :func:`remove_stale_temps`. The old file
    stays intact on any failure (read-only folder, disk full). Returns the fingerprint of the
    file written (taken from the open file after the rename, so no race with a process
    replacing the file right after can mix them up).
    """
    folder = path.parent
    tmp_name = None
    try:
        private_folder(folder)
        import tempfile  # here, not at the top: reading commands never write (start-up time)

        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            if os.name == "nt":  # Windows cannot rename a file that is open
                fh.close()
            os.replace(tmp_name, path)
            tmp_name = None
            # the rename set its ctime: the fingerprint is taken after it, from the file itself
            st = os.stat(path) if fh.closed else os.fstat(fh.fileno())
            written = Fingerprint.from_stat(st)
        fsync_folder(folder)  # the new name is durable too
        return written
    except OSError as exc:
        raise DataFileError(
            f"{path}: could not save: {exc.strerror or exc}; the previous file is unchanged"
        ) from None
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


TEMP_SUFFIX = ".tmp"
STALE_TEMP_S = 60.0  # a temporary file of ours this old belongs to a run that was killed


def remove_stale_temps(path: Path, *, older_than: float = STALE_TEMP_S) -> int:
    """Remove the temporary files a killed save of ``path`` left beside it (ours by name:
    ``.<name>.*.tmp``, regular files, not links, owned by this user, older than
    ``older_than`` seconds so a save in progress elsewhere is never touched). Returns how
    many were removed; best effort."""
    import time

    prefix, removed = f".{path.name}.", 0
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(TEMP_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if (
                    entry.is_file(follow_symlinks=False)
                    and st.st_uid == os.getuid()
                    and now - st.st_mtime > older_than
                ):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents with mode 0700 (existing folders are left as
    they are); raise OSError."""
    missing: list[Path] = []
    current = folder
    while not os.path.isdir(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for each in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(each, 0o700)


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` private (0600, ``O_EXCL|O_NOFOLLOW``: never over an existing file or
    through a link) and write ``data`` durably; raise DataFileError."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        fsync_folder(path.parent)
    except OSError as exc:
        raise DataFileError(f"{path}: could not write: {exc.strerror or exc}") from None


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def fsync_folder(folder: Path) -> None:
    """Make the names in ``folder`` durable (best effort: not every filesystem can)."""
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


class LockTimeout(Exception):
    """The lock stayed held past its timeout; ``owner`` is what its holder wrote, if any."""

    def __init__(self, owner: str) -> None:
        super().__init__(owner)
        self.owner = owner


class DataFileLock:
    """``<file>.lock``: one writer at a time, between processes and between threads.

    An advisory ``flock`` on a private lock file (created 0600, never through a link: a link
    planted at its name is refused, so taking the lock can never truncate another file). The
    holder writes who it is (pid, command, since when) into the file, so a process that has
    to wait can say exactly who holds it; the file is emptied on release. Re-entrant within
    one thread, like filelock's.
    """

    def __init__(self, path: Path, timeout: float | None = None) -> None:
        self.lock_file = str(path) + ".lock"
        self.timeout = LOCK_TIMEOUT_S if timeout is None else timeout
        self._mutex = threading.RLock()  # threads of this process queue here
        self._fd: int | None = None
        self._depth = 0

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, waiting up to ``timeout`` s; raise LockTimeout or OSError."""
        import fcntl
        import time

        deadline = time.monotonic() + self.timeout
        if not self._mutex.acquire(timeout=self.timeout):
            raise LockTimeout(f"another thread of this outreach (pid {os.getpid()})")
        if self._depth:
            self._depth += 1
            return
        try:
            private_folder(Path(self.lock_file).parent)  # a new data file's folders: 0700
            fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
        except OSError:
            self._mutex.release()
            raise
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(self.owner()) from None
                    time.sleep(0.05)
            os.ftruncate(fd, 0)
            os.pwrite(fd, _whoami().encode("utf-8", "replace"), 0)
        except BaseException:
            os.close(fd)
            self._mutex.release()
            raise
        self._fd, self._depth = fd, 1

    def release(self) -> None:
        """Give the lock back (the last of nested acquires does)."""
        import fcntl

        if self._fd is None:
            return
        self._depth -= 1
        if self._depth == 0:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # nobody holds it now
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        self._mutex.release()

    def owner(self) -> str:
        """Who holds the lock, as its holder wrote it ("" when unknown)."""
        try:
            fd = os.open(self.lock_file, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
        except OSError:
            return ""
        try:
            return os.read(fd, 4096).decode("utf-8", "replace").strip()
        finally:
            os.close(fd)


def _whoami() -> str:
    import sys
    import time

    command = " ".join(["outreach", *sys.argv[1:]])[:200]
    return f"pid {os.getpid()}, {command!r}, since {time.strftime('%H:%M:%S')}\n"


def file_lock(path: Path) -> DataFileLock:
    """The lock between processes for the data file ``path`` (``<file>.lock``), not taken."""
    if os.name == "nt":  # no flock: filelock's Windows lock (same interface)
        from filelock import FileLock

        return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)  # type: ignore[return-value]
    return DataFileLock(path)


def acquire(lock: DataFileLock, path: Path) -> None:
    """Take ``lock`` (waiting up to LOCK_TIMEOUT_S), or raise DataFileError naming ``path``
    and, when it said so, the process holding it."""
    try:
        lock.acquire()
    except LockTimeout as exc:
        from planner.text import safe

        who = f"outreach ({safe(exc.owner)})" if exc.owner else "a process that did not say who"
        raise DataFileError(
            f"{path}: the data file is busy: {who} still holds its lock after "
            f"{lock.timeout:.0f} s of waiting; try again when it has finished (lock file "
            f"{lock.lock_file})"
        ) from None
    except OSError as exc:
        if os.path.islink(lock.lock_file):
            raise DataFileError(
                f"{path}: the lock file {lock.lock_file} is a symbolic link, which outreach "
                "never follows; remove it and try again"
            ) from None
        raise DataFileError(
            f"{path}: cannot lock the data file ({exc.strerror or exc}); is its folder writable?"
        ) from None
    except Exception as exc:  # filelock's Timeout on Windows
        raise DataFileError(
            f"{path}: the data file is busy: another outreach still holds its lock after "
            f"{LOCK_TIMEOUT_S:.0f} s; try again when it has finished"
        ) from exc

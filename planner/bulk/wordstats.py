"""Word frequencies per language (from ``wordfreq``) and the language of a text.

The bulk check needs two things from real word statistics: how common a word is in the
text's language (a rare word, a place, a product name is a detail; "opportunity" is not), and
which language the text is in (to pick the wording rules). Both come from the ``wordfreq``
lists that ship inside its wheel (no network): Zipf frequencies, ``log10`` of a word's uses per
billion words, so 7 is "the", 4 an everyday word ("marathon"), under 3 a rare one.

Reading wordfreq's lists costs ~0.5 s per process (importing it and unpacking the lists), too
slow for one ``outreach check``. So the first use builds a lookup table in the cache folder
(:func:`planner.storage.summary.cache_dir`): ``wordstats-<wordfreq version>-<FORMAT>.sqlite``,
one row per (word, language), 5.5 MB, built in 2-4 s once, atomic and private (0600), rebuilt when
wordfreq changes, safe to delete. A check then looks up only the words of its text (one
indexed query). When the cache folder cannot be written, the table is built in memory.

Language detection scores each candidate language by the summed Zipf frequency of the text's
words in it (a word a list does not hold counts :data:`FLOOR`): a naive-Bayes unigram model
over wordfreq's own lists. See the README (bulk check, languages) for why this and not lingua,
py3langid or langdetect.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

JUDGED = ("en", "es", "de", "fr", "pt", "it")
"""Languages whose wording the check judges (it has phrase rules for them)."""
OTHERS = (
    "nl", "ca", "sv", "da", "nb", "pl", "ro", "cs", "tr", "id", "fi", "hu", "sk", "sl", "sh",
    "lt", "lv", "ms", "fil", "is",
)  # fmt: skip
"""Latin-script languages wordfreq knows: detected (so their texts are not misread as one of
:data:`JUDGED`) but not judged."""
NAMES = {
    "en": "English", "es": "Spanish", "de": "German", "fr": "French", "pt": "Portuguese",
    "it": "Italian", "nl": "Dutch", "ca": "Catalan", "sv": "Swedish", "da": "Danish",
    "nb": "Norwegian", "pl": "Polish", "ro": "Romanian", "cs": "Czech", "tr": "Turkish",
    "id": "Indonesian", "fi": "Finnish", "hu": "Hungarian", "sk": "Slovak", "sl": "Slovenian",
    "sh": "Serbo-Croatian", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay",
    "fil": "Filipino", "is": "Icelandic",
}  # fmt: skip
OTHER_TOP = 4000  # words kept per detected-only language (enough to recognise it)
FLOOR = 2.0  # the Zipf frequency of a word a list does not hold (its lists stop near 3)
FORMAT = 2

_TOKEN_RE = re.compile(r"[^\W\d_]+")


def tokens(text: str) -> list[str]:
    """Casefolded words of ``text`` (letters only; apostrophes and hyphens split words, as in
    wordfreq's lists: "l'opportunité" -> "l", "opportunité")."""
    return _TOKEN_RE.findall(unicodedata.normalize("NFKC", text).casefold())


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``word`` without accents ("lucía" -> "lucia"), for comparing names and details."""
    if word.isascii():
        return word
    nfd = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


class WordStats:
    """Zipf frequencies of words per language, from the lookup table."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._lock = threading.Lock()  # the composer checks in a worker thread
        self._memo: dict[str, dict[str, float]] = {}

    def zipfs(self, words: Iterable[str]) -> dict[str, dict[str, float]]:
        """``{word: {language: zipf}}`` for each distinct word (``{}`` when no list has it)."""
        wanted = [w for w in dict.fromkeys(words) if w not in self._memo]
        if wanted:
            found: dict[str, dict[str, float]] = {w: {} for w in wanted}
            with self._lock:
                for i in range(0, len(wanted), 500):
                    chunk = wanted[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    rows = self._db.execute(f"SELECT w, l, z FROM z WHERE w IN ({marks})", chunk)
                    for w, lang, z in rows:
                        found[w][lang] = z / 10
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo.update(found)
        return {w: self._memo[w] for w in words}

    def zipf(self, word: str, lang: str) -> float:
        """How common ``word`` is in ``lang`` (0 when its list does not hold it)."""
        return self.zipfs([word])[word].get(lang, 0.0)


@dataclass(frozen=True, slots=True)
class Language:
    """The language a text was read as."""

    code: str | None  # None: not a language the check can tell (another script, no words)
    judged: bool  # the check has wording rules for it
    confident: bool  # a clear winner over the other candidates
    candidates: tuple[str, ...]  # judged languages whose rules apply, best first

    @property
    def name(self) -> str:
        if self.code is None:
            return "a language outreach cannot read"
        return NAMES.get(self.code, self.code)


def detect(words: list[str], stats: WordStats) -> Language:
    """The language of a text from its casefolded ``words`` (names already left out).

    Texts mostly in another script than Latin are not read. A confident winner outside
    :data:`JUDGED` (three words or more, clearly ahead) makes the text not judged; otherwise
    the judged languages close to the best are the candidates (a short text may fit Spanish
    and Portuguese alike: both rule sets run; "ok" is read as the likeliest two).
    """
    letters = "".join(words)
    if not letters:  # emoji, numbers: no wording in any language, nothing to misread
        return Language(None, True, False, ("en",))
    # Latin letters: Basic Latin to Latin Extended-B, and Latin Extended Additional
    latin = sum(1 for ch in letters if ch < "\u0250" or "\u1e00" <= ch <= "\u1eff")
    if latin < len(letters) / 2:
        return Language(None, False, True, ())
    table = stats.zipfs(words)
    langs = JUDGED + OTHERS
    score = dict.fromkeys(langs, 0.0)
    for w in words:
        z = table[w]
        for lang in langs:
            score[lang] += z.get(lang, FLOOR)
    ranked = sorted(langs, key=lambda lang: -score[lang])
    best = ranked[0]
    n = len(words)
    margin = (score[best] - score[ranked[1]]) / n
    confident = n >= 3 and margin >= 0.35
    near = [lang for lang in ranked if lang in JUDGED and (score[best] - score[lang]) / n < 0.5]
    if best not in JUDGED and confident:
        return Language(best, False, True, ())
    if not near:  # too short to tell ("ok", "Hi"): read it as the likeliest judged languages
        near = [lang for lang in ranked if lang in JUDGED][:2]
    code = best if best in JUDGED else near[0]
    return Language(code, True, confident and best in JUDGED, tuple(near[:2]))


# --- the lookup table ----------------------------------------------------------------------------

_stats: WordStats | None = None
_stats_lock = threading.Lock()


def stats() -> WordStats:
    """The process's word statistics: the cached table, built on first use."""
    global _stats
    with _stats_lock:
        if _stats is None:
            _stats = WordStats(_open())
        return _stats


def _table_path() -> Path:
    from planner.storage.summary import cache_dir

    return cache_dir() / f"wordstats-{_wordfreq_version()}-{FORMAT}.sqlite"


def _wordfreq_version() -> str:
    """The installed wordfreq's version: from the name of its ``.dist-info`` folder beside
    the package (importlib.metadata would cost ``outreach check`` ~20 ms of imports), else
    from importlib.metadata (any other kind of install)."""
    from importlib.util import find_spec

    spec = find_spec("wordfreq")
    if spec is not None and spec.origin:
        site = Path(spec.origin).parent.parent
        with contextlib.suppress(OSError):
            found = [
                name[len("wordfreq-") : -len(".dist-info")]
                for name in os.listdir(site)
                if name.startswith("wordfreq-") and name.endswith(".dist-info")
            ]
            if len(found) == 1:
                return found[0]
    from importlib.metadata import version

    return version("wordfreq")


def _open() -> sqlite3.Connection:
    path = _table_path()
    if path.exists():
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            if db.execute("SELECT count(*) FROM done").fetchone()[0] == 1:
                return db
            db.close()
        except sqlite3.DatabaseError:
            pass  # damaged or half-written: rebuilt below
    try:
        return _build_file(path)
    except OSError:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(db)
        return db


def _build_file(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".wordstats-", suffix=".tmp", dir=path.parent)
    os.close(fd)  # mkstemp made it 0600; sqlite writes into the empty file
    try:
        db = sqlite3.connect(tmp)
        _fill(db)
        db.close()
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _fill(db: sqlite3.Connection) -> None:
    """Copy wordfreq's lists into ``db``: every word for :data:`JUDGED`, the commonest
    :data:`OTHER_TOP` for :data:`OTHERS`."""
    import wordfreq

    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(
        "CREATE TABLE z (w TEXT NOT NULL, l TEXT NOT NULL, z INTEGER NOT NULL, "
        "PRIMARY KEY (w, l)) WITHOUT ROWID"
    )
    for lang in JUDGED + OTHERS:
        # buckets of words, most common first; bucket i holds words of frequency 10^(-i/100)
        buckets = wordfreq.get_frequency_list(lang, wordlist="small")
        rows: dict[str, int] = {}
        left = OTHER_TOP if lang not in JUDGED else None
        for i, bucket in enumerate(buckets):
            z = round(90 - i / 10)  # Zipf = 9 - i/100, in tenths
            for word in bucket:
                parts = [word] if word.isalpha() else tokens(word) or [word]
                for part in parts:  # "l'été" -> "l", "été", as texts are split
                    rows.setdefault(part, z)
            if left is not None:
                left -= len(bucket)
                if left <= 0:
                    break
        db.executemany("INSERT INTO z VALUES (?, ?, ?)", ((w, lang, z) for w, z in rows.items()))
    db.execute("CREATE TABLE done (n INTEGER)")
    db.execute("INSERT INTO done VALUES (1)")
    db.commit()

"""User settings: a small TOML file under the user config folder.

The file (``config_path()``: ``$OUTREACH_CONFIG``, else ``<user config dir>/outreach/config.toml``;
the CLI's ``--config PATH`` overrides both) holds one ``key = value`` line per setting:

* ``daily-limit``: how many open-ended rows (keep-in-touch, reconnect) a day's list shows
  (default 10; dated kinds are never hidden by it);
* ``default-cadence``: the keep-in-touch cadence a new person gets (default none);
* ``theme``: the TUI's colour theme (default ``textual-dark``).

A missing file means every default. :func:`save` writes atomically with mode 0600. Paths come
from functions, never from import time, so tests can point ``OUTREACH_CONFIG`` elsewhere.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planner.models import ValidationError, parse_cadence

# Textual 8's built-in themes (planner/ never imports textual; a test checks the two agree).
THEMES = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)
MAX_DAILY_LIMIT = 10_000


class ConfigError(ValidationError):
    """The settings file or a value given for it is not acceptable; the message says why."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting with its default."""

    daily_limit: int = 10
    default_cadence: str | None = None
    theme: str = "textual-dark"

    def get(self, key: str) -> Any:
        """The value of setting ``key`` (its file name, e.g. ``daily-limit``)."""
        return getattr(self, _attr(key))

    def with_value(self, key: str, text: str) -> Settings:
        """A copy with ``key`` set from ``text``, validated (ConfigError when not acceptable)."""
        return replace(self, **{_attr(key): _SPECS[key].parse(text)})


@dataclass(frozen=True, slots=True)
class _Spec:
    parse: Callable[[Any], Any]
    help: str


def _parse_limit(value: Any) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= MAX_DAILY_LIMIT:
        raise ConfigError(
            f"daily-limit must be a whole number from 1 to {MAX_DAILY_LIMIT}, not {value!r}; "
            "e.g. outreach config set daily-limit 10"
        )
    return int(text)


def _parse_cadence(value: Any) -> str | None:
    try:
        return parse_cadence(str(value))
    except ValidationError as exc:
        raise ConfigError(f"default-cadence: {exc}") from None


def _parse_theme(value: Any) -> str:
    text = str(value).strip().lower()
    if text not in THEMES:
        raise ConfigError(f"unknown theme {value!r}: use one of {', '.join(THEMES)}")
    return text


_SPECS: dict[str, _Spec] = {
    "daily-limit": _Spec(_parse_limit, "open-ended rows (keep-in-touch, reconnect) a day shows"),
    "default-cadence": _Spec(_parse_cadence, "keep-in-touch cadence for a new person, or none"),
    "theme": _Spec(_parse_theme, "the TUI colour theme"),
}
KEYS = tuple(_SPECS)


def describe(key: str) -> str:
    """One line saying what setting ``key`` does."""
    return _SPECS[_check_key(key)].help


def _check_key(key: str) -> str:
    if key not in _SPECS:
        raise ConfigError(f"unknown setting {key!r}: use one of {', '.join(KEYS)}")
    return key


def _attr(key: str) -> str:
    return _check_key(key).replace("-", "_")


def config_path() -> Path:
    """``$OUTREACH_CONFIG`` if set, else ``config.toml`` in the platform's user config folder."""
    env = os.environ.get("OUTREACH_CONFIG")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("outreach", appauthor=False) / "config.toml"


def load(path: Path | None = None) -> Settings:
    """The settings in ``path`` (default :func:`config_path`); defaults for a missing file.

    Raises ConfigError naming the file for one that cannot be read or holds a bad value.
    """
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc.strerror}") from None
    import tomllib  # here: most runs have no settings file (start-up time)

    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"settings file {path} is not valid TOML ({exc}); fix it or delete it to start over"
        ) from None
    settings = Settings()
    for key, value in doc.items():
        if key not in _SPECS:
            raise ConfigError(
                f"settings file {path}: unknown setting {key!r}; use one of {', '.join(KEYS)}"
            )
        try:
            settings = replace(settings, **{_attr(key): _SPECS[key].parse(value)})
        except ConfigError as exc:
            raise ConfigError(f"settings file {path}: {exc}") from None
    return settings


def load_or_defaults(path: Path | None = None) -> tuple[Settings, str | None]:
    """Like :func:`load`, but a broken file gives the defaults and the problem in words
    (for the TUI, which shows it instead of refusing to start)."""
    try:
        return load(path), None
    except ConfigError as exc:
        return Settings(), str(exc)


def render(settings: Settings) -> str:
    """The TOML text of ``settings`` (every key, in :data:`KEYS` order)."""
    lines = ["# outreach settings: outreach config set KEY VALUE"]
    for key in KEYS:
        value = settings.get(key)
        if value is None:
            value = "none"
        lines.append(f"{key} = {value if isinstance(value, int) else json.dumps(value)}")
    return "\n".join(lines) + "\n"


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings`` atomically (mode 0600, folder created); returns the path.

    A failure raises the store's DataFileError (exit 3) and leaves the old file intact.
    """
    from planner.storage import write_atomic

    path = path or config_path()
    write_atomic(path, render(settings).encode("utf-8"))  # DataFileError on failure
    return path


def set_value(key: str, text: str, path: Path | None = None) -> Settings:
    """Validate and store one setting; returns the new settings."""
    path = path or config_path()
    settings = load(path).with_value(key, text)
    save(settings, path)
    return settings


def shown(value: Any) -> str:
    """A setting's value as ``config get`` prints it (``none`` for no value)."""
    return "none" if value is None else str(value)


__all__ = [
    "KEYS",
    "THEMES",
    "ConfigError",
    "Settings",
    "config_path",
    "describe",
    "load",
    "load_or_defaults",
    "save",
    "set_value",
    "shown",
]

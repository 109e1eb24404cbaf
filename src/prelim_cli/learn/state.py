"""A learner's workspace: the folder of exercise files and the one small state file that
remembers their progress.

The state file is prelim's own (``"format": "prelim-learn"``): read it, change it under a
lock (``watch`` in one terminal and ``check`` in another do not lose each other's updates),
write it atomically, so killing prelim at any moment leaves the old file or the new one,
never half of either. A file that is damaged or is not prelim's is reported and left as it
is, never overwritten. No torch.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prelim_cli.core.errors import PrelimError

FOLDER = "prelim-exercises"  # the default workspace, in the current folder
ENVIRONMENT = "PRELIM_EXERCISES"
STATE = ".prelim-learn.json"
LOCK = ".prelim-learn.lock"
FORMAT, VERSION = "prelim-learn", 1
STATUSES = ("todo", "started", "passed", "answered", "given-up")
# todo: no file yet; started: a file, not passed; passed: its check passed (kept even if the
# file changes later); answered: a reflect exercise marked done (never "checked");
# given-up: the solution was shown before a pass.


def folder(option: str | None, environ=os.environ) -> Path:
    """--dir, else PRELIM_EXERCISES, else ./prelim-exercises."""
    return Path(option or environ.get(ENVIRONMENT) or FOLDER)


class State:
    """The state file's contents: the workspace's edition, the current exercise, and per
    exercise (by slug) its file, when it started, attempts, hints shown, when it passed."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.data = data or {"format": FORMAT, "version": VERSION, "edition": None,
                             "current": None, "exercises": {}}

    @property
    def edition(self) -> str | None:
        return self.data["edition"]

    @edition.setter
    def edition(self, value: str) -> None:
        self.data["edition"] = value

    @property
    def current(self) -> str | None:
        return self.data["current"]

    @current.setter
    def current(self, slug: str | None) -> None:
        self.data["current"] = slug

    def entry(self, slug: str) -> dict[str, Any] | None:
        return self.data["exercises"].get(slug)

    def start(self, slug: str, file: str) -> dict[str, Any]:
        """The exercise's record, made now if it has none."""
        return self.data["exercises"].setdefault(slug, {
            "file": file, "started": time.time(), "attempts": 0, "hints": 0,
            "passed": None, "answered": None, "gave_up": False, "seconds": None})

    def forget(self, slug: str) -> None:
        self.data["exercises"].pop(slug, None)
        if self.current == slug:
            self.current = None

    def status(self, slug: str) -> str:
        entry = self.entry(slug)
        if entry is None:
            return "todo"
        if entry["passed"]:
            return "passed"
        if entry["answered"]:
            return "answered"
        return "given-up" if entry["gave_up"] else "started"


NUMBER = (int, float)
FIELDS = {"file": str, "started": NUMBER, "attempts": int, "hints": int, "gave_up": bool}
# and "passed", "answered", "seconds": None or a number (when, or how many seconds it took)


def _wrong_entry(exercises: dict) -> str | None:
    """What is wrong with the first exercise record that prelim could not use, or None."""
    for slug, entry in exercises.items():
        if not isinstance(entry, dict):
            return f"{slug}: {entry!r} is not a record"
        for name, kind in FIELDS.items():
            value = entry.get(name)
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                return f"{slug}: {name} is {value!r}"
        for name in ("passed", "answered", "seconds"):
            if not isinstance(entry.get(name), (type(None), *NUMBER)):  # a bool is an int
                return f"{slug}: {name} is {entry.get(name)!r}"
    return None


class Workspace:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.state_file = path / STATE

    def file(self, name: str) -> Path:
        return self.path / name

    def read(self) -> State:
        """The state (empty when the workspace has none yet); a damaged or foreign state file
        is a PrelimError that names it and leaves it alone."""
        try:
            text = self.state_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return State()
        except (OSError, UnicodeDecodeError) as err:
            raise PrelimError("learn.state.unreadable", path=str(self.state_file),
                              reason=getattr(err, "strerror", None) or err) from None
        try:
            data = json.loads(text)
        except ValueError as err:
            raise PrelimError("learn.state.damaged", path=str(self.state_file),
                              reason=err) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT \
                or not isinstance(data.get("exercises"), dict):
            raise PrelimError("learn.state.foreign", path=str(self.state_file))
        if data.get("version") != VERSION:
            raise PrelimError("learn.state.version", path=str(self.state_file),
                              version=data.get("version"), known=VERSION)
        wrong = _wrong_entry(data["exercises"])
        if wrong:  # a hand edit gone wrong: refused as damaged, never half-read
            raise PrelimError("learn.state.damaged", path=str(self.state_file), reason=wrong)
        return State(data)

    @contextmanager
    def update(self) -> Iterator[State]:
        """Read, let the caller change, write atomically; under the workspace's lock."""
        from prelim_cli.core.files import write_text

        self.read()  # a damaged or foreign state file is refused before the lock file is made
        self.path.mkdir(parents=True, exist_ok=True)
        with self._locked():
            state = self.read()
            yield state
            write_text(self.state_file, json.dumps(state.data, indent=1, ensure_ascii=False)
                       + "\n")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        import fcntl

        try:
            handle = open(self.path / LOCK, "a")  # noqa: SIM115 - held for the block
        except OSError as err:
            raise PrelimError("learn.state.unreadable", path=str(self.path / LOCK),
                              reason=err.strerror or err) from None
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

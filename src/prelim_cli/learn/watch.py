"""``prelim learn watch``: check the current exercise again each time its file is saved.

rustlings' loop, for this chapter: the file is polled (its mtime, size and a hash of its
content, every ``POLL`` s, so an editor that saves by writing a new file and renaming it
over the old one is seen too), each change is checked in a child Python as ``check`` does
and its report drawn on a cleared screen through the one ``render``; on a pass, ``n``
starts the next exercise of the edition, ``q`` (or Ctrl-C) leaves the terminal as it was.
prelim's own Python stays up between checks, and a child with torch already loaded waits
for the next save (``runner.Warm``), so a re-check costs the check alone.
"""

from __future__ import annotations

import hashlib
import os
import select
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from prelim_cli.core.env import Output
from prelim_cli.core.errors import Message, PrelimError
from prelim_cli.i18n import Texts
from prelim_cli.learn import checking
from prelim_cli.learn.exercise import Exercise
from prelim_cli.learn.place import Place

POLL = 0.2  # seconds between looks at the file
SETTLE = 0.05  # a save seen is looked at again after this, so a write in two parts is whole
QUIT = {"q", "Q", "\x04", ""}  # q, Ctrl-D, or the end of input
CLEAR = "\x1b[H\x1b[2J"


def fingerprint(path: Path) -> tuple | None:
    """What changes when the file is saved (None while it is missing, mid-rename)."""
    try:
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size, hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


@contextmanager
def _closing(owner) -> Iterator[None]:
    """A warm runner's waiting child ends with the watch (a plain function has no owner)."""
    try:
        yield
    finally:
        if hasattr(owner, "close"):
            owner.close()


class Watch:
    def __init__(self, place: Place, exercise: Exercise, seed: int, show_code: bool,
                 out: Output) -> None:
        from prelim_cli.learn import runner

        self.place, self.exercise, self.seed = place, exercise, seed
        self.lang, self.show_code, self.out = place.lang, show_code, out
        self.texts = Texts(place.lang)
        # who checks: a child with torch loaded, waiting while the learner edits (closed
        # when the watch ends)
        self.run_check = runner.Warm().run_check
        self.path = checking.file_of(place, exercise)
        self.next: Exercise | None = None  # offered after a pass

    def run(self) -> None:
        """Check now, then after every save, until q (Ctrl-C raises through, the terminal
        restored on the way)."""
        from prelim_cli.present import keys_as_pressed

        keys = keys_as_pressed() if self.out.stdin_tty else nullcontext()
        seen = None
        with keys, _closing(getattr(self.run_check, "__self__", None)):
            while True:
                now = fingerprint(self.path)
                if now is not None and now != seen:
                    time.sleep(SETTLE)
                    seen = fingerprint(self.path) or now
                    self.check()
                pressed = self.key(POLL)
                if pressed in QUIT:
                    self.write("\n")
                    return
                if pressed in ("n", "N") and self.next is not None:
                    self.start(self.next)
                    seen = None

    def check(self) -> None:
        from prelim_cli.learn import report
        from prelim_cli.render import render

        result = checking.check(self.place, self.exercise, self.path, self.seed, self.run_check)
        number = self.place.ident(self.exercise)
        self.write(CLEAR if self.out.is_tty else "\n")
        error = None
        try:
            demo = report.checked(self.exercise, result, number, self.path, self.lang)
        except PrelimError as err:
            demo, error = err.demo, Message("error.line", message=err.message).text(self.lang)
        render(demo, "table", self.lang, self.show_code, self.out)
        if error:
            self.write("\n" + error + "\n")
        passed = result["status"] in ("passed", "answered")
        self.next = checking.following(self.place, self.exercise) if passed else None
        if not passed:
            self.status("watch.waiting", path=str(self.path))
        elif self.next is not None:
            self.status("watch.next", id=self.place.ident(self.next),
                        title=self.next.title(self.lang))
        else:
            self.status("watch.last", edition=self.place.edition)

    def start(self, exercise: Exercise) -> None:
        """``n``: the next exercise, started by ``prelim learn start``'s own code (a file
        already there is the learner's and is kept)."""
        from prelim_cli.learn import lesson

        self.exercise, self.next = exercise, None
        self.path = Path(lesson.start(self.place, exercise, force=False).extra["path"])
        self.status("watch.started", id=self.place.ident(exercise), path=str(self.path))

    def status(self, key: str, **params) -> None:
        label, hint = self.texts.step(key, params)
        self.write(f"\n{label} — {hint}\n")

    def key(self, timeout: float) -> str | None:
        """A key pressed within ``timeout`` s (None: none was); "" at the end of input."""
        stdin = sys.stdin
        try:
            fd = stdin.fileno()
        except (AttributeError, OSError, ValueError):  # no real stdin: only Ctrl-C ends it
            time.sleep(timeout)
            return None
        if not select.select([fd], [], [], timeout)[0]:
            return None
        return os.read(fd, 16).decode(errors="replace")[:1]

    def write(self, text: str) -> None:
        self.out.stdout.flush()
        self.out.stdout.write(text)
        self.out.stdout.flush()

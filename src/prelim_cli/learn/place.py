"""Where a ``prelim learn`` command works: the workspace folder (checked before anything is
made in it), its state, the edition its IDs are read in, and the exercise an ID names.

The edition is ``--edition`` when given, else the one the workspace was started with
(``state.edition``), else the reader's language's (zh reads d2l-zh). No torch.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from prelim_cli import chapter, learn
from prelim_cli.core.errors import PrelimError
from prelim_cli.learn import state as states
from prelim_cli.learn.exercise import Exercise
from prelim_cli.learn.files import ident


@dataclass
class Place:
    workspace: states.Workspace
    state: states.State  # as read when the command began (an update reads it again)
    edition: str  # the edition IDs are read and shown in
    lang: str
    where: str  # what follows a command shown to the learner: "" or " --dir DIR"

    @property
    def file_edition(self) -> str:
        """File names follow the workspace's edition (the one it was started with)."""
        return self.state.edition or self.edition

    @contextmanager
    def update(self) -> Iterator[states.State]:
        """The state under the workspace's lock (written when the block ends); a workspace
        still without an edition takes the one this command reads."""
        with self.workspace.update() as state:
            state.edition = state.edition or self.edition
            self.state = state
            yield state

    def file(self, exercise: Exercise) -> Path:
        return self.workspace.file(exercise.file_name(self.file_edition))

    def ident(self, exercise: Exercise) -> str:
        return ident(exercise, self.edition)

    def exercises(self) -> list[Exercise]:
        return learn.of(self.edition)

    def find(self, text: str) -> Exercise:
        """The exercise ``text`` names in this edition (or by slug), else an error that lists
        the IDs there are (and says --edition when the other edition has that number)."""
        found = learn.find(text.strip(), self.edition)
        if found is not None:
            return found
        other = next(e for e in chapter.EDITIONS if e != self.edition)
        if any(e.number(other) == text.strip() for e in learn.every()):
            raise PrelimError("learn.id.other_edition", id=text, edition=self.edition,
                              other=other)
        numbers = [ident(e, self.edition) for e in self.exercises()]
        near = [n for n in numbers if n.rpartition(".")[0] == text.strip().rpartition(".")[0]]
        raise PrelimError("learn.id.unknown", id=text, edition=self.edition,
                          ids=", ".join(near or numbers))


def open_place(option: str | None, edition: str | None, lang: str,
               writing: bool = False) -> Place:
    """The workspace ``--dir`` (or PRELIM_EXERCISES, or ./prelim-exercises) names, read; with
    ``writing``, also checked to be a folder prelim may make and write, before any work."""
    path = states.folder(option)
    _check_folder(path, writing)
    workspace = states.Workspace(path)
    state = workspace.read()
    chosen = edition or state.edition or chapter.edition_for(lang)
    where = f" --dir {shlex.quote(option)}" if option else ""
    return Place(workspace, state, chosen, lang, where)


def _check_folder(path: Path, writing: bool) -> None:
    """A file where the workspace should be is refused; to write, the folder (or the first
    part of the way that exists, when it is still to be made) must be writable."""
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise PrelimError("learn.dir.file", path=str(path), file=str(existing))
    if writing and not os.access(existing, os.W_OK | os.X_OK):
        raise PrelimError("learn.dir.unwritable", path=str(path), folder=str(existing))

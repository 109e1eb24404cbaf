"""What ``prelim learn check`` and ``watch`` work on: the workspace, the edition its IDs are
read in, the exercise an ID (or the current one) names, its file; a check recorded in the
state; and, for watch's ``n``, starting the next exercise.

No torch: a check runs the learner's file in a child Python (``runner``), and a reflect
exercise's file is only read (``reflect``). The same rules as the other subcommands' (the
edition: --edition, else the workspace's, else the reader's); when learn/place.py and
learn/lesson.py (list, start, hint, ...) are merged, ``workspace``/``chosen`` become their
``open_place``/``Place.find`` and ``start`` their ``lesson.start``, one of each.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from prelim_cli import chapter, learn
from prelim_cli.core.errors import PrelimError
from prelim_cli.learn.exercise import Exercise
from prelim_cli.learn.state import State, Workspace, folder


def workspace(option: str | None) -> Workspace:
    """--dir, else PRELIM_EXERCISES, else ./prelim-exercises."""
    return Workspace(folder(option))


def edition_of(state: State, asked: str | None, language: str) -> str:
    """--edition, else the edition the workspace was started with, else the reader's."""
    return asked or state.edition or chapter.edition_for(language)


def ident(exercise: Exercise, edition: str) -> str:
    """What the learner types for it: its number in the edition (its slug when the edition
    does not ask it)."""
    return exercise.number(edition) or exercise.slug


def chosen(text: str | None, state: State, edition: str, ws: Workspace) -> Exercise:
    """The exercise ``text`` names (a number in ``edition`` or a slug); None: the current."""
    if text is None:
        found = learn.by_slug(state.current) if state.current else None
        if found is None:
            raise PrelimError("learn.check.no_current", folder=str(ws.path))
        return found
    found = learn.find(text.strip(), edition)
    if found is None:
        raise PrelimError("learn.check.unknown", id=text, edition=f"d2l-{edition}",
                          count=len(learn.of(edition)))
    return found


def file_of(ws: Workspace, state: State, exercise: Exercise, edition: str) -> Path:
    """The learner's file of a started exercise; an error naming the command that starts it."""
    entry = state.entry(exercise.slug)
    number = ident(exercise, edition)
    if entry is None:
        raise PrelimError("learn.check.not_started", id=number, folder=str(ws.path))
    path = ws.file(entry["file"])
    if not path.is_file():
        raise PrelimError("learn.check.file_gone", id=number, path=str(path))
    return path


def following(exercise: Exercise, edition: str) -> Exercise | None:
    """The exercise after ``exercise`` in the edition's order (None after the last)."""
    asked = learn.of(edition)
    at = next((i for i, e in enumerate(asked) if e.slug == exercise.slug), None)
    return asked[at + 1] if at is not None and at + 1 < len(asked) else None


def start(ws: Workspace, exercise: Exercise, edition: str) -> Path:
    """Write the exercise's file (kept when it exists: it is the learner's work), record it
    as started and make it the current exercise. The file's path."""
    from prelim_cli.core.files import write_text

    with ws.update() as state:
        state.edition = state.edition or edition
        entry = state.entry(exercise.slug)
        name = entry["file"] if entry else exercise.file_name(state.edition)
        path = ws.file(name)
        if not path.exists():
            write_text(path, _header(exercise, state.edition) + exercise.stub)
        state.start(exercise.slug, name)
        state.current = exercise.slug
    return path


def _header(exercise: Exercise, edition: str) -> str:
    number = ident(exercise, edition)
    books = " · ".join(f"d2l-{e} {n}" for e, n in exercise.numbers.items())
    return (f"# prelim learn {number} ({exercise.kind}) · {books}\n"
            f"# {exercise.title('en')} / {exercise.title('zh')}\n"
            f"# prelim learn check {number} · prelim learn hint {number}\n\n")


def check(ws: Workspace, exercise: Exercise, path: Path, seed: int,
          run: Callable[[str, Path, int], dict] | None = None) -> dict:
    """Check the learner's file (``run``: ``runner.run_check`` unless a warm child's is
    given; a reflect exercise's file is read, never run) and record the attempt: the
    report."""
    from prelim_cli.learn import reflect, runner

    if exercise.kind == "reflect":
        report = reflect.read(exercise.slug, path)
    else:
        report = (run or runner.run_check)(exercise.slug, path, seed)
    with ws.update() as state:
        entry = state.entry(exercise.slug) or state.start(exercise.slug, path.name)
        entry["attempts"] += 1
        now = time.time()
        for status, field in (("passed", "passed"), ("answered", "answered")):
            if report["status"] == status and not entry[field]:
                entry[field] = now
                entry["seconds"] = round(now - entry["started"], 1)
        state.current = exercise.slug
    return report

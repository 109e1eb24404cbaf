"""What ``prelim learn check`` and ``watch`` work on: the exercise an ID (or the current one)
names in a workspace (learn/place.py), its file, a check recorded in the state, and the
exercise after it for watch's ``n``.

No torch: a check runs the learner's file in a child Python (``runner``), and a reflect
exercise's file is only read (``reflect``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from prelim_cli import learn
from prelim_cli.core.errors import PrelimError
from prelim_cli.learn.exercise import Exercise
from prelim_cli.learn.place import Place


def chosen(place: Place, text: str | None) -> Exercise:
    """The exercise ``text`` names (as ``Place.find`` reads it); None: the current one."""
    if text is not None:
        return place.find(text)
    found = learn.by_slug(place.state.current) if place.state.current else None
    if found is None:
        raise PrelimError("learn.check.no_current", folder=str(place.workspace.path))
    return found


def file_of(place: Place, exercise: Exercise) -> Path:
    """The learner's file of a started exercise; an error naming the command that starts it."""
    entry = place.state.entry(exercise.slug)
    number = place.ident(exercise)
    if entry is None:
        raise PrelimError("learn.check.not_started", id=number, folder=str(place.workspace.path))
    path = place.workspace.file(entry["file"])
    if not path.is_file():
        raise PrelimError("learn.check.file_gone", id=number, path=str(path))
    return path


def following(place: Place, exercise: Exercise) -> Exercise | None:
    """The exercise after ``exercise`` in the edition's order (None after the last)."""
    asked = place.exercises()
    at = next((i for i, e in enumerate(asked) if e.slug == exercise.slug), None)
    return asked[at + 1] if at is not None and at + 1 < len(asked) else None


def check(place: Place, exercise: Exercise, path: Path, seed: int,
          run: Callable[[str, Path, int], dict] | None = None) -> dict:
    """Check the learner's file (``run``: ``runner.run_check`` unless a warm child's is
    given; a reflect exercise's file is read, never run) and record the attempt: the
    report."""
    from prelim_cli.learn import reflect, runner

    if exercise.kind == "reflect":
        report = reflect.read(exercise.slug, path)
    else:
        report = (run or runner.run_check)(exercise.slug, path, seed)
    with place.update() as state:
        entry = state.entry(exercise.slug) or state.start(exercise.slug, path.name)
        entry["attempts"] += 1
        now = time.time()
        for status, field in (("passed", "passed"), ("answered", "answered")):
            if report["status"] == status and not entry[field]:
                entry[field] = now
                entry["seconds"] = round(now - entry["started"], 1)
        state.current = exercise.slug
    return report

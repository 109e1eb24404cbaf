"""The Demos of ``prelim learn``: the exercises listed, one started, a hint revealed, the
reference solution, a teacher's progress table, a reset. Each reads the workspace (and
changes its state under the lock) and returns data; the CLI renders it. No torch: these
commands never run the learner's code (``check`` does, in a child; see learn/runner.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from prelim_cli import chapter, learn
from prelim_cli.core.demo import Demo
from prelim_cli.core.errors import PrelimError, UsageError
from prelim_cli.core.files import check_target, text_writer, write_atomic
from prelim_cli.core.values import Printed, TableValue
from prelim_cli.i18n import Texts, words
from prelim_cli.learn.exercise import Exercise
from prelim_cli.learn.files import book_line, exercise_file
from prelim_cli.learn.place import Place

DONE = ("passed", "answered")  # the statuses that count as done
BAR = 20  # cells of the progress bar


def _said(place: Place, value: str) -> str:
    """A kind or a status in the reader's language."""
    return words(place.lang)[value]


def listing(place: Place) -> Demo:
    """The edition's exercises, one table per section, then the progress bar."""
    demo = Demo("learn list")
    texts, state, exercises = Texts(place.lang), place.state, place.exercises()
    for section in chapter.SECTIONS:
        mine = [e for e in exercises if e.section == section.name]
        if not mine:
            continue
        rows = [[place.ident(e), _said(place, e.kind), _said(place, state.status(e.slug)),
                 e.title(place.lang)] for e in mine]
        done = sum(state.status(e.slug) in DONE for e in mine)
        demo.add("learn.list", f"# prelim tour {section.name}",
                 TableValue(["id", "kind", "status", "title"], rows), number=section.number,
                 title=texts.step(section.page(place.edition).key, {})[0], done=done,
                 total=len(mine))
    done = _bar(demo, place, exercises)
    demo.headline(exercises=[_entry(place, e) for e in exercises], done=done,
                  total=len(exercises))
    return demo


def _entry(place: Place, exercise: Exercise) -> dict:
    return {"id": place.ident(exercise), "slug": exercise.slug, "section": exercise.section,
            "kind": exercise.kind, "status": place.state.status(exercise.slug),
            "title": exercise.title(place.lang), "numbers": dict(exercise.numbers)}


def _bar(demo: Demo, place: Place, exercises: list[Exercise]) -> int:
    """"7 of 26 done" and a bar; the step's code is the next exercise to start."""
    done = sum(place.state.status(e.slug) in DONE for e in exercises)
    filled = round(BAR * done / len(exercises)) if exercises else 0
    waiting = [e for e in exercises if place.state.status(e.slug) not in DONE]
    current = next((e for e in waiting if e.slug == place.state.current), None)
    following = current or next(iter(waiting), None)
    code = f"# prelim learn start {place.ident(following)}{place.where}" if following else \
        f"# prelim learn progress{place.where}"
    demo.add("learn.done", code,
             Printed("█" * filled + "▁" * (BAR - filled)), done=done, total=len(exercises))
    return done


def start(place: Place, exercise: Exercise, force: bool) -> Demo:
    """Write the exercise's file (never over the learner's own, unless ``force``, which
    keeps theirs as a .bak), record the start, make it the current exercise."""
    demo = Demo("learn start")
    number, backup = place.ident(exercise), None
    _statement(demo, place, exercise)
    with place.update() as state:
        path = place.file(exercise)
        kept = path.is_file() and not force
        if not kept:
            check_target(path, force=True, option="--dir")  # not a folder, a name it takes
            backup = _backup(path) if path.exists() else None
            write_atomic(path, text_writer(exercise_file(exercise, state.edition, place.lang,
                                                         place.where)))
            state.forget(exercise.slug)
        if state.entry(exercise.slug) is None:
            state.start(exercise.slug, path.name)
        state.current = exercise.slug
    code = f"# prelim learn check {number}{place.where}"
    if kept:
        demo.add("learn.kept", code, path=str(path), id=number, where=place.where)
    elif backup:
        demo.add("learn.restarted", code, path=str(path), backup=str(backup), id=number,
                 where=place.where)
    else:
        demo.add("learn.wrote", code, path=str(path), id=number, where=place.where)
    demo.headline(path=str(path), written=not kept)
    return demo


def _statement(demo: Demo, place: Place, exercise: Exercise) -> None:
    demo.add("learn.exercise", f"# {book_line(exercise)}", id=place.ident(exercise),
             kind=_said(place, exercise.kind), title=exercise.title(place.lang),
             statement=exercise.statement(place.lang))


def _backup(path: Path) -> Path:
    """Move the learner's file aside to the first free ``NAME.bak``, ``NAME.bak2``, ...
    (a rename: their work is never copied half-way)."""
    for n in range(1, 1000):
        backup = path.with_name(path.name + (".bak" if n == 1 else f".bak{n}"))
        if not backup.exists():
            os.replace(path, backup)
            return backup
    raise PrelimError("learn.reset.backups", path=str(path))


def hint(place: Place, exercise: Exercise) -> Demo:
    """Reveal one more hint (remembered in the state) and show every one revealed so far."""
    demo = Demo("learn hint")
    number, total = place.ident(exercise), len(exercise.hints)
    with place.update() as state:
        entry = state.start(exercise.slug, place.file(exercise).name)
        fresh = entry["hints"] < total
        entry["hints"] = shown = min(entry["hints"] + 1, total)
    for n, text in enumerate(exercise.hints[:shown], 1):
        demo.add("learn.hint", f"# prelim learn hint {number}{place.where}", n=n, total=total,
                 hint=text(place.lang))
    if not fresh:
        demo.add("learn.no_hints", f"# prelim learn solution {number} --give-up{place.where}",
                 id=number, total=total, where=place.where)
    demo.headline(hints=[text(place.lang) for text in exercise.hints[:shown]],
                  left=total - shown)
    return demo


def solution(place: Place, exercise: Exercise, give_up: bool, write: bool,
             force: bool) -> Demo:
    """The reference solution as a whole exercise file (which passes the check): after a
    pass (or a reflect answer marked done), or with ``give_up``, which is recorded."""
    demo = Demo("learn solution")
    number = place.ident(exercise)
    status = place.state.status(exercise.slug)
    if status not in DONE and not give_up:
        raise PrelimError("learn.solution.locked", id=number, where=place.where)
    path = place.file(exercise)
    if write:  # refused before the giving up is recorded
        place.workspace.path.mkdir(parents=True, exist_ok=True)
        check_target(path, force or _untouched(place, exercise, path), option="--write")
    if status not in DONE:
        with place.update() as state:
            state.start(exercise.slug, place.file(exercise).name)["gave_up"] = True
    text = exercise_file(exercise, place.file_edition, place.lang, place.where, solved=True)
    demo.add("learn.solution", exercise.solution, id=number, answer=exercise.answer(place.lang))
    if write:
        write_atomic(path, text_writer(text))
        demo.add("learn.solution_written", f"# prelim learn check {number}{place.where}",
                 path=str(path), id=number, where=place.where)
    else:
        demo.text = text  # alone on stdout: `> ex_2_3_6.py` gives a passing file
    demo.headline(solution=text, answer=exercise.answer(place.lang),
                  given_up=place.state.status(exercise.slug) == "given-up")
    return demo


def _untouched(place: Place, exercise: Exercise, path: Path) -> bool:
    """The file is still the stub `start` wrote (in either language): no work of the
    learner's would be lost by replacing it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(text == exercise_file(exercise, place.file_edition, lang, place.where)
               for lang in ("en", "zh"))


def progress(place: Place) -> Demo:
    """For a teacher: each exercise's status, attempts, hints used and the time from its
    start to its pass."""
    demo = Demo("learn progress")
    state, exercises = place.state, place.exercises()
    entries = []
    for exercise in exercises:
        entry = state.entry(exercise.slug) or {}
        entries.append({"id": place.ident(exercise), "slug": exercise.slug,
                        "status": state.status(exercise.slug),
                        "attempts": entry.get("attempts", 0), "hints": entry.get("hints", 0),
                        "seconds": _seconds(entry), "gave_up": bool(entry.get("gave_up"))})
    rows = [[e["id"], _said(place, e["status"]), e["attempts"], e["hints"],
             _duration(e["seconds"])] for e in entries]
    done = sum(state.status(e.slug) in DONE for e in exercises)
    demo.add("learn.progress", f"# prelim learn list{place.where}",
             TableValue(["id", "status", "attempts", "hints", "time"], rows),
             path=str(place.workspace.path), done=done, total=len(exercises))
    demo.headline(done=done, total=len(exercises), exercises=entries)
    return demo


def _seconds(entry: dict) -> float | None:
    """From the start to the pass: the state's own count, else the two times apart."""
    if entry.get("seconds") is not None:
        return round(float(entry["seconds"]), 1)
    passed, started = entry.get("passed"), entry.get("started")
    if isinstance(passed, (int, float)) and not isinstance(passed, bool) and started:
        return round(passed - started, 1)
    return None


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    minutes, rest = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{rest:02}" if hours else f"{minutes}:{rest:02}"


def reset(place: Place, exercises: list[Exercise]) -> Demo:
    """Forget the progress of ``exercises`` and move each one's file aside as a .bak."""
    demo = Demo("learn reset")
    done, backups = [], []
    with place.update() as state:
        for exercise in exercises:
            number, path = place.ident(exercise), place.file(exercise)
            had = state.entry(exercise.slug) is not None
            backup = _backup(path) if path.is_file() else None
            state.forget(exercise.slug)
            if backup:
                backups.append(str(backup))
                demo.add("learn.reset", f"# prelim learn start {number}{place.where}",
                         id=number, backup=str(backup), where=place.where)
            elif had:
                demo.add("learn.reset_state", f"# prelim learn start {number}{place.where}",
                         id=number, where=place.where)
            if backup or had:
                done.append(number)
    if not done:
        demo.add("learn.reset_nothing", f"# prelim learn list{place.where}",
                 path=str(place.workspace.path))
    demo.headline(reset=done, backups=backups)
    return demo


def touched(place: Place) -> list[Exercise]:
    """``reset --all``: every exercise with progress or a file in the workspace."""
    return [e for e in learn.every()
            if place.state.entry(e.slug) is not None or place.file(e).is_file()]


def refuse_both(ident: str | None, every: bool) -> None:
    if ident is None and not every:
        raise UsageError("learn.reset.what")
    if ident is not None and every:
        raise UsageError("learn.reset.both", id=ident)

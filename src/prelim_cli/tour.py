"""The tour as data, and its pauses: which steps of which sections to play, and, on a
terminal, the key pressed after each one.

On a terminal the tour waits after each step (Enter: next, s: skip to the next
section, q: quit); with --no-pause, or when stdin or stdout is not a terminal,
it runs straight through, so scripts and CI never hang on it. What is shown is
``render``'s business: the tour is rendered like any demo.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from prelim_cli.core.demo import Demo, PrelimError, Step
from prelim_cli.core.env import Output
from prelim_cli.i18n import Texts


@dataclass
class TourSection:
    number: str
    name: str
    key: str
    stops: list[tuple[int, Demo, Step]]  # (step number in the section, its demo, the step)
    total: int  # steps in the whole section, shown or not


@dataclass
class Tour:
    sections: list[TourSection]  # what is shown, from the start point on
    played: Sequence[tuple]  # (chapter section, its demos built): what --export keeps
    interactive: bool = True  # may pause after each step (not with --no-pause)

    def demos(self) -> Sequence[tuple]:
        return self.played


def listed(tour: Tour, lang: str) -> Demo:
    """``prelim tour --list``: one step per section, its steps as a table (the number
    ``--from`` takes, the step's title, the command that plays it), so every format lists
    the same; titles in the reader's language."""
    from prelim_cli.core.values import TableValue

    texts = Texts(lang)
    demo = Demo("tour --list")
    for section in tour.sections:
        rows = [[n, texts.step(step.key, step.params)[0], f"prelim {shown.command}"]
                for n, shown, step in section.stops]
        demo.add("tour.list", f"# prelim tour --from {section.name}:1",
                 TableValue(["step", "title", "command"], rows), number=section.number,
                 name=section.name, steps=len(rows), title=texts.step(section.key, {})[0])
    return demo


def parse_start(text: str | None, names: Sequence[str]) -> tuple[str, int] | None:
    """``linalg:7`` -> ("linalg", 7); ``linalg`` -> ("linalg", 1)."""
    if not text:
        return None
    name, _, number = text.partition(":")
    if name not in names:
        raise PrelimError("tour.parse_start", text=text, name=name, names=', '.join(names))
    if number and (not number.isdecimal() or int(number) < 1):
        raise PrelimError("tour.parse_start_2", text=text, name=name)
    return name, int(number or 1)


def plan(played: Sequence[tuple], start: tuple[str, int] | None = None) -> Tour:
    """The tour of ``played`` (chapter sections with their demos built), from ``start`` on."""
    sections, started = [], start is None
    for section, demos in played:
        numbered = [(demo, step) for demo in demos for step in demo.steps]
        first = 1
        if not started:
            if section.name != start[0]:
                continue
            started, first = True, start[1]
            if first > len(numbered):
                raise PrelimError("tour.plan", name=section.name, first=first,
                                  number=section.number, len_numbered=len(numbered))
        stops = [(n, demo, step) for n, (demo, step) in enumerate(numbered, 1) if n >= first]
        sections.append(TourSection(section.number, section.name, section.key, stops,
                                    len(numbered)))
    return Tour(sections, played)


def read_key() -> str:
    """One key press, without waiting for Enter. An escape sequence (an arrow key, or the
    PageDown a presentation clicker sends) comes back whole, as one key."""
    import os
    import select
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)  # not the default TCSAFLUSH: keep keys typed ahead
        key = os.read(fd, 1)
        while key.startswith(b"\x1b") and select.select([fd], [], [], 0.05)[0]:
            key += os.read(fd, 16)
        return key.decode(errors="replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


QUIT = {"", "q", "Q", "\x1b", "\x04"}  # q, Esc alone, Ctrl-D (or end of input)
SKIP = {"s", "S"}  # any other key (Enter, space, arrows, PageDown) goes on


def pauser(texts: Texts, out: Output, key: Callable[[], str] = read_key):
    """The pause after each step: a progress line, one key, the line erased."""

    def write(text: str) -> None:
        out.stdout.write(text)
        out.stdout.flush()

    def pause(section: TourSection, number: int) -> str:
        progress, hint = texts.step("tour.progress", {"number": section.number, "step": number,
                                                      "total": section.total})
        write(f"{progress} — {hint}")
        try:
            pressed = key()
        except KeyboardInterrupt:
            write("\n")  # leave the shell prompt on a line of its own
            raise
        write("\r\x1b[2K")  # erase the progress line
        return "quit" if pressed in QUIT else "skip" if pressed in SKIP else "next"

    return pause

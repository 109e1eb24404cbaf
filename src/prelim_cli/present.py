"""The tour at a projector (``prelim tour --present``): one step per screen, centred, with a
status line, and keys to go back and forth.

The screen is what the table (or repr) renderer writes, through the one ``render``: it
renders each step into a buffer, and the presenter's pause takes it from there - clears
the terminal, centres the step, draws the status line, reads keys - and tells ``render``
which step to show next. Only a key listed in ``?`` does something. ``q`` leaves the
terminal as it was and prints the command that opens the presentation at the same step.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Callable
from contextlib import contextmanager

from rich.cells import cell_len

from prelim_cli.core.env import Output
from prelim_cli.i18n import Texts, default_lang
from prelim_cli.tour import Tour, TourSection, read_key

NEXT = {"\r", "\n", " ", "\x1b[C", "\x1bOC", "\x1b[6~"}  # Enter, Space, →, a clicker's PageDown
BACK = {"\x7f", "\x08", "\x1b[D", "\x1bOD", "\x1b[5~"}  # Backspace, ←, PageUp
QUIT = {"q", "Q", "", "\x04"}  # q, Ctrl-D or the end of input
ALTERNATE, NORMAL = "\x1b[?1049h\x1b[?25l", "\x1b[?25h\x1b[?1049l"  # own screen, no cursor
_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_PADDING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")  # trailing spaces, before colour codes


def visible_width(line: str) -> int:
    """The columns ``line`` fills on the terminal, without colour codes or trailing spaces."""
    return cell_len(_ESCAPES.sub("", line).rstrip())


class Presenter:
    """The pause ``render`` calls after each step: it shows the step that was rendered into
    ``screen_out`` and returns where to go (a position in ``tour.stops()``) or "quit"."""

    def __init__(self, tour: Tour, texts: Texts, out: Output,
                 key: Callable[[], str] = read_key,
                 size: Callable[[], tuple[int, int]] = shutil.get_terminal_size) -> None:
        self.tour, self.texts, self.out, self.key, self.size = tour, texts, out, key, size
        self.stops = tour.stops()
        self.position = {(id(s), n): i for i, (s, n, _, _) in enumerate(self.stops)}
        self.buffer = io.StringIO()
        columns = size()[0]
        self.screen_out = Output(self.buffer, out.stderr, is_tty=True, color=out.color,
                                 width=max(20, min(columns - 4, 100)), unicode=out.unicode)
        self.quit_at: tuple[TourSection, int] | None = None

    def pause(self, section: TourSection, number: int) -> int | str:
        at = self.position[(id(section), number)]
        step = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        title = self.texts.step(section.key, {})[0]
        label = self.texts.step(self.stops[at][3].key, self.stops[at][3].params)[0]
        status = self.texts.step("tour.status", {"number": section.number, "title": title,
                                                 "step": number, "total": section.total,
                                                 "label": label})
        self.draw(step, status)
        try:
            while True:
                pressed = self.key()
                if pressed in NEXT:
                    return at + 1
                if pressed in BACK and at > 0:
                    return at - 1
                if pressed in ("n", "p"):
                    target = self.section_start(at, 1 if pressed == "n" else -1)
                    if target is not None:
                        return target
                elif pressed == "g":
                    target = self.ask(section)
                    if target is not None:
                        return target
                    self.draw(step, status)
                elif pressed == "?":
                    title, keys = self.texts.step("tour.keys", {})
                    self.draw("\n".join([title, "", *keys.split(" · ")]), status)
                    self.key()
                    self.draw(step, status)
                elif pressed in QUIT:
                    self.quit_at = (section, number)
                    return "quit"
        except KeyboardInterrupt:
            self.quit_at = (section, number)
            raise

    def section_start(self, at: int, direction: int) -> int | None:
        """The first step of the next (1) or the previous (-1) section, if there is one."""
        sections = self.tour.sections
        wanted = sections.index(self.stops[at][0]) + direction
        if not 0 <= wanted < len(sections):
            return None
        return self.position[(id(sections[wanted]), sections[wanted].stops[0][0])]

    def ask(self, section: TourSection) -> int | None:
        """``g``: the number typed, then Enter; Esc (or a step the section lacks) stays."""
        typed = ""
        while True:
            params = {"number": section.number, "total": section.total, "typed": typed}
            self.status(self.texts.step("tour.goto", params))
            pressed = self.key()
            if pressed.isdecimal() and len(typed) < 4:
                typed += pressed
            elif pressed in ("\x7f", "\x08"):  # Backspace
                typed = typed[:-1]
            elif pressed in ("\r", "\n") and typed:
                found = self.position.get((id(section), int(typed)))
                if found is not None:
                    return found
                self.status(self.texts.step("tour.no_step", params))
                self.key()
                return None
            elif pressed in ("\x1b", "") or pressed in QUIT:
                return None

    def draw(self, text: str, status: tuple[str, str]) -> None:
        """Clear the screen, write ``text`` centred, and the status line at the bottom."""
        columns, rows = self.size()
        # rich pads some lines to its width: without those spaces, a centred line still fits
        lines = [_PADDING.sub(r"\1", line) for line in text.strip("\n").split("\n")]
        if len(lines) > rows - 1:  # a terminal too short for this step: its top part
            lines = lines[:max(rows - 2, 0)] + ["⋮"]
        left = " " * max(0, (columns - max(map(visible_width, lines))) // 2)
        top = max(0, (rows - 1 - len(lines)) // 2)
        self.write("\x1b[H\x1b[2J" + "\n" * top + "\n".join(left + line for line in lines))
        self.status(status)

    def status(self, status: tuple[str, str]) -> None:
        columns, rows = self.size()
        left, right = status
        room = columns - cell_len(right) - 2
        if cell_len(left) > room:
            while left and cell_len(left + "…") > room:
                left = left[:-1]
            left += "…"
        line = f" {left}{' ' * max(1, room - cell_len(left))}{right} "
        shown = f"\x1b[7m{line}\x1b[0m" if self.out.color else line
        self.write(f"\x1b[{rows};1H\x1b[2K{shown}")

    def write(self, text: str) -> None:
        self.out.stdout.write(text)
        self.out.stdout.flush()

    def resume(self) -> str:
        """The line that gives the command opening the presentation where it was left."""
        section, number = self.quit_at
        words = ["prelim", "tour", *([self.tour.only] if self.tour.only else []), "--present",
                 "--from", f"{section.name}:{number}"]
        if self.texts.lang != default_lang():
            words += ["--lang", self.texts.lang]
        return self.texts.step("tour.resume", {"command": " ".join(words)})[0]


@contextmanager
def keys_as_pressed():
    """The terminal hands each key over as it is pressed for the whole presentation, so a
    key pressed while a screen is drawn (Backspace above all) is not line-edited away."""
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd, termios.TCSANOW)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def present(tour: Tour, fmt: str, lang: str, show_code: bool, out: Output) -> None:
    """Play ``tour`` one step per screen on the terminal ``out``, in format ``fmt``."""
    from prelim_cli.render import render

    presenter = Presenter(tour, Texts(lang), out)
    presenter.write(ALTERNATE)
    try:
        with keys_as_pressed():
            render(tour, fmt, lang, show_code, presenter.screen_out, pause=presenter.pause,
                   large=True)
    finally:
        presenter.write(NORMAL)
        if presenter.quit_at:
            presenter.write(presenter.resume() + "\n")
    if not presenter.quit_at:  # the tour's closing lines, as the scrolling tour ends
        presenter.write(presenter.buffer.getvalue().lstrip("\n"))

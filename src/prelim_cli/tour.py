"""Play the chapter section by section: the same demos, the same renderers.

On a terminal the tour waits after each step (Enter: next, s: skip to the next
section, q: quit); with --no-pause, or when stdin or stdout is not a terminal,
it runs straight through, so scripts and CI never hang on it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence

from prelim_cli.core.demo import Demo, PrelimError
from prelim_cli.i18n import Texts, plural
from prelim_cli.render import Output
from prelim_cli.render.json import demo_document

Played = Sequence[tuple["Section", Sequence[Demo]]]  # noqa: F821  (topics.chapter.Section)


def parse_start(text: str | None, names: Sequence[str]) -> tuple[str, int] | None:
    """``linalg:7`` -> ("linalg", 7); ``linalg`` -> ("linalg", 1)."""
    if not text:
        return None
    name, _, number = text.partition(":")
    if name not in names:
        raise PrelimError(f"--from {text}: unknown section {name!r}; sections are "
                          f"{', '.join(names)}")
    if number and (not number.isdecimal() or int(number) < 1):
        raise PrelimError(f"--from {text}: the step must be a number from 1, like {name}:7")
    return name, int(number or 1)


def skip_to(played: Played, start: tuple[str, int] | None) -> list[tuple]:
    """Each section with its numbered steps, from the start point on."""
    out, started = [], start is None
    for section, demos in played:
        numbered = [(demo, step) for demo in demos for step in demo.steps]
        first = 1
        if not started:
            if section.name != start[0]:
                continue
            started, first = True, start[1]
            if first > len(numbered):
                raise PrelimError(f"--from {section.name}:{first}: §{section.number} has "
                                  f"{plural(len(numbered), '# step|# steps')}")
        out.append((section, [(n, demo, step) for n, (demo, step) in enumerate(numbered, 1)
                              if n >= first], len(numbered)))
    return out


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


def play(played: Played, fmt: str, texts: Texts, show_code: bool, out: Output,
         start: tuple[str, int] | None = None, pause: bool = False,
         key: Callable[[], str] = read_key) -> None:
    plan = skip_to(played, start)
    if fmt == "json":
        document = {"command": "tour", "lang": texts.lang, "sections": [
            {"name": section.name, "number": section.number,
             "title": texts.step(section.key, {})[0],
             "steps": [{"demo": demo.command, "number": n,
                        **_one_step(demo, step, texts, show_code)} for n, demo, step in steps]}
            for section, steps, _ in plan]}
        out.stdout.write(json.dumps(document, ensure_ascii=False, allow_nan=False) + "\n")
        return
    if fmt == "repr":
        _play_repr(plan, texts, show_code, out, pause, key)
    else:
        _play_table(plan, texts, show_code, out, pause, key)


def _one_step(demo: Demo, step, texts: Texts, show_code: bool) -> dict:
    alone = Demo(demo.command, [step])
    return demo_document(alone, texts, show_code)["steps"][0]


def _walk(plan, texts: Texts, pause: bool, key, write: Callable[[str], None],
          show_section: Callable, show_step: Callable) -> bool:
    """Show each section and step; on a terminal, wait for a key after each step.
    False when the user quit."""
    for section, steps, total in plan:
        show_section(section)
        for n, demo, step in steps:
            show_step(n, demo, step)
            if not pause:
                continue
            progress, hint = texts.step("tour.progress", {"number": section.number, "step": n,
                                                          "total": total})
            write(f"{progress} — {hint}")
            try:
                pressed = key()
            except KeyboardInterrupt:
                write("\n")  # leave the shell prompt on a line of its own
                raise
            write("\r\x1b[2K")  # erase the progress line
            if pressed in QUIT:
                return False
            if pressed in SKIP:
                break
    return True


def _play_table(plan, texts: Texts, show_code: bool, out: Output, pause: bool, key) -> None:
    from rich.rule import Rule
    from rich.text import Text

    from prelim_cli.render.table import Prose, make_console, print_step

    console = make_console(out)
    shown: list[Demo] = []

    def show_section(section) -> None:
        title, intro = texts.step(section.key, {})
        console.print()
        console.print(Rule(Text(f"§{section.number} {title}", style="bold")))
        console.print(Prose(intro, style="italic"))

    def show_step(n: int, demo: Demo, step) -> None:
        if not shown or shown[-1] is not demo:
            console.print()
            console.print(Text(f"prelim {demo.command}", style="bold"))
            shown.append(demo)
        print_step(console, texts, n, step, show_code)

    if _walk(plan, texts, pause, key, _writer(out), show_section, show_step):
        title, hint = texts.step("tour.end", {})
        console.print()
        console.print(Rule(Text(title, style="bold")))
        console.print(Prose(hint, style="italic"))


def _play_repr(plan, texts: Texts, show_code: bool, out: Output, pause: bool, key) -> None:
    from prelim_cli.render.repr import session_block

    def show_section(section) -> None:
        out.stdout.write(f"# §{section.number} {texts.step(section.key, {})[0]}\n\n")

    def show_step(n: int, demo: Demo, step) -> None:
        block = session_block(step, show_code)
        if block:
            out.stdout.write(block + "\n\n")

    _walk(plan, texts, pause, key, _writer(out), show_section, show_step)


def _writer(out: Output) -> Callable[[str], None]:
    def write(text: str) -> None:
        out.stdout.write(text)
        out.stdout.flush()

    return write

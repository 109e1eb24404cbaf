"""prelim tour --present on a real pseudo-terminal: one step per screen, the keys that move
(forward, back, by section, to a step), a key that does nothing, and the line q leaves."""

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

from conftest import SRC, prelim

STATUS = re.compile(r"§(\d\.\d) (\w[\w ]*?) · step (\d+)/(\d+)")


class Terminal:
    """``prelim ARGS`` on a pseudo-terminal of 100 columns by 40 rows."""

    def __init__(self, *args: str) -> None:
        self.primary, secondary = pty.openpty()
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
        env = {**os.environ, "PYTHONPATH": str(SRC), "TERM": "xterm", "NO_COLOR": "1",
               "LANG": "C.UTF-8"}
        env.pop("COLUMNS", None), env.pop("LINES", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "prelim_cli", *args],
                                     stdin=secondary, stdout=secondary,
                                     stderr=subprocess.PIPE, env=env)
        os.close(secondary)
        self.seen = ""

    def read_until(self, pattern: str, timeout: float = 60) -> str:
        """Read until ``pattern`` shows in the output read since the last call; that output."""
        start, deadline = len(self.seen), time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.seen[start:]):
                return self.seen[start:]
            if select.select([self.primary], [], [], 0.2)[0]:
                try:
                    chunk = os.read(self.primary, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.seen += chunk.decode(errors="replace")
        raise AssertionError(f"no {pattern!r} on the screen; it shows {self.seen[-800:]!r}")

    def press(self, keys: bytes, then: str) -> str:
        os.write(self.primary, keys)
        return self.read_until(then)

    def close(self) -> int:
        try:
            code = self.proc.wait(timeout=30)
        finally:
            os.close(self.primary)
        return code


def status(screen: str) -> tuple[str, int]:
    """The section and step the last status line on ``screen`` names."""
    number, _, step, _ = STATUS.findall(screen)[-1]
    return number, int(step)


def test_forward_back_to_a_step_and_out_with_the_resume_line():
    term = Terminal("tour", "calculus", "--present", "--from", "calculus:2", "--lang", "en")
    screen = term.read_until(STATUS.pattern)
    assert status(screen) == ("2.4", 2)
    assert "\x1b[?1049h" in screen and "\x1b[2J" in screen  # its own screen, cleared
    assert "Calculus · step 2/" in screen
    assert status(term.press(b"\x1b[C", STATUS.pattern)) == ("2.4", 3)  # →
    assert status(term.press(b" ", STATUS.pattern)) == ("2.4", 4)  # Space
    assert status(term.press(b"\r", STATUS.pattern)) == ("2.4", 5)  # Enter
    assert status(term.press(b"\x7f", STATUS.pattern)) == ("2.4", 4)  # Backspace
    # x does nothing: the next ← goes back from step 4, not from a step 5 x would have shown
    assert status(term.press(b"x\x1b[D", STATUS.pattern)) == ("2.4", 3)
    term.press(b"g", r"Go to step \(1-\d+\) of §2.4")
    assert status(term.press(b"7\r", STATUS.pattern)) == ("2.4", 7)
    screen = term.press(b"g1\r", STATUS.pattern)
    assert status(screen) == ("2.4", 1)
    assert "─ §2.4 Calculus ─" in screen  # the section's first screen carries its heading
    term.press(b"?", "n / p: next / previous section")
    assert status(term.press(b"k", STATUS.pattern)) == ("2.4", 1)  # back to the step
    out = term.press(b"q", r"Resume here.*\n")
    assert term.close() == 0
    assert "\x1b[?1049l" in out  # the terminal is given back
    assert "Resume here: prelim tour calculus --present --from calculus:1" in term.seen


def test_n_and_p_go_to_the_next_and_previous_section():
    import io

    from prelim_cli import chapter
    from prelim_cli.core.env import Output
    from prelim_cli.i18n import Texts
    from prelim_cli.present import Presenter
    from prelim_cli.render import render
    from prelim_cli.tour import plan

    tour = plan([*chapter.sections("calculus"), *chapter.sections("probability")],
                ("calculus", 3), keep=True)
    screen = io.StringIO()
    keys = iter(["n", "n", "p", "p", "\x1b[D", "q"])  # n, n (the last section), p, p (the first)
    presenter = Presenter(tour, Texts("en"), Output(screen, is_tty=True, stdin_tty=True),
                          key=lambda: next(keys), size=lambda: (100, 40))
    render(tour, "table", "en", True, presenter.screen_out, pause=presenter.pause)
    assert [status(s) for s in screen.getvalue().split("\x1b[2J")[1:]] == [
        ("2.4", 3), ("2.6", 1), ("2.4", 1)]  # the second n and p did nothing; ← stays at 1
    assert presenter.resume() == "Resume here: prelim tour --present --from calculus:1"


def test_present_needs_a_terminal_and_people():
    result = prelim("tour", "calculus", "--present")
    assert result.exit_code == 1 and "--present needs a terminal" in result.stderr
    result = prelim("tour", "calculus", "--present", "--list")
    assert result.exit_code == 2 and "choose one" in result.stderr


def test_each_screen_is_centred_and_fits_the_terminal():
    """In-process, on a pretend terminal of 110 by 40: every line of the screen fits, the
    step sits in the middle, its grid cells are wider than the scrolling tour's."""
    import io

    from prelim_cli import chapter
    from prelim_cli.core.env import Output
    from prelim_cli.i18n import Texts
    from prelim_cli.present import Presenter, visible_width
    from prelim_cli.render import render
    from prelim_cli.tour import plan

    tour = plan(chapter.sections("linalg"), ("linalg", 12), keep=True)
    screen = io.StringIO()
    keys = iter(["q"])
    presenter = Presenter(tour, Texts("en"), Output(screen, is_tty=True, stdin_tty=True),
                          key=lambda: next(keys), size=lambda: (110, 40))
    render(tour, "table", "en", True, presenter.screen_out, pause=presenter.pause, large=True)
    drawn = screen.getvalue().split("\x1b[2J")[-1]
    body, _, status_line = drawn.partition("\x1b[40;1H")
    lines = [line for line in body.split("\n") if line.strip()]
    assert lines[0].strip() == "§2.3.4 Tensors"  # the subsection the step opens
    assert lines[1].strip() == "prelim linalg tensor"
    assert all(visible_width(line) <= 110 for line in lines)
    left = min(len(line) - len(line.lstrip()) for line in lines)
    right = 110 - max(visible_width(line) for line in lines)
    assert abs(left - right) <= 1
    assert "│  0  │  1  │   2  │   3  │" in body  # two spaces each side of a cell
    assert len(body.split("\n")) < 40 and "step 12/" in status_line
    assert presenter.resume() == "Resume here: prelim tour --present --from linalg:12"

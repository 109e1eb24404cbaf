"""prelim shell: the CLI's commands at a prompt, from one warm process.

The independent answer for every line is the same command run on its own: the batch mode
must print what the separate commands print, and exit as they exit."""

import os
import re
import select
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
import typer

from conftest import SRC, prelim
from prelim_cli.cli import app
from prelim_cli.cli.complete import candidates
from test_readme import examples

ANSI = re.compile(rb"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78])")
TREE = typer.main.get_command(app)
# README examples a batch can replay: no pipes, no files, nothing random without a seed, no
# change to a learn workspace (a second run would find it changed)
REPLAYABLE = [command for command, _ in examples()
              if not any(mark in command for mark in ("|", ">", "<", "--export", ".csv", "--svg",
                                                      "--graph", "--out", "shell", "--plot",
                                                      "learn start", "learn hint", "--give-up",
                                                      "learn reset"))
              and ("randn" not in command or "--seed" in command)]


def write_big_csv(path: Path, rows: int = 4_000_000) -> None:
    """A CSV that takes prelim seconds to read (the same 100,000 rows, repeated)."""
    block = "".join(f"{i % 7},{i % 5},{i}\n" for i in range(100_000))
    path.write_text("a,b,y\n" + block * (rows // 100_000))


def shell(lines: list[str], *options: str, env: dict | None = None):
    return prelim("shell", *options, input="".join(f"{line}\n" for line in lines), env=env)


def test_batch_prints_what_the_separate_commands_print():
    assert len(REPLAYABLE) >= 10
    lines = [command.removeprefix("prelim ") for command in REPLAYABLE]
    alone = [prelim(*shlex.split(line)) for line in lines]
    together = shell(lines, "--keep-going")
    assert together.stdout == "".join(result.stdout for result in alone)
    assert together.stderr == "".join(result.stderr for result in alone)
    assert together.exit_code == next((r.exit_code for r in alone if r.exit_code), 0)


def test_the_first_failure_stops_the_batch_and_is_its_status():
    result = shell(["tensor arange 2", "tensor reshape 5 3", "tensor arange 9"])
    assert result.exit_code == 1
    assert "cannot reshape 12 elements into (5, 3)" in result.stderr
    assert "tensor([0, 1])" not in result.stdout or "8" not in result.stdout
    assert result.stdout == prelim("tensor", "arange", "2").stdout


def test_keep_going_runs_every_line_and_keeps_the_first_status():
    result = shell(["tensor reshape 5 3", "tensor zeros 2 --dtype nope", "tensor arange 9"],
                   "--keep-going")
    assert result.exit_code == 1  # the reshape's, not the usage error's 2
    assert result.stderr.count("Error:") == 2
    assert result.stdout.endswith(prelim("tensor", "arange", "9").stdout)


def test_a_lesson_file_is_a_batch(tmp_path):
    lesson = tmp_path / "lesson.txt"
    lesson.write_text("# §2.1\ntensor arange 3\nlinalg dot\n", encoding="utf-8")
    result = prelim("shell", str(lesson))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == prelim("tensor", "arange", "3").stdout + prelim("linalg", "dot").stdout


def test_comments_blank_lines_a_leading_prelim_and_exit():
    result = shell(["# a lesson", "", "prelim tensor arange 3  # the book's", "exit",
                    "tensor arange 9"])
    assert result.exit_code == 0
    assert result.stdout == prelim("tensor", "arange", "3").stdout


def test_settings_apply_to_the_lines_after_them_and_options_override_them():
    result = shell(["set lang zh", "set format repr", "set code off", "tensor arange 3",
                    "tensor arange 3 --format json --lang en", "set format default",
                    "linalg dot"])
    assert result.exit_code == 0, result.stderr
    repr_ = prelim("tensor", "arange", "3", "--format", "repr", "--no-code", "--lang", "zh")
    json_ = prelim("tensor", "arange", "3", "--format", "json", "--no-code", "--lang", "en")
    table = prelim("linalg", "dot", "--lang", "zh", "--no-code")
    assert result.stdout == repr_.stdout + json_.stdout + table.stdout


def test_set_lists_and_refuses_what_it_cannot_set():
    result = shell(["set lang zh", "set", "set colour red", "set lang fr"], "--keep-going")
    assert "lang = zh" in result.stdout and "format = default" in result.stdout
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 2 and "colour" in errors[0] and "fr" in errors[1]


@pytest.mark.parametrize("line, message", [
    ('tensor new "[1, 2', "close the quote"),
    ("shell", "already in prelim shell"),
    ("nosuch", "No such command 'nosuch'"),
])
def test_a_bad_line_is_the_cli_s_error_and_the_shell_goes_on(line, message):
    result = shell([line, "tensor arange 2"], "--keep-going")
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout.endswith(prelim("tensor", "arange", "2").stdout)


def test_a_seed_in_one_line_does_not_fix_the_random_state_of_the_next():
    torch.manual_seed(1234)
    before = torch.random.get_rng_state()
    assert shell(["tensor randn 3 --seed 0", "probability sample --seed 5"]).exit_code == 0
    assert torch.equal(torch.random.get_rng_state(), before)


def test_the_environment_is_put_back_after_each_line():
    saved = dict(os.environ)
    assert shell(["set lang zh", "set format json", "tensor arange 2"]).exit_code == 0
    assert dict(os.environ) == saved


@pytest.mark.parametrize("words, partial, expected", [
    ([], "te", ["tensor"]),
    ([], "se", ["server", "set"]),
    (["tensor"], "resh", ["reshape"]),
    (["tensor", "reshape"], "--fo", ["--force", "--format"]),
    (["tensor", "reshape", "3", "--format"], "", ["table", "repr", "json"]),
    (["tensor", "reshape", "--lang"], "z", ["zh"]),
    (["tensor", "zeros", "--dtype"], "float", ["float32", "float64"]),
])
def test_completion_reads_the_command_tree(words, partial, expected):
    assert candidates(TREE, words, partial) == expected


def test_completion_offers_every_command_of_the_cli():
    top = candidates(TREE, [], "")
    assert set(TREE.list_commands(None)) <= set(top)


def test_help_does_not_load_the_shell_or_the_line_editor():
    code = ("import sys; from prelim_cli.cli import main; sys.argv = ['prelim', 'shell', "
            "'--help']\ntry: main()\nexcept SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('prompt_toolkit', 'torch') or m.endswith('cli.session')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(SRC)}, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def _controlling_terminal() -> None:
    """In the child: the pseudo-terminal becomes its terminal, so Ctrl-C is a SIGINT."""
    import fcntl
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """prelim shell on a pseudo-terminal: type, then read until some text appears."""

    def __init__(self, tmp_path: Path) -> None:
        import pty

        self.primary, secondary = pty.openpty()
        env = {**os.environ, "PYTHONPATH": str(SRC), "TERM": "xterm", "NO_COLOR": "1",
               "XDG_STATE_HOME": str(tmp_path / "state"), "LANG": "C.UTF-8",
               "PROMPT_TOOLKIT_NO_CPR": "1"}
        env.pop("PRELIM_LANG", None)
        command = [sys.executable, "-X", "faulthandler", "-m", "prelim_cli", "shell"]
        self.proc = subprocess.Popen(command,
                                     stdin=secondary, stdout=secondary, stderr=secondary,
                                     env=env, cwd=tmp_path, preexec_fn=_controlling_terminal)
        os.close(secondary)
        self.seen, self.mark = b"", 0

    def type(self, keys: bytes) -> None:
        os.write(self.primary, keys)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        """Wait until ``text`` is on the screen (control sequences aside) after what the
        last wait found."""
        deadline = time.monotonic() + timeout
        while (found := ANSI.sub(b"", self.seen).find(text.encode(), self.mark)) < 0:
            assert time.monotonic() < deadline, f"no {text!r} in {self.seen[-800:]!r}"
            ready, _, _ = select.select([self.primary], [], [], 0.1)
            if ready:
                try:
                    self.seen += os.read(self.primary, 65536)
                except OSError:
                    break
        self.mark = found + len(text)

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.primary)


def test_a_session_on_a_terminal(tmp_path):
    write_big_csv(tmp_path / "big.csv")
    term = Terminal(tmp_path)
    try:
        term.wait_for("type a command without the leading prelim")  # i18n: shell.banner
        term.wait_for("prelim>")
        term.type(b"tensor arange 3\r")
        term.wait_for("numel")
        term.wait_for("prelim>")
        term.type(b"tens\t")  # Tab completes the command's name
        term.wait_for("tensor")
        term.type(b"resh\t")
        term.wait_for("reshape")
        term.type(b" 2 3\r")
        term.wait_for("(2, 3)")
        term.wait_for("prelim>")
        term.type(b"preprocess big.csv --stream --out X.npy\r")  # long enough to interrupt
        term.wait_for("Pass 1: big.csv")  # its progress bar: the demo is running
        term.type(b"\x03")  # Ctrl-C cancels the demo, not the shell
        term.wait_for("prelim>")
        cancelled = ANSI.sub(b"", term.seen).split(b"--out X.npy")[-1]
        assert b"prelim preprocess" not in cancelled and b"Error" not in cancelled
        assert not (tmp_path / "X.npy").exists()
        term.type(b"\x1b[A\x1b[A\x1b[A")  # Up three times: the first line typed
        term.wait_for("tensor arange 3")
        term.type(b"\x15tensor zeros 2\r")  # Ctrl-U clears it; a new line
        term.wait_for("zeros")
        term.wait_for("prelim>")
        term.type(b"\x04")  # Ctrl-D leaves
        assert term.close() == 0, term.seen[-3000:].decode(errors="replace")
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    history = (tmp_path / "state" / "prelim" / "history").read_text()
    assert "tensor arange 3" in history and "tensor zeros 2" in history
    assert b"Traceback" not in term.seen

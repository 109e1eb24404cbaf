"""The shell's engine: one line in, the CLI's own output and exit status out.

A line is split as a POSIX shell splits it (``shlex``) and handed to the same Typer/click
command tree ``prelim`` runs, so there is one parser and one set of messages. What a line
may change in the process is put back after it: the environment the session's settings
live in, and the random generators (a ``--seed`` in one line never fixes the next one's
"fresh" numbers).

    set                 show the settings
    set lang zh         PRELIM_LANG for the lines that follow (en, zh)
    set format repr     PRELIM_FORMAT (table, repr, json)
    set code off        PRELIM_NO_CODE (on, off)
    set lang default    back to what prelim would choose
    help, exit, quit    what they say; Ctrl-D leaves too
"""

from __future__ import annotations

import os
import random
import shlex
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from prelim_cli.cli import process
from prelim_cli.core.errors import PrelimError, UsageError
from prelim_cli.render import FORMATS

# setting -> (environment variable, the values it takes, how a value becomes the variable's)
SETTINGS = {
    "lang": ("PRELIM_LANG", ("en", "zh"), str),
    "format": ("PRELIM_FORMAT", tuple(FORMATS), str),
    "code": ("PRELIM_NO_CODE", ("on", "off"), lambda value: "1" if value == "off" else "0"),
}
LEAVE = ("exit", "quit")
HEAVY = ("torch", "pandas", "matplotlib", "prelim_cli.render.svg")


class Session:
    """The settings of one shell, and the running of its lines."""

    def __init__(self, command) -> None:
        self.command = command  # the click command tree (typer.main.get_command(app))
        self.settings: dict[str, str] = {}
        self.warming: threading.Thread | None = None  # the background imports, if any

    def prompt(self) -> str:
        shown = ",".join(f"{name}={value}" for name, value in self.settings.items())
        return f"prelim[{shown}]> " if shown else "prelim> "

    def run(self, line: str) -> int | None:
        """Run one line; its exit status, or None when the line asks to leave."""
        try:
            words = shlex.split(line, comments=True)
        except ValueError as err:  # an unclosed quote
            return process.outcome(_raiser(UsageError(
                "session.unclosed_quote", line=line.strip(), err=err)))
        if words[:1] == ["prelim"]:  # pasted from the README or a script
            words = words[1:]
        if not words:
            return 0
        if words[0] in LEAVE:
            return None
        if words[0] == "set":
            return process.outcome(lambda: self._set(words[1:]))
        if words[0] == "help":
            words = [*words[1:], "--help"]
        if words[0] == "shell":
            return process.outcome(_raiser(UsageError("session.nested_shell")))
        try:
            return process.outcome(lambda: self._command(words),
                                   debug=bool(os.environ.get("PRELIM_DEBUG")))
        finally:
            process.rearm()  # a Ctrl-C ended that command, not the shell

    def _command(self, words: list[str]) -> None:
        if self.warming is not None:  # a half-imported torch must not be touched
            self.warming.join()
            self.warming = None
        with self._isolated():
            self.command.main(args=words, prog_name="prelim", standalone_mode=True)

    def _set(self, words: list[str]) -> None:
        if not words:
            for name, (_, values, _) in SETTINGS.items():
                print(f"{name} = {self.settings.get(name, 'default')}  ({' | '.join(values)})")
            return
        if len(words) != 2 or words[0] not in SETTINGS:
            raise UsageError("session.set_usage", words=" ".join(words), names=", ".join(SETTINGS))
        name, value = words
        values = SETTINGS[name][1]
        if value == "default":
            self.settings.pop(name, None)
        elif value in values:
            self.settings[name] = value
        else:
            raise UsageError("session.set_value", name=name, value=value, values=", ".join(values))

    @contextmanager
    def _isolated(self) -> Iterator[None]:
        """The session's settings in the environment, and the random generators as they
        were, for the length of one command."""
        saved_env = dict(os.environ)
        for name, value in self.settings.items():
            variable, _, spell = SETTINGS[name]
            os.environ[variable] = spell(value)
        torch = sys.modules.get("torch")
        python_state = random.getstate()
        torch_state = torch.random.get_rng_state() if torch else None
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved_env)
            random.setstate(python_state)
            if torch_state is not None:
                torch.random.set_rng_state(torch_state)


def _raiser(error: Exception):
    def command() -> None:
        raise error
    return command


def warm_up() -> threading.Thread:
    """Import torch, pandas and matplotlib in the background while the user types."""
    import importlib

    def load() -> None:
        for name in HEAVY:
            try:
                importlib.import_module(name)
            except Exception:  # the command that needs it will say what is wrong
                return

    thread = threading.Thread(target=load, name="prelim-warm-up", daemon=True)
    thread.start()
    return thread


def batch(session: Session, lines: Iterable[str], keep_going: bool) -> int:
    """Lines from a file or a pipe: each runs as the command would; the status is the first
    non-zero one (the last one with ``keep_going``), or 0."""
    status = 0
    for line in lines:
        code = session.run(line)
        if code is None:
            break
        code = _status(code)
        if code in process.STOPPED:
            return code
        if code:
            status = status or code
            if not keep_going:
                break
    return status


def run_file(session: Session, path: Path, keep_going: bool) -> int:
    """A lesson file as a batch; a file that cannot be read is the one error it gives."""
    try:
        lines = _lines(path)
    except PrelimError as err:
        return _status(process.outcome(_raiser(err)))
    return batch(session, lines, keep_going)


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise PrelimError("session.no_file", path=str(path)) from None
    except IsADirectoryError:
        raise PrelimError("session.folder", path=str(path)) from None
    except UnicodeDecodeError:
        raise PrelimError("session.not_utf8", path=str(path)) from None
    except OSError as err:
        raise PrelimError("session.cannot_read", path=str(path),
                          reason=err.strerror or err) from None


def _status(code: int | str | None) -> int:
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def history_file() -> Path:
    """``$XDG_STATE_HOME/prelim/history``, else ``~/.local/state/prelim/history``."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "prelim" / "history"


def interactive(session: Session, banner: str) -> int:
    """The prompt: prompt_toolkit's line editor (history, Tab completion), or the
    standard library's input() where that library is missing."""
    print(banner)
    session.warming = warm_up()
    read = _prompt_toolkit_reader(session) or _plain_reader(session)
    code = _loop(session, read)
    if session.warming is not None and session.warming.is_alive():
        # Left before torch finished loading. An interpreter must not shut down in the
        # middle of an import, and waiting for it only delays the exit: the history is
        # saved line by line, so nothing is lost.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _loop(session: Session, read) -> int:
    while True:
        try:
            line = read()
        except KeyboardInterrupt:  # Ctrl-C at the prompt: a fresh line
            continue
        except EOFError:  # Ctrl-D
            print()
            return 0
        code = session.run(line)
        if code is None:
            return 0
        if _status(code) in process.STOPPED:
            return _status(code)


def _prompt_toolkit_reader(session: Session):
    try:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory, InMemoryHistory
    except ImportError:
        return None
    from prelim_cli.cli.complete import Completer

    path = history_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        history = FileHistory(str(path))
    except OSError:  # a read-only home: history for this session only
        history = InMemoryHistory()
    prompt = PromptSession(history=history, completer=Completer(session.command),
                           complete_while_typing=False)
    return lambda: prompt.prompt(session.prompt())


def _plain_reader(session: Session):
    try:
        import readline  # noqa: F401  (input() then edits the line and keeps history)
    except ImportError:
        pass
    return lambda: input(session.prompt())


"""The process around a command: its signals, its standard streams and its warnings.

What the operating system does to a run is the user's to fix, never "a bug in prelim":

    SIGINT, SIGTERM, raised as Stopped where the program is, so whatever is running
    SIGHUP           cleans up (write_atomic removes its temporary file); the exit
                     status is 128 + the signal (130, 143, 129). Ctrl-C is asked for,
                     so it prints nothing (a line break on a terminal, after the ^C it
                     echoes); not a KeyboardInterrupt, which typer or click may turn
                     into "Aborted!" and exit 1
    stdout, stderr   a write that fails (a full disk, ``> /dev/full``) is one
                     ``Error:`` line and exit 1; a closed stdout (``>&-``) is refused
                     before any work; a closed pipe stays quiet (typer exits 1)
    stdin, stderr    closed (``<&-``, ``2>&-``): their descriptors are held by
                     /dev/null, so no file prelim opens lands on them
    encodings        a stream that cannot show a character writes it as an escape
                     (``\\u4e2d``) instead of failing half-way
    warnings         library warnings (numpy's RuntimeWarning on an overflow) are
                     noise: a value that overflows is shown, and explained, in its step
"""

from __future__ import annotations

import os
import signal
import sys
import warnings
from collections.abc import Callable
from typing import TextIO

from prelim_cli.core.errors import Message, PrelimError

STOP_SIGNALS = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM", signal.SIGHUP: "SIGHUP"}
# the statuses that end a session too (prelim shell goes on after a Ctrl-C: 130)
STOPPED = {128 + signum for signum in STOP_SIGNALS if signum != signal.SIGINT}


class Stopped(BaseException):
    """A stop signal arrived. A BaseException, like KeyboardInterrupt: only cleanup code
    (``finally``, ``except BaseException``) sees it on its way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class StreamError(PrelimError):
    """A standard stream refused a write: the user's redirection, not prelim's bug."""

    def __init__(self, key: str, stream: TextIO, **params) -> None:
        super().__init__(key, **params)
        self.stream = stream


class _Guarded:
    """A standard stream whose failures become StreamError; everything else (isatty,
    encoding, fileno) is the stream's own. A closed pipe stays BrokenPipeError, which
    typer ends quietly."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream, self._name = stream, name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise self._failed(err) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as err:
            raise self._failed(err) from None

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    def _failed(self, err: OSError) -> StreamError:
        key = "process.cannot_write_stdout" if self._name == "stdout" else \
            "process.cannot_write_stderr"
        return StreamError(key, self._stream, reason=err.strerror or err)


def _silence(stream: TextIO) -> None:
    """Point the stream's descriptor at /dev/null, so the interpreter's last flush works."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


_IGNORED: list[int] = []  # the handlers a stop signal turned off, for rearm()


def _stop(signum: int, frame) -> None:
    for other in STOP_SIGNALS:  # a second signal must not interrupt the cleanup
        if signal.getsignal(other) is _stop:
            signal.signal(other, signal.SIG_IGN)
            _IGNORED.append(other)
    raise Stopped(signum)


def rearm() -> None:
    """The stop handlers back after a signal was dealt with, for a process that goes on
    (prelim shell after a Ctrl-C); a signal ignored from the start (nohup) stays ignored."""
    while _IGNORED:
        signal.signal(_IGNORED.pop(), _stop)


def _catch_signals() -> dict:
    """Install the stop handlers; what was there before, to put back."""
    before = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum, handler in before.items():
        if handler is not signal.SIG_IGN:  # nohup keeps SIGHUP ignored, `&` SIGINT
            signal.signal(signum, _stop)
    return before


def _hold_closed_descriptors() -> None:
    """A closed stdin or stderr (``<&-``, ``2>&-``): /dev/null takes its descriptor."""
    for fd, name in ((0, "stdin"), (2, "stderr")):
        if getattr(sys, name) is None:
            try:
                os.fstat(fd)
            except OSError:
                held = os.open(os.devnull, os.O_RDWR)
                if held != fd:
                    os.dup2(held, fd)
                    os.close(held)


def _guard_streams() -> None:
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            continue
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")  # a character it cannot take
        setattr(sys, name, _Guarded(stream, name))


def _lang() -> str:
    """The reader's language: --lang as typed (--lang zh, --lang=zh), else the environment's
    (an error can come before the command has read its options)."""
    from prelim_cli.i18n import LANGS, default_lang

    words = sys.argv[1:]
    for word, after in zip(words, [*words[1:], ""]):
        if word == "--":
            break
        value = after if word == "--lang" else word.removeprefix("--lang=")
        if word.startswith("--lang") and value in LANGS:
            return value
    return default_lang()


def _say(key: str, **params) -> None:
    """``Error: ...`` on stderr, in the reader's language."""
    try:
        if sys.stderr is not None:
            lang = _lang()
            sys.stderr.write(Message("error.line", message=Message(key, **params)).text(lang)
                             + "\n")
            sys.stderr.flush()
    except (OSError, PrelimError):  # stderr itself is gone: the exit status tells
        pass


def _interrupted() -> None:
    """Ctrl-C: nothing to say, but the shell's prompt starts on a line of its own."""
    try:
        if sys.stderr is not None and sys.stderr.isatty():
            sys.stderr.write("\n")
            sys.stderr.flush()
    except (OSError, ValueError, PrelimError):
        pass


def run(command: Callable[[], object]) -> None:
    """Run the CLI: the exit status is the command's, 1 for a stream failure, 128 + the
    signal for SIGTERM and SIGHUP, and 1 with "internal error" only for a bug in prelim.
    What it changes in the process (handlers, streams, filters) is put back after."""
    saved = (sys.stdout, sys.stderr, sys.unraisablehook)
    handlers = _catch_signals()
    try:
        with warnings.catch_warnings():
            code = _run(command, debug=bool(os.environ.get("PRELIM_DEBUG")))
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        sys.stdout, sys.stderr, sys.unraisablehook = saved
    sys.exit(code)


def _run(command: Callable[[], object], debug: bool) -> int | str | None:
    _hold_closed_descriptors()
    if not debug:
        warnings.simplefilter("ignore")
        sys.unraisablehook = lambda unraisable: None  # "Exception ignored in ...": noise
    if sys.stdout is None:
        _say("process.stdout_closed")
        return 1
    _guard_streams()
    return outcome(command, debug)


def outcome(command: Callable[[], object], debug: bool = False) -> int | str | None:
    """Run ``command`` and turn what ends it into an exit status, saying what the user
    must know on stderr: the one place a run's exceptions meet the user (the shell runs
    each of its lines through it too)."""
    try:
        try:
            command()
        finally:
            sys.stdout.flush()
    except SystemExit as exit:
        return exit.code
    except KeyboardInterrupt:  # raised, not signalled (or SIGINT's handler was not ours)
        _interrupted()
        return 130
    except Stopped as stop:
        if stop.signum == signal.SIGINT:
            _interrupted()
        else:
            _say("process.stopped", signal=STOP_SIGNALS[stop.signum])
        return 128 + stop.signum
    except BrokenPipeError:  # the reader went away (prelim ... | head): nothing to say
        _silence(sys.stdout)
        return 1
    except StreamError as err:
        _silence(err.stream)  # what is still buffered must not fail again at exit
        _say("error.as_is", message=err.message)
        return 1
    except PrelimError as err:
        _say("error.as_is", message=err.message)
        return err.exit_code
    except Exception as err:  # a bug in prelim, not a user mistake
        if debug:
            raise
        _say("error.as_is", message=bug_message(err))
        return 1
    return 0


def bug_message(err: Exception) -> Message:
    """"internal error ...": a bug in prelim, not the user's; ``.text(lang)`` writes it."""
    return Message("process.internal_error", type=type(err).__name__, error=err)

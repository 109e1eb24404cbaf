"""The child side of a check: run the learner's file, then its exercise's checker, and write
the report (plain JSON) for the parent to render.

This module runs in a child Python started by ``learn/runner.py``, never in prelim's own
process. ``main`` loads torch, says so on the report channel, waits for its request, sets
the limits (memory, CPU time, file size, processes), then runs the learner's file as a
module and the checker, with their prints captured, input() answered, an alarm for their
time. Everything their code does ends in one report, with their line where there is one:

``status`` passed | failed (``cases``) | missing (``missing``: name, what) | error
(``error``, by ``kind``): syntax (line, code, message) · encoding (line, message) · file
(reason missing|directory|special|size|unreadable, limit) · raised (type, message, line, code) ·
exit (status, line, code) · memory (limit, gb, asked, type, message, line, code) · output
(cap, line, code) · input (type, message, line, code) · timeout (seconds, line, code; then
``status`` is timeout too, and ``seconds`` the limit).

``check_file`` is the same without the limits and signals, for tests that check many
reference solutions in one process.
"""

from __future__ import annotations

import builtins
import io
import json
import linecache
import os
import re
import signal
import sys
import time
import types
from collections.abc import Callable
from contextlib import contextmanager

OUTPUT_CAP = 1 << 20  # characters (bytes at the fd level) printed before the check stops it
OUTPUT_KEPT = 2000  # characters of that output the report keeps
SOURCE_CAP = 1 << 20  # bytes of a learner's file read; an exercise file is a few hundred
PROCESSES = 64  # processes the learner's code may fork (RLIMIT_NPROC: added to the user's count)
READY = b"R"  # on the report channel: torch is loaded, the learner's clock may start


class Stop(BaseException):
    """Raised into the learner's code to end the check (a BaseException, so their
    ``except Exception`` does not swallow it)."""


class PrintStorm(Stop):
    """They printed more than OUTPUT_CAP (here, or at the fd level: the parent signals)."""


class TimeUp(Stop):
    """Their code ran longer than the check allows."""


class NoInput(Stop):
    """They called input(): the check runs without a terminal, nobody can answer."""


class _Capped(io.TextIOBase):
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.size < OUTPUT_KEPT:
            self.parts.append(text[:OUTPUT_KEPT])
        self.size += len(text)
        if self.size > OUTPUT_CAP:
            raise PrintStorm
        return len(text)

    def text(self) -> str:
        return "".join(self.parts)[:OUTPUT_KEPT]


def _no_input(prompt: object = "") -> str:
    raise NoInput


def check_file(slug: str, path: str, seed: int = 0, *, seconds: float | None = None,
               memory: int | None = None,
               stuck: Callable[[dict], None] | None = None) -> dict:
    """Run the learner's file at ``path`` and the checker of exercise ``slug``: the report.
    ``seconds``: the learner's time, kept by SIGALRM (main thread only); ``memory``: the
    limit set, named in a memory report; ``stuck(report)``: called when their code swallowed
    the timeout (it must not return: ``main`` writes the report and ends the process)."""
    from prelim_cli import learn
    from prelim_cli.learn.trial import Missing, Trial

    started = time.monotonic()
    report: dict = {"exercise": slug, "seed": seed, "cases": [], "output": ""}
    out = _Capped()
    trial = Trial({}, path, seed)
    with _guarded(out, path, seconds, report, stuck):
        try:
            source = _source(path)
            code = compile(source, path, "exec")
            module = types.ModuleType("exercise")
            module.__file__ = path
            sys.modules["exercise"] = module  # dataclasses and pickle look their module up
            exec(code, module.__dict__)  # the learner's file, in this child only
            trial.namespace = module.__dict__
            learn.checker(learn.by_slug(slug))(trial)
        except _Unreadable as err:
            report.update(status="error", error=err.error)
        except Missing as missing:
            report.update(status="missing", missing={"name": missing.name,
                                                     "what": missing.what})
        except BaseException as err:  # noqa: BLE001 - whatever their code raised ends here
            report.update(_ended(err, path, seconds, memory))
        else:
            passed = all(case["passed"] for case in trial.cases) and trial.cases
            report["status"] = "passed" if passed else "failed"
            _memory_case(report, trial.cases, memory)
    report["cases"] = trial.cases
    report["output"] = out.text()
    if report["status"] != "timeout":  # a timeout's seconds are the limit it met
        report["seconds"] = round(time.monotonic() - started, 3)
    return report


@contextmanager
def _guarded(out: _Capped, path: str, seconds: float | None, report: dict,
             stuck: Callable[[dict], None] | None):
    """While the learner's code runs: their prints captured, input() answered with NoInput,
    and (with ``seconds``) the alarm and the parent's print-storm signal raised into it."""
    saved = sys.stdout, sys.stderr, builtins.input
    sys.stdout = sys.stderr = out
    builtins.input = _no_input
    fired = []

    def alarm(signum, frame):
        fired.append(signum)
        if len(fired) == 1:
            signal.setitimer(signal.ITIMER_REAL, 0.2)  # again, in case they swallow this one
            raise TimeUp
        line, code = _learner_line(frame, path)  # they swallowed it: report from here
        report.update(status="timeout", cases=[], output=out.text(), seconds=seconds,
                      error={"kind": "timeout", "seconds": seconds, "line": line,
                             "code": code})
        if stuck:
            stuck(report)
        raise TimeUp

    def storm(signum, frame):
        raise PrintStorm

    if seconds is not None:
        previous = signal.signal(signal.SIGALRM, alarm), signal.signal(signal.SIGUSR1, storm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if seconds is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous[0])
            signal.signal(signal.SIGUSR1, previous[1])
        sys.stdout, sys.stderr, builtins.input = saved


class _Unreadable(Exception):
    def __init__(self, error: dict) -> None:
        super().__init__(error["kind"])
        self.error = error


def _source(path: str) -> str:
    """The learner's file as text; _Unreadable when it is not a small UTF-8 text file."""
    try:
        if os.path.isdir(path):
            raise _Unreadable({"kind": "file", "reason": "directory"})
        if os.path.exists(path) and not os.path.isfile(path):  # a pipe would block open()
            raise _Unreadable({"kind": "file", "reason": "special"})
        with open(path, "rb") as file:
            data = file.read(SOURCE_CAP + 1)
    except FileNotFoundError:
        raise _Unreadable({"kind": "file", "reason": "missing"}) from None
    except OSError as err:
        raise _Unreadable({"kind": "file", "reason": "unreadable",
                           "message": err.strerror or str(err)}) from None
    if len(data) > SOURCE_CAP:
        raise _Unreadable({"kind": "file", "reason": "size", "limit": SOURCE_CAP})
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _Unreadable({"kind": "encoding", "line": data.count(b"\n", 0, err.start) + 1,
                           "message": str(err)}) from None
    if "\0" in source:  # compile() refuses it in these words, naming no line
        line = source.count("\n", 0, source.index("\0")) + 1
        raise _Unreadable({"kind": "syntax", "line": line, "code": "",
                           "message": "source code string cannot contain null bytes"})
    return source


def _ended(err: BaseException, path: str, seconds: float | None,
           memory: int | None) -> dict:
    """The report's status and error for what ended the learner's code."""
    from prelim_cli.learn.trial import raised, where

    line, code = where(err, path)
    at = {"line": line, "code": code}
    if isinstance(err, SyntaxError) and err.filename == path:  # their file does not parse
        return {"status": "error", "error": {"kind": "syntax", **at, "message": err.msg}}
    if isinstance(err, TimeUp):
        return {"status": "timeout", "seconds": seconds,
                "error": {"kind": "timeout", "seconds": seconds, **at}}
    if isinstance(err, PrintStorm):
        return {"status": "error", "error": {"kind": "output", "cap": OUTPUT_CAP, **at}}
    if isinstance(err, NoInput):  # what Python itself says at input() without a terminal
        return {"status": "error", "error": {"kind": "input", "type": "EOFError",
                                             "message": "EOF when reading a line", **at}}
    error = raised(err, path)
    if error["kind"] == "raised" and _out_of_memory(error["type"], error["message"]):
        return {"status": "error", "error": _memory(error, memory)}
    return {"status": "error", "error": error}


def _out_of_memory(kind: str, message: str) -> bool:
    return kind == "MemoryError" or kind == "RuntimeError" and (
        "can't allocate memory" in message or "bad_alloc" in message)


def _memory(error: dict, memory: int | None) -> dict:
    asked = re.search(r"allocate (\d+) bytes", error["message"])
    return {"kind": "memory", "limit": memory,
            "gb": None if memory is None else round(memory / (1 << 30), 1),
            "asked": int(asked.group(1)) if asked else None, "type": error["type"],
            "message": error["message"], "line": error["line"], "code": error["code"]}


def _memory_case(report: dict, cases: list[dict], memory: int | None) -> None:
    """A case that ran out of memory ends the check as a memory report (the next cases
    would only run out again)."""
    for case in cases:
        found = case.get("difference") or {}
        if found.get("kind") == "raised" and _out_of_memory(found["type"], found["message"]):
            report.update(status="error", error=_memory(found, memory))
            return


def _learner_line(frame, path: str) -> tuple[int | None, str]:
    """The line of the learner's file that ``frame`` (or a caller) is running."""
    while frame is not None and frame.f_code.co_filename != path:
        frame = frame.f_back
    if frame is None:
        return None, ""
    return frame.f_lineno, linecache.getline(path, frame.f_lineno).strip()


def limit(memory: int, seconds: float) -> None:
    """Caps for the learner's code: address space, CPU time (a backstop: the alarm and the
    parent's wall clock come first), size of any file it writes (a write past it fails at
    their line instead of killing the child), processes, no core dumps."""
    import resource

    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(used.ru_utime + used.ru_stime + seconds) + 5
    tasks = _tasks()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    for which, value in ((resource.RLIMIT_AS, memory),
                         (resource.RLIMIT_CPU, cpu),
                         (resource.RLIMIT_FSIZE, 64 << 20),
                         (resource.RLIMIT_NPROC, None if tasks is None else tasks + PROCESSES),
                         (resource.RLIMIT_CORE, 0)):
        if value is None:
            continue
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):  # a system that does not lower this one (macOS: AS)
            pass
    _bound_forks(PROCESSES)


def _bound_forks(most: int) -> None:
    """Linux does not hold root to RLIMIT_NPROC (learners' containers often run as root), so
    os.fork() counts too: past ``most`` copies it fails as the limit makes it fail for
    anyone else (BlockingIOError, at the learner's line), and a fork bomb stops at once. The
    count is the length of a file every copy appends a byte to: appends do not lose one
    another, as a shared counter's updates could."""
    import errno
    import fcntl
    import tempfile

    made = tempfile.TemporaryFile(buffering=0)  # unlinked: only its descriptor remains
    fcntl.fcntl(made, fcntl.F_SETFL, fcntl.fcntl(made, fcntl.F_GETFL) | os.O_APPEND)
    fork = os.fork

    def counted() -> int:
        made.write(b".")
        if os.fstat(made.fileno()).st_size > most:
            raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))
        return fork()

    os.fork = counted


def _tasks() -> int | None:
    """Processes and threads this user runs now (what RLIMIT_NPROC counts; Linux does not
    apply it to root); None without /proc to count them in."""
    if not os.path.isdir("/proc/self/task"):
        return None
    uid, count = os.getuid(), 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.stat(f"/proc/{name}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{name}/task"))
            except OSError:
                pass  # the process ended meanwhile
    return count


def main() -> None:
    """``python -c BOOT REPORT_FD PRELOAD``: load torch (PRELOAD 1), write READY on
    REPORT_FD, then read ``{"exercise", "file", "seed", "memory", "seconds"}`` from stdin and
    write the report there as one JSON document. The process ends with ``os._exit``: threads
    the learner started do not keep it alive."""
    channel, preload = int(sys.argv[1]), sys.argv[2] == "1"
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)  # a storm signal outside their code
    if preload:
        import torch  # loaded before the learner's code, as their import expects

        repr(torch.zeros(2, 2))  # the first print of a tensor sets up its formatter: off the clock
    from prelim_cli import learn
    from prelim_cli.learn import trial  # noqa: F401 - the checkers' API, off the clock too

    learn.every()
    os.write(channel, READY)
    line = sys.stdin.readline()
    if not line:  # the parent closed a warm child it no longer needs
        os._exit(0)
    request = json.loads(line)
    owner = os.getpid()
    sys.path.insert(1, os.path.dirname(request["file"]))  # their own modules, beside it

    def finish(report: dict) -> None:
        if os.getpid() == owner:  # not a copy their os.fork() made
            data = json.dumps(report, ensure_ascii=False).encode()
            while data:
                data = data[os.write(channel, data):]
        os.close(channel)  # the end of the report now, not after the process is torn down
        os._exit(0)

    limit(request["memory"], request["seconds"])
    finish(check_file(request["exercise"], request["file"], request["seed"],
                      seconds=request["seconds"], memory=request["memory"], stuck=finish))

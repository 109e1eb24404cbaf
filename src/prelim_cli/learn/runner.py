"""The parent side of a check: run the learner's file in a child Python, as a test runner
would, never in prelim's own process. No torch on this side.

The child (``learn/harness.py``) gets its own empty working folder (also its TMPDIR,
removed afterwards), limits on memory, CPU time, file size and processes, and the same
interpreter, environment and prelim package as this process (not ``-I``: a torch installed
with ``pip install --user`` must load there as it does here). It writes one byte on a pipe
of its own once torch is loaded, then the JSON report. What the learner's code prints at
the fd level (``os.write(1, ...)``, a subprocess) comes on another pipe: this side keeps its
start and counts the rest; past the cap it signals the child, which raises a print storm
at the learner's line. This side keeps the wall clock from the ready byte on, a backstop to
the child's own alarm, and kills the child's process group (whatever it spawned) when the
check is over. The report is the harness's (its docstring lists the fields), or one of:

``status`` timeout (``error`` kind timeout, line None: the backstop had to kill) · error
(kind output, line None: a storm their code swallowed) · crashed (``returncode``,
``stderr``, ``error`` kind ended, or start when it died loading: ``status`` the exit
status, ``signal`` the signal's name: ``os._exit(3)``, ``os.kill(os.getpid(), 9)``).

``Warm`` keeps a child with torch already imported waiting for the next request, for
``prelim learn watch``.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from prelim_cli.learn.harness import OUTPUT_CAP, OUTPUT_KEPT, READY

SECONDS = 10  # "your code ran for more than 10 s"
MEMORY = 3 << 30  # bytes of address space; torch's import takes about 0.6 GB of it
GRACE = 2.0  # seconds past the learner's time before the backstop kills the child
BOOT = 60.0  # seconds a child may take to load torch on a busy machine
_BOOT = ("import sys; sys.path[:0] = {path!r}; "
         "from prelim_cli.learn.harness import main; main()")


def run_check(slug: str, file: Path, seed: int = 0, *, seconds: float = SECONDS,
              memory: int = MEMORY, preload: bool = True) -> dict:
    """The report of checking ``file`` against exercise ``slug`` in a fresh child.
    ``preload=False``: a child without torch (fast, for files that do not need it)."""
    child = _Child(preload)
    try:
        return child.check(_request(slug, file, seed, seconds, memory))
    finally:
        child.close(wait=False)


class Warm:
    """``run_check`` with a child already started (torch imported) and waiting: after each
    check the next child starts in the background, while the learner edits. A child that
    died meanwhile, or that loaded prelim's learn code before it changed, is replaced by a
    fresh one. ``close()`` (or ``with Warm() as warm:``) ends the waiting child."""

    def __init__(self, *, seconds: float = SECONDS, memory: int = MEMORY,
                 preload: bool = True) -> None:
        self.seconds, self.memory, self.preload = seconds, memory, preload
        self._next: _Child | None = _Child(preload)

    def run_check(self, slug: str, file: Path, seed: int = 0) -> dict:
        request = _request(slug, file, seed, self.seconds, self.memory)
        child, self._next = self._next, None
        try:
            if child is not None and not child.stale():
                report = child.check(request)
                if report["status"] != "crashed" or report["error"]["kind"] != "start":
                    return report
                # it died waiting, before it took the request: a fresh one, as if cold
            if child is not None:
                child.close()
            child = _Child(self.preload)
            return child.check(request)
        finally:
            child.close(wait=False)
            self._next = _Child(self.preload)

    def ready(self, timeout: float = 0) -> bool:
        """Whether the waiting child has loaded torch, or died (waiting up to ``timeout``
        seconds): its ready byte, or the end of its channel, can be read."""
        import select

        return self._next is not None and bool(
            select.select([self._next.channel], [], [], timeout)[0])

    def close(self) -> None:
        if self._next is not None:
            self._next.close()
            self._next = None

    def __enter__(self) -> Warm:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _request(slug: str, file: Path, seed: int, seconds: float, memory: int) -> dict:
    return {"exercise": slug, "file": os.path.abspath(file), "seed": seed,
            "seconds": seconds, "memory": memory}


class _Child:
    """One child Python, started at once; ``check`` sends it its one request."""

    def __init__(self, preload: bool) -> None:
        self.stamp = _stamp()
        self.folder = tempfile.mkdtemp(prefix="prelim-learn-")
        self.channel, channel = os.pipe()
        self.output, output = os.pipe()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _BOOT.format(path=_path()), str(channel),
                 "1" if preload else "0"],
                stdin=subprocess.PIPE, stdout=output, stderr=output, cwd=self.folder,
                pass_fds=(channel,), start_new_session=True, env=_environment(self.folder))
        except BaseException:
            for fd in (self.channel, self.output):
                os.close(fd)
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        finally:
            os.close(channel)
            os.close(output)

    def stale(self) -> bool:
        return self.process.poll() is not None or _stamp() != self.stamp

    def check(self, request: dict) -> dict:
        """Send the request, keep the clock, read the report (or say why there is none)."""
        seconds = request["seconds"]
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.close()
        except BrokenPipeError:
            pass  # it has ended: the channel says how
        data, printed, ended = self._read(seconds)
        ready = data.startswith(READY)
        try:
            report = json.loads(data[1:]) if ready and ended in ("report", "exited") else None
        except ValueError:  # cut short: the child died writing it
            report = None
        # without a report, wait a moment for its true exit status; with one, no need to
        # wait while the child's memory is given back (a tenth of a second with torch)
        self._end(wait=report is None and ended in ("report", "exited"))
        base = {"exercise": request["exercise"], "seed": request["seed"], "cases": [],
                "output": printed.decode(errors="replace")[:OUTPUT_KEPT]}
        if report is not None:
            report["output"] = (report.get("output", "") + base["output"])[:OUTPUT_KEPT]
            return report
        if ended == "timeout":
            return {**base, "status": "timeout", "seconds": seconds,
                    "error": {"kind": "timeout", "seconds": seconds, "line": None,
                              "code": ""}}
        if ended == "storm":
            return {**base, "status": "error",
                    "error": {"kind": "output", "cap": OUTPUT_CAP, "line": None, "code": ""}}
        return {**base, **self._crashed(ready, ended)}

    def _read(self, seconds: float) -> tuple[bytes, bytes, str]:
        """The channel's bytes, the start of what the child printed, and how reading ended:
        "report" (the channel closed), "exited", "timeout", "storm" or "boot"."""
        data, printed, count = bytearray(), bytearray(), 0
        self._tail = bytearray()
        deadline, stormed = time.monotonic() + BOOT, None
        with selectors.DefaultSelector() as selector:
            selector.register(self.channel, selectors.EVENT_READ)
            selector.register(self.output, selectors.EVENT_READ)
            while True:
                now = time.monotonic()
                if now >= deadline:
                    return data, printed, "timeout" if data[:1] == READY else "boot"
                if stormed is not None and now > stormed + GRACE:
                    return data, printed, "storm"
                for key, _ in selector.select(min(deadline - now, 0.25)):
                    block = os.read(key.fd, 1 << 16)
                    if key.fd == self.channel:
                        if not block:
                            return data, printed, "report"
                        if not data and block[:1] == READY:  # the learner's clock starts
                            deadline = time.monotonic() + seconds + GRACE
                        data += block
                    elif not block:
                        selector.unregister(key.fd)
                    else:
                        printed += block[:max(0, OUTPUT_KEPT * 4 - len(printed))]
                        self._keep(block)
                        count += len(block)
                        if count > OUTPUT_CAP and stormed is None:
                            os.kill(self.process.pid, signal.SIGUSR1)
                            stormed = time.monotonic()
                if self.process.poll() is not None:  # exited; a fork may hold the channel
                    os.set_blocking(self.channel, False)
                    try:
                        while block := os.read(self.channel, 1 << 16):
                            data += block
                    except BlockingIOError:
                        pass
                    return data, printed, "exited"

    def _keep(self, block: bytes) -> None:
        self._tail = (self._tail + block)[-4096:]

    def _crashed(self, ready: bool, ended: str) -> dict:
        code = self.process.wait()  # killed already, if it had not ended
        error = {"kind": "ended" if ready else "start",
                 "status": code if code > 0 else None,
                 "signal": signal.Signals(-code).name if code < 0 else None}
        if ended == "boot":
            error.update(seconds=BOOT)
        return {"status": "crashed", "returncode": code, "error": error,
                "stderr": self._tail.decode(errors="replace")[-2000:]}

    def _end(self, wait: bool) -> None:
        """Kill whatever is left of the child's process group (``wait``: first give the
        child a moment to end on its own) and keep the rest of what it printed."""
        if wait:
            try:
                self.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
        _kill_group(self.process, reap=wait)
        os.set_blocking(self.output, False)
        try:
            for _ in range(64):  # its writers are gone, unless one left the group
                if not (block := os.read(self.output, 1 << 16)):
                    break
                self._keep(block)
        except BlockingIOError:
            pass

    def close(self, wait: bool = True) -> None:
        """End the child and its group, remove its folder; ``wait=False``: reap it in the
        background (a child that has reported is already ending)."""
        _kill_group(self.process, reap=wait)
        if self.process.stdin and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
        for fd in (self.channel, self.output):
            try:
                os.close(fd)
            except OSError:
                pass
        self.channel = self.output = -1
        shutil.rmtree(self.folder, ignore_errors=True)


def _kill_group(process: subprocess.Popen, reap: bool) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the child and all it spawned
    except (ProcessLookupError, PermissionError):
        pass
    if reap:
        process.wait()
    else:  # reaped in the background, once it has given its memory back
        threading.Thread(target=process.wait, daemon=True).start()


def _path() -> list[str]:
    """Put first on the child's import path: this process's prelim (the rest, the same
    interpreter and environment give it: the same torch)."""
    import prelim_cli

    return [str(Path(prelim_cli.__file__).resolve().parent.parent)]


def _stamp() -> float:
    """When prelim's learn code last changed (a warm child loaded the code of its start)."""
    here = Path(__file__).parent
    return max(p.stat().st_mtime for p in [*here.glob("*.py"), *here.glob("exercises/*.py")])


def _environment(folder: str) -> dict[str, str]:
    """The child's environment: the user's, with temporary files in its own folder, threads
    kept modest (torch would start one per core), and nobody at a screen: plt.show() opens
    no window, breakpoint() does not stop."""
    env = dict(os.environ, TMPDIR=folder, MPLBACKEND="Agg", PYTHONBREAKPOINT="0")
    env.setdefault("OMP_NUM_THREADS", "1")
    for name in ("PYTHONSTARTUP", "PYTHONINSPECT"):
        env.pop(name, None)
    return env

"""The parent side of a check: run the learner's file in a child Python, as a test runner
would, never in prelim's own process.

The child (``learn/harness.py``) gets its own empty working folder, limits on memory and
CPU time, and the same prelim package as this process; this side keeps the wall clock and
reads one JSON report back on a pipe of its own, so whatever the learner's code prints
cannot be taken for it. A child that runs too long is killed with its process group; one
that dies without a report (``os._exit``, a signal, the memory limit reached in C) is
reported as such. No torch on this side.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

SECONDS = 10  # "your code ran for more than 10 s"
MEMORY = 3 << 30  # bytes of address space: torch itself takes about 1 GB of it
_BOOT = ("import sys; sys.path.insert(0, {path!r}); "
         "from prelim_cli.learn.harness import main; main()")


def run_check(slug: str, file: Path, seed: int = 0, seconds: float = SECONDS,
              memory: int = MEMORY) -> dict:
    """The report of checking ``file`` against exercise ``slug``: the harness's, or one
    saying why there is none (``status`` "timeout" or "crashed")."""
    import prelim_cli

    package_parent = str(Path(prelim_cli.__file__).resolve().parent.parent)
    read_end, write_end = os.pipe()
    with tempfile.TemporaryDirectory(prefix="prelim-learn-") as folder:
        request = {"exercise": slug, "file": str(Path(file).resolve()), "seed": seed,
                   "memory": memory, "seconds": seconds, "report_fd": write_end}
        child = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT.format(path=package_parent)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            cwd=folder, pass_fds=(write_end,), start_new_session=True,
            env=_environment())
        os.close(write_end)
        try:
            child.stdin.write((json.dumps(request) + "\n").encode())
            child.stdin.close()
            data, stderr = _read(read_end, child, seconds)
        finally:
            os.close(read_end)
            _kill(child)
    if data is None:
        return {"exercise": slug, "seed": seed, "status": "timeout", "seconds": seconds,
                "cases": []}
    if not data:
        return {"exercise": slug, "seed": seed, "status": "crashed",
                "returncode": child.returncode, "stderr": stderr[-2000:], "cases": []}
    return json.loads(data)


def _environment() -> dict[str, str]:
    """The child's environment: the user's, with threads kept modest (two cores shared)."""
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    env.pop("PYTHONSTARTUP", None)
    return env


def _read(fd: int, child: subprocess.Popen, seconds: float) -> tuple[bytes | None, str]:
    """The report (None when the wall clock ran out first) and the child's stderr tail."""
    import selectors
    import time

    deadline = time.monotonic() + seconds + 5  # the import of torch is not the learner's
    chunks: list[bytes] = []
    err: list[bytes] = []
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ, chunks)
        selector.register(child.stderr, selectors.EVENT_READ, err)
        open_ = 2
        while open_:
            left = deadline - time.monotonic()
            if left <= 0:
                return None, b"".join(err).decode(errors="replace")
            for key, _ in selector.select(left):
                block = os.read(key.fd if isinstance(key.fileobj, int) else
                                key.fileobj.fileno(), 65536)
                if not block:
                    selector.unregister(key.fileobj)
                    open_ -= 1
                elif key.data is chunks or sum(map(len, err)) < 65536:
                    key.data.append(block)
    child.wait()
    return b"".join(chunks), b"".join(err).decode(errors="replace")


def _kill(child: subprocess.Popen) -> None:
    if child.poll() is None:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.wait()
    if child.stderr:
        child.stderr.close()

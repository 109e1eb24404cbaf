"""The child side of a check: run the learner's file, then its exercise's checker, and write
the report (plain JSON) for the parent to render.

This module runs in a child Python started by ``learn/runner.py``, never in prelim's own
process: ``main`` sets the limits first (memory, CPU time, file size), caps what the
learner's code prints, then runs their file as a module. Everything it meets ends in one
report: a syntax error, an exception (with the learner's line), ``sys.exit``, a print storm,
a missing name, or the cases the checker recorded. ``check_file`` is the same without the
limits, for tests that check many reference solutions in one process.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
import types

OUTPUT_CAP = 1 << 20  # bytes the learner's code may print before the check stops it
OUTPUT_KEPT = 2000  # characters of that output the report keeps


class PrintStorm(BaseException):
    """Raised into the learner's code when it prints more than OUTPUT_CAP (a BaseException,
    so their ``except Exception`` does not swallow it)."""


class _Capped(io.TextIOBase):
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.size += len(text)
        if self.size > OUTPUT_CAP:
            raise PrintStorm
        if sum(map(len, self.parts)) < OUTPUT_KEPT:
            self.parts.append(text)
        return len(text)

    def text(self) -> str:
        return "".join(self.parts)[:OUTPUT_KEPT]


def check_file(slug: str, path: str, seed: int = 0) -> dict:
    """Run the learner's file at ``path`` and the checker of exercise ``slug``: the report."""
    from prelim_cli import learn
    from prelim_cli.learn.trial import Missing, Trial, raised

    exercise = learn.by_slug(slug)
    started = time.monotonic()
    report: dict = {"exercise": slug, "seed": seed, "cases": [], "output": ""}
    out = _Capped()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = out
    trial = Trial({}, path, seed)
    try:
        try:
            with open(path, encoding="utf-8") as file:
                source = file.read()
            code = compile(source, path, "exec")
        except (SyntaxError, ValueError) as err:  # ValueError: a NUL byte in the source
            report.update(status="error", error=_syntax(err, path))
            return report
        except UnicodeDecodeError as err:
            report.update(status="error", error={"kind": "encoding", "message": str(err)})
            return report
        module = types.ModuleType("exercise")
        module.__file__ = path
        try:
            exec(code, module.__dict__)  # the learner's file, in this child only
        except PrintStorm:
            report.update(status="error", error={"kind": "output", "cap": OUTPUT_CAP})
            return report
        except BaseException as err:  # noqa: BLE001 - whatever their module-level code raised
            if isinstance(err, KeyboardInterrupt):
                raise
            report.update(status="error", error=raised(err, path))
            return report
        trial.namespace = module.__dict__
        try:
            learn.checker(exercise)(trial)
        except Missing as missing:
            report.update(status="missing", missing={"name": missing.name,
                                                     "what": missing.what})
        except PrintStorm:
            report.update(status="error", error={"kind": "output", "cap": OUTPUT_CAP})
        else:
            passed = all(case["passed"] for case in trial.cases) and trial.cases
            report["status"] = "passed" if passed else "failed"
    finally:
        sys.stdout, sys.stderr = saved
        report["cases"] = trial.cases
        report["output"] = out.text()
        report["seconds"] = round(time.monotonic() - started, 3)
    return report


def _syntax(err: Exception, path: str) -> dict:
    line = getattr(err, "lineno", None)
    return {"kind": "syntax", "line": line, "code": (getattr(err, "text", "") or "").strip(),
            "message": getattr(err, "msg", str(err))}


def limit(memory: int, seconds: float) -> None:
    """Caps for the learner's code: address space, CPU time (the parent also keeps the wall
    clock), size of any file it writes, no core dumps."""
    import resource

    for which, value in ((resource.RLIMIT_AS, memory),
                         (resource.RLIMIT_CPU, int(seconds) + 2),
                         (resource.RLIMIT_FSIZE, 64 << 20),
                         (resource.RLIMIT_CORE, 0)):
        resource.setrlimit(which, (value, value))


def main() -> None:
    """``{"exercise", "file", "seed", "memory", "seconds", "report_fd"}`` on stdin; the report
    as one JSON document on ``report_fd``."""
    request = json.loads(sys.stdin.readline())
    report_fd = request["report_fd"]
    limit(request["memory"], request["seconds"])
    import torch  # noqa: F401 - loaded before the learner's code, as their import expects

    report = check_file(request["exercise"], request["file"], request["seed"])
    data = json.dumps(report, ensure_ascii=False).encode()
    with os.fdopen(report_fd, "wb") as channel:
        channel.write(data)

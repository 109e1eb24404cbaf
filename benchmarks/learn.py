"""What checking an exercise costs: ``prelim learn check`` against a cold
``prelim tensor arange 12``, and a warm re-check as ``prelim learn watch`` makes it.

    python benchmarks/learn.py [--repeat 7]

Targets, as ratios in one run (medians, runs interleaved): checking the reference solution
of linalg.row-sums (2.3.6 in both editions) costs at most 2x one cold
``prelim tensor arange 12``; a warm re-check (``runner.Warm``, its child started and torch
loaded while the learner edits) at most 0.15x. (Where ``prelim learn check`` is not a command,
as in an older checkout, the check is ``python -c`` calling ``runner.run_check``.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import prelim_command, verdicts, wall_and_rss

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from prelim_cli import learn  # noqa: E402 - light: no torch on this side
from prelim_cli.learn import runner  # noqa: E402

SLUG, NUMBER = "linalg.row-sums", "2.3.6"
TARGETS = {"check": 2.0, "warm": 0.15}


def check_command(folder: str) -> tuple[str, list[str]]:
    """``prelim learn check`` on a workspace holding the reference solution, when prelim has
    that command; else ``python -c`` running the same check through the runner."""
    prelim, workspace = prelim_command(), os.path.join(folder, "prelim-exercises")
    try:
        started = subprocess.run([*prelim, "learn", "start", NUMBER, "--dir", workspace,
                                  "--format", "json"], capture_output=True, text=True,
                                 check=True)
        solution = subprocess.run([*prelim, "learn", "solution", NUMBER, "--give-up",
                                   "--dir", workspace], capture_output=True, text=True,
                                  check=True)
        Path(json.loads(started.stdout)["path"]).write_text(solution.stdout)
        command = [*prelim, "learn", "check", NUMBER, "--dir", workspace]
        subprocess.run(command, capture_output=True, check=True)
        return "prelim learn check 2.3.6", command
    except (subprocess.CalledProcessError, ValueError, KeyError):
        path = Path(folder, "ex_2_3_6.py")
        path.write_text(learn.by_slug(SLUG).solution)
        code = (f"import sys; sys.path.insert(0, {str(SRC)!r}); "
                f"from prelim_cli.learn import runner; "
                f"sys.exit(runner.run_check({SLUG!r}, {str(path)!r})['status'] != 'passed')")
        return "python -c runner.run_check", [sys.executable, "-c", code]


def warm_checks(repeat: int, folder: str) -> float:
    """Median seconds of a re-check by a Warm runner whose child is ready."""
    path = Path(folder, "warm_2_3_6.py")
    path.write_text(learn.by_slug(SLUG).solution)
    times = []
    with runner.Warm() as warm:
        for _ in range(repeat):
            warm.ready(timeout=runner.BOOT)  # the learner is still typing
            start = time.perf_counter()
            report = warm.run_check(SLUG, path)
            times.append(time.perf_counter() - start)
            if report["status"] != "passed":
                raise SystemExit(f"the warm check did not pass: {report}")
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        name, check = check_command(folder)
        cold, checks = [], []
        for _ in range(args.repeat):  # interleaved, so drift hits both alike
            cold.append(wall_and_rss([*prelim_command(), "tensor", "arange", "12"])[0])
            checks.append(wall_and_rss(check)[0])
        warm = warm_checks(args.repeat, folder)
    one, checked = statistics.median(cold), statistics.median(checks)
    print(f"cold prelim tensor arange 12         {one * 1000:8.0f} ms")
    print(f"{name:36s} {checked * 1000:8.0f} ms")
    print(f"warm re-check (runner.Warm)          {warm * 1000:8.0f} ms")
    ok = verdicts({"check": checked / one, "warm": warm / one}, TARGETS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

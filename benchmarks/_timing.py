"""Shared by the benchmarks: time whole processes, interleaved, in one run.

Ratios against a plain baseline measured in the same run are what we report:
shared machines are noisy, but both sides see the same noise.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time


def prelim_command() -> list[str]:
    """The installed console script if there is one, else ``python -m prelim_cli``."""
    script = shutil.which("prelim")
    return [script] if script else [sys.executable, "-m", "prelim_cli"]


def wall_and_rss(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of ``cmd`` as its own process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n"
                         f"{proc.stderr.read().decode() if proc.stderr else ''}")
    return wall, usage.ru_maxrss / 1024


def compare(cases: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall time and peak RSS per case, runs interleaved so drift hits all alike."""
    walls: dict[str, list[float]] = {name: [] for name in cases}
    rss: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, cmd in cases.items():
            w, r = wall_and_rss(cmd)
            walls[name].append(w)
            rss[name].append(r)
    return {name: (statistics.median(walls[name]), max(rss[name])) for name in cases}


def verdicts(ratios: dict[str, float], targets: dict[str, float]) -> bool:
    """One line per ratio against its target ("ok" or "MISSED"); whether all are met."""
    for name, ratio in ratios.items():
        verdict = "ok" if ratio <= targets[name] else "MISSED"
        print(f"ratio {name:6s} {ratio:6.3f}x  (target <= {targets[name]}x)  {verdict}")
    return all(ratio <= targets[name] for name, ratio in ratios.items())

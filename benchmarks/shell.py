"""What a warm prelim saves: fifty demos through ``prelim shell`` against fifty cold runs.

    python benchmarks/shell.py [--repeat 3]

Targets, as ratios in one run: the fifty-demo batch costs at most 2x one cold
``prelim tensor arange 12``; a warm demo (the batch's cost per extra line) takes less
than 2 % of a cold one; the shell's peak memory after 500 lines is within 10 % of its
peak after 5 (what a line leaves behind is released); with ``prelim server`` running,
``prelim tensor reshape 3 4 --format json`` costs at most 0.15x ``python -c "import torch"``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from _timing import prelim_command, verdicts, wall_and_rss

DEMOS = [
    "tensor reshape 3 4", "tensor arange 12 --format json", "broadcast 3,1 1,2",
    "linalg sum --axis 0", "linalg mm", "derivative --format repr", "autograd grad",
    "probability sample --seed 0", "docs torch.ones", "tensor cat --format repr",
]
TARGETS = {"batch": 2.0, "warm": 0.02, "memory": 1.10, "server": 0.15}
SERVED = ["tensor", "reshape", "3", "4", "--format", "json"]


def batch(lines: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``prelim shell`` reading ``lines``."""
    with tempfile.TemporaryFile("w+") as script:
        script.write("\n".join(lines) + "\n")
        script.seek(0)
        start = time.perf_counter()
        proc = subprocess.Popen([*prelim_command(), "shell"], stdin=script,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"prelim shell failed:\n{proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def warm_server(repeat: int) -> tuple[float, float]:
    """Median seconds of a command through a running server, and of importing torch."""
    with tempfile.TemporaryDirectory() as runtime:
        os.chmod(runtime, 0o700)
        env = {"XDG_RUNTIME_DIR": runtime, "PRELIM_SERVER": ""}
        subprocess.run([*prelim_command(), "server", "start"], env={**os.environ, **env},
                       check=True, stdout=subprocess.DEVNULL)
        try:
            served, imports = [], []
            for _ in range(repeat):
                served.append(wall_and_rss([*prelim_command(), *SERVED], env)[0])
                imports.append(wall_and_rss([sys.executable, "-c", "import torch"])[0])
        finally:
            subprocess.run([*prelim_command(), "server", "stop"], env={**os.environ, **env},
                           stdout=subprocess.DEVNULL)
    return statistics.median(served), statistics.median(imports)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    fifty = DEMOS * 5
    cold_one, cold_fifty, shell_one, shell_fifty = [], [], [], []
    for _ in range(args.repeat):  # interleaved, so drift hits every case alike
        cold_one.append(wall_and_rss([*prelim_command(), "tensor", "arange", "12"])[0])
        cold_fifty.append(sum(wall_and_rss([*prelim_command(), *line.split()])[0]
                              for line in fifty))
        shell_one.append(batch(DEMOS[:1])[0])
        shell_fifty.append(batch([DEMOS[0], *fifty])[0])
    server, torch_import = warm_server(args.repeat * 3)
    few, many = batch(DEMOS[:5])[1], batch(DEMOS[:5] * 100)[1]  # the same lines, 5 vs 500
    one, cold = statistics.median(cold_one), statistics.median(cold_fifty)
    warm = (statistics.median(shell_fifty) - statistics.median(shell_one)) / len(fifty)
    print(f"one cold prelim tensor arange 12     {one * 1000:8.0f} ms")
    print(f"50 cold prelim processes             {cold * 1000:8.0f} ms")
    print(f"prelim shell < 50 demos              {statistics.median(shell_fifty) * 1000:8.0f} ms")
    print(f"a warm demo (per extra line)         {warm * 1000:8.1f} ms")
    print(f"prelim tensor reshape 3 4 (server)   {server * 1000:8.0f} ms")
    print(f"python -c 'import torch'             {torch_import * 1000:8.0f} ms")
    print(f"shell peak RSS after 5 / 500 lines   {few:6.0f} MB / {many:6.0f} MB")
    ratios = {"batch": statistics.median(shell_fifty) / one, "warm": warm / one,
              "memory": many / few, "server": server / torch_import}
    ok = verdicts(ratios, TARGETS)
    print(f"(50 cold processes are {cold / statistics.median(shell_fifty):.0f}x the shell batch)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

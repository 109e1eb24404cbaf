"""Start-up cost of prelim, as ratios against plain baselines measured in the same run.

    python benchmarks/startup.py [--repeat 15]

Targets: ``prelim --help`` within 1.5x of ``python -c "import typer"``;
``prelim tensor reshape 3 4 --format json`` within 1.15x of a bare torch script.
"""

from __future__ import annotations

import argparse
import sys

from _timing import compare, prelim_command, verdicts

TARGETS = {"help": 1.5, "demo": 1.15}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    prelim = prelim_command()
    py = sys.executable
    results = compare({
        "prelim --help": [*prelim, "--help"],
        "import typer": [py, "-c", "import typer"],
        "prelim tensor reshape 3 4 -f json": [*prelim, "tensor", "reshape", "3", "4", "-f",
                                              "json"],
        "bare torch script": [py, "-c", "import torch; "
                              "print(torch.arange(12).reshape(3, 4).tolist())"],
    }, args.repeat)
    for name, (wall, rss) in results.items():
        print(f"{name:40s} {wall * 1000:8.0f} ms  {rss:7.0f} MB")
    ratios = {
        "help": results["prelim --help"][0] / results["import typer"][0],
        "demo": results["prelim tensor reshape 3 4 -f json"][0] / results["bare torch script"][0],
    }
    ok = verdicts(ratios, TARGETS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

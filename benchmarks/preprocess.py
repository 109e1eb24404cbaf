"""prelim preprocess on big CSVs, against a plain script doing the book's steps.

    python benchmarks/preprocess.py                 # 1,000,000 rows, and 10,000,000 with --stream
    python benchmarks/preprocess.py --rows 100000 --stream-rows 1000000 --repeat 3

Both sides run as whole processes (start-up included: each imports torch and pandas),
interleaved, in one run; wall time is the median, peak RSS the maximum. Targets:
``prelim preprocess big.csv --fill mean --out X.pt --format json`` within 1.1x of the plain
script's wall time, and ``--stream`` on the 10M-row file under 600 MB peak RSS.
Generated CSVs are kept in --workdir and reused when they exist.

The measuring process stays light (stdlib only): peak RSS comes from wait4, and a child
starts life sharing its parent's pages, so a parent holding pandas or torch would
inflate every figure. Generating data and comparing results run as child processes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import compare, wall_and_rss

SRC = Path(__file__).resolve().parents[1] / "src"
TARGET_WALL, TARGET_STREAM_MB = 1.1, 600

# The book's steps with the fixes current pandas needs (numeric_only, dtype=float).
PLAIN = """\
import sys
import pandas as pd
import torch
data = pd.read_csv(sys.argv[1])
inputs, outputs = data.iloc[:, :-1], data.iloc[:, -1]
inputs = inputs.fillna(inputs.mean(numeric_only=True))
inputs = pd.get_dummies(inputs, dummy_na=True, dtype=float)
X = torch.tensor(inputs.to_numpy(dtype=float))
y = torch.tensor(outputs.to_numpy(dtype=float))
torch.save({"X": X, "y": y, "columns": list(inputs.columns)}, sys.argv[2])
"""


def generate(path: Path, rows: int, seed: int = 0, chunk: int = 500_000) -> None:
    """Six numeric columns (~10% NaN; four real, two small integers), two categorical
    columns with missing values, an integer target: vectorised, written in chunks."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    cities = np.array(["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Chengdu", "Wuhan",
                       "Xian", "Nanjing"], dtype=object)
    kinds = np.array(["flat", "house", "villa", "studio"], dtype=object)
    tmp = path.with_suffix(".part")
    with open(tmp, "w") as f:
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            cols = {}
            for i in range(4):
                cols[f"x{i}"] = np.round(rng.normal(100, 30, n), 2)
            for i in range(2):
                cols[f"n{i}"] = rng.integers(0, 10, n).astype(float)
            for values in cols.values():
                values[rng.random(n) < 0.1] = np.nan
            cols["city"] = cities[rng.integers(0, len(cities), n)]
            cols["city"][rng.random(n) < 0.1] = None
            cols["kind"] = kinds[rng.integers(0, len(kinds), n)]
            cols["kind"][rng.random(n) < 0.05] = None
            cols["price"] = rng.integers(50_000, 500_000, n)
            pd.DataFrame(cols).to_csv(f, header=start == 0, index=False)
    tmp.rename(path)


def csv_file(workdir: Path, rows: int) -> Path:
    path = workdir / f"big_{rows}.csv"
    if not path.exists():
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate", str(path), str(rows)],
                       check=True)
        print(f"generated {path} ({path.stat().st_size / 2**20:.0f} MB) in "
              f"{time.perf_counter() - start:.0f} s", flush=True)
    return path


def prelim(*args: str) -> list[str]:
    """This checkout's prelim (not an installed one), as its own process."""
    return [sys.executable, "-m", "prelim_cli", "preprocess", *args]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--stream-rows", type=int, default=10_000_000,
                        help="rows of the --stream memory check (0: skip it)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "prelim-bench")
    parser.add_argument("--generate", nargs=2, metavar=("PATH", "ROWS"), help=argparse.SUPPRESS)
    parser.add_argument("--difference", nargs=2, metavar=("OURS", "THEIRS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(Path(args.generate[0]), int(args.generate[1]))
        return 0
    if args.difference:
        print(difference(*map(Path, args.difference)))
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    work = args.workdir
    (work / "plain.py").write_text(PLAIN)

    big = csv_file(work, args.rows)
    cases = {
        "prelim preprocess (whole file) -> .pt": prelim(str(big), "--fill", "mean", "--out",
                                                       str(work / "X.pt"), "--format",
                                                       "json", "--force"),
        "plain script (book + fixes) -> .pt": [sys.executable, str(work / "plain.py"),
                                               str(big), str(work / "plain.pt")],
        "prelim preprocess --stream -> .npy": prelim(str(big), "--fill", "mean", "--stream",
                                                    "--out", str(work / "X.npy"), "--format",
                                                    "json", "--force"),
    }
    results = compare(cases, args.repeat)
    print(f"\n{args.rows:,} rows, {big.stat().st_size / 2**20:.0f} MB; median of {args.repeat} "
          "runs\n")
    print(f"{'case':42s} {'wall':>8s} {'peak RSS':>9s}")
    for name, (wall, rss) in results.items():
        print(f"{name:42s} {wall:7.2f}s {rss:7.0f} MB")
    whole, plain = (results[name] for name in list(cases)[:2])
    ratio = whole[0] / plain[0]
    ok = ratio <= TARGET_WALL
    print(f"\nwall prelim / plain   {ratio:5.2f}x  (target <= {TARGET_WALL}x)  "
          f"{'ok' if ok else 'MISSED'}")
    print(f"RSS  prelim / plain   {whole[1] / plain[1]:5.2f}x")
    check = subprocess.run([sys.executable, __file__, "--difference", str(work / "X.pt"),
                            str(work / "plain.pt")], capture_output=True, text=True, check=True)
    print(f"X: prelim vs plain    {check.stdout.strip()}")

    if args.stream_rows:
        huge = csv_file(work, args.stream_rows)
        wall, rss = wall_and_rss(prelim(str(huge), "--fill", "mean", "--stream", "--out",
                                        str(work / "X_huge.npy"), "--format", "json",
                                        "--force"))
        stream_ok = rss < TARGET_STREAM_MB
        print(f"\n--stream, {args.stream_rows:,} rows ({huge.stat().st_size / 2**20:.0f} MB): "
              f"{wall:.1f}s, peak RSS {rss:.0f} MB  (target < {TARGET_STREAM_MB} MB)  "
              f"{'ok' if stream_ok else 'MISSED'}")
        ok &= stream_ok
    return 0 if ok else 1


def difference(ours: Path, theirs: Path) -> str:
    """Same columns and numbers? (The fill values can differ in the last bit: prelim's
    means are exact, pandas' are a pairwise float sum.)"""
    import torch

    a, b = torch.load(ours, weights_only=True), torch.load(theirs, weights_only=True)
    if a["columns"] != b["columns"] or a["X"].shape != b["X"].shape:
        return "DIFFERENT columns or shape"
    differ = (a["X"] != b["X"]).sum().item()
    worst = (a["X"] - b["X"]).abs().max().item()
    return (f"same columns and shape; {differ:,} cells differ, by at most {worst:.1e}; "
            f"y {'equal' if torch.equal(a['y'], b['y']) else 'DIFFERENT'}")


if __name__ == "__main__":
    sys.exit(main())

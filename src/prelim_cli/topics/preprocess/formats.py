"""What ``prelim preprocess --out`` can write: one table, one entry per suffix.

A ``Format`` holds all that prelim knows about one kind of file: the step that
says where X went, the line a learner types to save it, the writer that fills it
(chunk by chunk, so ``--stream`` can write it too; .pt has none, torch.save takes
the tensors whole), pass 2's code written out as pandas, and what pass 2 shows
from the file written. A .npy holds one array, so X.npy holds exactly X and y goes
to its companion X.y.npy (``y_beside``). Adding a format is adding an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from prelim_cli.core.demo import PrelimError
from prelim_cli.topics.preprocess.report import PREVIEW_ROWS
from prelim_cli.topics.preprocess.writers import CsvWriter, NpyPairWriter, NpzWriter

if TYPE_CHECKING:
    from prelim_cli.topics.preprocess.pipeline import Plan

PASS2 = "# pass 2: fill, encode and write chunk by chunk"


@dataclass(frozen=True)
class Format:
    suffix: str
    key: str  # the catalog entry of the step that saves X
    code: Callable[[Path, str | None], str]  # the save lines, given the path and the target
    # (tmps: X's file then its companions, plan, X's dtype) -> writer
    writer: Callable[[list[Path], Plan, str], Any] | None = None
    save_whole: Callable[[Path, Any, Any, Plan], None] | None = None  # when there is no writer
    pass2_code: Callable[[Path, Plan, str, list[str]], str] | None = None  # --stream's pass 2
    read_back: Callable[[Path, bool], Any] | None = None  # (path, has target) -> first rows
    y_beside: bool = False  # y in its own file next to X's: X.npy and X.y.npy

    @property
    def streams(self) -> bool:
        return self.writer is not None

    def companions(self, path: Path, target: str | None) -> tuple[Path, ...]:
        """The files written with ``path``: y's, when it has its own."""
        return (y_path(path),) if self.y_beside and target is not None else ()

    def save_code(self, path: Path, target: str | None) -> str:
        """The lines a learner would type to save X (and y) like prelim does."""
        return self.code(path, target)

    def save(self, tmps: list[Path], X, y, plan: Plan) -> None:
        """Whole-file mode: the tensors at once, through the writer --stream fills in chunks."""
        if self.save_whole is not None:
            self.save_whole(tmps[0], X, y, plan)
            return
        sink = self.writer(tmps, plan, str(X.dtype).removeprefix("torch."))
        try:
            sink.write(X.numpy(), y.numpy() if y is not None else None)
        finally:
            sink.close()

    def first_rows(self, path: Path, X: np.ndarray, y: np.ndarray | None):
        """What pass 2's last line shows: read back from the file where its code reads it,
        else the first rows as they were written."""
        if self.read_back is not None:
            return self.read_back(path, y is not None)
        return (X, y) if y is not None else X


def y_path(path: Path) -> Path:
    """Where y goes when X's file holds X alone: X.npy -> X.y.npy."""
    return path.with_name(f"{path.stem}.y{path.suffix}")


# ----------------------------------------------------------------- .pt

def _pt_code(path: Path, target: str | None) -> str:
    out = repr(str(path))
    fields = "'X': X" + (", 'y': y" if target is not None else "") + \
        ", 'columns': list(inputs.columns)"
    fields += f", 'target': {target!r}" if target is not None else ""
    return f"torch.save({{{fields}}}, {out})"


def _torch_save(path: Path, X, y, plan: Plan) -> None:
    import torch

    saved = {"X": X, "columns": plan.columns}
    if y is not None:
        saved.update(y=y, target=plan.layout.target)
    torch.save(saved, path)


# ----------------------------------------------------------------- .npz

def _npz_code(path: Path, target: str | None) -> str:
    out = repr(str(path))
    fields = "X=X.numpy()" + (", y=y.numpy()" if target is not None else "")
    fields += ", columns=np.array(inputs.columns, dtype=str)"
    fields += f", target=np.array({target!r})" if target is not None else ""
    return f"np.savez({out}, {fields})"


def _npz_writer(tmps: list[Path], plan: Plan, x_dtype: str) -> NpzWriter:
    return NpzWriter(tmps[0], plan.rows, plan.columns, plan.layout.target, np.dtype(x_dtype))


def _npz_pass2(out: Path, plan: Plan, dtype: str, loop: list[str]) -> str:
    """prelim's .npz streams X into the zip; this code goes through two .npy files."""
    target, stem = plan.layout.target, str(out.with_suffix(""))
    lines = _memmap_pass2(Path(stem + "_X.npy"), Path(stem + "_y.npy"), plan, dtype, loop)
    saved = f"np.savez({str(out)!r}, X=X, columns=np.array(columns)"
    if target is not None:
        saved += f", y=y_all, target=np.array({target!r})"
    return "\n".join([*lines, saved + ")", _preview_line(target)])


def _memmap_pass2(x_path: Path, y_file: Path, plan: Plan, dtype: str,
                  loop: list[str]) -> list[str]:
    """Pass 2 into memory-mapped .npy files: X in X's dtype, y (if any) in its own."""
    target, rows = plan.layout.target, plan.rows
    lines = [f"X = np.lib.format.open_memmap({str(x_path)!r}, mode='w+', dtype={dtype!r}, "
             f"shape=({rows}, {len(plan.columns)}))"]
    if target is not None:
        lines.append(f"y_all = np.lib.format.open_memmap({str(y_file)!r}, mode='w+', "
                     f"shape=({rows},))")
    lines += ["start = 0", PASS2, *loop, "    X[start:start + len(part)] = part"]
    if target is not None:
        lines.append("    y_all[start:start + len(part)] = y")
    return [*lines, "    start += len(part)"]


def _preview_line(target: str | None) -> str:
    return f"X[:{PREVIEW_ROWS}]" + (f", y_all[:{PREVIEW_ROWS}]" if target is not None else "")


# ----------------------------------------------------------------- .csv

def _csv_code(path: Path, target: str | None) -> str:
    out = repr(str(path))
    assign = f".assign(**{{{target!r}: y.numpy()}})" if target is not None else ""
    return f"pd.DataFrame(X.numpy(), columns=inputs.columns){assign}.to_csv({out}, index=False)"


def _csv_writer(tmps: list[Path], plan: Plan, x_dtype: str) -> CsvWriter:
    return CsvWriter(tmps[0], plan.columns, plan.layout.target)


def _csv_pass2(out: Path, plan: Plan, dtype: str, loop: list[str]) -> str:
    target = plan.layout.target
    assign = f".assign(**{{{target!r}: y.astype(float)}})" if target is not None else ""
    return "\n".join([PASS2, f"with open({str(out)!r}, 'w') as f:",
                      *("    " + line for line in loop),
                      f"        part{assign}.to_csv(f, header=f.tell() == 0, index=False)",
                      f"pd.read_csv({str(out)!r}, nrows={PREVIEW_ROWS})"])


def _csv_head(path: Path, has_target: bool):
    import pandas as pd

    return pd.read_csv(path, nrows=PREVIEW_ROWS)


# ----------------------------------------------------------------- .npy

def _npy_code(path: Path, target: str | None) -> str:
    saves = f"np.save({str(path)!r}, X.numpy())"
    if target is not None:
        saves += f"\nnp.save({str(y_path(path))!r}, y.numpy())"
    return saves


def _npy_writer(tmps: list[Path], plan: Plan, x_dtype: str) -> NpyPairWriter:
    y_tmp = tmps[1] if plan.layout.target is not None else None
    return NpyPairWriter(tmps[0], y_tmp, plan.rows, len(plan.columns), np.dtype(x_dtype))


def _npy_pass2(out: Path, plan: Plan, dtype: str, loop: list[str]) -> str:
    lines = _memmap_pass2(out, y_path(out), plan, dtype, loop)
    return "\n".join([*lines, _preview_line(plan.layout.target)])


def _npy_head(path: Path, has_target: bool):
    X = _first_rows(path)
    return (X, _first_rows(y_path(path))) if has_target else X


def _first_rows(path: Path) -> np.ndarray:
    return np.array(np.load(path, mmap_mode="r")[:PREVIEW_ROWS])


# ----------------------------------------------------------------- the table

FORMATS = {f.suffix: f for f in (
    Format(".pt", "preprocess.save_pt", _pt_code, save_whole=_torch_save),
    Format(".npz", "preprocess.save_npz", _npz_code, _npz_writer, pass2_code=_npz_pass2),
    Format(".csv", "preprocess.save_csv", _csv_code, _csv_writer, pass2_code=_csv_pass2,
           read_back=_csv_head),
    Format(".npy", "preprocess.save_npy", _npy_code, _npy_writer, pass2_code=_npy_pass2,
           read_back=_npy_head, y_beside=True),
)}
SUFFIXES = tuple(FORMATS)  # what --out accepts (the command reads it when it checks --out)
STREAM_SUFFIXES = tuple(s for s, f in FORMATS.items() if f.streams)


def format_of(path: Path) -> Format:
    return FORMATS[path.suffix.lower()]


def check_stream_suffix(path: Path) -> None:
    if path.suffix.lower() not in STREAM_SUFFIXES:
        raise PrelimError("preprocess.formats.check_stream_suffix", path=path)

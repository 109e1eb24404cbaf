"""What ``prelim preprocess --out`` can write: one table, one entry per suffix.

A ``Format`` holds all that prelim knows about one kind of file: the step that
says where X went, the line a learner types to save it, the writer that fills it
(chunk by chunk, so ``--stream`` can write it too; .pt has none, torch.save takes
the tensors whole), pass 2's code written out as pandas, and what pass 2 shows
from the file written. Adding a format is adding an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from prelim_cli.core.demo import PrelimError
from prelim_cli.topics.preprocess.report import PREVIEW_ROWS
from prelim_cli.topics.preprocess.writers import CsvWriter, NpyWriter, NpzWriter

if TYPE_CHECKING:
    from prelim_cli.topics.preprocess.pipeline import Plan

PASS2 = "# pass 2: fill, encode and write chunk by chunk"


@dataclass(frozen=True)
class Format:
    suffix: str
    key: str  # the catalog entry of the step that saves X
    code: Callable[[str, str | None], str]  # the save line, given repr(path) and the target
    writer: Callable[[Path, Plan, str], Any] | None = None  # (tmp, plan, X's dtype) -> writer
    save_whole: Callable[[Path, Any, Any, Plan], None] | None = None  # when there is no writer
    pass2_code: Callable[[Path, Plan, str, list[str]], str] | None = None  # --stream's pass 2
    read_back: Callable[[Path], Any] | None = None  # the first rows, from the file written

    @property
    def streams(self) -> bool:
        return self.writer is not None

    def save_code(self, path: Path, target: str | None) -> str:
        """The line a learner would type to save X (and y) like prelim does."""
        return self.code(repr(str(path)), target)

    def save(self, path: Path, X, y, plan: Plan) -> None:
        """Whole-file mode: the tensors at once, through the writer --stream fills in chunks."""
        if self.save_whole is not None:
            self.save_whole(path, X, y, plan)
            return
        sink = self.writer(path, plan, str(X.dtype).removeprefix("torch."))
        try:
            sink.write(X.numpy(), y.numpy() if y is not None else None)
        finally:
            sink.close()

    def first_rows(self, path: Path, X: np.ndarray, y: np.ndarray | None):
        """What pass 2's last line shows: read back from the file where its code reads it,
        else the first rows as they were written."""
        if self.read_back is not None:
            return self.read_back(path)
        return (X, y) if y is not None else X


def table_dtype(x_dtype: str, has_target: bool) -> np.dtype:
    """np.column_stack([X, y]) promotes float32 X with float64 y to float64."""
    return np.result_type(x_dtype, np.float64) if has_target else np.dtype(x_dtype)


# ----------------------------------------------------------------- .pt

def _pt_code(out: str, target: str | None) -> str:
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

def _npz_code(out: str, target: str | None) -> str:
    fields = "X=X.numpy()" + (", y=y.numpy()" if target is not None else "")
    fields += ", columns=np.array(inputs.columns, dtype=str)"
    fields += f", target=np.array({target!r})" if target is not None else ""
    return f"np.savez({out}, {fields})"


def _npz_writer(path: Path, plan: Plan, x_dtype: str) -> NpzWriter:
    return NpzWriter(path, plan.rows, plan.columns, plan.layout.target, np.dtype(x_dtype))


def _npz_pass2(out: Path, plan: Plan, dtype: str, loop: list[str]) -> str:
    """prelim's .npz streams X into the zip; this code goes through two .npy files."""
    target, rows, stem = plan.layout.target, plan.rows, str(out.with_suffix(""))
    lines = [f"X = np.lib.format.open_memmap({stem + '_X.npy'!r}, mode='w+', dtype={dtype!r}, "
             f"shape=({rows}, {len(plan.columns)}))"]
    if target is not None:
        lines.append(f"y_all = np.lib.format.open_memmap({stem + '_y.npy'!r}, mode='w+', "
                     f"shape=({rows},))")
    lines += ["start = 0", PASS2, *loop, "    X[start:start + len(part)] = part"]
    saved = f"np.savez({str(out)!r}, X=X, columns=np.array(columns)"
    if target is not None:
        lines.append("    y_all[start:start + len(part)] = y")
        saved += f", y=y_all, target=np.array({target!r})"
    lines += ["    start += len(part)", saved + ")",
              f"X[:{PREVIEW_ROWS}]" + (f", y_all[:{PREVIEW_ROWS}]" if target is not None else "")]
    return "\n".join(lines)


# ----------------------------------------------------------------- .csv

def _csv_code(out: str, target: str | None) -> str:
    assign = f".assign(**{{{target!r}: y.numpy()}})" if target is not None else ""
    return f"pd.DataFrame(X.numpy(), columns=inputs.columns){assign}.to_csv({out}, index=False)"


def _csv_writer(path: Path, plan: Plan, x_dtype: str) -> CsvWriter:
    return CsvWriter(path, plan.columns, plan.layout.target)


def _csv_pass2(out: Path, plan: Plan, dtype: str, loop: list[str]) -> str:
    target = plan.layout.target
    assign = f".assign(**{{{target!r}: y.astype(float)}})" if target is not None else ""
    return "\n".join([PASS2, f"with open({str(out)!r}, 'w') as f:",
                      *("    " + line for line in loop),
                      f"        part{assign}.to_csv(f, header=f.tell() == 0, index=False)",
                      f"pd.read_csv({str(out)!r}, nrows={PREVIEW_ROWS})"])


def _csv_head(path: Path):
    import pandas as pd

    return pd.read_csv(path, nrows=PREVIEW_ROWS)


# ----------------------------------------------------------------- .npy

def _npy_code(out: str, target: str | None) -> str:
    table = "np.column_stack([X.numpy(), y.numpy()])" if target is not None else "X.numpy()"
    return f"np.save({out}, {table})"


def _npy_writer(path: Path, plan: Plan, x_dtype: str) -> NpyWriter:
    """One array: X's columns, then the target's."""
    has_target = plan.layout.target is not None
    return NpyWriter(path, (plan.rows, len(plan.columns) + has_target),
                     table_dtype(x_dtype, has_target))


def _npy_pass2(out: Path, plan: Plan, dtype: str, loop: list[str]) -> str:
    has_target = plan.layout.target is not None
    width = len(plan.columns) + has_target
    table = np.dtype(table_dtype(dtype, has_target)).name
    stacked = "np.column_stack([part, y])" if has_target else "part"
    return "\n".join([
        f"table = np.lib.format.open_memmap({str(out)!r}, mode='w+', dtype={table!r}, "
        f"shape=({plan.rows}, {width}))", "start = 0", PASS2, *loop,
        f"    table[start:start + len(part)] = {stacked}", "    start += len(part)",
        f"table[:{PREVIEW_ROWS}]"])


def _npy_head(path: Path) -> np.ndarray:
    return np.array(np.load(path, mmap_mode="r")[:PREVIEW_ROWS])


# ----------------------------------------------------------------- the table

FORMATS = {f.suffix: f for f in (
    Format(".pt", "preprocess.save_pt", _pt_code, save_whole=_torch_save),
    Format(".npz", "preprocess.save_npz", _npz_code, _npz_writer, pass2_code=_npz_pass2),
    Format(".csv", "preprocess.save_csv", _csv_code, _csv_writer, pass2_code=_csv_pass2,
           read_back=_csv_head),
    Format(".npy", "preprocess.save_npy", _npy_code, _npy_writer, pass2_code=_npy_pass2,
           read_back=_npy_head),
)}
SUFFIXES = tuple(FORMATS)  # what --out accepts (the command reads it when it checks --out)
STREAM_SUFFIXES = tuple(s for s, f in FORMATS.items() if f.streams)


def format_of(path: Path) -> Format:
    return FORMATS[path.suffix.lower()]


def check_stream_suffix(path: Path) -> None:
    if path.suffix.lower() not in STREAM_SUFFIXES:
        raise PrelimError(f"--out {path}: --stream writes .npy, .npz or .csv chunk by chunk; "
                          "torch.save needs the whole tensor in memory. Use X.npy and load it "
                          "with torch.from_numpy(np.load('X.npy', mmap_mode='r')), or drop "
                          "--stream")

"""Saving what ``prelim preprocess`` made: .pt, .npz, .csv and .npy.

Both drivers write through the same writers: the whole-file mode hands them X
and y at once, ``--stream`` chunk by chunk, so the bytes are the same either way.
Every writer fills the temporary file that ``files.write_atomic`` renames into
place once it is complete.
"""

from __future__ import annotations

import io
import math
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from prelim_cli.core.demo import PrelimError

SUFFIXES = (".pt", ".npz", ".csv", ".npy")
# The catalog entry of the step that saves to each suffix.
SAVE_KEYS = {".pt": "preprocess.save_pt", ".npz": "preprocess.save_npz",
             ".csv": "preprocess.save_csv", ".npy": "preprocess.save_npy"}
STREAM_SUFFIXES = (".npy", ".npz", ".csv")
CSV_ROWS = 100_000  # rows per to_csv call: bounded memory for the text being built


def check_stream_suffix(path: Path) -> None:
    if path.suffix.lower() not in STREAM_SUFFIXES:
        raise PrelimError(f"--out {path}: --stream writes .npy, .npz or .csv chunk by chunk; "
                          "torch.save needs the whole tensor in memory. Use X.npy and load it "
                          "with torch.from_numpy(np.load('X.npy', mmap_mode='r')), or drop "
                          "--stream")


def save_code(path: Path, target: str | None, name: str = "X") -> str:
    """The line a learner would type to save X (and y) like prelim does."""
    out, y = repr(str(path)), target is not None
    suffix = path.suffix.lower()
    if suffix == ".pt":
        fields = f"'X': {name}" + (", 'y': y" if y else "") + ", 'columns': list(inputs.columns)"
        fields += f", 'target': {target!r}" if y else ""
        return f"torch.save({{{fields}}}, {out})"
    if suffix == ".npz":
        fields = f"X={name}.numpy()" + (", y=y.numpy()" if y else "")
        fields += ", columns=np.array(inputs.columns, dtype=str)"
        fields += f", target=np.array({target!r})" if y else ""
        return f"np.savez({out}, {fields})"
    if suffix == ".csv":
        assign = f".assign(**{{{target!r}: y.numpy()}})" if y else ""
        return f"pd.DataFrame({name}.numpy(), columns=inputs.columns){assign}.to_csv({out}, " \
               "index=False)"
    table = f"np.column_stack([{name}.numpy(), y.numpy()])" if y else f"{name}.numpy()"
    return f"np.save({out}, {table})"


def table_dtype(x_dtype: str, has_target: bool) -> np.dtype:
    """np.column_stack([X, y]) promotes float32 X with float64 y to float64."""
    return np.result_type(x_dtype, np.float64) if has_target else np.dtype(x_dtype)


class CsvWriter:
    """The processed table: X's columns, then the target; floats as pandas writes them."""

    def __init__(self, path: Path, columns: list[str], target: str | None) -> None:
        self.file = open(path, "w", encoding="utf-8", newline="")
        self.columns, self.target, self.header = columns, target, True

    def write(self, X: np.ndarray, y: np.ndarray | None) -> None:
        for start in range(0, len(X), CSV_ROWS) or [0]:
            frame = pd.DataFrame(X[start:start + CSV_ROWS], columns=self.columns, copy=False)
            if y is not None:
                frame.insert(len(self.columns), self.target, y[start:start + CSV_ROWS],
                             allow_duplicates=True)
            frame.to_csv(self.file, header=self.header, index=False, lineterminator="\n")
            self.header = False

    def close(self) -> None:
        self.file.close()


class NpyWriter:
    """One .npy made with open_memmap; each chunk maps only its own rows, so the
    pages written leave memory with the chunk (RSS stays bounded)."""

    def __init__(self, path: Path, shape: tuple[int, ...], dtype: np.dtype) -> None:
        created = np.lib.format.open_memmap(path, mode="w+", dtype=dtype, shape=shape)
        self.path, self.offset, self.dtype = path, created.offset, np.dtype(dtype)
        self.row_bytes, self.row = math.prod(shape[1:]) * self.dtype.itemsize, 0
        del created  # unmap: nothing written yet

    def write_rows(self, block: np.ndarray) -> None:
        if len(block):
            region = np.memmap(self.path, dtype=self.dtype, mode="r+", shape=block.shape,
                               offset=self.offset + self.row * self.row_bytes)
            region[:] = block
            region.flush()
            del region
        self.row += len(block)

    def write(self, X: np.ndarray, y: np.ndarray | None) -> None:
        self.write_rows(np.column_stack([X, y]) if y is not None else X)

    def close(self) -> None:
        pass


class NpzWriter:
    """What np.savez writes (X.npy, y.npy, columns.npy, target.npy in a zip), but X
    streamed into the archive chunk by chunk and y through a temporary .npy."""

    def __init__(self, path: Path, rows: int, columns: list[str], target: str | None,
                 dtype: np.dtype) -> None:
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True)
        self.columns, self.target, self.dtype = columns, target, np.dtype(dtype)
        self.x = self.zip.open("X.npy", "w", force_zip64=True)
        np.lib.format.write_array_header_1_0(self.x, {
            "descr": np.lib.format.dtype_to_descr(self.dtype), "fortran_order": False,
            "shape": (rows, len(columns))})
        self.y_path = None
        if target is not None:
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.y.", suffix=".tmp", dir=path.parent)
            os.close(fd)
            self.y_path = Path(name)
            self.y = NpyWriter(self.y_path, (rows,), np.dtype(np.float64))

    def write(self, X: np.ndarray, y: np.ndarray | None) -> None:
        self.x.write(np.ascontiguousarray(X, dtype=self.dtype).tobytes())
        if y is not None:
            self.y.write_rows(y)

    def close(self) -> None:
        try:
            self.x.close()
            if self.y_path is not None:
                with open(self.y_path, "rb") as src, \
                        self.zip.open("y.npy", "w", force_zip64=True) as dst:
                    shutil.copyfileobj(src, dst, 2**20)
            self._small("columns", np.array(self.columns, dtype=str))
            if self.target is not None:
                self._small("target", np.array(self.target))
        finally:
            self.zip.close()
            if self.y_path is not None:
                self.y_path.unlink(missing_ok=True)

    def _small(self, name: str, array: np.ndarray) -> None:
        buffer = io.BytesIO()
        np.save(buffer, array)
        self.zip.writestr(f"{name}.npy", buffer.getvalue())


def writer(path: Path, suffix: str, rows: int, columns: list[str], target: str | None,
           x_dtype: str):
    """The writer for ``suffix`` (the target's: ``path`` is the temporary file); not .pt,
    torch.save takes the tensors whole."""
    if suffix == ".csv":
        return CsvWriter(path, columns, target)
    if suffix == ".npz":
        return NpzWriter(path, rows, columns, target, np.dtype(x_dtype))
    width = len(columns) + (target is not None)
    return NpyWriter(path, (rows, width), table_dtype(x_dtype, target is not None))


def save_tensors(path: Path, suffix: str, X, y, columns: list[str], target: str | None) -> None:
    """Whole-file mode: the tensors at once."""
    if suffix == ".pt":
        import torch

        saved = {"X": X, "columns": columns}
        if y is not None:
            saved.update(y=y, target=target)
        torch.save(saved, path)
        return
    out = writer(path, suffix, len(X), columns, target, str(X.dtype).removeprefix("torch."))
    try:
        out.write(X.numpy(), y.numpy() if y is not None else None)
    finally:
        out.close()

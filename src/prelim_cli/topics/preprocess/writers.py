"""The writers that fill --out files chunk by chunk: .csv, .npy (X.npy and X.y.npy) and .npz.

Both drivers write through them: the whole-file mode hands over X and y as one
chunk, ``--stream`` one chunk at a time, so the bytes are the same either way.
Each fills the temporary files that ``files.write_atomic`` renames into place once
they are complete; ``formats`` says which writer serves which suffix.
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

CSV_ROWS = 100_000  # rows per to_csv call: bounded memory for the text being built


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


class NpyPairWriter:
    """X alone in its .npy, in X's dtype (so --dtype float32 holds in the file); y, when
    there is a target, in its own .npy beside it, float64 as ``torch.tensor(outputs)``."""

    def __init__(self, x_path: Path, y_path: Path | None, rows: int, width: int,
                 dtype: np.dtype) -> None:
        self.x = NpyWriter(x_path, (rows, width), dtype)
        self.y = NpyWriter(y_path, (rows,), np.dtype(np.float64)) if y_path else None

    def write(self, X: np.ndarray, y: np.ndarray | None) -> None:
        self.x.write_rows(X)
        if self.y is not None:
            self.y.write_rows(y)

    def close(self) -> None:
        pass  # each chunk was flushed and unmapped as it was written


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

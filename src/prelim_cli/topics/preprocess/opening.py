"""The bytes of a CSV for ``prelim preprocess``: finding the source, opening it
(decompressed as pandas would), and refusing what is not text before pandas sees it
(missing, a folder, a device, empty, a NUL byte wherever it is, a bad archive).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import lzma
import sys
import zipfile
from pathlib import Path

from prelim_cli.core.demo import PrelimError
from prelim_cli.topics.preprocess.sniff import utf16_without_bom
from prelim_cli.topics.preprocess.source import EXAMPLES, Source

SNIFF_BYTES = 8192  # a NUL byte in the first 8 KB means the file is not text
_BAD_ARCHIVE = (OSError, EOFError, lzma.LZMAError, zipfile.BadZipFile)
PROGRESS_BYTES = 16 * 2**20  # a bar only for files that take more than a moment to read


def file_source(path: str, sep: str, encoding: str, na_values: list[str],
                progress: bool = False) -> Source:
    """A file or ``-`` (stdin), checked to be a CSV worth handing to pandas."""
    na = tuple(v for item in na_values for v in item.split(",") if v)
    if path == "-":
        data = sys.stdin.buffer.read()
        source = Source("sys.stdin", data=data, sep=sep, encoding=encoding, na_values=na)
    else:
        p = Path(path)
        if not p.exists():
            raise PrelimError(f"{path}: no such file; check the name, or use --example "
                              "house_tiny for the book's data")
        if p.is_dir():
            raise PrelimError(f"{path}: is a folder, not a CSV file")
        if not p.is_file() and not p.is_fifo():
            raise PrelimError(f"{path}: is a device or socket, not a CSV file; give a file")
        if p.is_fifo() or p.stat().st_size == 0:
            # a pipe (read once, like stdin) or a file whose size the system gives as 0
            # (/proc): read into memory, so it is seen whole, and neither called empty
            data = p.read_bytes()
            return _checked(Source(path, data=data, sep=sep, encoding=encoding, na_values=na))
        source = Source(path, path=p, sep=sep, encoding=encoding, na_values=na,
                        progress=progress and p.stat().st_size >= PROGRESS_BYTES)
    return _checked(source)


def _checked(source: Source) -> Source:
    _check_text(source)
    return source


def example_source(name: str, path: str | None = None) -> Source:
    """The book's data, from memory, shown under the name of its file (``path``: the one
    --write-example writes)."""
    return Source(path or f"{name}.csv", data=EXAMPLES[name].encode(), book=True)


def _check_text(source: Source) -> None:
    head = head_bytes(source)
    if not head:
        raise PrelimError(f"{source.name}: is empty; a CSV needs a header row and data rows")
    if b"\0" in head and not source.wide:
        raise _nul(source, head)


def _nul(source: Source, head: bytes, at: int | None = None) -> PrelimError:
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return PrelimError(f"{source.name}: is UTF-16 text (it starts with a byte-order "
                           "mark); add --encoding utf-16")
    guess = utf16_without_bom(head)
    if guess:
        return PrelimError(f"{source.name}: looks like UTF-16 text without a byte-order "
                           f"mark (every other byte is NUL); add --encoding {guess}")
    where = f" at byte {at:,}" if at is not None else ""
    return PrelimError(f"{source.name}: is not a text file (it holds a NUL byte{where}); "
                       "give a CSV file")


def head_bytes(source: Source, size: int = SNIFF_BYTES) -> bytes:
    try:
        with opened(source, check=False) as handle:
            return handle.read(size)
    except _BAD_ARCHIVE as err:
        raise _not_compressed(source, err) from None


@contextlib.contextmanager
def opened(source: Source, label: str | None = None, check: bool = True):
    """A binary handle on the source's text: decompressed as pandas would (by the name's
    ending), refused at the first NUL byte wherever it is, with a progress bar on stderr
    when asked."""
    with contextlib.ExitStack() as stack:
        if source.data is not None:
            raw = io.BytesIO(source.data)
        else:
            raw = stack.enter_context(open(source.path, "rb"))
            if label and source.progress:
                raw = io.BufferedReader(_Counting(raw, stack.enter_context(_bar(source,
                                                                                label))))
        raw = _decompressed(stack, raw, source)
        yield io.BufferedReader(_NulFree(raw, source)) if check and not source.wide else raw


@contextlib.contextmanager
def _bar(source: Source, label: str):
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task(f"{label} {source.name}", total=source.size)
        yield lambda n: bar.advance(task, n)


def _decompressed(stack: contextlib.ExitStack, raw, source: Source):
    kind = source.compression
    if kind is None:
        return raw
    try:
        if kind == "zip":
            import zipfile

            archive = stack.enter_context(zipfile.ZipFile(raw))
            names = archive.namelist()
            if len(names) != 1:
                raise PrelimError(f"{source.name}: a zip of {len(names)} files; pandas reads a "
                                  "zip that holds exactly one CSV")
            return stack.enter_context(archive.open(names[0]))
        if kind == "zstd":
            try:
                import zstandard
            except ImportError:
                raise PrelimError(f"{source.name}: reading .zst needs the zstandard package: "
                                  "pip install zstandard (or decompress it first)") from None
            return stack.enter_context(zstandard.ZstdDecompressor().stream_reader(raw))
        import bz2
        import gzip
        import lzma

        return stack.enter_context({"gzip": gzip, "bz2": bz2, "xz": lzma}[kind].open(raw, "rb"))
    except _BAD_ARCHIVE as err:
        raise _not_compressed(source, err) from None


def _not_compressed(source: Source, err: Exception) -> PrelimError:
    return PrelimError(f"{source.name}: is not a valid {source.compression} file ({err}); "
                       "check the file, or rename it if it is not compressed")


class _NulFree(io.RawIOBase):
    """A raw stream that refuses the first NUL byte it passes on: a CSV is text."""

    def __init__(self, raw, source: Source) -> None:
        self.raw, self.source, self.at = raw, source, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        nul = data.find(b"\0")
        if nul >= 0:
            raise _nul(self.source, data, self.at + nul)
        self.at += n
        return n


class _Counting(io.RawIOBase):
    """A raw file that reports how many bytes were read (for the progress bar)."""

    def __init__(self, raw, advance) -> None:
        self.raw, self.advance = raw, advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        self.advance(n or 0)
        return n

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
import zlib
from pathlib import Path

from prelim_cli.core.demo import Message, PrelimError
from prelim_cli.topics.preprocess.sniff import utf16_without_bom
from prelim_cli.topics.preprocess.source import EXAMPLES, Source

SNIFF_BYTES = 8192  # a NUL byte in the first 8 KB means the file is not text
_BAD_ARCHIVE = (OSError, EOFError, lzma.LZMAError, zipfile.BadZipFile, zlib.error)
PROGRESS_BYTES = 16 * 2**20  # a bar only for files that take more than a moment to read


def file_source(path: str, sep: str, encoding: str, na_values: list[str],
                progress: str | None = None) -> Source:
    """A file or ``-`` (stdin), checked to be a CSV worth handing to pandas."""
    na = tuple(v for item in na_values for v in item.split(",") if v)
    if path == "-":
        data = sys.stdin.buffer.read()
        source = Source("sys.stdin", data=data, sep=sep, encoding=encoding, na_values=na)
    else:
        p = Path(path)
        if not p.exists():
            raise PrelimError("preprocess.opening.file_source", path=path)
        if p.is_dir():
            raise PrelimError("preprocess.opening.file_source_2", path=path)
        if not p.is_file() and not p.is_fifo():
            raise PrelimError("preprocess.opening.file_source_3", path=path)
        if p.is_fifo() or p.stat().st_size == 0:
            # a pipe (read once, like stdin) or a file whose size the system gives as 0
            # (/proc): read into memory, so it is seen whole, and neither called empty
            data = p.read_bytes()
            return _checked(Source(path, data=data, sep=sep, encoding=encoding, na_values=na))
        source = Source(path, path=p, sep=sep, encoding=encoding, na_values=na,
                        progress=progress if p.stat().st_size >= PROGRESS_BYTES else None)
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
        raise PrelimError("preprocess.opening.check_text", name=source.name)
    if b"\0" in head and not source.wide:
        raise _nul(source, head)


def _nul(source: Source, head: bytes, at: int | None = None) -> PrelimError:
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return PrelimError("preprocess.opening.nul_2", name=source.name)
    guess = utf16_without_bom(head)
    if guess:
        return PrelimError("preprocess.opening.nul_3", name=source.name, guess=guess)
    where = Message("preprocess.at_byte", at=at) if at is not None else ""
    return PrelimError("preprocess.opening.nul", name=source.name, where=where)


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

    from prelim_cli.i18n import words

    bar = Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                   TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task(f"{words(source.progress).get(label, label)} {source.name}",
                            total=source.size)
        yield lambda n: bar.advance(task, n)


def _decompressed(stack: contextlib.ExitStack, raw, source: Source):
    """The archive's text as a stream whose every read refuses a broken archive (a
    truncated .gz fails only at its end), or ``raw`` itself for a file not compressed."""
    if source.compression is None:
        return raw
    return io.BufferedReader(_Archive(_archive(stack, raw, source), source))


def _archive(stack: contextlib.ExitStack, raw, source: Source):
    kind = source.compression
    try:
        if kind == "zip":
            import zipfile

            archive = stack.enter_context(zipfile.ZipFile(raw))
            names = archive.namelist()
            if len(names) != 1:
                raise PrelimError("preprocess.opening.decompressed", name=source.name,
                                  len_names=len(names))
            return stack.enter_context(archive.open(names[0]))
        if kind == "zstd":
            try:
                import zstandard
            except ImportError:
                raise PrelimError("preprocess.opening.decompressed_2", name=source.name) from None
            return stack.enter_context(zstandard.ZstdDecompressor().stream_reader(raw))
        import bz2
        import gzip
        import lzma

        return stack.enter_context({"gzip": gzip, "bz2": bz2, "xz": lzma}[kind].open(raw, "rb"))
    except _BAD_ARCHIVE as err:
        raise _not_compressed(source, err) from None


def _not_compressed(source: Source, err: Exception) -> PrelimError:
    return PrelimError("preprocess.opening.not_compressed", name=source.name,
                       compression=source.compression, err=err)


class _Archive(io.RawIOBase):
    """A decompressing stream whose errors (a truncated or corrupt archive) say so."""

    def __init__(self, raw, source: Source) -> None:
        self.raw, self.source = raw, source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self.raw.read(len(buffer))
        except _BAD_ARCHIVE as err:
            raise _not_compressed(self.source, err) from None
        buffer[:len(data)] = data
        return len(data)


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

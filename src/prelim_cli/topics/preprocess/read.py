"""Reading a CSV for ``prelim preprocess``: where it comes from, and every way it can be bad.

A ``Source`` is a file, stdin or the book's example, plus the ``read_csv`` options
the user gave. ``check`` refuses what is not a CSV before pandas sees it (missing,
a folder, empty, binary, duplicate column names); ``csv_errors`` turns what pandas
raises while parsing into one line that says what to fix.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import lzma
import re
import sys
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from prelim_cli.core.demo import PrelimError
from prelim_cli.topics.preprocess.sniff import likely_encoding, utf16_without_bom

# The book's house_tiny.csv (§2.2.1, 动手学深度学习 edition): NA marks a missing value.
HOUSE_TINY = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n"
EXAMPLES = {"house_tiny": HOUSE_TINY}

SNIFF_BYTES = 8192  # a NUL byte in the first 8 KB means the file is not text
SAMPLE_BYTES = 2**16  # what an encoding is guessed from
_BAD_ARCHIVE = (OSError, EOFError, lzma.LZMAError, zipfile.BadZipFile)
PROGRESS_BYTES = 16 * 2**20  # a bar only for files that take more than a moment to read


# what pandas' compression="infer" reads, by the file name's ending
COMPRESSION = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zip": "zip", ".zst": "zstd"}


@dataclass(frozen=True)
class Source:
    """One CSV input: a path, or bytes already in memory (stdin, the example)."""

    name: str  # as the code shows it: 'house.csv' or sys.stdin
    path: Path | None = None
    data: bytes | None = None
    sep: str = ","
    encoding: str = "utf-8"
    na_values: tuple[str, ...] = ()
    progress: bool = False  # draw a bar on stderr (the command decides: stderr is a TTY)
    forced_text: frozenset[str] = field(default_factory=frozenset)  # columns read as str
    book: bool = False  # the book's house_tiny.csv: the demo uses the book's own code

    @property
    def size(self) -> int:
        return self.path.stat().st_size if self.path else len(self.data or b"")

    @property
    def compression(self) -> str | None:
        return COMPRESSION.get(Path(self.name).suffix.lower()) if self.name != "sys.stdin" \
            else None

    @property
    def wide(self) -> bool:
        """UTF-16 or UTF-32, where NUL bytes are part of the text."""
        return self.encoding.lower().replace("-", "").replace("_", "").startswith(("utf16",
                                                                                   "utf32"))

    def options(self) -> dict:
        """The read_csv keywords beyond pandas' defaults, in the order the code shows them."""
        opts: dict = {}
        if self.compression:  # pandas infers it from the name; the code says so
            opts["compression"] = self.compression
        if self.sep != ",":
            opts["sep"] = self.sep
        if self.encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            opts["encoding"] = self.encoding
        if self.na_values:
            opts["na_values"] = list(self.na_values)
        return opts

    def code(self, **more) -> str:
        """``pd.read_csv('house.csv', sep=';')``: the call a learner would type."""
        target = self.name if self.name == "sys.stdin" else repr(self.name)
        args = [target] + [f"{k}={v!r}" for k, v in {**self.options(), **more}.items()]
        return f"pd.read_csv({', '.join(args)})"

    def kwargs(self) -> dict:
        dtype = {c: "str" for c in self.forced_text} or None
        # index_col=False: rows with one field more than the header are an error (pandas
        # would otherwise quietly make the first column the index and shift the rest).
        return {"sep": self.sep, "encoding": self.encoding, "na_values": list(self.na_values)
                or None, "dtype": dtype, "index_col": False}


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
    head = _head_bytes(source)
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


def _head_bytes(source: Source, size: int = SNIFF_BYTES) -> bytes:
    try:
        with opened(source, check=False) as handle:
            return handle.read(size)
    except _BAD_ARCHIVE as err:
        raise _not_compressed(source, err) from None


def _not_utf8(source: Source, err: UnicodeDecodeError) -> PrelimError:
    """Which byte is not UTF-8, and the encoding the file most likely has."""
    sample = _head_bytes(source, SAMPLE_BYTES)
    try:
        sample.decode("utf-8")
        byte, where = err.object[err.start:err.start + 1].hex(), ""
        sample = err.object
    except UnicodeDecodeError as first:
        byte, where = sample[first.start:first.start + 1].hex(), f" at {first.start}"
    guess = likely_encoding(sample)
    hint = (f"it looks like {guess[1]}: add --encoding {guess[0]}" if guess else
            "give its encoding with --encoding (gb18030, shift_jis, cp1252 and latin-1 "
            "are common)")
    return PrelimError(f"{source.name}: is not UTF-8 text (byte 0x{byte}{where}); {hint}")


def header(source: Source) -> list[str]:
    """The column names as pandas gives them (an empty one is ``Unnamed: 0``), after
    refusing a name written twice: pandas would quietly rename the second ``a`` to ``a.1``."""
    with csv_errors(source), opened(source) as handle:
        row = pd.read_csv(handle, header=None, nrows=1, sep=source.sep, dtype=str,
                          encoding=source.encoding, keep_default_na=False)
    names = list(row.iloc[0])
    other = [c for c in ",;\t|" if len(names) == 1 and c != source.sep and c in names[0]]
    if other:
        raise PrelimError(f"{source.name}: the header reads as one column {names[0]!r}; the "
                          f"fields look separated by {other[0]!r}: give --sep "
                          f"'{other[0].replace(chr(9), chr(92) + 't')}'")
    seen: dict[str, int] = {}
    for i, name in enumerate(names, 1):
        if name in seen:
            raise PrelimError(f"{source.name}: column name {name!r} appears twice in the header "
                              f"(columns {seen[name]} and {i}); rename one, pandas would "
                              f"silently call the second {name}.1")
        if name:  # empty names are not duplicates: pandas numbers them
            seen[name] = i
    with csv_errors(source), opened(source) as handle:
        return list(pd.read_csv(handle, nrows=0, **source.kwargs()).columns)


def read_frame(source: Source) -> pd.DataFrame:
    """The whole file as one DataFrame: the book's ``pd.read_csv``."""
    with csv_errors(source), opened(source, "Reading") as handle:
        # low_memory=False infers each column's dtype from the whole column (pandas
        # otherwise guesses per internal block and can mix floats and strings).
        data = pd.read_csv(handle, low_memory=False, **source.kwargs())
    if len(data) == 0:
        raise PrelimError(f"{source.name}: has a header but no data rows")
    return data


def read_chunks(source: Source, rows: int, label: str = "Reading") -> Iterator[pd.DataFrame]:
    """The file in chunks of ``rows`` rows, for the two streaming passes."""
    with csv_errors(source), opened(source, label) as handle:
        # low_memory=False: each chunk is typed as a whole (no DtypeWarning on stderr);
        # the chunk size already bounds the memory.
        yield from pd.read_csv(handle, chunksize=rows, low_memory=False, **source.kwargs())


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


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@contextlib.contextmanager
def csv_errors(source: Source):
    """What pandas raises on a bad CSV, as one line that says how to fix it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            yield
    except pd.errors.ParserWarning:
        raise PrelimError(f"{source.name}: the data rows have more fields than the header "
                          "has names; name every column in the header (or remove a "
                          f"trailing {source.sep!r} from the rows)") from None
    except pd.errors.EmptyDataError:
        raise PrelimError(f"{source.name}: has no header row (only blank lines?); a CSV "
                          "needs a header row and data rows") from None
    except pd.errors.ParserError as err:
        found = _FIELDS.search(str(err))
        if found:
            expected, line, saw = found.groups()
            raise PrelimError(f"{source.name}, line {line}: {saw} fields where the header has "
                              f"{expected}; fix that row (a value that contains "
                              f"{source.sep!r} must be quoted)") from None
        raise PrelimError(f"{source.name}: not a valid CSV ({str(err).strip()})") from None
    except UnicodeDecodeError as err:
        if source.encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            raise _not_utf8(source, err) from None
        byte = err.object[err.start:err.start + 1].hex()
        raise PrelimError(f"{source.name}: byte 0x{byte} is not valid {source.encoding}; "
                          "give the file's encoding, e.g. --encoding latin-1") from None
    except UnicodeError as err:  # e.g. utf-16 without a byte-order mark
        raise PrelimError(f"{source.name}: cannot be read as {source.encoding} ({err}); "
                          "check --encoding: utf-8 and latin-1 are the usual ones, utf-16-le "
                          "is UTF-16 without a byte-order mark") from None
    except LookupError:
        raise PrelimError(f"--encoding {source.encoding}: unknown encoding; try utf-8 or "
                          "latin-1") from None

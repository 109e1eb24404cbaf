"""Parsing a CSV for ``prelim preprocess`` into a DataFrame, and every way it can be bad
as a CSV: ``header`` refuses duplicate column names and a wrong separator, ``csv_errors``
turns what pandas raises while parsing into one line that says what to fix. The bytes
come from ``opening``.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Iterator

import pandas as pd

from prelim_cli.core.demo import Message, PrelimError
from prelim_cli.topics.preprocess.opening import head_bytes, opened
from prelim_cli.topics.preprocess.sniff import likely_encoding
from prelim_cli.topics.preprocess.source import Source

SAMPLE_BYTES = 2**16  # what an encoding is guessed from


def _not_utf8(source: Source, err: UnicodeDecodeError) -> PrelimError:
    """Which byte is not UTF-8, and the encoding the file most likely has."""
    sample = head_bytes(source, SAMPLE_BYTES)
    try:
        sample.decode("utf-8")
        byte, where = err.object[err.start:err.start + 1].hex(), ""
        sample = err.object
    except UnicodeDecodeError as first:
        byte = sample[first.start:first.start + 1].hex()
        where = Message("preprocess.at_offset", at=first.start)
    guess = likely_encoding(sample)
    hint = (Message("preprocess.looks_like", name=guess[1], encoding=guess[0]) if guess
            else Message("preprocess.give_encoding"))
    return PrelimError("preprocess.read.not_utf8", name=source.name, byte=byte, where=where,
                       hint=hint)


def header(source: Source) -> list[str]:
    """The column names as pandas gives them (an empty one is ``Unnamed: 0``), after
    refusing a name written twice: pandas would quietly rename the second ``a`` to ``a.1``."""
    with csv_errors(source), opened(source) as handle:
        row = pd.read_csv(handle, header=None, nrows=1, sep=source.sep, dtype=str,
                          encoding=source.encoding, keep_default_na=False)
    names = list(row.iloc[0])
    other = [c for c in ",;\t|" if len(names) == 1 and c != source.sep and c in names[0]]
    if other:
        raise PrelimError("preprocess.read.header", name=source.name, names=names[0],
                          other=other[0], replace=other[0].replace(chr(9), chr(92) + 't'))
    seen: dict[str, int] = {}
    for i, name in enumerate(names, 1):
        if name in seen:
            raise PrelimError("preprocess.read.header_2", name=source.name, name2=name,
                              seen=seen[name], i=i)
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
        raise PrelimError("preprocess.read.read_frame", name=source.name)
    return data


def read_chunks(source: Source, rows: int, label: str = "Reading") -> Iterator[pd.DataFrame]:
    """The file in chunks of ``rows`` rows, for the two streaming passes."""
    with csv_errors(source), opened(source, label) as handle:
        # low_memory=False: each chunk is typed as a whole (no DtypeWarning on stderr);
        # the chunk size already bounds the memory.
        yield from pd.read_csv(handle, chunksize=rows, low_memory=False, **source.kwargs())


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@contextlib.contextmanager
def csv_errors(source: Source):
    """What pandas raises on a bad CSV, as one line that says how to fix it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            yield
    except pd.errors.ParserWarning:
        raise PrelimError("preprocess.read.csv_errors", name=source.name, sep=source.sep) from None
    except pd.errors.EmptyDataError:
        raise PrelimError("preprocess.read.csv_errors_2", name=source.name) from None
    except pd.errors.ParserError as err:
        found = _FIELDS.search(str(err))
        if found:
            expected, line, saw = found.groups()
            raise PrelimError("preprocess.read.csv_errors_7", name=source.name, line=line,
                              saw=saw, expected=expected, sep=source.sep) from None
        raise PrelimError("preprocess.read.csv_errors_3", name=source.name,
                          strip=str(err).strip()) from None
    except UnicodeDecodeError as err:
        if source.encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            raise _not_utf8(source, err) from None
        byte = err.object[err.start:err.start + 1].hex()
        raise PrelimError("preprocess.read.csv_errors_4", name=source.name, byte=byte,
                          encoding=source.encoding) from None
    except UnicodeError as err:  # e.g. utf-16 without a byte-order mark
        raise PrelimError("preprocess.read.csv_errors_5", name=source.name,
                          encoding=source.encoding, err=err) from None
    except LookupError:
        raise PrelimError("preprocess.read.csv_errors_6", encoding=source.encoding) from None

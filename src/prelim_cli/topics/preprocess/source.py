"""One CSV input of ``prelim preprocess``, as data: where it comes from (a file, stdin or
the book's example) and the ``read_csv`` options the user gave.

A leaf module (it imports nothing from the package): ``opening`` (the bytes) and
``read`` (the frame) both take a ``Source`` without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The book's house_tiny.csv (§2.2.1, 动手学深度学习 edition): NA marks a missing value.
HOUSE_TINY = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n"
EXAMPLES = {"house_tiny": HOUSE_TINY}

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
    progress: str | None = None  # draw a bar on stderr, labelled in this language (the
    # command decides: stderr is a terminal)
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

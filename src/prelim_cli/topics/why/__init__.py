"""``prelim why``: a pasted PyTorch or pandas error, recognised and explained.

``read`` finds the exceptions in the text (a traceback, chained ones, IPython's colours),
``catalogue`` holds the errors chapter 2 teaches as data, ``lesson`` turns a match into a
Demo, ``live`` produces every catalogued error for real on the installed versions (for the
tests and ``prelim doctor``). ``explain`` is the API ``prelim learn`` uses on a learner's
error. Nothing here imports torch, and nothing from the text is ever run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from prelim_cli.topics.why.catalogue import ENTRIES, Entry
from prelim_cli.topics.why.derive import captured
from prelim_cli.topics.why.read import Found, exceptions

__all__ = ["ENTRIES", "Entry", "Match", "explain", "key_words"]


@dataclass(frozen=True)
class Match:
    entry: Entry
    found: Found  # the exception recognised
    numbers: dict[str, Any]  # what the pattern captured: whole numbers as int
    params: dict[str, Any] = field(default_factory=dict)  # numbers + what derive computed
    later: int = 0  # how many exceptions were raised after it (chained ones)

    @property
    def fix(self) -> str:
        return self.entry.fix.format(**self.params)

    @property
    def command(self) -> str:
        return self.entry.command.format(**self.params)

    @property
    def operands(self) -> list[tuple[int, ...]] | None:
        return self.entry.operands(self.params) if self.entry.operands else None


def explain(text: str) -> Match | None:
    """The catalogue entry that explains the error in ``text`` (a message or a whole
    traceback), or None. The exception raised last is tried first, then the ones it was
    raised while handling or from."""
    found = exceptions(text)
    for later, exc in enumerate(reversed(found)):
        match = recognise(exc, later)
        if match:
            return match
    return None


def recognise(exc: Found, later: int = 0) -> Match | None:
    for entry in ENTRIES:
        if entry.types and exc.type and exc.type.rsplit(".", 1)[-1] not in entry.types:
            continue
        for message in dict.fromkeys((exc.message, exc.unwrapped)):
            for pattern in entry.compiled:
                hit = pattern.search(message)
                if hit:
                    numbers = {k: captured(k, v) for k, v in hit.groupdict().items()}
                    params = {**numbers, **(entry.derive(numbers) if entry.derive else {})}
                    return Match(entry, exc, numbers, params, later)
    return None


STOP = frozenset("""a an and are as at be but by can cannot for from got has have if in into
is it its must not of on only or than that the their this to was were when which while with
you your""".split())


def key_words(message: str, most: int = 6) -> list[str]:
    """The words of a message that say what it is about: no numbers, no little words."""
    words = re.findall(r"[A-Za-z_][\w.]*[A-Za-z_0-9]|[A-Za-z]", message)
    chosen = [w for w in dict.fromkeys(words) if w.lower() not in STOP and 2 < len(w) <= 40]
    return chosen[:most]

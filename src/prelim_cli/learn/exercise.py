"""An exercise is data: where the book asks it, what kind it is, its words in both languages,
the file a learner starts from, the reference solution, and the checker that judges a file.

No torch here: ``prelim learn`` lists, starts and hints without loading it. A checker is
named, not imported (``"linalg:check_row_sums"`` in ``learn/exercises/``): it runs only in
the child Python that runs the learner's file (``learn/harness.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("code", "check", "reflect")
# code: prelim checks a function or value against a reference, on the book's inputs and on
#   generated ones; check: a "show that ..." claim, verified numerically on many random inputs
#   (evidence, not a proof); reflect: only a person can judge it, prelim never claims to.


@dataclass(frozen=True)
class Text:
    """The same words in both languages prelim speaks."""

    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Exercise:
    slug: str  # stable across editions and releases: the state file's key ("linalg.row-sums")
    section: str  # the chapter.py section it belongs to ("linalg")
    numbers: dict[str, str]  # edition -> its number there ({"zh": "2.3.6", "en": "2.3.6"})
    kind: str  # one of KINDS
    title: Text
    statement: Text  # what to do, in prelim's own words; the book's words are not copied
    hints: tuple[Text, ...]  # revealed one at a time by `prelim learn hint`
    stub: str  # the code a learner starts from (after the file's header): names to fill in
    solution: str  # a reference that passes the check (what `prelim learn solution` prints)
    answer: Text  # shown once passed (reflect: once marked done): the reasoning, the maths
    checker: str | None = None  # "module:function" in learn/exercises/; None for reflect
    lesson: str = ""  # the prelim command that teaches it ("prelim linalg sum --axis 1")

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind
        assert (self.checker is None) == (self.kind == "reflect"), self.slug

    def number(self, edition: str) -> str | None:
        return self.numbers.get(edition)

    def file_name(self, edition: str) -> str:
        """``ex_2_3_6.py``: the number of the edition the workspace follows."""
        number = self.numbers.get(edition) or next(iter(self.numbers.values()))
        return "ex_" + number.replace(".", "_") + ".py"

"""The text of an exercise file: a header of comments, then the stub (or the reference).

The header says what the file is (prelim learn, the exercise's id and kind), where the book
asks it in both editions, the statement in the reader's language wrapped as comment lines
(render/prose.py's wrapping, which breaks Chinese where Chinese breaks), and the commands
that check it and reveal a hint. No torch.
"""

from __future__ import annotations

from prelim_cli.i18n import words
from prelim_cli.learn.exercise import Exercise
from prelim_cli.render.prose import wrap

WIDTH = 79  # the file's lines, "# " included
BOOK = {"zh": "d2l-zh 练习 {number}", "en": "d2l-en Exercise {number}"}  # each book's own word


def ident(exercise: Exercise, edition: str) -> str:
    """What the learner types: the number in the edition they read, else the slug."""
    return exercise.number(edition) or exercise.slug


def book_line(exercise: Exercise) -> str:
    """``d2l-zh 练习 2.3.7 · d2l-en Exercise 2.3.8``: where each edition asks it."""
    return " · ".join(BOOK[edition].format(number=number)
                      for edition, number in sorted(exercise.numbers.items(), reverse=True))


def header(exercise: Exercise, edition: str, lang: str, where: str = "") -> str:
    """The comment lines that open the file; ``where`` follows each command (`` --dir X``)."""
    said, number = words(lang), ident(exercise, edition)
    lines = [said["learn file title"].format(id=number, kind=said[exercise.kind],
                                             title=exercise.title(lang)),
             book_line(exercise), "", *wrap(exercise.statement(lang), WIDTH - 2), "",
             said["learn file check"].format(id=number) + where,
             said["learn file hint"].format(id=number) + where]
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def exercise_file(exercise: Exercise, edition: str, lang: str, where: str = "",
                  solved: bool = False) -> str:
    """The file ``prelim learn start`` writes (the stub), or with ``solved`` the one
    ``prelim learn solution`` prints (the reference, which passes the check)."""
    body = exercise.solution if solved else exercise.stub
    return header(exercise, edition, lang, where) + "\n" + body

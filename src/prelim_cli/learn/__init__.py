"""prelim learn: the chapter's exercises, checked as the learner works.

The exercises are data (``exercise.Exercise``), one module per section of the chapter in
``learn/exercises/`` named as ``chapter.py`` names the section, each holding its
``EXERCISES`` in the book's order and the checkers they name. This module is the one list
of them, in book order; an exercise is found by its number in an edition of the book
(``2.3.6``) or by its slug. Light: no torch, which only the child that checks a file loads.
"""

from __future__ import annotations

import importlib
from functools import cache

from prelim_cli import chapter
from prelim_cli.learn.exercise import Exercise


@cache
def every() -> tuple[Exercise, ...]:
    """Every exercise of both editions, section by section in the chapter's order."""
    found: list[Exercise] = []
    for section in chapter.SECTIONS:
        module = importlib.import_module(f"prelim_cli.learn.exercises.{section.name}")
        found += module.EXERCISES
    return tuple(found)


def of(edition: str) -> list[Exercise]:
    """The exercises an edition of the book asks, in its order."""
    asked = [e for e in every() if e.number(edition)]
    return sorted(asked, key=lambda e: tuple(int(n) for n in e.number(edition).split(".")))


def by_slug(slug: str) -> Exercise | None:
    return next((e for e in every() if e.slug == slug), None)


def find(ident: str, edition: str) -> Exercise | None:
    """``2.3.6`` as the edition numbers it, or a slug (``linalg.row-sums``)."""
    return next((e for e in every() if e.number(edition) == ident), None) or by_slug(ident)


def checker(exercise: Exercise):
    """The checking function (only the child that runs a learner's file calls this)."""
    module, _, function = exercise.checker.partition(":")
    return getattr(importlib.import_module(f"prelim_cli.learn.exercises.{module}"), function)


def counts() -> dict[str, dict[str, int]]:
    """How many exercises each edition asks, by kind (the README's table)."""
    from prelim_cli.learn.exercise import KINDS

    return {edition: {kind: sum(e.kind == kind for e in of(edition)) for kind in KINDS}
            for edition in chapter.EDITIONS}

"""The exercises of §2.5 (both editions) and their checkers."""

from prelim_cli.learn.exercise import Exercise

EXERCISES: list[Exercise] = []

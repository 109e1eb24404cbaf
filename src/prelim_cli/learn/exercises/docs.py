"""The exercises of §2.7 (both editions) and their checkers."""

from prelim_cli.learn.exercise import Exercise

EXERCISES: list[Exercise] = []

"""Explanations in English and Chinese: one catalog per language, one lookup.

A catalog maps a step key to ``(label, explanation)``; both may hold
``{placeholders}`` filled from the step's params. Code and values are never
translated.

A count followed by a noun names both English forms: ``{n:plural:# row|# rows}``
gives "1 row" and "2 rows" (# is the number). Chinese has no plural, so the zh
catalog writes the number alone: ``{n} 行``.
"""

from __future__ import annotations

import importlib
import os
import string
from collections.abc import Mapping
from typing import Any

LANGS = ("en", "zh")


def default_lang(environ: Mapping[str, str] = os.environ) -> str:
    """PRELIM_LANG wins; otherwise the locale (LANG=zh_CN.UTF-8 means Chinese)."""
    chosen = environ.get("PRELIM_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def plural(count: Any, forms: str) -> str:
    """``plural(1, "# row|# rows")`` -> "1 row"; 0, 2 or 1.5 -> "0 rows", "2 rows", "1.5 rows".

    English has two forms: the first for exactly 1, the last for any other number.
    A single form serves every number. Error messages, which are English only, use
    this too, so a count reads the same in a message and in an explanation.
    """
    *one, other = forms.split("|")
    number = format(count)
    return (one[0] if one and number == "1" else other).replace("#", number)


class _CatalogFormatter(string.Formatter):
    """``str.format`` plus the ``plural:`` spec."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            return plural(value, format_spec.removeprefix("plural:"))
        return super().format_field(value, format_spec)


FORMATTER = _CatalogFormatter()


def catalog(lang: str) -> dict[str, tuple[str, str]]:
    return importlib.import_module(f"prelim_cli.i18n.{lang}").MESSAGES


class Texts:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.messages = catalog(lang)

    def step(self, key: str, params: Mapping[str, Any]) -> tuple[str, str]:
        label, explanation = self.messages[key]
        return FORMATTER.format(label, **params), FORMATTER.format(explanation, **params)

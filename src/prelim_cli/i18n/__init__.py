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
C_LOCALES = ("C", "POSIX")  # the untranslated locale, under both of its names


def default_lang(environ: Mapping[str, str] = os.environ) -> str:
    """The language when --lang is not given, read the way GNU gettext reads it.

    PRELIM_LANG wins. Then gettext's order: LANGUAGE, a priority list such as
    ``zh_CN:en`` whose first entry prelim has a catalog for is taken; then the
    locale, the first non-empty of LC_ALL, LC_MESSAGES and LANG
    (``LANG=zh_CN.UTF-8`` means Chinese; C, POSIX and any other language, English).

    As in gettext, LANGUAGE is ignored while the locale is C or POSIX (or unset):
    that locale promises untranslated output, which a LANGUAGE left in the
    environment must not change; set LANG to a real locale, or PRELIM_LANG.
    C.UTF-8 is a locale of its own to gettext, so there LANGUAGE counts. A
    LANGUAGE listing no language prelim has (``de:fr``) gives English, the
    untranslated text, as in gettext: it does not fall back to the locale.
    prelim only reads the variables; it never asks which locales are installed.
    """
    chosen = environ.get("PRELIM_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    locale = next((environ[var] for var in ("LC_ALL", "LC_MESSAGES", "LANG")
                   if environ.get(var)), "C")
    priority = environ.get("LANGUAGE", "")
    if priority and locale not in C_LOCALES:
        return next((lang for lang in map(_language, priority.split(":")) if lang), "en")
    return _language(locale) or "en"


def _language(locale: str) -> str | None:
    """The catalog a locale name asks for: zh_CN.UTF-8 -> zh, en -> en, de_DE -> None.
    C and POSIX are English (the untranslated messages), and so end a LANGUAGE list."""
    if locale in C_LOCALES:
        return "en"
    lang = locale.split(".")[0].split("@")[0].split("_")[0].lower()
    return lang if lang in LANGS else None


def plural(count: Any, forms: str) -> str:
    """``plural(1, "# row|# rows")`` -> "1 row"; 0, 2 or 1.5 -> "0 rows", "2 rows", "1.5 rows".

    English has two forms: the first for exactly 1, the last for any other number.
    A single form serves every number. Error messages use the same spec, so a count
    reads the same in a message and in an explanation.
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


def words(lang: str) -> dict[str, str]:
    """Table headers and labels a renderer shows (``axis``, ``(empty)``): English -> the
    language's word; a header not listed (a CSV's own column name) is shown as it is."""
    return importlib.import_module(f"prelim_cli.i18n.{lang}").WORDS


def errors(lang: str) -> dict[str, str]:
    """The error messages of a language: key -> one sentence with {placeholders}."""
    return importlib.import_module(f"prelim_cli.i18n.{lang}").ERRORS


def _in(lang: str, value: Any) -> Any:
    """A Message (or a PrelimError, which holds one) in ``lang``; any other value as it is."""
    value = getattr(value, "message", value)
    return value.text(lang) if hasattr(value, "key") and hasattr(value, "text") else value


def error_text(lang: str, key: str, params: Mapping[str, Any]) -> str:
    """The sentence of an error (core.errors.Message) in ``lang``; a param that is a
    Message itself is written in the same language first."""
    filled = {name: _in(lang, value) for name, value in params.items()}
    return FORMATTER.format(errors(lang)[key], **filled)


class Texts:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.messages = catalog(lang)
        self.words = words(lang)

    def step(self, key: str, params: Mapping[str, Any]) -> tuple[str, str]:
        label, explanation = self.messages[key]
        return FORMATTER.format(label, **params), FORMATTER.format(explanation, **params)

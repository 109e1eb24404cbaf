"""Explanations in English and Chinese: one catalog per language, one lookup.

A catalog maps a step key to ``(label, explanation)``; both may hold
``{placeholders}`` filled from the step's params. Code and values are never
translated.
"""

from __future__ import annotations

import importlib
import os
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


def catalog(lang: str) -> dict[str, tuple[str, str]]:
    return importlib.import_module(f"prelim_cli.i18n.{lang}").MESSAGES


class Texts:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.messages = catalog(lang)

    def step(self, key: str, params: Mapping[str, Any]) -> tuple[str, str]:
        label, explanation = self.messages[key]
        return label.format(**params), explanation.format(**params)

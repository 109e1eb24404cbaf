"""The one error type for "show this to the user", in a module of its own: the CLI layer
loads it at start-up, and a leaf (the expression grammar) raises it, without Step, Demo
and values.

An error holds no sentence, only a catalog key and its params (a ``Message``): the CLI
layer writes it in the reader's language (``i18n/en.py`` and ``zh.py``: ``ERRORS``),
through the same formatter as the explanations. A param may be a Message itself (a part
of a sentence chosen at the raise site), written in the same language.
"""

from __future__ import annotations

from typing import Any


class Message:
    """A sentence for a person, not yet in any language: ``Message("shape.empty", text="")``."""

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key, self.params = key, params

    def text(self, lang: str = "en") -> str:
        from prelim_cli.i18n import error_text

        return error_text(lang, self.key, self.params)

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"


class PrelimError(Exception):
    """A mistake the user can fix. The CLI prints ``Error: <message>`` and exits 1; the
    steps of ``demo``, when there are any, are rendered first (they show what went wrong).
    ``PrelimError("shape.empty", text=text)`` names the ERRORS entry and fills it;
    ``str(err)`` is the English sentence, ``err.text(lang)`` the reader's."""

    exit_code = 1

    def __init__(self, key: str | Message, /, demo: Any = None, **params: Any) -> None:
        self.message = key if isinstance(key, Message) else Message(key, **params)
        super().__init__(self.message.key)
        self.demo = demo

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)

    def __str__(self) -> str:
        return self.text()


class UsageError(PrelimError):
    """Options that do not go together: exit 2, like typer's own usage errors."""

    exit_code = 2

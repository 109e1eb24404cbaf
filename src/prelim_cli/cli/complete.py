"""Tab completion for the shell, read from the click command tree itself: the commands of
a group, a command's options, and the values of an option or argument that has choices
(``--format`` → table, repr, json). The tree is typer's own click, so it is read by
what its objects do (a group lists commands; a parameter says whether it is an option)."""

from __future__ import annotations

import shlex

from prompt_toolkit.completion import Completer as _Base
from prompt_toolkit.completion import Completion

SHELL_WORDS = ("set", "help", "exit", "quit")


def candidates(command, words: list[str], partial: str) -> list[str]:
    """What may come next after ``words`` (complete words), starting with ``partial``."""
    ctx = command.context_class(command, info_name="prelim")
    at = command
    params_done = False
    for word in words:
        if _is_group(at) and not params_done:
            sub = at.get_command(ctx, word)
            if sub is not None:
                at = sub
                continue
        params_done = True
    if _is_group(at) and not params_done:
        names = [*at.list_commands(ctx), *(SHELL_WORDS if at is command else ())]
        return [n for n in names if n.startswith(partial)]
    previous = words[-1] if words else ""
    options = [p for p in at.params if p.param_type_name == "option"]
    option = next((p for p in options if previous in p.opts and not p.is_flag), None)
    if option is not None:
        return _choices(option, partial)
    if partial.startswith("-"):
        return sorted(o for p in options for o in p.opts
                      if o.startswith(partial) and (o.startswith("--") or len(partial) < 2))
    arguments = [p for p in at.params if p.param_type_name == "argument"]
    return [c for p in arguments for c in _choices(p, partial)]


def _is_group(command) -> bool:
    return hasattr(command, "list_commands")


def _choices(param, partial: str) -> list[str]:
    choices = getattr(param.type, "choices", None) or ()
    return [str(c) for c in choices if str(c).startswith(partial)]


class Completer(_Base):
    def __init__(self, command) -> None:
        self.command = command

    def get_completions(self, document, complete_event):
        text = document.text_before_cursor
        try:
            words = shlex.split(text)
        except ValueError:  # inside an open quote: nothing sensible to offer
            return
        partial = "" if not text or text[-1].isspace() else (words.pop() if words else "")
        if words[:1] == ["prelim"]:
            words = words[1:]
        found = candidates(self.command, words, partial)
        end = " " if len(found) == 1 else ""  # the only choice: go on to the next word
        for candidate in found:
            yield Completion(candidate + end, start_position=-len(partial),
                             display=candidate)

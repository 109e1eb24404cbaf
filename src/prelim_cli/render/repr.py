"""The session transcript: ``>>> code``, then the value as a Jupyter cell shows it."""

from __future__ import annotations

from prelim_cli.core.demo import Demo
from prelim_cli.core.env import Output
from prelim_cli.core.values import NO_VALUE
from prelim_cli.i18n import Texts


def session_lines(code: str) -> list[str]:
    """Prompt each line as the interpreter would: ``...`` inside a block."""
    lines, in_block = [], False
    for line in code.splitlines():
        inside = in_block and (line.startswith((" ", "\t")) or not line.strip())
        lines.append(("... " if inside else ">>> ") + line)
        in_block = line.rstrip().endswith(":") or inside
    return lines


def value_text(value) -> str | None:
    """What a Jupyter cell shows after the code (captured when the value was frozen), or None
    (statements, None)."""
    if value is NO_VALUE or value is None:
        return None
    if hasattr(value, "shown"):
        return value.shown
    return repr(value)  # a Python number, bool or string: IPython shows its repr


def session_block(step, show_code: bool = True) -> str | None:
    """One step as the session shows it: prompts, then the echoed value."""
    lines = session_lines(step.code) if show_code else []
    text = value_text(step.value)
    if text is not None:
        lines.append(text)
    return "\n".join(lines) if lines else None


class Renderer:
    """Blocks separated by a blank line; a tour heads each section with a comment; a verdict
    is its label alone."""

    def __init__(self, texts: Texts, show_code: bool, out: Output, **others) -> None:
        self.texts, self.show_code, self.write = texts, show_code, out.stdout.write
        self.tour, self.blocks = False, 0

    def demo(self, demo: Demo) -> None:
        pass

    def section(self, section) -> None:
        self.tour = True
        self.write(f"# §{section.number} {self.texts.step(section.key, {})[0]}\n\n")

    def part(self, part, number: int) -> None:
        self.write(f"# §{part.number} {self.texts.step(part.key, {})[0]}\n\n")

    def step(self, number: int, demo: Demo, step) -> None:
        block = self.texts.step(step.key, step.params)[0] if demo.verdict else \
            session_block(step, self.show_code)
        if block is None:
            return
        if self.tour:
            self.write(block + "\n\n")
        else:
            self.write(("\n\n" if self.blocks else "") + block)
        self.blocks += 1

    def end(self, error: str | None) -> None:
        if self.blocks:
            self.write("\n")

    def end_tour(self, finished: bool) -> None:
        pass

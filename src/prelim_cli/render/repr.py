"""The Python-session transcript: ``>>> code`` then what the session prints."""

from __future__ import annotations

from prelim_cli.core.demo import Demo
from prelim_cli.core.values import NO_VALUE
from prelim_cli.i18n import Texts
from prelim_cli.render import Output


def session_lines(code: str) -> list[str]:
    """Prompt each line as the interpreter would: ``...`` inside a block."""
    lines, in_block = [], False
    for line in code.splitlines():
        inside = in_block and (line.startswith((" ", "\t")) or not line.strip())
        lines.append(("... " if inside else ">>> ") + line)
        in_block = line.rstrip().endswith(":") or inside
    return lines


def value_text(value) -> str | None:
    """What the session prints after the code, or None (statements, None)."""
    if value is NO_VALUE or value is None:
        return None
    if hasattr(value, "repr"):
        return value.repr
    return repr(value)


def session_block(step, show_code: bool = True) -> str | None:
    """One step as the session shows it: prompts, then the echoed value."""
    lines = session_lines(step.code) if show_code else []
    text = value_text(step.value)
    if text is not None:
        lines.append(text)
    return "\n".join(lines) if lines else None


def render_repr(demo: Demo, texts: Texts, show_code: bool, out: Output) -> None:
    blocks = [b for b in (session_block(step, show_code) for step in demo.steps) if b]
    out.stdout.write("\n\n".join(blocks) + "\n")

"""A reflect exercise's file, read and never run: a person judges the answer, so prelim
only reads two literal assignments, ``answer = \"\"\"...\"\"\"`` and ``done = True``, with
``ast`` (no exec, no eval; the file is the learner's and nothing in it is executed).

The result has the shape of a check's report (``learn/harness.py``), so one renderer
(``learn/report.py``) shows both: ``status`` "answered" once both are set, else
"unfinished" with what is missing, or "error" for a file Python cannot read.
"""

from __future__ import annotations

import ast
from pathlib import Path

LIMIT = 1 << 20  # bytes of a file that holds one written answer


def read(slug: str, path: Path) -> dict:
    report: dict = {"exercise": slug, "seed": None, "cases": [], "output": ""}
    try:
        source = path.read_bytes()[:LIMIT].decode("utf-8")
        tree = ast.parse(source, str(path))
    except UnicodeDecodeError as err:
        return {**report, "status": "error", "error": {"kind": "encoding", "message": str(err)}}
    except (SyntaxError, ValueError) as err:  # ValueError: a NUL byte
        return {**report, "status": "error",
                "error": {"kind": "syntax", "line": getattr(err, "lineno", None),
                          "code": (getattr(err, "text", "") or "").strip(),
                          "message": getattr(err, "msg", str(err))}}
    found = _literals(tree)
    answer, done = found.get("answer"), found.get("done")
    written = isinstance(answer, str) and bool(answer.strip())
    report.update(answer=answer.strip() if written else "", done=done is True)
    report["status"] = "answered" if written and done is True else "unfinished"
    return report


def _literals(tree: ast.Module) -> dict[str, object]:
    """``name = <literal>`` at the top of the module, the last one of each name; a value
    that is not a literal (``answer = f()``) counts as not written."""
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value.value if isinstance(node.value, ast.Constant) else None
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = value
    return found

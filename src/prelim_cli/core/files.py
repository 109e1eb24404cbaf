"""The one way prelim writes a file: checked first, then atomic.

Every ``--out``, ``--svg``, ``--plot``, ``--graph`` and ``--export`` goes through
``write_atomic``: the content goes to a temporary file in the same folder and is
renamed over the target only once complete, so an interrupted run leaves no
half-written output, and a failure removes the temporary file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from prelim_cli.core.errors import PrelimError


def check_target(path: str | Path, force: bool = False, protect: Iterable[str | Path] = (),
                 suffixes: Iterable[str] | None = None, option: str = "--out") -> Path:
    """Refuse a target before any work is spent on it."""
    target = Path(path)
    allowed = tuple(suffixes) if suffixes is not None else None
    if allowed is not None and target.suffix.lower() not in allowed:
        raise PrelimError(f"{option} {path}: unknown extension {target.suffix or '(none)'!r}; "
                          f"use one of {', '.join(allowed)}")
    if not target.parent.is_dir():
        raise PrelimError(f"{option} {path}: folder {str(target.parent)!r} does not exist; "
                          "create it first")
    if target.is_dir():
        raise PrelimError(f"{option} {path}: is a folder; give a file name")
    for p in protect:
        if p not in ("-", None) and target.exists() and Path(p).exists() \
                and os.path.samefile(target, p):
            raise PrelimError(f"{option} {path}: that is the input file; prelim never "
                              "overwrites its input, choose another name")
    if target.exists() and not force:
        raise PrelimError(f"{option} {path}: file exists; add --force to overwrite it")
    return target


def write_atomic(path: str | Path, write: Callable[..., None],
                 companions: Iterable[str | Path] = ()) -> Path:
    """Call ``write(tmp_path, *companion_tmps)`` to fill temporary files, then rename each
    to its target: one run writes all its files or none (X.npy and X.y.npy come together)."""
    targets = [Path(path), *map(Path, companions)]
    tmps: list[Path] = []
    try:
        for target in targets:
            tmps.append(_temporary(target))
        write(*tmps)
        for tmp, target in zip(tmps, targets):
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
    except OSError as err:
        _remove(tmps)
        raise PrelimError(f"cannot write {str(path)!r}: {err.strerror or err}") from None
    except BaseException:
        _remove(tmps)
        raise
    return targets[0]


def _temporary(target: Path) -> Path:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise PrelimError(f"cannot write {str(target)!r}: {err.strerror}; choose a folder you "
                          "can write to") from None
    os.close(fd)
    return Path(tmp)


def _remove(tmps: list[Path]) -> None:
    for tmp in tmps:
        tmp.unlink(missing_ok=True)


def text_writer(text: str) -> Callable[[Path], None]:
    """What fills a text file (a .dot graph, a CSV, a script) with ``text``."""
    return lambda tmp: tmp.write_text(text, encoding="utf-8")


def write_text(path: str | Path, text: str) -> Path:
    return write_atomic(path, text_writer(text))

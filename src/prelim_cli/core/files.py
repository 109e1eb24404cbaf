"""The one way prelim writes a file: checked first, then atomic.

Every ``--out``, ``--svg``, ``--plot``, ``--graph`` and ``--export`` goes through
``write_atomic``: the content goes to a temporary file in the same folder and is
renamed over the target only once complete, so an interrupted run leaves no
half-written output, and a failure removes the temporary file.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from prelim_cli.core.errors import Message, PrelimError, UsageError


def check_target(path: str | Path, force: bool = False, protect: Iterable[str | Path] = (),
                 suffixes: Iterable[str] | None = None, option: str = "--out") -> Path:
    """Refuse a target before any work is spent on it: every way the file system would
    refuse it later (no such folder, a file where a folder should be, a name too long,
    no permission) is named now, with the user's path."""
    allowed = tuple(suffixes) if suffixes is not None else None
    if not str(path).strip():
        example = f" out{allowed[0]}" if allowed else " FILE"
        raise UsageError("core.files.check_target", option=option, path=str(path),
                         example=example)
    target = Path(path)
    if allowed is not None and target.suffix.lower() not in allowed:
        raise PrelimError("core.files.check_target_2", option=option, path=path,
                          value=target.suffix or '(none)', allowed=', '.join(allowed))
    _check_folder(target, path, option)
    exists = _exists(target, path, option)
    if exists and target.is_dir():
        raise PrelimError("core.files.check_target_3", option=option, path=path)
    for p in protect:
        if p not in ("-", None) and exists and Path(p).exists() \
                and os.path.samefile(target, p):
            raise PrelimError("core.files.check_target_5", option=option, path=path)
    if exists and not force:
        raise PrelimError("core.files.check_target_4", option=option, path=path)
    return target


def check_folder(path: str | Path, option: str) -> Path:
    """Refuse a folder to write into (``tour --figures DIR``) before any work is spent: it
    must exist, be a folder, and be writable; the files made in it are checked one by one."""
    if not str(path).strip():
        raise UsageError("core.files.folder_empty", option=option, path=str(path))
    _check_folder(Path(path) / "_", path, option)
    return Path(path)


def _check_folder(target: Path, path: str | Path, option: str) -> None:
    folder = str(target.parent)
    try:
        is_dir = stat.S_ISDIR(os.stat(target.parent).st_mode)
    except OSError as err:
        if err.errno == errno.ENOTDIR:  # a part of the way is a file
            raise PrelimError("core.files.check_folder_4", option=option, path=path,
                              _first_file=str(_first_file(target.parent))) from None
        if err.errno == errno.ENOENT:
            raise PrelimError("core.files.check_folder_5", option=option, path=path,
                              folder=folder) from None
        raise _refused(err, path, option) from None
    if not is_dir:
        raise PrelimError("core.files.check_folder", option=option, path=path, folder=folder)
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise PrelimError("core.files.check_folder_2", option=option, path=path, folder=folder)
    limit = _name_max(target.parent)
    if len(os.fsencode(target.name)) > limit:
        shown = str(path) if len(str(path)) <= 80 else str(path)[:60] + "..."
        raise PrelimError("core.files.check_folder_3", option=option, shown=shown,
                          len_fsencode=len(os.fsencode(target.name)), limit=limit)


def _exists(target: Path, path: str | Path, option: str) -> bool:
    try:
        os.stat(target)
    except FileNotFoundError:
        return False
    except OSError as err:
        raise _refused(err, path, option) from None
    return True


def _refused(err: OSError, path: str | Path, option: str) -> PrelimError:
    return PrelimError("core.files.refused", option=option, path=path, value=err.strerror or err)


def _first_file(folder: Path) -> Path:
    """The first part of ``folder`` that exists and is not a folder (``a.txt`` in
    ``a.txt/b/c``)."""
    for part in (*reversed(folder.parents), folder):
        if part.exists() and not part.is_dir():
            return part
    return folder


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


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
        hint = Message("files.free_space_after") if err.errno in _FULL else ""
        raise PrelimError("core.files.write_atomic", path=str(path), value=err.strerror or err,
                          hint=hint) from None
    except PrelimError:
        _remove(tmps)
        raise
    except Exception:
        full = _is_full(targets[0].parent)  # torch.save says "iostream error" on a full disk
        _remove(tmps)
        if full:
            raise PrelimError("core.files.write_atomic_2", path=str(path)) from None
        raise
    except BaseException:  # Ctrl-C, SIGTERM, SIGHUP (see cli.process): nothing is left
        _remove(tmps)
        raise
    return targets[0]


def _temporary(target: Path) -> Path:
    try:
        # The temporary name is short, so any name the file system takes has one it takes too.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp",
                                   dir=target.parent)
    except OSError as err:
        hint = Message("files.free_space") if err.errno in _FULL else \
            "choose a folder you can write to"
        raise PrelimError("core.files.temporary", target=str(target), strerror=err.strerror,
                          hint=hint) from None
    os.close(fd)
    return Path(tmp)


def _is_full(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except OSError:
        return False


_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def _remove(tmps: list[Path]) -> None:
    """The temporary files, and the scratch files a writer kept next to them, named after
    them (``..out.npz.abc123.tmp.y.def456.tmp``): a temporary's name is unique, so they are
    its own."""
    for tmp_path in tmps:
        tmp_path.unlink(missing_ok=True)
        for scratch in tmp_path.parent.glob(f"*{glob.escape(tmp_path.name)}?*"):
            scratch.unlink(missing_ok=True)


def text_writer(text: str) -> Callable[[Path], None]:
    """What fills a text file (a .dot graph, a CSV, a script) with ``text``."""
    return lambda tmp: tmp.write_text(text, encoding="utf-8")


def write_text(path: str | Path, text: str) -> Path:
    return write_atomic(path, text_writer(text))

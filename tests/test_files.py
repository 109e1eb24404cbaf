"""The one file writer: checked before work, atomic, never the input, never half-written."""

import os

import pytest

from prelim_cli.core.demo import PrelimError
from prelim_cli.core.files import check_target, write_atomic, write_text


def test_refuses_existing_without_force(tmp_path):
    target = tmp_path / "out.svg"
    target.write_text("old")
    with pytest.raises(PrelimError, match="add --force"):
        check_target(target, suffixes=(".svg",), option="--svg")
    assert check_target(target, force=True, suffixes=(".svg",)) == target


def test_refuses_missing_folder_unknown_extension_folder_and_input(tmp_path):
    with pytest.raises(PrelimError, match="does not exist"):
        check_target(tmp_path / "nope" / "a.svg")
    with pytest.raises(PrelimError, match="unknown extension '.png'; use one of .svg"):
        check_target(tmp_path / "a.png", suffixes=(".svg",))
    with pytest.raises(PrelimError, match="is a folder"):
        check_target(tmp_path)
    source = tmp_path / "in.csv"
    source.write_text("a,b\n")
    with pytest.raises(PrelimError, match="never overwrites its input"):
        check_target(source, force=True, protect=[source])


def test_write_is_atomic_and_cleans_up_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    write_text(target, "hello")
    assert target.read_text() == "hello"
    assert oct(os.stat(target).st_mode & 0o777) == "0o644"

    def half_then_crash(path):
        path.write_text("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, half_then_crash)
    assert target.read_text() == "hello"  # the old file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]  # no temporary left


def test_a_file_and_its_companions_are_written_together_or_not_at_all(tmp_path):
    def both(main, companion):
        main.write_text("X")
        companion.write_text("y")

    write_atomic(tmp_path / "X.npy", both, [tmp_path / "X.y.npy"])
    assert (tmp_path / "X.npy").read_text() == "X" and (tmp_path / "X.y.npy").read_text() == "y"

    def one_then_crash(main, companion):
        main.write_text("new X")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "X.npy", one_then_crash, [tmp_path / "X.y.npy"])
    assert (tmp_path / "X.npy").read_text() == "X"  # neither file is touched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["X.npy", "X.y.npy"]


def test_an_unwritable_place_is_a_user_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root ignores permissions
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(PrelimError, match="cannot write"):
            write_text(locked / "a.txt", "x")
    finally:
        locked.chmod(0o700)


def test_a_write_into_proc_is_a_user_error():
    with pytest.raises(PrelimError, match="cannot write"):
        write_text("/proc/prelim-test.txt", "x")

"""Bad input, hostile environments and signals: every failure is one clear ``Error:`` line
that names the user's value, the exit code says whose fault it is (1 bad input, 2 usage),
no traceback, and no file is created or changed.

The table is the list of cases: the arguments, the exit code, and the text of the user's
own value the Error line must show. Files named in it are relative to a scratch folder
holding ``existing.svg``, ``existing.py``, ``data.csv`` and ``plain.txt`` (a file where a
folder is expected). Subprocesses only where the process itself matters: closed or full
streams, encodings, warnings, signals.
"""

import errno
import functools
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SRC, prelim, run_subprocess

LONG_NAME = "a" * 300 + ".svg"
DEEP = "[" * 5000 + "]" * 5000
SIGNS = "-" * 5000 + "1"

CASES = [
    # Tensor literals: read, never evaluated; refused with the user's text.
    (["tensor", "new", "[[1, 2], [3]]"], 1, "[[1, 2], [3]]"),
    (["tensor", "new", "[1, 'a']"], 1, "'a'"),
    (["tensor", "new", "__import__('os').system('true')"], 1, "__import__"),
    (["tensor", "new", "[1, 2"], 1, "[1, 2"),
    (["tensor", "new", ""], 1, "empty tensor literal"),
    (["tensor", "new", "   "], 1, "empty tensor literal"),
    (["tensor", "new", DEEP], 1, "[[[[[[[[[["),
    (["tensor", "new", SIGNS], 1, "-----"),
    (["tensor", "new", "1+" * 5000 + "1"], 1, "nested too deeply"),
    (["tensor", "new", "[1] * 10**9"], 1, "[1] * 10**9"),
    (["tensor", "new", "[True, -True]"], 1, "cannot negate a boolean"),
    (["tensor", "new", "lambda: 0"], 1, "lambda: 0"),
    (["tensor", "new", "[x for x in range(9)]"], 1, "x for x in range(9)"),
    (["tensor", "new", "{1: 2}"], 1, "{1: 2}"),
    (["tensor", "new", "[1, 2][0]"], 1, "[1, 2][0]"),
    (["tensor", "new", "[1j]"], 1, "1j"),
    (["tensor", "new", "[1, 2] + [3]"], 1, "[1, 2] + [3]"),
    (["tensor", "new", "[" + "9" * 400 + "]"], 1, "999999"),
    (["tensor", "new", "[" + "1," * 60000 + "]"], 1, "characters long"),
    (["tensor", "new", "[[1, 2]]", "--dtype", "complex64"], 2, "complex64"),
    (["tensor", "ops", "[1, 2]", "[1, 2, 3]"], 1, "(3,)"),
    (["tensor", "ops", "[1, 2]", "open('x')"], 1, "open"),
    (["tensor", "exp", "['e']"], 1, "'e'"),
    (["tensor", "exp", "os.environ"], 1, "os.environ"),
    (["tensor", "cat", "[[1]]", "[[1, 2], [3, 4]]"], 1, "dim"),
    (["tensor", "cat", "--dim", "99999999999999999999"], 1, "99999999999999999999"),
    (["tensor", "cat", "--dim", "x"], 2, "'x'"),
    (["tensor", "compare", "[1, 2]", "[[1, 2, 3]]"], 1, "(1, 3)"),
    (["tensor", "sum", "[[1, 2], [3, 4, 5]]"], 1, "[[1, 2], [3, 4, 5]]"),
    (["tensor", "sum", "exec('1')"], 1, "exec"),
    # Sizes and shapes: a negative size is a size, refused as one.
    (["tensor", "zeros", "-1"], 1, "size -1"),
    (["tensor", "zeros", "2", "-3"], 1, "size -3"),
    (["tensor", "ones", "-2"], 1, "size -2"),
    (["tensor", "randn", "-4"], 1, "size -4"),
    (["tensor", "zeros", "--", "-1"], 1, "size -1"),
    (["tensor", "zeros", "100000", "100000"], 1, "(100000, 100000)"),
    (["tensor", "ones", "99999999999999999999"], 1, "99999999999999999999"),
    (["tensor", "zeros", "x"], 2, "'x'"),
    (["tensor", "zeros", "2.5"], 2, "'2.5'"),
    (["tensor", "zeros"], 2, "sizes"),
    (["tensor", "zeros", "2", "--dtype", "float16"], 2, "float16"),
    (["tensor", "randn", "2", "--seed", "99999999999999999999999"], 1, "99999999999999999999999"),
    (["tensor", "randn", "2", "--seed", "-99999999999999999999999"], 1, "-9999999999999"),
    (["tensor", "arange", "-5"], 1, "arange -5"),
    (["tensor", "arange", "100000000000"], 1, "100000000000"),
    (["tensor", "arange", "ten"], 2, "'ten'"),
    (["tensor", "reshape", "5", "3"], 1, "(5, 3)"),
    (["tensor", "reshape", "-1", "-1"], 1, "(-1, -1)"),
    (["tensor", "reshape", "0", "3"], 1, "size 0"),
    (["tensor", "reshape", "-2", "6"], 1, "size -2"),
    (["tensor", "reshape", "5", "-1"], 1, "5"),
    (["tensor", "reshape", "3", "4", "--from", "[[1, 2], [3]]"], 1, "[[1, 2], [3]]"),
    (["tensor", "reshape", "3", "4", "--from", "import os"], 1, "import os"),
    (["broadcast", "3,2", "4,3"], 1, "(4, 3)"),
    (["broadcast", "a,b", "3"], 1, "a,b"),
    (["broadcast", "3,,2", "3"], 1, "3,,2"),
    (["broadcast", "3,-1", "3"], 1, "3,-1"),
    (["broadcast", "", "3"], 1, "empty shape"),
    (["broadcast", "-1", "3"], 1, "-1"),
    (["broadcast", "3"], 1, "3"),
    (["broadcast", *["2"] * 9], 1, "9"),
    (["broadcast", "9" * 30, "1"], 1, "9" * 30),
    (["broadcast", ",".join(["3"] * 2000), "3"], 1, "(3, 3, 3"),
    (["broadcast", "3", "3", "--op", "%"], 2, "'%'"),
    (["broadcast", "3", "3", "--op", "**"], 2, "'**'"),
    (["broadcast", "300,1", "1,300", "--svg", "big.svg"], 1, "(300, 300)"),
    # Index expressions and assignments: only integers, slices, ... and None.
    (["tensor", "index", "X[1:3, ::2"], 1, "X[1:3, ::2"),
    (["tensor", "index", "Y[0]"], 1, "Y[0]"),
    (["tensor", "index", "X[0].__class__"], 1, "X[0].__class__"),
    (["tensor", "index", "X[__import__('os')]"], 1, "__import__"),
    (["tensor", "index", "X[1.5]"], 1, "1.5"),
    (["tensor", "index", "X[::-1]"], 1, "X[::-1]"),
    (["tensor", "index", "X[::0]"], 1, "X[::0]"),
    (["tensor", "index", "X[99]"], 1, "X[99]"),
    (["tensor", "index", "X[0, 0, 0]"], 1, "X[0, 0, 0]"),
    (["tensor", "index", "X[" + "0," * 5000 + "]"], 1, "X[0,0,0,0"),
    (["tensor", "index", "X" + "[0]" * 3000], 1, "X[0][0][0]"),
    (["tensor", "index", "X[" + SIGNS + "]"], 1, "X[-----"),
    (["tensor", "index", "X[" + "(" * 200 + "1" + ")" * 200 + "]"], 1, "X[((((("),
    (["tensor", "index", "X[" + "(" * 70 + "1" + ")" * 70 + "]"], 1, "71 levels"),
    (["tensor", "index", "X[" + "1+" * 400 + "1]"], 1, "X[1+1+1+"),
    (["tensor", "index", "X['a']"], 1, "'a'"),
    (["tensor", "index", "X[[0, 1]]"], 1, "X[[0, 1]]"),
    (["tensor", "index", "X[True]"], 1, "True"),
    (["tensor", "index", ""], 1, "''"),
    (["tensor", "index", "--", "--x"], 1, "--x"),
    (["tensor", "index", "-1"], 1, "-1"),
    (["tensor", "assign", "X[0] = 'a'"], 1, "'a'"),
    (["tensor", "assign", "X[0] == 1"], 1, "X[0] == 1"),
    (["tensor", "assign", "X[0] ="], 1, "X[0] ="),
    (["tensor", "assign", "X[0] = os.system('true')"], 1, "os.system"),
    (["tensor", "assign", "X[0] = " + SIGNS], 1, "X[0] = -----"),
    (["tensor", "assign", "X[0] = " + "(" * 500 + "1" + ")" * 500], 1, "X[0] = (((("),
    (["tensor", "assign", "X[9, 9] = 1"], 1, "X[9, 9]"),
    (["tensor", "assign", "X[0] = x"], 1, "'x'"),
    (["tensor", "assign", "X[0] = [1, 2]"], 1, "[1, 2]"),
    # linalg: literals, axes, shapes and norms.
    (["linalg", "scalar", "x"], 1, "'x'"),
    (["linalg", "scalar", "__import__('os')"], 1, "__import__"),
    (["linalg", "vector", "[[1, 2], [3]]"], 1, "[[1, 2], [3]]"),
    (["linalg", "matrix", "[1, 2, 3]"], 1, "(3,)"),
    (["linalg", "symmetric", "[[1, 2, 3], [4, 5, 6]]"], 1, "(2, 3)"),
    (["linalg", "tensor", "--shape", "2,x,4"], 1, "2,x,4"),
    (["linalg", "elementwise", "[[1, 2]]", "--shape", "2,2"], 2, "--shape"),
    (["linalg", "sum", "--axis", "5"], 1, "5"),
    (["linalg", "sum", "--axis", "a"], 1, "'a'"),
    (["linalg", "sum", "--axis", "0,0"], 1, "0,0"),
    (["linalg", "sum", "--shape", "0,0"], 1, "0,0"),
    (["linalg", "sum", "--shape", "a,b"], 1, "a,b"),
    (["linalg", "sum", "--shape", "100000,100000"], 1, "100000"),
    (["linalg", "sum", "--shape", "2,3,4", "--axis", "0", "--svg", "s.svg"], 1, "(2, 3, 4)"),
    (["linalg", "sum", "--svg", "s.svg"], 2, "--axis"),
    (["linalg", "mean", "--axis", "-9"], 1, "-9"),
    (["linalg", "mean", "[1, 'x']"], 1, "'x'"),
    (["linalg", "keepdims", "--axis", "7"], 2, "--axis"),
    (["linalg", "cumsum", "--axis", "99999999999999999999"], 1, "99999999999999999999"),
    (["linalg", "cumsum", "--axis", "one"], 2, "'one'"),
    (["linalg", "dot", "[1, 2]", "[1, 2, 3]"], 1, "y has 3"),
    (["linalg", "mv", "[[1, 2]]", "[1, 2, 3]"], 1, "(3,)"),
    (["linalg", "mm", "[[1, 2]]", "[[1, 2]]"], 1, "(1, 2)"),
    (["linalg", "norm", "--ord", "3"], 2, "'3'"),
    (["linalg", "norm", "[[[1]]]"], 1, "X is int64"),
    (["linalg", "norm", "[1, 'a']"], 1, "'a'"),
    (["linalg", "cost", "0,0", "0,0", "0,0"], 1, "0,0"),
    (["linalg", "cost", "2,3", "4,5", "5,6"], 1, "(4, 5)"),
    (["linalg", "cost", "2", "2,3", "3,4"], 1, "'2'"),
    # Expressions for derivative and autograd: the whitelist, the caps, the columns.
    (["derivative", "__import__('os').system('true')"], 1, "__import__"),
    (["derivative", "x.__class__"], 1, "'.__class__' is not allowed at column 2"),
    (["derivative", "open('f')"], 1, "open"),
    (["derivative", "x if x else 1"], 1, "x if x else 1"),
    (["derivative", "lambda x: x"], 1, "lambda"),
    (["derivative", "[x]"], 1, "[x]"),
    (["derivative", "x[0]"], 1, "x[0]"),
    (["derivative", "'a'"], 1, "'a'"),
    (["derivative", "9**9**9"], 1, "exponent 387420489"),
    (["derivative", "x**1000"], 1, "1000"),
    (["derivative", "(" * 40 + "x" + ")" * 40], 1, "column 33"),
    (["derivative", "x" + "+x" * 300], 1, "601 characters"),
    (["derivative", "-" * 400 + "x"], 1, "401 parts"),
    (["derivative", "2x"], 1, "2x"),
    (["derivative", "x +"], 1, "column"),
    (["derivative", ""], 1, "empty"),
    (["derivative", "sin(x, x)"], 1, "sin"),
    (["derivative", "foo(x)"], 1, "foo"),
    (["derivative", "x", "--at", "a"], 1, "'a'"),
    (["derivative", "x", "--at", ""], 1, "--at"),
    (["derivative", "x", "--at", "1e999"], 1, "1e999"),
    (["derivative", "x", "--at", "-" * 3000 + "1"], 1, "--at"),
    (["derivative", "1/x", "--at", "0"], 1, "x=0"),
    (["derivative", "x", "--h", "0"], 1, "--h 0"),
    (["derivative", "x", "--h", "-1"], 1, "--h -1"),
    (["derivative", "x", "--h", "nan"], 1, "--h nan"),
    (["derivative", "x", "--h", "1e-320"], 1, "1e-320"),
    (["derivative", "x", "--steps", "0"], 2, "0"),
    (["derivative", "x", "--steps", "13"], 2, "13"),
    (["derivative", "x", "--method", "backward"], 2, "'backward'"),
    (["derivative", "x", "--range", "0:1"], 1, "--range 0:1"),
    (["derivative", "x", "--plot", "f.svg", "--range", "1:0"], 1, "--range 1:0"),
    (["derivative", "x", "--plot", "f.svg", "--range", "0:1:0"], 1, "--range 0:1:0"),
    (["derivative", "x", "--plot", "f.svg", "--range", "a:b"], 1, "--range a:b"),
    (["derivative", "x", "--plot", "f.svg", "--range", "0:1e308:1e-308"], 1, "0:1e308:1e-308"),
    (["derivative", "x", "--plot", "f.svg", "--range", "-1e308:1e308:1"], 1, "-1e308:1e308:1"),
    (["derivative", "x", "--plot", "f.svg", "--range", "0:" + "9" * 400], 1, "--range 0:999"),
    (["derivative", "x", "--plot", "f.png"], 1, "f.png"),
    (["autograd", "grad", "x.grad"], 1, "'.grad'"),
    (["autograd", "control-flow", "--expand"], 2, "--expand"),
    (["autograd", "grad", "sum(x)", "--x", "a"], 1, "'a'"),
    (["autograd", "grad", "sum(x)", "--x", ""], 1, "--x"),
    (["autograd", "grad", "sum(x)", "--x", "1,,2"], 1, "1,,2"),
    (["autograd", "grad", "sum(x)", "--x", "1e308,1e308"], 1, "1e308"),
    (["autograd", "grad", "y*x"], 1, "y"),
    (["autograd", "control-flow", "--a", "nan"], 1, "nan"),
    (["autograd", "control-flow", "--a", "inf"], 1, "inf"),
    (["autograd", "control-flow", "--seed", "99999999999999999999999"], 1, "9999999999"),
    (["autograd", "control-flow", "--graph", "f.png"], 1, "f.png"),
    (["autograd", "plot", "sum(x)"], 1, "sum"),
    (["autograd", "plot", "--range", "1:0"], 1, "--range 1:0"),
    (["autograd", "plot", "--range", "0:1:0.1"], 1, "--range 0:1:0.1"),
    (["autograd", "plot", "--range", "a:b"], 1, "--range a:b"),
    (["autograd", "plot", "--range", "-1e308:1e308"], 1, "-1e308:1e308"),
    # File options: every way a target can be wrong, for every kind of option.
    (["tensor", "arange", "--export", ""], 2, "--export ''"),
    (["broadcast", "3", "3", "--svg", ""], 2, "--svg ''"),
    (["autograd", "grad", "--graph", ""], 2, "--graph ''"),
    (["autograd", "detach", "--graph", ""], 2, "--graph ''"),
    (["autograd", "plot", "--svg", ""], 2, "--svg ''"),
    (["derivative", "x", "--plot", ""], 2, "--plot ''"),
    (["preprocess", "--example", "house_tiny", "--out", ""], 2, "--out ''"),
    (["preprocess", "--write-example", ""], 2, "--write-example ''"),
    (["tensor", "arange", "--export", "lesson.txt"], 1, "lesson.txt"),
    (["tensor", "arange", "--export", "missing/lesson.py"], 1, "missing"),
    (["tensor", "arange", "--export", "plain.txt/lesson.py"], 1, "'plain.txt' is a file"),
    (["tensor", "arange", "--export", "plain.txt/deeper/lesson.py"], 1, "'plain.txt' is a file"),
    (["tensor", "arange", "--export", "existing.py"], 1, "existing.py"),
    (["tensor", "arange", "--export", "a" * 300 + ".py"], 1, "303 bytes"),
    (["tensor", "arange", "--export", "."], 1, "."),
    (["broadcast", "3", "3", "--svg", "existing.svg"], 1, "existing.svg"),
    (["broadcast", "3", "3", "--svg", "plain.txt/f.svg"], 1, "'plain.txt' is a file"),
    (["broadcast", "3", "3", "--svg", LONG_NAME], 1, "bytes long"),
    (["autograd", "grad", "--graph", "missing/g.dot"], 1, "missing"),
    (["autograd", "grad", "--graph", "plain.txt/g.svg"], 1, "'plain.txt' is a file"),
    (["autograd", "detach", "--graph", "existing.svg"], 1, "existing.svg"),
    (["autograd", "plot", "--svg", LONG_NAME], 1, "bytes long"),
    (["autograd", "plot", "--svg", "missing/p.svg"], 1, "missing"),
    (["derivative", "x", "--plot", "plain.txt/p.svg"], 1, "'plain.txt' is a file"),
    (["derivative", "x", "--plot", "existing.svg"], 1, "existing.svg"),
    (["preprocess", "data.csv", "--out", "data.csv", "--force"], 1, "data.csv"),
    (["preprocess", "data.csv", "--out", "x.txt"], 1, "x.txt"),
    (["preprocess", "data.csv", "--out", "plain.txt/x.csv"], 1, "'plain.txt' is a file"),
    (["preprocess", "data.csv", "--out", "a" * 300 + ".npy"], 1, "304 bytes"),
    (["preprocess", "--write-example", "plain.txt/x.csv"], 1, "'plain.txt' is a file"),
    (["preprocess", "--write-example", "data.csv"], 1, "data.csv"),
    # probability (§2.6) and schema: the same promises for the newest commands.
    (["probability", "sample", "--seed", str(2**64)], 1, str(2**64)),
    (["probability", "converge", "--groups", "0"], 1, "--groups 0"),
    (["probability", "converge", "--groups", "100000", "--rolls", "100000"], 1, "100000"),
    (["probability", "converge", "--svg", "plain.txt/die.svg"], 1, "'plain.txt' is a file"),
    (["probability", "converge", "--svg", "existing.svg"], 1, "existing.svg"),
    (["probability", "converge", "--coin", "--groups", "0"], 1, "--groups 10000 --rolls 1"),
    (["probability", "sample", "--edition", "fr"], 2, "'fr'"),
    (["tour", "--edition", "de"], 2, "'de'"),
    (["preprocess", "--edition", "en", "--fill", "median"], 2, "give a CSV file"),
    (["probability", "bayes", "--prior", "1.5"], 1, "--prior 1.5"),
    (["probability", "bayes", "--false-positive", "-0.1"], 1, "--false-positive -0.1"),
    (["probability", "bayes", "--sensitivity", "0", "--false-positive", "0"], 1, "never"),
    (["schema", "no", "such"], 1, "no such"),
    (["shell", "nothing.txt"], 1, "'nothing.txt': there is no such file"),
    (["shell", "."], 1, "'.': it is a folder"),
    (["server", "stat"], 2, "No such command 'stat'"),
    (["docs", "torch.onse"], 1, "did you mean torch.ones"),
    (["docs", "os.system"], 1, "os"),
    (["docs", "torch.__class__"], 1, "__class__"),
    (["docs", "__import__('os')"], 1, "__import__"),
    # why: the text is read, never run; an unknown error is named with its key words.
    (["why", "ZeroDivisionError: division by zero"], 1, "ZeroDivisionError: division by zero"),
    (["why", "__import__('os').system('true')"], 1, "__import__"),
    (["why", "   "], 1, "is empty"),
    (["why", "x" * 1_000_001], 1, "more than 1,000,000 bytes"),
    (["why", "Error: \x00"], 1, "NUL bytes"),
    (["why", "Could not convert " + "x" * 900_000], 1, "(key words: Could, convert)"),
    (["why", "--list", "RuntimeError: x"], 2, "--list"),
    # preprocess: its inputs and options (the reader's own checks are tests/test_preprocess.py).
    (["preprocess", "nothing.csv"], 1, "nothing.csv"),
    (["preprocess", "."], 1, "."),
    (["preprocess", "data.csv", "--sep", "\n"], 2, "--sep '\\n'"),
    (["preprocess", "data.csv", "--sep", "\r"], 2, "--sep '\\r'"),
    (["preprocess", "data.csv", "--sep", ",,"], 2, "--sep ',,'"),
    (["preprocess", "data.csv", "--sep", ""], 2, "--sep ''"),
    (["preprocess", "data.csv", "--fill", "constant"], 2, "--fill constant"),
    (["preprocess", "data.csv", "--fill-value", "1"], 2, "--fill-value"),
    (["preprocess", "data.csv", "--fill", "constant", "--fill-value", "nan"], 2, "nan"),
    (["preprocess", "data.csv", "--target", "a", "--no-target"], 2, "--no-target"),
    (["preprocess", "data.csv", "--example", "house_tiny"], 2, "--example"),
    (["preprocess", "--sep", ";"], 2, "--example house_tiny"),
    (["preprocess", "data.csv", "--target", "nope"], 1, "nope"),
    (["preprocess", "data.csv", "--fill", "average"], 2, "'average'"),
    # learn: an ID the edition does not have, a workspace that is a file or whose state file
    # is damaged, foreign or newer (left as it is), a solution not yet earned.
    (["learn", "start", "9.9.9"], 1, ("'9.9.9'", "2.3.1")),
    (["learn", "hint", "2.3.99"], 1, ("'2.3.99'", "2.3.6")),
    (["learn", "solution", "linalg.nope"], 1, "'linalg.nope'"),
    (["learn", "start", "2.3.6", "--edition", "fr"], 2, "'fr'"),
    (["learn", "list", "--dir", "plain.txt"], 1, ("plain.txt", "is a file, not a folder")),
    (["learn", "start", "2.3.6", "--dir", "plain.txt/ws"], 1, ("plain.txt", "not a folder")),
    (["learn", "list", "--dir", "damaged"], 1, ("damaged/.prelim-learn.json", "is damaged")),
    (["learn", "hint", "2.3.6", "--dir", "damaged"], 1, ("damaged/.prelim-learn.json",
                                                         "left as it is")),
    (["learn", "start", "2.3.6", "--dir", "foreign"], 1, ("foreign/.prelim-learn.json",
                                                          "not a prelim learn state file")),
    (["learn", "reset", "--all", "--dir", "newer"], 1, ("newer/.prelim-learn.json",
                                                        "version 99", "upgrade prelim")),
    (["learn", "solution", "2.3.6"], 1, ("2.3.6", "--give-up")),
    (["learn", "reset"], 2, ("reset 2.3.6", "--all")),
    (["learn", "reset", "2.3.6", "--all"], 2, ("2.3.6", "not both")),
    # Options of every command, the tour, and settings from the environment.
    (["tensor", "arange", "--format", "xml"], 2, "'xml'"),
    (["tensor", "arange", "--lang", "fr"], 2, "'fr'"),
    (["tensor", "arange", "--lnag", "en"], 2, "--lnag"),
    (["derivative", "x", "--at=1", "--plto", "f.svg"], 2, "--plto"),
    (["tour", "--from", "x:1"], 1, "'x'"),
    (["tour", "--from", "data:999"], 1, "999"),
    (["tour", "--from", "linalg:x"], 1, "linalg:x"),
    (["tour", "--from", ":"], 1, ":"),
    # prelim learn check: an exercise the edition does not have, one not started; no child runs
    (["learn", "check", "9.9.9"], 1, "9.9.9"),
    (["learn", "check", "2.3.6", "--dir", "ws"], 1, "prelim learn start 2.3.6"),
    (["learn", "check", "--seed", "-1"], 2, "-1"),
]


def _archive(kind: str, data: bytes, names: tuple[str, ...] = ("in.csv",)) -> bytes:
    import bz2
    import gzip
    import io
    import lzma
    import zipfile

    if kind == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                archive.writestr(name, data)
        return buffer.getvalue()
    return {"gz": gzip, "bz2": bz2, "xz": lzma}[kind].compress(data)


def _flipped(data: bytes) -> bytes:
    """Corrupt bytes in the middle of an archive."""
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0xFF for b in data[middle:middle + 16]) + data[middle + 16:]


NUMBERS = b"a,t\n" + b"".join(f"{i},{i * i % 9973}\n".encode() for i in range(3000))
LATE_NUL = b"a,t\n" + b"1,2\n" * 3000 + b"x\0,3\n"  # the NUL at byte 12,005, past the first 8 KB
# Input files of every kind (class 5): the file, its bytes, and what the Error line must say,
# its name and the fix. Each is read whole and with --stream.
FILES = {
    "gbk.csv": ("城市,价格\n北京,100\n上海,200\n".encode("gbk"), "--encoding gb18030"),
    "gb18030.csv": ("名称,数量\n€与𠀀,1\n".encode("gb18030"), "--encoding gb18030"),
    "sjis.csv": ("都市,価格\nとうきょう,100\nおおさか,200\n".encode("shift_jis"),
                 "--encoding shift_jis"),
    "cp1252.csv": ("name,price\ncafé “noir”,1\n".encode("cp1252"), "--encoding cp1252"),
    "utf16le.csv": ("a,t\n1,2\n".encode("utf-16-le"), "--encoding utf-16-le"),
    "utf16be.csv": ("a,t\n1,2\n".encode("utf-16-be"), "--encoding utf-16-be"),
    "utf16bom.csv": ("a,t\n1,2\n".encode("utf-16"), "--encoding utf-16"),
    "late_nul.csv": (LATE_NUL, "NUL byte at byte 12,005); give a CSV file"),
    "png.csv": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "give a CSV file"),
    "fake.csv.gz": (b"a,t\n1,2\n", "rename it if it is not compressed"),
    "fake.csv.bz2": (b"a,t\n1,2\n", "rename it if it is not compressed"),
    "fake.csv.xz": (b"a,t\n1,2\n", "rename it if it is not compressed"),
    "fake.csv.zip": (b"a,t\n1,2\n", "rename it if it is not compressed"),
    **{f"cut.csv.{kind}": (_archive(kind, NUMBERS)[:len(_archive(kind, NUMBERS)) // 2],
                           "check the file") for kind in ("gz", "bz2", "xz", "zip")},
    "flipped.csv.gz": (_flipped(_archive("gz", NUMBERS)), "check the file"),
    "two.csv.zip": (_archive("zip", b"a,t\n1,2\n", ("a.csv", "b.csv")), "exactly one CSV"),
    "nul.csv.gz": (_archive("gz", LATE_NUL), "NUL byte at byte 12,005"),
    "gbk.csv.bz2": (_archive("bz2", "城市,价格\n北京,100\n".encode("gbk")), "--encoding gb18030"),
    "empty.csv.xz": (_archive("xz", b""), "a CSV needs a header row and data rows"),
    "ragged.csv.zip": (_archive("zip", b"a,b\n1,2\n3,4,5\n"), "fix that row"),
    "twice.csv.gz": (_archive("gz", b"a,a,t\n1,2,3\n"), "rename one"),
    "semicolons.csv": (b"a;b;t\n1;2;3\n", "give --sep ';'"),
    "only_header.csv": (b"a,b,t\n", "has a header but no data rows"),
}
CASES += [([*args, name, *mode], 1, (name, fix)) for name, (_, fix) in FILES.items()
          for args, mode in ((["preprocess"], []), (["preprocess"],
                                                    ["--stream", "--out", "X.npy"]))]
CASES += [
    (["preprocess", "/proc/self/cmdline"], 1, ("/proc/self/cmdline", "give a CSV file")),
    (["preprocess", "/proc/self/environ", "--stream", "--out", "X.npy"], 1,
     ("/proc/self/environ", "give a CSV file")),
    (["preprocess", "pipe.csv", "--stream", "--out", "X.npy"], 1,
     ("pipe.csv: is a pipe (FIFO)", "save it to a file first")),
    (["preprocess", "/dev/null"], 1, ("/dev/null", "give a file")),
    (["preprocess", "data.csv", "--encoding", "klingon"], 1, ("klingon", "try utf-8")),
    (["preprocess", "data.csv", "--encoding", "utf-16"], 1, ("utf-16", "check --encoding")),
    (["preprocess", "data.csv", "--max-categories", "0"], 2, ("0", "give 1 or more")),
    (["preprocess", "data.csv", "--max-categories", "-5"], 2, ("-5", "give 1 or more")),
    (["preprocess", "data.csv", "--max-categories", "x"], 2, "'x'"),
    (["preprocess", "-", "--stream", "--out", "X.npy"], 1, ("--stream", "save it to a file")),
    (["preprocess", "data.csv", "--stream"], 1, ("--stream", "add --out X.npy")),
    (["preprocess", "data.csv", "--stream", "--out", "X.pt"], 1, ("X.pt", ".npy")),
    (["preprocess", "data.csv", "--stream", "--fill", "median", "--out", "X.npy"], 1,
     ("--fill median", "use --fill mean")),
    (["preprocess", "."], 1, (".: is a folder", "give the path of a CSV file in it")),
]
CAP = {"PRELIM_MAX_ELEMENTS": "6000"}
ENV_CASES = [
    ({"PRELIM_MAX_ELEMENTS": "abc"}, ["tensor", "zeros", "2"], 1, "'abc'"),
    ({"PRELIM_MAX_ELEMENTS": "0"}, ["tensor", "zeros", "2"], 1, "'0'"),
    ({"PRELIM_MAX_ELEMENTS": "3"}, ["tensor", "zeros", "2", "2"], 1, "(2, 2)"),
    ({"PRELIM_FORMAT": "yaml"}, ["tensor", "arange"], 2, "'yaml'"),
    ({"PRELIM_LANG": "xx"}, ["tensor", "arange"], 2, "'xx'"),
    # derived sizes: 100 rows x (n + 100 cities + NaN) = 10,200 elements over a cap of 6,000
    (CAP, ["preprocess", "wide.csv"], 1, ("'city' has 100 categories",
                                          "--max-categories 57 (the rest become one column")),
    (CAP, ["preprocess", "wide.csv", "--stream", "--out", "X.npy"], 1,
     ("'city' has 100 categories", "--max-categories 57")),
    (CAP, ["preprocess", "wide.csv", "--max-categories", "100"], 1,
     ("'city' has 100 categories", "--max-categories 57")),
]


STATES = {"damaged": '{"format": "prelim-learn", "vers', "foreign": '{"cells": []}\n',
          "newer": '{"format": "prelim-learn", "version": 99, "exercises": {}}\n'}


def _case_id(args: list[str]) -> str:
    text = " ".join(a if a else "''" for a in args).replace("\n", "\\n").replace("\r", "\\r")
    return text if len(text) <= 60 else text[:57] + "..."


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A folder with the files the table names; the test runs in it."""
    (tmp_path / "existing.svg").write_text("<svg/>")
    (tmp_path / "existing.py").write_text("print('mine')\n")
    (tmp_path / "plain.txt").write_text("a file, not a folder\n")
    (tmp_path / "data.csv").write_text("a,b,price\n1,x,10\n,y,20\n3,,30\n")
    for name, (content, _) in FILES.items():
        (tmp_path / name).write_bytes(content)
    # 100 rows, 100 cities: a one-hot X of 10,200 elements, over a cap of 6,000
    (tmp_path / "wide.csv").write_text("n,city,price\n" + "".join(
        f"{i},c{i * 7 % 900},{i}\n" for i in range(100)))
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.csv")
    for name, state in STATES.items():  # prelim learn's workspaces
        (tmp_path / name).mkdir()
        (tmp_path / name / ".prelim-learn.json").write_text(state)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden temporaries too) and a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_one_clear_error(stderr: str, shown: str | tuple[str, ...]) -> str:
    """One Error line, showing the user's value (and, where the case gives it, the fix)."""
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stderr
    for part in (shown,) if isinstance(shown, str) else shown:
        assert part in errors[0], errors[0]
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return errors[0]


PARAMS = [pytest.param({}, *case, id=_case_id(case[0])) for case in CASES] + [
    pytest.param(*case, id=f"{case[0]} {_case_id(case[1])}") for case in ENV_CASES]


@pytest.mark.parametrize(("env", "args", "code", "shown"), PARAMS)
def test_bad_input_is_one_clear_error_and_touches_nothing(scratch, monkeypatch, env, args, code,
                                                          shown):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    before = snapshot(scratch)
    result = prelim(*args)
    assert result.exit_code == code, result.stderr
    assert_one_clear_error(result.stderr, shown)
    assert snapshot(scratch) == before


def _sized(env: dict, args: list[str]) -> bool:
    """A case about a size: a huge number, a huge range, a cap from the environment."""
    return "PRELIM_MAX_ELEMENTS" in env or any(
        re.search(r"(?<![a-z])\d{5,}|e308|10\*\*9", a) and len(a) < 1000 for a in args)


SIZED = [(env, args, code) for env, args, code, _ in [({}, *c) for c in CASES] + ENV_CASES
         if _sized(env, args)]
MEASURE = textwrap.dedent("""
    import json, os, resource, sys
    import matplotlib, pandas, torch  # what a run loads anyway: the baseline
    from typer.testing import CliRunner
    from prelim_cli.cli import app

    def peak():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KB
    base, codes = peak(), []
    for env, args in json.load(sys.stdin):
        codes.append(CliRunner().invoke(app, args, env=env).exit_code)
    print(json.dumps({"codes": codes, "grown": peak() - base}))
""")


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KB on Linux")
def test_sizes_are_refused_before_memory_is_spent(scratch):
    """Every case about a size, in a fresh interpreter: refused in bounded time (a generous
    limit, not a timing test) with the memory it had before, give or take 200 MB; any of
    them, once allocated, would take gigabytes."""
    assert len(SIZED) >= 25
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run([sys.executable, "-c", MEASURE], capture_output=True, text=True,
                            input=json.dumps([[e, a] for e, a, _ in SIZED]), env=env,
                            timeout=180, cwd=scratch)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["codes"] == [code for _, _, code in SIZED]
    assert report["grown"] < 200 * 2**20, f"{report['grown'] / 2**20:.0f} MB"


def test_the_table_covers_every_command():
    from prelim_cli import chapter

    covered = {args[0] for args, _, _ in CASES}
    assert set(chapter.COMMANDS) - {"doctor"} <= covered | {"tour"}
    assert len(CASES) + len(ENV_CASES) >= 150


def test_a_full_disk_is_named_and_leaves_nothing(scratch):
    from prelim_cli.core.demo import PrelimError
    from prelim_cli.core.files import write_atomic

    def full(tmp):
        tmp.write_text("half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    before = snapshot(scratch)
    with pytest.raises(PrelimError, match="'out.svg': No space left on device; free some"):
        write_atomic("out.svg", full)
    assert snapshot(scratch) == before


def test_a_writer_that_fails_its_own_way_on_a_full_disk_is_named(scratch, monkeypatch):
    """torch.save says "iostream error" (a RuntimeError) when the disk fills up."""
    from prelim_cli.core import files
    from prelim_cli.core.demo import PrelimError

    def torch_like(tmp):
        tmp.write_text("half")
        raise RuntimeError("basic_ios::clear: iostream error")

    before = snapshot(scratch)
    monkeypatch.setattr(files, "_is_full", lambda folder: True)
    with pytest.raises(PrelimError, match="No space left on device"):
        files.write_atomic("x.pt", torch_like)
    monkeypatch.setattr(files, "_is_full", lambda folder: False)
    with pytest.raises(RuntimeError):  # on a disk with room it is a bug, and says so
        files.write_atomic("x.pt", torch_like)
    assert snapshot(scratch) == before


def test_scratch_files_a_writer_keeps_next_to_its_temporary_go_with_it(scratch):
    from prelim_cli.core.files import write_atomic

    def with_scratch(tmp):
        (tmp.parent / f".{tmp.name}.y.abc.tmp").write_text("y")
        raise KeyboardInterrupt

    before = snapshot(scratch)
    with pytest.raises(KeyboardInterrupt):
        write_atomic("out.npz", with_scratch)
    assert snapshot(scratch) == before


def test_a_folder_without_write_permission_is_named_before_any_work(scratch):
    locked = scratch / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        result = prelim("tensor", "arange", "--export", "locked/lesson.py")
        assert result.exit_code == 1
        assert_one_clear_error(result.stderr, "'locked' is not writable (permission denied)")
    finally:
        locked.chmod(0o700)


def test_no_permission_is_named_even_for_root(scratch, monkeypatch):
    """The same refusal, where the suite runs as root (which may write anywhere)."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    result = prelim("broadcast", "3", "3", "--svg", "f.svg")
    assert result.exit_code == 1
    assert_one_clear_error(result.stderr, "--svg f.svg: folder '.' is not writable")


# The process itself: streams, encodings, warnings and signals.

def run_shell(command: str, **kwargs) -> subprocess.CompletedProcess:
    """``prelim`` inside a shell line, for redirections such as ``>&-`` and ``> /dev/full``."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "LANG": "C.UTF-8", **kwargs.pop("env", {})}
    prelim_cmd = f"{sys.executable} -m prelim_cli"
    return subprocess.run(["sh", "-c", command.replace("prelim", prelim_cmd, 1)],
                          capture_output=True, text=True, env=env, timeout=120, **kwargs)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", ["tensor zeros 2 -f json", "--help"])
def test_a_full_stdout_is_one_clear_error(args):
    result = run_shell(f"prelim {args} > /dev/full")
    assert result.returncode == 1
    assert result.stderr == ("Error: cannot write to standard output: No space left on device; "
                             "check where it goes (a full disk, a closed file)\n")


def test_a_closed_stdout_is_refused_before_any_work(tmp_path):
    result = run_shell(f"prelim tensor arange --export {tmp_path / 'a.py'} >&-")
    assert result.returncode == 1
    assert_one_clear_error(result.stderr, "standard output is closed")
    assert list(tmp_path.iterdir()) == []


def test_a_closed_stdin_or_stderr_is_not_a_bug(tmp_path):
    result = run_shell("prelim preprocess - <&-")
    assert result.returncode == 1
    assert_one_clear_error(result.stderr, "standard input, but it is closed")
    assert run_shell("prelim tensor zeros x 2>&-").returncode == 2
    assert run_shell("prelim --version 2>&-").returncode == 0


ASCII = {"PYTHONIOENCODING": "ascii"}
C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}


@pytest.mark.parametrize("env", [ASCII, C_LOCALE], ids=["ascii", "C-locale"])
def test_an_ascii_stdout_gets_ascii_borders_and_escapes(env):
    table = run_subprocess("broadcast", "3,1", "1,3", "--lang", "zh", env=env)
    assert table.returncode == 0, table.stderr
    assert table.stdout.isascii() and "+---+" in table.stdout
    assert "\\u64cd\\u4f5c\\u6570" in table.stdout  # 操作数, which ASCII cannot show


def test_json_on_an_ascii_stdout_stays_valid_json():
    doc = run_subprocess("tensor", "new", "[1, 2]", "-f", "json", "--lang", "zh", env=ASCII)
    assert doc.returncode == 0 and doc.stdout.isascii()
    assert json.loads(doc.stdout)["steps"][0]["label"] == "由嵌套列表创建张量"


def test_numpy_warnings_never_reach_stderr_and_the_session_escapes_what_ascii_cannot_show(
        tmp_path):
    """Sums of 1e308 overflow in numpy (a RuntimeWarning); stderr stays clean. On an
    ASCII stdout the session format writes the category café as caf\\xe9."""
    csv = tmp_path / "big.csv"
    csv.write_text("a,kind,b\n1e308,café,1\n1e308,tea,2\n,tea,3\n", encoding="utf-8")
    result = run_subprocess("preprocess", str(csv), "-f", "repr",
                            env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.isascii() and "caf\\xe9" in result.stdout


WRITER = textwrap.dedent("""
    import sys, time
    from prelim_cli.cli.process import run
    from prelim_cli.core.files import write_atomic

    def slow(tmp):
        tmp.write_text("half of a big file")
        print("writing", flush=True)
        time.sleep(60)

    run(lambda: write_atomic(sys.argv[1], slow))
""")


def _default_signals() -> None:
    """The child starts with the default handlers, as a shell's foreground job does (a test
    worker may have left one ignored, and an ignored SIGINT stays ignored, as after `&`)."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129),
                                              (signal.SIGINT, 130)],
                         ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_mid_write_leaves_nothing_behind(tmp_path, signum, code):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "big.npy")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                             preexec_fn=_default_signals)
    try:
        assert child.stdout.readline() == "writing\n"
        assert len(list(tmp_path.iterdir())) == 1  # the temporary, half written
        child.send_signal(signum)
        _, stderr = child.communicate(timeout=30)
    finally:
        child.kill()
    assert child.returncode == code
    assert list(tmp_path.iterdir()) == []
    assert stderr == ("" if signum == signal.SIGINT else  # Ctrl-C was asked for: no news
                      f"Error: stopped by {signal.Signals(signum).name}; no half-written "
                      "file is left behind\n")


@pytest.mark.skipif(not os.path.exists("/proc/self/wchan"), reason="needs Linux's /proc")
def test_ctrl_c_on_a_terminal_exits_130_with_a_line_break_and_nothing_else(tmp_path):
    """A real terminal: the ^C goes through the tty, as a user's does, to the real entry
    point (typer included) while prelim waits for stdin; no "Aborted!", no traceback."""
    import pty
    import time

    env = {**os.environ, "PYTHONPATH": str(SRC), "PRELIM_FORMAT": "", "NO_COLOR": "1"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: prelim on the terminal, reading the CSV from it
        try:
            os.chdir(tmp_path)
            os.execve(sys.executable, [sys.executable, "-m", "prelim_cli", "preprocess", "-",
                                       "--out", "X.npy"], env)
        finally:
            os._exit(127)
    output = b""
    try:
        deadline = time.monotonic() + 60
        while Path(f"/proc/{pid}/wchan").read_text() not in ("wait_woken", "n_tty_read"):
            assert time.monotonic() < deadline, "prelim never waited for stdin"
            time.sleep(0.05)
        os.write(fd, b"\x03")  # Ctrl-C, as the terminal driver sends SIGINT
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 130
    assert output in (b"^C\r\n", b"\r\n")  # the terminal's echo, then prelim's line break
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("env", "args", "code", "shown"), PARAMS)
def test_with_json_every_bad_input_is_one_valid_document(scratch, monkeypatch, env, args, code,
                                                         shown):
    """The scripting contract on every path above: one document, valid against the schema,
    whose ok, error code and exit code agree."""
    import json

    import jsonschema

    from prelim_cli import contract

    if "--" in args or "--format" in args or "PRELIM_FORMAT" in env:
        pytest.skip("the case is about the format itself, or --format would be an argument")
    if args[0] in ("schema", "shell"):
        pytest.skip("prelim schema prints a schema, and prelim shell what its lines print")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = prelim(*args, "--format", "json")
    assert result.exit_code == code, result.stderr
    [line] = result.stdout.splitlines()
    doc = json.loads(line)
    _validator(jsonschema, contract).validate(doc)
    assert doc["ok"] is False and doc["error"]["code"] == code


@functools.cache
def _validator(jsonschema, contract):
    """The schema of every document, checked and compiled once (not once per case)."""
    schema = contract.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


# The same mistakes, told in Chinese: the user's own value and the fix, in the reader's language.
ZH_CASES = [
    (["tensor", "reshape", "5", "3"], "无法把 12 个元素变形为 (5, 3)；各维长度的乘积必须是 12"),
    (["tensor", "new", "[1, 'a']"], "\"'a'\"（第 5 列） 不是数字"),
    (["tensor", "zeros", "100000", "100000"], "形状为 (100000, 100000) 的张量会有 10,000,000,000"),
    (["broadcast", "3,4", "2,4"], "a (3, 4) 和 b (2, 4) 无法广播；轴 -2：3 对 2"),
    (["linalg", "sum", "--axis", "7"], "轴 7 超出了形状为 (5, 4) 的 A 的范围（2 个轴）"),
    (["derivative", "x**2", "--h", "-1"], "--h -1.0：h 必须是正数，例如 0.1"),
    (["autograd", "grad", "x", "--x", "abc"], "--x 'abc' 不是一列数字；请用逗号分隔"),
    (["docs", "torch.onse"], "torch 没有属性 onse；你是想找 torch.ones 吗？"),
    (["tour", "--from", "nope:1"], "--from nope:1：未知的节 'nope'"),
    (["preprocess", "data.csv", "--target", "nope"], "--target nope：没有这一列；列有 a, b, price"),
    (["broadcast", "3", "3", "--svg", "existing.svg"], "--svg existing.svg：文件已存在"),
]


@pytest.mark.parametrize(("args", "shown"), ZH_CASES, ids=[_case_id(a) for a, _ in ZH_CASES])
def test_in_chinese_an_error_names_the_value_and_the_fix_in_chinese(scratch, args, shown):
    result = prelim(*args, "--lang", "zh")
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and shown in lines[0], result.stderr


def test_in_chinese_the_json_error_keeps_its_code_and_says_why_in_chinese(scratch):
    english = json.loads(prelim("tensor", "reshape", "5", "3", "-f", "json").stdout)["error"]
    chinese = json.loads(prelim("tensor", "reshape", "5", "3", "-f", "json", "--lang", "zh")
                         .stdout)["error"]
    assert english["code"] == chinese["code"] == 1
    assert english["message"].startswith("cannot reshape 12 elements into (5, 3)")
    assert chinese["message"].startswith("无法把 12 个元素变形为 (5, 3)")


def test_without_lang_an_error_follows_the_environment():
    result = prelim("tensor", "zeros", "2", env={"PRELIM_LANG": "zh", "PRELIM_MAX_ELEMENTS": "x"})
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：PRELIM_MAX_ELEMENTS='x' 不是整数"), result.stderr

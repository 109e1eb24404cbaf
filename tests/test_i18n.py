"""The message catalogs: every key a command or the tour uses is in both languages with the
same placeholders, each key is written out where the code uses it (none is assembled at run
time, none in the catalogs is dead), counts read "1 row" and "2 rows", and the language comes
from the environment in gettext's order."""

import ast
import gettext
import io
import json
import re
import string

import pytest

from conftest import SRC, prelim, prelim_json
from prelim_cli import chapter
from prelim_cli.i18n import Texts, catalog, default_lang, errors, plural
from prelim_cli.topics.why import ENTRIES as WHY
from prelim_cli.topics.why import live

EN, ZH = catalog("en"), catalog("zh")
EN_ERRORS, ZH_ERRORS = errors("en"), errors("zh")
PREFIXES = sorted({key.split(".")[0] for key in EN})  # tensor, linalg, ...


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogs_have_the_same_keys_and_placeholders():
    en, zh = catalog("en"), catalog("zh")
    assert en.keys() == zh.keys()
    for key in en:
        for en_text, zh_text in zip(en[key], zh[key]):
            assert placeholders(en_text) == placeholders(zh_text), key
        assert all(zh[key]), key


# --- every key the commands show at run time ---------------------------------------------

CSV_FILES = {
    "hand.csv": "a,b,color,target\n1,10,red,100\n,20,blue,200\n2,,red,300\n6,40,,400\n"
                "2,70,green,500\n",
    "exact.csv": "x,t\n0.1,1\n0.2,2\n0.3,3\n,4\n",  # pandas' mean() rounds differently
    "complete.csv": "a,c,t\n1,x,3\n2,y,4\n",  # nothing missing
    "numbers.csv": "a,t\n1,2\n,4\n",  # no categorical column
    "no_y.csv": "a,t\n1,2\n2,\n",  # only the target is missing
    "long.csv": "x,c,t\n" + "".join(f"{i},{'ab'[i % 2]},{i * 10}\n" for i in range(30)),
}
BOOK = ("preprocess", "--example", "house_tiny")

# For each command family, the catalog prefixes its steps use, and runs that between them
# reach every branch: the defaults, the options that change what is shown, and the lessons
# that fail on purpose (they exit 1 and still print their steps). {dir} is a scratch folder.
RUNS = {
    ("tensor", "memory", "convert"): [
        *(["tensor", command] for command in ("arange", "ops", "exp", "cat", "compare", "sum",
                                              "index", "assign", "memory", "convert")),
        ["tensor", "reshape", "3", "4"], ["tensor", "reshape", "-1", "--from", "[[1, 2], [3, 4]]"],
        ["tensor", "zeros", "2", "3"], ["tensor", "ones", "2", "3"],
        ["tensor", "randn", "3", "4", "--seed", "0"], ["tensor", "new", "[[1, 2], [3, 4]]"],
    ],
    ("broadcast",): [
        ["broadcast", "3,1,3", "1,3,1"], ["broadcast", "3,4", "4"],
        ["broadcast", "3,1", "1,4", "--op", "/", "--svg", "{dir}/b.svg"],
        ["broadcast", "3,4", "2,4"],  # fails, no fix
        ["broadcast", "5,4", "5", "--op", "/"],  # fails; the fix is a keepdims
        ["broadcast", "4,3,2", "4,1"],  # fails; the fix is a reshape
        ["broadcast", "5,4", "4", "--check"],  # the verdict alone
    ],
    ("preprocess",): [
        *([*BOOK, "--fill", fill] for fill in ("mean", "median", "mode", "zero")),
        [*BOOK, "--fill", "constant", "--fill-value", "-1"],
        ["preprocess", "{dir}/hand.csv", "--fill", "drop-rows"],
        ["preprocess", "{dir}/hand.csv", "--no-dummy-na"],
        ["preprocess", "{dir}/hand.csv", "--max-categories", "2"],  # red kept, then blue
        ["preprocess", "{dir}/hand.csv", "--max-categories", "3"],  # nothing to fold
        [*BOOK, "--drop-most-missing"], [*BOOK, "--target", "0"],
        ["preprocess", "{dir}/complete.csv", "--drop-most-missing"],
        ["preprocess", "{dir}/exact.csv"], ["preprocess", "{dir}/numbers.csv", "--no-target"],
        ["preprocess", "{dir}/long.csv", "--fill", "zero"],
        ["preprocess", "--write-example", "{dir}/house_tiny.csv"],
        ["preprocess", "--edition", "en"],
        *([*BOOK, "--out", f"{{dir}}/X{suffix}"] for suffix in (".pt", ".npz", ".csv", ".npy")),
        ["preprocess", "{dir}/hand.csv", "--stream", "--out", "{dir}/streamed.npy"],
        ["preprocess", "{dir}/hand.csv", "--stream", "--out", "{dir}/streamed.csv"],
        ["preprocess", "{dir}/hand.csv", "--no-target"], ["preprocess", "{dir}/no_y.csv"],
    ],
    ("linalg",): [
        *(["linalg", command] for command in ("scalar", "vector", "matrix", "symmetric",
                                              "tensor", "elementwise", "sum", "mean", "keepdims",
                                              "cumsum", "dot", "mv", "mm", "norm", "cost")),
        ["linalg", "symmetric", "[[1, 2, 0], [5, 1, 0], [0, 0, 1]]"],
        ["linalg", "symmetric", "[[nan, 1.0], [1.0, 2.0]]"],
        ["linalg", "sum", "--axis", "0", "--keepdims"],
        ["linalg", "sum", "--axis", "0,1", "--keepdims"],
        ["linalg", "sum", "--axis", "1", "--svg", "{dir}/sum.svg"],
        ["linalg", "keepdims", "[[1.0, 2.0], [3.0, 4.0]]"],  # divides along the wrong axis
        ["linalg", "keepdims", "[[1.0], [2.0], [4.0]]"],  # a table of the wrong shape
        ["linalg", "keepdims", "[[1.0, 3.0]]"],  # right by luck
        ["linalg", "keepdims", "[[1.0, -1.0], [1.0, 3.0]]"],  # a row sums to 0
        ["linalg", "norm", "--ord", "inf"], ["linalg", "norm", "--shape", "2,2,2"],
        *(["linalg", "norm", "[[1.0, -2.0], [3.0, 4.0]]", "--ord", o] for o in ("fro", "1",
                                                                                "inf", "2")),
        ["linalg", "cost", "3,3", "3,3", "3,3"],
        ["linalg", "dot", "[1.0, 2]", "[1.0, 2, 3]"],  # the vectors, then why they do not pair
    ],
    ("calculus",): [
        ["derivative"], ["derivative", "exp(x)", "--at", "0", "--method", "both"],
        ["derivative", "--method", "central", "--plot", "{dir}/tangent.svg"],
        ["derivative", "3*x1**2 + 5*exp(x2)", "--at", "x1=1,x2=0"],
        ["derivative", "abs(x)", "--at", "0"],  # a kink: from the left and from the right
    ],
    ("autograd",): [
        ["autograd", "grad"], ["autograd", "grad", "x*x"],  # y is not a scalar
        ["autograd", "grad", "relu(x)", "--x", "-1,0,1"],  # a kink
        ["autograd", "grad", "x*x", "--x", "1e10"],  # rounding swamps finite differences
        ["autograd", "grad", "--graph", "{dir}/graph.dot"],
        ["autograd", "accumulate"], ["autograd", "detach"],
        ["autograd", "control-flow", "--seed", "0"],
        ["autograd", "control-flow", "--a", "-0.5"],  # the else branch
        ["autograd", "control-flow", "--a", "-2.62"],  # d / a misses k by a rounding
        ["autograd", "plot", "log(x)", "--range", "-1:1", "--svg", "{dir}/plot.svg"],
    ],
    ("probability",): [
        ["probability", "sample", "--seed", "0", "--die"], ["probability", "bayes"],
        ["probability", "converge", "--seed", "0", "--die", "--svg", "{dir}/die.svg"],
        ["probability", "sample", "--seed", "0", "--coin"],
        ["probability", "converge", "--seed", "0", "--edition", "en", "--groups", "50",
         "--svg", "{dir}/coin.svg"],
    ],
    ("docs",): [
        ["docs", "torch.distributions"],  # a module: its names by kind
        ["docs", "torch.ones"],  # a builtin: the docstring's signature, the book's quick test
        ["docs", "np.zeros"],  # a signature inspect knows
        ["docs", "torch.pi"],  # neither module nor callable
    ],
    ("doctor",): [["doctor"]],
    ("learn",): [  # one workspace, in this order: each run sees what the one before did
        *([*run, "--dir", "{dir}/ws"] for run in (
            ["learn", "list"], ["learn", "start", "2.3.6"],
            ["learn", "start", "2.3.6"],  # kept
            ["learn", "start", "2.3.6", "--force"],  # afresh, the old one kept as .bak
            *[["learn", "hint", "2.3.1"]] * 3,  # the last one: none left
            ["learn", "solution", "2.3.4", "--give-up"],
            ["learn", "solution", "2.3.4", "--give-up", "--write"], ["learn", "progress"],
            ["learn", "reset", "2.3.6"], ["learn", "reset", "2.3.1"],  # a file; no file
            ["learn", "reset", "2.3.1"])),  # nothing left to reset
    ],
    ("why",): [  # every catalogued error, as raised here; a chained one; an unknown one
        *(["why", f"{type(error).__name__}: {error}"] for error in map(live.raise_error, WHY)
          if error is not None),
        ["why", "AssertionError: Torch not compiled with CUDA enabled"],
        ["why", "RuntimeError: grad can be implicitly created only for scalar outputs\n\nThe "
                "above exception was the direct cause of the following exception:\n\n"
                "ValueError: the loss"],
        ["why", "ZeroDivisionError: division by zero"], ["why", "--list"],
    ],
}


def keys_shown(args: list[str]) -> set[str]:
    """The key of every step a command prints in JSON, whether or not its lesson fails."""
    result = prelim(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    doc = json.loads(result.stdout)
    steps = doc["steps"] if "steps" in doc else [s for part in doc["sections"]
                                                 for s in part["steps"]]
    return {step["key"] for step in steps}


@pytest.mark.parametrize("prefixes", RUNS, ids=lambda prefixes: prefixes[0])
def test_every_key_shown_is_in_both_catalogs_and_every_entry_is_reached(prefixes, tmp_path):
    for name, text in CSV_FILES.items():
        (tmp_path / name).write_text(text)
    shown = set().union(*(keys_shown([arg.replace("{dir}", str(tmp_path)) for arg in run])
                          for run in RUNS[prefixes]))
    assert shown - EN.keys() == set()
    assert shown - ZH.keys() == set()
    assert {key for key in EN if key.split(".")[0] in prefixes} - shown == set()


def test_runs_cover_every_prefix_but_the_tours():
    """Every prefix is a step of some run, but the words around steps: section titles, the
    tour's prompts and the shell's banner (its own test checks that one)."""
    covered = {prefix for prefixes in RUNS for prefix in prefixes}
    # figure: test_figures; warm: prelim server's lines, test_server; checked: a check runs a
    # child Python each, so test_learn_check reaches its keys from reports (both languages);
    # watch: prelim learn watch's lines, its pty tests
    assert set(PREFIXES) - covered == {"section", "tour", "shell", "figure", "files", "warm",
                                       "checked", "watch"}


def test_every_kind_of_write_is_said_with_keys_in_both_catalogs(monkeypatch, tmp_path):
    from prelim_cli import export, i18n

    texts = Recording("zh")
    monkeypatch.setattr(i18n, "Texts", lambda lang: texts)
    monkeypatch.setattr(export, "Texts", lambda lang: texts)
    for name in ("a.ipynb", "a.py", "a.html"):
        svg = ["--svg", str(tmp_path / f"{name}.svg")]
        result = prelim("broadcast", "3,1", "1,2", *svg, "--export", str(tmp_path / name))
        assert result.exit_code == 0 and result.stderr.count("已写入") == 2
    assert {key for key in EN if key.startswith("files.")} <= texts.keys


class Recording(Texts):
    """Texts that remember every key looked up."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        self.keys: set[str] = set()

    def step(self, key, params):
        self.keys.add(key)
        return super().step(key, params)


def test_the_tour_shows_only_keys_in_both_catalogs_and_reaches_its_own(monkeypatch):
    from prelim_cli import i18n
    from prelim_cli.core.env import Output
    from prelim_cli.present import Presenter
    from prelim_cli.render import render
    from prelim_cli.tour import pauser, plan

    shown = keys_shown(["tour"]) | keys_shown(["tour", "--list"])  # one JSON document each
    assert shown - EN.keys() == set() and shown - ZH.keys() == set()
    # Section and subsection titles of both editions, the progress line a terminal gets,
    # the closing line: the table's own.
    texts = Recording("zh")
    monkeypatch.setattr(i18n, "Texts", lambda lang: texts)
    out = Output(io.StringIO())
    for edition in chapter.EDITIONS:  # every step, so every subsection opens
        render(plan(chapter.sections(edition=edition)), "table", "zh", True, out,
               pause=pauser(texts, out, key=lambda: "\n"))  # with the echoes of set-up steps
    # The presenter's status line, its keys, a step to go to that is not there, the resume.
    tour = plan(chapter.sections("calculus"), keep=True)
    keys = iter(["?", "x", "g", "9", "\r", "x", "q"])
    presenter = Presenter(tour, texts, out, key=lambda: next(keys), size=lambda: (80, 24))
    render(tour, "table", "zh", True, presenter.screen_out, pause=presenter.pause)
    assert presenter.resume() == "从这里继续：prelim tour --present --from calculus:1 --lang zh"
    assert {key for key in EN if key.split(".")[0] in ("section", "tour")} <= texts.keys | shown
    assert set().union(*(section.keys for section in chapter.SECTIONS)) <= EN.keys() & ZH.keys()


# --- every key written out in the code, none assembled -----------------------------------

KEY = re.compile(rf"(?:{'|'.join(PREFIXES)})\.[A-Za-z_]\w*(?:\.fixed)?")
KEY_START = re.compile(rf"(?:{'|'.join(PREFIXES)})\.\w*")  # "linalg.", "linalg.norm_"


def source_trees():
    """Every module of prelim but the catalogs themselves."""
    for path in sorted((SRC / "prelim_cli").rglob("*.py")):
        if path.parent.name != "i18n":
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def written_keys() -> set[str]:
    return {node.value for _, tree in source_trees() for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and KEY.fullmatch(node.value)}


def _starts_a_key(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)
            and KEY_START.fullmatch(node.value) is not None)


def assembled(tree: ast.AST):
    """Keys built from pieces: f"linalg.{key}", "linalg.sum_axis" + suffix, "x.{}".format()."""
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.values and _starts_a_key(node.values[0]):
            yield node
        elif isinstance(node, ast.BinOp) and _starts_a_key(node.left):
            yield node
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
              and isinstance(node.func.value.value, str)
              and KEY_START.match(node.func.value.value)):
            yield node


def test_no_key_is_assembled_at_run_time():
    found = [f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)}"
             for path, tree in source_trees() for node in assembled(tree)]
    assert found == []


def test_the_check_for_assembled_keys_finds_them():
    tree = ast.parse('a = f"linalg.{key}_now"\nb = "linalg.sum_axis" + keep\n'
                     'c = "preprocess.save_{}".format(suffix)\nd = f"tensor {kind}"')
    assert [node.lineno for node in assembled(tree)] == [1, 2, 3]


def test_every_key_written_in_the_code_is_in_both_catalogs():
    written = written_keys()
    assert written - EN.keys() - EN_ERRORS.keys() == set()
    assert written - ZH.keys() - ZH_ERRORS.keys() == set()


def test_every_catalog_entry_is_written_somewhere_in_the_code():
    """No dead entries: an entry whose key the code misspells shows up here too."""
    assert EN.keys() - written_keys() == set()
    written = {node.value for _, tree in source_trees() for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert EN_ERRORS.keys() - written == set()


# --- error messages: one catalog per language, like the explanations ----------------------

def test_error_catalogs_have_the_same_keys_and_placeholders():
    assert EN_ERRORS.keys() == ZH_ERRORS.keys()
    for key, text in EN_ERRORS.items():
        assert placeholders(text) == placeholders(ZH_ERRORS[key]), key
        assert ZH_ERRORS[key] or not text, key


ERROR_CALLS = {"PrelimError", "UsageError", "ExprError", "StreamError", "Message", "fail"}


def raise_sites(tree: ast.AST):
    """Every call that makes an error or a message: its first argument."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in ERROR_CALLS:
                yield node, node.args[0]


def raw_sentences(tree: ast.AST) -> list[str]:
    """Raise sites that pass a sentence instead of a catalog key: an f-string, a string that is
    no ERRORS key, or a sum of strings."""
    found = []
    for node, first in raise_sites(tree):
        keys = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
        for key in keys:
            literal = isinstance(key, ast.Constant) and isinstance(key.value, str)
            if isinstance(key, (ast.JoinedStr, ast.BinOp)) or \
                    (literal and key.value not in EN_ERRORS):
                found.append(f"{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_no_raise_site_passes_an_english_sentence():
    """Every error names an ERRORS key (the CLI writes it in the reader's language); a
    variable passed on holds a Message made where the key is written."""
    found = [f"{path.relative_to(SRC)}:{site}" for path, tree in source_trees()
             for site in raw_sentences(tree)]
    assert found == []


def test_the_scan_for_english_sentences_finds_them():
    tree = ast.parse('raise PrelimError(f"bad {x}")\nraise demo.fail("no such key here")\n'
                     'raise UsageError("a" + b)\nraise PrelimError("tensor.reshape_size", n=1)\n'
                     'm = Message("parse.shape.parse_sizes" if a else "free text")')
    assert [site.split(":")[0] for site in raw_sentences(tree)] == ["1", "2", "3", "5"]


def test_an_error_is_written_in_the_language_asked_for():
    from prelim_cli.core.errors import Message, PrelimError

    err = PrelimError("parse.shape.parse_shape_2", text="3,x",
                      reason=Message("shape.not_a_size", part="x"))
    assert str(err) == ("malformed shape '3,x': 'x' is not a size; write whole numbers ≥ 0 "
                        "separated by commas, like 3,1,3")
    assert err.text("zh") == ("形状 '3,x' 格式有误：'x' 不是长度；请写用逗号分隔的非负整数，"
                              "例如 3,1,3")


# --- counts --------------------------------------------------------------------------------

@pytest.mark.parametrize("count, text", [(0, "0 rows"), (1, "1 row"), (2, "2 rows"),
                                         (1.5, "1.5 rows"), (1.0, "1.0 rows"), ("1", "1 row")])
def test_english_has_one_form_for_exactly_one_and_another_for_every_other_count(count, text):
    assert plural(count, "# row|# rows") == text


def test_a_single_form_serves_every_count():
    assert [plural(n, "# 行") for n in (0, 1, 2)] == ["0 行", "1 行", "2 行"]
    assert plural(1, "the one row|all # rows") == "the one row"


@pytest.mark.parametrize("n, english, chinese", [
    (0, "holds 0 integers counting up from 0", "包含从 0 开始的 0 个整数"),
    (1, "holds 1 integer counting up from 0", "包含从 0 开始的 1 个整数"),
    (2, "holds 2 integers counting up from 0", "包含从 0 开始的 2 个整数"),
])
def test_catalog_counts_in_english_and_chinese(n, english, chinese):
    assert english in Texts("en").step("tensor.arange", {"n": n})[1]
    assert chinese in Texts("zh").step("tensor.arange", {"n": n})[1]


def plural_specs(texts):
    return [spec for text in texts for _, _, spec, _ in string.Formatter().parse(text)
            if spec and spec.startswith("plural:")]


def test_english_plurals_name_both_forms_and_chinese_has_none():
    for key, texts in EN.items():
        for spec in plural_specs(texts):
            assert len(spec.removeprefix("plural:").split("|")) == 2, key
    assert [key for key, texts in ZH.items() if plural_specs(texts)] == []


COUNTED = re.compile(r"\{\w+\} (?:integers|rows|columns|elements|pairs|points|doublings|values)\b")


def test_english_counts_before_a_noun_use_the_plural_spec():
    assert [key for key, texts in EN.items() if any(map(COUNTED.search, texts))] == []


@pytest.mark.parametrize("args, key, field, text", [
    (["tensor", "arange", "1"], "tensor.arange", "explanation", "holds 1 integer counting"),
    (["tensor", "arange", "3"], "tensor.arange", "explanation", "holds 3 integers counting"),
    (["linalg", "dot", "[2.0]", "[3.0]"], "linalg.dot", "explanation",
     "multiplies the 1 pair of elements"),
    (["autograd", "control-flow", "--a", "300"], "autograd.cf_run_if", "label",
     "d = f(a): 1 doubling, then the if branch"),
    (["autograd", "control-flow", "--a", "-0.5"], "autograd.cf_run_else", "label",
     "d = f(a): 10 doublings, then the else branch"),
])
def test_a_count_of_one_reads_right_in_a_real_command(args, key, field, text):
    steps = {step["key"]: step for step in prelim_json(*args)["steps"]}
    assert text in steps[key][field]


def test_a_one_row_csv_in_the_table_a_learner_sees(tmp_path):
    (tmp_path / "one.csv").write_text("a,t\n1,\n")
    out = " ".join(prelim("preprocess", str(tmp_path / "one.csv")).stdout.split())
    assert "Read the CSV: 1 row × 2 columns" in out
    assert "Warning: y has 1 missing value" in out
    zh = " ".join(prelim("preprocess", str(tmp_path / "one.csv"), "--lang", "zh").stdout.split())
    assert "读取 CSV：1 行 × 2 列" in zh
    (tmp_path / "column.csv").write_text("a\n1\n2\n")
    assert "The only column is an input" in prelim("preprocess", str(tmp_path / "column.csv"),
                                                   "--no-target").stdout


@pytest.mark.parametrize("args, message", [
    (["tensor", "reshape", "2", "--from", "[5]"],
     "Error: cannot reshape 1 element into (2,); the sizes must multiply to 1\n"),
    (["linalg", "dot", "[2.0]", "[3.0, 1.0]"], "Error: torch.dot(x, y): x has 1 element but y "
     "has 2; the dot product pairs the elements, so give vectors of the same length\n"),
    (["tensor", "cat", "[1, 2]", "[[1]]"], "Error: cannot concatenate along dim 0: X has 1 "
     "dimension and Y has 2; dim must be in -1..0 and both need the same number of "
     "dimensions\n"),
])
def test_errors_count_in_english_too(args, message):
    result = prelim(*args)
    assert (result.exit_code, result.stderr) == (1, message)


# --- which language ------------------------------------------------------------------------

@pytest.mark.parametrize("environ, lang", [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "PRELIM_LANG": "en"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_default_language_follows_prelim_lang_then_locale(environ, lang):
    assert default_lang(environ) == lang


# The documented order of GNU gettext: LANGUAGE (a priority list), then LC_ALL, LC_MESSAGES,
# LANG, the first that is set and not empty; prelim has catalogs for en and zh.
GETTEXT_ORDER = [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    ({"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
    ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}, "zh"),  # empty means unset
    ({"LANG": "zh"}, "zh"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en:zh"}, "en"),
    ({"LC_ALL": "en_US.UTF-8", "LANGUAGE": "zh_TW"}, "zh"),  # LANGUAGE before LC_ALL
    ({"LANG": "de_DE.UTF-8", "LANGUAGE": "de:fr:zh"}, "zh"),  # the first prelim has
    ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "de:fr"}, "en"),  # none: untranslated, no fallback
    ({"LANG": "zh_CN.UTF-8", "LANGUAGE": ""}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "C:zh"}, "en"),  # C in the list ends it
    ({"LANG": "C.UTF-8", "LANGUAGE": "zh"}, "zh"),  # C.UTF-8 is a locale of its own
    ({"LANG": "C"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
]
# GNU gettext ignores LANGUAGE in the C locale (Python's gettext.find does not).
C_LOCALE = [
    ({"LANGUAGE": "zh"}, "en"),
    ({"LANG": "C", "LANGUAGE": "zh"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "POSIX", "LANGUAGE": "zh"}, "en"),
]


@pytest.mark.parametrize("environ, lang", GETTEXT_ORDER + C_LOCALE + [
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "en", "PRELIM_LANG": "zh"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "PRELIM_LANG": "fr"}, "zh"),  # not a language prelim has
])
def test_language_from_the_environment_in_gettexts_order(environ, lang):
    assert default_lang(environ) == lang


@pytest.mark.parametrize("environ, lang", GETTEXT_ORDER)
def test_pythons_gettext_finds_the_same_catalog(environ, lang, tmp_path, monkeypatch):
    for code in ("en", "zh"):
        (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / code / "LC_MESSAGES" / "prelim.mo").touch()
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in environ.items():
        monkeypatch.setenv(var, value)
    found = gettext.find("prelim", str(tmp_path))
    assert (found.split("/")[-3] if found else "en") == lang


@pytest.mark.parametrize("env, flags, lang", [
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, [], "zh"),
    ({"LANG": "C", "LANGUAGE": "zh_CN:en"}, [], "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, ["--lang", "en"], "en"),
    ({"LANGUAGE": "en", "PRELIM_LANG": "zh"}, [], "zh"),
])
def test_the_commands_follow_the_environment(env, flags, lang):
    assert prelim_json("tensor", "arange", *flags, env=env)["lang"] == lang


# --- table headers and labels -------------------------------------------------------------

def test_table_words_are_in_both_languages_with_the_same_placeholders():
    from prelim_cli.i18n import words

    en, zh = words("en"), words("zh")
    assert en.keys() == zh.keys()
    assert all(placeholders(en[k]) == placeholders(zh[k]) and zh[k] for k in en)


def test_in_chinese_a_demo_table_has_chinese_headers_and_each_tuple_element_its_name():
    shown = prelim("docs", "torch.ones", "--lang", "zh", "--no-code").stdout
    assert "参数" in shown and "含义" in shown and "parameter" not in shown
    lines = prelim("tensor", "cat", "--no-code", "--lang", "zh").stdout.splitlines()
    # With --no-code the code is gone, yet each element of the tuple says what it is.
    assert "torch.cat((X, Y), dim=0)" in [line.strip() for line in lines]
    assert "torch.cat((X, Y), dim=1)" in [line.strip() for line in lines]

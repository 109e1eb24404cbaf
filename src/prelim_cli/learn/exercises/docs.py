"""The exercises of §2.7 (both editions) and their checkers.

The one exercise sends the learner to PyTorch's documentation; the checker verifies, without
the internet, facts that the documentation states and the installed torch also knows: the
name resolves in torch, and its first parameter is the one its docstring's first line (the
signature the documentation page shows) or else its Python signature names first.
"""

import re

from prelim_cli.learn.exercise import Exercise, Text

FIND_DOCS = Exercise(
    slug="docs.find-documentation",
    section="docs",
    numbers={"zh": "2.7.1"},
    kind="code",
    title=Text("Read a function's documentation on PyTorch's site",
               "在 PyTorch 官网上查阅一个函数的文档"),
    statement=Text(
        "Choose any function or class of torch that takes at least one parameter (for "
        "instance `torch.cumsum` or `torch.nn.Linear`), find its page in the official "
        "documentation on pytorch.org, and fill in three facts: `name`, its full dotted name "
        "as a string (starting with `torch.`); `url`, the address of its documentation page "
        "(on pytorch.org, with the name's last part in the address, as in "
        ".../generated/torch.cumsum.html); and `first_parameter`, the name of the first "
        "parameter the page lists, without any `*`. prelim checks these offline against the "
        "torch you have installed. Write in `notes` what else you learnt from the page.",
        "任选一个至少带一个参数的 torch 函数或类（例如 `torch.cumsum` 或 `torch.nn.Linear`），"
        "在 pytorch.org 的官方文档中找到它的页面，然后填写三项：`name`，它完整的点分名称"
        "（字符串，以 `torch.` 开头）；`url`，它的文档页面地址（在 pytorch.org 上，地址中含有"
        "名称的最后一段，例如 .../generated/torch.cumsum.html）；`first_parameter`，页面上列出"
        "的第一个参数的名字，不带 `*`。prelim 会离线地用你安装的 torch 核对这些内容。在 "
        "`notes` 里写下你从这个页面上还学到了什么。"),
    hints=(
        Text("The documentation lives at https://docs.pytorch.org/docs/stable/; its search "
             "box finds a function by name.",
             "文档位于 https://docs.pytorch.org/docs/stable/；用它的搜索框按名字查找函数。"),
        Text("The page starts with the call's signature, such as "
             "torch.cumsum(input, dim, *, dtype=None, out=None) → Tensor; the first name in "
             "the parentheses is the first parameter. Offline, `help(torch.cumsum)` shows the "
             "same line.",
             "页面开头是调用的签名，例如 torch.cumsum(input, dim, *, dtype=None, out=None) "
             "→ Tensor；括号里的第一个名字就是第一个参数。离线时，`help(torch.cumsum)` 会显示"
             "同一行。"),
        Text("For torch.cumsum: name = \"torch.cumsum\", url = "
             "\"https://docs.pytorch.org/docs/stable/generated/torch.cumsum.html\", "
             "first_parameter = \"input\".",
             "对 torch.cumsum：name = \"torch.cumsum\"，url = "
             "\"https://docs.pytorch.org/docs/stable/generated/torch.cumsum.html\"，"
             "first_parameter = \"input\"。"),
    ),
    stub='''name = ...  # a function or class of torch, such as "torch.cumsum"
url = ...  # the address of its page in the documentation on pytorch.org
first_parameter = ...  # the first parameter the page lists, without any *

notes = """
What I learnt from the page:
"""
''',
    solution='''name = "torch.ones"
url = "https://docs.pytorch.org/docs/stable/generated/torch.ones.html"
first_parameter = "size"

notes = """
torch.ones(*size) takes the shape either as separate numbers or as one tuple, and
dtype, device and requires_grad are keyword-only.
"""
''',
    answer=Text(
        "Every function's page gives its signature first (the parameters in order, those "
        "after a bare * keyword-only), then what it returns, each parameter with its type "
        "and meaning, and usually a short example to run. `help(f)` and `f?` in Jupyter show "
        "the same docstring offline; `prelim docs torch.ones` reads it for you.",
        "每个函数的页面先给出签名（参数按顺序排列，单独的 * 之后的只能用关键字传入），然后是它"
        "返回什么、每个参数的类型和含义，通常还有一段可以运行的简短示例。离线时，`help(f)` 和 "
        "Jupyter 里的 `f?` 显示的是同一份文档字符串；`prelim docs torch.ones` 会替你读出它。"),
    checker="docs:check_find_documentation",
    lesson="prelim docs torch.ones",
)

NAME = re.compile(r"torch(\.[A-Za-z_][A-Za-z0-9_]*)+")
SITES = ("pytorch.org", "docs.pytorch.org", "www.pytorch.org")


def check_find_documentation(t) -> None:
    name, url, first = t.value("name"), t.value("url"), t.value("first_parameter")
    inputs = {"name": name, "url": url, "first_parameter": first}
    found = resolve(name)
    if not t.holds(Text(f"{name!r} names a function or class of torch",
                        f"{name!r} 是 torch 的一个函数或类的名字"),
                   lambda: callable(found), inputs=inputs):
        return
    listed = parameters(found)
    if not t.holds(Text(f"prelim can read the parameters of {name} (choose one that takes some)",
                        f"prelim 能读出 {name} 的参数（请选一个有参数的）"),
                   lambda: bool(listed), inputs=inputs):
        return
    t.expect("first_parameter", lambda: first.lstrip("*") if isinstance(first, str)
             else first, listed[0], inputs=inputs)
    t.holds(Text(f"url is a page of the documentation on pytorch.org about {name}",
                 f"url 是 pytorch.org 上关于 {name} 的文档页面"),
            lambda: on_site(url, name), inputs=inputs)


def resolve(name):
    """The object ``torch.a.b`` names (attribute by attribute, never eval), or None."""
    import importlib

    if not isinstance(name, str) or not NAME.fullmatch(name):
        return None
    found = importlib.import_module("torch")
    for part in name.split(".")[1:]:
        try:
            found = getattr(found, part)
        except Exception:  # noqa: BLE001 - a missing attribute or one whose lookup fails
            return None
    return found


def parameters(function) -> list[str]:
    """The parameter names in order, as the documentation page shows them: from the
    docstring's first line when it is a call (``ones(*size, *, out=None, ...) -> Tensor``:
    a builtin has no other, and the page is built from it), else from the signature."""
    import inspect

    text = (inspect.getdoc(function) or "").strip().splitlines()
    call = re.match(r"[\w.]+\((.*?)\)\s*(->|$)", text[0]) if text else None
    if call:
        names = [re.split(r"[=:\s]", part.strip().lstrip("*"))[0]
                 for part in call.group(1).split(",")]
    else:
        try:
            names = list(inspect.signature(function).parameters)
        except (TypeError, ValueError):
            names = []
    return [n for n in names if n and n not in ("self", "/", "*")]


def on_site(url, name: str) -> bool:
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        return False
    address = urlsplit(url.strip())
    words = re.split(r"[/.#]", address.path + "#" + address.fragment)  # torch, ones, html
    return address.scheme in ("http", "https") and address.hostname in SITES \
        and name.rsplit(".", 1)[-1] in words


EXERCISES = [FIND_DOCS]

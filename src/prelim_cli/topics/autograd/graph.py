"""The backward graph PyTorch built, as plain nodes and edges (micrograd's ``trace``).

Every tensor made by an operation on a tensor that requires grad carries ``grad_fn``,
the backward function of that operation; ``grad_fn.next_functions`` points at the
backward functions of its inputs, down to ``AccumulateGrad``, which adds the arriving
gradient into a leaf's ``.grad``. Walking them from ``y.grad_fn`` gives the graph the
next ``backward()`` runs. Drawing it is ``autograd.figure``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch


@dataclass(frozen=True)
class Node:
    id: int      # walk order from the root (0): stable for the same expression
    label: str   # the backward function's class name, or the leaf's variable name
    kind: str    # "op" or "leaf"
    shape: tuple[int, ...] | None = None  # leaves only, like value and grad
    value: Any = None
    grad: Any = None


@dataclass(frozen=True)
class Drawing:
    """How a --graph picture is drawn: in the reader's language; a run of the same op
    (the control-flow loop's MulBackward0s) as one box unless ``expand``."""
    lang: str = "en"
    expand: bool = False


@dataclass(frozen=True)
class Graph:
    nodes: list[Node]
    edges: list[tuple[int, int]] = field(default_factory=list)  # the way gradients flow
    # inputs that need no gradient (a None in next_functions): (op id, the tensor's name,
    # when the demo named it); drawn, not in the JSON document
    constants: list[tuple[int, str | None]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        nodes = []
        for node in self.nodes:
            doc: dict[str, Any] = {"id": node.id, "label": node.label, "kind": node.kind}
            if node.kind == "leaf":
                doc.update(shape=list(node.shape), value=node.value, grad=node.grad)
            nodes.append(doc)
        return {"nodes": nodes, "edges": [{"from": a, "to": b} for a, b in self.edges]}


def op_name(fn) -> str:
    return type(fn).__name__  # fn.name() says "torch::autograd::AccumulateGrad"


def trace(root, leaves: dict[str, torch.Tensor],
          constants: tuple[str, ...] = ()) -> Graph:
    """Nodes and edges reachable from ``root`` (a grad_fn), depth first. ``leaves`` names
    the tensors the demo made, so AccumulateGrad's variable can be labelled ``x``.
    An op used twice (``dot(x, x)`` reaches x's AccumulateGrad twice) is one node with
    two edges into it: the gradient arrives twice and is added up. An input that needs no
    gradient is a constant of its op; ``constants`` names them in the order of the walk
    (the demo knows what it built: ("u",) for z = u * x)."""
    nodes: list[Node] = []
    edges: list[tuple[int, int]] = []
    fixed: list[tuple[int, str | None]] = []
    seen: dict[Any, int] = {}  # backward function -> node id (identity, never exposed)

    def visit(fn) -> int:
        if fn in seen:
            return seen[fn]
        seen[fn] = me = len(nodes)
        nodes.append(Node(me, op_name(fn), "op"))
        variable = getattr(fn, "variable", None)  # only AccumulateGrad has one
        if variable is not None:
            nodes.append(_leaf(len(nodes), variable, leaves))
            edges.append((me, len(nodes) - 1))
        for next_fn, _ in fn.next_functions:
            if next_fn is not None:
                edges.append((me, visit(next_fn)))
            else:  # an input that needs no gradient
                fixed.append((me, constants[len(fixed)] if len(fixed) < len(constants)
                               else None))
        return me

    visit(root)
    return Graph(nodes, sorted(edges), fixed)


def _leaf(id: int, tensor: torch.Tensor, names: dict[str, torch.Tensor]) -> Node:
    name = next((n for n, t in names.items() if t is tensor), "tensor")
    grad = tensor.grad.tolist() if tensor.grad is not None else None
    return Node(id, name, "leaf", tuple(tensor.shape), tensor.detach().tolist(), grad)


SHOW_CODE = """def show(fn, depth=0):
    print("  " * depth + type(fn).__name__)
    for next_fn, _ in fn.next_functions:
        if next_fn is not None:
            show(next_fn, depth + 1)

show({root})"""


def show_lines(fn, depth: int = 0) -> list[str]:
    """What SHOW_CODE prints: the graph unfolded as a tree (a shared node once per path)."""
    lines = ["  " * depth + op_name(fn)]
    for next_fn, _ in fn.next_functions:
        if next_fn is not None:
            lines += show_lines(next_fn, depth + 1)
    return lines

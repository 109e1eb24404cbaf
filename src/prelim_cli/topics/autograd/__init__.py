"""§2.5 Automatic differentiation: the demos (lessons), what the user typed (inputs),
finite differences (maths), the backward graph (graph) and its drawings (figure).

Walked cell by cell (the pytorch tabs) against d2l-zh chapter_preliminaries/autograd.md at
commit e6b18cce: all 12 cells are played; ``y = x.sum()`` is spelled ``torch.sum(x)`` by the
expression language, on a fresh x rather than after ``x.grad.zero_()``.
"""

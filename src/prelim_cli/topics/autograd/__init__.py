"""§2.5 Automatic differentiation: the demos (lessons), what the user typed (inputs),
finite differences (maths), the backward graph (graph) and its drawings (figure)."""

"""§2.1 Broadcasting: the rule (rules, plain Python), the demo that runs it in PyTorch
(demo), and its diagram (figure)."""

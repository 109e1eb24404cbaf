"""§2.1 Broadcasting: the rules and the demo (demo), and its diagram (figure)."""

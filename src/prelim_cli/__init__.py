"""prelim: the demos of Dive into Deep Learning, chapter 2, run for real."""

__version__ = "0.1.0"

"""newsletter: turn news articles into a clean email digest."""

__version__ = "0.1.0"

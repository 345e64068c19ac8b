"""newstui: an interactive terminal explorer for hand-curated timelines of news events."""

__version__ = "0.1.0"

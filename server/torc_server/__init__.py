"""torc-server: the Torc REST API over SQLite."""

__version__ = "0.1.0"

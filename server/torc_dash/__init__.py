"""torc-dash: the web dashboard, a client of the torc server (through the SDK) that serves one page."""

__version__ = "0.1.0"

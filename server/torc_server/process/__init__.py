"""`torc-server` as an operating-system process: options from flags, environment and files,
logging, the port it owns, signals, daemon mode, and the systemd service."""

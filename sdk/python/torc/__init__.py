"""The torc Python SDK."""

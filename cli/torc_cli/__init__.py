"""The torc command line."""

"""The thin HTTP layer: decode, call storage or the engine, encode."""

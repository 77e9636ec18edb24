"""SQLite storage: schema, migrations, and queries. Knows nothing of HTTP."""

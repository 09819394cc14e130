"""Performance benchmark: `python -m bench` (or `make bench`, which adds a throw-away PostgreSQL).

Measures the demo build and the member list and search at 100,000 members, on SQLite and,
when DATABASE_URL names a PostgreSQL server, on PostgreSQL. Each database runs in its own
subprocess (`python -m bench.run --db sqlite|postgres`); `bench/__main__.py` collects their
JSON results, prints a plain-text report and writes `var/bench.json`.
"""

"""Benchmarks: ``make bench`` runs every module listed in ``bench.__main__.SUITES``.

Figures are server time measured in-process (the Flask test client, no network), reported as
p50/p95 in milliseconds, on the database named by ``BENCH_DATABASE_URL`` (a temporary SQLite file
by default). Results are printed and written to ``bench/results/<name>.json``.
"""

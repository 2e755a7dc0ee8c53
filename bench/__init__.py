"""Benchmarks: a deterministic synthetic network (``bench.generate``) and one runner
(``bench.run``) that measures every performance target of the project. Not imported by the app.
"""

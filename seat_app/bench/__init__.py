"""Benchmarks (services never import them). The sync benchmark still lives in
seat_app.services.sync.engine (``run_bench``) until that file can be split; the report
benchmark is ``seat-admin report bench``; the Qt keystroke benchmark is seat_app.qt.bench
(it needs Qt); the index benchmark is kb_index.bench.
"""

"""Benchmarks (services never import them): the sync benchmark is seat_app.bench.sync
(``seat-admin sync bench``); the report benchmark is ``seat-admin report bench``; the Qt
keystroke benchmark is seat_app.qt.bench (it needs Qt); the index benchmark is kb_index.bench.
"""

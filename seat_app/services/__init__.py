"""Services without Qt, one subpackage per concern, each with a small public ``__init__``:

- ``store``: the central database (engine, ORM, migrations, change sequence, op format)
- ``local``: the seat-local store (drafts, outbox, offline caches)
- ``sync``: the seat's sync engine (push and pull)
- ``cases``: the case service on the seat
- ``dispatch``: after the call (dispatch, replies, review, supervision, callbacks), grid import
- ``queue``: the central seat queue, seat states, telephony adapter and simulator
- ``security``: sign-in, audit log, PostgreSQL roles, secrets
- ``kb``: knowledge-base import/export and search
- ``reports``: reports and the team lead's console data

Top-level modules: ``config`` (settings and folders) and ``calendar_data`` (working-day
calendar files). Services import seat_app.domain and kb_index, never Qt, seat_app.demo or
seat_app.bench.
"""

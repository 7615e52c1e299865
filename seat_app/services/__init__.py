"""Services without Qt, one subpackage per concern, each with a small public ``__init__``
whose names load on first use (``seat_app._lazy``: importing a package is cheap):

- ``store``: the central database (engine, ORM, migrations, change sequence, op format)
- ``local``: the seat-local store (drafts, outbox, offline caches)
- ``sync``: the seat's sync engine (push and pull)
- ``cases``: the case service on the seat
- ``dispatch``: after the call (dispatch, replies, review, supervision, callbacks), grid import
- ``queue``: the central seat queue, seat states, heartbeats
- ``security``: sign-in and users, audit log, PostgreSQL roles, secrets
- ``kb``: knowledge-base import/export, search, corrections, search log and upkeep
- ``reports``: reports and the team lead's console data
- ``intake``: matter suggestions from what the citizen said or wrote
- ``telephony``: telephone adapters (softphone, desk-phone intake, CTI), call records
- ``training``: the scenario library, practice sessions and results
- ``quality``: sampling, pre-checks, evaluations, disputes, calibration
- ``analysis``: the detectors run centrally, alerts, the brief, case-history import
- ``live``: simulated agents and units on a real central database
- ``deploy``: the site preset, the central connection check, the minimum client version

Top-level modules: ``config`` (settings and folders), ``calendar_data`` (working-day
calendar files), ``integrity`` (damaged-file errors), ``logs`` (the rotating log and its
redaction) and ``selftest`` (the installation self-test). Services import seat_app.domain
and kb_index, never Qt, seat_app.demo or seat_app.bench (import-linter).
"""

"""The control API under ``/_mock``, a module per resource of ``server/control.yaml``.

    handlers.py    health, reset (to the fixtures or a scenario), the clock, publishing failures
    sessions.py    the sessions themselves (list, create, read, drop)
    snapshots.py   the caller's session's snapshots
    faults.py      the caller's session's fault rules
    requests.py    the caller's session's request journal
    views.py       how answers show the clock

``http.resolver`` finds each operationId's function in the first of these that has it. May
import ``store``, ``publishing``, ``errors``, ``state``, ``sessions``, ``faults`` and
``journal``, never the HTTP layers.
"""

"""Sessions: isolated state, clock, faults, journal and snapshots per client.

    routing.py     the outermost layer: which session a request names (header or path prefix)
    registry.py    the sessions by name: creation, expiry, the bound, their publishers
    exchange.py    what the outer layers learn of a request, shared with the inner ones
    snapshots.py   a session's state and clock saved under a name

May import ``state``, ``store``, ``publishing``, ``journal``, ``http.operations`` and
``errors``.
"""

"""The request journal: every API request a session received, for the control API to query.

    recorder   the ASGI layer that records each request into its session's journal
    log        ``RequestLog``: a session's bounded ring of entries, queried with filters
    filters    which entries a query asks for (operation, method, status, path, body, time)
    entry      one recorded request, kept raw and rendered (masked, parsed) when asked for

May import ``errors``, ``publishing.clock``, ``sessions.exchange`` and ``http.pieced``;
imported by ``state``, the app factory, ``sessions`` and ``control.requests``.
"""

"""``socialpost proxy``: live traffic checked against the contract on its way through.

Every request a client sends to the proxy goes to the upstream unchanged, and the upstream's
answer comes back unchanged; on the way, the exchange is checked against ``openapi.yaml`` and
what broke it is reported, never blocked:

    observed.py   one exchange as the proxy saw it (tokens masked once, at the door)
    checks/       the request against its operation, the answer against its operation (by
                  Schemathesis' response checks) and against its request or earlier answers
    findings.py   what broke, kept for ``GET /_proxy/violations`` (failures and deviations)
    forward.py    the upstream client: a request out, an answer back, bodies streamed past a limit
    recording.py  ``--record DIR``: each exchange written down as it happens
    scenario.py   a recording made a scenario (``socialpost scenario from-recording``)
    app.py        the ASGI app: the above, CORS as the mock does it, the ``/_proxy`` endpoints
    report.py     the violations as a table or JUnit; serving.py: uvicorn, stopped by a signal
    cli.py        ``socialpost proxy`` (and ``proxy report``)

Answers that broke something carry ``X-Contract-Violations: <n>``.
"""

"""``socialpost proxy``: live traffic checked against the contract on its way through.

Every request a client sends to the proxy goes to the upstream unchanged, and the upstream's
answer comes back unchanged; on the way, the exchange is checked against ``openapi.yaml`` and
what broke it is reported, never blocked:

    observed.py   one exchange as the proxy saw it (tokens masked once, at the door)
    requests.py   the request against its operation: parameters, credentials, content type, body
    responses.py  the answer against its operation, by Schemathesis' own response checks
    findings.py   what broke, kept for ``GET /_proxy/violations`` (failures and deviations)
    forward.py    the upstream client: a request out, an answer back, bodies streamed past a limit
    app.py        the ASGI app: the above, CORS as the mock does it, the ``/_proxy`` endpoints
    cli.py        ``socialpost proxy`` (and ``proxy report``)

Answers that broke something carry ``X-Contract-Violations: <n>``.
"""

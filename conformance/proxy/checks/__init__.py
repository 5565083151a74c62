"""The checks of an exchange, by what they compare:

    requests.py   the request against its operation (parameters, credentials, body)
    responses.py  the answer against its operation (Schemathesis' response checks)
    semantics.py  the answer against its request or an earlier answer (conform's, passive),
                  over memory.py (what the proxy has seen of posts)
"""

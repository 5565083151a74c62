"""HTTP plumbing between the wire and the handlers.

Authentication (``auth``), operationId resolution (``resolver``), validators that name the field
(``validation``), ASGI middleware (``middleware``), problem+json rendering (``problems``), JSON
encoding (``jsonify``) and the response cache (``response_cache``). May import ``errors``,
``state``, ``store`` (the interface) and ``publishing.clock``; handlers never import from here
except through Connexion.
"""

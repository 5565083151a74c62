"""Two schemas compared in a direction (request or response), recursively.

    schema_diff     ``compare_schema``: keywords, properties, items and branches, cycle-safe
    schemas         a schema with references followed, ``allOf`` merged, annotations dropped
    keywords        type, format, enum, bounds, pattern and default: widened or narrowed
    patterns        patterns that only restate a ``format``
    branches        which ``oneOf``/``anyOf`` branch of BASE is which of HEAD
    fingerprint     a canonical, order-free text of a schema
    context         where a comparison stands: operation, direction, place

Imports ``..load`` (refs), and ``..changes``, ``..findings`` and ``..rules``; never
``..operation``, which imports it.
"""

"""Operations matched across BASE and HEAD, and each pair compared.

    operations      ``compare_operations``: matching by method and path; removed, added, paired
    security        can every client still authenticate the way it did?
    parameters      parameters matched by location and name (path ones by place)
    bodies          request bodies: presence, required, media types
    responses       status codes, headers, media types
    content         a body's media types and their schemas, request or response

Imports ``..schema`` (for every schema), ``..load`` (refs) and ``..findings``; only
``..compare`` imports it.
"""

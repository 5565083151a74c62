"""Tools over OpenAPI documents, independent of the running mock.

``lint`` checks one document; ``diff`` classifies the changes between two. They read files and
import nothing of the server but ``http.resolver`` (lint checks that operationIds resolve).
"""

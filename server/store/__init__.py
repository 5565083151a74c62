"""Storage: the ``Store`` interface and its embedded TinyDB implementation.

Owns everything that touches a database: the interface (``base``), the embedded store and its
on-disk journal (``tiny``, ``journal``), reading fixture files (``fixtures``) and the synthetic
posts of ``--generate-posts`` (``generate``). Handlers, the publisher and the control API see
``Store`` only. May import: ``socialpost.server.errors``, ``socialpost.server.publishing.clock``
(for times), the standard library and TinyDB; nothing from the HTTP side.
"""

from .base import KINDS, Kind, Record, Row, Store
from .journal import StoreError
from .tiny import TinyStore

__all__ = ["KINDS", "Kind", "Record", "Row", "Store", "StoreError", "TinyStore"]

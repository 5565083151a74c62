"""The shared store: every session's data and clock in PostgreSQL, for replicas of one mock.

``schema`` holds the versioned migrations, ``database`` the connection pool and what concerns
sessions as a whole (open, list, drop, import/export), ``store`` the ``Store`` of one session.
"""

from .database import Database
from .schema import SCHEMA_VERSION
from .store import PgStore

__all__ = ["SCHEMA_VERSION", "Database", "PgStore"]

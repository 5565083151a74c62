"""The dashboard at ``/_mock/``: static files the mock serves, driving the control API."""

from .files import Dashboard

__all__ = ["Dashboard"]

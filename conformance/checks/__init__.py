"""The suite's own checks, registered on import (within a layer they run in definition order,
except those marked ``last``, which look back over every exchange the others made).
"""

from . import (  # noqa: F401  (imported to register their checks)
    access,
    echo,
    lifecycle,
    listing,
    paging,
    publishing,
    stats,
    wire,
    writes,
)

"""wirewatch: read news articles and build a cited, queryable picture of the world they describe."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

"""Arrow schemas of the dataset's tables."""
from .tables import TABLES

__all__ = ["TABLES"]

"""Arrow schemas of the dataset's tables."""

from kompass.schemas.tables import TABLES

__all__ = ["TABLES"]

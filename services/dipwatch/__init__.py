"""dipwatch: diplomatic events from German and English news feeds."""

__version__ = "0.1.0"

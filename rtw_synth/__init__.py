"""Synthetic Danish register extracts for the return-to-work benchmark warehouse (see README.md)."""

__version__ = "0.1.0"

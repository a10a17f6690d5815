"""Append-only record of every write and every view of an unmasked NIK."""

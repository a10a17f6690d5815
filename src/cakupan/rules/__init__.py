"""Regulation rules as pure functions of plain values and dated, cited parameters. Imports nothing from Django."""

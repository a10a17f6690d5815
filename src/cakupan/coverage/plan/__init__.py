"""Forecast at the current pace and the budget simulation."""

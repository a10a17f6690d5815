"""The public view: anonymous aggregates, small cells suppressed."""

"""The calculators: contributions, benefits and heirs from the pure `rules` package, and the
regulation parameters, as pages, API routes and `cakupan calc` commands that share one parser
(`calculators.requests`)."""

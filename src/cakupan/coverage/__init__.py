"""Coverage: denominators, targets, indicators, pre-aggregated facts, gap lists and simulations."""

"""Facts and indicators: the monthly coverage facts, their freshness, and the dashboard."""

"""The calculators' pages: the calculator (contributions, benefits, heirs) and the regulation
parameters."""

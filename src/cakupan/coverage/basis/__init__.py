"""Denominators and targets: the working population and the coverage a region aims for."""

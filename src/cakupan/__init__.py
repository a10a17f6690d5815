"""Cakupan: full BPJS Ketenagakerjaan coverage for every worker in a regency."""

"""Kemendagri regions: province, regency, kecamatan and desa/kelurahan codes, names and boundaries."""

"""Kemendagri regions: provinces, regencies, kecamatan, desa/kelurahan and their boundaries."""

"""Registry: persons (by NIK), employers (by NPP) and dated coverage spells."""

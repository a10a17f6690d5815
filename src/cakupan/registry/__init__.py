"""Registry: persons (by NIK), employers (by NPP) and dated coverage spells. Built in the Registry issue."""

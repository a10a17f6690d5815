"""Claims (santunan): incidents, heirs, computed benefits, decisions, payments and hand-overs."""

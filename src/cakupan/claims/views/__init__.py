"""Claim pages under /klaim/ (namespace `claims`): the claims themselves (`claims`) and the
hand-over ceremonies (`handovers`)."""

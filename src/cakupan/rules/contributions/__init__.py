"""Contribution (iuran) calculators, one module per segment."""

from cakupan.rules.contributions.bpu import Charging, contribution_bpu
from cakupan.rules.contributions.jakon import contribution_jakon, contribution_pmi
from cakupan.rules.contributions.pu import contribution_pu

__all__ = [
    "Charging",
    "contribution_bpu",
    "contribution_jakon",
    "contribution_pmi",
    "contribution_pu",
]

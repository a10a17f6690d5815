"""Benefit (santunan) calculators, looked up on the event date."""

from cakupan.rules.benefits.death import (
    benefit_jkk_ctt,
    benefit_jkk_death,
    benefit_jkk_stmb,
    benefit_jkm_death,
)
from cakupan.rules.benefits.partial_disability import (
    benefit_jkk_partial_disability,
    partial_disability_percentages,
)
from cakupan.rules.benefits.scholarship import LEVELS, scholarship

__all__ = [
    "LEVELS",
    "benefit_jkk_ctt",
    "benefit_jkk_death",
    "benefit_jkk_partial_disability",
    "benefit_jkk_stmb",
    "benefit_jkm_death",
    "partial_disability_percentages",
    "scholarship",
]

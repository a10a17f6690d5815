"""Regulation rules as pure functions of plain values and dated, cited parameters.

Imports nothing from Django or any database layer. Every amount is looked up on an exact
date in `parameters/*.yaml`; every calculator returns a `Calculation` with a trace of the
parameters used and their references; every domain error is a `RuleError`.
Bulk (column) forms live in `cakupan.rules.vectorised` (imports Polars, so not re-exported).
"""

from cakupan.rules.benefits import (
    benefit_jkk_ctt,
    benefit_jkk_death,
    benefit_jkk_stmb,
    benefit_jkm_death,
    scholarship,
)
from cakupan.rules.calculation import Calculation, Component, TraceItem
from cakupan.rules.contributions import (
    contribution_bpu,
    contribution_jakon,
    contribution_pmi,
    contribution_pu,
)
from cakupan.rules.errors import RuleError
from cakupan.rules.heirs import Deceased, Relative, heirs_entitled
from cakupan.rules.money import Rounding
from cakupan.rules.nik import mask_nik, normalize_nik, parse_nik
from cakupan.rules.params import param, parameters_catalog

__all__ = [
    "Calculation",
    "Component",
    "Deceased",
    "Relative",
    "Rounding",
    "RuleError",
    "TraceItem",
    "benefit_jkk_ctt",
    "benefit_jkk_death",
    "benefit_jkk_stmb",
    "benefit_jkm_death",
    "contribution_bpu",
    "contribution_jakon",
    "contribution_pmi",
    "contribution_pu",
    "heirs_entitled",
    "mask_nik",
    "normalize_nik",
    "param",
    "parameters_catalog",
    "parse_nik",
    "scholarship",
]

"""The Polars path gives, row by row, exactly what the scalar calculators give."""

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cakupan.rules.contributions import contribution_bpu, contribution_pu
from cakupan.rules.errors import InvalidInputError, NotInForceError
from cakupan.rules.params import param, parameter_names
from cakupan.rules.vectorised import contributions_bpu_frame, contributions_pu_frame

FIRST, LAST = dt.date(2015, 7, 1), dt.date(2028, 12, 31)
CHANGES = sorted(
    {
        d + dt.timedelta(days=shift)
        for name in parameter_names()
        if name.split(".")[0] in {"pu", "bpu", "jkp", "relief"}
        for d in param(name).breakpoints()
        for shift in (-1, 0)
        if d + dt.timedelta(days=shift) >= FIRST
    }
)
dates = st.one_of(st.sampled_from(CHANGES), st.dates(min_value=FIRST, max_value=LAST))
ROUNDINGS = ["component_half_up", "total_half_up", "component_down", "component_up"]

pu_rows = st.lists(
    st.tuples(
        dates,
        st.one_of(st.integers(0, 50_000_000), st.integers(0, 10**11)),
        st.integers(1, 5),
        st.booleans(),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(pu_rows, st.sampled_from(ROUNDINGS))
def test_pu_columns_equal_scalar(rows, rounding):
    frame = pl.DataFrame(rows, schema=["date", "wage", "risk_class", "padat_karya"], orient="row")
    out = contributions_pu_frame(frame, rounding=rounding)
    for row in out.iter_rows(named=True):
        calc = contribution_pu(
            date=row["date"],
            wage=row["wage"],
            risk_class=row["risk_class"],
            padat_karya=row["padat_karya"],
            rounding=rounding,
        )
        for c in calc.components:
            assert row[c.name] == c.amount, (row, c)
        named = {c.name for c in calc.components}
        assert all(
            row[n] == 0
            for n in out.columns[4:]
            if n not in named and n != "total" and n not in ("employer", "worker", "government")
        )
        assert row["total"] == calc.total
        for payer in ("employer", "worker", "government"):
            assert row[payer] == calc.totals_by_payer.get(payer, 0)


bpu_rows = st.lists(
    st.tuples(
        dates,
        st.integers(1_000_000, 20_700_000),
        st.booleans(),
        st.booleans(),
        st.sampled_from(["participant", "apbd", "apbdes", "apbn", "sponsor"]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(bpu_rows, st.sampled_from(ROUNDINGS))
def test_bpu_columns_equal_scalar(rows, rounding):
    frame = pl.DataFrame(
        rows, schema=["date", "income", "with_jht", "transport_worker", "payer"], orient="row"
    )
    out = contributions_bpu_frame(frame, rounding=rounding)
    for row in out.iter_rows(named=True):
        calc = contribution_bpu(
            date=row["date"],
            income=row["income"],
            with_jht=row["with_jht"],
            transport_worker=row["transport_worker"],
            payer=row["payer"],
            rounding=rounding,
        )
        for c in calc.components:
            assert row[c.name] == c.amount, (row, c)
        assert row["total"] == calc.total


def test_pu_programs_subset():
    frame = pl.DataFrame({"date": [dt.date(2024, 1, 1)], "wage": [5_000_000], "risk_class": [1]})
    out = contributions_pu_frame(frame, programs=["JKK", "JKM"])
    assert out["total"].to_list() == [27_000]


@pytest.mark.parametrize(
    ("frame", "error", "code"),
    [
        (
            {"date": [dt.date(2015, 6, 30)], "wage": [1], "risk_class": [1]},
            NotInForceError,
            "param.not_in_force",
        ),
        (
            {"date": [dt.date(2024, 1, 1)], "wage": [-1], "risk_class": [1]},
            InvalidInputError,
            "input.negative",
        ),
        (
            {"date": [dt.date(2024, 1, 1)], "wage": [1], "risk_class": [7]},
            InvalidInputError,
            "pu.risk_class",
        ),
        (
            {"date": [dt.date(2024, 1, 1)], "wage": [1.5], "risk_class": [1]},
            InvalidInputError,
            "input.not_integer",
        ),
    ],
)
def test_pu_bad_columns(frame, error, code):
    with pytest.raises(error) as info:
        contributions_pu_frame(pl.DataFrame(frame))
    assert info.value.code == code


def test_bpu_bad_columns():
    with pytest.raises(InvalidInputError) as info:
        contributions_bpu_frame(pl.DataFrame({"date": [dt.date(2024, 1, 1)], "income": [999]}))
    assert info.value.code == "bpu.income_below_minimum"
    with pytest.raises(InvalidInputError) as info:
        contributions_bpu_frame(
            pl.DataFrame({"date": [dt.date(2024, 1, 1)], "income": [10**6], "payer": ["bank"]})
        )
    assert info.value.code == "input.choice"


def test_explicit_jkp_before_it_existed_is_refused_for_those_rows():
    ok = pl.DataFrame({"date": [dt.date(2021, 2, 2)], "wage": [6_000_000], "risk_class": [1]})
    assert contributions_pu_frame(ok, programs=["JKP"])["government"].to_list() == [11_000]
    early = pl.DataFrame({"date": [dt.date(2021, 2, 1)], "wage": [6_000_000], "risk_class": [1]})
    with pytest.raises(NotInForceError) as info:
        contributions_pu_frame(early, programs=["JKP"])
    assert info.value.code == "pu.program_not_in_force"

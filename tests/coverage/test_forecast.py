"""Forecast of reaching the coverage target: the pure arithmetic (least-squares pace from the
latest rate to the target), then the same method on the monthly facts of a synthetic regency,
region scope, and the /cakupan/rencana/ table and /api/v1/coverage/forecast."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient
from python_calamine import CalamineWorkbook

from cakupan.api.errors import install_error_handlers
from cakupan.coverage.demo import coverage_demo_fill
from cakupan.coverage.facts.selectors import coverage_indicator, default_month
from cakupan.coverage.plan import maths
from cakupan.coverage.plan.api import router
from cakupan.coverage.plan.selectors import forecast, plan_months
from cakupan.coverage.plan.wording import forecast_status_label
from cakupan.coverage.report.contents import SECTION_TITLES
from cakupan.coverage.report.export import report_export
from cakupan.coverage.report.pdf import report_html
from cakupan.coverage.report.selectors import default_report_date
from cakupan.errors import PermissionDenied
from tests.conftest import KEC_JELAI, KEC_SUKAMARA, SUKAMARA, client_for


def monthly(first: dt.date, rates) -> list[tuple[dt.date, Decimal | None]]:
    return [
        (maths.add_months(first, i), None if r is None else Decimal(str(r)))
        for i, r in enumerate(rates)
    ]


# ---------------------------------------------------------------- the arithmetic, no database


def test_reached_when_the_latest_rate_is_at_the_target():
    got = maths.project(monthly(dt.date(2026, 1, 1), [44, 47, 50]), Decimal(50))
    assert got.status == maths.REACHED and got.reach_month is None
    assert got.rate == 50 and got.slope_per_month == 3


def test_on_track_reaches_in_a_known_month():
    # 10, 11, 12 % in Jan-Mar 2026: one point a month; 3 more points to 15 % -> June 2026
    got = maths.project(monthly(dt.date(2026, 1, 1), [10, 11, 12]), 15)
    assert got.status == maths.ON_TRACK
    assert got.slope_per_month == 1 and got.months_to_reach == 3
    assert got.reach_month == dt.date(2026, 6, 1)
    # a part-month still needs the whole month: 12 + 3 x 1 = 15 < 15.5 -> July
    later = maths.project(monthly(dt.date(2026, 1, 1), [10, 11, 12]), Decimal("15.5"))
    assert later.months_to_reach == 4 and later.reach_month == dt.date(2026, 7, 1)


def test_a_missing_month_is_a_gap_on_the_calendar_not_a_squeeze():
    points = [
        (dt.date(2026, 1, 31), Decimal(10)),
        (dt.date(2026, 2, 28), Decimal(11)),
        (dt.date(2026, 4, 30), Decimal(13)),  # March missing: still one point per month
    ]
    got = maths.project(points, 20)
    assert got.slope_per_month == 1 and got.reach_month == dt.date(2026, 11, 1)
    # least squares, not the last step: 10, 12, 12.5 -> slope 1.25
    assert maths.slope(monthly(dt.date(2026, 1, 1), [10, 12, "12.5"])) == Decimal("1.25")


def test_flat_or_falling_is_not_at_the_current_pace():
    flat = maths.project(monthly(dt.date(2026, 1, 1), [30, 30, 30, 30]), 50)
    assert flat.status == maths.NOT_AT_PACE and flat.slope_per_month == 0
    falling = maths.project(monthly(dt.date(2026, 1, 1), [33, 32, 31]), 50)
    assert falling.status == maths.NOT_AT_PACE and falling.slope_per_month == -1
    # rising, but 0.01 point a month needs 1,000 months: beyond the ten-year horizon
    slow = maths.project(monthly(dt.date(2026, 1, 1), ["40", "40.01", "40.02"]), 50)
    assert slow.status == maths.NOT_AT_PACE and slow.reach_month is None


def test_too_few_points_or_no_target_is_no_data():
    assert maths.project(monthly(dt.date(2026, 1, 1), [10, 11]), 50).status == maths.NO_DATA
    # months without a rate (no denominator) do not count as points
    sparse = maths.project(monthly(dt.date(2026, 1, 1), [10, None, None, 11]), 50)
    assert sparse.status == maths.NO_DATA and sparse.points_used == 2
    assert maths.project(monthly(dt.date(2026, 1, 1), [10, 11, 12]), None).status == maths.NO_DATA


def test_no_data_says_what_is_missing():
    """No target, no denominator and too few months ask different things of a planner."""
    rising = monthly(dt.date(2026, 1, 1), [10, 11, 12])
    assert maths.project(rising, None).reason == maths.NO_TARGET
    assert maths.project(rising[:2], 50).reason == maths.TOO_FEW_MONTHS
    none = monthly(dt.date(2026, 1, 1), [None, None, None])
    assert maths.project(none, 50, has_denominator=False).reason == maths.NO_DENOMINATOR
    both = maths.project(none, None, has_denominator=False)
    assert both.reason == maths.NO_DENOMINATOR_OR_TARGET
    assert maths.project(rising, 15).reason == ""  # a projection was made
    labels = {reason: forecast_status_label(maths.NO_DATA, reason) for reason in maths.REASONS}
    assert labels[maths.NO_TARGET] == "Tanpa target"
    assert labels[maths.NO_DENOMINATOR] == "Tanpa penyebut"
    assert str(maths.MIN_POINTS) in labels[maths.TOO_FEW_MONTHS]
    assert len(set(labels.values())) == len(maths.REASONS)


def test_only_the_last_twelve_points_set_the_pace():
    # flat for two years, then one point a month for the last twelve
    rates = [5] * 24 + list(range(6, 18))
    got = maths.project(monthly(dt.date(2024, 1, 1), rates), 20)
    assert got.points_used == 12 and got.first_month == dt.date(2026, 1, 1)
    assert got.slope_per_month == 1 and got.reach_month == dt.date(2027, 3, 1)


# ---------------------------------------------------------------- on the monthly facts

db = pytest.mark.django_db


@pytest.fixture
def demo(synthetic):
    return coverage_demo_fill(regency_code=SUKAMARA)


@db
def test_forecast_rows_follow_the_facts_and_the_method(demo, manager):
    months = plan_months(user=manager, region_code=SUKAMARA)
    last = default_month(months)  # the last month end on or before today, as every page
    months = [m for m in months if m <= last]
    rows, method = forecast(user=manager, region_code=SUKAMARA)
    assert [r.code for r in rows][:1] == [SUKAMARA] and len(rows) == 6  # regency + 5 kecamatan
    assert all(r.code.startswith(SUKAMARA + ".") for r in rows[1:])
    window = months[-maths.WINDOW :]
    # the window is printed with the method
    assert "12 titik bulanan terakhir" in method and str(window[0].year) in method
    for row in (rows[0], rows[2]):
        # the same rates the dashboard shows, month by month, give the same projection
        rates = [
            (m, coverage_indicator(user=manager, region_code=row.code, on=m).rate) for m in window
        ]
        expected = maths.project(rates, row.target_rate)
        assert row.rate == rates[-1][1]
        assert (row.status, row.reach_month, row.slope_per_month) == (
            expected.status,
            expected.reach_month,
            expected.slope_per_month,
        )
        headline = coverage_indicator(user=manager, region_code=row.code, on=last)
        assert row.covered == headline.covered and row.gap_persons == headline.gap_persons
        assert row.synthetic and row.target_rate == 60  # the demo plan for 2026
    assert rows[0].status in maths.STATUSES


@db
def test_a_desa_without_a_target_says_no_target(demo, manager):
    rows, _method = forecast(user=manager, region_code=KEC_JELAI)
    assert rows[0].code == KEC_JELAI and len(rows) > 1
    # the demo sets targets for the regency and kecamatan only
    assert all(r.status == maths.NO_DATA and r.target_rate is None for r in rows[1:])
    assert all(r.rate is not None for r in rows[1:])
    assert all(r.reason == maths.NO_TARGET for r in rows[1:])
    page = client_for(manager).get(f"/cakupan/rencana/?wilayah={KEC_JELAI}").content.decode()
    desa = page[page.index(f"?wilayah={rows[1].code}&") :]
    assert desa.index("Tanpa target") < desa.index("</tr>")  # said on the desa's own row


@db
def test_an_earlier_month_moves_the_window(demo, manager):
    rows, method = forecast(user=manager, region_code=SUKAMARA, month=dt.date(2025, 6, 15))
    assert "(Juli 2024 – Juni 2025;" in method
    assert rows[0].target_rate == 50  # the 2025 target


@db
def test_forecast_refuses_a_region_outside_the_users_scope(demo, viewer_jelai):
    with pytest.raises(PermissionDenied):
        forecast(user=viewer_jelai, region_code=KEC_SUKAMARA)
    with pytest.raises(PermissionDenied):
        forecast(user=viewer_jelai, region_code=SUKAMARA)
    rows, _ = forecast(user=viewer_jelai, region_code=KEC_JELAI)
    assert rows[0].code == KEC_JELAI


@db
def test_plan_page_shows_the_forecast_table(demo, manager):
    page = client_for(manager).get("/cakupan/rencana/?wilayah=62.08")
    assert page.status_code == 200
    html = page.content.decode()
    rows, method = forecast(user=manager, region_code=SUKAMARA)
    assert "Perkiraan tercapainya target" in html and 'id="forecast-table"' in html
    assert "DATA SINTETIS" in html
    for row in rows:
        assert row.name in html
    assert method.split(" (")[0] in html  # the method is printed
    for row in rows:
        assert row.status_text == forecast_status_label(row.status, row.reason)
        assert f'plan-{row.status}">{row.status_text}' in html


@db
def test_status_labels_are_the_same_on_the_plan_page_pdf_and_workbook(demo, manager):
    """One wording per status: "not at the current pace" is not also "belum sesuai laju"."""
    month = default_report_date(user=manager, region_code=SUKAMARA)
    rows, _method = forecast(user=manager, region_code=SUKAMARA, month=month)
    url = f"/cakupan/rencana/?wilayah={SUKAMARA}&bulan={month:%Y-%m}"
    page = client_for(manager).get(url).content.decode()
    found = report_export(user=manager, region_code=SUKAMARA, on=month, fmt="xlsx")
    assert found.report.month == month
    book = CalamineWorkbook.from_filelike(io.BytesIO(found.content))
    sheet = book.get_sheet_by_name(str(SECTION_TITLES["forecast"])).to_python()
    in_book = {r[0]: r[6] for r in sheet if r and str(r[0]).startswith(SUKAMARA)}
    pdf = report_html(found.report)
    assert set(in_book) == {r.code for r in rows}
    for row in rows:
        assert in_book[row.code] == row.status_text
        assert f'plan-{row.status}">{row.status_text}' in page
        assert f"<td>{row.status_text}</td>" in pdf
    assert all(forecast_status_label(s) for s in maths.STATUSES)


@db
def test_plan_page_in_english_and_scoped(demo, viewer_jelai):
    client = client_for(viewer_jelai)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/cakupan/rencana/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="en">' in html and "Jelai" in html and 'id="forecast-table"' in html
    assert client.get("/cakupan/rencana/?wilayah=62.08.01").status_code == 403
    assert client.get(f"/cakupan/rencana/?wilayah={KEC_JELAI}&bulan=2031-01").status_code == 404


@pytest.fixture(scope="module")
def api():
    app = NinjaAPI(urls_namespace="coverage-plan-forecast-test")
    install_error_handlers(app)
    app.add_router("/coverage", router)
    return TestClient(app)


@db
def test_forecast_api_returns_the_same_rows(api, demo, viewer_jelai):
    got = api.get(f"/coverage/forecast?region={KEC_JELAI}", user=viewer_jelai)
    assert got.status_code == 200, got.content
    body = got.json()
    rows, method = forecast(user=viewer_jelai, region_code=KEC_JELAI)
    assert body["method"] == method and len(body["rows"]) == len(rows)
    for out, row in zip(body["rows"], rows, strict=True):
        assert out["code"] == row.code and out["status"] == row.status
        assert out["rate"] == (float(row.rate) if row.rate is not None else None)
        assert out["reach_month"] == (row.reach_month.isoformat() if row.reach_month else None)
    refused = api.get(f"/coverage/forecast?region={KEC_SUKAMARA}", user=viewer_jelai)
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"

"""The rakor report's sections read from other apps and sub-domains: agreements, claims, the
simulation and the forecast, each shown only where the reader holds the permission."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from cakupan.accounts.scope import (
    region_contains,
    user_has_permission,
)
from cakupan.claims.selectors import claims_summary
from cakupan.coverage.report.contents import (
    AGREEMENT_WINDOW_DAYS,
    DEFAULT_SIMULATION_MONTHS,
    AgreementRow,
    ClaimsRow,
    RakorReport,
    SimulationRequest,
)
from cakupan.errors import DomainError
from cakupan.regions.selectors import (
    region_labels,
)
from cakupan.rules.errors import RuleError


def _may(user, permission: str, code: str) -> bool:
    return user_has_permission(user=user, permission=permission, region_code=code)


def _overlaps(a: str, b: str) -> bool:
    return region_contains(a, b) or region_contains(b, a)


def _add_agreements(report: RakorReport, user) -> None:
    if not _may(user, "agreements.view", report.region_code):
        report.notes["agreements"] = str(
            _("Bagian ini tidak ditampilkan: Anda tidak berwenang melihat PKS di wilayah ini.")
        )
        return
    from cakupan.agreements.selectors import agreement_invoice, agreement_list

    window_start = report.date - dt.timedelta(days=AGREEMENT_WINDOW_DAYS)
    found = [
        (a, budget)
        for a, budget in agreement_list(user=user)
        if _overlaps(report.region_code, a.region_code)
        and a.valid_from <= report.date
        and a.valid_to >= window_start
    ]
    claims: dict | None = None  # None: unknown to this reader, shown as "–", never as 0
    if found and _may(user, "claims.view", report.region_code):
        rows = claims_summary(
            user=user, end=report.date, by="agreement", region_code=report.region_code
        )
        claims = {r["key"]: r for r in rows}
    names = region_labels(codes={a.region_code for a, _b in found})
    out = []
    for agreement, budget in sorted(found, key=lambda ab: (ab[0].valid_from, ab[0].number)):
        end = min(agreement.valid_to, report.date)
        invoice = agreement_invoice(
            user=user, agreement_id=agreement.pk, start=agreement.valid_from, end=end
        )
        c = claims.get(agreement.number, {}) if claims is not None else None
        out.append(
            AgreementRow(
                number=agreement.number,
                title=agreement.title,
                region_code=agreement.region_code,
                region_name=names.get(agreement.region_code, agreement.region_code),
                valid_from=agreement.valid_from,
                valid_to=agreement.valid_to,
                in_force=agreement.valid_from <= report.date <= agreement.valid_to,
                officers=budget.officers,
                ceiling=budget.ceiling,
                premium_total=budget.used,
                invoiced_to_date=invoice.total,
                claims=c.get("claims", 0) if c is not None else None,
                decided_amount=c.get("decided_amount", 0) if c is not None else None,
                paid_amount=c.get("paid_amount", 0) if c is not None else None,
                synthetic=bool(agreement.synthetic),
                problems=list(budget.problems),
            )
        )
    report.agreements = out
    report.synthetic = report.synthetic or any(a.synthetic for a in out)
    if not out:
        report.notes["agreements"] = str(
            _("Tidak ada PKS yang berlaku di wilayah ini dalam 12 bulan sampai tanggal laporan.")
        )


def _add_claims(report: RakorReport, user) -> None:
    if not _may(user, "claims.view", report.region_code):
        report.notes["claims"] = str(
            _("Bagian ini tidak ditampilkan: Anda tidak berwenang melihat klaim di wilayah ini.")
        )
        return
    start = dt.date(report.date.year, 1, 1)
    report.claims_period = (start, report.date)
    out: list[ClaimsRow] = []
    region_names: dict[str, str] = {}
    for group in ("program", "region", "agreement"):
        rows = claims_summary(
            user=user, start=start, end=report.date, by=group, region_code=report.region_code
        )
        if group == "region":
            region_names = region_labels(codes={r["key"] for r in rows})
        for r in rows:
            label = region_names.get(r["key"], r["key"]) if group == "region" else r["key"]
            if group == "agreement" and r["key"] == "-":
                label = str(_("Tanpa PKS"))
            out.append(
                ClaimsRow(
                    group=group,
                    key=r["key"],
                    label=label,
                    claims=r["claims"],
                    refused=r["refused"],
                    rejected=r["rejected"],
                    paid_claims=r["paid_claims"],
                    decided_amount=r["decided_amount"],
                    paid_amount=r["paid_amount"],
                )
            )
    report.claims = out
    if not out:
        report.notes["claims"] = str(_("Tidak ada klaim dengan tanggal kejadian pada periode ini."))


def first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _add_simulation(report: RakorReport, user, asked: SimulationRequest) -> None:
    persons = asked.persons
    if persons is None:
        persons = report.indicator.gap_persons
    if not persons:
        if report.indicator.denominator is None:
            why = _("Simulasi tidak dibuat: wilayah ini belum punya penyebut (penduduk bekerja).")
        elif report.indicator.gap_persons is None:
            why = _("Simulasi tidak dibuat: wilayah ini belum punya target tahun ini.")
        else:
            why = _("Simulasi tidak dibuat: target sudah tercapai, tidak ada kesenjangan.")
        report.notes["simulation"] = str(why)
        return
    try:
        from cakupan.coverage.plan.simulation import simulate
    except ImportError:
        report.notes["simulation"] = str(_("Simulasi anggaran belum tersedia di instalasi ini."))
        return
    try:
        report.simulation = simulate(
            user=user,
            region_code=report.region_code,
            persons=persons,
            months=asked.months or DEFAULT_SIMULATION_MONTHS,
            start=asked.start or first_of_next_month(report.date),
            income=asked.income,
            with_jht=asked.with_jht,
        )
    except (DomainError, RuleError) as exc:  # e.g. an income outside the BPU range
        report.notes["simulation"] = exc.message(report.lang)
        return
    report.synthetic = report.synthetic or bool(getattr(report.simulation, "synthetic", False))


def _add_forecast(report: RakorReport, user) -> None:
    try:
        from cakupan.coverage.plan.selectors import forecast
    except ImportError:
        report.notes["forecast"] = str(_("Proyeksi belum tersedia di instalasi ini."))
        return
    try:
        rows, definition = forecast(user=user, region_code=report.region_code, month=report.month)
    except DomainError as exc:
        report.notes["forecast"] = exc.message(report.lang)
        return
    report.forecast = list(rows)
    report.forecast_definition = str(definition)

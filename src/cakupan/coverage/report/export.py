"""Making the rakor report file (PDF or XLSX) and recording it in the audit log.

The report holds no personal data, but leadership takes decisions on it, so each file is
traceable: it carries a document number, and the audit row with that number says who made
it, for which region and date, from which month's facts, and the headline figures it showed.
The file is rendered first and audited after, so a slow PDF never holds the database's
write lock; a file whose audit row could not be written is not handed out.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction

from cakupan.audit.services import audit_record
from cakupan.coverage.report.contents import RakorReport, SimulationRequest
from cakupan.coverage.report.selectors import rakor_report
from cakupan.errors import DomainError

FORMATS = ("pdf", "xlsx")
AUDIT_ACTION = "coverage.report_export"


@dataclass
class ReportFile:
    content: bytes
    filename: str
    content_type: str
    report: RakorReport


def document_reference(report: RakorReport) -> str:
    """`RK-6208-20261031-3F9A1C`: region, date and a random part (two downloads differ)."""
    return (
        f"RK-{report.region_code.replace('.', '')}-{report.date:%Y%m%d}-"
        f"{secrets.token_hex(3).upper()}"
    )


def report_export(
    *,
    user,
    region_code: str,
    on: dt.date | None = None,
    fmt: str,
    simulation: SimulationRequest | None = None,
    lang: str = "id",
    via: str = "web",
) -> ReportFile:
    if fmt not in FORMATS:
        raise DomainError(
            "report_format",
            "Format laporan harus pdf atau xlsx.",
            "The report format must be pdf or xlsx.",
        )
    report = rakor_report(
        user=user, region_code=region_code, on=on, simulation=simulation, lang=lang
    )
    report.reference = document_reference(report)
    if fmt == "pdf":
        from cakupan.coverage.report.pdf import report_pdf

        content, content_type = report_pdf(report), "application/pdf"
    else:
        from cakupan.coverage.report.xlsx import CONTENT_TYPE, report_xlsx

        content, content_type = report_xlsx(report), CONTENT_TYPE
    ind = report.indicator
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AUDIT_ACTION,
            object_type="region",
            object_id=report.region_code,
            region_code=report.region_code,
            after={
                "reference": report.reference,
                "format": fmt,
                "language": lang,
                "via": via,
                "date": report.date.isoformat(),
                "facts_month": report.month.isoformat(),
                "covered": ind.covered,
                "denominator": ind.denominator.value if ind.denominator else None,
                "rate": str(ind.rate) if ind.rate is not None else None,
                "target_rate": str(ind.target_rate) if ind.target_rate is not None else None,
                "gap_persons": ind.gap_persons,
                "synthetic": report.synthetic,
                "omitted": sorted(
                    k
                    for k in ("agreements", "claims", "simulation", "forecast")
                    if getattr(report, k) is None
                ),
            },
            reason="rakor report",
        )
    safe = report.region_code.replace(".", "")
    filename = f"laporan-rakor-{safe}-{report.date:%Y%m%d}.{fmt}"
    return ReportFile(content, filename, content_type, report)

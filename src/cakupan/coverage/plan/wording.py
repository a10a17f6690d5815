"""What a budget simulation assumes and the law each rate rests on, and what a forecast status
is called, in the user's language.

Kept apart from the reads so the list of assumptions can be read (and reviewed) in one place:
a planner quoting the total in a rakor must be able to say what it leaves out. The status
labels live here once, so the plan page, the PDF and the workbook name a status alike.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cakupan.coverage.plan import maths
from cakupan.rules.formats import long_date, number, percent, rupiah
from cakupan.rules.params import param
from cakupan.rules.wording import month_year, pct


def _value_text(unit: str, value, lang: str) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k.upper()} {_value_text(unit, v, lang)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v).upper() for v in value)
    if unit == "rupiah":
        return rupiah(value)
    if unit == "percent":
        return pct(Decimal(value), lang)
    return str(value)


def legal_line(name: str, value, effective_from: dt.date, reference: str, lang: str) -> str:
    """`PP 44/2015 Pasal 20, berlaku sejak 1 Juli 2015: Iuran JKM BPU … — Rp6.800`."""
    p = param(name)
    description = p.description["en" if lang == "en" else "id"]
    return _("{reference}, berlaku sejak {date}: {description} — {value}").format(
        reference=reference,
        date=long_date(effective_from, lang),
        description=description,
        value=_value_text(p.unit, value, lang),
    )


FORECAST_STATUS_LABELS = {
    maths.REACHED: gettext_lazy("Target tercapai"),
    maths.ON_TRACK: gettext_lazy("Sesuai laju"),
    maths.NOT_AT_PACE: gettext_lazy("Tidak tercapai dengan laju sekarang"),
    maths.NO_DATA: gettext_lazy("Tanpa data"),
}
NO_DATA_LABELS = {
    maths.NO_TARGET: gettext_lazy("Tanpa target"),
    maths.NO_DENOMINATOR: gettext_lazy("Tanpa penyebut"),
    maths.NO_DENOMINATOR_OR_TARGET: gettext_lazy("Tanpa penyebut dan target"),
    maths.TOO_FEW_MONTHS: gettext_lazy("Kurang dari {minimum} bulan berdata"),
}


def forecast_status_label(status: str, reason: str = "") -> str:
    """The label of a forecast status; a `no_data` one says what is missing."""
    if status == maths.NO_DATA and reason in NO_DATA_LABELS:
        return str(NO_DATA_LABELS[reason]).format(minimum=maths.MIN_POINTS)
    return str(FORECAST_STATUS_LABELS.get(status, status))


def latest_change(names) -> dt.date:
    """The newest dated value among the parameters `names` (those the simulation used, each
    listed in its legal basis): later months are assumed to keep the values in force then.
    Parameters the simulated payer never uses (the PP 50/2025 transport discount for an APBD
    payer) do not count: their end says nothing about this simulation's rates."""
    return max(param(n).history[-1].effective_from for n in names)


def simulation_assumptions(sim, denominator, transport, lang: str) -> list[str]:
    """The assumptions behind `sim` (a `plan.simulation.Simulation`), one sentence each."""
    out = []
    if sim.income_default:
        minimum = param("bpu.income_min").at(sim.start)
        out.append(
            _(
                "Penghasilan yang dilaporkan {income} per orang per bulan: batas terendah BPU "
                "({reference})."
            ).format(income=rupiah(sim.income), reference=minimum.reference)
        )
    else:
        out.append(
            _("Penghasilan yang dilaporkan {income} per orang per bulan (diisi pengguna).").format(
                income=rupiah(sim.income)
            )
        )
    out.append(
        _("Program JKK + JKM + JHT (JHT pilihan).")
        if sim.with_jht
        else _("Program JKK + JKM saja (paket minimum BPU), tanpa JHT.")
    )
    out.append(_("Iuran dibayar Pemda dari APBD untuk seluruh orang dan seluruh bulan."))
    if transport is not None:
        out.append(
            _(
                "Iuran yang dibayar dari APBD tidak mendapat diskon pekerja transportasi "
                "PP 50/2025 ({reference}), walau sebagian pekerja bekerja di transportasi."
            ).format(reference=transport.reference)
        )
    first, last = sim.monthly[0][0], sim.monthly[-1][0]
    out.append(
        _(
            "{months} bulan iuran ({first} – {last}), masing-masing dihitung penuh dengan tarif "
            "yang berlaku pada hari pertama yang ditanggung (bulan pertama: {start}), seperti "
            "penagihan BPU."
        ).format(
            months=sim.months,
            first=month_year(first, lang),
            last=month_year(last, lang),
            start=long_date(sim.start, lang),
        )
    )
    previous = {m: c for m, c, _a in sim.monthly}
    for month in sim.rate_changes:
        before = previous[_month_before(month, sim.monthly)]
        out.append(
            _("Tarif berubah mulai {month}: {before} → {after} per orang per bulan.").format(
                month=month_year(month, lang), before=rupiah(before), after=rupiah(previous[month])
            )
        )
    out.append(
        _(
            "Tidak ada yang keluar: semua {persons} orang terlindungi sejak bulan pertama sampai "
            "bulan terakhir, dan orang yang sudah terlindungi tetap terlindungi."
        ).format(persons=number(sim.persons))
    )
    out.append(
        _(
            "Orang terlindungi sebelum simulasi: {covered} menurut fakta bulanan {month} (bulan "
            "terakhir yang sudah dihitung, tidak sesudah bulan mulai); orang yang ditambahkan "
            "belum terlindungi dan berdomisili di {name}."
        ).format(
            covered=number(sim.covered_before),
            month=long_date(sim.covered_month, lang),
            name=sim.region_name,
        )
    )
    if denominator is None:
        out.append(_("Belum ada penyebut (penduduk bekerja): cakupan tidak dapat dihitung."))
    else:
        out.append(
            _("Penyebut: penduduk bekerja {value} tahun {year}, sumber: {source}.").format(
                value=number(denominator.value), year=denominator.year, source=denominator.source
            )
        )
        if denominator.note:
            out.append(str(denominator.note))
        out.append(
            _("Penyebut dianggap tetap selama simulasi; cakupan sesudah = (terlindungi + N) ÷ "
              "penyebut × 100.")
        )  # fmt: skip
    if sim.target_rate is None:
        out.append(_("Belum ada target cakupan untuk wilayah ini."))
    else:
        out.append(
            _("Target {year}: {rate} ({source}).").format(
                year=sim.target_year,
                rate=percent(sim.target_rate, 2, lang),
                source=sim.target_source,
            )
        )
    if sim.persons < sim.persons_asked:
        out.append(
            _(
                "Diminta {asked} orang, tetapi penduduk bekerja yang belum terlindungi hanya "
                "{persons}: simulasi memakai {persons} orang."
            ).format(asked=number(sim.persons_asked), persons=number(sim.persons))
        )
    if sim.gap_persons:
        if sim.persons >= sim.gap_persons:
            text = _("{persons} orang cukup untuk menutup kesenjangan {gap} orang ke target.")
        else:
            text = _("{persons} orang belum menutup kesenjangan {gap} orang ke target.")
        out.append(text.format(persons=number(sim.persons), gap=number(sim.gap_persons)))
    changed = latest_change(sim.parameters)
    if sim.monthly[-1][0] >= changed:
        out.append(
            _(
                "Tarif sesudah {date} (perubahan terakhir yang tercatat di parameter) dianggap "
                "tidak berubah."
            ).format(date=long_date(changed, lang))
        )
    return out


def _month_before(month: dt.date, monthly) -> dt.date:
    months = [m for m, _c, _a in monthly]
    return months[months.index(month) - 1]

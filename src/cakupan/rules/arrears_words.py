"""What `cakupan.rules.arrears` tells people about each situation, in Indonesian and English
(each function takes the language and returns one text; the rule wraps them in `Words`)."""

from __future__ import annotations

import datetime as dt

from cakupan.rules.formats import long_date
from cakupan.rules.wording import Words, month_year


def _span(months: list[dt.date], lang: str) -> str:
    if len(months) == 1:
        return month_year(months[0], lang)
    return f"{month_year(months[0], lang)} – {month_year(months[-1], lang)}"


def _en(lang: str) -> bool:
    return (lang or "id")[:2] == "en"


def not_applicable(segment: str, program: str) -> Words:
    if program == "JHT":
        return Words(
            "Manfaat JHT adalah saldo iuran yang sudah dibayar; tunggakan tidak mengubah hak atas "
            "saldo itu.",
            "The JHT benefit is the balance of iuran already paid in; arrears do not change the "
            "right to that balance.",
        )
    if segment == "JAKON":
        return Words(
            "Iuran jasa konstruksi dibayar di muka untuk seluruh masa proyek; perlindungan "
            "mengikuti masa proyek yang tercatat.",
            "Construction-project iuran is paid up front for the whole project; coverage follows "
            "the recorded project period.",
        )
    return Words(
        "Iuran PMI dibayar di muka untuk masa perlindungan; perlindungan mengikuti masa yang "
        "tercatat.",
        "Migrant-worker iuran is paid up front for the protection period; coverage follows the "
        "recorded period.",
    )


def unknown(lang: str, segment: str, month: dt.date, due: dt.date) -> str:
    m, d = month_year(month, lang), long_date(due, lang)
    if _en(lang):
        return (
            "The payment of iuran has not been checked: enter the last month paid as BPJS "
            f"Ketenagakerjaan's system shows it. The {segment} iuran for {m} is due by {d}."
        )
    return (
        "Pembayaran iuran belum diperiksa: isi bulan terakhir yang sudah dibayar menurut sistem "
        f"BPJS Ketenagakerjaan. Iuran {segment} bulan {m} jatuh tempo {d}."
    )


def paid(lang: str, paid: dt.date, month: dt.date) -> str:
    p, m = month_year(paid, lang), month_year(month, lang)
    if _en(lang):
        return f"Iuran is paid through {p}, including the incident month ({m}): covered."
    return f"Iuran sudah dibayar sampai {p}, termasuk bulan kejadian ({m}): terlindungi."


def _last_paid(lang: str, paid: dt.date) -> str:
    p = month_year(paid, lang)
    return f"Iuran is paid through {p}." if _en(lang) else f"Iuran dibayar sampai {p}."


def grace_pu(lang, paid, unpaid, first_due, day) -> str:
    months, d = _span(unpaid, lang), long_date(first_due, lang)
    if _en(lang):
        return (
            f"{_last_paid(lang, paid)} The iuran for {months} was not yet due on the incident "
            f"date (the first is due by {d}): no arrears, covered (grace period)."
        )
    return (
        f"{_last_paid(lang, paid)} Iuran {months} belum jatuh tempo pada tanggal kejadian "
        f"(yang pertama jatuh tempo {d}): tidak ada tunggakan, terlindungi (masa tenggang)."
    )


def _program_months(lang: str, n: int) -> str:
    return (f"{n} month" + ("s" if n != 1 else "")) if _en(lang) else f"{n} bulan"


def bpjs_pays(lang, program, overdue, limit) -> str:
    n, months = _program_months(lang, len(overdue)), _span(overdue, lang)
    if _en(lang):
        return (
            f"On the incident date the employer was {n} in arrears ({months}), at most {limit} "
            f"months: BPJS Ketenagakerjaan pays the {program} benefit. The employer must still "
            "pay the arrears and the denda."
        )
    return (
        f"Pada tanggal kejadian pemberi kerja menunggak iuran {n} ({months}), paling lama "
        f"{limit} bulan: BPJS Ketenagakerjaan membayar manfaat {program}. Pemberi kerja tetap "
        "wajib melunasi tunggakan dan dendanya."
    )


def employer_first(lang, program, overdue, limit, penalty) -> str:
    n, months = _program_months(lang, len(overdue)), _span(overdue, lang)
    rate = f"{penalty}%"
    if program == "JKP":
        if _en(lang):
            return (
                f"On the incident date the employer was {n} in arrears ({months}), more than "
                f"{limit} months: the employer must pay the JKP benefit itself; whether BPJS "
                "Ketenagakerjaan reimburses it once the arrears are paid has not been confirmed."
            )
        return (
            f"Pada tanggal kejadian pemberi kerja menunggak iuran {n} ({months}), lebih dari "
            f"{limit} bulan: pemberi kerja wajib membayar sendiri manfaat JKP; penggantian oleh "
            "BPJS Ketenagakerjaan setelah tunggakan dilunasi belum dipastikan."
        )
    if _en(lang):
        return (
            f"On the incident date the employer was {n} in arrears ({months}), more than {limit} "
            f"months: the employer pays the {program} benefit to the worker or heirs first, and "
            "BPJS Ketenagakerjaan reimburses the employer once the arrears and the denda "
            f"({rate} a month) are paid."
        )
    return (
        f"Pada tanggal kejadian pemberi kerja menunggak iuran {n} ({months}), lebih dari {limit} "
        f"bulan: pemberi kerja membayar manfaat {program} kepada pekerja atau ahli waris "
        "terlebih dahulu, dan BPJS Ketenagakerjaan menggantinya kepada pemberi kerja setelah "
        f"tunggakan iuran dan dendanya ({rate} per bulan) dilunasi."
    )


def lapsed(lang, paid, overdue, limit) -> str:
    n, months = _program_months(lang, len(overdue)), _span(overdue, lang)
    if _en(lang):
        return (
            f"{_last_paid(lang, paid)} By the incident date the BPU iuran was {n} overdue in a "
            f"row ({months}), more than {limit} months: the membership was non-active and the "
            "incident is not covered. The participant must register again; the masa iur "
            "restarts from zero."
        )
    return (
        f"{_last_paid(lang, paid)} Sampai tanggal kejadian iuran BPU tidak dibayar {n} "
        f"berturut-turut ({months}), lebih dari {limit} bulan: kepesertaan non-aktif dan "
        "kejadian tidak dijamin. Peserta harus mendaftar ulang; masa iur dihitung dari awal."
    )


def unpaid_month(lang, paid, month, due, overdue) -> str:
    """Why an incident in an unpaid BPU month is not covered. `overdue` are the unpaid months
    whose due date had passed on the incident date (the incident month among them when the
    incident came after its due date)."""
    m, d = month_year(month, lang), long_date(due, lang)
    last = _last_paid(lang, paid)
    if month in overdue:
        if _en(lang):
            return (
                f"{last} BPU iuran is prepaid and coverage follows paid months: the incident "
                f"month {m} was not paid although its iuran was due by {d}, before the incident "
                "date, so the incident is not covered. A payment made after the incident is "
                "taken not to cover it."
            )
        return (
            f"{last} Iuran BPU dibayar di muka dan perlindungan mengikuti bulan yang sudah "
            f"dibayar: bulan kejadian {m} belum dibayar, padahal iurannya jatuh tempo paling "
            f"lambat {d}, sebelum tanggal kejadian, sehingga kejadian tidak dijamin. Pembayaran "
            "setelah kejadian dianggap tidak menjamin kejadian itu."
        )
    if overdue:
        months = _span(overdue, lang)
        if _en(lang):
            return (
                f"{last} The BPU iuran for {months} was past its due date and unpaid on the "
                f"incident date; coverage follows paid months, so the incident in {m} is not "
                "covered. A payment made after the incident is taken not to cover it."
            )
        return (
            f"{last} Iuran BPU {months} sudah lewat jatuh tempo dan belum dibayar pada tanggal "
            f"kejadian; perlindungan mengikuti bulan yang sudah dibayar, sehingga kejadian bulan "
            f"{m} tidak dijamin. Pembayaran setelah kejadian dianggap tidak menjamin kejadian itu."
        )
    if _en(lang):
        return (
            f"{last} The BPU iuran for the incident month {m} (due by {d}) was not paid before "
            "the incident; under the setting in force only months paid before the incident "
            "cover it, so the incident is not covered."
        )
    return (
        f"{last} Iuran BPU bulan kejadian {m} (jatuh tempo paling lambat {d}) belum dibayar "
        "sebelum kejadian; menurut ketentuan yang dipakai hanya bulan yang sudah dibayar sebelum "
        "kejadian yang menjamin kejadian, sehingga kejadian tidak dijamin."
    )


def grace_bpu(lang, paid, month, due) -> str:
    m, d = month_year(month, lang), long_date(due, lang)
    if _en(lang):
        return (
            f"{_last_paid(lang, paid)} The BPU iuran for {m} is due by {d}, not before the "
            "incident date: this is the payment window, not arrears. The incident is covered if "
            f"the iuran for {m} was paid by {d}; the verifier checks the proof of payment."
        )
    return (
        f"{_last_paid(lang, paid)} Iuran BPU bulan {m} jatuh tempo paling lambat {d}, tidak "
        "sebelum tanggal kejadian: masa pembayaran, bukan tunggakan. Kejadian dijamin jika "
        f"iuran {m} dibayar paling lambat {d}; verifikator memeriksa bukti pembayarannya."
    )


def bpu_recoverable(lang, overdue, limit) -> str:
    n, months = _program_months(lang, len(overdue)), _span(overdue, lang)
    if _en(lang):
        return (
            f"The BPU iuran was {n} overdue ({months}), at most {limit} months: covered once the "
            "arrears are paid."
        )
    return (
        f"Iuran BPU menunggak {n} ({months}), paling lama {limit} bulan: terlindungi setelah "
        "tunggakan dilunasi."
    )

"""`cakupan demo` prints the logins with role and region names people read, not codes."""

import pytest
from rich.console import Console

from cakupan.cli import demo

pytestmark = pytest.mark.django_db


def test_demo_logins_name_roles_and_regions_in_both_languages(regions, monkeypatch):
    console = Console(record=True, width=200)
    monkeypatch.setattr(demo, "console", console)
    demo._print_logins("http://127.0.0.1:8000/")
    text = console.export_text()
    assert "Operator kabupaten / Regency operator" in text
    assert "Operator desa / Village operator" in text
    assert "Administrator" in text and "administrator /" not in text
    assert "62.08 Kabupaten Sukamara" in text and "62.08.02 Kecamatan Jelai" in text
    for code in ("regency_operator", "village_operator", "partner_operator", "bpjs_officer"):
        assert code not in text

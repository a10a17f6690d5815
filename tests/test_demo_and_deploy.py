"""What a new user and an operator do first: start the demo, check a production configuration."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAKUPAN = str(Path(sys.executable).with_name("cakupan"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "CAKUPAN_"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for browser tests; never in deployment
    env.update(extra)
    return env


def test_demo_creates_its_data_and_serves_on_the_chosen_port(tmp_path):
    data_dir = tmp_path / "data"
    port = _free_port()
    proc = subprocess.Popen(
        [CAKUPAN, "demo", "--port", str(port), "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_env(),
        cwd=tmp_path,
    )
    try:
        # generous: the first run builds the demo data, and CI runs two suites side by side
        deadline = time.monotonic() + 300
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health") as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "the demo did not start listening"
        assert '"status": "ok"' in body or '"status":"ok"' in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/masuk/") as r:
            assert "Masuk ke Cakupan" in r.read().decode()
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert (data_dir / "cakupan.sqlite3").exists()
    assert f"http://127.0.0.1:{port}/" in output
    for login in ("admin", "disnaker", "jelai", "desa", "kesbangpol", "bpjs", "pimpinan"):
        assert login in output
    assert "cakupan-demo" in output


def test_demo_setup_twice_changes_nothing_the_second_time(tmp_path):
    data_dir = tmp_path / "data"
    cmd = [CAKUPAN, "demo", "--setup-only", "--data-dir", str(data_dir)]
    first = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    second = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    import sqlite3

    with sqlite3.connect(data_dir / "cakupan.sqlite3") as db:
        assert db.execute("select count(*) from accounts_user").fetchone()[0] == 7
        assert db.execute("select count(*) from regions_region").fetchone()[0] > 90000
        assert db.execute("select name from regions_region where code='62.08'").fetchone()[0] == (
            "Kabupaten Sukamara"
        )


def test_production_settings_pass_check_deploy(tmp_path):
    env = _env(
        CAKUPAN_PRODUCTION="1",
        CAKUPAN_SECRET_KEY=secrets.token_urlsafe(60),
        CAKUPAN_ALLOWED_HOSTS="cakupan.example.go.id",
        CAKUPAN_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="cakupan.settings",
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_readme_documents_every_cakupan_command():
    """A newcomer finds every command (and the global --data-dir) in the README's table."""
    from cakupan.cli import _register
    from cakupan.cli import app as main_app

    if not main_app.registered_groups:
        _register()
    table = _readme_section("The `cakupan` command")
    names = [c.name for c in main_app.registered_commands] + [
        g.name for g in main_app.registered_groups
    ]
    assert len(names) >= 8
    for name in names:
        assert f"`cakupan {name}" in table, name
    assert "`cakupan --data-dir DIR <command>" in table
    reference = _readme_section("Command reference")
    assert "CAKUPAN_DATA_DIR" in reference


def test_readme_coverage_exit_codes_match_the_command():
    from cakupan.coverage import cli as coverage

    reference = _readme_section("Command reference")
    for code, status in (
        (coverage.COVERED, "covered"),
        (coverage.NOT_COVERED, "not_covered"),
        (coverage.NO_RECORD, "no_record"),
    ):
        assert f"| {code} | `{status}` |" in reference, status
    assert f"| {coverage.ERROR} | — | error" in reference


def test_readme_tells_where_tokens_and_api_docs_are():
    api = _readme_section("API")
    assert "/akun/token/" in api and "**Token API**" in api
    assert "/api/v1/docs" in api
    assert "POST http://127.0.0.1:8000/api/v1/coverage/check" in api


def test_readme_setup_stays_two_commands():
    setup = _readme_section("Set-up: two commands")
    assert setup.count("```bash") == 2

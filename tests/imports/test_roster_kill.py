"""Killing the process in the middle of a roster commit (SIGKILL, no clean-up of any kind)
leaves every chunk whole or absent, and a restarted commit finishes the batch.

The child runs on its own SQLite file (the embedded default) whatever DATABASE_URL says: the
test's own database lives inside a transaction the child could not see."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _child(step: str, data_dir: Path) -> subprocess.Popen:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(CAKUPAN_DATA_DIR=str(data_dir), PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'src'}")
    env["CAKUPAN_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("roster_kill_worker.py")), step],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _count(data_dir: Path, sql: str) -> int:
    with sqlite3.connect(data_dir / "cakupan.sqlite3") as db:
        return db.execute(sql).fetchone()[0]


def test_sigkill_mid_commit_leaves_whole_chunks_only(tmp_path):
    child = _child("commit", tmp_path)
    try:
        for line in child.stdout:
            if line.strip() == "IN_CHUNK_2":
                break
        else:
            raise AssertionError(child.stderr.read())
        # Chunk 2's persons, spells and audit row are written but not committed: kill now.
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert _count(tmp_path, "SELECT COUNT(*) FROM registry_spell") == 2  # chunk 1 only
    assert _count(tmp_path, "SELECT COUNT(*) FROM registry_person") == 2
    chunks = "SELECT committed_chunks FROM imports_importbatch"
    assert _count(tmp_path, chunks) == 1
    resumed = _child("resume", tmp_path)
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert "STATE committed" in out
    assert (
        _count(tmp_path, "SELECT COUNT(*) FROM registry_spell WHERE agreement_id IS NOT NULL") == 6
    )

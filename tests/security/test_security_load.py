"""The short CI version of the sign-up surge bench (bench/signup_surge.py): real server, real
Argon2, per-person addresses through the trusted proxy header; every sign-up lands, no 5xx."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_short_signup_surge_ends_with_zero_5xx(tmp_path):
    out = tmp_path / "surge.json"
    result = subprocess.run(  # noqa: S603 - our own bench
        [sys.executable, "bench/signup_surge.py", "--accounts", "30", "--concurrency", "6"]
        + ["--data-dir", str(tmp_path / "data"), "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["server_errors"] == 0
    assert report["failed_requests"] == 0
    assert report["signups_ok"] == 30
    assert report["steps"]["signup_post"]["statuses"] == {"302": 30}

#!/usr/bin/env python3
"""Login storm: resident memory of `gymbox serve` under many concurrent sign-ins.

Starts the given gymbox binary on a free loopback port with a fresh data directory, creates
the owner with the set-up code, signs in LOGINS times with CONCURRENCY parallel clients, and
prints the peak (VmHWM) and settled (VmRSS 5 s and 60 s after the storm) resident memory of
the server.
Everything stays on 127.0.0.1 and the run is bounded by LOGINS.

    python3 benches/login_storm.py target/release/gymbox [LOGINS] [CONCURRENCY]
"""

import http.client
import json
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

PASSWORD = "storm lantern orchard pebble"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                out[key] = int(value.split()[0]) // 1024
    return out


def post(port, path, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("POST", path, json.dumps(body), {"content-type": "application/json"})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, data


def main():
    binary = sys.argv[1]
    logins = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    port = free_port()
    data = tempfile.mkdtemp(prefix="gymbox-storm-")
    proc = subprocess.Popen(
        [binary, "serve", "--data", data, "--listen", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        code = None
        for line in proc.stdout:
            if line.startswith("setup code: "):
                code = line.split(": ", 1)[1].strip()
                break
        assert code, "the server printed a set-up code"
        st, body = post(
            port,
            "/api/v1/auth/setup",
            {"setup_code": code, "username": "owner", "password": PASSWORD},
        )
        assert st == 201, body
        before = status(proc.pid)
        started = time.time()
        with ThreadPoolExecutor(concurrency) as pool:
            codes = list(
                pool.map(
                    lambda _: post(
                        port, "/api/v1/auth/login", {"login": "owner", "password": PASSWORD}
                    )[0],
                    range(logins),
                )
            )
        took = time.time() - started
        peak = status(proc.pid)
        time.sleep(5)
        settled = status(proc.pid)
        time.sleep(55)
        minute = status(proc.pid)
        print(
            json.dumps(
                {
                    "logins": logins,
                    "concurrency": concurrency,
                    "ok": codes.count(200),
                    "seconds": round(took, 1),
                    "rss_mib_before": before["VmRSS"],
                    "peak_vmhwm_mib": peak["VmHWM"],
                    "rss_mib_after_storm": peak["VmRSS"],
                    "rss_mib_settled_5s": settled["VmRSS"],
                    "rss_mib_settled_60s": minute["VmRSS"],
                }
            )
        )
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()

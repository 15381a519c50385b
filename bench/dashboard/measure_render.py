#!/usr/bin/env python3
"""Measures how fast the dashboard draws, in the system headless Chromium, against a running service.

Usage: python3 bench/dashboard/measure_render.py [BASE_URL] [RUNS]
       (default http://localhost:5080, 5 runs; start the service first: dotnet run --project src/Influence.Api)

Talks to /usr/bin/chromedriver over the W3C WebDriver HTTP protocol with the standard library only (no pip).
Reports medians over RUNS page loads:
  * scatter: points drawn, time to build the SVG (data-render-ms set by js/scatter.js), and time from
    navigation start until the points are in the page (fetch of /api/v1/scatter + JSON + SVG build);
  * profile: the account with the most defenders among the 500 most influential, force-layout time
    (data-layout-ms set by js/network.js) and time until the profile and its defender graph are shown.
"""
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://localhost:5080").rstrip("/")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(driver, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{driver}{path}", data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"null")["value"]


def wait_for(driver, session, script, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = call(driver, "POST", f"/session/{session}/execute/sync", {"script": script, "args": []})
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(f"condition never held: {script}")


def main():
    port = free_port()
    chromedriver = subprocess.Popen(["/usr/bin/chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{driver}/status", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800"]}}}}
        session = call(driver, "POST", "/session", caps)["sessionId"]
        try:
            scatter = {"points": [], "build": [], "ready": []}
            for _ in range(RUNS):
                call(driver, "POST", f"/session/{session}/url", {"url": f"{BASE}/?r={time.time()}#scatter"})
                v = wait_for(driver, session, """
                    const s = document.getElementById('scatter');
                    return s && s.dataset.renderMs ? [Number(s.dataset.points), Number(s.dataset.renderMs), performance.now()] : null;""")
                scatter["points"].append(v[0]); scatter["build"].append(v[1]); scatter["ready"].append(v[2])

            with urllib.request.urlopen(f"{BASE}/api/v1/accounts?sort=influence&pageSize=500", timeout=60) as r:
                accounts = json.loads(r.read())["items"]
            best = max(accounts, key=lambda a: a["defenders"])
            profile = {"layout": [], "ready": [], "nodes": []}
            for _ in range(RUNS):
                route = "#account/" + urllib.parse.quote(best["id"], safe="")
                call(driver, "POST", f"/session/{session}/url", {"url": f"{BASE}/?r={time.time()}{route}"})
                v = wait_for(driver, session, """
                    const b = document.getElementById('account-body'), g = document.getElementById('defender-graph');
                    return b && b.dataset.loaded === 'true' ? [Number(g.dataset.nodes), Number(g.dataset.layoutMs || 0), performance.now()] : null;""")
                profile["nodes"].append(v[0]); profile["layout"].append(v[1]); profile["ready"].append(v[2])
        finally:
            call(driver, "DELETE", f"/session/{session}")
    finally:
        chromedriver.terminate()
        chromedriver.wait(10)

    med = statistics.median
    print(f"service {BASE}, {RUNS} page loads each, headless Chromium 1280x800, medians")
    print(f"scatter: {scatter['points'][0]} points; SVG build {med(scatter['build']):.1f} ms; "
          f"navigation start -> points in page {med(scatter['ready']):.0f} ms")
    print(f"profile {best['id']} ({best['defenders']} defenders): {profile['nodes'][0]} nodes drawn; force layout "
          f"{med(profile['layout']):.1f} ms; navigation start -> profile + defender graph shown {med(profile['ready']):.0f} ms")


if __name__ == "__main__":
    main()

"""Gunicorn on loopback for the bench, and a small HTTP client with a session per person."""

import contextlib
import html
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TIMEOUT = 60  # seconds for one request; the bench never waits longer
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2):
    """Runs gunicorn (gunicorn.conf.py) on a free loopback port; yields the port and
    always stops it, whatever happens in the block. Its log goes to a temporary file,
    printed when it fails to start."""
    port = free_port()
    env = {
        **env,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": "1",
        "GUNICORN_MAX_REQUESTS": "0",  # no worker recycled in the middle of a measurement
        "GUNICORN_LOG_LEVEL": "warning",
        "DJANGO_ALLOWED_HOSTS": HOST,
    }
    log = tempfile.NamedTemporaryFile(prefix="ctc-bench-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "ctc.wsgi:application"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_ready(process, port, Path(log.name))
        yield port
    finally:
        _stop(process)
        log.close()
        os.unlink(log.name)


def _wait_ready(process, port: int, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def _stop(process) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)  # beyond gunicorn's graceful timeout
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Session:
    """One person's browser: cookies kept, redirects not followed."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, body: dict | None = None, headers=None):
        """Returns (status, body bytes, milliseconds) of one request on a new connection."""
        headers = dict(headers or {})
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.perf_counter()
        connection = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        elapsed = (time.perf_counter() - start) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, content, elapsed

    def get(self, path: str, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path: str, data: dict, headers=None):
        headers = {"X-CSRFToken": self.cookies.get("csrftoken", ""), **(headers or {})}
        return self.request("POST", path, body=data, headers=headers)

    def login(self, username: str, password: str, path: str = "/en/login/", code=None) -> None:
        """Signs in with the password; then, if `code` (a callable giving the current
        two-factor code) is given, passes the second step."""
        status, content, _ms = self.get(path)
        match = CSRF_FIELD.search(content.decode())
        if status != 200 or not match:
            raise RuntimeError(f"no login form at {path} ({status})")
        form = {
            "csrfmiddlewaretoken": html.unescape(match.group(1)),
            "username": username,
            "password": password,
        }
        status, _content, _ms = self.request("POST", path, body=form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} could not log in ({status})")
        if code is not None:
            self._two_factor(username, code(), path.replace("/login/", "/two-factor/"))

    def _two_factor(self, username: str, code: str, path: str) -> None:
        """The second step of staff sign-in: the authenticator's current code."""
        status, content, _ms = self.get(path)
        match = CSRF_FIELD.search(content.decode())
        if status != 200 or not match:
            raise RuntimeError(f"no two-factor form at {path} for {username} ({status})")
        form = {"csrfmiddlewaretoken": html.unescape(match.group(1)), "code": code}
        status, _content, _ms = self.request("POST", path, body=form)
        if status != 302:
            raise RuntimeError(f"{username} could not give a two-factor code ({status})")

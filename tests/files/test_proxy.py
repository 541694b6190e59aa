"""The compose proxy as shipped (deploy/nginx.conf) in front of gunicorn: a 100 MB body is
refused by nginx before it is read, and the visitor gets the app's 413 page in their language."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from .test_limits import HUNDRED_MB, _post_slowly

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(150):
        if process.poll() is not None:
            raise AssertionError(log.read_text())
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}: {log.read_text()}")


@pytest.fixture
def proxied_site(tmp_path, transactional_db):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    app_port, proxy_port = _free_port(), _free_port()
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ctc.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }
    app_log = tmp_path / "gunicorn.log"
    app = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "-b", f"127.0.0.1:{app_port}", "-w", "1"]
        + ["ctc.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=app_log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    server = (ROOT / "deploy/nginx.conf").read_text()
    server = server.replace("server web:8000;", f"server 127.0.0.1:{app_port};")
    server = server.replace("listen 80 default_server;", f"listen 127.0.0.1:{proxy_port};")
    server = server.replace("${NGINX_CLIENT_MAX_BODY_SIZE}", "21m")
    assert "${" not in server and re.search(r"client_max_body_size 21m;", server)
    (tmp_path / "ctc.conf").write_text(server)
    temp_paths = "".join(
        f"{kind}_temp_path {tmp_path}/{kind};\n" for kind in ("proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\naccess_log {tmp_path}/access.log;\nclient_body_temp_path {tmp_path}/body;\n"
        f"{temp_paths}include {tmp_path}/ctc.conf;\n}}\n"
    )
    proxy_log = tmp_path / "nginx.out"
    proxy = subprocess.Popen(  # noqa: S603
        [nginx, "-g", "daemon off;", "-p", f"{tmp_path}/", "-c", f"{tmp_path}/nginx.conf"]
        + ["-e", f"{tmp_path}/error.log"],
        stdout=proxy_log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(app_port, app, app_log)
        _wait_for(proxy_port, proxy, proxy_log)
        # The first page a worker renders loads templates and catalogues: not what is measured.
        urllib.request.urlopen(f"http://127.0.0.1:{proxy_port}/ar/login/", timeout=60).read()
        yield f"http://127.0.0.1:{proxy_port}", tmp_path
    finally:
        for process in (proxy, app):
            process.terminate()
            process.wait(timeout=20)


def test_proxy_refuses_a_100_mb_body_with_the_apps_page_in_arabic(proxied_site):
    url, folder = proxied_site

    sent, elapsed, response = _post_slowly(url, "/ar/login/", HUNDRED_MB)

    head, _, page = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ")
    assert b"Content-Language: ar" in head
    assert b'<html lang="ar" dir="rtl">' in page
    with translation.override("ar"):
        message = translation.gettext(
            "The upload is too large: files of up to {size} are accepted."
        ).format(size=filesizeformat(settings.CTC_UPLOAD_MAX_BYTES))
    assert message.encode() in page
    # Far less than the body: 6.4 MB/s are sent until the answer arrives (a loaded machine
    # may take a second or two to answer).
    assert sent < 16 * 1024 * 1024
    assert elapsed < 30
    assert (
        "client intended to send too large body: 104857600 bytes"
        in (folder / "error.log").read_text()
    )

"""The upload limit holds while the body streams in: a real server answers 413, in the
visitor's language, long before a 100 MB body has been sent; and a file passing the limit
stops the upload before the view runs."""

import select
import socket
import time
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from ctc.accounts.enums import Role
from ctc.files.uploads import DOCUMENT_POLICY, request_limit

HUNDRED_MB = 100 * 1024 * 1024


def _too_large(language: str, limit: int) -> str:
    with translation.override(language):
        message = translation.gettext(
            "The upload is too large: files of up to {size} are accepted."
        )
        return message.format(size=filesizeformat(limit))


CHUNK = 64 * 1024


def _post_slowly(url: str, path: str, total: int):
    """Sends headers announcing `total` bytes, then the body 64 KiB at a time, pausing 10 ms
    between chunks, until the server answers. Returns (bytes sent, seconds, response)."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Language: ar\r\n"
        f"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {total}\r\n\r\n"
    )
    sock.sendall(head.encode())
    sent, started = 0, time.monotonic()
    body = b"--b\r\nContent-Disposition: form-data; name=file; filename=big.pdf\r\n\r\n%PDF-"
    sock.sendall(body)
    sent += len(body)
    while sent < total and time.monotonic() - started < 60:
        readable, _, _ = select.select([sock], [], [], 0.01)
        if readable:
            break
        try:
            sock.sendall(b"\x00" * CHUNK)
        except (BrokenPipeError, ConnectionResetError):
            break
        sent += CHUNK
    elapsed = time.monotonic() - started
    response = b""
    try:
        while data := sock.recv(65536):
            response += data
            if b"</html>" in response:
                break
    except (ConnectionResetError, TimeoutError):
        pass
    sock.close()
    return sent, elapsed, response


@pytest.mark.django_db(transaction=True)
def test_real_server_refuses_a_100_mb_body_before_it_is_sent(live_server, settings):
    settings.CTC_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    with translation.override("ar"):
        path = reverse("accounts:login")
    # The first page rendered loads templates and catalogues: not what is measured.
    urllib.request.urlopen(live_server.url + path, timeout=60).read()

    sent, elapsed, response = _post_slowly(live_server.url, path, HUNDRED_MB)

    head, _, page = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 ")
    assert b'<html lang="ar" dir="rtl">' in page
    assert _too_large("ar", 20 * 1024 * 1024).encode() in page
    # The answer came while the client had sent a small part of the body.
    assert sent < 16 * 1024 * 1024
    assert elapsed < 30


@pytest.mark.django_db
def test_body_over_the_limit_is_refused_with_a_413_page_in_the_visitors_language(client, settings):
    settings.CTC_UPLOAD_MAX_BYTES = 1000
    with translation.override("fr"):
        path = reverse("accounts:login")

    response = client.post(
        path,
        {"file": SimpleUploadedFile("big.pdf", b"%PDF-" + b"a" * 70_000)},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 413
    assert '<html lang="fr" dir="ltr">' in response.content.decode()
    assert _too_large("fr", 1000) in response.content.decode()


@pytest.mark.django_db
def test_file_passing_the_limit_while_streaming_stops_before_the_view(client, settings, personas):
    # Under the Content-Length bound (limit + 64 KiB), so only the streaming handler sees it.
    settings.CTC_UPLOAD_MAX_BYTES = 10_000
    client.force_login(personas[Role.FOCAL_POINT])
    upload = SimpleUploadedFile("big.txt", b"a" * 20_000)

    with translation.override("en"):
        response = client.post(reverse("accounts:login"), {"file": upload})

    assert request_limit() > 20_000
    assert response.status_code == 413
    assert _too_large("en", 10_000) in response.content.decode()


@pytest.mark.django_db
def test_api_answers_413_as_json(client, settings):
    settings.CTC_UPLOAD_MAX_BYTES = 1000

    response = client.post("/api/v1/", {"file": SimpleUploadedFile("big.pdf", b"a" * 70_000)})

    assert response.status_code == 413
    assert response.json() == {
        "detail": "The upload is too large: files of up to 1000\xa0bytes are accepted."
    }


def test_document_policy_follows_the_site_limit(settings):
    settings.CTC_UPLOAD_MAX_BYTES = 5_000_000

    assert DOCUMENT_POLICY.limit == 5_000_000
    assert sorted(DOCUMENT_POLICY.types) == [".docx", ".odt", ".pdf", ".txt", ".xlsx"]

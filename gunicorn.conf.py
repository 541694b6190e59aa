"""Gunicorn settings, from the environment: `gunicorn -c gunicorn.conf.py ctc.wsgi:application`.

In the compose stack nginx sits in front, buffers uploads and slow clients, and sets
X-Forwarded-For/-Proto; gunicorn trusts those headers only from FORWARDED_ALLOW_IPS.
"""

import os


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _env_int("GUNICORN_WORKERS", 3)
# More than one thread switches gunicorn to its threaded (gthread) worker.
threads = _env_int("GUNICORN_THREADS", 1)
# Seconds a request may take; keep it below nginx's proxy_read_timeout (deploy/nginx.conf).
timeout = _env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
# Recycle each worker after this many requests (0 = never), staggered by the jitter.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10)

# Proxies whose X-Forwarded-* headers are trusted: comma-separated addresses, or "*" where
# only the proxy can reach gunicorn (the compose network, where web publishes no port).
forwarded_allow_ips = os.environ.get(
    "GUNICORN_FORWARDED_ALLOW_IPS", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
)

accesslog = "-"  # stdout
errorlog = "-"  # stderr
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Worker heartbeats in memory rather than on the container's overlay filesystem.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

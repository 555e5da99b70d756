"""gunicorn for Alongside: `gunicorn -c deploy/gunicorn.conf.py alongside.wsgi`.

Everything can be changed from the environment (the systemd unit reads /etc/alongside/alongside.env).
Sync workers: every page is a short, CPU-bound request with a few queries; 2 per core, plus one.
"""

import multiprocessing
import os

bind = os.environ.get("ALONGSIDE_BIND", "127.0.0.1:8000")  # the reverse proxy in front reaches it here
workers = int(os.environ.get("ALONGSIDE_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("ALONGSIDE_TIMEOUT", "30"))  # a request longer than this is a bug: killed, logged
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter, so that not all at once): memory stays flat.
max_requests = 2000
max_requests_jitter = 200
# The proxy's address is the only one allowed to say a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("ALONGSIDE_PROXY_IPS", "127.0.0.1")
# No access log: a request line holds the path, and Alongside keeps person data out of logs (ARCHITECTURE.md).
# Errors go to standard error, as Django writes them (alongside/logs.py), and on to the journal.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("ALONGSIDE_GUNICORN_LOG_LEVEL", "warning")

"""gunicorn's settings for `make run` and the benchmark (bench/run.py): one place, so the bench
measures exactly what `make run` serves. Each can be changed from the environment."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS", "3"))
# Threaded workers: a long CSV export streams on one thread while the worker's heartbeat goes on,
# so it is not killed after `timeout` as a sync worker is (bench/README.md, findings).
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))
timeout = int(os.environ.get("TIMEOUT", "120"))
accesslog = "-"
# Path only, never the query string: searches can carry names (no personal data in logs).
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(L)ss'

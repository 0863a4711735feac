"""make run and the benchmark serve with gunicorn.conf.py: threaded workers, and a garbage
collector that leaves the loaded application alone once a worker is ready."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_workers_are_threaded_and_log_paths_only(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    conf = runpy.run_path(str(CONF))
    assert conf["worker_class"] == "gthread" and conf["bind"] == "127.0.0.1:8123"
    assert "%(U)s" in conf["access_log_format"] and "%(r)s" not in conf["access_log_format"]


def test_a_ready_worker_freezes_what_is_loaded_and_collects_less_often():
    conf = runpy.run_path(str(CONF))
    before = gc.get_threshold()
    try:
        conf["post_worker_init"](None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (conf["GC_THRESHOLD"], *before[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_connections_close_after_each_response_so_every_worker_takes_requests(monkeypatch):
    # With keep-alive a threaded worker keeps the connections it accepted: a burst of clients
    # could all stay on one worker, one core, while the others idle (bench/README.md).
    monkeypatch.delenv("KEEPALIVE", raising=False)
    assert runpy.run_path(str(CONF))["keepalive"] == 0
    monkeypatch.setenv("KEEPALIVE", "5")
    assert runpy.run_path(str(CONF))["keepalive"] == 5

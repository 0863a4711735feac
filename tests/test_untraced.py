"""The ``untraced`` fixture (tests/conftest.py) runs a simulation with no tracer at all, also in a
pytest-xdist worker under ``--cov`` (two coverages are started there), and tracing goes on after."""

import sys

import pytest


def test_no_tracer_runs_inside_untraced(untraced):
    assert sys.gettrace() is None


def test_coverage_traces_again_after_untraced():
    coverage = pytest.importorskip("coverage")
    if coverage.Coverage.current() is None:
        pytest.skip("coverage is not measuring this run")
    assert sys.gettrace() is not None

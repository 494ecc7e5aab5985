"""Shared test fixtures: the installed command, shared data, and no network."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"
OFFLINE = Path(__file__).parent / "offline"


def shared_data(folder: str) -> Path:
    """A folder of ../shared/data, or skip naming it (CI always has it)."""
    path = SHARED_DATA / folder
    if not path.is_dir():
        pytest.skip(f"shared test data not found: {path}")
    return path


@lru_cache(maxsize=None)
def _parsed_yaml(path: str):
    import yaml

    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def twitter_text(name: str) -> dict:
    """One file of twitter-text's conformance suite, parsed once per session, or skip."""
    return _parsed_yaml(str(shared_data("twitter-text-conformance") / name))


def snslint_executable() -> str:
    # The console script installed next to the interpreter running the tests.
    candidate = Path(sys.executable).with_name("snslint")
    return str(candidate) if candidate.exists() else "snslint"


_WORKDIR = tempfile.mkdtemp(prefix="snslint-tests-")


def run_cli(*args, input=None, cwd=None, env=None):
    """Run the installed `snslint` command in a subprocess, as a user would.

    By default in a scratch folder, so that the result cache never lands in the checkout.
    """
    cwd = _WORKDIR if cwd is None else cwd
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    # sitecustomize.py there blocks the network in the child process too.
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(OFFLINE), environment.get("PYTHONPATH")]))
    return subprocess.run(
        [snslint_executable(), *map(str, args)],
        input=input, capture_output=True, cwd=cwd, env=environment, timeout=120,
    )


def run_json(*args, **kwargs):
    completed = run_cli("--format", "json", *args, **kwargs)
    return completed.returncode, json.loads(completed.stdout.decode("utf-8"))


@pytest.fixture(autouse=True, scope="session")
def no_network():
    """Any connection attempt from the code under test fails the test that made it."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("snslint tried to open a network connection")

    originals = (socket.socket.connect, socket.socket.connect_ex, socket.create_connection)
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    yield
    socket.socket.connect, socket.socket.connect_ex, socket.create_connection = originals


@pytest.fixture(scope="session")
def all_rules():
    from snslint.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def engine(all_rules):
    from snslint.engine import Engine

    return Engine(all_rules)

"""Loaded by every `snslint` the tests start (via PYTHONPATH): the network is off.

The in-process fixture in conftest.py covers code the tests import; this covers the
installed command run in a subprocess, so that no code path can reach the network.
"""

import socket


def _refuse(*_args, **_kwargs):
    raise OSError("snslint tried to open a network connection (blocked by the test suite)")


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse

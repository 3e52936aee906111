"""`crossnote serve` refuses a port another server holds, with a message, instead of sharing it
(granian's workers listen with SO_REUSEPORT: a second server would take part of the requests)."""

import socket

import pytest

from crossnote import cli


def test_serve_refuses_a_port_in_use_and_names_it():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(SystemExit) as stopped:
            cli.main(["serve", "--port", str(port)])
    assert f"127.0.0.1:{port} is already in use" in str(stopped.value.code)
    assert "--port" in str(stopped.value.code)


def test_a_free_port_is_not_taken_and_a_bad_host_is_said_plainly():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert cli._port_taken("127.0.0.1", port) == ""
    assert "cannot listen on no-such-host.invalid" in cli._port_taken("no-such-host.invalid", port)

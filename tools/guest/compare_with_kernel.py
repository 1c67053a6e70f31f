"""What the guest checks hold our outputs to, each comparison written once
for the checks of every test bed (x86_64, arm64, s390x, the pair).

The kernel's side is always smc_kernel.py's reading (its JSON, its socket
lines); our side is what a role printed. Like smc_kernel.py, this imports
nothing of the product. A check's python3 imports it from $GUEST_DIR:

    import os, sys; sys.path.insert(0, os.environ["GUEST_DIR"])
    from compare_with_kernel import ...

Each function fails with an AssertionError that shows both sides.
"""
import json


def smc_sockets(kernel_lines):
    """The inodes of the listening SMC sockets and of the connected ones in
    lib.sh's kernel_sockets output (a file's path)."""
    rows = [line.split() for line in open(kernel_lines)]
    listening = {int(r[1]) for r in rows if r[2:4] == ["smc", "LISTEN"]}
    connections = {int(r[1]) for r in rows if r[2:4] == ["smc", "ACTIVE"]}
    return listening, connections


def expect_listings(diag, selected, ours):
    """Each smcss listing NAME.txt holds, of the sockets in `ours`, exactly
    those in selected[NAME], with SMC_DIAG's state, addresses and mode, and
    in "debug" (-d) its token and buffer sizes. `diag`: inode -> socket."""
    for name, want in selected.items():
        listed = (line.split() for line in open(name + ".txt").readlines()[1:])
        rows = {int(r[2]): r for r in listed}
        rows = {i: r for i, r in rows.items() if i in ours}
        assert set(rows) == want, (name, sorted(rows), sorted(want))
        for inode, r in rows.items():
            k = diag[inode]
            # A listening socket's mode means nothing (SMC_DIAG says SMCR).
            mode = "-" if k["state"] == "LISTEN" else k["mode"]
            assert r[0] == k["state"] and r[3:5] == [k["local"], k["peer"]] \
                and r[6] == mode, (name, r, k)
            if name == "debug":
                assert r[8:12] == ["%08x" % k["token"], str(k["sndbuf"]), str(k["rmbe"]),
                                   str(k["peer_rmbe"])], (name, r, k)


def expect_smcd_stats_grown(before, after, ours, connections):
    """smcd -j stats (`ours`, since a reset) equals what the kernel's SMC-D
    counters grew by between `before` and `after`, and that growth is
    `connections` SMC-Dv2 connections on each side, with no fallback."""
    def grown(key):
        return after["stats"]["smcd"][key] - before["stats"]["smcd"][key]
    want = {"client_v1": grown("clnt_v1_succ_cnt"), "client_v2": grown("clnt_v2_succ_cnt"),
            "server_v1": grown("srv_v1_succ_cnt"), "server_v2": grown("srv_v2_succ_cnt")}
    assert want == {"client_v1": 0, "client_v2": connections,
                    "server_v1": 0, "server_v2": connections}, want
    assert ours["mechanism"] == "SMC-D" and ours["since_reset"] is True, ours
    assert ours["smc_connections"] == want, (ours["smc_connections"], want)
    assert ours["rx"]["bytes"] == grown("rx_bytes") and ours["tx"]["bytes"] == grown("tx_bytes")
    assert ours["rx"]["calls"] == grown("rx_cnt") and ours["tx"]["calls"] == grown("tx_cnt")
    assert ours["fallbacks"]["client"] == 0 and ours["fallbacks"]["server"] == 0, ours
    assert after["fallbacks"] == before["fallbacks"], (before["fallbacks"], after["fallbacks"])
    return want


def expect_prometheus_equal(prom_text, counters):
    """Every handshake, fallback and byte series of smcd/smcr stats
    --prometheus, read as Prometheus reads a textfile, equals the kernel's
    counter in `counters` (smc_kernel.py counters, read right after it).
    Returns how many series were compared. Needs Debian's
    python3-prometheus-client: /usr/bin/python3 on the x86_64 test beds,
    whose PATH may find another python3 first."""
    from prometheus_client.parser import text_string_to_metric_families
    families = {f.name: f for f in text_string_to_metric_families(prom_text)}

    def value(family, **labels):
        found = [s.value for s in families[family].samples if s.labels == labels]
        assert len(found) == 1, (family, labels, found)
        return found[0]
    stats, fallbacks = counters["stats"], counters["fallbacks"]
    checked = 0
    for mech in ("smcd", "smcr"):
        for side, short in (("client", "clnt"), ("server", "srv")):
            for version in ("v1", "v2"):
                kernel = stats[mech]["%s_%s_succ_cnt" % (short, version)]
                assert value("smc_handshakes", mechanism=mech, side=side,
                             version=version) == kernel, (mech, side, version, kernel)
                checked += 1
        for direction, key in (("receive", "rx"), ("send", "tx")):
            assert value("smc_data_bytes", mechanism=mech,
                         direction=direction) == stats[mech][key + "_bytes"]
            assert value("smc_calls", mechanism=mech,
                         direction=direction) == stats[mech][key + "_cnt"]
            checked += 2
    for side, short in (("client", "clnt"), ("server", "srv")):
        assert value("smc_handshake_errors", side=side) == stats["%s_hshake_err_cnt" % short]
        assert value("smc_fallbacks", side=side) == fallbacks["%s_fback_cnt" % short]
        reasons = {s.labels["code"]: s.value for s in families["smc_fallback_reasons"].samples
                   if s.labels["side"] == side}
        assert reasons == {c: float(n) for c, n in fallbacks[side].items()}, (side, reasons)
        checked += 3
    return checked


def expect_smc_chk_smcd(path, ueids):
    """smc_chk --json (the file at `path`) says SMC-D is used over
    loopback-ism, with no SMC-D device beside it, names the kernel's UEIDs
    (`ueids`, a list), and its live connection's two ends are different
    SMC-D sockets with no fallback; no check failed."""
    doc = json.load(open(path))
    assert doc["smc"] is True and doc["verdict"] == "SMC-D" and doc["reason"] is None, doc
    assert doc["loopback_ism"] is True and doc["smcd_devices"] == [], doc
    assert doc["ueids"] == ueids, (doc["ueids"], ueids)
    live = doc["loopback"]
    assert live["ran"] and live["error"] is None and live["bytes"] == 16384, live
    for side in ("client", "server"):
        assert live[side]["mode"] == "SMCD" and live[side]["fallback_reason"] == 0, live
    assert live["client"]["inode"] != live["server"]["inode"], live
    assert all(c["status"] != "fail" for c in doc["checks"]), doc["checks"]

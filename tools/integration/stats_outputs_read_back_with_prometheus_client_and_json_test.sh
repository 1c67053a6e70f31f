#!/usr/bin/env bash
# smcr/smcd stats' machine outputs, made from replies laid out as Linux
# 6.12 sends them (through the parsers the roles use), read back by real
# parsers: --prometheus by Debian's python3-prometheus-client, as
# Prometheus reads node_exporter's textfile output, and -j and smc-tools'
# "stats json" by Python's json. The fixture (sample_stats(7) in
# tools/support/smc_stats_fixture.h) counts up from 7001 in field order:
# SMC-D's client_v1 is 7051, SMC-R's client_v2 7116; SMC-R's rx_bytes is
# the largest u64; the server's reasons are PEERNOSMC 7, NOSMCDEV 2 and an
# unknown 0x0abc0000 at 65535, the client's PEERDECL 3 and NOUEID 4.
source "$(dirname "$0")/lib.sh"
printer="$1"
# Debian's own Python, which has Debian's python3-prometheus-client (tools/
# setup installs it), whatever other python3 comes first on PATH.
python=/usr/bin/python3

"$printer" prometheus >"$SCRATCH/smc.prom" || fail "the printer failed"
"$python" - "$SCRATCH/smc.prom" <<'PY' || fail "prometheus_client did not read it as expected"
import sys
from prometheus_client.parser import text_string_to_metric_families
text = open(sys.argv[1]).read()
families = {f.name: f for f in text_string_to_metric_families(text)}
def value(family, **labels):
    found = [s.value for s in families[family].samples if s.labels == labels]
    assert len(found) == 1, (family, labels, found)
    return found[0]
# Counters: the parser names the family without _total, the samples with.
for name in ("smc_handshakes", "smc_handshake_errors", "smc_fallbacks",
             "smc_fallback_reasons", "smc_data_bytes", "smc_calls",
             "smc_buffer_full", "smc_buffer_downgrades", "smc_peer_buffer_full"):
    assert families[name].type == "counter", name
    assert families[name].documentation, name
    assert all(s.name == name + "_total" for s in families[name].samples), name
assert families["smc_buffer_usage_bytes"].type == "gauge"
assert value("smc_handshakes", mechanism="smcd", side="client", version="v1") == 7051
assert value("smc_handshakes", mechanism="smcr", side="client", version="v2") == 7116
assert value("smc_handshakes", mechanism="smcr", side="server", version="v2") == 7118
assert value("smc_fallbacks", side="server") == 9
assert value("smc_fallback_reasons", side="server", reason="PEERNOSMC", code="0x03010000") == 7
assert value("smc_fallback_reasons", side="server", reason="0x0abc0000", code="0x0abc0000") == 65535
assert value("smc_fallback_reasons", side="client", reason="NOUEID", code="0x03030008") == 4
# Prometheus' values are floats: the largest u64 reads as 2.0 ** 64.
assert value("smc_data_bytes", mechanism="smcr", direction="receive") == float(2 ** 64 - 1)
assert value("smc_buffer_usage_bytes", mechanism="smcd", direction="receive") == 7063
print("read back", sum(len(f.samples) for f in families.values()), "samples in",
      len(families), "families")
PY

"$printer" json >"$SCRATCH/stats.json" || fail "the printer failed"
"$printer" smc-tools-json >"$SCRATCH/smc-tools.json" || fail "the printer failed"
"$python" - "$SCRATCH/stats.json" "$SCRATCH/smc-tools.json" <<'PY' || fail "the JSON did not read back"
import json, sys
ours = json.load(open(sys.argv[1]))
theirs = json.load(open(sys.argv[2]))
assert ours["mechanism"] == "SMC-R" and ours["since_reset"] is False
assert ours["smc_connections"]["client_v2"] == 7116
assert ours["rx"]["bytes"] == 18446744073709551615
reasons = {(r["name"], r["count"]) for r in ours["fallbacks"]["server_reasons"]}
assert reasons == {("PEERNOSMC", 7), ("NOSMCDEV", 2), (None, 65535)}, reasons
assert list(theirs) == ["SMCR"] and len(theirs["SMCR"]) == 65
assert theirs["SMCR"]["SMC_CLNT_V2_SUCC_CNT"] == 7116
PY

# A python3 HTTP server and curl, both under smc_run, talk SMC-D over IPv4
# (127.0.0.1), as SMC_DIAG shows for every one of their connections.
source "$GUEST_DIR/lib.sh"
both_use_smcd 127.0.0.1 127.0.0.1

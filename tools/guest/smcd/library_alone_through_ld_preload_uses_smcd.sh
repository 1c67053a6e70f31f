# The library written out with --write-lib, used through a plain
# LD_PRELOAD (no smc_run), makes both ends SMC-D too.
source "$GUEST_DIR/lib.sh"
"$SMC_RUN" --write-lib "$PWD/libsmc-preload.so" || fail "--write-lib"
start_server 127.0.0.1 env LD_PRELOAD="$PWD/libsmc-preload.so"
curl_held curl "$(held_url 127.0.0.1)" env LD_PRELOAD="$PWD/libsmc-preload.so"
seen="$(kernel_sockets "$SERVER_PID" "$CLIENT_PID")"
release_fetches
echo "$seen"
expect_match "$seen" "^$SERVER_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "server's connection"
expect_match "$seen" "^$CLIENT_PID [0-9]+ smc ACTIVE SMCD $NONE $NONE " "curl's connection"
expect_no_match "$seen" ' tcp ' "plain TCP sockets"

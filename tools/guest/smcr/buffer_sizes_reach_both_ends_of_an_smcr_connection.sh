# -r and -t size the SMC-R connection's buffers exactly, as SMC_DIAG
# reports them for the connection's inode on both guests: a server under
# -r 256k -t 256k with a client under -r 4m -t 4m, then the other way round.
# Each side's receive buffer (RMB) is the other side's peer RMB.
#
# Expected sizes, from Linux 6.12: smc_run raises net.core.rmem_max and
# wmem_max to SIZE and sets SO_RCVBUF/SO_SNDBUF to SIZE, which the kernel
# stores doubled (net/core/sock.c); __smc_buf_create (net/smc/smc_core.c)
# halves that again and smc_compress_bufsize rounds it up to 16 KiB * 2^n,
# n at most SMCR_RMBE_SIZES (15, i.e. 512 MiB) for SMC-R. So 256k gives
# 262144 bytes and 4m gives 4194304 bytes, both ways (64 KiB without -r/-t,
# from net.smc.rmem/wmem).
source "$GUEST_DIR/pair_lib.sh"
size() { [[ "$1" == 256k ]] && echo 262144 || echo 4194304; }
for round in "256k 4m" "4m 256k"; do
  read -r server_size client_size <<<"$round"
  name="server-$server_size-client-$client_size"
  # Fields after the mode: fallback, peer diagnosis, sndbuf, RMB, peer RMB.
  if on A; then
    echo_serve "$name" "$SMC_RUN" -r "$server_size" -t "$server_size"
    echo_accepted "$name"
    read -r _ _ inode <<<"$(echo_socket "$name.server")"
    seen="$(kernel_sockets "$ECHO_PID")"
    tell "$name.inspected"
    echo_finished "$name"
    echo "$name:"; echo "$seen"
    expect_match "$seen" "^$ECHO_PID $inode smc ACTIVE SMCR $NONE $NONE $(size "$server_size") $(size "$server_size") $(size "$client_size") rxe0 server$" \
      "server's buffers under -r $server_size -t $server_size, client's under -r $client_size"
  else
    echo_connect "$name" "$SMC_RUN" -r "$client_size" -t "$client_size"
    read -r _ _ inode <<<"$(echo_socket "$name.client")"
    seen="$(kernel_sockets "$ECHO_PID")"
    await "$name.inspected" >/dev/null
    echo_release "$name"
    echo "$name:"; echo "$seen"
    expect_match "$seen" "^$ECHO_PID $inode smc ACTIVE SMCR $NONE $NONE $(size "$client_size") $(size "$client_size") $(size "$server_size") rxe0 client$" \
      "client's buffers under -r $client_size -t $client_size, server's under -r $server_size"
  fi
done

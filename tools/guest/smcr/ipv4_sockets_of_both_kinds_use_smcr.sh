# Over IPv4, both kinds of SMC socket carry SMC-R between the guests: a
# client made IPPROTO_SMC (-f inet: AF_INET/256) with a server made AF_SMC
# (-f smc: 43/SMCPROTO_SMC 0), then the other way round. The kinds come
# from the programs' own SO_DOMAIN/SO_PROTOCOL, the mode from SMC_DIAG for
# the same inodes; 1 MiB echoes back intact each time.
source "$GUEST_DIR/pair_lib.sh"
kind() { [[ "$1" == inet ]] && echo "2 256" || echo "43 0"; }
# What an accepted connection says it is. Linux 6.12 allocates it as a
# PF_SMC sock with the listener's protocol (net/smc/af_smc.c,
# smc_clcsock_accept -> smc_sock_alloc), so under an IPPROTO_SMC listener
# SO_DOMAIN says AF_SMC while SO_PROTOCOL keeps 256.
accepted_kind() { [[ "$1" == inet ]] && echo "43 256" || echo "43 0"; }
for round in "smc inet" "inet smc"; do
  read -r server_family client_family <<<"$round"
  name="$client_family-to-$server_family"
  if on A; then
    echo_serve "$name" "$SMC_RUN" -f "$server_family"
    echo_accepted "$name"
    read -r listen_domain listen_protocol _ <<<"$(echo_socket "$name.server" listening)"
    read -r domain protocol inode <<<"$(echo_socket "$name.server")"
    seen="$(kernel_sockets "$ECHO_PID")"
    tell "$name.inspected"
    echo_finished "$name"
    echo "$name:"; echo "$seen"
    expect_eq "$listen_domain $listen_protocol" "$(kind "$server_family")" \
      "server's listening socket kind with -f $server_family"
    expect_eq "$domain $protocol" "$(accepted_kind "$server_family")" \
      "server's accepted socket kind with -f $server_family"
    expect_match "$seen" "^$ECHO_PID $inode smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 server$" \
      "server's connection (-f $server_family)"
  else
    echo_connect "$name" "$SMC_RUN" -f "$client_family"
    read -r domain protocol inode <<<"$(echo_socket "$name.client")"
    seen="$(kernel_sockets "$ECHO_PID")"
    await "$name.inspected" >/dev/null
    echo_release "$name"
    echo "$name:"; echo "$seen"
    expect_eq "$domain $protocol" "$(kind "$client_family")" "client's socket kind with -f $client_family"
    expect_match "$seen" "^$ECHO_PID $inode smc ACTIVE SMCR $NONE $NONE [0-9]+ [0-9]+ [0-9]+ rxe0 client$" \
      "client's connection (-f $client_family)"
  fi
done

# The kernels' own SMC counters (SMC_NETLINK_GET_STATS and
# SMC_NETLINK_GET_FBACK_STATS, per guest) count exactly what this check
# does: two SMC-R connections (SMC-Rv2: a client success on B, a server
# success on A, each), a plain client on B to an SMC server on A (a
# PEERNOSMC fallback on A only) and an SMC client on B to a plain server
# on A (a PEERNOSMC fallback on B only). Nothing else changes: no SMC-D,
# no SMC-Rv1, no handshake errors.
source "$GUEST_DIR/pair_lib.sh"
if on A; then
  kernel_json counters counters.A.before
  tell counted
else
  await counted >/dev/null
  kernel_json counters counters.B.before
fi
echo_round smcr-1 "$SMC_RUN" -- "$SMC_RUN"
echo_round smcr-2 "$SMC_RUN" -- "$SMC_RUN"
echo_round plain-client "$SMC_RUN" --
echo_round plain-server -- "$SMC_RUN"
kernel_json counters "counters.$SIDE.after"
changes="$(counter_changes "counters.$SIDE.before" "counters.$SIDE.after")"
echo "$changes"
if on A; then
  tell done
  expect_eq "$changes" \
    "fallbacks.server.$PEERNOSMC +1, fallbacks.srv_fback_cnt +1, stats.smcr.srv_v2_succ_cnt +2" \
    "A's SMC counters"
else
  await done >/dev/null
  expect_eq "$changes" \
    "fallbacks.client.$PEERNOSMC +1, fallbacks.clnt_fback_cnt +1, stats.smcr.clnt_v2_succ_cnt +2" \
    "B's SMC counters"
fi

# The same over IPv6 (::1): AF_SMC with SMCPROTO_SMC6.
source "$GUEST_DIR/lib.sh"
both_use_smcd ::1 '[::1]'

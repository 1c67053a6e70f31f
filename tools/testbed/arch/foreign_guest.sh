# The guest side of the test beds whose guests cannot run the host's
# programs (arm64, s390x): tools/testbed/run puts this file into the control
# share as /ctl/arch.sh, and guest.sh sources it to replace two steps.
# Busybox sh, PATH=/bin; the settings (arch, eid, ueid, smc_set) come from
# /ctl/params.
# shellcheck shell=sh disable=SC2154 # the settings come from /ctl/params

# mount_root: the root that build made of this architecture's packages
# (shared read-only, tag hostroot) instead of the host's /. Its folders are
# bound onto a tmpfs on /host, so that the work folder can be mounted at its
# host path whatever that path is (the host's / has it; this root does not).
mount_root() {
  mkdir -p /arch
  mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro hostroot /arch ||
    fail "cannot mount the $arch root (tag hostroot)"
  mount -t tmpfs -o mode=755 tmpfs /host || fail "cannot mount a tmpfs on /host"
  for entry in /arch/*; do
    if [ -L "$entry" ]; then
      cp -a "$entry" /host/ || fail "cannot copy the link $entry"
    elif [ -d "$entry" ]; then
      mkdir "/host/${entry#/arch/}" || fail "cannot make /host/${entry#/arch/}"
      mount --bind "$entry" "/host/${entry#/arch/}" || fail "cannot bind $entry into /host"
    fi
  done
  mkdir -p /host/proc /host/sys /host/dev /host/tmp /host/run /host/root
}

# add_eid: SMC-Dv2 over loopback-ism needs an EID. arm64 has no system EID:
# the UEID is added, by the smc_run built for this architecture when run was
# given one (static, so it runs here, outside the root), else by the test
# bed's own eid.py (with the root's python3). s390x has a system EID and
# SMC-Dv2 works with it: nothing is added, and the system EID is checked.
# With --stock, where SMC-D cannot work anyway, a failure is only reported.
add_eid() {
  if [ "$eid" = seid ]; then
    if seid="$(chroot /host /usr/bin/python3 - seid </ctl/eid.py 2>/tmp/eid.out)"; then
      echo "no UEID: SMC-D uses the system EID $seid" >/ctl/ueid
    elif [ "$smc_set" = stock ]; then
      echo "no system EID (ignored with --stock): $(cat /tmp/eid.out)" >/ctl/ueid
    else
      fail "the system EID is not in use: $(cat /tmp/eid.out)"
    fi
    return
  fi
  if [ -f /ctl/smc_run ]; then
    by="the given smc_run ($smc_run_name)"
    /ctl/smc_run --role smcd ueid add "$ueid" >/tmp/eid.out 2>&1
    added=$?
  else
    by="the test bed's eid.py"
    chroot /host /usr/bin/python3 - add "$ueid" </ctl/eid.py >/tmp/eid.out 2>&1
    added=$?
  fi
  if [ "$added" = 0 ]; then
    echo "UEID $ueid added by $by" >/ctl/ueid
  elif [ "$smc_set" = stock ]; then
    echo "adding UEID $ueid failed (ignored with --stock): $(cat /tmp/eid.out)" >/ctl/ueid
  else
    fail "adding UEID $ueid with $by failed: $(cat /tmp/eid.out)"
  fi
}

# Runs inside each test bed guest: the initramfs' /init mounts the control
# share on /ctl and hands over to this copy of it (busybox sh, PATH=/bin).
# tools/testbed/run writes beside it /ctl/params (this boot's settings, as
# shell assignments) and /ctl/command (the command, as shell text), and
# reads back what this script leaves there:
#   /ctl/error    setup failed, with the reason (the command never ran)
#   /ctl/started  setup is done and the command is about to start
#   /ctl/status   the command's exit status
# A guest that stops without /ctl/status and without /ctl/started crashed
# while booting; run boots once more in that case.
# shellcheck disable=SC2154 # the settings come from /ctl/params
export PATH=/bin
# shellcheck source=/dev/null
. /ctl/params
fail() { echo "$*" >/ctl/error; echo "testbed-guest: $*"; poweroff -f; sleep 10; }
load() { # ORDER-FILE: insmod the modules it lists, in order
  for m in $(cat "$1"); do insmod "/lib/modules/$m.ko" || fail "insmod $m failed"; done
}

# First: smc.ko reads the host name when it loads and tells peers (SMC-Rv2
# link groups show it).
hostname "$hostname"
load /etc/testbed/smc-deps.order
[ -n "$name" ] && load /etc/testbed/pair.order
insmod "/lib/smc/$smc_set/smc.ko" || fail "insmod smc.ko ($smc_set) failed"
insmod "/lib/smc/$smc_set/smc_diag.ko" || fail "insmod smc_diag.ko ($smc_set) failed"
if [ "$panic_now" = 1 ]; then
  # Only for the test bed's own tests (SMC_TESTBED_TEST_PANIC): a real
  # kernel panic while booting, through sysrq's crash trigger.
  echo "testbed-guest: test hook: crashing the kernel while booting"
  echo c >/proc/sysrq-trigger
fi
ip link set lo up || fail "cannot bring lo up"
# mount_root: the root the command runs in, on /host: the host's /,
# read-only. add_eid: the EID SMC-Dv2 needs (below). A guest of another
# architecture replaces both (/ctl/arch.sh, from tools/testbed/arch).
mount_root() {
  mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro hostroot /host ||
    fail "cannot mount the host's / (tag hostroot)"
}
# The product's own smcd role adds the UEID: static, it runs from the
# control share as it is (run copies --smc-run there). With the single
# guest's --stock, where SMC-D cannot work anyway, a failure is only
# reported; SMC-Rv2 in the pair needs it.
add_eid() {
  if /ctl/smc_run --role smcd ueid add "$ueid" >/tmp/ueid.out 2>&1; then
    echo "UEID $ueid added by $smc_run" >/ctl/ueid
  elif [ "$smc_set" = stock ] && [ -z "$name" ]; then
    echo "adding UEID $ueid failed (ignored with --stock): $(cat /tmp/ueid.out)" >/ctl/ueid
  else
    fail "adding UEID $ueid with smc_run --role smcd failed: $(cat /tmp/ueid.out)"
  fi
}
# shellcheck source=/dev/null
[ -f /ctl/arch.sh ] && . /ctl/arch.sh
mount_root
for d in proc sys dev tmp run; do [ -d "/host/$d" ] || fail "host has no /$d"; done
mount -t proc proc /host/proc && mount -t sysfs sysfs /host/sys &&
  mount -t devtmpfs devtmpfs /host/dev || fail "cannot mount /proc, /sys, /dev"
mkdir -p /host/dev/pts /host/dev/shm
ln -s /proc/self/fd /host/dev/fd
ln -s /proc/self/fd/0 /host/dev/stdin
ln -s /proc/self/fd/1 /host/dev/stdout
ln -s /proc/self/fd/2 /host/dev/stderr
mount -t devpts -o ptmxmode=0666 devpts /host/dev/pts &&
  mount -t tmpfs -o mode=1777 tmpfs /host/dev/shm &&
  mount -t tmpfs -o mode=1777 tmpfs /host/tmp &&
  mount -t tmpfs -o mode=755 tmpfs /host/run || fail "cannot mount /dev/pts and the tmpfs folders"
mkdir -p "/host$work" || fail "cannot create $work in the guest"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 work "/host$work" ||
  fail "cannot mount the work folder (tag work) on $work"

if [ -n "$name" ]; then
  # Soft-RoCE on the link before the address exists: the peer answers
  # pings only once this side is complete.
  ip link set eth0 up || fail "cannot bring eth0 up"
  chroot /host rdma link add rxe0 type rxe netdev eth0 >/tmp/rdma.out 2>&1 ||
    fail "rdma link add rxe0 type rxe netdev eth0 failed: $(cat /tmp/rdma.out)"
fi

add_eid

if [ -n "$name" ]; then
  ip addr add "$addr/24" dev eth0 || fail "cannot add $addr/24 to eth0"
  # rxe0 gets the address's RoCEv2 GID (::ffff:a.b.c.d) from a kernel work
  # queue; SMC-Rv2 cannot use the link before it is there. rxe has 1024
  # GID slots and a read costs under TCG, so look at the first few only.
  want="$(echo "$addr" | awk -F. '{printf "0000:0000:0000:0000:0000:ffff:%02x%02x:%02x%02x", $1, $2, $3, $4}')"
  i=0
  while :; do
    for g in 0 1 2 3; do
      gid=""
      read -r gid 2>/dev/null <"/sys/class/infiniband/rxe0/ports/1/gids/$g"
      [ "$gid" = "$want" ] && break 2
    done
    [ $i -lt 100 ] || fail "rxe0 has no GID for $addr after 10 s"
    usleep 100000; i=$((i + 1))
  done
  mkdir -p /pair
  mount -t 9p -o trans=virtio,version=9p2000.L pair /pair ||
    fail "cannot mount the pair's shared control folder (tag pair)"
  echo "$addr" >"/pair/ready.$name"
  # The peer is ready once it says so and answers on the link.
  i=0
  until [ -f "/pair/ready.$peer_name" ] && ping -c 1 -W 1 "$peer" >/dev/null 2>&1; do
    [ $i -lt 1200 ] || fail "guest $peer_name ($peer) did not become ready within 120 s"
    usleep 100000; i=$((i + 1))
  done
fi

out="" err=""
for p in /sys/class/virtio-ports/*; do
  case "$(cat "$p/name")" in
    testbed.stdout) out="/dev/${p##*/}" ;;
    testbed.stderr) err="/dev/${p##*/}" ;;
  esac
done
[ -c "$out" ] && [ -c "$err" ] || fail "virtio ports for stdout/stderr missing"
# Pipes between the command and the ports: a port can be opened only once,
# a pipe can be reopened (/dev/stdout) and passed on freely.
mkfifo /tmp/out /tmp/err
cat /tmp/out >"$out" & ro=$!
cat /tmp/err >"$err" & re=$!
echo "testbed-guest: running the command"
: >/ctl/started
# shellcheck disable=SC2086 # $pair_env: NAME=VALUE words without blanks
chroot /host /usr/bin/env -i \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root USER=root LOGNAME=root SHELL=/bin/sh LANG=C.UTF-8 TERM=dumb \
  SMC_TESTBED=1 SMC_TESTBED_SMC="$smc_set" SMC_TESTBED_ARCH="$arch" $pair_env \
  /bin/sh -c 'cd "$1" || exit 125; eval "$2"' testbed "$work" "$(cat /ctl/command)" \
  </dev/null >/tmp/out 2>/tmp/err
status=$?
echo "testbed-guest: command exited with $status"
# Let the relays drain; a background process still holding the pipes
# does not keep the guest up for more than 3 s.
i=0
while [ $i -lt 30 ] && { kill -0 $ro 2>/dev/null || kill -0 $re 2>/dev/null; }; do
  usleep 100000; i=$((i + 1))
done
umount "/host$work" 2>/dev/null
echo $status >/ctl/status
poweroff -f

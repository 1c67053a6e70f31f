# shellcheck shell=bash disable=SC2034 # the settings are read by build and run
# What tools/testbed/build and tools/testbed/run share about the test bed's
# architectures; sourced by both. Each architecture has a file beside this
# one, NAME.sh, holding everything that differs between them: where its
# Debian packages come from, its kernel, how its smc.ko is cross-built,
# its qemu, and (for the guests that cannot run the host's programs) the
# packages of the root its guest runs commands in. Each test bed lives in
# its own folder of the cache, $cache/NAME.

# Debian's names for them, as in the package names; amd64 first: the
# default.
testbed_arches=(amd64 arm64 s390x)

# The root a guest that cannot run the host's programs (arm64, s390x)
# chroots into, shared read-only over 9p: these Debian 12 packages of its
# architecture, one line per package and why; nothing else is in it.
bookworm_root_packages=(
  libc6                     # ld.so, libc.so.6: dynamic programs of the architecture run (the checks' C probes)
  libgcc-s1                 # libc6 needs it (pthread_cancel, unwinding)
  busybox-static            # sh, env and the coreutils, grep, sed, awk, timeout the checks use; also the initramfs' /bin
  bash libtinfo6            # the checks and their runner are bash scripts
  python3-minimal           # /usr/bin/python3
  python3.11-minimal libpython3.11-minimal libexpat1 zlib1g # the interpreter
  libpython3.11-stdlib      # json, socket, struct...: the kernel oracle tools/guest/smc_kernel.py
  libssl3                   # ssl, which prometheus_client imports
  python3-prometheus-client python3-decorator # reads back smcd stats --prometheus
)

# load_arch NAME: the settings of NAME.sh, or status 1 for an unknown name.
# Each NAME.sh sets all of these (and defines host_kbuild); they are
# cleared first, so that none is left from another architecture.
load_arch() {
  local a known=0
  for a in "${testbed_arches[@]}"; do [[ "$1" == "$a" ]] && known=1; done
  ((known)) || return 1
  # what it is: its name for people, its ELF e_machine (elf(5))
  arch_title="" elf_machine_number=""
  # build: host packages, apt sources ('' = the machine's own) for apt_arch
  # and apt_more_arches, the kernel (package name pattern, flavour), the
  # cross build of smc.ko (make arguments, binutils prefix), the pair's
  # modules, the root's packages and their release ('' = the host's /)
  host_packages=() apt_sources=() apt_arch="" apt_more_arches=""
  kernel_pattern="" kernel_flavour="" make_args=() binutils_prefix=""
  pair_modules=() root_packages=() root_suite=""
  # run: qemu and its machine, the kernel console and arguments, the bus of
  # the virtio devices, how SMC-Dv2 gets its EID (ueid, seid)
  qemu_binary="" qemu_package="" qemu_machine=() kernel_console="" kernel_args=""
  virtio_bus="" eid=""
  # shellcheck source=/dev/null
  source "$(dirname "${BASH_SOURCE[0]}")/$1.sh"
}

# arch_inputs_sha256 NAME: hash of the files that decide what NAME's guest
# image holds. build writes it into the manifest; run compares it to tell a
# stale test bed. Another architecture's file leaves it unchanged.
arch_inputs_sha256() {
  local dir
  dir="$(dirname "${BASH_SOURCE[0]}")"
  cat "$dir/../build" "$dir/lib.sh" "$dir/$1.sh" | sha256sum | cut -d' ' -f1
}

# elf_machine FILE: the e_machine number of an ELF file (either byte
# order), or nothing when FILE is no ELF file (elf(5)).
elf_machine() {
  local magic data lo hi
  magic="$(od -An -tx1 -N4 "$1" 2>/dev/null | tr -d ' \n')"
  [[ "$magic" == 7f454c46 ]] || return 0
  data="$(od -An -tu1 -j5 -N1 "$1" | tr -d ' ')" # EI_DATA: 1 little-endian, 2 big-endian
  read -r lo hi < <(od -An -tu1 -j18 -N2 "$1")
  if [[ "$data" == 2 ]]; then echo $((lo * 256 + hi)); else echo $((hi * 256 + lo)); fi
}

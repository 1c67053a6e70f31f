# The s390x (IBM Z) test bed (sourced through lib.sh's load_arch): Debian
# 13's s390x 6.12 kernel (Debian 12's is 6.1, without loopback-ism), its
# smc.ko cross-built with CONFIG_SMC_LO; its guest cannot run the host's
# programs, so it runs commands in a root of its own, made of Debian 12's
# s390x packages. Big-endian: what the host's tools decode little-endian
# goes wrong here first.
# shellcheck shell=bash disable=SC2034 # the settings are read by build and run

arch_title="s390x (IBM Z)"
elf_machine_number=22 # EM_S390 (elf(5)), for --smc-run

# --- build: packages and kernel ---------------------------------------------
host_packages=(
  qemu-system-misc    # qemu-system-s390x (TCG)
  gcc-s390x-linux-gnu # the module build (gcc 12; see make_args)
  make binutils
)
# Its own apt configuration (lists in the cache, never the machine's: trixie
# must not reach its sources): the kernel from trixie; the root's packages
# from bookworm, like arm64's (trixie's libc is not always served, and
# bookworm's matches the cross compilers' glibc 2.36); bookworm-security's
# amd64 linux-kbuild for the host tools of the module build (trixie's own
# need glibc 2.38; bookworm has 2.36).
apt_sources=(
  "deb [arch=s390x] http://deb.debian.org/debian trixie main"
  "deb [arch=s390x] http://deb.debian.org/debian trixie-updates main"
  "deb [arch=s390x] http://deb.debian.org/debian-security trixie-security main"
  "deb [arch=s390x] http://deb.debian.org/debian bookworm main"
  "deb [arch=s390x] http://deb.debian.org/debian bookworm-updates main"
  "deb [arch=s390x,amd64] http://deb.debian.org/debian-security bookworm-security main"
)
apt_arch=s390x
apt_more_arches=amd64
kernel_pattern='^linux-image-6\.12\.[0-9]+\+deb13(\.[0-9]+)?-s390x$'
kernel_flavour=s390x
# host_kbuild ABI VERSION: bookworm's x86_64 linux-kbuild of the same
# upstream release (6.12.N), else the newest 6.12 one; modpost and fixdep
# do not change within 6.12.
host_kbuild() {
  local upstream="${1%%+*}" name ver
  for name in "linux-kbuild-$upstream+deb12" \
    $(apt_cache pkgnames linux-kbuild-6.12. | grep -E '^linux-kbuild-6\.12\.[0-9]+\+deb12$' | sort -V -r); do
    ver="$(apt_cache madison "$name" | awk -F' [|] ' '$3 ~ /amd64/ {print $2; exit}')"
    [[ -n "$ver" ]] && { echo "$name:amd64=$ver"; return 0; }
  done
  return 1
}
# The trixie headers ask for gcc-14, which bookworm lacks: gcc 12 builds a
# module that loads and works, once told that it does not know
# -fmin-function-alignment.
make_args=(ARCH=s390 CROSS_COMPILE=s390x-linux-gnu- CC=s390x-linux-gnu-gcc-12
  CONFIG_CC_HAS_MIN_FUNCTION_ALIGNMENT=)
binutils_prefix=s390x-linux-gnu-
pair_modules=() # no pair on s390x yet
# The root the guest chroots into: Debian 12's packages of this
# architecture (lib.sh lists them, with why).
root_packages=("${bookworm_root_packages[@]}")
root_suite=bookworm # the root's packages come from this release only

# --- run: the guest ------------------------------------------------------------
qemu_binary=qemu-system-s390x
qemu_package=qemu-system-misc
qemu_machine=(-M s390-ccw-virtio -cpu max)
kernel_console=ttysclp0
kernel_args="mitigations=off"
# Virtio devices on the channel subsystem: a plain -virtfs would be a zPCI
# device.
virtio_bus=ccw
# s390x has a system EID (SMC_NETLINK_DUMP_SEID says it is enabled), and
# SMC-Dv2 works with it alone: no User EID is added, the system EID is
# checked at boot instead.
eid=seid

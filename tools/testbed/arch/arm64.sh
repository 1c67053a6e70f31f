# The arm64 test bed (sourced through lib.sh's load_arch): Debian 12's own
# arm64 kernel from bookworm-security, its smc.ko cross-built with
# CONFIG_SMC_LO; its guest cannot run the host's programs, so it runs
# commands in a root of its own, made of Debian 12's arm64 packages.
# shellcheck shell=bash disable=SC2034 # the settings are read by build and run

arch_title="arm64 (aarch64)"
elf_machine_number=183 # EM_AARCH64 (elf(5)), for --smc-run

# --- build: packages and kernel ---------------------------------------------
host_packages=(
  qemu-system-arm      # qemu-system-aarch64 (TCG)
  gcc-aarch64-linux-gnu # the module build: the headers ask for aarch64-linux-gnu-gcc-12
  make binutils
)
# Its own apt configuration (lists in the cache, never the machine's):
# arm64 packages from bookworm, and bookworm-security's amd64 linux-kbuild
# for the host tools of the module build.
apt_sources=(
  "deb [arch=arm64] http://deb.debian.org/debian bookworm main"
  "deb [arch=arm64] http://deb.debian.org/debian bookworm-updates main"
  "deb [arch=arm64,amd64] http://deb.debian.org/debian-security bookworm-security main"
)
apt_arch=arm64
apt_more_arches=amd64
kernel_pattern='^linux-image-6\.12\.[0-9]+\+deb12-arm64$'
kernel_flavour=arm64
# host_kbuild ABI VERSION: the x86_64 linux-kbuild of the same kernel.
host_kbuild() { echo "linux-kbuild-$1:amd64=$2"; }
make_args=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
binutils_prefix=aarch64-linux-gnu-
pair_modules=() # no pair on arm64 yet
# The root the guest chroots into: Debian 12's packages of this
# architecture (lib.sh lists them, with why).
root_packages=("${bookworm_root_packages[@]}")
root_suite=bookworm # the root's packages come from this release only

# --- run: the guest ------------------------------------------------------------
qemu_binary=qemu-system-aarch64
qemu_package=qemu-system-arm
# Pointer authentication with QEMU's own algorithm: the architected one is
# slow to emulate (the guest reaches /init in ~2 s instead of ~5 s).
# shellcheck disable=SC2054 # commas belong to qemu's option syntax
qemu_machine=(-M virt -cpu max,pauth-impdef=on)
kernel_console=ttyAMA0
kernel_args="mitigations=off"
virtio_bus=pci
# Like x86: no system EID (SMC_NETLINK_ENABLE_SEID is EOPNOTSUPP), so
# SMC-Dv2 needs a User EID, added at boot.
eid=ueid

# The x86_64 test bed (sourced through lib.sh's load_arch): Debian 12's own
# amd64 kernel from the machine's apt sources, built natively; its guest
# shares the host's / and runs the host's programs, and the pair of such
# guests carries SMC-R over Soft-RoCE.
# shellcheck shell=bash disable=SC2034 # the settings are read by build and run

arch_title="x86_64"
elf_machine_number=62 # EM_X86_64 (elf(5)), for --smc-run

# --- build: packages and kernel ---------------------------------------------
host_packages=(
  qemu-system-x86              # the guest (TCG)
  busybox-static               # the initramfs' userland
  gcc-12 make binutils libelf1 # the module build (the headers ask for gcc-12; objtool needs libelf1)
  iproute2                     # rdma(8), run from the host's / in the pair's guests to add rxe0
)
apt_sources=() # none of its own: the machine's sources (bookworm-security)
kernel_pattern='^linux-image-6\.12\.[0-9]+\+deb12-amd64$'
kernel_flavour=amd64
# host_kbuild ABI VERSION: the x86_64 linux-kbuild (fixdep, modpost...) to
# build modules with, as NAME=VERSION: the kernel's own.
host_kbuild() { echo "linux-kbuild-$1=$2"; }
make_args=() # native: the headers' own CC
binutils_prefix=""
# The pair (tools/testbed/run --pair): the virtual link's NIC and Soft-RoCE
# on it. rdma_rxe allocates the "crc32" hash and nothing in the guest loads
# its provider on demand (no modprobe), so crc32_generic comes along.
pair_modules=(virtio_net rdma_rxe crc32_generic)
root_packages=() # the guest chroots into the host's /

# --- run: the guest ------------------------------------------------------------
qemu_binary=qemu-system-x86_64
qemu_package=qemu-system-x86
qemu_machine=(-cpu max)
kernel_console=ttyS0
kernel_args="8250.nr_uarts=1 mitigations=off"
virtio_bus=pci
# SMC-Dv2 over loopback-ism needs an EID: x86 has no system EID
# (SMC_NETLINK_ENABLE_SEID is EOPNOTSUPP), so a User EID is added at boot.
eid=ueid

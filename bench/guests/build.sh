#!/bin/sh
# Rebuilds the benchmark guests (needs Debian's binutils-arm-none-eabi). The .elf files are
# committed, so the benchmark itself needs no cross tools. Variants of a source differ only in
# the --defsym values (iterations, sizes): NAME-quick for `deno task bench --quick`,
# NAME-trace for the execlog workload (a few million instructions, so the trace stays small).
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tsemu-bench-guests.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
build() {
  out=$1
  src=$2
  shift 2
  arm-none-eabi-as -march=armv7-a -mcpu=cortex-a15 -I . "$@" -o "$tmp/$out.o" "$src"
  arm-none-eabi-ld -T ../../tests/guest/src/guest.ld -o "$out.elf" "$tmp/$out.o"
}
build sum sum.S
build sum-quick sum.S --defsym N=25000000
build sum-trace sum.S --defsym N=1000000
build mix mix.S
build mix-quick mix.S --defsym N=5000000
build sum-mmu sum-mmu.S
build sum-mmu-quick sum-mmu.S --defsym N=10000000
build memcpy-mmu memcpy-mmu.S
build memcpy-mmu-quick memcpy-mmu.S --defsym MIB=4 --defsym PASSES=8
build memcpy-mmu-trace memcpy-mmu.S --defsym MIB=1 --defsym PASSES=1
build device device.S --defsym N=500000
build device-quick device.S --defsym N=100000
build startup startup.S

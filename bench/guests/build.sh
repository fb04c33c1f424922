#!/bin/sh
# Rebuilds the benchmark guests (needs Debian's binutils-arm-none-eabi).
set -e
cd "$(dirname "$0")"
for s in *.S; do
  n=${s%.S}
  arm-none-eabi-as -march=armv7-a -mcpu=cortex-a15 -o "/tmp/$n.o" "$s"
  arm-none-eabi-ld -T ../../tests/guest/src/guest.ld -o "$n.elf" "/tmp/$n.o"
done

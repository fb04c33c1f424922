#!/bin/sh
# Builds insn-count.c, the reference plugin for Debian's qemu-system-arm 7.2 (plugin API
# version 1), into a shared object in a temporary directory (or in $1) and prints its path.
# The .so is never committed: tests/plugins/qemu/record-insn-counts.ts runs it on QEMU over
# the guest programs and records the counts in tests/plugins/expected/insn-counts.json.
#
# Usage: tests/plugins/qemu/build-insn-count.sh [OUTDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/tsemu-qemu-plugin.XXXXXX")}
mkdir -p "$out"
gcc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$out/libinsn-count.so" "$here/insn-count.c"
echo "$out/libinsn-count.so"

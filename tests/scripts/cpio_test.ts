/**
 * The newc cpio writer (scripts/cpio.ts) against the format: exact bytes of a small archive,
 * padding of names and data, the trailer, a round trip through an independent reader (and
 * through GNU cpio when it is installed), gzip, and the initramfs the Linux fetch builds.
 */

import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import { CpioWriter, gzip } from "../../scripts/cpio.ts";
import {
  armmpKernelsNewestFirst,
  buildInitramfs,
  isArmElf,
  isZImage,
  LINUX_READY_MARKER,
} from "../../scripts/fetch-linux.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** One member as read back by {@link readNewc}. */
interface Member {
  name: string;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  mtime: number;
  rdevmajor: number;
  rdevminor: number;
  data: Uint8Array;
  /** Offset of the header in the archive. */
  offset: number;
}

/** A small newc reader written from the format description, checking padding as it goes. */
function readNewc(bytes: Uint8Array): Member[] {
  const out: Member[] = [];
  let at = 0;
  for (;;) {
    assert.equal(at % 4, 0, "every header starts on a 4-byte boundary");
    const head = dec.decode(bytes.subarray(at, at + 110));
    assert.equal(head.slice(0, 6), "070701", `magic at ${at}`);
    const f = (i: number) => {
      const s = head.slice(6 + 8 * i, 14 + 8 * i);
      assert.match(s, /^[0-9A-F]{8}$/, `field ${i} at ${at}`);
      return parseInt(s, 16);
    };
    const namesize = f(11);
    assert.equal(f(12), 0, "check field is 0");
    const name = dec.decode(bytes.subarray(at + 110, at + 110 + namesize - 1));
    assert.equal(bytes[at + 110 + namesize - 1], 0, "name is NUL-terminated");
    let p = at + 110 + namesize;
    while (p % 4) assert.equal(bytes[p++], 0, "name padding is zero");
    const size = f(6);
    const data = bytes.slice(p, p + size);
    p += size;
    while (p % 4) assert.equal(bytes[p++], 0, "data padding is zero");
    const m: Member = {
      name,
      ino: f(0),
      mode: f(1),
      uid: f(2),
      gid: f(3),
      nlink: f(4),
      mtime: f(5),
      rdevmajor: f(9),
      rdevminor: f(10),
      data,
      offset: at,
    };
    out.push(m);
    at = p;
    if (name === "TRAILER!!!") break;
  }
  assert.equal(at, bytes.length, "nothing after the trailer");
  return out;
}

/** A header as the format spells it: magic, 13 upper-case hex fields, name, NUL padding. */
function header(fields: number[], name: string): string {
  let s = "070701" + fields.map((v) => v.toString(16).toUpperCase().padStart(8, "0")).join("");
  s += name + "\0";
  while (s.length % 4) s += "\0";
  return s;
}

Deno.test("cpio: a small archive matches the newc format byte for byte", () => {
  const w = new CpioWriter();
  w.directory("dev");
  w.charDevice("/dev/console", 5, 1);
  w.file("a", enc.encode("hello"));
  w.symlink("sh", "busybox");
  const got = w.finish();

  // ino mode uid gid nlink mtime filesize devmaj devmin rdevmaj rdevmin namesize check
  const expected = [
    header([1, 0o40755, 0, 0, 2, 0, 0, 0, 0, 0, 0, 4, 0], "dev"),
    header([2, 0o20600, 0, 0, 1, 0, 0, 0, 0, 5, 1, 12, 0], "dev/console"),
    header([3, 0o100644, 0, 0, 1, 0, 5, 0, 0, 0, 0, 2, 0], "a") + "hello\0\0\0",
    header([4, 0o120777, 0, 0, 1, 0, 7, 0, 0, 0, 0, 3, 0], "sh") + "busybox\0",
    header([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 11, 0], "TRAILER!!!"),
  ].join("");
  assert.equal(dec.decode(got), expected);
  // The first header spelled out, as a reader of the format would see it.
  assert.equal(
    dec.decode(got.subarray(0, 116)),
    "070701" + "00000001" + "000041ED" + "00000000" + "00000000" + "00000002" + "00000000" +
      "00000000" + "00000000" + "00000000" + "00000000" + "00000000" + "00000004" + "00000000" +
      "dev\0\0\0",
  );
  assert.equal(got.length, 116 + 124 + 112 + 8 + 116 + 8 + 124);
});

Deno.test("cpio: names and data of every length are padded to 4 bytes", () => {
  const w = new CpioWriter();
  const names = ["b", "bb", "bbb", "bbbb", "bbbbb"];
  for (let n = 0; n < 9; n++) {
    w.file(`${names[n % names.length]}${n}`, new Uint8Array(n).fill(0x41 + n), 0o600);
  }
  const members = readNewc(w.finish());
  assert.equal(members.length, 10);
  for (let n = 0; n < 9; n++) {
    assert.equal(members[n].name, `${names[n % names.length]}${n}`);
    assert.deepEqual(members[n].data, new Uint8Array(n).fill(0x41 + n));
    assert.equal(members[n].mode, 0o100600);
  }
});

Deno.test("cpio: owners, times, block devices and missing parents", () => {
  const w = new CpioWriter();
  w.file("usr/lib/x", enc.encode("x"), 0o4755, { uid: 1000, gid: 100, mtime: 0x5f5e1000 });
  w.blockDevice("dev/vda", 254, 0, 0o660);
  const m = readNewc(w.finish());
  assert.deepEqual(m.map((e) => e.name), [
    "usr",
    "usr/lib",
    "usr/lib/x",
    "dev",
    "dev/vda",
    "TRAILER!!!",
  ]);
  assert.deepEqual(m.map((e) => e.ino), [1, 2, 3, 4, 5, 0]);
  assert.equal(m[0].mode, 0o40755);
  assert.equal(m[2].mode, 0o104755);
  assert.deepEqual([m[2].uid, m[2].gid, m[2].mtime], [1000, 100, 0x5f5e1000]);
  assert.deepEqual([m[4].mode, m[4].rdevmajor, m[4].rdevminor], [0o60660, 254, 0]);
});

Deno.test("cpio: mistakes are refused", () => {
  const w = new CpioWriter();
  w.file("f", new Uint8Array(1));
  assert.throws(() => w.file("/f", new Uint8Array(1)), /duplicate member "f"/);
  assert.throws(() => w.file("f/g", new Uint8Array(1)), /"f" is not a directory/);
  assert.throws(() => w.directory("a/../b"), /"\.\." in path/);
  assert.throws(() => w.directory("/"), /empty path/);
  assert.throws(() => w.symlink("l", ""), /empty symlink target/);
  assert.throws(() => w.charDevice("c", 1, 2 ** 32), /out of range/);
  w.finish();
  assert.throws(() => w.finish(), /already finished/);
});

Deno.test("cpio: gzip output is a gzip stream of the archive", () => {
  const w = new CpioWriter();
  w.file("init", enc.encode("#!/bin/sh\n"), 0o755);
  const raw = w.finish();
  const gz = gzip(raw);
  assert.deepEqual([gz[0], gz[1]], [0x1f, 0x8b]);
  assert.deepEqual(new Uint8Array(gunzipSync(gz)), raw);
});

function haveCpio(): boolean {
  try {
    return new Deno.Command("cpio", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "cpio: GNU cpio lists and extracts the archive as written",
  ignore: !haveCpio(),
  fn() {
    const dir = Deno.makeTempDirSync({ prefix: "tsemu-cpio-" });
    try {
      const w = new CpioWriter();
      w.directory("bin").file("bin/tool", enc.encode("#!/bin/sh\necho hi\n"), 0o755);
      w.symlink("bin/sh", "tool").directory("tmp", 0o1777).file("etc/motd", enc.encode("hi"));
      const archive = w.finish();
      Deno.writeFileSync(join(dir, "a.cpio"), archive);
      const list = new Deno.Command("cpio", { args: ["-itv", "-F", "a.cpio"], cwd: dir })
        .outputSync();
      assert.ok(list.success, dec.decode(list.stderr));
      const lines = dec.decode(list.stdout).trim().split("\n");
      assert.deepEqual(lines.map((l) => l.split(/\s+/)[0]), [
        "drwxr-xr-x",
        "-rwxr-xr-x",
        "lrwxrwxrwx",
        "drwxrwxrwt",
        "drwxr-xr-x",
        "-rw-r--r--",
      ]);
      assert.match(lines[2], /bin\/sh -> tool$/);

      const devs = new CpioWriter().charDevice("dev/ttyAMA0", 204, 64).finish();
      Deno.writeFileSync(join(dir, "d.cpio"), devs);
      const dl = new Deno.Command("cpio", { args: ["-itv", "-F", "d.cpio"], cwd: dir })
        .outputSync();
      assert.match(dec.decode(dl.stdout), /^crw------- .*204,\s*64 .*dev\/ttyAMA0$/m);

      const x = join(dir, "x");
      Deno.mkdirSync(x);
      const ex = new Deno.Command("cpio", { args: ["-idm", "-F", "../a.cpio"], cwd: x })
        .outputSync();
      assert.ok(ex.success, dec.decode(ex.stderr));
      assert.equal(Deno.readTextFileSync(join(x, "bin/tool")), "#!/bin/sh\necho hi\n");
      assert.equal(Deno.statSync(join(x, "bin/tool")).mode! & 0o7777, 0o755);
      assert.equal(Deno.readLinkSync(join(x, "bin/sh")), "tool");
      assert.equal(Deno.readTextFileSync(join(x, "etc/motd")), "hi");
      assert.equal(Deno.statSync(join(x, "tmp")).mode! & 0o7777, 0o1777);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test("initramfs: busybox, /init with the marker, console nodes and mount points", () => {
  const busybox = enc.encode("\x7fELF-not-really");
  const members = readNewc(new Uint8Array(gunzipSync(buildInitramfs(busybox))));
  const byName = new Map(members.map((m) => [m.name, m]));
  const init = byName.get("init");
  assert.ok(init);
  assert.equal(init.mode, 0o100755);
  const script = dec.decode(init.data);
  assert.match(script, /^#!\/bin\/sh\n/);
  assert.match(script, new RegExp(`^echo ${LINUX_READY_MARKER}$`, "m"));
  assert.match(script, /mount -t proc proc \/proc/);
  assert.match(script, /mount -t devtmpfs devtmpfs \/dev/);
  assert.deepEqual(byName.get("bin/busybox")?.data, busybox);
  assert.equal(byName.get("bin/busybox")?.mode, 0o100755);
  assert.equal(dec.decode(byName.get("bin/sh")?.data), "busybox");
  const dev = (n: string) => {
    const m = byName.get(n);
    return m && [m.mode & 0o170000, m.rdevmajor, m.rdevminor];
  };
  assert.deepEqual(dev("dev/console"), [0o020000, 5, 1]);
  assert.deepEqual(dev("dev/ttyAMA0"), [0o020000, 204, 64]);
  assert.deepEqual(dev("dev/null"), [0o020000, 1, 3]);
  for (const d of ["proc", "sys", "dev", "tmp", "root", "bin"]) {
    assert.equal(byName.get(d)!.mode & 0o170000, 0o040000, d);
  }
  // Every parent comes before its children, as the kernel's unpacker needs.
  const seen = new Set<string>();
  for (const m of members) {
    const parent = m.name.split("/").slice(0, -1).join("/");
    if (parent) assert.ok(seen.has(parent), `${m.name} before ${parent}`);
    seen.add(m.name);
  }
});

Deno.test("fetch-linux: the kernel fallback picks the newest plain armmp ABI", () => {
  const search = [
    "linux-image-6.1.0-9-armmp - Linux 6.1 for ARMv7 multiplatform compatible SoCs",
    "linux-image-6.1.0-50-rt-armmp - Linux 6.1 for ARMv7 multiplatform compatible SoCs, PREEMPT_RT",
    "linux-image-6.1.0-47-armmp - Linux 6.1 for ARMv7 multiplatform compatible SoCs",
    "linux-image-6.1.0-50-armmp-lpae - Linux 6.1 for ARMv7 multiplatform compatible SoCs (LPAE)",
    "linux-image-6.1.0-50-armmp-dbg - Debug symbols for linux-image-6.1.0-50-armmp",
    "linux-image-6.10.0-2-armmp - Linux 6.10 for ARMv7 multiplatform compatible SoCs",
    "linux-image-armmp - Linux for ARMv7 multiplatform compatible SoCs (meta-package)",
  ].join("\n") + "\n";
  assert.deepEqual(armmpKernelsNewestFirst(search), [
    "linux-image-6.10.0-2-armmp",
    "linux-image-6.1.0-47-armmp",
    "linux-image-6.1.0-9-armmp",
  ]);
});

Deno.test("fetch-linux: zImage and ARM ELF recognition", () => {
  const z = new Uint8Array(0x40);
  new DataView(z.buffer).setUint32(0x24, 0x016f2818, true);
  assert.ok(isZImage(z));
  z[0x24] ^= 1;
  assert.ok(!isZImage(z));
  const elf = new Uint8Array(52);
  elf.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  elf[18] = 40; // EM_ARM
  assert.ok(isArmElf(elf));
  elf[18] = 62; // EM_X86_64
  assert.ok(!isArmElf(elf));
});

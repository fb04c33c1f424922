/**
 * The generated `virt` device tree against qemu-system-arm 7.2's: byte for byte against the
 * committed QEMU in-memory blobs (tests/fixtures/, regenerated with
 * `deno run -A tests/fixtures/qemu-virt-dtb.ts`) and against a live qemu-system-arm when one is
 * installed; through dtc's decompiler; and the libfdt editing rules that give those bytes.
 */
import assert from "node:assert/strict";
import { FDT_BOARD_SIZE } from "../../hw/core/fdt.ts";
import { parseFdt } from "../../hw/core/fdt-reader.ts";
import { fdtRandomizeSeeds, FdtRw } from "../../hw/core/fdt-rw.ts";
import { haveTool } from "../support/tools.ts";
import { buildVirtDtb, buildVirtFdt, type VirtFdtConfig } from "../../hw/arm/virt-fdt.ts";
import { DTB_FIXTURES, dtbDataEnd, qemuDtb } from "../fixtures/qemu-virt-dtb.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const HAVE_DTC = haveTool("dtc");
const HAVE_QEMU = haveTool("qemu-system-arm");

const A15 = { ramBase: 0x40000000, cpuCompatible: "arm,cortex-a15" };
const INITRD = { start: 0x48000000, end: 0x48000000 + 100000 };
/** Our configuration for each fixture (same order as DTB_FIXTURES). */
const CONFIGS: Record<string, VirtFdtConfig> = {
  "qemu-virt-a15-256m.dtb": { ...A15, ramSize: 256 << 20, numCpus: 1 },
  "qemu-virt-a15-256m-linux.dtb": {
    ...A15,
    ramSize: 256 << 20,
    numCpus: 1,
    bootargs: "console=ttyAMA0 rdinit=/init",
    initrd: INITRD,
  },
  "qemu-virt-a15-1g-smp2.dtb": { ...A15, ramSize: 1 << 30, numCpus: 2 },
  "qemu-virt-a15-256m-seeds.dtb": {
    ...A15,
    ramSize: 256 << 20,
    numCpus: 1,
    bootargs: "console=ttyAMA0 earlycon",
    initrd: INITRD,
  },
};

/** A trimmed fixture back to QEMU's whole 1 MiB blob. */
function readFixture(file: string): Uint8Array {
  const blob = new Uint8Array(FDT_BOARD_SIZE);
  blob.set(Deno.readFileSync(new URL(file, FIXTURES)));
  return blob;
}

/**
 * Our configuration for a QEMU blob: with the seeds QEMU drew when the blob has them (the
 * 40 random bytes: the kaslr seed as a little-endian u64, then the rng seed).
 */
function configFor(file: string, qemu: Uint8Array): VirtFdtConfig {
  const cfg = CONFIGS[file];
  const chosen = parseFdt(qemu, file).root.find("/chosen")!;
  const kaslr = chosen.prop("kaslr-seed");
  const rng = chosen.prop("rng-seed");
  if (!kaslr || !rng) return cfg;
  const seed = new Uint8Array(40);
  seed.set([...kaslr].reverse());
  seed.set(rng, 8);
  return { ...cfg, random: () => seed };
}

/** Asserts byte equality, naming the first differing offset. */
function assertSameBytes(ours: Uint8Array, qemu: Uint8Array, what: string): void {
  assert.equal(ours.length, qemu.length, `${what}: blob size`);
  const i = ours.findIndex((b, k) => b !== qemu[k]);
  assert.equal(i, -1, `${what}: first difference at offset 0x${i.toString(16)}`);
}

Deno.test("virt fdt: byte-identical to QEMU's in-memory blobs (committed dumps)", () => {
  for (const { file } of DTB_FIXTURES) {
    const qemu = readFixture(file);
    const ours = buildVirtDtb(configFor(file, qemu));
    assertSameBytes(ours, qemu, file);
    assert.ok(ours.subarray(dtbDataEnd(ours)).every((b) => b === 0), `${file}: free tail`);
  }
});

Deno.test("virt fdt: the seeds come from the random source, or are absent", () => {
  const cfg = CONFIGS["qemu-virt-a15-256m-linux.dtb"];
  const seed = Uint8Array.from({ length: 40 }, (_, i) => i + 1);
  const asked: number[] = [];
  const chosen = parseFdt(buildVirtDtb({
    ...cfg,
    random: (n) => {
      asked.push(n);
      return seed;
    },
  })).root.find("/chosen")!;
  assert.deepEqual(asked, [40]);
  assert.deepEqual([...chosen.prop("kaslr-seed")!], [8, 7, 6, 5, 4, 3, 2, 1]);
  assert.deepEqual([...chosen.prop("rng-seed")!], [...seed.slice(8)]);
  const off = parseFdt(buildVirtDtb(cfg)).root.find("/chosen")!;
  assert.equal(off.prop("kaslr-seed"), undefined);
  assert.equal(off.prop("rng-seed"), undefined);
});

Deno.test("virt fdt: QEMU's nodes, values and phandles", () => {
  const root = buildVirtFdt(CONFIGS["qemu-virt-a15-256m-linux.dtb"]);
  assert.deepEqual(root.children.map((c) => c.name).slice(0, 5), [
    "psci",
    "memory@40000000",
    "platform-bus@c000000",
    "fw-cfg@9020000",
    "virtio_mmio@a000000",
  ]);
  assert.equal(root.children.filter((c) => c.name.startsWith("virtio_mmio@")).length, 32);
  assert.deepEqual(root.find("/virtio_mmio@a003e00")?.getCells("interrupts"), [0, 47, 1]);
  assert.deepEqual(root.find("/memory@40000000")?.getCells("reg"), [0, 0x40000000, 0, 0x10000000]);
  assert.equal(root.find("/chosen")?.getU32("linux,initrd-start"), 0x48000000, "one cell");
  assert.equal(root.find("/chosen")?.getString("stdout-path"), "/pl011@9000000");
  const gic = root.find("/intc@8000000")!;
  assert.equal(gic.phandle, 0x8002);
  assert.equal(root.getU32("interrupt-parent"), 0x8002);
  assert.equal(root.find("/platform-bus@c000000")?.getU32("interrupt-parent"), 0x8002);
  assert.equal(gic.find("v2m@8020000")?.phandle, 0x8003);
  assert.deepEqual(root.find("/pcie@10000000")?.getCells("msi-map"), [0, 0x8003, 0, 0x10000]);
  assert.deepEqual(root.find("/pcie@10000000")?.getCells("reg"), [0x40, 0x10000000, 0, 0x10000000]);
  assert.equal(root.find("/pl061@9030000")?.phandle, 0x8004);
  assert.deepEqual(root.find("/gpio-keys/poweroff")?.getCells("gpios"), [0x8004, 3, 0]);
  assert.deepEqual(root.find("/flash@0")?.getCells("reg"), [
    0,
    0,
    0,
    0x4000000,
    0,
    0x4000000,
    0,
    0x4000000,
  ]);
  assert.deepEqual(root.find("/pmu")?.properties, []);
  assert.deepEqual(root.find("/timer")?.getCells("interrupts")?.slice(0, 3), [1, 13, 0x104]);
  const smp2 = buildVirtFdt(CONFIGS["qemu-virt-a15-1g-smp2.dtb"]);
  assert.deepEqual(smp2.find("/timer")?.getCells("interrupts")?.slice(0, 3), [1, 13, 0x304]);
  assert.equal(smp2.find("/cpus/cpu@1")?.getString("enable-method"), "psci");
  assert.equal(smp2.find("/chosen")?.prop("bootargs"), undefined);
  assert.throws(() => buildVirtDtb({ ...CONFIGS["qemu-virt-a15-256m.dtb"], numCpus: 9 }));
});

Deno.test("fdt-rw: libfdt's insertion order, string table and stale padding", () => {
  const f = FdtRw.create(256);
  f.setString("/", "compatible", "a").setCells("/", "n", 1).addSubnode("/x").addSubnode("/y");
  const root = parseFdt(f.blob).root;
  assert.deepEqual(root.properties.map((p) => p.name), ["n", "compatible"], "newest first");
  assert.deepEqual(root.children.map((c) => c.name), ["y", "x"], "newest first");
  // A name that is the tail of an existing one reuses it (fdt_find_add_string_).
  const dv = new DataView(f.blob.buffer);
  const stringsSize = () => dv.getUint32(32);
  const before = stringsSize();
  f.setEmpty("/x", "patible");
  assert.equal(stringsSize(), before, "no new string");
  assert.equal(parseFdt(f.blob).root.find("/x")?.properties[0].name, "patible");
  // The padding after a 1-byte value keeps what the insertion moved over it: here the
  // tail of the value of "a", inserted just before at the same place.
  const g = FdtRw.create(256);
  g.setCells("/", "a", 0x11223344).setProp("/", "b", new Uint8Array([0x55]));
  const first = 0x48 + 12; // value of the first property after the root's name
  assert.deepEqual([...g.blob.subarray(first, first + 4)], [0x55, 0x22, 0x33, 0x44]);
  assert.deepEqual(parseFdt(g.blob).root.getU32("a"), 0x11223344);
  // Phandles count up from 0x8000; NOPed nodes disappear from the tree.
  assert.equal(g.allocPhandle(), 0x8000);
  assert.equal(g.allocPhandle(), 0x8001);
  g.addSubnode("/gone").nopNode("/gone");
  assert.equal(parseFdt(g.blob).root.children.length, 0);
  assert.throws(() => FdtRw.create(0x40), /cannot hold/);
  assert.throws(() => FdtRw.create(0x60).setProp("/", "big", new Uint8Array(8)), /no space/);
});

Deno.test("fdt-rw: randomizing the seeds rewrites rng-seed only", () => {
  const cfg = CONFIGS["qemu-virt-a15-256m.dtb"];
  const blob = buildVirtDtb({ ...cfg, random: () => new Uint8Array(40).fill(0xaa) });
  const copy = blob.slice();
  fdtRandomizeSeeds(copy, (n) => new Uint8Array(n).fill(0x5b));
  const chosen = parseFdt(copy).root.find("/chosen")!;
  assert.ok(chosen.prop("rng-seed")!.every((b) => b === 0x5b));
  assert.ok(chosen.prop("kaslr-seed")!.every((b) => b === 0xaa));
  assert.equal(copy.filter((b, i) => b !== blob[i]).length, 32);
});

/** dtc's decompilation of a blob. */
async function dtcText(dtb: Uint8Array, dir: string): Promise<string> {
  const path = `${dir}/t.dtb`;
  await Deno.writeFile(path, dtb);
  const out = await new Deno.Command("dtc", {
    args: ["-q", "-I", "dtb", "-O", "dts", path],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

Deno.test({
  name: "virt fdt: dtc decompiles ours and QEMU's to the same source",
  ignore: !HAVE_DTC,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      for (const { file } of DTB_FIXTURES) {
        const qemu = readFixture(file);
        const ours = await dtcText(buildVirtDtb(configFor(file, qemu)), dir);
        assert.equal(ours, await dtcText(qemu, dir), file);
        assert.match(ours, /pcie@10000000 \{/);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "virt fdt: byte-identical to what the installed qemu-system-arm generates now",
  ignore: !HAVE_QEMU,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      for (const fx of DTB_FIXTURES) {
        const qemu = await qemuDtb(fx, dir);
        assertSameBytes(buildVirtDtb(configFor(fx.file, qemu)), qemu, `live ${fx.file}`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

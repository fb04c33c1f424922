import assert from "node:assert/strict";
import {
  Fdt,
  FDT_BEGIN_NODE,
  FDT_END,
  FDT_END_NODE,
  FDT_MAGIC,
  FDT_NOP,
  FDT_PROP,
  FdtHeader,
  FdtNode,
  serializeFdt,
} from "../../hw/core/fdt.ts";
import { parseFdt, readFdtHeader } from "../../hw/core/fdt-reader.ts";
import { ImageError } from "../../hw/core/image-error.ts";

/** Plain-object view of a tree, for deep comparison (property values as hex). */
type Plain = { name: string; props: [string, string][]; children: Plain[] };
function plain(n: FdtNode): Plain {
  return {
    name: n.name,
    props: n.properties.map((p) => [p.name, Array.from(p.value, (b) => b.toString(16)).join(",")]),
    children: n.children.map(plain),
  };
}

function sampleTree(): Fdt {
  const root = new FdtNode("");
  root.setU32("#address-cells", 2).setU32("#size-cells", 2).setString("model", "test");
  const a = root.addNode("a@1000");
  a.setStrings("compatible", ["vendor,a", "generic"]).setU64("reg", 0x1000, 0x100);
  a.setEmpty("interrupt-controller").setPhandle(0x8001);
  a.setProp("blob", new Uint8Array([1, 2, 3]));
  const b = root.addNode("b");
  b.setString("compatible", "vendor,b").setU32("ref", 0x8001).setU64("big", 0x1_2345_6789n);
  b.addNode("child").setU32("x", 0xffffffff, 0, 7);
  return new Fdt(root, [{ address: 0x4000_0000n, size: 0x1000n }], 3);
}

const be32 = (blob: Uint8Array, off: number): number =>
  new DataView(blob.buffer, blob.byteOffset).getUint32(off);

function expectImageError(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ImageError, `expected ImageError, got ${e}`);
    assert.match(e.message, re);
    assert.ok(!e.message.includes("\n"));
    return true;
  });
}

Deno.test("fdt: a tree survives serialisation and parsing unchanged", () => {
  const fdt = sampleTree();
  const back = parseFdt(serializeFdt(fdt));
  assert.deepEqual(plain(back.root), plain(fdt.root));
  assert.deepEqual(back.reservations, fdt.reservations);
  assert.equal(back.bootCpuidPhys, 3);
});

Deno.test("fdt: header is version 17 with consistent, aligned block offsets", () => {
  const blob = serializeFdt(sampleTree());
  assert.equal(be32(blob, FdtHeader.magic), FDT_MAGIC);
  assert.equal(be32(blob, FdtHeader.totalsize), blob.length);
  assert.equal(be32(blob, FdtHeader.version), 17);
  assert.equal(be32(blob, FdtHeader.last_comp_version), 16);
  assert.equal(be32(blob, FdtHeader.boot_cpuid_phys), 3);
  const rsv = be32(blob, FdtHeader.off_mem_rsvmap);
  const st = be32(blob, FdtHeader.off_dt_struct);
  const str = be32(blob, FdtHeader.off_dt_strings);
  assert.equal(rsv % 8, 0);
  assert.equal(st % 4, 0);
  assert.equal(st, rsv + 2 * 16, "one reservation plus the terminator");
  assert.equal(str, st + be32(blob, FdtHeader.size_dt_struct));
  assert.equal(str + be32(blob, FdtHeader.size_dt_strings), blob.length);
  assert.equal(be32(blob, st), FDT_BEGIN_NODE);
  assert.equal(be32(blob, str - 4), FDT_END);
});

Deno.test("fdt: property names are stored once in the strings block", () => {
  const root = new FdtNode("");
  for (const n of ["x", "y", "z"]) root.addNode(n).setString("compatible", n).setU32("reg", 1);
  const blob = serializeFdt(new Fdt(root));
  const size = be32(blob, FdtHeader.size_dt_strings);
  assert.equal(size, "compatible\0reg\0".length);
});

Deno.test("fdt: typed setters encode big-endian cells and NUL-separated strings", () => {
  const n = new FdtNode("n");
  n.setU32("c", 1, 0x8000).setU64("q", 0x40000000, 0x10000000).setStrings("s", ["ab", "c"]);
  assert.deepEqual(Array.from(n.prop("c")!), [0, 0, 0, 1, 0, 0, 0x80, 0]);
  assert.deepEqual(n.getCells("q"), [0, 0x40000000, 0, 0x10000000]);
  assert.deepEqual(Array.from(n.prop("s")!), [0x61, 0x62, 0, 0x63, 0]);
  assert.deepEqual(n.getStrings("s"), ["ab", "c"]);
  assert.equal(n.getString("s"), "ab");
  assert.equal(n.getU32("c"), undefined, "two cells are not one u32");
  n.setPhandle(0x8002);
  assert.equal(n.phandle, 0x8002);
  n.setU32("c", 9);
  assert.deepEqual(
    n.properties.map((p) => p.name),
    ["c", "q", "s", "phandle"],
    "replaced in place",
  );
  assert.throws(() => n.setU32("bad", 2 ** 32));
  assert.throws(() => n.addNode("a/b"));
  assert.throws(() => new Fdt().root.addNode("x").setPhandle(0));
});

Deno.test("fdt: find walks paths and removeNode/removeProp edit the tree", () => {
  const { root } = sampleTree();
  assert.equal(root.find("/b/child")?.getCells("x")?.[2], 7);
  assert.equal(root.find("/")?.name, "");
  assert.equal(root.find("/nope"), undefined);
  assert.ok(root.find("b")!.removeNode("child"));
  assert.equal(root.find("/b/child"), undefined);
  assert.ok(root.find("a@1000")!.removeProp("blob"));
  assert.equal(root.find("a@1000")!.prop("blob"), undefined);
});

Deno.test("fdt: dtc decompiles our blob to the expected source", async (t) => {
  let dtc = true;
  try {
    new Deno.Command("dtc", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync();
  } catch {
    dtc = false;
  }
  await t.step({
    name: "dtc -I dtb -O dts",
    ignore: !dtc,
    fn: async () => {
      const dir = await Deno.makeTempDir();
      try {
        await Deno.writeFile(`${dir}/t.dtb`, serializeFdt(sampleTree()));
        const out = await new Deno.Command("dtc", {
          args: ["-q", "-I", "dtb", "-O", "dts", `${dir}/t.dtb`],
          stdout: "piped",
          stderr: "piped",
        }).output();
        assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
        const dts = new TextDecoder().decode(out.stdout);
        assert.match(dts, /\/memreserve\/\s+0x0*40000000 0x0*1000;/);
        assert.match(dts, /compatible = "vendor,a\\0generic";/);
        assert.match(dts, /reg = <0x00 0x1000 0x00 0x100>;/);
        assert.match(dts, /interrupt-controller;/);
        assert.match(dts, /blob = \[01 02 03\];/);
        assert.match(dts, /child \{\s*x = <0xffffffff 0x00 0x07>;/);
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
});

/** Assembles a blob from raw structure words and a strings block (for reader edge cases). */
function handmade(struct: number[], strings: string, version = 17): Uint8Array {
  const strBytes = new TextEncoder().encode(strings);
  const offRsv = 40, offStruct = offRsv + 16, offStrings = offStruct + struct.length * 4;
  const total = offStrings + strBytes.length;
  const blob = new Uint8Array(total);
  const dv = new DataView(blob.buffer);
  const h = [FDT_MAGIC, total, offStruct, offStrings, offRsv, version, 16, 0, strBytes.length];
  h.forEach((v, i) => dv.setUint32(i * 4, v));
  dv.setUint32(FdtHeader.size_dt_struct, struct.length * 4);
  struct.forEach((w, i) => dv.setUint32(offStruct + i * 4, w));
  blob.set(strBytes, offStrings);
  return blob;
}
/** Root node name "" padded to a word. */
const ROOT = [FDT_BEGIN_NODE, 0];

Deno.test("fdt reader: NOP tokens are skipped", () => {
  const blob = handmade(
    [FDT_NOP, ...ROOT, FDT_NOP, FDT_PROP, 4, 0, 0x2a, FDT_NOP, FDT_END_NODE, FDT_NOP, FDT_END],
    "p\0",
  );
  const fdt = parseFdt(blob);
  assert.equal(fdt.root.getU32("p"), 0x2a);
});

Deno.test("fdt reader: a version 16 blob (no size_dt_struct) is read", () => {
  const blob = handmade([...ROOT, FDT_PROP, 4, 0, 7, FDT_END_NODE, FDT_END], "v\0", 16);
  new DataView(blob.buffer).setUint32(FdtHeader.size_dt_struct, 0xdeadbeef);
  assert.equal(parseFdt(blob).root.getU32("v"), 7);
  assert.equal(readFdtHeader(blob).version, 16);
});

Deno.test("fdt reader: malformed blobs raise ImageError naming the file", () => {
  const good = serializeFdt(sampleTree());
  const patched = (off: number, v: number): Uint8Array => {
    const b = good.slice();
    new DataView(b.buffer).setUint32(off, v);
    return b;
  };
  const f = "x.dtb";
  expectImageError(() => parseFdt(new Uint8Array(4), f), /^x\.dtb: truncated/);
  expectImageError(() => parseFdt(patched(0, 0x12345678), f), /^x\.dtb: .*bad magic 0x12345678/);
  expectImageError(() => parseFdt(good.slice(0, 30), f), /^x\.dtb: truncated/);
  expectImageError(
    () => parseFdt(good.slice(0, good.length - 1), f),
    /^x\.dtb: truncated.*header says/,
  );
  expectImageError(() => parseFdt(patched(FdtHeader.version, 3), f), /version 3/);
  expectImageError(() => parseFdt(patched(FdtHeader.last_comp_version, 18), f), /not compatible/);
  expectImageError(() => parseFdt(patched(FdtHeader.off_dt_struct, 0x10001), f), /structure block/);
  expectImageError(
    () => parseFdt(patched(FdtHeader.off_dt_strings, good.length + 8), f),
    /strings/,
  );
  expectImageError(() => parseFdt(patched(FdtHeader.off_mem_rsvmap, 41), f), /reservation/);
  expectImageError(() => parseFdt(patched(FdtHeader.size_dt_struct, 8), f), /without FDT_END/);
  expectImageError(
    () => parseFdt(handmade([...ROOT, 0x77, FDT_END_NODE, FDT_END], ""), f),
    /bad structure block token 0x77/,
  );
  expectImageError(
    () => parseFdt(handmade([...ROOT, FDT_PROP, 0, 99, FDT_END_NODE, FDT_END], "p\0"), f),
    /name offset 0x63 outside/,
  );
  expectImageError(
    () => parseFdt(handmade([...ROOT, FDT_PROP, 400, 0, FDT_END_NODE, FDT_END], "p\0"), f),
    /runs past/,
  );
  expectImageError(() => parseFdt(handmade([...ROOT, FDT_END], ""), f), /inside an open node/);
  expectImageError(() => parseFdt(handmade([FDT_END_NODE, FDT_END], ""), f), /unbalanced/);
  expectImageError(() => parseFdt(handmade([FDT_END], ""), f), /no root node/);
});

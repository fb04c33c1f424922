/**
 * The generated `virt` device tree against qemu-system-arm's: the committed QEMU dumps in
 * tests/fixtures (regenerate with tests/fixtures/qemu-virt-dtb.sh), through our reader and
 * through dtc's decompiler, and live QEMU dumps when qemu-system-arm is installed. Nodes and
 * properties tsemu omits are removed from QEMU's tree; everything else (names, values, order,
 * phandles) must be identical.
 */
import assert from "node:assert/strict";
import { Fdt, type FdtNode, serializeFdt } from "../../hw/core/fdt.ts";
import { parseFdt } from "../../hw/core/fdt-reader.ts";
import { haveTool } from "../support/tools.ts";
import {
  buildVirtDtb,
  buildVirtFdt,
  QEMU_VIRT_OMITTED_NODES,
  QEMU_VIRT_OMITTED_PROPS,
  type VirtFdtConfig,
} from "../../hw/arm/virt-fdt.ts";

const FIXTURES = new URL("../fixtures/", import.meta.url);

const HAVE_DTC = haveTool("dtc");
const HAVE_QEMU = haveTool("qemu-system-arm");

const A15 = { ramBase: 0x40000000, cpuCompatible: "arm,cortex-a15" };
/** Each committed fixture, the QEMU arguments that made it, and our matching configuration. */
const CASES: { fixture: string; qemuArgs: string[]; cfg: VirtFdtConfig; sizes?: number[] }[] = [
  {
    fixture: "qemu-virt-a15-256m.dtb",
    qemuArgs: ["-m", "256"],
    cfg: { ...A15, ramSize: 256 << 20, numCpus: 1 },
  },
  {
    fixture: "qemu-virt-a15-1g-initrd.dtb",
    qemuArgs: ["-m", "1024", "-append", "console=ttyAMA0 earlycon"],
    sizes: [5000, 100000], // -kernel and -initrd file sizes
    cfg: {
      ...A15,
      ramSize: 1 << 30,
      numCpus: 1,
      bootargs: "console=ttyAMA0 earlycon",
      initrd: { start: 0x48000000, end: 0x48000000 + 100000 },
    },
  },
  {
    fixture: "qemu-virt-a15-256m-smp2.dtb",
    qemuArgs: ["-m", "256", "-smp", "2"],
    cfg: { ...A15, ramSize: 256 << 20, numCpus: 2 },
  },
];

/** Generic tree shape shared by the blob reader and the DTS parser below. */
type Tree = { name: string; props: [string, string][]; children: Tree[] };

function fromFdt(n: FdtNode): Tree {
  return {
    name: n.name,
    props: n.properties.map((p) => [p.name, Array.from(p.value, (b) => b.toString(16)).join(",")]),
    children: n.children.map(fromFdt),
  };
}

/** Removes what tsemu does not model from a QEMU tree (in place) and returns it. */
function withoutOmitted(root: Tree): Tree {
  const find = (path: string): Tree | undefined =>
    path.split("/").filter(Boolean).reduce<Tree | undefined>(
      (n, part) => n?.children.find((c) => c.name === part),
      root,
    );
  for (const path of QEMU_VIRT_OMITTED_NODES) {
    const cut = path.lastIndexOf("/");
    const parent = find(path.slice(0, cut));
    const leaf = path.slice(cut + 1);
    if (!parent) continue;
    parent.children = parent.children.filter((c) =>
      leaf.endsWith("*") ? !c.name.startsWith(leaf.slice(0, -1)) : c.name !== leaf
    );
  }
  for (const path of QEMU_VIRT_OMITTED_PROPS) {
    const cut = path.lastIndexOf("/");
    const node = find(path.slice(0, cut));
    if (node) node.props = node.props.filter(([name]) => name !== path.slice(cut + 1));
  }
  return root;
}

/** A small parser for dtc's DTS output: one node opening, property or closing per line. */
function parseDts(text: string): Tree {
  const stack: Tree[] = [];
  let root: Tree | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("/dts-v1/") || line.startsWith("/memreserve/")) continue;
    const open = line.match(/^(\S*)\s*\{$/);
    if (open) {
      const node: Tree = { name: open[1] === "/" ? "" : open[1], props: [], children: [] };
      if (stack.length) stack[stack.length - 1].children.push(node);
      else root = node;
      stack.push(node);
    } else if (line === "};") {
      stack.pop();
    } else {
      const prop = line.match(/^([^\s=;]+)(?:\s*=\s*(.*))?;$/);
      assert.ok(prop && stack.length, `unexpected DTS line: ${raw}`);
      stack[stack.length - 1].props.push([prop[1], prop[2] ?? ""]);
    }
  }
  assert.ok(root, "no root node in DTS");
  return root;
}

async function dtcToTree(dtb: Uint8Array, dir: string, name: string): Promise<Tree> {
  const path = `${dir}/${name}`;
  await Deno.writeFile(path, dtb);
  const out = await new Deno.Command("dtc", {
    args: ["-q", "-I", "dtb", "-O", "dts", path],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return parseDts(new TextDecoder().decode(out.stdout));
}

Deno.test("virt fdt: the generated tree round-trips through writer and reader", () => {
  for (const { cfg } of CASES) {
    const tree = buildVirtFdt(cfg);
    const back = parseFdt(serializeFdt(new Fdt(tree)), "virt.dtb");
    assert.deepEqual(fromFdt(back.root), fromFdt(tree));
  }
});

Deno.test("virt fdt: key values as QEMU 7.2 writes them", () => {
  const root = parseFdt(buildVirtDtb(CASES[1].cfg)).root;
  assert.deepEqual(root.find("/memory@40000000")?.getCells("reg"), [0, 0x40000000, 0, 0x40000000]);
  assert.equal(root.find("/chosen")?.getU32("linux,initrd-start"), 0x48000000, "one cell");
  assert.equal(root.find("/chosen")?.getU32("linux,initrd-end"), 0x480186a0);
  assert.equal(root.find("/chosen")?.getString("stdout-path"), "/pl011@9000000");
  const gic = root.find("/intc@8000000")!;
  assert.equal(root.getU32("interrupt-parent"), gic.phandle);
  const clk = root.find("/apb-pclk")!.phandle;
  assert.deepEqual(root.find("/pl011@9000000")?.getCells("clocks"), [clk, clk]);
  assert.deepEqual(root.find("/pl011@9000000")?.getCells("interrupts"), [0, 1, 4]);
  assert.deepEqual(root.find("/timer")?.getCells("interrupts")?.slice(0, 3), [1, 13, 0x104]);
  assert.equal(
    parseFdt(buildVirtDtb(CASES[0].cfg)).root.find("/chosen")?.prop("bootargs"),
    undefined,
  );
  const smp2 = parseFdt(buildVirtDtb(CASES[2].cfg)).root;
  assert.deepEqual(smp2.find("/timer")?.getCells("interrupts")?.slice(0, 3), [1, 13, 0x304]);
  assert.equal(smp2.find("/cpus/cpu@1")?.getString("enable-method"), "psci");
  assert.throws(() => buildVirtFdt({ ...CASES[0].cfg, numCpus: 9 }));
});

Deno.test("virt fdt: equals the committed QEMU dumps, through our reader", () => {
  for (const { fixture, cfg } of CASES) {
    const qemu = parseFdt(Deno.readFileSync(new URL(fixture, FIXTURES)), fixture);
    const ours = parseFdt(buildVirtDtb(cfg));
    assert.deepEqual(fromFdt(ours.root), withoutOmitted(fromFdt(qemu.root)), fixture);
    assert.deepEqual(qemu.reservations, []);
  }
});

Deno.test({
  name: "virt fdt: equals the committed QEMU dumps, through dtc's decompiler",
  ignore: !HAVE_DTC,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      for (const { fixture, cfg } of CASES) {
        const qemu = await dtcToTree(Deno.readFileSync(new URL(fixture, FIXTURES)), dir, fixture);
        const ours = await dtcToTree(buildVirtDtb(cfg), dir, "ours.dtb");
        assert.deepEqual(ours, withoutOmitted(qemu), fixture);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "virt fdt: equals what the installed qemu-system-arm generates now",
  ignore: !HAVE_QEMU,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      for (const { fixture, qemuArgs, cfg, sizes } of CASES) {
        const args = ["-M", `virt,dumpdtb=${dir}/${fixture}`, "-cpu", "cortex-a15", "-nographic"];
        if (sizes) {
          await Deno.writeFile(`${dir}/kernel`, new Uint8Array(sizes[0]));
          await Deno.writeFile(`${dir}/initrd`, new Uint8Array(sizes[1]));
          args.push("-kernel", `${dir}/kernel`, "-initrd", `${dir}/initrd`);
        }
        const out = await new Deno.Command("qemu-system-arm", {
          args: [...args, ...qemuArgs],
          stdin: "null",
          stdout: "piped",
          stderr: "piped",
          signal: AbortSignal.timeout(30_000),
        }).output();
        assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
        // QEMU's own blob: 1 MiB with free space and NOPs left by its in-place edits.
        const qemu = parseFdt(await Deno.readFile(`${dir}/${fixture}`), fixture);
        const ours = parseFdt(buildVirtDtb(cfg));
        assert.deepEqual(fromFdt(ours.root), withoutOmitted(fromFdt(qemu.root)), fixture);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

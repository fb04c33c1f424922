/**
 * Boot planning against QEMU 7.2's choices. The addresses asserted here were read from
 * qemu-system-arm runs of the images in tests/fixtures/boot (see build.sh there); the last test
 * repeats those runs live when qemu-system-arm is installed.
 */
import assert from "node:assert/strict";
import { type BootPlan, bootStub, isZImage, planBoot } from "../../hw/arm/boot.ts";
import { buildVirtDtb } from "../../hw/arm/virt-fdt.ts";
import { Fdt, FdtNode, serializeFdt } from "../../hw/core/fdt.ts";
import { ImageError } from "../../hw/core/image-error.ts";
import { haveTool } from "../support/tools.ts";

const FIXTURES = new URL("../fixtures/boot/", import.meta.url);
const read = (name: string): Uint8Array => Deno.readFileSync(new URL(name, FIXTURES));
/** Raw image with a zImage header (linux-regs.S). */
const linuxBin = read("linux-regs.bin");
/** Thumb-entry ELF linked at 0x40100000 / at 0x40000000 (elf-regs.S). */
const elfHi = read("elf-hi.elf");
const elfLo = read("elf-lo.elf");

const RAM = 0x40000000;
const MiB = 1 << 20;

/** Plans with the real `virt` DTB and records what the DTB callback was told. */
function plan(
  kernel: Uint8Array,
  ramSize: number,
  initrd?: Uint8Array,
): { plan: BootPlan; dtbInfo: unknown[] } {
  const dtbInfo: unknown[] = [];
  const p = planBoot({
    ramBase: RAM,
    ramSize,
    kernel,
    kernelPath: "kernel.img",
    initrd,
    initrdPath: "initrd.img",
    dtb: (info) => {
      dtbInfo.push(info);
      return buildVirtDtb({
        ramBase: RAM,
        ramSize,
        cpuCompatible: "arm,cortex-a15",
        numCpus: 1,
        initrd: info.initrd,
      });
    },
  });
  return { plan: p, dtbInfo };
}

const where = (p: BootPlan): [string, number, number][] =>
  p.loads.map((l) => [l.what, l.addr, l.data.length]);

function expectImageError(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ImageError, `expected ImageError, got ${e}`);
    assert.match(e.message, re);
    return true;
  });
}

Deno.test("boot: zImage magic at 0x24 is recognised", () => {
  assert.ok(isZImage(linuxBin));
  const noMagic = linuxBin.slice();
  noMagic[0x24] ^= 1;
  assert.ok(!isZImage(noMagic));
  assert.ok(!isZImage(linuxBin.slice(0, 0x26)));
});

Deno.test("boot: Linux image, 256 MiB, no initrd", () => {
  const { plan: p, dtbInfo } = plan(linuxBin, 256 * MiB);
  assert.equal(p.isLinux, true);
  assert.equal(p.entry, 0x40010000);
  assert.equal(p.start, 0x40000000, "the CPU starts in the boot stub at the RAM base");
  assert.equal(p.thumb, false);
  assert.deepEqual(p.regs, { r0: 0, r1: 0xffffffff, r2: 0x48000000 });
  assert.equal(p.dtbAddr, 0x48000000);
  assert.deepEqual(dtbInfo, [{}]);
  const dtbLen = p.loads[2].data.length;
  assert.deepEqual(where(p), [
    ["bootloader", RAM, 28],
    ["zImage", 0x40010000, linuxBin.length],
    ["dtb", 0x48000000, dtbLen],
  ]);
  assert.deepEqual(
    Array.from(new Uint32Array(p.loads[0].data.slice().buffer)),
    [0xe3a00000, 0xe59f1004, 0xe59f2004, 0xe59ff004, 0xffffffff, 0x48000000, 0x40010000],
  );
  assert.equal(p.symbols, undefined);
});

Deno.test("boot: Linux image with a 100000-byte initrd, 256 MiB and 1 GiB", () => {
  for (const size of [256 * MiB, 1024 * MiB]) {
    const initrd = new Uint8Array(100000).fill(7);
    const { plan: p, dtbInfo } = plan(linuxBin, size, initrd);
    assert.deepEqual(dtbInfo, [{ initrd: { start: 0x48000000, end: 0x480186a0 } }]);
    assert.deepEqual(p.regs, { r0: 0, r1: 0xffffffff, r2: 0x48019000 });
    assert.deepEqual(where(p).slice(2, 4), [
      ["initrd", 0x48000000, 100000],
      ["dtb", 0x48019000, p.loads[3].data.length],
    ]);
    assert.deepEqual(p.loads[0].data, bootStub(0xffffffff, 0x48019000, 0x40010000));
  }
});

Deno.test("boot: initrd and DTB placement follow RAM size and kernel size", () => {
  assert.equal(plan(linuxBin, 1024 * MiB).plan.dtbAddr, 0x48000000, "capped at 128 MiB");
  assert.equal(plan(linuxBin, 1024 * MiB, new Uint8Array(4096)).plan.dtbAddr, 0x48001000);
  assert.equal(plan(linuxBin, 128 * MiB).plan.dtbAddr, 0x44000000, "half of small RAM");
  // A raw image reaching past RAM base + 128 MiB pushes the initrd up, page aligned.
  const big = new Uint8Array(130 * MiB + 1);
  const { dtbInfo } = plan(big, 256 * MiB, new Uint8Array(10));
  const start = 0x40010000 + 130 * MiB + 4096;
  assert.deepEqual(dtbInfo, [{ initrd: { start, end: start + 10 } }]);
  // An empty initrd is no initrd, as in QEMU.
  assert.deepEqual(plan(linuxBin, 256 * MiB, new Uint8Array(0)).dtbInfo, [{}]);
  const raw = linuxBin.slice();
  raw[0x24] = 0;
  assert.equal(plan(raw, 256 * MiB).plan.loads[1].what, "kernel Image");
});

Deno.test("boot: ELF kernel is bare metal, DTB at the RAM base below it", () => {
  const { plan: p, dtbInfo } = plan(elfHi, 256 * MiB, new Uint8Array(100));
  assert.equal(p.isLinux, false);
  assert.equal(p.entry, 0x40100000);
  assert.equal(p.thumb, true);
  assert.deepEqual(p.regs, { r0: 0, r1: 0, r2: 0 });
  assert.deepEqual(dtbInfo, [{}], "QEMU ignores -initrd for ELF images");
  assert.equal(p.dtbAddr, RAM);
  assert.deepEqual(where(p), [
    ["ELF segment 0", 0x40100000, 0x34],
    ["ELF segment 1", 0x40101000, 0x200],
    ["dtb", RAM, p.loads[2].data.length],
  ]);
  const seg1 = p.loads[1].data;
  assert.deepEqual(Array.from(seg1.subarray(0, 4)), [0x78, 0x56, 0x34, 0x12]);
  assert.ok(seg1.subarray(4).every((b) => b === 0), ".bss is zero");
  assert.equal(p.symbols?.get(0x40100000), "_start");
});

Deno.test("boot: ELF at the RAM base gets the DTB at address 0; no room means no DTB", () => {
  const lo = plan(elfLo, 256 * MiB).plan;
  assert.equal(lo.dtbAddr, 0);
  assert.deepEqual(where(lo).at(-1)?.slice(0, 2), ["dtb", 0]);
  // Move the ELF's first segment to RAM base + 0x100: the DTB does not fit below it.
  const moved = elfHi.slice();
  new DataView(moved.buffer).setUint32(52 + 12, RAM + 0x100, true); // p_paddr of phdr 0
  const p = plan(moved, 256 * MiB).plan;
  assert.equal(p.dtbAddr, null);
  assert.ok(!p.loads.some((l) => l.what === "dtb"));
});

Deno.test("boot: images that do not fit in RAM raise ImageError naming the file", () => {
  expectImageError(
    () => plan(new Uint8Array(MiB), MiB),
    /^kernel\.img: kernel image too large for RAM \(1048576 bytes, 983040 available\)$/,
  );
  expectImageError(
    () => plan(linuxBin, 128 * MiB, new Uint8Array(64 * MiB + 1)),
    /^initrd\.img: initrd too large for RAM \(67108865 bytes, 67108864 available/,
  );
  const bigDtb = serializeFdt(new Fdt(new FdtNode("").setProp("pad", new Uint8Array(64 << 10))));
  expectImageError(
    () =>
      planBoot({
        ramBase: RAM,
        ramSize: 128 << 10,
        kernel: linuxBin,
        kernelPath: "k",
        dtb: () => bigDtb,
        dtbPath: "board.dtb",
      }),
    /^board\.dtb: device tree too large for RAM \(\d+ bytes, 61440 available/,
  );
  expectImageError(
    () => plan(elfHi, MiB),
    /^kernel\.img: ELF segment 0 at 0x40100000 .*outside RAM/,
  );
});

Deno.test("boot: malformed images raise ImageError", () => {
  expectImageError(() => plan(elfHi.slice(0, 100), 256 * MiB), /^kernel\.img: ELF program headers/);
  const wrongMachine = elfHi.slice();
  wrongMachine[18] = 62; // EM_X86_64
  expectImageError(() => plan(wrongMachine, 256 * MiB), /^kernel\.img: ELF machine 62 is not ARM/);
  const uimage = new Uint8Array([0x27, 0x05, 0x19, 0x56, 0, 0, 0, 0]);
  expectImageError(() => plan(uimage, 256 * MiB), /^kernel\.img: U-Boot uImage/);
  expectImageError(() => plan(new Uint8Array(0), 256 * MiB), /kernel image is empty/);
  const base = { ramBase: RAM, ramSize: 256 * MiB, kernelPath: "k", dtbPath: "bad.dtb" };
  const garbage = new Uint8Array(64).fill(0xee);
  expectImageError(
    () => planBoot({ ...base, kernel: linuxBin, dtb: () => garbage }),
    /^bad\.dtb: not a device tree blob: bad magic 0xeeeeeeee/,
  );
  expectImageError(
    () => planBoot({ ...base, kernel: elfHi, dtb: () => garbage }),
    /^bad\.dtb: .*bad magic/,
  );
});

function hasQemu(): boolean {
  return haveTool("qemu-system-arm");
}

/** Runs `kernel` on qemu-system-arm; returns registers at the first and last logged insn. */
async function qemuRegs(
  dir: string,
  args: string[],
): Promise<{ first: Map<string, number>; last: Map<string, number>; firstThumb: boolean }> {
  const log = `${dir}/exec.log`;
  const out = await new Deno.Command("qemu-system-arm", {
    args: ["-M", "virt", "-cpu", "cortex-a15", "-nographic", "-singlestep", "-d", "cpu,nochain"]
      .concat(["-D", log, ...args]),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  const dumps = (await Deno.readTextFile(log)).split(/(?=^R00=)/m).filter((d) =>
    d.startsWith("R00")
  );
  const regs = (d: string) =>
    new Map(
      [...d.matchAll(/R(\d\d)=([0-9a-f]{8})/g)].map((m) => [`r${+m[1]}`, parseInt(m[2], 16)]),
    );
  return {
    first: regs(dumps[0]),
    last: regs(dumps[dumps.length - 1]),
    firstThumb: / T (usr|svc|sys|hyp)/.test(dumps[0]),
  };
}

Deno.test({
  name: "boot: plans match qemu-system-arm runs of the fixture images",
  ignore: !hasQemu(),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const dtbMagicLe = 0xedfe0dd0;
    try {
      const k = new URL("linux-regs.bin", FIXTURES).pathname;
      await Deno.writeFile(`${dir}/initrd`, new Uint8Array(100000));
      for (const [mib, withInitrd] of [[256, true], [1024, false]] as const) {
        const args = ["-m", String(mib), "-kernel", k];
        if (withInitrd) args.push("-initrd", `${dir}/initrd`);
        const { first, last } = await qemuRegs(dir, args);
        const p = plan(linuxBin, mib * MiB, withInitrd ? new Uint8Array(100000) : undefined).plan;
        assert.equal(first.get("r15"), p.start, "QEMU starts in its boot stub");
        const stub = new DataView(p.loads[0].data.buffer);
        for (let i = 0; i < 7; i++) {
          assert.equal(last.get(`r${i + 1}`), stub.getUint32(i * 4, true));
        }
        assert.deepEqual([last.get("r9"), last.get("r10"), last.get("r11")], [
          p.regs.r0,
          p.regs.r1,
          p.regs.r2,
        ]);
        assert.equal(last.get("r8"), dtbMagicLe, "a DTB at r2");
      }
      for (const [name, bytes] of [["elf-hi.elf", elfHi], ["elf-lo.elf", elfLo]] as const) {
        const { first, last, firstThumb } = await qemuRegs(dir, [
          "-m",
          "256",
          "-kernel",
          new URL(name, FIXTURES).pathname,
        ]);
        const p = plan(bytes, 256 * MiB).plan;
        assert.equal(first.get("r15"), p.entry, name);
        assert.equal(p.start, p.entry, name);
        assert.equal(firstThumb, p.thumb, name);
        assert.deepEqual([last.get("r9"), last.get("r10"), last.get("r11")], [0, 0, 0]);
        // r8 = word at the RAM base, r7 = word at address 0: the DTB is where the plan says.
        assert.equal(p.dtbAddr === RAM ? last.get("r8") : last.get("r7"), dtbMagicLe, name);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

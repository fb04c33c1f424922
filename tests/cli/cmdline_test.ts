/**
 * The command line as a user meets it: every bad input gives one line naming the option or
 * file and the reason, exit status 1, no stack trace, and nothing overwritten.
 */
import assert from "node:assert/strict";
import { parseFdt } from "../../hw/core/fdt-reader.ts";
import { parseCpuOption } from "../../system/main.ts";

const MOD = new URL("../../mod.ts", import.meta.url).pathname;
const DEMO = new URL("../guest/bin/demo.elf", import.meta.url).pathname;

async function tsemu(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MOD, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: r.code, out: dec.decode(r.stdout), err: dec.decode(r.stderr) };
}

/** Asserts a one-line error matching `re` and exit status 1. */
async function rejects(re: RegExp, ...args: string[]): Promise<void> {
  const r = await tsemu(...args);
  assert.equal(r.code, 1, `exit status for ${args.join(" ")}: ${r.err}`);
  const lines = r.err.trimEnd().split("\n");
  assert.equal(lines.length, 1, `one line of error, got:\n${r.err}`);
  assert.match(lines[0], /^tsemu: /);
  assert.match(lines[0], re);
  assert.doesNotMatch(r.err, /\bat .*\.ts:\d+/, "no stack trace");
}

const tmp = Deno.makeTempDirSync({ prefix: "tsemu-cli-" });

Deno.test("unknown option and missing argument", async () => {
  await rejects(/-foo: invalid option/, "-foo");
  await rejects(/-kernel: requires an argument/, "-kernel");
  await rejects(/stray: unexpected argument/, "stray");
});

Deno.test("missing or unreadable files name the option and the file", async () => {
  await rejects(/-kernel \/nonexistent\/k: No such file or directory/, "-kernel", "/nonexistent/k");
  await rejects(
    /-initrd \/nonexistent\/i: No such file/,
    "-kernel",
    DEMO,
    "-initrd",
    "/nonexistent/i",
  );
  await rejects(/-dtb \/nonexistent\/d: No such file/, "-kernel", DEMO, "-dtb", "/nonexistent/d");
  await rejects(/-kernel .*: is a directory/, "-kernel", tmp);
});

Deno.test("bad sizes, machines, CPUs, SMP, logs and serial specs", async () => {
  await rejects(/-m abc: invalid RAM size/, "-m", "abc");
  await rejects(/-m 0: RAM size too small/, "-m", "0");
  await rejects(/-m 4G: RAM size too large/, "-m", "4G");
  await rejects(/-machine foo: unsupported machine type/, "-M", "foo");
  await rejects(/-cpu cortex-a9: unable to find CPU model/, "-cpu", "cortex-a9");
  await rejects(/-cpu cortex-a15,vfp=off: property 'vfp' not found/, "-cpu", "cortex-a15,vfp=off");
  await rejects(/neon: 'maybe' is not a boolean/, "-cpu", "cortex-a15,neon=maybe");
  await rejects(/-smp 2: only 1 CPU is supported/, "-smp", "2");
  await rejects(/-d: unknown log item 'bogus'/, "-d", "in_asm,bogus");
  await rejects(/-serial tcp:1: unsupported character device/, "-serial", "tcp:1");
  await rejects(/-icount shift=x: shift must be/, "-icount", "shift=x");
});

Deno.test("kernel or initrd too large for RAM, malformed ELF and DTB", async () => {
  const big = `${tmp}/big.bin`;
  Deno.writeFileSync(big, new Uint8Array(3 << 20));
  await rejects(/big\.bin: .*too large/, "-m", "2M", "-kernel", big);
  const elf = `${tmp}/bad.elf`;
  Deno.writeFileSync(elf, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0]));
  await rejects(/bad\.elf: /, "-kernel", elf);
  const dtb = `${tmp}/bad.dtb`;
  Deno.writeFileSync(dtb, new TextEncoder().encode("not a device tree"));
  await rejects(/bad\.dtb: .*magic/, "-kernel", DEMO, "-dtb", dtb);
});

Deno.test("dumpdtb writes a valid tree and never overwrites a file", async () => {
  const out = `${tmp}/virt.dtb`;
  const r = await tsemu("-M", `virt,dumpdtb=${out}`, "-m", "256");
  assert.equal(r.code, 0, r.err);
  const fdt = parseFdt(Deno.readFileSync(out), out);
  assert.ok(fdt.root.find("/memory@40000000"));
  const keep = `${tmp}/keep.txt`;
  Deno.writeTextFileSync(keep, "precious");
  await rejects(/dumpdtb=.*keep\.txt: file exists/, "-M", `virt,dumpdtb=${keep}`);
  assert.equal(Deno.readTextFileSync(keep), "precious");
});

Deno.test("dtb-randomness: seeds by default, none with =off (QEMU's spelling and errors)", async () => {
  const seeded = `${tmp}/seeded.dtb`, plain = `${tmp}/plain.dtb`;
  assert.equal((await tsemu("-M", `virt,dumpdtb=${seeded}`)).code, 0);
  assert.equal((await tsemu("-M", "virt,dtb-randomness=off", "-M", `dumpdtb=${plain}`)).code, 0);
  const chosen = (f: string) => parseFdt(Deno.readFileSync(f), f).root.find("/chosen")!;
  assert.equal(chosen(seeded).prop("rng-seed")?.length, 32);
  assert.equal(chosen(seeded).prop("kaslr-seed")?.length, 8);
  assert.equal(chosen(plain).prop("rng-seed"), undefined);
  assert.equal(chosen(plain).prop("kaslr-seed"), undefined);
  assert.equal(Deno.statSync(plain).size, 1 << 20, "QEMU's whole 1 MiB blob");
  await rejects(/Parameter 'dtb-randomness' expects 'on' or 'off'/, "-M", "virt,dtb-randomness=2");
  await rejects(/Expected '=' after parameter 'dtb-randomness'/, "-M", "virt,dtb-randomness");
  await rejects(/unknown property 'dtb-kaslr'/, "-M", "virt,dtb-kaslr=off");
});

Deno.test("-version, -h, -M help, -cpu help, -d help", async () => {
  assert.match((await tsemu("-version")).out, /^tsemu version \d+\.\d+\.\d+/);
  assert.match((await tsemu("-h")).out, /^usage: tsemu/);
  assert.match((await tsemu("-M", "help")).out, /^virt\s+QEMU 7\.2 ARM Virtual Machine/m);
  assert.match((await tsemu("-cpu", "help")).out, /cortex-a15/);
  assert.match((await tsemu("-d", "help")).out, /^guest_errors\s/m);
});

Deno.test("the demo guest prints through the UART and powers off with status 0", async () => {
  const r = await tsemu("-nographic");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Hello from tsemu's demo guest/);
  assert.match(r.out, /DONE\n$/);
});

Deno.test("the embedded demo image is the built tests/guest/bin/demo.elf", async () => {
  const { DEMO_IMAGE } = await import("../../system/demo-image.ts");
  assert.deepEqual(DEMO_IMAGE, Deno.readFileSync(DEMO));
});

Deno.test("-cpu cortex-a15 has Advanced SIMD unless neon=off, as in QEMU", () => {
  assert.deepEqual(parseCpuOption("cortex-a15"), { neon: true });
  assert.deepEqual(parseCpuOption("cortex-a15,neon=off"), { neon: false });
  assert.deepEqual(parseCpuOption("cortex-a15,neon=on"), { neon: true });
  assert.deepEqual(parseCpuOption("cortex-a15,neon"), { neon: true });
});

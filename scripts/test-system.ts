/**
 * The system test suite: installs the reference tools with apt-get when they are missing
 * (qemu-system-arm, dtc, the ARM binutils) and runs the tests that compare tsemu with them,
 * with TSEMU_REQUIRE_TOOLS=1 so that a missing tool fails instead of skipping.
 *
 * Usage: deno task test-system
 */

const TOOLS: Record<string, string> = {
  "qemu-system-arm": "qemu-system-arm",
  dtc: "device-tree-compiler",
  "arm-none-eabi-as": "binutils-arm-none-eabi",
  gcc: "gcc",
  cpio: "cpio",
  chromium: "chromium",
};

function has(cmd: string): boolean {
  try {
    return new Deno.Command("sh", { args: ["-c", `command -v ${cmd}`], stdout: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}

async function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const p = new Deno.Command(cmd, { args, env, stdout: "inherit", stderr: "inherit" }).spawn();
  return (await p.status).code;
}

const missing = Object.entries(TOOLS).filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg);
if (missing.length) {
  console.log(`installing ${missing.join(" ")} with apt-get`);
  const sudo = Deno.uid?.() === 0 ? [] : ["sudo"];
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  const apt = sudo.length ? "sudo" : "apt-get";
  const pre = sudo.length ? ["apt-get"] : [];
  if (await run(apt, [...pre, "update", "-qq"], env) !== 0) {
    console.error("test-system: apt-get update failed");
    Deno.exit(1);
  }
  if (await run(apt, [...pre, "install", "-y", "-qq", ...missing], env) !== 0) {
    console.error(`test-system: apt-get install ${missing.join(" ")} failed`);
    Deno.exit(1);
  }
}

const files = [
  "tests/hw/virt_fdt_test.ts",
  "tests/hw/boot_test.ts",
  "tests/hw/fdt_test.ts",
  "tests/guest/recordings_test.ts",
  "tests/scripts/difftrace_test.ts",
  "tests/scripts/cpio_test.ts",
  "tests/plugins/qemu_insn_test.ts",
  "tests/contrib/hwprofile_html_test.ts",
  "tests/bench/guests_test.ts",
  "tests/bench/qemu_plugins_test.ts",
  "tests/linux/linux_e2e_test.ts",
];
const deno = Deno.execPath();
Deno.exit(
  await run(deno, ["test", "-A", ...files], { TSEMU_REQUIRE_TOOLS: "1" }),
);

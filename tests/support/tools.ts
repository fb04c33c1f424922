/**
 * Reference tools for tests (qemu-system-arm, dtc, arm-none-eabi binutils). A test that needs
 * one is skipped when it is missing, unless TSEMU_REQUIRE_TOOLS=1 (the system suite), where
 * a missing tool is an error.
 */

/** True if `cmd` can be run; throws when it is missing and tools are required. */
export function haveTool(cmd: string): boolean {
  let ok = false;
  try {
    ok = new Deno.Command(cmd, { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    ok = false;
  }
  if (!ok && Deno.env.get("TSEMU_REQUIRE_TOOLS") === "1") {
    throw new Error(`${cmd} is required by the system suite but is not installed`);
  }
  return ok;
}

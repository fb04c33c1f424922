/**
 * The hwprofile HTML report in a real browser: Debian's chromium, headless, renders the
 * report of the contrib_hwprofile guest without console errors, with a timeline chart and a
 * heat map per device. Skipped when chromium is not installed (the system suite installs it:
 * `apt-get install -y chromium`).
 */

import assert from "node:assert/strict";
import { haveTool } from "../support/tools.ts";
import { runWithPlugin } from "./harness.ts";

const DEVICES = ["pl011", "pl031", "gic_dist", "gic_cpu"];

/** Runs headless chromium on `url` with `extra` arguments; returns its stdout and stderr. */
async function chromium(
  profile: string,
  url: string,
  extra: string[],
): Promise<{ stdout: string; stderr: string }> {
  const out = await new Deno.Command("chromium", {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      "--enable-logging=stderr",
      "--v=0",
      ...extra,
      url,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(120_000),
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.ok(out.success, `chromium failed:\n${stderr.slice(-2000)}`);
  return { stdout: new TextDecoder().decode(out.stdout), stderr };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "a PNG file");
  const dv = new DataView(png.buffer, png.byteOffset);
  return [dv.getUint32(16), dv.getUint32(20)];
}

Deno.test({
  name: "hwprofile html: chromium renders an SVG chart and heat map per device",
  ignore: !haveTool("chromium"),
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "tsemu-hwprofile-html-" });
    try {
      const report = `${dir}/report.html`;
      await runWithPlugin("contrib_hwprofile", "hwprofile", { html: report });
      const url = `file://${report}`;

      const dom = await chromium(`${dir}/profile1`, url, ["--dump-dom"]);
      for (const name of DEVICES) {
        const section = dom.stdout.match(
          new RegExp(`<section class="device" id="dev-${name}">[\\s\\S]*?</section>`),
        );
        assert.ok(section, `a section for ${name}`);
        const timeline = section[0].match(/<svg class="timeline"[\s\S]*?<\/svg>/);
        assert.ok(timeline, `${name}: timeline chart`);
        assert.equal(timeline[0].match(/<polyline /g)?.length, 2, `${name}: reads and writes`);
        const heat = section[0].match(/<svg class="heatmap"[\s\S]*?<\/svg>/);
        assert.ok(heat && /<rect /.test(heat[0]), `${name}: heat map cells`);
      }
      assert.doesNotMatch(dom.stderr, /CONSOLE|Uncaught/, "no console messages");

      const png = `${dir}/shot.png`;
      const shot = await chromium(`${dir}/profile2`, url, [
        `--screenshot=${png}`,
        "--window-size=1200,2000",
      ]);
      assert.doesNotMatch(shot.stderr, /CONSOLE|Uncaught/);
      const bytes = Deno.readFileSync(png);
      assert.deepEqual(pngSize(bytes), [1200, 2000]);
      assert.ok(bytes.length > 20_000, `a screenshot with content (${bytes.length} bytes)`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

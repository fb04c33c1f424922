/**
 * GICv2m MSI frame as QEMU's hw/intc/arm_gicv2m.c with `virt`'s base SPI 48 and 64 SPIs:
 * MSI_TYPER, MSI_IIDR, zero ID registers, 32-bit-only reads, SETSPI_NS pulses.
 */
import assert from "node:assert/strict";
import { MemoryRegion } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import {
  ArmGicV2m,
  V2M_MSI_IIDR,
  V2M_MSI_SETSPI_NS,
  V2M_MSI_TYPER,
} from "../../hw/intc/arm_gicv2m.ts";
import { Log } from "../../util/log.ts";

function setup() {
  const log = new Log();
  const lines: string[] = [];
  log.setSink((t) => lines.push(t));
  log.enable("guest_errors");
  const v2m = new ArmGicV2m({ baseSpi: 48, numSpi: 64, log });
  const pulses: string[] = [];
  v2m.spi.forEach((l, i) => l.connect((v) => pulses.push(`${i}:${+v}`)));
  pulses.length = 0;
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  root.addSubregion(0x08020000, v2m.mmio);
  const as = new AddressSpace("memory", root, log);
  const r = (off: number, size = 4) => as.read(0x08020000 + off, size);
  const w = (off: number, v: number, size = 4) => as.write(0x08020000 + off, v, size);
  return { v2m, r, w, lines, pulses };
}

Deno.test("gicv2m: MSI_TYPER = first interrupt ID 80 and 64 SPIs; IIDR product 'Q'", () => {
  const { r, lines } = setup();
  assert.equal(r(V2M_MSI_TYPER), 0x00500040);
  assert.equal(r(V2M_MSI_IIDR), 0x05100000);
  assert.equal(r(0xfe8), 0, "MSI_PIDR2");
  assert.equal(r(0xff0), 0);
  assert.equal(r(V2M_MSI_TYPER, 1), 0, "bad size");
  assert.equal(r(0), 0);
  assert.equal(r(V2M_MSI_SETSPI_NS), 0);
  assert.deepEqual(lines.map((l) => l.trim()), [
    "gicv2m_read: bad size 1",
    "gicv2m_read: Bad offset 0x0",
    "gicv2m_read: Bad offset 0x40",
  ]);
});

Deno.test("gicv2m: SETSPI_NS pulses the SPI of the written ID (16/32-bit writes, 10 bits)", () => {
  const { w, pulses } = setup();
  w(V2M_MSI_SETSPI_NS, 80);
  w(V2M_MSI_SETSPI_NS, 0x400 + 81);
  w(V2M_MSI_SETSPI_NS, 143, 2);
  w(V2M_MSI_SETSPI_NS, 79);
  w(V2M_MSI_SETSPI_NS, 144);
  w(V2M_MSI_SETSPI_NS, 95, 1);
  assert.deepEqual(pulses, ["0:1", "0:0", "1:1", "1:0", "63:1", "63:0"]);
});

Deno.test("gicv2m: the frame's limits as QEMU checks them", () => {
  assert.throws(() => new ArmGicV2m({ baseSpi: 0, numSpi: 129 }), /maximum 128/);
  assert.throws(() => new ArmGicV2m({ baseSpi: 900, numSpi: 100 }), /1020/);
});

/**
 * fw_cfg as QEMU's hw/nvram/fw_cfg.c presents it on `virt` (MMIO: data at +0, selector at +8,
 * DMA at +0x10, all big-endian registers), with the items and file directory QEMU 7.2 has for a
 * direct kernel boot, and the SMBIOS tables compared with QEMU's bytes.
 */
import assert from "node:assert/strict";
import { MemoryRegion, MemTx } from "../../softmmu/memory-region.ts";
import { AddressSpace } from "../../softmmu/address-space.ts";
import {
  FW_CFG_FILE_DIR,
  FW_CFG_ID,
  FW_CFG_NB_CPUS,
  FW_CFG_NOGRAPHIC,
  FwCfg,
  FwCfgMmio,
} from "../../hw/nvram/fw_cfg.ts";
import { createVirtFwCfg } from "../../hw/arm/virt-fw-cfg.ts";
import { smbiosEntryPoint30, smbiosTables } from "../../hw/smbios/smbios.ts";

const BASE = 0x09020000;
const RAM = 0x40000000;

function setup(fw?: FwCfg) {
  const root = MemoryRegion.container("system", 0x1_0000_0000);
  const ram = MemoryRegion.ram("ram", 0x10000);
  root.addSubregion(RAM, ram);
  const as = new AddressSpace("memory", root);
  const dev = fw ?? createVirtFwCfg({
    numCpus: 1,
    ramSize: 256 << 20,
    nographic: true,
    dma: {
      read: (addr, len) => {
        const b = as.readBytes(Number(addr), len);
        return as.txResult === MemTx.OK ? b : null;
      },
      write: (addr, data) => {
        as.writeBytes(Number(addr), data);
        return as.txResult === MemTx.OK;
      },
    },
  });
  root.addSubregion(BASE + FwCfgMmio.data, dev.data);
  root.addSubregion(BASE + FwCfgMmio.ctl, dev.ctl);
  root.addSubregion(BASE + FwCfgMmio.dma, dev.dma);
  dev.reset();
  const select = (key: number) => as.write(BASE + 8, ((key & 0xff) << 8) | (key >> 8), 2);
  const bytes = (n: number) => Array.from({ length: n }, () => as.read(BASE, 1));
  return { fw: dev, as, ram, select, bytes };
}

const be = (b: number[]) => b.reduce((v, x) => v * 256 + x, 0);

Deno.test("fw_cfg: signature, ID with the DMA bit, little-endian numbers; data in memory order", () => {
  const { as, select, bytes } = setup();
  assert.equal(new TextDecoder().decode(Uint8Array.from(bytes(4))), "QEMU", "selected at reset");
  select(0);
  assert.equal(as.read(BASE, 4), 0x554d4551, "4 bytes at once, in memory order");
  assert.equal(as.read(BASE, 2), 0, "past the end: zero");
  select(FW_CFG_ID);
  assert.deepEqual(bytes(4), [3, 0, 0, 0]);
  select(FW_CFG_NB_CPUS);
  assert.deepEqual(bytes(2), [1, 0]);
  select(FW_CFG_NOGRAPHIC);
  assert.deepEqual(bytes(2), [1, 0]);
  select(0x40);
  assert.equal(as.read(BASE, 4), 0, "past the last file slot: invalid");
  select(3);
  assert.equal(as.read(BASE, 4), 0, "RAM size: absent on virt");
});

Deno.test("fw_cfg: what the bus rejects (QEMU's accepts callbacks) is a decode error", () => {
  const { as } = setup();
  as.read(BASE + 4, 4);
  assert.equal(as.txResult, MemTx.DECODE_ERROR, "data register only at offset 0");
  as.read(BASE + 8, 2);
  assert.equal(as.txResult, MemTx.DECODE_ERROR, "selector is write-only");
  as.write(BASE + 8, 1, 1);
  assert.equal(as.txResult, MemTx.DECODE_ERROR, "selector writes are 16-bit");
  as.write(BASE + 0x12, 1, 2);
  assert.equal(as.txResult, MemTx.DECODE_ERROR, "DMA writes are 32-bit halves");
  as.read(BASE + 0x18, 4);
  assert.equal(as.txResult, MemTx.DECODE_ERROR, "nothing past the DMA register");
});

Deno.test("fw_cfg: QEMU 7.2's file directory for virt, sorted by name", () => {
  const { select, bytes } = setup();
  select(FW_CFG_FILE_DIR);
  const count = be(bytes(4));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const size = be(bytes(4)), sel = be(bytes(2));
    bytes(2);
    const name = new TextDecoder().decode(Uint8Array.from(bytes(56))).replace(/\0+$/, "");
    files.push(`${size.toString(16)} ${sel.toString(16)} ${name}`);
  }
  assert.deepEqual(files, [
    "0 20 bios-geometry",
    "0 21 bootorder",
    "24 22 etc/acpi/rsdp",
    "20000 23 etc/acpi/tables",
    "4 24 etc/boot-fail-wait",
    "18 25 etc/smbios/smbios-anchor",
    "10a 26 etc/smbios/smbios-tables",
    "c00 27 etc/table-loader",
    "0 28 etc/tpm/log",
  ]);
  select(0x24);
  assert.deepEqual(bytes(4), [0xff, 0xff, 0xff, 0xff], "boot-fail-wait: -1");
  select(0x22);
  assert.equal(new TextDecoder().decode(Uint8Array.from(bytes(16))), "RSD PTR \0BOCHS \u0002");
});

Deno.test("fw_cfg: a new file moves the later ones up; replacing keeps the number", () => {
  const fw = new FwCfg();
  fw.setFile("b", Uint8Array.of(1)).setFile("a", Uint8Array.of(2)).setFile("c", Uint8Array.of(3));
  assert.deepEqual(fw.fileNames, ["a", "b", "c"]);
  assert.deepEqual([...fw.item(0x21)!], [1]);
  fw.setFile("b", Uint8Array.of(9, 9));
  assert.deepEqual([...fw.item(0x21)!], [9, 9]);
  assert.equal(fw.item(FW_CFG_ID)![0], 1, "no DMA bit without DMA");
  assert.throws(() => fw.setFile("x".repeat(56), new Uint8Array()), /too long/);
});

Deno.test("fw_cfg: DMA signature and transfers (select+read, skip, write error)", () => {
  const { as, ram, bytes } = setup();
  assert.equal(as.read(BASE + 0x10, 4), 0x554d4551, '"QEMU"');
  assert.equal(as.read(BASE + 0x14, 4), 0x47464320, '" CFG"');
  assert.equal(as.read(BASE + 0x13, 1), 0x55);
  const access = (control: number, length: number, address: number) => {
    const dv = new DataView(ram.ram!.buffer);
    dv.setUint32(0x100, control);
    dv.setUint32(0x104, length);
    dv.setBigUint64(0x108, BigInt(address));
    as.write(BASE + 0x10, 0, 4);
    as.write(BASE + 0x14, 0x00010040, 4); // 0x40000100 big-endian
    return dv.getUint32(0x100);
  };
  ram.ram!.fill(0xaa, 0x200, 0x210);
  assert.equal(access((FW_CFG_FILE_DIR << 16) | 0x0a, 10, RAM + 0x200), 0);
  assert.deepEqual([...ram.ram!.subarray(0x200, 0x20c)], [
    0,
    0,
    0,
    9,
    0,
    0,
    0,
    0,
    0,
    0x20,
    0xaa,
    0xaa,
  ]);
  assert.equal(access(0x04, 2, 0), 0, "skip");
  assert.deepEqual(bytes(2), [0x62, 0x69], '"bi" of bios-geometry');
  assert.equal(access((FW_CFG_ID << 16) | 0x18, 4, RAM + 0x200), 1, "items are read-only");
  assert.equal(access(0, 4, RAM + 0x200), 0, "no operation");
  assert.equal(access((FW_CFG_ID << 16) | 0x0a, 4, 0x20000000), 1, "unassigned target");
});

/** QEMU 7.2's etc/smbios/smbios-tables for virt, one CPU, 256 MiB (recorded). */
const QEMU_SMBIOS_256M =
  "011b0001010203000000000000000000000000000000000006000051454d550051454d55205669727475616c" +
  "204d616368696e6500766972742d372e3200000316000301010200000303030200000000000000000051454d" +
  "5500766972742d372e3200000430000401030102000000000000000003000000d007d0074101ffffffffffff" +
  "0000000101010200010001000100010043505520300051454d5500766972742d372e32000010170010010306" +
  "00000400feff010000000000000000000000112800110010feffffffffff0001090001000702000000020000" +
  "000000000000000000000000000044494d4d20300051454d550000200b00200000000000000000007f04007f" +
  "0000";
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

Deno.test("smbios: the tables and entry point QEMU 7.2 gives virt", () => {
  assert.equal(
    hex(smbiosTables({ version: "virt-7.2", ramSize: 256 << 20, numCpus: 1 })),
    QEMU_SMBIOS_256M,
  );
  // 1 GiB: memory array capacity 0x100000 KiB, DIMM 0x400 MiB (recorded from QEMU -m 1024).
  const g = hex(smbiosTables({ version: "virt-7.2", ramSize: 1 << 30, numCpus: 1 }));
  assert.equal(
    g,
    QEMU_SMBIOS_256M.replace("00000400feff", "00001000feff").replace(
      "ffff0001090001",
      "ffff0004090001",
    ),
  );
  // Two CPUs: one socket of two cores (recorded from QEMU -smp 2).
  const two = hex(smbiosTables({ version: "virt-7.2", ramSize: 256 << 20, numCpus: 2 }));
  assert.equal(
    two,
    QEMU_SMBIOS_256M.replace(
      "0000000101010200010001000100010043505520",
      "0000000202020200010002000200020043505520",
    ),
  );
  assert.equal(
    hex(smbiosEntryPoint30(266)),
    "5f534d335f0018030000010" + "00a010000" + "0".repeat(16),
  );
});

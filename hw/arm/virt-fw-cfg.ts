/**
 * What QEMU 7.2's `virt` board puts in fw_cfg for a direct kernel boot (no firmware): the
 * common items of fw_cfg_common_realize, the CPU count from create_fw_cfg, the ACPI and SMBIOS
 * files from virt_acpi_setup and virt_build_smbios, and the empty `bootorder` and
 * `bios-geometry` files fw_cfg's reset handler adds. The directory (names, sizes, item numbers)
 * is QEMU's; `etc/acpi/tables` and `etc/table-loader` have QEMU's sizes but zero contents
 * (tsemu does not generate ACPI tables; nothing it boots reads them).
 *
 * @module
 */

import {
  FW_CFG_BOOT_MENU,
  FW_CFG_NB_CPUS,
  FW_CFG_NOGRAPHIC,
  FW_CFG_UUID,
  FwCfg,
  type FwCfgDma,
  fwCfgLE,
} from "../nvram/fw_cfg.ts";
import { smbiosEntryPoint30, smbiosTables } from "../smbios/smbios.ts";

/** Size of QEMU's ACPI table blob (padded to ACPI_BUILD_TABLE_SIZE). */
export const VIRT_ACPI_TABLES_SIZE = 0x20000;
/** Size of QEMU's ACPI linker/loader script for `virt` (24 commands of 128 bytes). */
export const VIRT_ACPI_LOADER_SIZE = 0xc00;
/** Offset of the XSDT in QEMU's table blob for one CPU (the RSDP points there). */
const VIRT_XSDT_OFFSET_1CPU = 0x182f;

const encoder = new TextEncoder();

/** The ACPI 2.0 RSDP QEMU builds: OEM "BOCHS ", XSDT address relative to the table blob. */
export function virtAcpiRsdp(xsdtOffset = VIRT_XSDT_OFFSET_1CPU): Uint8Array {
  const out = new Uint8Array(36);
  const dv = new DataView(out.buffer);
  out.set(encoder.encode("RSD PTR "), 0);
  out.set(encoder.encode("BOCHS "), 9);
  out[15] = 2; // revision: ACPI 2.0+
  dv.setUint32(20, 36, true);
  dv.setBigUint64(24, BigInt(xsdtOffset), true);
  return out;
}

/** Options of {@link createVirtFwCfg}. */
export interface VirtFwCfgOptions {
  /** Number of CPUs. */
  numCpus: number;
  /** RAM size in bytes (SMBIOS memory tables). */
  ramSize: number;
  /** `-nographic` was given (FW_CFG_NOGRAPHIC). */
  nographic: boolean;
  /** Guest memory for the DMA interface. */
  dma?: FwCfgDma;
  /** Machine type in the SMBIOS version strings ("virt-7.2"). */
  machineType?: string;
}

/** Builds the `virt` board's fw_cfg device with QEMU 7.2's items and files. */
export function createVirtFwCfg(opts: VirtFwCfgOptions): FwCfg {
  const fw = new FwCfg({ dma: opts.dma });
  fw.addBytes(FW_CFG_UUID, new Uint8Array(16))
    .addI16(FW_CFG_NOGRAPHIC, opts.nographic ? 1 : 0)
    .addI16(FW_CFG_BOOT_MENU, 0)
    .setFile("etc/boot-fail-wait", fwCfgLE(0xffffffff, 4))
    .addI16(FW_CFG_NB_CPUS, opts.numCpus);
  const tables = smbiosTables({
    version: opts.machineType ?? "virt-7.2",
    ramSize: opts.ramSize,
    numCpus: opts.numCpus,
  });
  fw.setFile("etc/acpi/tables", new Uint8Array(VIRT_ACPI_TABLES_SIZE))
    .setFile("etc/acpi/rsdp", virtAcpiRsdp())
    .setFile("etc/table-loader", new Uint8Array(VIRT_ACPI_LOADER_SIZE))
    .setFile("etc/tpm/log", new Uint8Array(0))
    .setFile("etc/smbios/smbios-tables", tables)
    .setFile("etc/smbios/smbios-anchor", smbiosEntryPoint30(tables.length))
    .setFile("bootorder", new Uint8Array(0))
    .setFile("bios-geometry", new Uint8Array(0));
  return fw;
}

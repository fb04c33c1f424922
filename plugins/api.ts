/**
 * The tsemu plugin API: TypeScript counterparts of QEMU's `qemu-plugin.h` (API version 7).
 * A plugin is a module exporting `install(api, info, args)`; see docs/plugins.md for the QEMU
 * name of every call, its semantics and the lifetime of the handles it returns.
 *
 * @module
 */

/** QEMU's `qemu_plugin_cb_flags`: what a callback does with the CPU registers. */
export const enum CbFlags {
  /** Does not touch registers (QEMU_PLUGIN_CB_NO_REGS). */
  NO_REGS = 0,
  /** Reads registers: values are exact at the instruction boundary (QEMU_PLUGIN_CB_R_REGS). */
  R_REGS = 1,
  /** Reads and writes registers (QEMU_PLUGIN_CB_RW_REGS). */
  RW_REGS = 2,
  /** Also may change the pc with `setPc` (QEMU_PLUGIN_CB_RW_REGS_PC). */
  RW_REGS_PC = 3,
}

/** QEMU's `qemu_plugin_mem_rw`. */
export const enum MemRW {
  R = 1,
  W = 2,
  RW = 3,
}

/** QEMU's `qemu_plugin_op`. */
export const enum InlineOp {
  ADD_U64 = 0,
  STORE_U64 = 1,
}

/** QEMU's `qemu_plugin_cond`: `entry <cond> imm`, evaluated inline. */
export const enum Cond {
  NEVER = 0,
  ALWAYS = 1,
  EQ = 2,
  NE = 3,
  LT = 4,
  LE = 5,
  GT = 6,
  GE = 7,
}

/** QEMU's `qemu_plugin_discon_type` (a bit mask). */
export const enum DisconType {
  INTERRUPT = 1,
  EXCEPTION = 2,
  HOSTCALL = 4,
  ALL = -1,
}

/** QEMU's `qemu_plugin_hwaddr_operation_result`. */
export const enum HwaddrResult {
  OK = 0,
  ERROR = 1,
  DEVICE_ERROR = 2,
  ACCESS_DENIED = 3,
  INVALID_ADDRESS = 4,
  INVALID_ADDRESS_SPACE = 5,
}

/** `qemu_info_t`: valid during `install` only. */
export interface PluginInfo {
  /** Target name: "arm". */
  readonly targetName: string;
  /** Plugin API versions: oldest accepted and current. */
  readonly version: { readonly min: number; readonly cur: number };
  /** Always true: tsemu is a system emulator. */
  readonly systemEmulation: boolean;
  /** vCPU counts (`-smp`). */
  readonly system: { readonly smpVcpus: number; readonly maxVcpus: number };
}

/**
 * A per-vCPU scoreboard of u64 entries (QEMU's `qemu_plugin_scoreboard`). Each vCPU owns
 * `entries` u64 slots; `u64(offset)` names one slot (QEMU's `qemu_plugin_u64`). Values are
 * JavaScript numbers, exact up to 2^53.
 */
export interface Scoreboard {
  /** Number of u64 entries per vCPU (the element size / 8). */
  readonly entries: number;
  /** The u64 slot at `offset` (0 for a scoreboard of plain counters). */
  u64(offset?: number): ScoreboardU64;
  /** All the slots of one vCPU (QEMU's `scoreboard_find`): a view, valid until `free`. */
  find(vcpu: number): Float64Array;
  /** Frees the scoreboard (QEMU's `scoreboard_free`). */
  free(): void;
}

/** One u64 slot of a scoreboard, across vCPUs (QEMU's `qemu_plugin_u64`). */
export interface ScoreboardU64 {
  /** The scoreboard. */
  readonly score: Scoreboard;
  /** Slot index within a vCPU's entries. */
  readonly offset: number;
  /** `qemu_plugin_u64_get`. */
  get(vcpu: number): number;
  /** `qemu_plugin_u64_set`. */
  set(vcpu: number, value: number): void;
  /** `qemu_plugin_u64_add`. */
  add(vcpu: number, value: number): void;
  /** `qemu_plugin_u64_sum`: over all vCPUs. */
  sum(): number;
}

/** Callback with the vCPU index (QEMU's `qemu_plugin_vcpu_udata_cb_t`). */
export type VcpuCallback<U = unknown> = (vcpu: number, userdata: U) => void;

/** A translation block handle: valid only during the TB-translation callback. */
export interface PluginTb {
  /** `qemu_plugin_tb_n_insns`. */
  readonly nInsns: number;
  /** `qemu_plugin_tb_vaddr`. */
  readonly vaddr: number;
  /** `qemu_plugin_tb_get_insn`: instruction `index`, or null when out of range. */
  insn(index: number): PluginInsn | null;
  /** `qemu_plugin_register_vcpu_tb_exec_cb`. */
  registerExecCb<U>(cb: VcpuCallback<U>, flags: CbFlags, userdata?: U): void;
  /** `qemu_plugin_register_vcpu_tb_exec_cond_cb`. */
  registerExecCondCb<U>(
    cb: VcpuCallback<U>,
    flags: CbFlags,
    cond: Cond,
    entry: ScoreboardU64,
    imm: number,
    userdata?: U,
  ): void;
  /** `qemu_plugin_register_vcpu_tb_exec_inline_per_vcpu`. */
  registerExecInline(op: InlineOp, entry: ScoreboardU64, imm: number): void;
}

/** An instruction handle: valid only during the TB-translation callback. */
export interface PluginInsn {
  /** `qemu_plugin_insn_data`: a copy of the instruction's bytes. */
  data(): Uint8Array;
  /** `qemu_plugin_insn_size`. */
  readonly size: number;
  /** `qemu_plugin_insn_vaddr`. */
  readonly vaddr: number;
  /** `qemu_plugin_insn_haddr`: the physical address of the instruction (tsemu's stand-in). */
  readonly haddr: number;
  /** `qemu_plugin_insn_disas`: disassembly through capstone. */
  disas(): string;
  /** `qemu_plugin_insn_symbol`: ELF symbol at this address, or null. */
  symbol(): string | null;
  /** `qemu_plugin_register_vcpu_insn_exec_cb`: runs before the instruction. */
  registerExecCb<U>(cb: VcpuCallback<U>, flags: CbFlags, userdata?: U): void;
  /** `qemu_plugin_register_vcpu_insn_exec_cond_cb`. */
  registerExecCondCb<U>(
    cb: VcpuCallback<U>,
    flags: CbFlags,
    cond: Cond,
    entry: ScoreboardU64,
    imm: number,
    userdata?: U,
  ): void;
  /** `qemu_plugin_register_vcpu_insn_exec_inline_per_vcpu`. */
  registerExecInline(op: InlineOp, entry: ScoreboardU64, imm: number): void;
  /** `qemu_plugin_register_vcpu_mem_cb`: runs after each successful access of this insn. */
  registerMemCb<U>(cb: MemCallback<U>, flags: CbFlags, rw: MemRW, userdata?: U): void;
  /** `qemu_plugin_register_vcpu_mem_inline_per_vcpu`. */
  registerMemInline(rw: MemRW, op: InlineOp, entry: ScoreboardU64, imm: number): void;
}

/** Memory callback (QEMU's `qemu_plugin_vcpu_mem_cb_t`). */
export type MemCallback<U = unknown> = (
  vcpu: number,
  info: MemInfo,
  vaddr: number,
  userdata: U,
) => void;

/** What a memory callback learns about the access (QEMU's `qemu_plugin_meminfo_t`). */
export interface MemInfo {
  /** `qemu_plugin_mem_size_shift`: log2 of the access size. */
  readonly sizeShift: number;
  /** `qemu_plugin_mem_is_sign_extended`. */
  readonly signExtended: boolean;
  /** `qemu_plugin_mem_is_big_endian`. */
  readonly bigEndian: boolean;
  /** `qemu_plugin_mem_is_store`. */
  readonly isStore: boolean;
  /** `qemu_plugin_mem_get_value`: the value loaded or stored (zero-extended, ≤ 32 bits). */
  readonly value: number;
  /** `qemu_plugin_get_hwaddr`: where the access went; valid only during the callback. */
  hwaddr(): Hwaddr | null;
}

/** Physical side of an access (QEMU's `qemu_plugin_hwaddr`). */
export interface Hwaddr {
  /** `qemu_plugin_hwaddr_is_io`. */
  readonly isIo: boolean;
  /** `qemu_plugin_hwaddr_phys_addr`. */
  readonly physAddr: number;
  /** `qemu_plugin_hwaddr_device_name`: the MemoryRegion's name (`pl011`, `mach-virt.ram`). */
  readonly deviceName: string;
  /** Offset of the access into the device's region (QEMU 4.2's `device_offset`). */
  readonly deviceOffset: number;
  /** Register name at that offset when the device model knows it (`UARTDR`...). */
  readonly registerName: string | null;
}

/** A register descriptor (QEMU's `qemu_plugin_reg_descriptor`). */
export interface RegisterDescriptor {
  /** Opaque handle for read/write. */
  readonly handle: number;
  /** gdb's name: r0–r15, cpsr (d0–d31 and fpscr with VFP). */
  readonly name: string;
  /** gdb feature name. */
  readonly feature: string;
  /** The pc is read-only: change it with `setPc`. */
  readonly isReadonly: boolean;
}

/** Discontinuity callback (QEMU's `qemu_plugin_vcpu_discon_cb_t`). */
export type DisconCallback<U = unknown> = (
  vcpu: number,
  type: DisconType,
  fromPc: number,
  toPc: number,
  userdata: U,
) => void;

/** Everything a plugin can call; handed to `install`. */
export interface PluginApi {
  /** The plugin's id. */
  readonly id: number;
  /** The plugin's name (file name without extension). */
  readonly name: string;

  /** `qemu_plugin_outs`: text to the `-d plugin` log (dropped without `-d plugin`). */
  outs(text: string): void;
  /** `qemu_plugin_bool_parse`: on/yes/true/off/no/false; undefined if not a boolean. */
  boolParse(name: string, value: string): boolean | undefined;
  /** `qemu_plugin_num_vcpus`. */
  numVcpus(): number;

  /** `qemu_plugin_register_vcpu_init_cb`. */
  onVcpuInit<U>(cb: VcpuCallback<U>, userdata?: U): void;
  /** `qemu_plugin_register_vcpu_exit_cb`. */
  onVcpuExit<U>(cb: VcpuCallback<U>, userdata?: U): void;
  /** `qemu_plugin_register_vcpu_idle_cb`: the vCPU starts waiting (WFI). */
  onVcpuIdle<U>(cb: VcpuCallback<U>, userdata?: U): void;
  /** `qemu_plugin_register_vcpu_resume_cb`: the vCPU runs again. */
  onVcpuResume<U>(cb: VcpuCallback<U>, userdata?: U): void;
  /** `qemu_plugin_register_vcpu_discon_cb`. */
  onVcpuDiscon<U>(type: DisconType, cb: DisconCallback<U>, userdata?: U): void;
  /** `qemu_plugin_register_vcpu_tb_trans_cb`: the place to instrument. */
  onTbTrans<U>(cb: (tb: PluginTb, userdata: U) => void, userdata?: U): void;
  /** `qemu_plugin_register_flush_cb`: the translation cache was flushed. */
  onFlush<U>(cb: (userdata: U) => void, userdata?: U): void;
  /** `qemu_plugin_register_atexit_cb`. */
  onExit<U>(cb: (userdata: U) => void, userdata?: U): void;
  /** `qemu_plugin_vcpu_for_each`. */
  vcpuForEach<U>(cb: VcpuCallback<U>, userdata?: U): void;

  /** `qemu_plugin_uninstall`: asynchronous; `done` runs when no callback can fire any more. */
  uninstall(done?: () => void): void;
  /** `qemu_plugin_reset`: drops every callback, asynchronously. */
  reset(done?: () => void): void;

  /** `qemu_plugin_scoreboard_new`: `entries` u64 slots per vCPU (QEMU: element_size / 8). */
  scoreboardNew(entries?: number): Scoreboard;

  /** `qemu_plugin_get_registers`. */
  getRegisters(): RegisterDescriptor[];
  /** `qemu_plugin_read_register`: little-endian bytes, or null when not allowed here. */
  readRegister(handle: number): Uint8Array | null;
  /** `qemu_plugin_write_register`: false when not allowed (needs RW_REGS) or read-only. */
  writeRegister(handle: number, bytes: Uint8Array): boolean;
  /** `qemu_plugin_set_pc`: continue at `pc` (from RW_REGS_PC callbacks); does not return. */
  setPc(pc: number): never;
  /**
   * Ends emulation with process exit `status`, as QEMU's plugins do with `exit()` (contrib
   * stoptrigger); atexit callbacks still run. From an exec or memory callback the emulation
   * stops there; from other callbacks, at the next TB boundary. Does not return. (tsemu only)
   */
  requestExit(status: number): never;

  /** `qemu_plugin_read_memory_vaddr`: null when a page is not mapped. */
  readMemoryVaddr(addr: number, len: number): Uint8Array | null;
  /** `qemu_plugin_write_memory_vaddr`. */
  writeMemoryVaddr(addr: number, bytes: Uint8Array): boolean;
  /** `qemu_plugin_read_memory_hwaddr`. */
  readMemoryHwaddr(addr: number, len: number): { result: HwaddrResult; bytes: Uint8Array };
  /** `qemu_plugin_write_memory_hwaddr`. */
  writeMemoryHwaddr(addr: number, bytes: Uint8Array): HwaddrResult;
  /** `qemu_plugin_translate_vaddr`: physical address, or null. */
  translateVaddr(vaddr: number): number | null;

  /** `qemu_plugin_request_time_control`: only the first plugin gets a handle. */
  requestTimeControl(): TimeControl | null;
}

/** Control of virtual time (QEMU's time handle plus `qemu_plugin_update_ns`). */
export interface TimeControl {
  /** Moves virtual time forward to `ns` (never backwards). */
  updateNs(ns: number): void;
}

/** What a plugin module exports. */
export interface PluginModule {
  /** Called once at start-up; throw (or return a non-zero number) to refuse. */
  install(api: PluginApi, info: PluginInfo, args: string[]): void | number;
}

/**
 * Thumb instructions translated (cpu/arm/translate-thumb.ts) and run on an ArmCpu with a small
 * RAM: flags inside and outside IT blocks, the IT state the CPU is left with after a fault or
 * an SVC, interworking and branches, table branches and CBZ, and QEMU 7.2's choices for
 * UNPREDICTABLE encodings. The guest programs tests/guest/src/thumb_*.S check the same on QEMU.
 */
import assert from "node:assert/strict";
import { ArmCpu, Mode } from "../../cpu/arm/cpu.ts";
import { DisasContext } from "../../cpu/arm/disas-context.ts";
import { Excp, GuestException } from "../../cpu/arm/exception.ts";
import { H } from "../../cpu/arm/helpers.ts";
import { registerThumbGroups, translateThumb } from "../../cpu/arm/translate-thumb.ts";
import { generateTbSource } from "../../accel/tcg/codegen.ts";
import { Log } from "../../util/log.ts";

registerThumbGroups();

const CODE = 0x1000;
const RAM_BASE = 0x8000;
const RAM_SIZE = 0x1000;

/** A little RAM at RAM_BASE; anything else is an unassigned address (external abort). */
class Ram {
  readonly view = new DataView(new ArrayBuffer(RAM_SIZE));
  #at(a: number, size: number, write: boolean): number {
    const off = (a >>> 0) - RAM_BASE;
    if (off < 0 || off + size > RAM_SIZE) {
      throw new GuestException(Excp.DATA_ABORT, write ? 0x808 : 0x8, a >>> 0);
    }
    return off;
  }
  readonly ops = {
    ld8: (a: number) => this.view.getUint8(this.#at(a, 1, false)),
    ld8s: (a: number) => this.view.getInt8(this.#at(a, 1, false)),
    ld16: (a: number) => this.view.getUint16(this.#at(a, 2, false), true),
    ld16s: (a: number) => this.view.getInt16(this.#at(a, 2, false), true),
    ld32: (a: number) => this.view.getInt32(this.#at(a, 4, false), true),
    st8: (a: number, v: number) => this.view.setUint8(this.#at(a, 1, true), v),
    st16: (a: number, v: number) => this.view.setUint16(this.#at(a, 2, true), v, true),
    st32: (a: number, v: number) => this.view.setInt32(this.#at(a, 4, true), v, true),
  };
}

interface Run {
  cpu: ArmCpu;
  ram: Ram;
  /** The TB's exit (0/1 static, 2 dynamic), or -1 after an exception. */
  exit: number;
  exc: GuestException | null;
}

/** Translates `halfwords` as one Thumb TB at CODE and runs it once. */
function run(
  halfwords: number[],
  setup: (cpu: ArmCpu, ram: Ram) => void = () => {},
): Run {
  const cpu = new ArmCpu(0, new Log());
  const ram = new Ram();
  cpu.thumb = 1;
  cpu.r[15] = CODE;
  setup(cpu, ram);
  const s = new DisasContext(CODE, true, cpu.mode, 0);
  s.condexec = cpu.condexec;
  const insns = translateThumb(s, {
    read16: (va) => halfwords[(va - CODE) >> 1] ?? 0xbf00,
    read32: () => 0,
  }, halfwords.length);
  const { source, pcs } = generateTbSource(s, insns, "tb_test");
  const fn = new Function("H", "M", "U", "$pcs", source)(H, ram.ops, ram.ops, pcs);
  let exc: GuestException | null = null;
  let exit = -1;
  try {
    exit = fn(cpu, 1);
  } catch (e) {
    if (!(e instanceof GuestException)) throw e;
    exc = e;
  }
  return { cpu, ram, exit, exc };
}

const Z_SET = 0; // ZF === 0 means Z is set

Deno.test("16-bit ADDS sets NZCV outside an IT block; inside, ADD leaves them", () => {
  // adds r0, r1, r2 with signed overflow
  let { cpu } = run([0x1888], (c) => {
    c.r[1] = 0x7fffffff;
    c.r[2] = 1;
    c.ZF = Z_SET;
  });
  assert.equal(cpu.r[0], 0x80000000 | 0);
  assert.ok(cpu.NF < 0 && cpu.VF < 0 && cpu.ZF !== 0);
  // it eq; addeq r0, r1, r2 (Z set: runs, without touching the flags)
  ({ cpu } = run([0xbf08, 0x1888], (c) => {
    c.r[1] = 0x7fffffff;
    c.r[2] = 1;
    c.ZF = Z_SET;
  }));
  assert.equal(cpu.r[0], 0x80000000 | 0);
  assert.equal(cpu.ZF, Z_SET);
  assert.equal(cpu.VF, 0);
  assert.equal(cpu.condexec, 0, "the block is over");
});

Deno.test("T32 logical immediates: rotated constants set C, replicated bytes keep it", () => {
  // ands.w r0, r1, #0xff000000
  let { cpu } = run([0xf011, 0x407f], (c) => {
    c.r[1] = -1;
    c.CF = 0;
  });
  assert.equal(cpu.r[0], 0xff000000 | 0);
  assert.equal(cpu.CF, 1);
  // ands.w r0, r1, #0x00ab00ab
  ({ cpu } = run([0xf011, 0x10ab], (c) => {
    c.r[1] = -1;
    c.CF = 0;
  }));
  assert.equal(cpu.r[0], 0x00ab00ab);
  assert.equal(cpu.CF, 0);
});

Deno.test("a data abort inside an IT block leaves the IT state of that instruction", () => {
  // it eq; ldr.w r2, [r0, #8] -- r0 points at nothing
  const { cpu, exc } = run([0xbf08, 0xf8d0, 0x2008], (c) => {
    c.r[0] = 0x50000000;
    c.ZF = Z_SET;
  });
  assert.equal(exc?.kind, Excp.DATA_ABORT);
  assert.equal(cpu.condexec, 0x08);
  assert.equal(cpu.r[15], CODE + 2);
});

Deno.test("SVC in an IT block is taken with the state after it", () => {
  // itt eq; svceq #5; nopeq
  const { cpu, exc } = run([0xbf04, 0xdf05, 0xbf00], (c) => c.ZF = Z_SET);
  assert.equal(exc?.kind, Excp.SWI);
  assert.equal(exc?.imm, 5);
  assert.equal(cpu.condexec, 0x08);
  assert.equal(cpu.r[15], CODE + 2);
  // Entering the exception saves it in the SPSR: LR is the next instruction.
  cpu.enterException(exc!, cpu.r[15]);
  assert.equal((cpu.spsr >>> 10) & 0x3f, 0x08 >> 2);
  assert.equal(cpu.r[14], CODE + 4);
  assert.equal(cpu.condexec, 0);
});

Deno.test("BKPT ignores a failing IT condition; UDF does not", () => {
  // it eq; bkpt #1 (Z clear)
  let r = run([0xbf08, 0xbe01], (c) => c.ZF = 1);
  assert.equal(r.exc?.kind, Excp.BKPT);
  // it eq; udf #3; nop (Z clear): skipped
  r = run([0xbf08, 0xde03, 0xbf00], (c) => c.ZF = 1);
  assert.equal(r.exc, null);
  assert.equal(r.cpu.condexec, 0);
  assert.equal(r.cpu.r[15], CODE + 4, "the TB continued after the skipped UDF");
});

Deno.test("BX to an even address switches to A32; MOV pc stays in Thumb", () => {
  let { cpu, exit } = run([0x4700], (c) => c.r[0] = 0x2000); // bx r0
  assert.equal(exit, 2);
  assert.equal(cpu.thumb, 0);
  assert.equal(cpu.r[15], 0x2000);
  ({ cpu, exit } = run([0x468f], (c) => c.r[1] = 0x2001)); // mov pc, r1
  assert.equal(exit, 2);
  assert.equal(cpu.thumb, 1, "ALUWritePC in Thumb does not interwork");
  assert.equal(cpu.r[15], 0x2000);
  // bx r0 with bit 1 set: an A32 pc left misaligned (the fetch takes the alignment fault).
  ({ cpu } = run([0x4700], (c) => c.r[0] = 0x2002));
  assert.equal(cpu.thumb, 0);
  assert.equal(cpu.r[15], 0x2002);
});

Deno.test("BL and BLX (immediate) set LR with bit 0; BLX goes to A32 at Align(pc, 4)", () => {
  // At CODE + 2: blx with offset -4 (f7ff effe): Align(CODE + 6, 4) - 4.
  const { cpu } = run([0xbf00, 0xf7ff, 0xeffe]);
  assert.equal(cpu.thumb, 0);
  assert.equal(cpu.r[14], CODE + 6 + 1);
  assert.equal(cpu.r[15], ((CODE + 2 + 4) & ~3) - 4);
  // At CODE + 2: bl with offset -8 (f7ff fffc): CODE + 6 - 8.
  const bl = run([0xbf00, 0xf7ff, 0xfffc]);
  assert.equal(bl.cpu.thumb, 1);
  assert.equal(bl.cpu.r[14], CODE + 6 + 1);
  assert.equal(bl.cpu.r[15], CODE + 6 - 8);
  // BLX with H = 1 is UNDEFINED.
  assert.equal(run([0xf7ff, 0xefff]).exc?.kind, Excp.UDEF);
});

Deno.test("TBB and TBH branch forward by twice the table entry", () => {
  // tbb [r0, r1]
  let { cpu } = run([0xe8d0, 0xf001], (c, ram) => {
    c.r[0] = RAM_BASE;
    c.r[1] = 3;
    ram.view.setUint8(3, 5);
  });
  assert.equal(cpu.r[15], CODE + 4 + 10);
  // tbh [r0, r1, lsl #1]
  ({ cpu } = run([0xe8d0, 0xf011], (c, ram) => {
    c.r[0] = RAM_BASE;
    c.r[1] = 2;
    ram.view.setUint16(4, 0x100, true);
  }));
  assert.equal(cpu.r[15], CODE + 4 + 0x200);
});

Deno.test("CBZ branches on zero and otherwise falls through, ending the TB", () => {
  // cbz r0, +4 (to CODE + 4); nop; nop
  let { cpu, exit } = run([0xb100, 0xbf00, 0xbf00], (c) => c.r[0] = 0);
  assert.equal(cpu.r[15], CODE + 4);
  ({ cpu, exit } = run([0xb100, 0xbf00, 0xbf00], (c) => c.r[0] = 7));
  assert.equal(cpu.r[15], CODE + 2);
  assert.ok(exit === 0 || exit === 1, "a static (chainable) fall-through exit");
});

Deno.test("QEMU 7.2 UNDEFs: T32 LDM of one register, Thumb stores with Rn = pc", () => {
  let r = run([0xe890, 0x0002]); // ldm.w r0, {r1}
  assert.equal(r.exc?.kind, Excp.UDEF);
  r = run([0xf8cf, 0x1004]); // str.w r1, [pc, #4]
  assert.equal(r.exc?.kind, Excp.UDEF);
  r = run([0xe890, 0x0006], (c, ram) => { // ldm.w r0, {r1, r2}
    c.r[0] = RAM_BASE;
    ram.view.setInt32(4, 0x1234, true);
  });
  assert.equal(r.exc, null);
  assert.equal(r.cpu.r[2], 0x1234);
});

Deno.test("SUBS pc, lr, #imm returns from an exception; UNDEFINED in User mode", () => {
  // subs pc, lr, #4 in SVC mode, SPSR: User, Thumb, IT state 0x14
  let r = run([0xf3de, 0x8f04], (c) => {
    c.r[14] = 0x3005;
    c.spsr = Mode.USR | (1 << 5) | (0x14 >> 2) << 10;
  });
  assert.equal(r.exit, 2);
  assert.equal(r.cpu.mode, Mode.USR);
  assert.equal(r.cpu.thumb, 1);
  assert.equal(r.cpu.condexec, 0x14);
  assert.equal(r.cpu.r[15], 0x3000);
  r = run([0xf3de, 0x8f04], (c) => c.switchMode(Mode.USR));
  assert.equal(r.exc?.kind, Excp.UDEF);
});

Deno.test("literal loads use Align(pc, 4)", () => {
  // At CODE + 2: ldr.w r1, [pc, #-4] reads Align(CODE + 6, 4) - 4 = CODE (not RAM: it faults).
  const r = run([0xbf00, 0xf85f, 0x1004]);
  assert.equal(r.exc?.kind, Excp.DATA_ABORT);
  assert.equal(r.exc?.far, CODE);
});

/**
 * inline: checks that every inline operation equals its callback twin (QEMU's
 * tests/tcg/plugins/inline.c). At TB, instruction and memory level it counts with a callback
 * and with an inline ADD; an inline STORE of the TB/instruction address registered before a
 * callback must be visible in that callback; a conditional callback on an inline counter
 * (`== 100`, then reset) fires count/100 times. Every Cond kind is also checked on a running
 * counter against a threshold (TB level 100, instruction level 1000).
 *
 * Output at exit: `tb: ...`, `insn: ...`, `mem: ...` summary lines and one
 * `LEVEL cond KIND IMM: N` line per condition; on any disagreement the atexit callback throws
 * (tsemu reports the plugin's failure), as inline.c asserts.
 *
 * @module
 */

import type { PluginApi, PluginInfo, PluginTb, ScoreboardU64 } from "../../plugins/api.ts";
import { CbFlags, Cond, InlineOp, MemRW } from "../../plugins/api.ts";

/** Condition kinds by name, in QEMU's order. */
export const CONDS: readonly [string, Cond][] = [
  ["NEVER", Cond.NEVER],
  ["ALWAYS", Cond.ALWAYS],
  ["EQ", Cond.EQ],
  ["NE", Cond.NE],
  ["LT", Cond.LT],
  ["LE", Cond.LE],
  ["GT", Cond.GT],
  ["GE", Cond.GE],
];

/**
 * How often a callback with condition `cond` on a counter that goes 1, 2, ..., n fires
 * against `imm` (the counter is incremented before the check).
 */
export function expectedFires(cond: Cond, n: number, imm: number): number {
  switch (cond) {
    case Cond.NEVER:
      return 0;
    case Cond.ALWAYS:
      return n;
    case Cond.EQ:
      return n >= imm ? 1 : 0;
    case Cond.NE:
      return n >= imm ? n - 1 : n;
    case Cond.LT:
      return Math.min(n, imm - 1);
    case Cond.LE:
      return Math.min(n, imm);
    case Cond.GT:
      return Math.max(0, n - imm);
    case Cond.GE:
      return Math.max(0, n - imm + 1);
  }
  return -1;
}

/** Scoreboard slots (u64 entries per vCPU). */
const enum Slot {
  TB_CB,
  TB_INLINE,
  TB_LAST,
  TB_TRACK,
  TB_SEQ,
  INSN_CB,
  INSN_INLINE,
  INSN_LAST,
  INSN_TRACK,
  INSN_SEQ,
  MEM_CB,
  MEM_INLINE,
  MEM_LAST,
  COUNT,
}

const TRACK = 100;
const TB_IMM = 100;
const INSN_IMM = 1000;

/** Plugin entry point. */
export function install(api: PluginApi, _info: PluginInfo, args: string[]): number {
  if (args.length) throw new Error(`option parsing failed: ${args[0]}`);
  const sb = api.scoreboardNew(Slot.COUNT);
  const s = (slot: Slot): ScoreboardU64 => sb.u64(slot);
  const errors = { tb: 0, insn: 0, mem: 0 };
  const trackHits = { tb: 0, insn: 0 };
  const fires = { tb: CONDS.map(() => 0), insn: CONDS.map(() => 0) };

  api.onTbTrans((tb: PluginTb) => {
    const tbPc = tb.vaddr;
    tb.registerExecInline(InlineOp.STORE_U64, s(Slot.TB_LAST), tbPc);
    tb.registerExecCb((vcpu: number) => {
      s(Slot.TB_CB).add(vcpu, 1);
      if (s(Slot.TB_LAST).get(vcpu) !== tbPc) errors.tb++;
    }, CbFlags.NO_REGS);
    tb.registerExecInline(InlineOp.ADD_U64, s(Slot.TB_INLINE), 1);
    tb.registerExecInline(InlineOp.ADD_U64, s(Slot.TB_TRACK), 1);
    tb.registerExecCondCb(
      (vcpu: number) => {
        trackHits.tb++;
        s(Slot.TB_TRACK).set(vcpu, 0);
      },
      CbFlags.NO_REGS,
      Cond.EQ,
      s(Slot.TB_TRACK),
      TRACK,
    );
    tb.registerExecInline(InlineOp.ADD_U64, s(Slot.TB_SEQ), 1);
    CONDS.forEach(([, cond], k) => {
      tb.registerExecCondCb(() => fires.tb[k]++, CbFlags.NO_REGS, cond, s(Slot.TB_SEQ), TB_IMM);
    });

    for (let i = 0; i < tb.nInsns; i++) {
      const insn = tb.insn(i)!;
      const pc = insn.vaddr;
      insn.registerExecInline(InlineOp.STORE_U64, s(Slot.INSN_LAST), pc);
      insn.registerExecCb((vcpu: number) => {
        s(Slot.INSN_CB).add(vcpu, 1);
        if (s(Slot.INSN_LAST).get(vcpu) !== pc) errors.insn++;
      }, CbFlags.NO_REGS);
      insn.registerExecInline(InlineOp.ADD_U64, s(Slot.INSN_INLINE), 1);
      insn.registerExecInline(InlineOp.ADD_U64, s(Slot.INSN_TRACK), 1);
      insn.registerExecCondCb(
        (vcpu: number) => {
          trackHits.insn++;
          s(Slot.INSN_TRACK).set(vcpu, 0);
        },
        CbFlags.NO_REGS,
        Cond.EQ,
        s(Slot.INSN_TRACK),
        TRACK,
      );
      insn.registerExecInline(InlineOp.ADD_U64, s(Slot.INSN_SEQ), 1);
      CONDS.forEach(([, cond], k) => {
        insn.registerExecCondCb(
          () => fires.insn[k]++,
          CbFlags.NO_REGS,
          cond,
          s(Slot.INSN_SEQ),
          INSN_IMM,
        );
      });

      insn.registerMemInline(MemRW.RW, InlineOp.STORE_U64, s(Slot.MEM_LAST), pc);
      insn.registerMemCb(
        (vcpu: number) => {
          s(Slot.MEM_CB).add(vcpu, 1);
          if (s(Slot.MEM_LAST).get(vcpu) !== pc) errors.mem++;
        },
        CbFlags.NO_REGS,
        MemRW.RW,
      );
      insn.registerMemInline(MemRW.RW, InlineOp.ADD_U64, s(Slot.MEM_INLINE), 1);
    }
  });

  api.onExit(() => {
    const bad: string[] = [];
    const check = (what: string, got: number, want: number) => {
      if (got !== want) bad.push(`${what}: ${got} != ${want}`);
    };
    let text = "";
    for (const level of ["tb", "insn"] as const) {
      const cb = s(level === "tb" ? Slot.TB_CB : Slot.INSN_CB).sum();
      const inline = s(level === "tb" ? Slot.TB_INLINE : Slot.INSN_INLINE).sum();
      const track = s(level === "tb" ? Slot.TB_TRACK : Slot.INSN_TRACK).sum();
      const seq = s(level === "tb" ? Slot.TB_SEQ : Slot.INSN_SEQ).sum();
      const imm = level === "tb" ? TB_IMM : INSN_IMM;
      text +=
        `${level}: cb ${cb}, inline ${inline}, cond ${TRACK}: ${trackHits[level]} * ${TRACK}` +
        ` + ${track}, store-order errors ${errors[level]}\n`;
      check(`${level} inline`, inline, cb);
      check(`${level} seq`, seq, cb);
      check(`${level} cond ${TRACK}`, trackHits[level] * TRACK + track, cb);
      check(`${level} track`, track, cb % TRACK);
      check(`${level} store order`, errors[level], 0);
      CONDS.forEach(([name, cond], k) => {
        text += `${level} cond ${name} ${imm}: ${fires[level][k]}\n`;
        check(`${level} cond ${name}`, fires[level][k], expectedFires(cond, cb, imm));
      });
    }
    const memCb = s(Slot.MEM_CB).sum();
    const memInline = s(Slot.MEM_INLINE).sum();
    text += `mem: cb ${memCb}, inline ${memInline}, store-order errors ${errors.mem}\n`;
    check("mem inline", memInline, memCb);
    check("mem store order", errors.mem, 0);
    check("num_vcpus", api.numVcpus(), 1);
    api.outs(text);
    if (bad.length) throw new Error(`inline and callback disagree: ${bad.join("; ")}`);
  });
  return 0;
}

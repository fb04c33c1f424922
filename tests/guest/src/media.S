@ media: saturating arithmetic, parallel add/subtract (GE flags), SEL, USAD8,
@ extends with rotation, packing, reversal, CLZ, bit-field and saturate
@ instructions, MOVW/MOVT. Inputs r0-r3 random with byte/halfword edge
@ values; NZCVQ and GE start random (Q clear where Q is the result); r0-r3,
@ NZCVQ and GE are hashed.
        .include "lib.inc"

        .equ IT, 384
        .equ FLAGS, 0xf80f0000          @ NZCVQ + GE
        .equ FLAGS_NOQ, 0xf00f0000      @ NZCV + GE (Q starts clear)

@ Case with byte-pattern operands, random NZCVQ+GE.
        .macro B insn
        CASE    "\insn", IT, FLAGS, FLAGS, 0x3333
        .endm
@ Case with halfword-pattern operands, random NZCVQ+GE.
        .macro H insn
        CASE    "\insn", IT, FLAGS, FLAGS, 0x5555
        .endm
@ Case that may set Q: Q starts clear.
        .macro Q insn, kinds=0x5555
        CASE    "\insn", IT, FLAGS_NOQ, FLAGS, \kinds
        .endm
@ The six parallel add/subtract operations for prefix \p.
        .macro PAR p, mac
        \mac    "\p\()add16 r0, r2, r3"
        \mac    "\p\()asx r0, r2, r3"
        \mac    "\p\()sax r0, r2, r3"
        \mac    "\p\()sub16 r0, r2, r3"
        B       "\p\()add8 r0, r2, r3"
        B       "\p\()sub8 r0, r2, r3"
        .endm
@ An extend with the four rotations.
        .macro ROT insn
        H       "\insn"
        H       "\insn, ror #8"
        H       "\insn, ror #16"
        H       "\insn, ror #24"
        .endm
@ A bit-field instruction with several lsb/width pairs; \args precede them.
        .macro BF insn
        CASE    "\insn #0, #1", IT, FLAGS, FLAGS, 0x0000
        CASE    "\insn #0, #32", IT, FLAGS, FLAGS, 0x0000
        CASE    "\insn #4, #8", IT, FLAGS, FLAGS, 0x0000
        CASE    "\insn #31, #1", IT, FLAGS, FLAGS, 0x0000
        CASE    "\insn #16, #16", IT, FLAGS, FLAGS, 0x0000
        CASE    "\insn #7, #13", IT, FLAGS, FLAGS, 0x0000
        CASE    "\insn #1, #31", IT, FLAGS, FLAGS, 0x0000
        CASE    "\insn #20, #12", IT, FLAGS, FLAGS, 0x0000
        .endm

@ Saturating add/subtract (QADD Rd, Rm, Rn).
        NCASE   "qadd r0, r2, r3 (mixed)", "qadd r0, r2, r3", IT, FLAGS_NOQ, FLAGS, 0x0000
        NCASE   "qsub r0, r2, r3 (mixed)", "qsub r0, r2, r3", IT, FLAGS_NOQ, FLAGS, 0x0000
        NCASE   "qdadd r0, r2, r3 (mixed)", "qdadd r0, r2, r3", IT, FLAGS_NOQ, FLAGS, 0x0000
        NCASE   "qdsub r0, r2, r3 (mixed)", "qdsub r0, r2, r3", IT, FLAGS_NOQ, FLAGS, 0x0000
        Q       "qadd r0, r2, r3"
        Q       "qsub r0, r2, r3"
        Q       "qdadd r0, r2, r3"
        Q       "qdsub r0, r2, r3"
        Q       "qadd r2, r2, r2"
        Q       "qdsub r3, r3, r3"

@ Parallel add/subtract: S and U set GE, the others leave it.
        PAR     s, H
        PAR     q, H
        PAR     sh, H
        PAR     u, H
        PAR     uq, H
        PAR     uh, H
        B       "sel r0, r2, r3"
        NCASE   "sel r0, r2, r3 (random)", "sel r0, r2, r3", IT, FLAGS, FLAGS, 0x2222
        NCASE   "sadd8 then sel", "sadd8 r0, r2, r3; sel r1, r2, r3", IT, FLAGS, FLAGS, 0x3333
        NCASE   "usub16 then sel", "usub16 r0, r2, r3; sel r1, r3, r2", IT, FLAGS, FLAGS, 0x5555
        B       "usad8 r0, r2, r3"
        B       "usada8 r0, r2, r3, r1"
        NCASE   "usada8 r0, r2, r3, r1 (random)", "usada8 r0, r2, r3, r1", IT, FLAGS, FLAGS, 0x2222

@ Extends, plain and accumulating, with every rotation.
        ROT     "sxtb r0, r2"
        ROT     "sxth r0, r2"
        ROT     "sxtb16 r0, r2"
        ROT     "uxtb r0, r2"
        ROT     "uxth r0, r2"
        ROT     "uxtb16 r0, r2"
        ROT     "sxtab r0, r1, r2"
        ROT     "sxtah r0, r1, r2"
        ROT     "sxtab16 r0, r1, r2"
        ROT     "uxtab r0, r1, r2"
        ROT     "uxtah r0, r1, r2"
        ROT     "uxtab16 r0, r1, r2"

@ Packing.
        H       "pkhbt r0, r2, r3"
        H       "pkhbt r0, r2, r3, lsl #1"
        H       "pkhbt r0, r2, r3, lsl #15"
        H       "pkhbt r0, r2, r3, lsl #16"
        H       "pkhbt r0, r2, r3, lsl #31"
        H       "pkhtb r0, r2, r3, asr #1"
        H       "pkhtb r0, r2, r3, asr #15"
        H       "pkhtb r0, r2, r3, asr #16"
        H       "pkhtb r0, r2, r3, asr #31"
        H       "pkhtb r0, r2, r3, asr #32"

@ Reversal and counting.
        H       "rev r0, r2"
        H       "rev16 r0, r2"
        H       "revsh r0, r2"
        H       "rbit r0, r2"
        CASE    "clz r0, r2", IT, FLAGS, FLAGS, 0x0000
        NCASE   "clz r0, r2 (random)", "clz r0, r2", IT, FLAGS, FLAGS, 0x0202
        NCASE   "clz of (random >> 0-31)", "lsr r2, r3, r2; clz r0, r2", IT, FLAGS, FLAGS, 0x2400

@ Bit fields.
        BF      "bfi r0, r2,"
        BF      "bfc r0,"
        BF      "ubfx r0, r2,"
        BF      "sbfx r0, r2,"

@ Saturation, with the optional shift; Q reports saturation.
        Q       "ssat r0, #1, r2", 0x2222
        Q       "ssat r0, #8, r2"
        Q       "ssat r0, #16, r2"
        Q       "ssat r0, #32, r2"
        Q       "ssat r0, #8, r2, lsl #4"
        Q       "ssat r0, #16, r2, lsl #31"
        Q       "ssat r0, #24, r2, asr #1"
        Q       "ssat r0, #12, r2, asr #20"
        Q       "ssat r0, #9, r2, asr #31"
        Q       "ssat r0, #30, r2, asr #32"
        Q       "usat r0, #0, r2"
        Q       "usat r0, #1, r2"
        Q       "usat r0, #8, r2"
        Q       "usat r0, #16, r2", 0x2222
        Q       "usat r0, #31, r2"
        Q       "usat r0, #8, r2, lsl #3"
        Q       "usat r0, #15, r2, asr #7"
        Q       "usat r0, #4, r2, asr #32"
        Q       "ssat16 r0, #1, r2"
        Q       "ssat16 r0, #8, r2"
        Q       "ssat16 r0, #16, r2"
        Q       "usat16 r0, #0, r2"
        Q       "usat16 r0, #4, r2"
        Q       "usat16 r0, #15, r2"

@ Wide immediates.
        CASE    "movw r0, #0xabcd", 16, FLAGS, FLAGS, 0x2222
        CASE    "movt r0, #0x1234", 16, FLAGS, FLAGS, 0x2222
        CASE    "movw r1, #0; movt r1, #0xffff", 16, FLAGS, FLAGS, 0x2222
        CASE    "movt r2, #0x8000; movw r2, #0x7fff", 16, FLAGS, FLAGS, 0x2222

        .text
        .global main
main:
        push    {lr}
        PUTS    "media: saturating, parallel, extend, pack, bit-field and saturate instructions\n"
        bl      run_all_cases
        pop     {lr}
        bx      lr

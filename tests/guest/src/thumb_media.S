@ thumb_media: the Thumb-2 encodings of the media, multiply and divide
@ instructions, with the case lists of media.S, mul.S and div.S (the S forms of
@ the long multiplies do not exist in Thumb; MULS is the 16-bit form, and the
@ conditional forms are in IT blocks): saturating arithmetic, parallel
@ add/subtract with GE, SEL, USAD8, extends with rotation, packing, reversal,
@ CLZ, bit fields, saturation, MOVW/MOVT, the 32- and 64-bit, halfword, dual
@ and most-significant-word multiplies, SDIV/UDIV.
        .include "lib.inc"
        .include "thumb.inc"

        .equ IT_MEDIA, 96
        .equ IT_MUL, 192
        .equ IT_DIV, 384
        .equ FLAGS, 0xf80f0000          @ NZCVQ + GE
        .equ FLAGS_NOQ, 0xf00f0000      @ NZCV + GE (Q starts clear)

@ Case with byte-pattern operands, random NZCVQ+GE.
        .macro B insn
        TCASE   "\insn", IT_MEDIA, FLAGS, FLAGS, 0x3333
        .endm
@ Case with halfword-pattern operands, random NZCVQ+GE.
        .macro H insn
        TCASE   "\insn", IT_MEDIA, FLAGS, FLAGS, 0x5555
        .endm
@ Case that may set Q: Q starts clear.
        .macro Q insn, kinds=0x5555
        TCASE   "\insn", IT_MEDIA, FLAGS_NOQ, FLAGS, \kinds
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
        TCASE   "\insn #0, #1", IT_MEDIA, FLAGS, FLAGS, 0x0000
        TCASE   "\insn #0, #32", IT_MEDIA, FLAGS, FLAGS, 0x0000
        TCASE   "\insn #4, #8", IT_MEDIA, FLAGS, FLAGS, 0x0000
        TCASE   "\insn #31, #1", IT_MEDIA, FLAGS, FLAGS, 0x0000
        TCASE   "\insn #16, #16", IT_MEDIA, FLAGS, FLAGS, 0x0000
        TCASE   "\insn #7, #13", IT_MEDIA, FLAGS, FLAGS, 0x0000
        TCASE   "\insn #1, #31", IT_MEDIA, FLAGS, FLAGS, 0x0000
        TCASE   "\insn #20, #12", IT_MEDIA, FLAGS, FLAGS, 0x0000
        .endm

@ Saturating add/subtract (QADD Rd, Rm, Rn).
        TNCASE  "qadd r0, r2, r3 (mixed)", "qadd r0, r2, r3", IT_MEDIA, FLAGS_NOQ, FLAGS, 0x0000
        TNCASE  "qsub r0, r2, r3 (mixed)", "qsub r0, r2, r3", IT_MEDIA, FLAGS_NOQ, FLAGS, 0x0000
        TNCASE  "qdadd r0, r2, r3 (mixed)", "qdadd r0, r2, r3", IT_MEDIA, FLAGS_NOQ, FLAGS, 0x0000
        TNCASE  "qdsub r0, r2, r3 (mixed)", "qdsub r0, r2, r3", IT_MEDIA, FLAGS_NOQ, FLAGS, 0x0000
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
        TNCASE  "sel r0, r2, r3 (random)", "sel r0, r2, r3", IT_MEDIA, FLAGS, FLAGS, 0x2222
        TNCASE  "sadd8 then sel", "sadd8 r0, r2, r3; sel r1, r2, r3", IT_MEDIA, FLAGS, FLAGS, 0x3333
        TNCASE  "usub16 then sel", "usub16 r0, r2, r3; sel r1, r3, r2", IT_MEDIA, FLAGS, FLAGS, 0x5555
        B       "usad8 r0, r2, r3"
        B       "usada8 r0, r2, r3, r1"
        TNCASE  "usada8 r0, r2, r3, r1 (random)", "usada8 r0, r2, r3, r1", IT_MEDIA, FLAGS, FLAGS, 0x2222

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
        TCASE   "clz r0, r2", IT_MEDIA, FLAGS, FLAGS, 0x0000
        TNCASE  "clz r0, r2 (random)", "clz r0, r2", IT_MEDIA, FLAGS, FLAGS, 0x0202
        TNCASE  "clz of (random >> 0-31)", "lsr r2, r3, r2; clz r0, r2", IT_MEDIA, FLAGS, FLAGS, 0x2400

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
        Q       "ssat r0, #30, r2, asr #31"
        Q       "usat r0, #0, r2"
        Q       "usat r0, #1, r2"
        Q       "usat r0, #8, r2"
        Q       "usat r0, #16, r2", 0x2222
        Q       "usat r0, #31, r2"
        Q       "usat r0, #8, r2, lsl #3"
        Q       "usat r0, #15, r2, asr #7"
        Q       "usat r0, #4, r2, asr #30"
        Q       "ssat16 r0, #1, r2"
        Q       "ssat16 r0, #8, r2"
        Q       "ssat16 r0, #16, r2"
        Q       "usat16 r0, #0, r2"
        Q       "usat16 r0, #4, r2"
        Q       "usat16 r0, #15, r2"

@ Wide immediates.
        TCASE   "movw r0, #0xabcd", 16, FLAGS, FLAGS, 0x2222
        TCASE   "movt r0, #0x1234", 16, FLAGS, FLAGS, 0x2222
        TCASE   "movw r1, #0; movt r1, #0xffff", 16, FLAGS, FLAGS, 0x2222
        TCASE   "movt r2, #0x8000; movw r2, #0x7fff", 16, FLAGS, FLAGS, 0x2222

@ Multiplies. One case; operands favour halfword edge values (0x8000, 0x7fff, ...).
        .macro M insn
        TCASE   "\insn", IT_MUL, 0xf0000000, 0xf8000000, 0x5555
        .endm
@ One case with uniformly mixed operands (K_MIX).
        .macro MX insn
        TCASE   "\insn", IT_MUL, 0xf0000000, 0xf8000000, 0x0000
        .endm
@ The four <x><y> halfword selections of \op, with operands \args.
        .macro XY op, args
        M       "\op\()bb \args"
        M       "\op\()bt \args"
        M       "\op\()tb \args"
        M       "\op\()tt \args"
        .endm
@ \op and its X (exchange) form.
        .macro X op, args
        M       "\op \args"
        M       "\op\()x \args"
        .endm
@ \op and its R (round) form.
        .macro R op, args
        M       "\op \args"
        M       "\op\()r \args"
        .endm

        MX      "mul r0, r2, r3"
        MX      "muls.n r0, r2, r0"
        MX      "mul r0, r0, r0"
        MX      "mla r0, r2, r3, r1"
        MX      "mla r0, r0, r1, r0"
        MX      "mls r0, r2, r3, r1"
        MX      "mls r3, r3, r3, r3"
        MX      "umull r0, r1, r2, r3"
        MX      "umull r0, r1, r1, r0"
        MX      "umlal r0, r1, r2, r3"
        MX      "smull r0, r1, r2, r3"
        MX      "smull r1, r0, r0, r1"
        MX      "smlal r0, r1, r2, r3"
        MX      "umaal r0, r1, r2, r3"
        TNCASE  "umaal r0, r1, r2, r3 (halfword edges)", "umaal r0, r1, r2, r3", IT_MUL, 0xf0000000, 0xf8000000, 0x5555
        MX      "it ne; mulne.n r0, r2, r0"
        MX      "it ge; smlalge r0, r1, r2, r3"

        XY      smla, "r0, r2, r3, r1"
        XY      smul, "r0, r2, r3"
        XY      smlal, "r0, r1, r2, r3"
        M       "smlawb r0, r2, r3, r1"
        M       "smlawt r0, r2, r3, r1"
        M       "smulwb r0, r2, r3"
        M       "smulwt r0, r2, r3"
        X       smuad, "r0, r2, r3"
        X       smusd, "r0, r2, r3"
        X       smlad, "r0, r2, r3, r1"
        X       smlsd, "r0, r2, r3, r1"
        X       smlald, "r0, r1, r2, r3"
        X       smlsld, "r0, r1, r2, r3"
        R       smmul, "r0, r2, r3"
        R       smmla, "r0, r2, r3, r1"
        R       smmls, "r0, r2, r3, r1"
        TNCASE  "smmulr r0, r2, r3 (mixed)", "smmulr r0, r2, r3", IT_MUL, 0xf0000000, 0xf8000000, 0x0000
        TNCASE  "smmlar r0, r2, r3, r1 (mixed)", "smmlar r0, r2, r3, r1", IT_MUL, 0xf0000000, 0xf8000000, 0x0000
        TNCASE  "smmlsr r0, r2, r3, r1 (mixed)", "smmlsr r0, r2, r3, r1", IT_MUL, 0xf0000000, 0xf8000000, 0x0000
@ Q is sticky: a saturating accumulate under a Q flag that is already set.
        TNCASE  "smlabb with Q set", "mov r4, #0x08000000; msr APSR_nzcvq, r4; smlabb r0, r2, r3, r1", IT_MUL, 0, 0xf8000000, 0x5555

@ Fixed operands for overflows that random halfwords almost never reach.
        TNCASE  "smuad 0x80008000 * 0x80008000 (Q)", "MOV32 r2, 0x80008000; mov r3, r2; smuad r0, r2, r3", 16, 0xf0000000, 0xf8000000
        TNCASE  "smuadx 0x80008000 * 0x80008000 (Q)", "MOV32 r2, 0x80008000; mov r3, r2; smuadx r0, r2, r3", 16, 0xf0000000, 0xf8000000
        TNCASE  "smusd 0x80008000 * 0x80008000 (no Q)", "MOV32 r2, 0x80008000; mov r3, r2; smusd r0, r2, r3", 16, 0xf0000000, 0xf8000000
        TNCASE  "smlad 0x7fff7fff^2 + 0x7fffffff (Q)", "MOV32 r2, 0x7fff7fff; mov r3, r2; mvn r1, #0x80000000; smlad r0, r2, r3, r1", 16, 0xf0000000, 0xf8000000
        TNCASE  "smlald 0x80008000^2 (no Q)", "MOV32 r2, 0x80008000; mov r3, r2; smlald r0, r1, r2, r3", 16, 0xf0000000, 0xf8000000
        TNCASE  "smlabb 0x8000^2 + 0x40000000 (Q)", "mov r2, #0x8000; mov r3, r2; mov r1, #0x40000000; smlabb r0, r2, r3, r1", 16, 0xf0000000, 0xf8000000
        TNCASE  "smlawt 0x80000000*0x8000 + 0x80000000 (Q)", "mov r2, #0x80000000; mov r3, r2; mov r1, r2; smlawt r0, r2, r3, r1", 16, 0xf0000000, 0xf8000000
        TNCASE  "smmlar rounding carry", "mvn r2, #0; mov r3, #1; mvn r1, #0; smmlar r0, r2, r3, r1", 16, 0xf0000000, 0xf8000000

@ Divides.
        TCASE   "sdiv r0, r2, r3", IT_DIV, 0xf8000000, 0xf8000000, 0x0000
        TCASE   "udiv r0, r2, r3", IT_DIV, 0xf8000000, 0xf8000000, 0x0000
        TNCASE  "sdiv r0, r2, r3 (divisor 0-31)", "sdiv r0, r2, r3", IT_DIV, 0xf8000000, 0xf8000000, 0x4000
        TNCASE  "udiv r0, r2, r3 (divisor 0-31)", "udiv r0, r2, r3", IT_DIV, 0xf8000000, 0xf8000000, 0x4000
        TNCASE  "sdiv r0, r2, r3 (both 0-31)", "sdiv r0, r2, r3", IT_DIV, 0xf8000000, 0xf8000000, 0x4400
        TNCASE  "udiv r0, r2, r3 (both 0-31)", "udiv r0, r2, r3", IT_DIV, 0xf8000000, 0xf8000000, 0x4400
        TCASE   "sdiv r3, r3, r3", IT_DIV, 0xf8000000, 0xf8000000, 0x0000
        TCASE   "udiv r2, r2, r1", IT_DIV, 0xf8000000, 0xf8000000, 0x0000
        TCASE   "it gt; sdivgt r0, r2, r3", IT_DIV, 0xf8000000, 0xf8000000, 0x0000


        .text
        .global main
main:
        push    {lr}
        PUTS    "thumb_media: Thumb media, multiply and divide instructions\n"
        bl      run_all_cases
        pop     {lr}
        bx      lr

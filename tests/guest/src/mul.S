@ mul: multiply and multiply-accumulate instructions, 32- and 64-bit, halfword
@ and dual forms, most-significant-word forms and UMAAL. r0/r1 are
@ destinations/accumulators, r2/r3 the multiplicands, all random (with edge
@ halfwords); NZCV start random and Q clear; r0-r3 and NZCVQ are hashed.
        .include "lib.inc"

        .equ IT, 768

@ One case; operands favour halfword edge values (0x8000, 0x7fff, ...).
        .macro M insn
        CASE    "\insn", IT, 0xf0000000, 0xf8000000, 0x5555
        .endm
@ One case with uniformly mixed operands (K_MIX).
        .macro MX insn
        CASE    "\insn", IT, 0xf0000000, 0xf8000000, 0x0000
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
        MX      "muls r0, r2, r3"
        MX      "mul r0, r0, r0"
        MX      "mla r0, r2, r3, r1"
        MX      "mlas r0, r2, r3, r1"
        MX      "mla r0, r0, r1, r0"
        MX      "mls r0, r2, r3, r1"
        MX      "mls r3, r3, r3, r3"
        MX      "umull r0, r1, r2, r3"
        MX      "umulls r0, r1, r2, r3"
        MX      "umull r0, r1, r1, r0"
        MX      "umlal r0, r1, r2, r3"
        MX      "umlals r0, r1, r2, r3"
        MX      "smull r0, r1, r2, r3"
        MX      "smulls r0, r1, r2, r3"
        MX      "smull r1, r0, r0, r1"
        MX      "smlal r0, r1, r2, r3"
        MX      "smlals r0, r1, r2, r3"
        MX      "smlals r1, r0, r2, r3"
        MX      "umaal r0, r1, r2, r3"
        NCASE   "umaal r0, r1, r2, r3 (halfword edges)", "umaal r0, r1, r2, r3", IT, 0xf0000000, 0xf8000000, 0x5555
        MX      "mulsne r0, r2, r3"
        MX      "smlalsge r0, r1, r2, r3"

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
        NCASE   "smmulr r0, r2, r3 (mixed)", "smmulr r0, r2, r3", IT, 0xf0000000, 0xf8000000, 0x0000
        NCASE   "smmlar r0, r2, r3, r1 (mixed)", "smmlar r0, r2, r3, r1", IT, 0xf0000000, 0xf8000000, 0x0000
        NCASE   "smmlsr r0, r2, r3, r1 (mixed)", "smmlsr r0, r2, r3, r1", IT, 0xf0000000, 0xf8000000, 0x0000
@ Q is sticky: a saturating accumulate under a Q flag that is already set.
        NCASE   "smlabb with Q set", "msr APSR_nzcvq, #0x08000000; smlabb r0, r2, r3, r1", IT, 0, 0xf8000000, 0x5555

@ Fixed operands for overflows that random halfwords almost never reach.
        NCASE   "smuad 0x80008000 * 0x80008000 (Q)", "MOV32 r2, 0x80008000; mov r3, r2; smuad r0, r2, r3", 16, 0xf0000000, 0xf8000000
        NCASE   "smuadx 0x80008000 * 0x80008000 (Q)", "MOV32 r2, 0x80008000; mov r3, r2; smuadx r0, r2, r3", 16, 0xf0000000, 0xf8000000
        NCASE   "smusd 0x80008000 * 0x80008000 (no Q)", "MOV32 r2, 0x80008000; mov r3, r2; smusd r0, r2, r3", 16, 0xf0000000, 0xf8000000
        NCASE   "smlad 0x7fff7fff^2 + 0x7fffffff (Q)", "MOV32 r2, 0x7fff7fff; mov r3, r2; mvn r1, #0x80000000; smlad r0, r2, r3, r1", 16, 0xf0000000, 0xf8000000
        NCASE   "smlald 0x80008000^2 (no Q)", "MOV32 r2, 0x80008000; mov r3, r2; smlald r0, r1, r2, r3", 16, 0xf0000000, 0xf8000000
        NCASE   "smlabb 0x8000^2 + 0x40000000 (Q)", "mov r2, #0x8000; mov r3, r2; mov r1, #0x40000000; smlabb r0, r2, r3, r1", 16, 0xf0000000, 0xf8000000
        NCASE   "smlawt 0x80000000*0x8000 + 0x80000000 (Q)", "mov r2, #0x80000000; mov r3, r2; mov r1, r2; smlawt r0, r2, r3, r1", 16, 0xf0000000, 0xf8000000
        NCASE   "smmlar rounding carry", "mvn r2, #0; mov r3, #1; mvn r1, #0; smmlar r0, r2, r3, r1", 16, 0xf0000000, 0xf8000000

        .text
        .global main
main:
        push    {lr}
        PUTS    "mul: multiply instructions\n"
        bl      run_all_cases
        pop     {lr}
        bx      lr

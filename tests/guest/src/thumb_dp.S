@ thumb_dp: Thumb-2 and 16-bit Thumb data processing. T32 ALU operations with
@ every modified-immediate kind (replicated bytes keep C, rotated constants set
@ it from bit 31), every shifted-register form and register-controlled shifts;
@ T16 forms outside an IT block (they set the flags) and inside one (they do
@ not); high-register ADD/MOV/CMP; ADR, ADDW/SUBW, MOVW/MOVT, SP arithmetic;
@ saturation, bit fields and PKH. r0 = Rn, r1 = Rm, r2 = a shift amount in its
@ bottom byte, r3 = Rd's old value; NZCVQ start random and are hashed.
        .include "lib.inc"
        .include "thumb.inc"

        .equ IT_SHORT, 64
        .equ IT_LONG, 160

@ One case; r2 is generated as a shift amount.
        .macro T insn, iters=IT_SHORT
        TCASE   "\insn", \iters, 0xf8000000, 0xf8000000, 0x0100
        .endm

@ The modified-immediate kinds after the prefix \p ("and.w r3, r0,").
        .macro IMMS p
        T       "\p #0xab"
        T       "\p #0x00ab00ab"
        T       "\p #0xab00ab00"
        T       "\p #0xabababab"
        T       "\p #0xff000000"
        T       "\p #0x3fc"
        T       "\p #0x80000000"
        T       "\p #0x7f800000"
        T       "\p #0x1fe"
        .endm

@ The shifted-register forms after the prefix \p.
        .macro REGS p
        T       "\p r1"
        T       "\p r1, lsl #1"
        T       "\p r1, lsl #17"
        T       "\p r1, lsl #31"
        T       "\p r1, lsr #1"
        T       "\p r1, lsr #16"
        T       "\p r1, lsr #32"
        T       "\p r1, asr #1"
        T       "\p r1, asr #15"
        T       "\p r1, asr #32"
        T       "\p r1, ror #1"
        T       "\p r1, ror #16"
        T       "\p r1, ror #31"
        T       "\p r1, rrx"
        .endm

@ MOV with a shifted register, in its shift-instruction spelling; \s is "" or "s".
        .macro MOVREGS op, sfx
        T       "\op\().w r3, r1"
        T       "lsl\sfx r3, r1, #1"
        T       "lsl\sfx r3, r1, #17"
        T       "lsl\sfx r3, r1, #31"
        T       "lsr\sfx r3, r1, #1"
        T       "lsr\sfx r3, r1, #16"
        T       "lsr\sfx r3, r1, #32"
        T       "asr\sfx r3, r1, #1"
        T       "asr\sfx r3, r1, #15"
        T       "asr\sfx r3, r1, #32"
        T       "ror\sfx r3, r1, #1"
        T       "ror\sfx r3, r1, #16"
        T       "ror\sfx r3, r1, #31"
        .endm

@ Rd, Rn, operand: with and without S, immediate and register operands.
        .macro OP3 op
        IMMS    "\op\().w r3, r0,"
        IMMS    "\op\()s.w r3, r0,"
        REGS    "\op\().w r3, r0,"
        REGS    "\op\()s.w r3, r0,"
        .endm

@ Compare forms.
        .macro CMP2 op
        IMMS    "\op\().w r0,"
        REGS    "\op\().w r0,"
        .endm

        OP3     and
        OP3     bic
        OP3     orr
        OP3     orn
        OP3     eor
        OP3     add
        OP3     adc
        OP3     sbc
        OP3     sub
        OP3     rsb
        CMP2    tst
        CMP2    teq
        CMP2    cmn
        CMP2    cmp
        IMMS    "mov.w r3,"
        IMMS    "movs.w r3,"
        IMMS    "mvn.w r3,"
        IMMS    "mvns.w r3,"
        MOVREGS mov, .w
        MOVREGS movs, s.w
        T       "rrx r3, r1"
        T       "rrxs r3, r1"
        REGS    "mvn.w r3,"
        REGS    "mvns.w r3,"

@ Register-controlled shifts (MOV with a shift by register).
        T       "lsl.w r3, r1, r2", IT_LONG
        T       "lsls.w r3, r1, r2", IT_LONG
        T       "lsr.w r3, r1, r2", IT_LONG
        T       "lsrs.w r3, r1, r2", IT_LONG
        T       "asr.w r3, r1, r2", IT_LONG
        T       "asrs.w r3, r1, r2", IT_LONG
        T       "ror.w r3, r1, r2", IT_LONG
        T       "rors.w r3, r1, r2", IT_LONG

@ 16-bit forms outside an IT block set the flags.
        T       "adds.n r3, r0, r1"
        T       "subs.n r3, r0, r1"
        T       "adds.n r3, r0, #5"
        T       "subs.n r3, r0, #7"
        T       "movs.n r3, #0x9c"
        T       "cmp.n r0, #0x80"
        T       "adds.n r0, #0xff"
        T       "subs.n r0, #1"
        T       "movs.n r3, r1"
        T       "lsls.n r3, r1, #1"
        T       "lsls.n r3, r1, #31"
        T       "lsrs.n r3, r1, #1"
        T       "lsrs.n r3, r1, #32"
        T       "asrs.n r3, r1, #5"
        T       "asrs.n r3, r1, #32"
        T       "ands.n r3, r1"
        T       "eors.n r3, r1"
        T       "lsls.n r3, r2", IT_LONG
        T       "lsrs.n r3, r2", IT_LONG
        T       "asrs.n r3, r2", IT_LONG
        T       "rors.n r3, r2", IT_LONG
        T       "adcs.n r3, r1"
        T       "sbcs.n r3, r1"
        T       "tst.n r0, r1"
        T       "negs.n r3, r1"
        T       "cmp.n r0, r1"
        T       "cmn.n r0, r1"
        T       "orrs.n r3, r1"
        T       "muls.n r3, r1, r3"
        T       "bics.n r3, r1"
        T       "mvns.n r3, r1"

@ Inside an IT block the same encodings leave the flags alone.
        T       "it cs; addcs.n r3, r0, r1"
        T       "it cc; subcc.n r3, r0, r1"
        T       "it mi; addmi.n r3, r0, #5"
        T       "it pl; movpl.n r3, #0x9c"
        T       "it vs; addvs.n r0, #0xff"
        T       "it vc; lslvc.n r3, r1, #31"
        T       "it hi; lsrhi.n r3, r1, #32"
        T       "it ls; asrls.n r3, r1, #32"
        T       "it ge; andge.n r3, r1"
        T       "it lt; eorlt.n r3, r1"
        T       "it gt; lslgt.n r3, r2", IT_LONG
        T       "it le; lsrle.n r3, r2", IT_LONG
        T       "it eq; asreq.n r3, r2", IT_LONG
        T       "it ne; rorne.n r3, r2", IT_LONG
        T       "it cs; adccs.n r3, r1"
        T       "it cs; sbccs.n r3, r1"
        T       "it cc; rsbcc.n r3, r1, #0"
        T       "it mi; orrmi.n r3, r1"
        T       "it pl; mulpl.n r3, r1, r3"
        T       "it vs; bicvs.n r3, r1"
        T       "it vc; mvnvc.n r3, r1"
        T       "ite eq; addeq.n r3, r0, r1; subne.n r3, r0, r1"
        T       "itt ne; cmpne.n r0, r1; addne.n r3, r0, r1"

@ High registers (ip stands for any high register).
        T       "mov ip, r1; add.n r3, ip"
        T       "mov ip, r0; cmp.n ip, r1"
        T       "mov ip, r1; cmp.n r0, ip"
        T       "mov.n r3, ip"
        T       "mov.n ip, r1; mov.n r3, ip"
        T       "add.n r3, pc"
        T       "mov ip, r0; add.n ip, r1; mov r3, ip"

@ Plain immediates, ADR and the stack pointer.
        T       "addw r3, r0, #0xabc"
        T       "subw r3, r0, #4095"
        T       "addw r3, r0, #0"
        T       "adr.w r3, 1f; adr.n r2, 1f; nop; 1: sub r3, r3, r2"
        T       "adr.w r3, .; sub r3, r3, #0x100"
        T       "movw r3, #0x1234"
        T       "movt r3, #0xfedc"
        T       "movw r3, #0xffff; movt r3, #0x8000"
        T       "mov r4, sp; mov sp, r0; add sp, #508; sub sp, #4; add.n r3, sp, #1020; mov r1, sp; mov sp, r4"
        T       "mov r4, sp; mov sp, r0; add.w sp, sp, r1; mov r3, sp; mov sp, r4"
        T       "mov r4, sp; mov sp, r0; subs.w r3, sp, #0x10000; mov sp, r4"
        T       "add r3, sp, r1, lsl #2; mov r4, sp; sub r3, r3, r4"

@ Saturation (Q is hashed), bit fields and packing.
        T       "ssat r3, #8, r0"
        T       "ssat r3, #1, r0, lsl #5"
        T       "ssat r3, #32, r0, asr #3"
        T       "ssat r3, #16, r0, asr #31"
        T       "usat r3, #31, r0"
        T       "usat r3, #0, r0, asr #1"
        T       "usat r3, #7, r0, lsl #30"
        T       "ssat16 r3, #9, r0"
        T       "ssat16 r3, #1, r0"
        T       "usat16 r3, #15, r0"
        T       "usat16 r3, #0, r0"
        T       "sbfx r3, r0, #3, #9"
        T       "sbfx r3, r0, #0, #32"
        T       "ubfx r3, r0, #31, #1"
        T       "ubfx r3, r0, #12, #20"
        T       "bfi r3, r0, #5, #11"
        T       "bfi r3, r0, #0, #32"
        T       "bfc r3, #8, #24"
        T       "pkhbt r3, r0, r1, lsl #5"
        T       "pkhbt r3, r0, r1"
        T       "pkhtb r3, r0, r1, asr #32"
        T       "pkhtb r3, r0, r1, asr #9"

        .text
        .global main
main:
        push    {lr}
        PUTS    "thumb_dp: Thumb data-processing instructions\n"
        bl      run_all_cases
        pop     {lr}
        bx      lr

@ dp: every A32 data-processing instruction with every shifter-operand form.
@ Each case runs the instruction on random operands (r0 = Rn, r1 = Rm,
@ r2 = Rs with random upper bits and an interesting shift amount in its
@ bottom byte, r3 = Rd with a random old value) under random NZCV and Q,
@ and folds the result and the resulting NZCVQ flags into a hash.
        .include "lib.inc"

        .equ IT_SHORT, 192              @ iterations for immediate and register forms
        .equ IT_LONG, 512               @ iterations for register-shifted-register forms

@ One case; r2 is generated as a shift amount.
        .macro T insn, iters=IT_SHORT
        CASE    "\insn", \iters, 0xf8000000, 0xf8000000, 0x0100
        .endm

@ All shifter-operand forms after the prefix \p ("adds r3, r0," / "tst r0," / "mov r3,").
        .macro FORMS p
        T       "\p #0xff"
        T       "\p #0xff000000"
        T       "\p #0x3fc"
        T       "\p #0xf000000f"
        T       "\p #0, 2"
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
        T       "\p r1, lsl r2", IT_LONG
        T       "\p r1, lsr r2", IT_LONG
        T       "\p r1, asr r2", IT_LONG
        T       "\p r1, ror r2", IT_LONG
        .endm

@ Rd, Rn, shifter forms, without and with S.
        .macro OP3 op
        FORMS   "\op r3, r0,"
        FORMS   "\op\()s r3, r0,"
        .endm

@ Rd, shifter forms, without and with S.
        .macro OP2 op
        FORMS   "\op r3,"
        FORMS   "\op\()s r3,"
        .endm

        OP3     and
        OP3     eor
        OP3     sub
        OP3     rsb
        OP3     add
        OP3     adc
        OP3     sbc
        OP3     rsc
        FORMS   "tst r0,"
        FORMS   "teq r0,"
        FORMS   "cmp r0,"
        FORMS   "cmn r0,"
        OP3     orr
        OP2     mov
        OP3     bic
        OP2     mvn

@ Register aliasing: the same register as several operands.
        T       "adds r3, r3, r3", IT_LONG
        T       "adcs r0, r0, r0, lsl r0", IT_LONG
        T       "subs r1, r1, r1, ror r1", IT_LONG
        T       "rscs r2, r2, r2, asr r2", IT_LONG
        T       "eors r3, r1, r1, lsr r1", IT_LONG
        T       "movs r2, r2, lsl r2", IT_LONG
        T       "mvns r2, r2, ror r2", IT_LONG
        T       "bics r0, r1, r0, asr r0", IT_LONG
@ Conditional execution of a flag-setting instruction under random flags.
        T       "addsgt r3, r0, r1", IT_LONG
        T       "subsvs r3, r0, r1, lsl r2", IT_LONG
        T       "movshi r3, r1, ror r2", IT_LONG
        T       "andsle r3, r0, r1, rrx", IT_LONG
        T       "teqcc r0, r1, lsr #32", IT_LONG

        .text
        .global main
main:
        push    {lr}
        PUTS    "dp: A32 data-processing instructions\n"
        bl      run_all_cases
        pop     {lr}
        bx      lr

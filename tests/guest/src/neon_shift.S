@ neon_shift: Advanced SIMD shifts by immediate (two registers and a shift
@ amount), element-wise forms: VSHR VSRA VRSHR VRSRA (.s/.u) VSRI VSHL VSLI
@ VQSHLU VQSHL (.s/.u), every element size, D and Q forms, shift amounts
@ 0/1 (min, min+1), max-1 and max, in-place operation, d16-d31, a Thumb
@ section and the UNDEFINED encodings of the group (see neon_shift.inc for
@ the hash lines). Narrowing and widening shifts are in neon_shift_narrow.
        .include "neon_shift.inc"

@ Right shifts: amounts 1..esize.
        .macro RSH op, dt, es
        NOP     "\op\().\dt d #1", "\op\().\dt d0, d2, #1"
        NOP     "\op\().\dt d #\es", "\op\().\dt d0, d2, #\es"
        NOP     "\op\().\dt q #1", "\op\().\dt q0, q1, #1"
        NOP     "\op\().\dt q #2", "\op\().\dt q0, q1, #2"
        NOP     "\op\().\dt q #\es-1", "\op\().\dt q0, q1, #(\es - 1)"
        NOP     "\op\().\dt q #\es", "\op\().\dt q0, q1, #\es"
        NOP     "\op\().\dt q1 in place #3", "\op\().\dt q1, q1, #3"
        .endm

@ Left shifts: amounts 0..esize-1.
        .macro LSH op, dt, es
        NOP     "\op\().\dt d #0", "\op\().\dt d0, d2, #0"
        NOP     "\op\().\dt d #\es-1", "\op\().\dt d0, d2, #(\es - 1)"
        NOP     "\op\().\dt q #0", "\op\().\dt q0, q1, #0"
        NOP     "\op\().\dt q #1", "\op\().\dt q0, q1, #1"
        NOP     "\op\().\dt q #\es-2", "\op\().\dt q0, q1, #(\es - 2)"
        NOP     "\op\().\dt q #\es-1", "\op\().\dt q0, q1, #(\es - 1)"
        NOP     "\op\().\dt q1 in place #3", "\op\().\dt q1, q1, #3"
        .endm

        .macro RSH_SU op
        RSH     \op, s8, 8
        RSH     \op, u8, 8
        RSH     \op, s16, 16
        RSH     \op, u16, 16
        RSH     \op, s32, 32
        RSH     \op, u32, 32
        RSH     \op, s64, 64
        RSH     \op, u64, 64
        .endm

        .macro LSH_ALL op, t8, t16, t32, t64
        LSH     \op, \t8, 8
        LSH     \op, \t16, 16
        LSH     \op, \t32, 32
        LSH     \op, \t64, 64
        .endm

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_shift: shifts by immediate\n"
        NEON_SETUP

        RSH_SU  vshr
        RSH_SU  vsra
        RSH_SU  vrshr
        RSH_SU  vrsra
        RSH     vsri, 8, 8
        RSH     vsri, 16, 16
        RSH     vsri, 32, 32
        RSH     vsri, 64, 64
        LSH_ALL vshl, i8, i16, i32, i64
        LSH_ALL vsli, 8, 16, 32, 64
        LSH_ALL vqshlu, s8, s16, s32, s64
        LSH_ALL vqshl, s8, s16, s32, s64
        LSH_ALL vqshl, u8, u16, u32, u64

        PUTS    "-- d16-d31\n"
        NOP     "vshr.s16 q12, q10", "vmov.f64 d20, d2; vmov.f64 d21, d3; vshr.s16 q12, q10, #5; vmov.f64 d0, d24; vmov.f64 d1, d25"
        NOP     "vsra.u64 q15, q8", "vmov.f64 d16, d2; vmov.f64 d17, d3; vmov.f64 d30, d4; vmov.f64 d31, d5; vsra.u64 q15, q8, #17; vmov.f64 d0, d30; vmov.f64 d1, d31"
        NOP     "vqshl.s32 d31, d16", "vmov.f64 d16, d2; vqshl.s32 d31, d16, #9; vmov.f64 d0, d31"
        NOP     "vsli.8 d17, d18", "vmov.f64 d18, d2; vmov.f64 d17, d4; vsli.8 d17, d18, #3; vmov.f64 d0, d17"

        PUTS    "-- accumulate chains and QC stickiness\n"
        NOP     "vsra.s8 x3", "vsra.s8 q0, q1, #1; vsra.s8 q0, q0, #2; vsra.s8 d1, d0, #7"
        NOP     "vrsra.u32 x2", "vrsra.u32 q0, q1, #31; vrsra.u32 q3, q0, #1"
        NOP     "vqshl.u8 then vshr", "vqshl.u8 q0, q1, #4; vshr.u8 q0, q0, #1"
        NOP     "QC kept", "MOV32 r0, FPSCR_QC; vmsr fpscr, r0; vqshl.s8 d0, d2, #0"
        NOP     "QC from one lane", "vqshlu.s64 d0, d2, #0; vqshl.s64 d1, d3, #1"

        PUTS    "-- thumb\n"
        NOPT    "T vshr.s8 q #3", "vshr.s8 q0, q1, #3"
        NOPT    "T vrsra.u16 d #16", "vrsra.u16 d0, d2, #16"
        NOPT    "T vsri.32 q #7", "vsri.32 q0, q1, #7"
        NOPT    "T vsli.64 d #40", "vsli.64 d0, d2, #40"
        NOPT    "T vqshlu.s16 q #9", "vqshlu.s16 q0, q2, #9"
        NOPT    "T vqshl.u64 q #63", "vqshl.u64 q0, q1, #63"
        NOPT    "T vshl.i32 d17 #31", "vmov.f64 d16, d2; vshl.i32 d17, d16, #31; vmov.f64 d0, d17"
        NOPT    "T it eq/ne vshr", "movs r0, #0; it eq; vshreq.u8 d0, d2, #2; it ne; vshrne.u8 d1, d3, #2"

        PUTS    "-- undefined encodings\n"
        TRY     "vshr.s8 q Vd odd", ".inst 0xf28f1052"
        TRY     "vshr.s8 q Vm odd", ".inst 0xf28f0053"
        TRY     "vshr.s8 d odd ok", ".inst 0xf28f1013"
        TRY     "vshr.s64 q Vd odd", ".inst 0xf2bf10d2"
        TRY     "vsri U=0", ".inst 0xf28f0452"
        TRY     "vqshlu U=0", ".inst 0xf2880652"
        TRY     "vsri.8 U=1 ok", ".inst 0xf38f0452"
        TRY     "opc 1011", ".inst 0xf2880b12"
        TRY     "opc 1011 U=1", ".inst 0xf3880b12"
        TRY     "vshrn L=1", ".inst 0xf2bf0892"
        TRY     "vshll L=1", ".inst 0xf2bf0a92"
        TRY     "vshll Q=1", ".inst 0xf2880a52"
        TRY     "vshll Vd odd", ".inst 0xf2881a12"
        TRY     "vshrn Vm odd", ".inst 0xf28f0813"
        TRY     "vshrn Vd odd ok", ".inst 0xf28f1812"
        TRY     "vqshl.u64 d ok", ".inst 0xf3bf0792"
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

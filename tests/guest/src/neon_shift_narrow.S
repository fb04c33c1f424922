@ neon_shift_narrow: Advanced SIMD narrowing and widening shifts by immediate:
@ VSHRN VRSHRN VQSHRUN VQRSHRUN VQSHRN VQRSHRN (.s/.u) from 16, 32 and 64-bit
@ elements with shift amounts 1, 2, max-1 and max, the destination D register
@ overlapping either half of the source Q register; VSHLL (.s/.u, 0, 1, max-1)
@ and VMOVL with the source overlapping the destination; d16-d31 and Thumb.
        .include "neon_shift.inc"

@ Narrowing shifts: \es is the result element size (amounts 1..es).
        .macro NSH op, dt, es
        NOP     "\op\().\dt #1", "\op\().\dt d0, q1, #1"
        NOP     "\op\().\dt #2", "\op\().\dt d1, q2, #2"
        NOP     "\op\().\dt #\es-1", "\op\().\dt d0, q1, #(\es - 1)"
        NOP     "\op\().\dt #\es", "\op\().\dt d0, q1, #\es"
        NOP     "\op\().\dt d2 of q1 #3", "\op\().\dt d2, q1, #3"
        NOP     "\op\().\dt d3 of q1 #\es/2", "\op\().\dt d3, q1, #(\es / 2)"
        .endm

        .macro NSH_ALL op, t16, t32, t64
        NSH     \op, \t16, 8
        NSH     \op, \t32, 16
        NSH     \op, \t64, 32
        .endm

@ Widening shifts: \es is the source element size (amounts 0..es-1).
        .macro WSH op, dt, es
        NOP     "\op\().\dt #0 (vmovl)", "vmovl.\dt q0, d2"
        NOP     "\op\().\dt #1", "\op\().\dt q0, d3, #1"
        NOP     "\op\().\dt #\es-1", "\op\().\dt q0, d2, #(\es - 1)"
        NOP     "\op\().\dt q1 from d3 #2", "\op\().\dt q1, d3, #2"
        NOP     "\op\().\dt q1 from d2 #\es-2", "\op\().\dt q1, d2, #(\es - 2)"
        .endm

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_shift_narrow: narrowing and widening shifts\n"
        NEON_SETUP

        NSH_ALL vshrn, i16, i32, i64
        NSH_ALL vrshrn, i16, i32, i64
        NSH_ALL vqshrun, s16, s32, s64
        NSH_ALL vqrshrun, s16, s32, s64
        NSH_ALL vqshrn, s16, s32, s64
        NSH_ALL vqshrn, u16, u32, u64
        NSH_ALL vqrshrn, s16, s32, s64
        NSH_ALL vqrshrn, u16, u32, u64

        WSH     vshll, s8, 8
        WSH     vshll, u8, 8
        WSH     vshll, s16, 16
        WSH     vshll, u16, 16
        WSH     vshll, s32, 32
        WSH     vshll, u32, 32
        NOP     "vmovl.s8", "vmovl.s8 q0, d2"
        NOP     "vmovl.u16", "vmovl.u16 q1, d3"
        NOP     "vmovl.s32", "vmovl.s32 q1, d2"
        NOP     "vmovl.u32", "vmovl.u32 q0, d3"

        PUTS    "-- d16-d31\n"
        NOP     "vqrshrn.s32 d31, q8", "vmov.f64 d16, d2; vmov.f64 d17, d3; vqrshrn.s32 d31, q8, #7; vmov.f64 d0, d31"
        NOP     "vqshrun.s64 d17, q8", "vmov.f64 d16, d2; vmov.f64 d17, d3; vqshrun.s64 d17, q8, #20; vmov.f64 d0, d17"
        NOP     "vshll.u8 q15, d30", "vmov.f64 d30, d2; vshll.u8 q15, d30, #5; vmov.f64 d0, d30; vmov.f64 d1, d31"

        PUTS    "-- thumb\n"
        NOPT    "T vqrshrun.s16 #5", "vqrshrun.s16 d0, q1, #5"
        NOPT    "T vqshrn.u64 #32", "vqshrn.u64 d3, q1, #32"
        NOPT    "T vrshrn.i32 #16", "vrshrn.i32 d2, q1, #16"
        NOPT    "T vshll.s16 #15", "vshll.s16 q1, d2, #15"
        NOPT    "T vmovl.u8", "vmovl.u8 q0, d3"
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ neon_misc: Advanced SIMD two registers, miscellaneous (integer forms):
@ VREV64 VREV32 VREV16 VPADDL VPADAL (.s/.u) VCLS VCLZ VCNT VMVN VQABS VQNEG
@ VCGT VCGE VCEQ VCLE VCLT #0 VABS VNEG, every valid element size in D and Q
@ form and in place; VMOVN VQMOVUN VQMOVN (.s/.u) with the destination
@ overlapping the source; VSHLL with the maximum shift; d16-d31, Thumb and the
@ UNDEFINED encodings (see neon_shift.inc for the hash lines).
        .include "neon_shift.inc"

@ One unary operation in D form, Q form and in place.
        .macro UN op, dt
        NOP     "\op\().\dt d", "\op\().\dt d0, d2"
        NOP     "\op\().\dt q", "\op\().\dt q0, q1"
        NOP     "\op\().\dt q in place", "\op\().\dt q2, q2"
        .endm

        .macro UN3 op, t8, t16, t32
        UN      \op, \t8
        UN      \op, \t16
        UN      \op, \t32
        .endm

@ Compare with zero.
        .macro CMP0 op
        UN3     \op, s8, s16, s32
        .endm

@ Narrowing moves: \t is the source type.
        .macro NMOV op, t
        NOP     "\op\().\t", "\op\().\t d0, q1"
        NOP     "\op\().\t d3 of q1", "\op\().\t d3, q1"
        NOP     "\op\().\t d2 of q1", "\op\().\t d2, q1"
        .endm

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_misc: two registers, miscellaneous\n"
        NEON_SETUP

        UN3     vrev64, 8, 16, 32
        UN      vrev32, 8
        UN      vrev32, 16
        UN      vrev16, 8
        UN3     vpaddl, s8, s16, s32
        UN3     vpaddl, u8, u16, u32
        UN3     vpadal, s8, s16, s32
        UN3     vpadal, u8, u16, u32
        UN3     vcls, s8, s16, s32
        UN3     vclz, i8, i16, i32
        UN      vcnt, 8
        NOP     "vmvn d", "vmvn d0, d2"
        NOP     "vmvn q", "vmvn q0, q1"
        NOP     "vmvn q in place", "vmvn q2, q2"
        UN3     vqabs, s8, s16, s32
        UN3     vqneg, s8, s16, s32
        CMP0    vcgt
        CMP0    vcge
        CMP0    vceq
        CMP0    vcle
        CMP0    vclt
        UN3     vabs, s8, s16, s32
        UN3     vneg, s8, s16, s32

        NMOV    vmovn, i16
        NMOV    vmovn, i32
        NMOV    vmovn, i64
        NMOV    vqmovun, s16
        NMOV    vqmovun, s32
        NMOV    vqmovun, s64
        NMOV    vqmovn, s16
        NMOV    vqmovn, s32
        NMOV    vqmovn, s64
        NMOV    vqmovn, u16
        NMOV    vqmovn, u32
        NMOV    vqmovn, u64

        NOP     "vshll.i8 #8", "vshll.i8 q0, d2, #8"
        NOP     "vshll.i16 #16", "vshll.i16 q0, d3, #16"
        NOP     "vshll.i32 #32", "vshll.i32 q0, d2, #32"
        NOP     "vshll.i8 q1 from d3", "vshll.i8 q1, d3, #8"
        NOP     "vshll.i32 q1 from d2", "vshll.i32 q1, d2, #32"

        PUTS    "-- d16-d31\n"
        NOP     "vpadal.s16 q9, q14", "vmov.f64 d28, d2; vmov.f64 d29, d3; vmov.f64 d18, d4; vmov.f64 d19, d5; vpadal.s16 q9, q14; vmov.f64 d0, d18; vmov.f64 d1, d19"
        NOP     "vqneg.s32 d31, d16", "vmov.f64 d16, d2; vqneg.s32 d31, d16; vmov.f64 d0, d31"
        NOP     "vqmovn.s64 d20, q10", "vmov.f64 d20, d2; vmov.f64 d21, d3; vqmovn.s64 d20, q10; vmov.f64 d0, d20"

        PUTS    "-- thumb\n"
        NOPT    "T vrev64.16 q", "vrev64.16 q0, q1"
        NOPT    "T vpadal.u32 d", "vpadal.u32 d0, d2"
        NOPT    "T vqabs.s8 q", "vqabs.s8 q0, q1"
        NOPT    "T vclt.s16 d #0", "vclt.s16 d0, d2, #0"
        NOPT    "T vqmovun.s32", "vqmovun.s32 d3, q1"
        NOPT    "T vshll.i16 #16", "vshll.i16 q1, d2, #16"
        NOPT    "T vcnt.8 d17", "vmov.f64 d16, d2; vcnt.8 d17, d16; vmov.f64 d0, d17"

        PUTS    "-- undefined encodings\n"
        TRY     "vrev64.8 q Vd odd", ".inst 0xf3b01042"
        TRY     "vrev64 size 3", ".inst 0xf3bc0002"
        TRY     "vrev32.32", ".inst 0xf3b80082"
        TRY     "vrev32.16 ok", ".inst 0xf3b40082"
        TRY     "vrev16.16", ".inst 0xf3b40102"
        TRY     "vpaddl size 3", ".inst 0xf3bc0202"
        TRY     "vcls size 3", ".inst 0xf3bc0402"
        TRY     "vcnt.16", ".inst 0xf3b40502"
        TRY     "vmvn size 1", ".inst 0xf3b40582"
        TRY     "vqabs size 3", ".inst 0xf3bc0702"
        TRY     "vcgt #0 size 3", ".inst 0xf3bd0002"
        TRY     "vabs size 3", ".inst 0xf3bd0302"
        TRY     "vabs q Vm odd", ".inst 0xf3b10343"
        TRY     "opc 00 0011", ".inst 0xf3b00182"
        TRY     "opc 01 0101 (sha1h)", ".inst 0xf3b902c2"
        TRY     "vmovn size 3", ".inst 0xf3be0202"
        TRY     "vmovn Vm odd", ".inst 0xf3b20203"
        TRY     "vmovn Vd odd ok", ".inst 0xf3b21202"
        TRY     "vqmovn size 3", ".inst 0xf3be0282"
        TRY     "vshll max size 3", ".inst 0xf3be0302"
        TRY     "vshll max Vd odd", ".inst 0xf3b21302"
        TRY     "vshll max Q=1", ".inst 0xf3b20342"
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

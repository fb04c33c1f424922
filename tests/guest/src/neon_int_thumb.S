@ neon_int_thumb: Advanced SIMD integer instructions in Thumb state (the T32
@ encodings 111u 1111 ...), conditional inside IT blocks, and the UNDEFINED
@ encodings of the integer groups in both instruction sets: odd Q registers,
@ reserved sizes, VMUL.P16, VMULL.P16/P64, VQDMULL.S8, VPADD Q, VQRDMLAH
@ (ARMv8.1), cmode 1111 with op 1, odd long destinations, scalar forms with
@ size 8, and NEON disabled by FPEXC.EN.
        .include "neon_int.inc"

@ An A32 NEON data-processing encoding as the T32 one (111u 1111 ...).
        .macro T32NEON a32
        .hword  0xef00 | ((\a32 >> 12) & 0x1000) | ((\a32 >> 16) & 0xff), (\a32) & 0xffff
        .endm

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_int_thumb: Thumb encodings and UNDEFINED cases\n"
        NEON_ENABLE

        PUTS    "-- Thumb\n"
        TNOP    "T vadd.i32 q", "vadd.i32 q0, q1, q2"
        TNOP    "T vqadd.s8 d", "vqadd.s8 d0, d2, d4"
        TNOP    "T vqsub.u64 q", "vqsub.u64 q0, q1, q2"
        TNOP    "T vshl.u16 q", "vshl.u16 q0, q1, q2", 1
        TNOP    "T vqrshl.s32 d", "vqrshl.s32 d0, d2, d4", 1
        TNOP    "T vmul.p8 q", "vmul.p8 q0, q1, q2"
        TNOP    "T vbsl q", "vbsl q0, q1, q2"
        TNOP    "T vpadd.i16", "vpadd.i16 d0, d2, d4"
        TNOP    "T vmax.u32 q", "vmax.u32 q0, q1, q2"
        TNOP    "T vqrdmulh.s16 q", "vqrdmulh.s16 q0, q1, q2"
        TNOP    "T vmlal.s16 scalar", "vmlal.s16 q0, d2, d4[3]"
        TNOP    "T vqdmulh.s32 scalar", "vqdmulh.s32 q0, q1, d5[1]"
        TNOP    "T vmla.i16 scalar", "vmla.i16 q0, q1, d7[2]"
        TNOP    "T vmull.p8", "vmull.p8 q0, d2, d4"
        TNOP    "T vmull.u32", "vmull.u32 q0, d2, d4"
        TNOP    "T vqdmlsl.s16", "vqdmlsl.s16 q0, d2, d4"
        TNOP    "T vraddhn.i64", "vraddhn.i64 d0, q1, q2"
        TNOP    "T vsubw.s8", "vsubw.s8 q0, q1, d4"
        TNOP    "T vmov/vmvn/vorr/vbic #", "vmov.i32 q0, #0x12ff; vmvn.i16 d2, #0x7f00; vorr.i32 q2, #0xab; vbic.i16 d7, #0x0081"
        TNOP    "T IT eq", "cmp r0, r0; it eq; vaddeq.i32 d0, d2, d4; it ne; vsubne.i32 d1, d3, d5"
        TNOP    "T IT ne", "cmp r0, r0; ite ne; vqaddne.s16 q0, q1, q2; vmulleq.s8 q3, d2, d4"

        PUTS    "-- UNDEFINED (ARM)\n"
        NTRAPS
        TRY     "vadd.i32 q0,q1,q2", ".word 0xf2220844"
        TRY     "vadd.i32 Vd odd", ".word 0xf2221844"
        TRY     "vadd.i32 Vn odd", ".word 0xf2230844"
        TRY     "vadd.i32 Vm odd", ".word 0xf2220845"
        TRY     "vand Q Vm odd", ".word 0xf2020155"
        TRY     "vhadd.s64", ".word 0xf2310002"
        TRY     "vmax.s64", ".word 0xf2310602"
        TRY     "vmul.i64", ".word 0xf2310912"
        TRY     "vmul.p16", ".word 0xf3110912"
        TRY     "vmul.p32", ".word 0xf3210912"
        TRY     "vqdmulh.s8", ".word 0xf2010b02"
        TRY     "vqdmulh.s64", ".word 0xf2310b02"
        TRY     "vpadd Q", ".word 0xf2120b52"
        TRY     "vpmax.s64", ".word 0xf2310a02"
        TRY     "vqrdmlah.s16", ".word 0xf3110b12"
        TRY     "vaddl.s16 Vd odd", ".word 0xf2921003"
        TRY     "vaddw.s16 Vn odd", ".word 0xf2930104"
        TRY     "vaddhn.i32 Vm odd", ".word 0xf2920405"
        TRY     "vaddhn.i32 Vd odd", ".word 0xf2921404"
        TRY     "vqdmull.s8", ".word 0xf2820d03"
        TRY     "vqdmlal U=1", ".word 0xf3920903"
        TRY     "vmull.p16", ".word 0xf2920e03"
        TRY     "vmull.p64", ".word 0xf2a20e03"
        TRY     "vmull.p8 U=1", ".word 0xf3820e03"
        TRY     "vmull.p8 Vd odd", ".word 0xf2821e03"
        TRY     "vmla.i8 scalar", ".word 0xf281004a"
        TRY     "vmla.i32 scalar Vd odd", ".word 0xf3a21062"
        TRY     "vmla.i32 scalar Vn odd", ".word 0xf3a30062"
        TRY     "vmla.i32 scalar Vm odd", ".word 0xf3a20063"
        TRY     "vmull.s16 scalar Vd odd", ".word 0xf2921a63"
        TRY     "vqdmull.s8 scalar", ".word 0xf2820b63"
        TRY     "vqdmulh.s8 scalar", ".word 0xf2820c63"
        TRY     "vmov.i32 Q Vd odd", ".word 0xf2811052"
        TRY     "vmov cmode 15 op 1", ".word 0xf2870f38"
        TRY     "vmov cmode 15 op 0", ".word 0xf2870f18"
        TRY     "vmvn cmode 14 op 1", ".word 0xf3820e35"

        PUTS    "-- UNDEFINED (Thumb)\n"
        TTRY    "T vadd.i32 q0,q1,q2", "T32NEON 0xf2220844"
        TTRY    "T vsub.i32 Vd odd", "T32NEON 0xf3221844"
        TTRY    "T vhadd.u64", "T32NEON 0xf3310002"
        TTRY    "T vmul.p16", "T32NEON 0xf3110912"
        TTRY    "T vqrdmlah.s16", "T32NEON 0xf3110b12"
        TTRY    "T vmull.p8 U=1", "T32NEON 0xf3820e03"
        TTRY    "T vmla.i32 scalar Vd odd", "T32NEON 0xf3a21062"
        TTRY    "T vmvn cmode 15 op 1", "T32NEON 0xf3870f38"

        PUTS    "-- NEON disabled\n"
        mov     r0, #0
        vmsr    fpexc, r0
        TRY     "vadd.i32 FPEXC.EN=0", "vadd.i32 d0, d2, d4"
        TTRY    "T vorr FPEXC.EN=0", "vorr q0, q1, q2"
        NEON_ENABLE
        TRY     "vadd.i32 enabled again", "vadd.i32 d0, d2, d4"

        MOV32   r0, default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

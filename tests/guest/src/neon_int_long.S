@ neon_int_long: Advanced SIMD "three registers of different lengths" (VADDL
@ VADDW VSUBL VSUBW VADDHN VRADDHN VSUBHN VRSUBHN VABAL VABDL VMLAL VMLSL VMULL
@ VQDMLAL VQDMLSL VQDMULL VMULL.P8), "two registers and a scalar", integer
@ (VMLA VMLS VMUL VMLAL VMLSL VMULL VQDMLAL VQDMLSL VQDMULL VQDMULH VQRDMULH) and
@ "one register and a modified immediate" (VMOV VMVN VORR VBIC, every cmode and
@ op, D and Q): every size, signed and unsigned, on random and boundary operands
@ with FPSCR.QC (see neon_int.inc), overlapping sources and destinations.
        .include "neon_int.inc"

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_int_long: long, narrow, scalar and immediate forms\n"
        NEON_ENABLE

        PUTS    "-- three registers of different lengths\n"
        NOP     "vaddl.s8", "vaddl.s8 q0, d2, d4"
        NOP     "vaddl.s16", "vaddl.s16 q0, d2, d4"
        NOP     "vaddl.s32", "vaddl.s32 q0, d2, d4"
        NOP     "vaddl.u8", "vaddl.u8 q0, d2, d4"
        NOP     "vaddl.u16", "vaddl.u16 q0, d2, d4"
        NOP     "vaddl.u32", "vaddl.u32 q0, d2, d4"
        NOP     "vsubl.s8", "vsubl.s8 q0, d2, d4"
        NOP     "vsubl.s16", "vsubl.s16 q0, d2, d4"
        NOP     "vsubl.s32", "vsubl.s32 q0, d2, d4"
        NOP     "vsubl.u8", "vsubl.u8 q0, d2, d4"
        NOP     "vsubl.u16", "vsubl.u16 q0, d2, d4"
        NOP     "vsubl.u32", "vsubl.u32 q0, d2, d4"
        NOP     "vabdl.s8", "vabdl.s8 q0, d2, d4"
        NOP     "vabdl.s16", "vabdl.s16 q0, d2, d4"
        NOP     "vabdl.s32", "vabdl.s32 q0, d2, d4"
        NOP     "vabdl.u8", "vabdl.u8 q0, d2, d4"
        NOP     "vabdl.u16", "vabdl.u16 q0, d2, d4"
        NOP     "vabdl.u32", "vabdl.u32 q0, d2, d4"
        NOP     "vabal.s8", "vabal.s8 q0, d2, d4"
        NOP     "vabal.s16", "vabal.s16 q0, d2, d4"
        NOP     "vabal.s32", "vabal.s32 q0, d2, d4"
        NOP     "vabal.u8", "vabal.u8 q0, d2, d4"
        NOP     "vabal.u16", "vabal.u16 q0, d2, d4"
        NOP     "vabal.u32", "vabal.u32 q0, d2, d4"
        NOP     "vmlal.s8", "vmlal.s8 q0, d2, d4"
        NOP     "vmlal.s16", "vmlal.s16 q0, d2, d4"
        NOP     "vmlal.s32", "vmlal.s32 q0, d2, d4"
        NOP     "vmlal.u8", "vmlal.u8 q0, d2, d4"
        NOP     "vmlal.u16", "vmlal.u16 q0, d2, d4"
        NOP     "vmlal.u32", "vmlal.u32 q0, d2, d4"
        NOP     "vmlsl.s8", "vmlsl.s8 q0, d2, d4"
        NOP     "vmlsl.s16", "vmlsl.s16 q0, d2, d4"
        NOP     "vmlsl.s32", "vmlsl.s32 q0, d2, d4"
        NOP     "vmlsl.u8", "vmlsl.u8 q0, d2, d4"
        NOP     "vmlsl.u16", "vmlsl.u16 q0, d2, d4"
        NOP     "vmlsl.u32", "vmlsl.u32 q0, d2, d4"
        NOP     "vmull.s8", "vmull.s8 q0, d2, d4"
        NOP     "vmull.s16", "vmull.s16 q0, d2, d4"
        NOP     "vmull.s32", "vmull.s32 q0, d2, d4"
        NOP     "vmull.u8", "vmull.u8 q0, d2, d4"
        NOP     "vmull.u16", "vmull.u16 q0, d2, d4"
        NOP     "vmull.u32", "vmull.u32 q0, d2, d4"
        NOP     "vaddw.s8", "vaddw.s8 q0, q1, d4"
        NOP     "vaddw.s16", "vaddw.s16 q0, q1, d4"
        NOP     "vaddw.s32", "vaddw.s32 q0, q1, d4"
        NOP     "vaddw.u8", "vaddw.u8 q0, q1, d4"
        NOP     "vaddw.u16", "vaddw.u16 q0, q1, d4"
        NOP     "vaddw.u32", "vaddw.u32 q0, q1, d4"
        NOP     "vsubw.s8", "vsubw.s8 q0, q1, d4"
        NOP     "vsubw.s16", "vsubw.s16 q0, q1, d4"
        NOP     "vsubw.s32", "vsubw.s32 q0, q1, d4"
        NOP     "vsubw.u8", "vsubw.u8 q0, q1, d4"
        NOP     "vsubw.u16", "vsubw.u16 q0, q1, d4"
        NOP     "vsubw.u32", "vsubw.u32 q0, q1, d4"
        NOP     "vaddhn.i16", "vaddhn.i16 d0, q1, q2"
        NOP     "vaddhn.i32", "vaddhn.i32 d0, q1, q2"
        NOP     "vaddhn.i64", "vaddhn.i64 d0, q1, q2"
        NOP     "vraddhn.i16", "vraddhn.i16 d0, q1, q2"
        NOP     "vraddhn.i32", "vraddhn.i32 d0, q1, q2"
        NOP     "vraddhn.i64", "vraddhn.i64 d0, q1, q2"
        NOP     "vsubhn.i16", "vsubhn.i16 d0, q1, q2"
        NOP     "vsubhn.i32", "vsubhn.i32 d0, q1, q2"
        NOP     "vsubhn.i64", "vsubhn.i64 d0, q1, q2"
        NOP     "vrsubhn.i16", "vrsubhn.i16 d0, q1, q2"
        NOP     "vrsubhn.i32", "vrsubhn.i32 d0, q1, q2"
        NOP     "vrsubhn.i64", "vrsubhn.i64 d0, q1, q2"
        NOP     "vqdmlal.s16", "vqdmlal.s16 q0, d2, d4"
        NOP     "vqdmlal.s32", "vqdmlal.s32 q0, d2, d4"
        NOP     "vqdmlsl.s16", "vqdmlsl.s16 q0, d2, d4"
        NOP     "vqdmlsl.s32", "vqdmlsl.s32 q0, d2, d4"
        NOP     "vqdmull.s16", "vqdmull.s16 q0, d2, d4"
        NOP     "vqdmull.s32", "vqdmull.s32 q0, d2, d4"
        NOP     "vmull.p8", "vmull.p8 q0, d2, d4"
        NOP     "vqdmlal.s16 sat", "vmov.i16 d2, #0x8000; vmov.i16 d4, #0x8000; vqdmlal.s16 q0, d2, d4"
        NOP     "vqdmlal.s32 sat", "vmov.i32 d2, #0x80000000; vorr.i32 d4, #0x80000000; vqdmlal.s32 q0, d2, d4"
        NOP     "vqdmlsl.s32 sat", "vmov.i32 d2, #0x80000000; vqdmlsl.s32 q0, d2, d4"
        PUTS    "-- overlapping registers\n"
        NOP     "vaddl.s16 q1,d2,d3", "vaddl.s16 q1, d2, d3"
        NOP     "vmull.u8 q2,d5,d4", "vmull.u8 q2, d5, d4"
        NOP     "vmull.s32 q2,d5,d4", "vmull.s32 q2, d5, d4"
        NOP     "vaddw.u16 q1,q1,d3", "vaddw.u16 q1, q1, d3"
        NOP     "vsubw.s32 q1,q1,d2", "vsubw.s32 q1, q1, d2"
        NOP     "vmlal.s16 q1,d3,d2", "vmlal.s16 q1, d3, d2"
        NOP     "vqdmlal.s32 q2,d4,d5", "vqdmlal.s32 q2, d4, d5"
        NOP     "vabal.u8 q1,d2,d3", "vabal.u8 q1, d2, d3"
        NOP     "vaddhn.i32 d2,q1,q2", "vaddhn.i32 d2, q1, q2"
        NOP     "vrsubhn.i64 d5,q1,q2", "vrsubhn.i64 d5, q1, q2"
        NOP     "vraddhn.i16 d3,q1,q1", "vraddhn.i16 d3, q1, q1"
        NOP     "vmull.p8 q1,d2,d3", "vmull.p8 q1, d2, d3"
        NOP     "vmlal.u32 q12,d30,d17", "vmov q12, q0; vmov d30, d2; vmov d17, d4; vmlal.u32 q12, d30, d17; vmov q0, q12"
        PUTS    "-- two registers and a scalar\n"
        NOP     "vmla.i16 d[1]", "vmla.i16 d0, d2, d4[1]"
        NOP     "vmla.i16 q[3]", "vmla.i16 q0, q1, d5[3]"
        NOP     "vmla.i32 d[0]", "vmla.i32 d0, d2, d4[0]"
        NOP     "vmla.i32 q[1]", "vmla.i32 q0, q1, d5[1]"
        NOP     "vmls.i16 d[1]", "vmls.i16 d0, d2, d4[1]"
        NOP     "vmls.i16 q[3]", "vmls.i16 q0, q1, d5[3]"
        NOP     "vmls.i32 d[0]", "vmls.i32 d0, d2, d4[0]"
        NOP     "vmls.i32 q[1]", "vmls.i32 q0, q1, d5[1]"
        NOP     "vmul.i16 d[1]", "vmul.i16 d0, d2, d4[1]"
        NOP     "vmul.i16 q[3]", "vmul.i16 q0, q1, d5[3]"
        NOP     "vmul.i32 d[0]", "vmul.i32 d0, d2, d4[0]"
        NOP     "vmul.i32 q[1]", "vmul.i32 q0, q1, d5[1]"
        NOP     "vqdmulh.s16 d[2]", "vqdmulh.s16 d0, d2, d4[2]"
        NOP     "vqdmulh.s16 q[0]", "vqdmulh.s16 q0, q1, d7[0]"
        NOP     "vqdmulh.s32 d[1]", "vqdmulh.s32 d0, d2, d4[1]"
        NOP     "vqdmulh.s32 q[0]", "vqdmulh.s32 q0, q1, d6[0]"
        NOP     "vqrdmulh.s16 d[2]", "vqrdmulh.s16 d0, d2, d4[2]"
        NOP     "vqrdmulh.s16 q[0]", "vqrdmulh.s16 q0, q1, d7[0]"
        NOP     "vqrdmulh.s32 d[1]", "vqrdmulh.s32 d0, d2, d4[1]"
        NOP     "vqrdmulh.s32 q[0]", "vqrdmulh.s32 q0, q1, d6[0]"
        NOP     "vmlal.s16 [3]", "vmlal.s16 q0, d2, d4[3]"
        NOP     "vmlal.s32 [1]", "vmlal.s32 q0, d2, d5[1]"
        NOP     "vmlal.u16 [3]", "vmlal.u16 q0, d2, d4[3]"
        NOP     "vmlal.u32 [1]", "vmlal.u32 q0, d2, d5[1]"
        NOP     "vmlsl.s16 [3]", "vmlsl.s16 q0, d2, d4[3]"
        NOP     "vmlsl.s32 [1]", "vmlsl.s32 q0, d2, d5[1]"
        NOP     "vmlsl.u16 [3]", "vmlsl.u16 q0, d2, d4[3]"
        NOP     "vmlsl.u32 [1]", "vmlsl.u32 q0, d2, d5[1]"
        NOP     "vmull.s16 [3]", "vmull.s16 q0, d2, d4[3]"
        NOP     "vmull.s32 [1]", "vmull.s32 q0, d2, d5[1]"
        NOP     "vmull.u16 [3]", "vmull.u16 q0, d2, d4[3]"
        NOP     "vmull.u32 [1]", "vmull.u32 q0, d2, d5[1]"
        NOP     "vqdmlal.s16 [1]", "vqdmlal.s16 q0, d2, d4[1]"
        NOP     "vqdmlal.s32 [0]", "vqdmlal.s32 q0, d2, d5[0]"
        NOP     "vqdmlsl.s16 [1]", "vqdmlsl.s16 q0, d2, d4[1]"
        NOP     "vqdmlsl.s32 [0]", "vqdmlsl.s32 q0, d2, d5[0]"
        NOP     "vqdmull.s16 [1]", "vqdmull.s16 q0, d2, d4[1]"
        NOP     "vqdmull.s32 [0]", "vqdmull.s32 q0, d2, d5[0]"
        NOP     "vmul.i32 d15[1]", "vmov d15, d4; vmul.i32 d0, d2, d15[1]"
        NOP     "vmla.i16 d7[2] q3", "vmla.i16 q3, q3, d7[2]"
        NOP     "vmull.s16 q1,d2,d3[1]", "vmull.s16 q1, d2, d3[1]"
        NOP     "vqdmull.s32 q1,d3,d2[1]", "vqdmull.s32 q1, d3, d2[1]"
        NOP     "vqrdmulh.s32 q1,q1,d3[1]", "vqrdmulh.s32 q1, q1, d3[1]"
        NOP     "vmls.i32 q10,q11,d13[1]", "vmov q10, q0; vmov q11, q1; vmov d13, d4; vmls.i32 q10, q11, d13[1]; vmov q0, q10"
        PUTS    "-- one register and a modified immediate\n"
        NOP     "cmode 0 a", "VIMMW 0, 0, 0, 0, 0xa5; VIMMW 2, 0, 1, 1, 0x5a; VIMMW 4, 0, 0, 1, 0x3c; VIMMW 7, 0, 1, 0, 0xc3", 0, 4
        NOP     "cmode 0 b", "VIMMW 0, 0, 0, 0, 0xff; VIMMW 2, 0, 1, 1, 0x0; VIMMW 4, 0, 0, 1, 0x81; VIMMW 7, 0, 1, 0, 0x7e", 0, 4
        NOP     "cmode 1 a", "VIMMW 0, 1, 0, 0, 0xa5; VIMMW 2, 1, 1, 1, 0x5a; VIMMW 4, 1, 0, 1, 0x3c; VIMMW 7, 1, 1, 0, 0xc3", 0, 4
        NOP     "cmode 1 b", "VIMMW 0, 1, 0, 0, 0xff; VIMMW 2, 1, 1, 1, 0x0; VIMMW 4, 1, 0, 1, 0x81; VIMMW 7, 1, 1, 0, 0x7e", 0, 4
        NOP     "cmode 2 a", "VIMMW 0, 2, 0, 0, 0xa5; VIMMW 2, 2, 1, 1, 0x5a; VIMMW 4, 2, 0, 1, 0x3c; VIMMW 7, 2, 1, 0, 0xc3", 0, 4
        NOP     "cmode 2 b", "VIMMW 0, 2, 0, 0, 0xff; VIMMW 2, 2, 1, 1, 0x0; VIMMW 4, 2, 0, 1, 0x81; VIMMW 7, 2, 1, 0, 0x7e", 0, 4
        NOP     "cmode 3 a", "VIMMW 0, 3, 0, 0, 0xa5; VIMMW 2, 3, 1, 1, 0x5a; VIMMW 4, 3, 0, 1, 0x3c; VIMMW 7, 3, 1, 0, 0xc3", 0, 4
        NOP     "cmode 3 b", "VIMMW 0, 3, 0, 0, 0xff; VIMMW 2, 3, 1, 1, 0x0; VIMMW 4, 3, 0, 1, 0x81; VIMMW 7, 3, 1, 0, 0x7e", 0, 4
        NOP     "cmode 4 a", "VIMMW 0, 4, 0, 0, 0xa5; VIMMW 2, 4, 1, 1, 0x5a; VIMMW 4, 4, 0, 1, 0x3c; VIMMW 7, 4, 1, 0, 0xc3", 0, 4
        NOP     "cmode 4 b", "VIMMW 0, 4, 0, 0, 0xff; VIMMW 2, 4, 1, 1, 0x0; VIMMW 4, 4, 0, 1, 0x81; VIMMW 7, 4, 1, 0, 0x7e", 0, 4
        NOP     "cmode 5 a", "VIMMW 0, 5, 0, 0, 0xa5; VIMMW 2, 5, 1, 1, 0x5a; VIMMW 4, 5, 0, 1, 0x3c; VIMMW 7, 5, 1, 0, 0xc3", 0, 4
        NOP     "cmode 5 b", "VIMMW 0, 5, 0, 0, 0xff; VIMMW 2, 5, 1, 1, 0x0; VIMMW 4, 5, 0, 1, 0x81; VIMMW 7, 5, 1, 0, 0x7e", 0, 4
        NOP     "cmode 6 a", "VIMMW 0, 6, 0, 0, 0xa5; VIMMW 2, 6, 1, 1, 0x5a; VIMMW 4, 6, 0, 1, 0x3c; VIMMW 7, 6, 1, 0, 0xc3", 0, 4
        NOP     "cmode 6 b", "VIMMW 0, 6, 0, 0, 0xff; VIMMW 2, 6, 1, 1, 0x0; VIMMW 4, 6, 0, 1, 0x81; VIMMW 7, 6, 1, 0, 0x7e", 0, 4
        NOP     "cmode 7 a", "VIMMW 0, 7, 0, 0, 0xa5; VIMMW 2, 7, 1, 1, 0x5a; VIMMW 4, 7, 0, 1, 0x3c; VIMMW 7, 7, 1, 0, 0xc3", 0, 4
        NOP     "cmode 7 b", "VIMMW 0, 7, 0, 0, 0xff; VIMMW 2, 7, 1, 1, 0x0; VIMMW 4, 7, 0, 1, 0x81; VIMMW 7, 7, 1, 0, 0x7e", 0, 4
        NOP     "cmode 8 a", "VIMMW 0, 8, 0, 0, 0xa5; VIMMW 2, 8, 1, 1, 0x5a; VIMMW 4, 8, 0, 1, 0x3c; VIMMW 7, 8, 1, 0, 0xc3", 0, 4
        NOP     "cmode 8 b", "VIMMW 0, 8, 0, 0, 0xff; VIMMW 2, 8, 1, 1, 0x0; VIMMW 4, 8, 0, 1, 0x81; VIMMW 7, 8, 1, 0, 0x7e", 0, 4
        NOP     "cmode 9 a", "VIMMW 0, 9, 0, 0, 0xa5; VIMMW 2, 9, 1, 1, 0x5a; VIMMW 4, 9, 0, 1, 0x3c; VIMMW 7, 9, 1, 0, 0xc3", 0, 4
        NOP     "cmode 9 b", "VIMMW 0, 9, 0, 0, 0xff; VIMMW 2, 9, 1, 1, 0x0; VIMMW 4, 9, 0, 1, 0x81; VIMMW 7, 9, 1, 0, 0x7e", 0, 4
        NOP     "cmode 10 a", "VIMMW 0, 10, 0, 0, 0xa5; VIMMW 2, 10, 1, 1, 0x5a; VIMMW 4, 10, 0, 1, 0x3c; VIMMW 7, 10, 1, 0, 0xc3", 0, 4
        NOP     "cmode 10 b", "VIMMW 0, 10, 0, 0, 0xff; VIMMW 2, 10, 1, 1, 0x0; VIMMW 4, 10, 0, 1, 0x81; VIMMW 7, 10, 1, 0, 0x7e", 0, 4
        NOP     "cmode 11 a", "VIMMW 0, 11, 0, 0, 0xa5; VIMMW 2, 11, 1, 1, 0x5a; VIMMW 4, 11, 0, 1, 0x3c; VIMMW 7, 11, 1, 0, 0xc3", 0, 4
        NOP     "cmode 11 b", "VIMMW 0, 11, 0, 0, 0xff; VIMMW 2, 11, 1, 1, 0x0; VIMMW 4, 11, 0, 1, 0x81; VIMMW 7, 11, 1, 0, 0x7e", 0, 4
        NOP     "cmode 12 a", "VIMMW 0, 12, 0, 0, 0xa5; VIMMW 2, 12, 1, 1, 0x5a; VIMMW 4, 12, 0, 1, 0x3c; VIMMW 7, 12, 1, 0, 0xc3", 0, 4
        NOP     "cmode 12 b", "VIMMW 0, 12, 0, 0, 0xff; VIMMW 2, 12, 1, 1, 0x0; VIMMW 4, 12, 0, 1, 0x81; VIMMW 7, 12, 1, 0, 0x7e", 0, 4
        NOP     "cmode 13 a", "VIMMW 0, 13, 0, 0, 0xa5; VIMMW 2, 13, 1, 1, 0x5a; VIMMW 4, 13, 0, 1, 0x3c; VIMMW 7, 13, 1, 0, 0xc3", 0, 4
        NOP     "cmode 13 b", "VIMMW 0, 13, 0, 0, 0xff; VIMMW 2, 13, 1, 1, 0x0; VIMMW 4, 13, 0, 1, 0x81; VIMMW 7, 13, 1, 0, 0x7e", 0, 4
        NOP     "cmode 14 a", "VIMMW 0, 14, 0, 0, 0xa5; VIMMW 2, 14, 1, 1, 0x5a; VIMMW 4, 14, 0, 1, 0x3c; VIMMW 7, 14, 1, 0, 0xc3", 0, 4
        NOP     "cmode 14 b", "VIMMW 0, 14, 0, 0, 0xff; VIMMW 2, 14, 1, 1, 0x0; VIMMW 4, 14, 0, 1, 0x81; VIMMW 7, 14, 1, 0, 0x7e", 0, 4
        NOP     "cmode 15 a", "VIMMW 0, 15, 0, 0, 0xa5; VIMMW 4, 15, 0, 1, 0x3c", 0, 4
        NOP     "cmode 15 b", "VIMMW 0, 15, 0, 0, 0xff; VIMMW 4, 15, 0, 1, 0x81", 0, 4
        NOP     "vmov.i32 q0,#0x12", "vmov.i32 q0, #0x12; vmov.i16 d2, #0xab00; vmov.i8 q2, #0xe7; vmov.i64 d6, #0xff0000ff00ffff00; vmov.f32 d7, #-0.25", 0, 2
        NOP     "vmvn.i32 q0,#0x12", "vmvn.i32 q0, #0x12ff; vmvn.i16 d2, #0x7f; vbic.i32 q2, #0x3f0000; vorr.i16 d7, #0x8100", 0, 4

        pop     {r4-r11, lr}
        bx      lr
        .ltorg

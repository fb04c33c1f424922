@ neon_fp_misc: Advanced SIMD single-precision two-register operations with
@ the standard FPSCR (see neon_fp.inc for the hash lines): VCGT VCGE VCEQ VCLE
@ VCLT #0, VABS VNEG, VRECPE VRSQRTE (F32 and U32, with sweeps over every
@ estimate table entry), VCVT between F32 and S32/U32, VCVT to and from
@ fixed point (#1 #16 #31 #32), VCVT.F16.F32 and VCVT.F32.F16 (FPSCR.AHP
@ selects the format: the third hash differs there), in D and Q forms, with
@ d16-d31 and overlapping registers; raw single cases, a Thumb section and
@ UNDEFINED encodings.
        .include "neon_fp.inc"

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_fp_misc: NEON single-precision two-register operations\n"
        VFP_ENABLE

        NOP     "vcgt.f32 q #0", "vcgt.f32 q3, q0, #0", K_NF32
        NOP     "vcgt.f32 d #0", "vcgt.f32 d6, d0, #0; vcgt.f32 d7, d3, #0", K_NF32
        NOP     "vcge.f32 q #0", "vcge.f32 q3, q0, #0", K_NF32
        NOP     "vcge.f32 d #0", "vcge.f32 d6, d1, #0; vcge.f32 d7, d0, #0", K_NF32
        NOP     "vceq.f32 q #0", "vceq.f32 q3, q0, #0", K_NF32
        NOP     "vceq.f32 d #0", "vceq.f32 d6, d0, #0; vceq.f32 d7, d2, #0", K_NF32
        NOP     "vcle.f32 q #0", "vcle.f32 q3, q0, #0", K_NF32
        NOP     "vcle.f32 d #0", "vcle.f32 d6, d0, #0; vcle.f32 d7, d5, #0", K_NF32
        NOP     "vclt.f32 q #0", "vclt.f32 q3, q0, #0", K_NF32
        NOP     "vclt.f32 d #0", "vclt.f32 d6, d1, #0; vclt.f32 d7, d4, #0", K_NF32
        NOP     "vabs.f32 q", "vabs.f32 q3, q0", K_NF32
        NOP     "vabs.f32 d", "vabs.f32 d6, d2; vabs.f32 d7, d1", K_NF32
        NOP     "vneg.f32 q", "vneg.f32 q3, q0", K_NF32
        NOP     "vneg.f32 d", "vneg.f32 d6, d0; vneg.f32 d7, d5", K_NF32
        NOP     "vrecpe.f32 q", "vrecpe.f32 q3, q0", K_NF32
        NOP     "vrecpe.f32 d", "vrecpe.f32 d6, d0; vrecpe.f32 d7, d3", K_NF32
        NOP     "vrsqrte.f32 q", "vrsqrte.f32 q3, q0", K_NF32
        NOP     "vrsqrte.f32 d", "vrsqrte.f32 d6, d1; vrsqrte.f32 d7, d4", K_NF32
        NOP     "vrecpe.u32 q", "vrecpe.u32 q3, q0", K_NI32
        NOP     "vrecpe.u32 d", "vrecpe.u32 d6, d0; vrecpe.u32 d7, d3", K_NI32
        NOP     "vrsqrte.u32 q", "vrsqrte.u32 q3, q0", K_NI32
        NOP     "vrsqrte.u32 d", "vrsqrte.u32 d6, d1; vrsqrte.u32 d7, d4", K_NI32
        NOP     "vcvt.s32.f32 q", "vcvt.s32.f32 q3, q0", K_NF32
        NOP     "vcvt.s32.f32 d", "vcvt.s32.f32 d6, d0; vcvt.s32.f32 d7, d5", K_NF32
        NOP     "vcvt.u32.f32 q", "vcvt.u32.f32 q3, q0", K_NF32
        NOP     "vcvt.u32.f32 d", "vcvt.u32.f32 d6, d2; vcvt.u32.f32 d7, d1", K_NF32
        NOP     "vcvt.f32.s32 q", "vcvt.f32.s32 q3, q0", K_NI32
        NOP     "vcvt.f32.s32 d", "vcvt.f32.s32 d6, d0; vcvt.f32.s32 d7, d3", K_NI32
        NOP     "vcvt.f32.u32 q", "vcvt.f32.u32 q3, q0", K_NI32
        NOP     "vcvt.f32.u32 d", "vcvt.f32.u32 d6, d1; vcvt.f32.u32 d7, d4", K_NI32

        NOP     "vcvt.s32.f32 q #1", "vcvt.s32.f32 q3, q0, #1", K_NF32
        NOP     "vcvt.s32.f32 d #16", "vcvt.s32.f32 d6, d0, #16; vcvt.s32.f32 d7, d1, #16", K_NF32
        NOP     "vcvt.s32.f32 q #31", "vcvt.s32.f32 q3, q0, #31", K_NF32
        NOP     "vcvt.s32.f32 q #32", "vcvt.s32.f32 q3, q0, #32", K_NF32
        NOP     "vcvt.u32.f32 q #1", "vcvt.u32.f32 q3, q0, #1", K_NF32
        NOP     "vcvt.u32.f32 d #16", "vcvt.u32.f32 d6, d2, #16; vcvt.u32.f32 d7, d1, #16", K_NF32
        NOP     "vcvt.u32.f32 q #31", "vcvt.u32.f32 q3, q0, #31", K_NF32
        NOP     "vcvt.u32.f32 q #32", "vcvt.u32.f32 q3, q0, #32", K_NF32
        NOP     "vcvt.f32.s32 q #1", "vcvt.f32.s32 q3, q0, #1", K_NI32
        NOP     "vcvt.f32.s32 d #16", "vcvt.f32.s32 d6, d0, #16; vcvt.f32.s32 d7, d1, #16", K_NI32
        NOP     "vcvt.f32.s32 q #31", "vcvt.f32.s32 q3, q0, #31", K_NI32
        NOP     "vcvt.f32.s32 q #32", "vcvt.f32.s32 q3, q0, #32", K_NI32
        NOP     "vcvt.f32.u32 q #1", "vcvt.f32.u32 q3, q0, #1", K_NI32
        NOP     "vcvt.f32.u32 d #16", "vcvt.f32.u32 d6, d3, #16; vcvt.f32.u32 d7, d0, #16", K_NI32
        NOP     "vcvt.f32.u32 q #31", "vcvt.f32.u32 q3, q0, #31", K_NI32
        NOP     "vcvt.f32.u32 q #32", "vcvt.f32.u32 q3, q0, #32", K_NI32

        NOP     "vcvt.f16.f32", "vcvt.f16.f32 d6, q0; vcvt.f16.f32 d7, q1", K_NF32
        NOP     "vcvt.f32.f16", "vcvt.f32.f16 q3, d0", K_NF16
        NOP     "vcvt.f32.f16 hi", "vcvt.f32.f16 q3, d1", K_NF16
        NOP     "vcvt.f16 round trip", "vcvt.f32.f16 q1, d0; vcvt.f16.f32 d6, q1; vcvt.f32.f16 q1, d1; vcvt.f16.f32 d7, q1", K_NF16

        @ d16-d31 and overlapping registers
        NOP     "vrecpe.f32 q15,q8", "vmov.f64 d16, d0; vmov.f64 d17, d1; vrecpe.f32 q15, q8; vmov.f64 d6, d30; vmov.f64 d7, d31", K_NF32
        NOP     "vcvt.s32.f32 q10 #8", "vmov.f64 d16, d0; vmov.f64 d17, d1; vcvt.s32.f32 q10, q8, #8; vmov.f64 d6, d20; vmov.f64 d7, d21", K_NF32
        NOP     "vcvt.f16.f32 d31,q15", "vmov.f64 d30, d0; vmov.f64 d31, d1; vcvt.f16.f32 d31, q15; vmov.f64 d6, d30; vmov.f64 d7, d31", K_NF32
        NOP     "vcvt.f32.f16 q3,d6", "vmov.f64 d6, d0; vmov.f64 d7, d1; vcvt.f32.f16 q3, d6", K_NF16
        NOP     "vcvt.f32.f16 q3,d7", "vmov.f64 d6, d0; vmov.f64 d7, d1; vcvt.f32.f16 q3, d7", K_NF16
        NOP     "vrsqrte.f32 q3,q3", "vmov.f64 d6, d0; vmov.f64 d7, d1; vrsqrte.f32 q3, q3", K_NF32
        NOP     "vneg.f32 q3,q3", "vmov.f64 d6, d0; vmov.f64 d7, d1; vneg.f32 q3, q3; vabs.f32 d7, d7", K_NF32

        @ every entry of the estimate tables
        SWEEP   "vrecpe.f32 sweep 2^0", "vrecpe.f32 q3, q0", 0x3f800000, 0x8000, 64
        SWEEP   "vrecpe.f32 sweep -2^-100", "vrecpe.f32 q3, q0", 0x8d800000, 0x8000, 64
        SWEEP   "vrecpe.f32 sweep exponents", "vrecpe.f32 q3, q0", 0x00000000, 0x00400000, 512
        SWEEP   "vrsqrte.f32 sweep 2^-1 2^0", "vrsqrte.f32 q3, q0", 0x3f000000, 0x8000, 128
        SWEEP   "vrsqrte.f32 sweep exponents", "vrsqrte.f32 q3, q0", 0x00000000, 0x00400000, 512
        SWEEP   "vrecpe.u32 sweep", "vrecpe.u32 q3, q0", 0x00000000, 0x00800000, 128
        SWEEP   "vrsqrte.u32 sweep", "vrsqrte.u32 q3, q0", 0x00000000, 0x00800000, 128
        SWEEP   "vcvt.u32.f32 sweep", "vcvt.u32.f32 q3, q0", 0x4e800000, 0x00100001, 128
        SWEEP   "vcvt.s32.f32 #3 sweep", "vcvt.s32.f32 q3, q0, #3", 0xcb800000, 0x00100001, 128

        PUTS    "-- single cases (q3 w3 w2 w1 w0, FPSCR)\n"
        SETQ    d0, d1, 0x3f800000, 0x00000001, 0x7e800000, 0x00800000
        RAWQ    "vrecpe 1, sub, 2^126, min", 0, "vrecpe.f32 q3, q0"
        RAWQ    "vrsqrte 1, sub, 2^126, min", 0, "vrsqrte.f32 q3, q0"
        SETQ    d0, d1, 0x80000000, 0xbf800000, 0x7f800001, 0xff800000
        RAWQ    "vrecpe -0, -1, sNaN, -inf", 0, "vrecpe.f32 q3, q0"
        RAWQ    "vrsqrte -0, -1, sNaN, -inf", 0, "vrsqrte.f32 q3, q0"
        RAWQ    "vcvt.f32.f16 AHP", 0x04000000, "vcvt.f32.f16 q3, d0"
        RAWQ    "vcvt.f32.f16 IEEE", 0, "vcvt.f32.f16 q3, d0"
        SETQ    d0, d1, 0x477ff000, 0x00000001, 0x33000000, 0x7fc00000
        RAWQ    "vcvt.f16.f32 IEEE (+ RZ FZ DN ignored)", 0x03c00000, "vcvt.f16.f32 d6, q0"
        RAWQ    "vcvt.f16.f32 AHP", 0x04000000, "vcvt.f16.f32 d6, q0"
        SETQ    d0, d1, 0x4f000000, 0xcf000001, 0x3f7fffff, 0x7f800001
        RAWQ    "vcvt.s32.f32 2^31, -2^31-, 1-, sNaN", 0, "vcvt.s32.f32 q3, q0"
        RAWQ    "vcvt.u32.f32 #32", 0x00c00000, "vcvt.u32.f32 q3, q0, #32"
        SETQ    d0, d1, 0x7fffffff, 0x80000000, 0xffffffff, 0x00000001
        RAWQ    "vcvt.f32.s32 (RZ ignored)", 0x00c00000, "vcvt.f32.s32 q3, q0"
        RAWQ    "vcvt.f32.u32 #32", 0, "vcvt.f32.u32 q3, q0, #32"
        RAWQ    "vrecpe.u32", 0, "vrecpe.u32 q3, q0"
        RAWQ    "vrsqrte.u32", 0, "vrsqrte.u32 q3, q0"

        PUTS    "-- thumb\n"
        TNOP    "t vrecpe.f32 q", "vrecpe.f32 q3, q0", K_NF32
        TNOP    "t vcvt.f32.u32 q #16", "vcvt.f32.u32 q3, q0, #16", K_NI32
        TNOP    "t vcvt.f16.f32", "vcvt.f16.f32 d6, q0; vcvt.f32.f16 q1, d6; vcvt.f16.f32 d7, q1", K_NF32
        TNOP    "t it vcgeeq/vnegne #0", "movs r0, #0; it eq; vcgeeq.f32 q3, q0, #0; it ne; vnegne.f32 q3, q0", K_NF32
        TNOP    "t it vcvtne/vrsqrteeq", "movs r0, #1; it ne; vcvtne.s32.f32 q3, q0, #4; it eq; vrsqrteeq.f32 q3, q0", K_NF32

        PUTS    "-- undefined encodings\n"
        VFP_TRAPS
        TRY     "vrecpe.f32 q odd Vd", ".word 0xf3bb1542"
        TRY     "vrecpe.f32 q odd Vm", ".word 0xf3bb0543"
        TRY     "vrecpe.f32 size 01", ".word 0xf3b70542"
        TRY     "vrecpe.u32 size 00", ".word 0xf3b30442"
        TRY     "vcgt.f32 #0 size 01 (f16)", ".word 0xf3b50442"
        TRY     "vabs.f32 size 00", ".word 0xf3b10742"
        TRY     "vneg.f32 q odd Vm", ".word 0xf3b907c3"
        TRY     "vcvt.s32.f32 size 01", ".word 0xf3b70742"
        TRY     "vcvt.f16.f32 odd Qm", ".word 0xf3b60603"
        TRY     "vcvt.f16.f32 size 10", ".word 0xf3ba0602"
        TRY     "vcvt.f16.f32 Q=1", ".word 0xf3b60642"
        TRY     "vcvt.f32.f16 odd Qd", ".word 0xf3b63700"
        TRY     "vcvt.f32.f16 Q=1", ".word 0xf3b62740"
        TRY     "vcvt fixed imm6<32", ".word 0xf29f0e52"
        TRY     "vcvt fixed q odd Vd", ".word 0xf2b01e52"
        TRY     "vcvt fixed f16 (v8.2)", ".word 0xf2b00c52"
        TRY     "vrintn.f32 (v8)", ".word 0xf3ba0442"
        TRY     "vcvta.s32.f32 (v8)", ".word 0xf3bb0042"
        TRY     "vrecpe.f32 (ok)", "vrecpe.f32 d0, d1"

        pop     {r4-r11, lr}
        bx      lr
        .ltorg

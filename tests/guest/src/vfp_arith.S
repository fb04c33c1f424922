@ vfp_arith: VFPv4 arithmetic in single and double precision under every
@ rounding mode with and without FZ and DN (see vfp.inc for the hash lines):
@ VADD VSUB VMUL VNMUL VDIV VMLA VMLS VNMLA VNMLS VFMA VFMS VFNMA VFNMS VSQRT
@ VABS VNEG VMOV (register), on special values (zeros, subnormals, min normal,
@ max, infinities, quiet and signalling NaNs with payloads, overflow and
@ underflow boundaries) and random operands; then a few single cases printed
@ raw, and cumulative flags.
        .include "vfp.inc"

        .equ RN, 0
        .equ RP, (1 << 22)
        .equ RM, (2 << 22)
        .equ RZ, (3 << 22)

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "vfp_arith: VFPv4 arithmetic\n"
        VFP_ENABLE

        VOP     "vadd.f32", "vadd.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vsub.f32", "vsub.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vmul.f32", "vmul.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vnmul.f32", "vnmul.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vdiv.f32", "vdiv.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vmla.f32", "vmov.f32 s6, s2; vmla.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vmls.f32", "vmov.f32 s6, s2; vmls.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vnmla.f32", "vmov.f32 s6, s2; vnmla.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vnmls.f32", "vmov.f32 s6, s2; vnmls.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vfma.f32", "vmov.f32 s6, s2; vfma.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vfms.f32", "vmov.f32 s6, s2; vfms.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vfnma.f32", "vmov.f32 s6, s2; vfnma.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vfnms.f32", "vmov.f32 s6, s2; vfnms.f32 s6, s0, s1", K_F32 | K_BIN
        VOP     "vsqrt.f32", "vsqrt.f32 s6, s0", K_F32
        VOP     "vabs.f32", "vabs.f32 s7, s0", K_F32
        VOP     "vneg.f32", "vneg.f32 s6, s0", K_F32
        VOP     "vmov.f32", "vmov.f32 s7, s0", K_F32
        VOP     "vadd.f32 s31", "vmov s30, s31, r0, r1; vmov.f32 s31, s0; vadd.f32 s30, s31, s1; vmov.f32 s6, s30", K_F32 | K_BIN

        VOP     "vadd.f64", "vadd.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vsub.f64", "vsub.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vmul.f64", "vmul.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vnmul.f64", "vnmul.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vdiv.f64", "vdiv.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vmla.f64", "vmov.f64 d3, d2; vmla.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vmls.f64", "vmov.f64 d3, d2; vmls.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vnmla.f64", "vmov.f64 d3, d2; vnmla.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vnmls.f64", "vmov.f64 d3, d2; vnmls.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vfma.f64", "vmov.f64 d3, d2; vfma.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vfms.f64", "vmov.f64 d3, d2; vfms.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vfnma.f64", "vmov.f64 d3, d2; vfnma.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vfnms.f64", "vmov.f64 d3, d2; vfnms.f64 d3, d0, d1", K_F64 | K_BIN
        VOP     "vsqrt.f64", "vsqrt.f64 d3, d0", K_F64
        VOP     "vabs.f64", "vabs.f64 d3, d0", K_F64
        VOP     "vneg.f64", "vneg.f64 d3, d0", K_F64
        VOP     "vmov.f64", "vmov.f64 d3, d0", K_F64
        VOP     "vmul.f64 d16-d31", "vmov.f64 d16, d0; vmov.f64 d31, d1; vmul.f64 d20, d31, d16; vmov.f64 d3, d20", K_F64 | K_BIN

        PUTS    "-- single cases (d3 hi, lo, FPSCR)\n"
        SETS    s0, 0x3f800000                  @ 1
        SETS    s1, 0x33800000                  @ 2^-24: a tie
        RAW     "1 + 2^-24 RN", RN, "vadd.f32 s6, s0, s1"
        RAW     "1 + 2^-24 RP", RP, "vadd.f32 s6, s0, s1"
        RAW     "1 - 2^-24 RM", RM, "vsub.f32 s6, s0, s1"
        RAW     "1 - 2^-24 RZ", RZ, "vsub.f32 s6, s0, s1"
        RAW     "1 - 1 RM", RM, "vsub.f32 s6, s0, s0"
        SETS    s0, 0x00800000
        SETS    s1, 0x3f7fffff
        RAW     "minnormal * (1-ulp)", RN, "vmul.f32 s6, s0, s1"
        RAW     "minnormal * (1-ulp) FZ", FPSCR_FZ, "vmul.f32 s6, s0, s1"
        RAW     "minnormal * (1-ulp) RZ", RZ, "vmul.f32 s6, s0, s1"
        SETS    s0, 0x00000001
        RAW     "subnormal + 1 FZ", FPSCR_FZ, "vadd.f32 s6, s0, s1"
        SETS    s0, 0x7f800001
        SETS    s1, 0xffc00002
        RAW     "sNaN + qNaN", RN, "vadd.f32 s6, s0, s1"
        RAW     "qNaN + sNaN", RN, "vadd.f32 s6, s1, s0"
        RAW     "sNaN + qNaN DN", FPSCR_DN, "vadd.f32 s6, s0, s1"
        SETS    s0, 0x7f800000
        RAW     "inf - inf", RN, "vsub.f32 s6, s0, s0"
        SETS    s2, 0x00000000
        RAW     "inf * 0", RN, "vmul.f32 s6, s0, s2"
        SETD    d0, 0x3ff00000, 0x00000001      @ 1 + 2^-52
        SETD    d1, 0x3fefffff, 0xfffffffe      @ 1 - 2^-52
        SETD    d2, 0xbff00000, 0x00000000      @ -1
        RAW     "fma (1+e)(1-e) - 1", RN, "vmov.f64 d3, d2; vfma.f64 d3, d0, d1"
        RAW     "mla (1+e)(1-e) - 1", RN, "vmov.f64 d3, d2; vmla.f64 d3, d0, d1"
        SETD    d0, 0x7ff00000, 0x00000000
        SETD    d1, 0x00000000, 0x00000000
        SETD    d2, 0x7ff80000, 0x00000005
        RAW     "fma inf * 0 + qNaN", RN, "vmov.f64 d3, d2; vfma.f64 d3, d0, d1"
        SETD    d0, 0x7fe00000, 0x00000000
        RAW     "2^1023 + 2^1023 RN", RN, "vadd.f64 d3, d0, d0"
        RAW     "2^1023 + 2^1023 RZ", RZ, "vadd.f64 d3, d0, d0"
        RAW     "2^1023 * -2 RP", RP, "vnmul.f64 d3, d0, d0"

        PUTS    "-- cumulative flags\n"
        mov     r0, #0
        vmsr    fpscr, r0
        SETS    s0, 0x3f800000
        SETS    s1, 0x40400000
        SETS    s2, 0x00000000
        vdiv.f32 s3, s0, s1                     @ IXC
        vdiv.f32 s3, s0, s2                     @ DZC
        vmrs    r0, fpscr
        SHOW    "IXC then DZC", r0
        vmul.f32 s3, s0, s0                     @ exact: flags stay
        vmrs    r0, fpscr
        SHOW    "exact op keeps them", r0
        MOV32   r0, 0xf000009f
        vmsr    fpscr, r0
        vadd.f32 s3, s0, s0
        vmrs    r0, fpscr
        SHOW    "set by VMSR", r0
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ vfp_cvt: VFPv4 comparisons and conversions under every rounding mode with
@ and without FZ and DN (see vfp.inc for the hash lines): VCMP VCMPE (register
@ and #0.0), VCVT between single and double, VCVT/VCVTR to signed and unsigned
@ integers, VCVT from integers, VCVT to and from 16/32-bit fixed point (also
@ with a 16-bit immediate past 16: negative fraction bits), VCVTB/VCVTT between
@ half and single precision (IEEE and alternative formats), and every VMOV
@ immediate; then a few single cases printed raw.
        .include "vfp.inc"

        .equ RN, 0
        .equ RP, (1 << 22)
        .equ RM, (2 << 22)
        .equ RZ, (3 << 22)

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "vfp_cvt: VFPv4 comparisons and conversions\n"
        VFP_ENABLE

        VOP     "vcmp.f32", "vcmp.f32 s0, s1", K_F32 | K_BIN
        VOP     "vcmpe.f32", "vcmpe.f32 s0, s1", K_F32 | K_BIN
        VOP     "vcmp.f32 #0", "vcmp.f32 s0, #0", K_F32
        VOP     "vcmpe.f32 #0", "vcmpe.f32 s0, #0", K_F32
        VOP     "vcmp.f64", "vcmp.f64 d0, d1", K_F64 | K_BIN
        VOP     "vcmpe.f64", "vcmpe.f64 d0, d1", K_F64 | K_BIN
        VOP     "vcmp.f64 #0", "vcmp.f64 d0, #0", K_F64
        VOP     "vcmpe.f64 #0", "vcmpe.f64 d0, #0", K_F64
        VOP     "vcmp+vmrs apsr", "vcmp.f32 s0, s1; vmrs APSR_nzcv, fpscr; mrs r0, apsr; vmov s7, r0", K_F32 | K_BIN

        VOP     "vcvt.f64.f32", "vcvt.f64.f32 d3, s0", K_F32
        VOP     "vcvt.f64.f32 d17", "vcvt.f64.f32 d17, s1; vmov.f64 d3, d17", K_F32
        VOP     "vcvt.f32.f64", "vcvt.f32.f64 s6, d0", K_F64
        VOP     "vcvt.s32.f32", "vcvt.s32.f32 s6, s0", K_F32
        VOP     "vcvtr.s32.f32", "vcvtr.s32.f32 s6, s0", K_F32
        VOP     "vcvt.u32.f32", "vcvt.u32.f32 s6, s0", K_F32
        VOP     "vcvtr.u32.f32", "vcvtr.u32.f32 s6, s0", K_F32
        VOP     "vcvt.s32.f64", "vcvt.s32.f64 s6, d0", K_F64
        VOP     "vcvtr.s32.f64", "vcvtr.s32.f64 s6, d0", K_F64
        VOP     "vcvt.u32.f64", "vcvt.u32.f64 s6, d0", K_F64
        VOP     "vcvtr.u32.f64", "vcvtr.u32.f64 s6, d0", K_F64
        VOP     "vcvt.f32.s32", "vcvt.f32.s32 s6, s0", K_I32
        VOP     "vcvt.f32.u32", "vcvt.f32.u32 s6, s0", K_I32
        VOP     "vcvt.f64.s32", "vcvt.f64.s32 d3, s0", K_I32
        VOP     "vcvt.f64.u32", "vcvt.f64.u32 d3, s0", K_I32

        VOP     "vcvt.s16.f32 #0", "vmov.f32 s6, s0; vcvt.s16.f32 s6, s6, #0", K_F32
        VOP     "vcvt.s16.f32 #8", "vmov.f32 s6, s0; vcvt.s16.f32 s6, s6, #8", K_F32
        VOP     "vcvt.u16.f32 #16", "vmov.f32 s6, s0; vcvt.u16.f32 s6, s6, #16", K_F32
        VOP     "vcvt.s32.f32 #1", "vmov.f32 s6, s0; vcvt.s32.f32 s6, s6, #1", K_F32
        VOP     "vcvt.u32.f32 #32", "vmov.f32 s6, s0; vcvt.u32.f32 s6, s6, #32", K_F32
        VOP     "vcvt.s16.f64 #4", "vmov.f64 d3, d0; vcvt.s16.f64 d3, d3, #4", K_F64
        VOP     "vcvt.u16.f64 #0", "vmov.f64 d3, d0; vcvt.u16.f64 d3, d3, #0", K_F64
        VOP     "vcvt.s32.f64 #20", "vmov.f64 d3, d0; vcvt.s32.f64 d3, d3, #20", K_F64
        VOP     "vcvt.u32.f64 #3", "vmov.f64 d3, d0; vcvt.u32.f64 d3, d3, #3", K_F64
        @ 16-bit forms with imm5 = 30: fraction bits 16 - 30 = -14
        VOP     "vcvt.s16.f32 imm=30", "vmov.f32 s6, s0; .word 0xeebe3a4f", K_F32
        VOP     "vcvt.f32.u16 imm=30", "vmov.f32 s6, s0; .word 0xeebb3a4f", K_I32
        VOP     "vcvt.f32.s16 #0", "vmov.f32 s6, s0; vcvt.f32.s16 s6, s6, #0", K_I32
        VOP     "vcvt.f32.u16 #7", "vmov.f32 s6, s0; vcvt.f32.u16 s6, s6, #7", K_I32
        VOP     "vcvt.f32.s32 #31", "vmov.f32 s6, s0; vcvt.f32.s32 s6, s6, #31", K_I32
        VOP     "vcvt.f32.u32 #1", "vmov.f32 s6, s0; vcvt.f32.u32 s6, s6, #1", K_I32
        VOP     "vcvt.f64.s16 #16", "vmov.f32 s6, s0; vcvt.f64.s16 d3, d3, #16", K_I32
        VOP     "vcvt.f64.u16 #2", "vmov.f32 s6, s0; vcvt.f64.u16 d3, d3, #2", K_I32
        VOP     "vcvt.f64.s32 #32", "vmov.f32 s6, s0; vcvt.f64.s32 d3, d3, #32", K_I32
        VOP     "vcvt.f64.u32 #9", "vmov.f32 s6, s0; vcvt.f64.u32 d3, d3, #9", K_I32

        VOP     "vcvtb.f16.f32", "vcvtb.f16.f32 s6, s0", K_F32 | K_AHP
        VOP     "vcvtt.f16.f32", "vcvtt.f16.f32 s7, s0", K_F32 | K_AHP
        VOP     "vcvtb.f32.f16", "vcvtb.f32.f16 s6, s0", K_F16 | K_AHP
        VOP     "vcvtt.f32.f16", "vcvtt.f32.f16 s7, s0", K_F16 | K_AHP
        VOP     "vcvtb.f16.f32 (f16 bits)", "vcvtb.f32.f16 s1, s0; vcvtb.f16.f32 s6, s1", K_F16 | K_AHP

        PUTS    "-- vmov immediates: "
        bl      hash_reset
        ldr     r4, =vmov_imm_code
        mov     r5, #0
1:      ldr     r0, [r4]
        bic     r0, r0, #0x000f0000             @ imm8 into bits 19:16 and 3:0
        bic     r0, r0, #0x0000000f
        and     r1, r5, #0xf0
        orr     r0, r0, r1, lsl #12
        and     r1, r5, #0x0f
        orr     r0, r0, r1
        str     r0, [r4]
        ldr     r0, [r4, #4]
        bic     r0, r0, #0x000f0000
        bic     r0, r0, #0x0000000f
        and     r1, r5, #0xf0
        orr     r0, r0, r1, lsl #12
        and     r1, r5, #0x0f
        orr     r0, r0, r1
        str     r0, [r4, #4]
        bl      vmov_imm_code
        vmov    r0, s5
        bl      fold
        vmov    r0, r1, d3
        bl      fold
        mov     r0, r1
        bl      fold
        add     r5, r5, #1
        cmp     r5, #256
        blo     1b
        bl      hash_get
        bl      put_hex32
        PUTS    "\n"
        SETS    s5, 0
        vmov.f32 s5, #0.125
        vmov    r0, s5
        SHOW    "vmov.f32 #0.125", r0
        vmov.f64 d3, #-31.0
        vmov    r0, r1, d3
        SHOW    "vmov.f64 #-31 hi", r1
        SHOW    "vmov.f64 #-31 lo", r0

        PUTS    "-- single cases (d3 hi, lo, FPSCR)\n"
        SETS    s0, 0x4f000000                  @ 2^31
        RAW     "vcvt.s32 2^31", RN, "vcvt.s32.f32 s6, s0"
        SETS    s0, 0xbf000000                  @ -0.5
        RAW     "vcvt.u32 -0.5", RN, "vcvt.u32.f32 s6, s0"
        RAW     "vcvtr.u32 -0.5 RM", RM, "vcvtr.u32.f32 s6, s0"
        RAW     "vcvtr.s32 -0.5 RN", RN, "vcvtr.s32.f32 s6, s0"
        SETS    s0, 0x40200000                  @ 2.5
        RAW     "vcvtr.s32 2.5 RN", RN, "vcvtr.s32.f32 s6, s0"
        RAW     "vcvtr.s32 2.5 RP", RP, "vcvtr.s32.f32 s6, s0"
        SETS    s0, 0x7fc00000
        RAW     "vcvt.s32 NaN", RN, "vcvt.s32.f32 s6, s0"
        SETS    s0, 0x00000001
        RAW     "vcvt.s32 subnormal FZ", FPSCR_FZ, "vcvt.s32.f32 s6, s0"
        RAW     "vcvt.f64 subnormal FZ", FPSCR_FZ, "vcvt.f64.f32 d3, s0"
        SETS    s0, 0x50000000
        RAW     "vcvtb.f16 1e10", RN, "vcvtb.f16.f32 s6, s0"
        RAW     "vcvtb.f16 1e10 AHP", FPSCR_AHP, "vcvtb.f16.f32 s6, s0"
        SETS    s0, 0x7f800001
        RAW     "vcvtt.f16 sNaN", RN, "vcvtt.f16.f32 s6, s0"
        RAW     "vcvtt.f16 sNaN AHP", FPSCR_AHP, "vcvtt.f16.f32 s6, s0"
        SETD    d0, 0x7ff00001, 0x23456789
        RAW     "vcvt.f32 sNaN", RN, "vcvt.f32.f64 s6, d0"
        SETS    s0, 0xbf800000
        RAW     "vcvt.s16 #0 -1", RN, "vmov.f32 s6, s0; vcvt.s16.f32 s6, s6, #0"
        RAW     "vcvt.u16 #0 -1", RN, "vmov.f32 s6, s0; vcvt.u16.f32 s6, s6, #0"
        SETS    s0, 0x80000000
        SETS    s1, 0x00000000
        RAW     "vcmp -0 0", RN, "vcmp.f32 s0, s1"
        SETS    s1, 0x7fc00000
        RAW     "vcmp 0 qNaN", RN, "vcmp.f32 s0, s1"
        RAW     "vcmpe 0 qNaN", RN, "vcmpe.f32 s0, s1"
        pop     {r4-r11, lr}
        bx      lr
        .ltorg

@ Patched for each immediate (self-modifying code).
        .data
        .balign 4
vmov_imm_code:
        vmov.f32 s5, #1.0
        vmov.f64 d3, #1.0
        bx      lr

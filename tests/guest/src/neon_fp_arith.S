@ neon_fp_arith: Advanced SIMD single-precision arithmetic with the standard
@ FPSCR (see neon_fp.inc for the hash lines; equal hashes across the FPSCR
@ configurations show that RMode/FZ/DN do not matter): VADD VSUB VABD VMUL
@ VMLA VMLS VFMA VFMS VPADD VMAX VMIN VPMAX VPMIN VRECPS VRSQRTS VCEQ VCGE
@ VCGT VACGE VACGT in D and Q forms, VMUL/VMLA/VMLS by scalar, on special
@ values (zeros, subnormals, min normal, max, infinities, quiet and signalling
@ NaNs with payloads, overflow and underflow boundaries) and random operands;
@ d16-d31, overlapping registers, the inline fast path with and without IXC,
@ raw single cases, a Thumb section and UNDEFINED encodings.
        .include "neon_fp.inc"

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_fp_arith: NEON single-precision arithmetic\n"
        VFP_ENABLE

        NOP     "vadd.f32 q", "vadd.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vadd.f32 d", "vadd.f32 d6, d0, d2; vadd.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vsub.f32 q", "vsub.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vsub.f32 d", "vsub.f32 d6, d2, d0; vsub.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vabd.f32 q", "vabd.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vabd.f32 d", "vabd.f32 d6, d0, d2; vabd.f32 d7, d3, d1", K_NF32 | K_BIN
        NOP     "vmul.f32 q", "vmul.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vmul.f32 d", "vmul.f32 d6, d0, d2; vmul.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vmla.f32 q", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmla.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vmla.f32 d", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmla.f32 d6, d0, d2; vmla.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vmls.f32 q", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmls.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vmls.f32 d", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmls.f32 d6, d0, d2; vmls.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vfma.f32 q", "vmov.f64 d6, d4; vmov.f64 d7, d5; vfma.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vfma.f32 d", "vmov.f64 d6, d4; vmov.f64 d7, d5; vfma.f32 d6, d2, d0; vfma.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vfms.f32 q", "vmov.f64 d6, d4; vmov.f64 d7, d5; vfms.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vfms.f32 d", "vmov.f64 d6, d4; vmov.f64 d7, d5; vfms.f32 d6, d0, d2; vfms.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vmax.f32 q", "vmax.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vmax.f32 d", "vmax.f32 d6, d2, d0; vmax.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vmin.f32 q", "vmin.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vmin.f32 d", "vmin.f32 d6, d0, d2; vmin.f32 d7, d3, d1", K_NF32 | K_BIN
        NOP     "vpadd.f32", "vpadd.f32 d6, d2, d3; vpadd.f32 d7, d0, d2", K_NF32 | K_BIN
        NOP     "vpmax.f32", "vpmax.f32 d6, d2, d3; vpmax.f32 d7, d3, d0", K_NF32 | K_BIN
        NOP     "vpmin.f32", "vpmin.f32 d6, d3, d2; vpmin.f32 d7, d0, d3", K_NF32 | K_BIN
        NOP     "vrecps.f32 q", "vrecps.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vrecps.f32 d", "vrecps.f32 d6, d0, d2; vrecps.f32 d7, d3, d1", K_NF32 | K_BIN
        NOP     "vrsqrts.f32 q", "vrsqrts.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vrsqrts.f32 d", "vrsqrts.f32 d6, d2, d0; vrsqrts.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vceq.f32 q", "vceq.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vceq.f32 d", "vceq.f32 d6, d0, d2; vceq.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vcge.f32 q", "vcge.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vcge.f32 d", "vcge.f32 d6, d2, d0; vcge.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vcgt.f32 q", "vcgt.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vcgt.f32 d", "vcgt.f32 d6, d0, d2; vcgt.f32 d7, d3, d1", K_NF32 | K_BIN
        NOP     "vacge.f32 q", "vacge.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vacge.f32 d", "vacge.f32 d6, d2, d0; vacge.f32 d7, d1, d3", K_NF32 | K_BIN
        NOP     "vacgt.f32 q", "vacgt.f32 q3, q0, q1", K_NF32 | K_BIN
        NOP     "vacgt.f32 d", "vacgt.f32 d6, d0, d2; vacgt.f32 d7, d3, d1", K_NF32 | K_BIN

        NOP     "vmul.f32 q scalar", "vmul.f32 q3, q1, d0[1]", K_NF32 | K_BIN
        NOP     "vmul.f32 d scalar", "vmul.f32 d6, d2, d1[0]; vmul.f32 d7, d3, d1[1]", K_NF32 | K_BIN
        NOP     "vmla.f32 q scalar", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmla.f32 q3, q1, d0[0]", K_NF32 | K_BIN
        NOP     "vmla.f32 d scalar", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmla.f32 d6, d2, d1[1]; vmla.f32 d7, d3, d0[0]", K_NF32 | K_BIN
        NOP     "vmls.f32 q scalar", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmls.f32 q3, q1, d1[1]", K_NF32 | K_BIN
        NOP     "vmls.f32 d scalar", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmls.f32 d6, d3, d0[1]; vmls.f32 d7, d2, d1[0]", K_NF32 | K_BIN

        @ d16-d31 and overlapping registers
        NOP     "vadd.f32 q9,q8,q15", "vmov.f64 d16, d0; vmov.f64 d17, d1; vmov.f64 d30, d2; vmov.f64 d31, d3; vadd.f32 q9, q8, q15; vmov.f64 d6, d18; vmov.f64 d7, d19", K_NF32 | K_BIN
        NOP     "vmul.f32 q14 scalar d31", "vmov.f64 d20, d2; vmov.f64 d21, d3; vmov.f64 d15, d0; vmul.f32 q14, q10, d15[1]; vmov.f64 d6, d28; vmov.f64 d7, d29", K_NF32 | K_BIN
        NOP     "vsub.f32 q3,q3,q1", "vmov.f64 d6, d0; vmov.f64 d7, d1; vsub.f32 q3, q3, q1", K_NF32 | K_BIN
        NOP     "vmul.f32 q3,q1,q3", "vmov.f64 d6, d0; vmov.f64 d7, d1; vmul.f32 q3, q1, q3", K_NF32 | K_BIN
        NOP     "vadd.f32 q3,q3,q3", "vmov.f64 d6, d2; vmov.f64 d7, d3; vadd.f32 q3, q3, q3", K_NF32 | K_BIN
        NOP     "vmul.f32 q3,q3,d6[1]", "vmov.f64 d6, d2; vmov.f64 d7, d3; vmul.f32 q3, q3, d6[1]", K_NF32 | K_BIN
        NOP     "vmla.f32 q3,q3,d7[0]", "vmov.f64 d6, d2; vmov.f64 d7, d3; vmla.f32 q3, q3, d7[0]", K_NF32 | K_BIN
        NOP     "vpadd.f32 d6,d0,d6", "vmov.f64 d6, d2; vmov.f64 d7, d3; vpadd.f32 d6, d3, d6; vpmax.f32 d7, d7, d0", K_NF32 | K_BIN
        NOP     "vmax.f32 q3,q3,q1", "vmov.f64 d6, d0; vmov.f64 d7, d1; vmax.f32 q3, q3, q1; vrecps.f32 q1, q1, q1; vadd.f32 q3, q3, q1", K_NF32 | K_BIN

        @ the inline paths with FPSCR.IXC already set (and inexact results)
        NOP     "vadd+vmul ixc set", "vmrs r0, fpscr; orr r0, r0, #0x10; vmsr fpscr, r0; vadd.f32 q3, q0, q1; vmul.f32 q3, q3, q2", K_NF32 | K_BIN
        NOP     "vsub+vmul ixc clear", "vsub.f32 q3, q0, q1; vmul.f32 q3, q3, q2; vsub.f32 q3, q3, q0", K_NF32 | K_BIN

        PUTS    "-- single cases (q3 w3 w2 w1 w0, FPSCR)\n"
        SETQ    d0, d1, 0x3f800000, 0x00800000, 0x00000001, 0x7f7fffff
        SETQ    d2, d3, 0x33800000, 0x3f7fffff, 0x3f800000, 0x7f7fffff
        SETQ    d4, d5, 0x7f800001, 0xffc00002, 0x80000000, 0x00400000
        RAWQ    "vadd 1+2^-24, tiny, sub+1, max+max RN", 0x00000000, "vadd.f32 q3, q0, q1"
        RAWQ    "same RP (ignored)", 0x00400000, "vadd.f32 q3, q0, q1"
        RAWQ    "same RM+FZ+DN (ignored)", 0x03800000, "vadd.f32 q3, q0, q1"
        RAWQ    "vmul min*(1-ulp) flushes", 0x00000000, "vmul.f32 q3, q0, q1"
        RAWQ    "vsub NaNs default", 0x00000000, "vsub.f32 q3, q2, q0"
        RAWQ    "vmax NaN/zero/sub", 0x00000000, "vmax.f32 q3, q2, q0"
        RAWQ    "vmin NaN/zero/sub", 0x00000000, "vmin.f32 q3, q2, q1"
        RAWQ    "vrecps", 0x00000000, "vrecps.f32 q3, q0, q1"
        RAWQ    "vrsqrts", 0x00000000, "vrsqrts.f32 q3, q0, q1"
        RAWQ    "vceq q0 q0", 0x00000000, "vceq.f32 q3, q2, q2"
        RAWQ    "vcge q0 q0", 0x00000000, "vcge.f32 q3, q2, q2"
        SETQ    d0, d1, 0x7f800000, 0x00000000, 0xff800000, 0x80000001
        SETQ    d2, d3, 0x00000000, 0xff800000, 0x807fffff, 0x7f800000
        SETQ    d4, d5, 0x7fc00000, 0x7f800001, 0x3f800000, 0x3f800000
        RAWQ    "vrecps inf*0", 0x00000000, "vrecps.f32 q3, q0, q1"
        RAWQ    "vrsqrts inf*0", 0x00000000, "vrsqrts.f32 q3, q0, q1"
        RAWQ    "vfma inf*0+qNaN", 0x00000000, "vmov.f64 d6, d4; vmov.f64 d7, d5; vfma.f32 q3, q0, q1"
        RAWQ    "vmla inf*0+qNaN", 0x00000000, "vmov.f64 d6, d4; vmov.f64 d7, d5; vmla.f32 q3, q0, q1"
        RAWQ    "vpadd", 0x00000000, "vpadd.f32 d6, d0, d1; vpadd.f32 d7, d2, d3"
        RAWQ    "vpmin", 0x00000000, "vpmin.f32 d6, d0, d1; vpmin.f32 d7, d2, d3"

        PUTS    "-- cumulative flags\n"
        mov     r0, #0
        vmsr    fpscr, r0
        SETQ    d0, d1, 0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000
        SETQ    d2, d3, 0x40400000, 0x00000001, 0x3f800000, 0x3f800000
        vrecps.f32 q3, q0, q1
        vmrs    r0, fpscr
        SHOW    "vrecps IXC IDC", r0
        vadd.f32 q3, q0, q0
        vmrs    r0, fpscr
        SHOW    "exact op keeps them", r0
        MOV32   r0, 0xf000009f
        vmsr    fpscr, r0
        vadd.f32 q3, q0, q0
        vmrs    r0, fpscr
        SHOW    "set by VMSR", r0

        PUTS    "-- thumb\n"
        TNOP    "t vadd.f32 q", "vadd.f32 q3, q0, q1", K_NF32 | K_BIN
        TNOP    "t vmla.f32 d scalar", "vmov.f64 d6, d4; vmov.f64 d7, d5; vmla.f32 d6, d2, d1[1]; vmla.f32 d7, d3, d0[0]", K_NF32 | K_BIN
        TNOP    "t vpmax+vacgt", "vpmax.f32 d6, d2, d3; vacgt.f32 d7, d0, d2", K_NF32 | K_BIN
        TNOP    "t it vaddeq/vmulne", "movs r0, #0; it eq; vaddeq.f32 q3, q0, q1; it ne; vmulne.f32 q3, q0, q0", K_NF32 | K_BIN
        TNOP    "t it vrecpsne/vfmseq", "movs r0, #0; it ne; vrecpsne.f32 q3, q0, q1; it eq; vfmseq.f32 q3, q0, q1", K_NF32 | K_BIN

        PUTS    "-- undefined encodings\n"
        VFP_TRAPS
        TRY     "vadd.f16 (sz=1)", ".word 0xf2100d00"
        TRY     "vadd.f32 q odd Vd", ".word 0xf2003d46"
        TRY     "vadd.f32 q odd Vn", ".word 0xf2070d40"
        TRY     "vmul.f32 q odd Vm", ".word 0xf3006d51"
        TRY     "vpadd.f32 Q=1", ".word 0xf3002d40"
        TRY     "vpmin.f32 Q=1", ".word 0xf3202f40"
        TRY     "vfma.f16", ".word 0xf2103c10"
        TRY     "vrecps.f16", ".word 0xf2103f10"
        TRY     "vmaxnm.f32 (v8)", ".word 0xf3003f10"
        TRY     "vminnm.f32 (v8)", ".word 0xf3203f10"
        TRY     "U=1 b21 1101 b4=1", ".word 0xf3203d10"
        TRY     "vceq.f32 b21=1", ".word 0xf2203e00"
        TRY     "vcge.f32 b4=1 U=0", ".word 0xf2003e10"
        TRY     "vmul.f16 scalar", ".word 0xf2906940"
        TRY     "vmla size 0 scalar", ".word 0xf2806140"
        TRY     "vmul.f32 q scalar odd Vd", ".word 0xf3a07940"
        TRY     "vmls.f32 q scalar odd Vn", ".word 0xf3a16540"
        TRY     "vadd.f32 (NEON disabled)", "mov r0, #0; vmsr fpexc, r0; vadd.f32 d0, d0, d0; mov r0, #0x40000000; vmsr fpexc, r0"
        TRY     "vadd.f32 (ok)", "vadd.f32 d0, d0, d0"

        pop     {r4-r11, lr}
        bx      lr
        .ltorg

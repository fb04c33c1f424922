@ neon_int3: Advanced SIMD "three registers of the same length", integer and
@ bitwise: VHADD VQADD VRHADD VHSUB VQSUB VCGT VCGE VMAX VMIN VABD VABA (signed
@ and unsigned), VSHL VQSHL VRSHL VQRSHL (register, 8-64 bits), VADD VSUB VTST
@ VCEQ VMLA VMLS VMUL VMUL.P8 VQDMULH VQRDMULH, VAND VBIC VORR VORN VEOR VBSL
@ VBIT VBIF VMOV, VPMAX VPMIN VPADD; every size, D and Q forms, on random and
@ boundary operands with FPSCR.QC (see neon_int.inc for the hash lines); then
@ overlapping registers, d16-d31, QC stickiness and a few raw results.
        .include "neon_int.inc"

        .text
        .global main
main:
        push    {r4-r11, lr}
        PUTS    "neon_int3: three registers of the same length\n"
        NEON_ENABLE

        NOP     "vhadd.s8 d", "vhadd.s8 d0, d2, d4"
        NOP     "vhadd.s8 q", "vhadd.s8 q0, q1, q2"
        NOP     "vhadd.s16 d", "vhadd.s16 d0, d2, d4"
        NOP     "vhadd.s16 q", "vhadd.s16 q0, q1, q2"
        NOP     "vhadd.s32 d", "vhadd.s32 d0, d2, d4"
        NOP     "vhadd.s32 q", "vhadd.s32 q0, q1, q2"
        NOP     "vhadd.u8 d", "vhadd.u8 d0, d2, d4"
        NOP     "vhadd.u8 q", "vhadd.u8 q0, q1, q2"
        NOP     "vhadd.u16 d", "vhadd.u16 d0, d2, d4"
        NOP     "vhadd.u16 q", "vhadd.u16 q0, q1, q2"
        NOP     "vhadd.u32 d", "vhadd.u32 d0, d2, d4"
        NOP     "vhadd.u32 q", "vhadd.u32 q0, q1, q2"

        NOP     "vqadd.s8 d", "vqadd.s8 d0, d2, d4"
        NOP     "vqadd.s8 q", "vqadd.s8 q0, q1, q2"
        NOP     "vqadd.s16 d", "vqadd.s16 d0, d2, d4"
        NOP     "vqadd.s16 q", "vqadd.s16 q0, q1, q2"
        NOP     "vqadd.s32 d", "vqadd.s32 d0, d2, d4"
        NOP     "vqadd.s32 q", "vqadd.s32 q0, q1, q2"
        NOP     "vqadd.s64 d", "vqadd.s64 d0, d2, d4"
        NOP     "vqadd.s64 q", "vqadd.s64 q0, q1, q2"
        NOP     "vqadd.u8 d", "vqadd.u8 d0, d2, d4"
        NOP     "vqadd.u8 q", "vqadd.u8 q0, q1, q2"
        NOP     "vqadd.u16 d", "vqadd.u16 d0, d2, d4"
        NOP     "vqadd.u16 q", "vqadd.u16 q0, q1, q2"
        NOP     "vqadd.u32 d", "vqadd.u32 d0, d2, d4"
        NOP     "vqadd.u32 q", "vqadd.u32 q0, q1, q2"
        NOP     "vqadd.u64 d", "vqadd.u64 d0, d2, d4"
        NOP     "vqadd.u64 q", "vqadd.u64 q0, q1, q2"

        NOP     "vrhadd.s8 d", "vrhadd.s8 d0, d2, d4"
        NOP     "vrhadd.s8 q", "vrhadd.s8 q0, q1, q2"
        NOP     "vrhadd.s16 d", "vrhadd.s16 d0, d2, d4"
        NOP     "vrhadd.s16 q", "vrhadd.s16 q0, q1, q2"
        NOP     "vrhadd.s32 d", "vrhadd.s32 d0, d2, d4"
        NOP     "vrhadd.s32 q", "vrhadd.s32 q0, q1, q2"
        NOP     "vrhadd.u8 d", "vrhadd.u8 d0, d2, d4"
        NOP     "vrhadd.u8 q", "vrhadd.u8 q0, q1, q2"
        NOP     "vrhadd.u16 d", "vrhadd.u16 d0, d2, d4"
        NOP     "vrhadd.u16 q", "vrhadd.u16 q0, q1, q2"
        NOP     "vrhadd.u32 d", "vrhadd.u32 d0, d2, d4"
        NOP     "vrhadd.u32 q", "vrhadd.u32 q0, q1, q2"

        NOP     "vhsub.s8 d", "vhsub.s8 d0, d2, d4"
        NOP     "vhsub.s8 q", "vhsub.s8 q0, q1, q2"
        NOP     "vhsub.s16 d", "vhsub.s16 d0, d2, d4"
        NOP     "vhsub.s16 q", "vhsub.s16 q0, q1, q2"
        NOP     "vhsub.s32 d", "vhsub.s32 d0, d2, d4"
        NOP     "vhsub.s32 q", "vhsub.s32 q0, q1, q2"
        NOP     "vhsub.u8 d", "vhsub.u8 d0, d2, d4"
        NOP     "vhsub.u8 q", "vhsub.u8 q0, q1, q2"
        NOP     "vhsub.u16 d", "vhsub.u16 d0, d2, d4"
        NOP     "vhsub.u16 q", "vhsub.u16 q0, q1, q2"
        NOP     "vhsub.u32 d", "vhsub.u32 d0, d2, d4"
        NOP     "vhsub.u32 q", "vhsub.u32 q0, q1, q2"

        NOP     "vqsub.s8 d", "vqsub.s8 d0, d2, d4"
        NOP     "vqsub.s8 q", "vqsub.s8 q0, q1, q2"
        NOP     "vqsub.s16 d", "vqsub.s16 d0, d2, d4"
        NOP     "vqsub.s16 q", "vqsub.s16 q0, q1, q2"
        NOP     "vqsub.s32 d", "vqsub.s32 d0, d2, d4"
        NOP     "vqsub.s32 q", "vqsub.s32 q0, q1, q2"
        NOP     "vqsub.s64 d", "vqsub.s64 d0, d2, d4"
        NOP     "vqsub.s64 q", "vqsub.s64 q0, q1, q2"
        NOP     "vqsub.u8 d", "vqsub.u8 d0, d2, d4"
        NOP     "vqsub.u8 q", "vqsub.u8 q0, q1, q2"
        NOP     "vqsub.u16 d", "vqsub.u16 d0, d2, d4"
        NOP     "vqsub.u16 q", "vqsub.u16 q0, q1, q2"
        NOP     "vqsub.u32 d", "vqsub.u32 d0, d2, d4"
        NOP     "vqsub.u32 q", "vqsub.u32 q0, q1, q2"
        NOP     "vqsub.u64 d", "vqsub.u64 d0, d2, d4"
        NOP     "vqsub.u64 q", "vqsub.u64 q0, q1, q2"

        NOP     "vcgt.s8 d", "vcgt.s8 d0, d2, d4"
        NOP     "vcgt.s8 q", "vcgt.s8 q0, q1, q2"
        NOP     "vcgt.s16 d", "vcgt.s16 d0, d2, d4"
        NOP     "vcgt.s16 q", "vcgt.s16 q0, q1, q2"
        NOP     "vcgt.s32 d", "vcgt.s32 d0, d2, d4"
        NOP     "vcgt.s32 q", "vcgt.s32 q0, q1, q2"
        NOP     "vcgt.u8 d", "vcgt.u8 d0, d2, d4"
        NOP     "vcgt.u8 q", "vcgt.u8 q0, q1, q2"
        NOP     "vcgt.u16 d", "vcgt.u16 d0, d2, d4"
        NOP     "vcgt.u16 q", "vcgt.u16 q0, q1, q2"
        NOP     "vcgt.u32 d", "vcgt.u32 d0, d2, d4"
        NOP     "vcgt.u32 q", "vcgt.u32 q0, q1, q2"

        NOP     "vcge.s8 d", "vcge.s8 d0, d2, d4"
        NOP     "vcge.s8 q", "vcge.s8 q0, q1, q2"
        NOP     "vcge.s16 d", "vcge.s16 d0, d2, d4"
        NOP     "vcge.s16 q", "vcge.s16 q0, q1, q2"
        NOP     "vcge.s32 d", "vcge.s32 d0, d2, d4"
        NOP     "vcge.s32 q", "vcge.s32 q0, q1, q2"
        NOP     "vcge.u8 d", "vcge.u8 d0, d2, d4"
        NOP     "vcge.u8 q", "vcge.u8 q0, q1, q2"
        NOP     "vcge.u16 d", "vcge.u16 d0, d2, d4"
        NOP     "vcge.u16 q", "vcge.u16 q0, q1, q2"
        NOP     "vcge.u32 d", "vcge.u32 d0, d2, d4"
        NOP     "vcge.u32 q", "vcge.u32 q0, q1, q2"

        NOP     "vmax.s8 d", "vmax.s8 d0, d2, d4"
        NOP     "vmax.s8 q", "vmax.s8 q0, q1, q2"
        NOP     "vmax.s16 d", "vmax.s16 d0, d2, d4"
        NOP     "vmax.s16 q", "vmax.s16 q0, q1, q2"
        NOP     "vmax.s32 d", "vmax.s32 d0, d2, d4"
        NOP     "vmax.s32 q", "vmax.s32 q0, q1, q2"
        NOP     "vmax.u8 d", "vmax.u8 d0, d2, d4"
        NOP     "vmax.u8 q", "vmax.u8 q0, q1, q2"
        NOP     "vmax.u16 d", "vmax.u16 d0, d2, d4"
        NOP     "vmax.u16 q", "vmax.u16 q0, q1, q2"
        NOP     "vmax.u32 d", "vmax.u32 d0, d2, d4"
        NOP     "vmax.u32 q", "vmax.u32 q0, q1, q2"

        NOP     "vmin.s8 d", "vmin.s8 d0, d2, d4"
        NOP     "vmin.s8 q", "vmin.s8 q0, q1, q2"
        NOP     "vmin.s16 d", "vmin.s16 d0, d2, d4"
        NOP     "vmin.s16 q", "vmin.s16 q0, q1, q2"
        NOP     "vmin.s32 d", "vmin.s32 d0, d2, d4"
        NOP     "vmin.s32 q", "vmin.s32 q0, q1, q2"
        NOP     "vmin.u8 d", "vmin.u8 d0, d2, d4"
        NOP     "vmin.u8 q", "vmin.u8 q0, q1, q2"
        NOP     "vmin.u16 d", "vmin.u16 d0, d2, d4"
        NOP     "vmin.u16 q", "vmin.u16 q0, q1, q2"
        NOP     "vmin.u32 d", "vmin.u32 d0, d2, d4"
        NOP     "vmin.u32 q", "vmin.u32 q0, q1, q2"

        NOP     "vabd.s8 d", "vabd.s8 d0, d2, d4"
        NOP     "vabd.s8 q", "vabd.s8 q0, q1, q2"
        NOP     "vabd.s16 d", "vabd.s16 d0, d2, d4"
        NOP     "vabd.s16 q", "vabd.s16 q0, q1, q2"
        NOP     "vabd.s32 d", "vabd.s32 d0, d2, d4"
        NOP     "vabd.s32 q", "vabd.s32 q0, q1, q2"
        NOP     "vabd.u8 d", "vabd.u8 d0, d2, d4"
        NOP     "vabd.u8 q", "vabd.u8 q0, q1, q2"
        NOP     "vabd.u16 d", "vabd.u16 d0, d2, d4"
        NOP     "vabd.u16 q", "vabd.u16 q0, q1, q2"
        NOP     "vabd.u32 d", "vabd.u32 d0, d2, d4"
        NOP     "vabd.u32 q", "vabd.u32 q0, q1, q2"

        NOP     "vaba.s8 d", "vaba.s8 d0, d2, d4"
        NOP     "vaba.s8 q", "vaba.s8 q0, q1, q2"
        NOP     "vaba.s16 d", "vaba.s16 d0, d2, d4"
        NOP     "vaba.s16 q", "vaba.s16 q0, q1, q2"
        NOP     "vaba.s32 d", "vaba.s32 d0, d2, d4"
        NOP     "vaba.s32 q", "vaba.s32 q0, q1, q2"
        NOP     "vaba.u8 d", "vaba.u8 d0, d2, d4"
        NOP     "vaba.u8 q", "vaba.u8 q0, q1, q2"
        NOP     "vaba.u16 d", "vaba.u16 d0, d2, d4"
        NOP     "vaba.u16 q", "vaba.u16 q0, q1, q2"
        NOP     "vaba.u32 d", "vaba.u32 d0, d2, d4"
        NOP     "vaba.u32 q", "vaba.u32 q0, q1, q2"

        NOP     "vshl.s8 d", "vshl.s8 d0, d2, d4", 1
        NOP     "vshl.s8 q", "vshl.s8 q0, q1, q2", 1
        NOP     "vshl.s16 d", "vshl.s16 d0, d2, d4", 1
        NOP     "vshl.s16 q", "vshl.s16 q0, q1, q2", 1
        NOP     "vshl.s32 d", "vshl.s32 d0, d2, d4", 1
        NOP     "vshl.s32 q", "vshl.s32 q0, q1, q2", 1
        NOP     "vshl.s64 d", "vshl.s64 d0, d2, d4", 1
        NOP     "vshl.s64 q", "vshl.s64 q0, q1, q2", 1
        NOP     "vshl.u8 d", "vshl.u8 d0, d2, d4", 1
        NOP     "vshl.u8 q", "vshl.u8 q0, q1, q2", 1
        NOP     "vshl.u16 d", "vshl.u16 d0, d2, d4", 1
        NOP     "vshl.u16 q", "vshl.u16 q0, q1, q2", 1
        NOP     "vshl.u32 d", "vshl.u32 d0, d2, d4", 1
        NOP     "vshl.u32 q", "vshl.u32 q0, q1, q2", 1
        NOP     "vshl.u64 d", "vshl.u64 d0, d2, d4", 1
        NOP     "vshl.u64 q", "vshl.u64 q0, q1, q2", 1

        NOP     "vqshl.s8 d", "vqshl.s8 d0, d2, d4", 1
        NOP     "vqshl.s8 q", "vqshl.s8 q0, q1, q2", 1
        NOP     "vqshl.s16 d", "vqshl.s16 d0, d2, d4", 1
        NOP     "vqshl.s16 q", "vqshl.s16 q0, q1, q2", 1
        NOP     "vqshl.s32 d", "vqshl.s32 d0, d2, d4", 1
        NOP     "vqshl.s32 q", "vqshl.s32 q0, q1, q2", 1
        NOP     "vqshl.s64 d", "vqshl.s64 d0, d2, d4", 1
        NOP     "vqshl.s64 q", "vqshl.s64 q0, q1, q2", 1
        NOP     "vqshl.u8 d", "vqshl.u8 d0, d2, d4", 1
        NOP     "vqshl.u8 q", "vqshl.u8 q0, q1, q2", 1
        NOP     "vqshl.u16 d", "vqshl.u16 d0, d2, d4", 1
        NOP     "vqshl.u16 q", "vqshl.u16 q0, q1, q2", 1
        NOP     "vqshl.u32 d", "vqshl.u32 d0, d2, d4", 1
        NOP     "vqshl.u32 q", "vqshl.u32 q0, q1, q2", 1
        NOP     "vqshl.u64 d", "vqshl.u64 d0, d2, d4", 1
        NOP     "vqshl.u64 q", "vqshl.u64 q0, q1, q2", 1

        NOP     "vrshl.s8 d", "vrshl.s8 d0, d2, d4", 1
        NOP     "vrshl.s8 q", "vrshl.s8 q0, q1, q2", 1
        NOP     "vrshl.s16 d", "vrshl.s16 d0, d2, d4", 1
        NOP     "vrshl.s16 q", "vrshl.s16 q0, q1, q2", 1
        NOP     "vrshl.s32 d", "vrshl.s32 d0, d2, d4", 1
        NOP     "vrshl.s32 q", "vrshl.s32 q0, q1, q2", 1
        NOP     "vrshl.s64 d", "vrshl.s64 d0, d2, d4", 1
        NOP     "vrshl.s64 q", "vrshl.s64 q0, q1, q2", 1
        NOP     "vrshl.u8 d", "vrshl.u8 d0, d2, d4", 1
        NOP     "vrshl.u8 q", "vrshl.u8 q0, q1, q2", 1
        NOP     "vrshl.u16 d", "vrshl.u16 d0, d2, d4", 1
        NOP     "vrshl.u16 q", "vrshl.u16 q0, q1, q2", 1
        NOP     "vrshl.u32 d", "vrshl.u32 d0, d2, d4", 1
        NOP     "vrshl.u32 q", "vrshl.u32 q0, q1, q2", 1
        NOP     "vrshl.u64 d", "vrshl.u64 d0, d2, d4", 1
        NOP     "vrshl.u64 q", "vrshl.u64 q0, q1, q2", 1

        NOP     "vqrshl.s8 d", "vqrshl.s8 d0, d2, d4", 1
        NOP     "vqrshl.s8 q", "vqrshl.s8 q0, q1, q2", 1
        NOP     "vqrshl.s16 d", "vqrshl.s16 d0, d2, d4", 1
        NOP     "vqrshl.s16 q", "vqrshl.s16 q0, q1, q2", 1
        NOP     "vqrshl.s32 d", "vqrshl.s32 d0, d2, d4", 1
        NOP     "vqrshl.s32 q", "vqrshl.s32 q0, q1, q2", 1
        NOP     "vqrshl.s64 d", "vqrshl.s64 d0, d2, d4", 1
        NOP     "vqrshl.s64 q", "vqrshl.s64 q0, q1, q2", 1
        NOP     "vqrshl.u8 d", "vqrshl.u8 d0, d2, d4", 1
        NOP     "vqrshl.u8 q", "vqrshl.u8 q0, q1, q2", 1
        NOP     "vqrshl.u16 d", "vqrshl.u16 d0, d2, d4", 1
        NOP     "vqrshl.u16 q", "vqrshl.u16 q0, q1, q2", 1
        NOP     "vqrshl.u32 d", "vqrshl.u32 d0, d2, d4", 1
        NOP     "vqrshl.u32 q", "vqrshl.u32 q0, q1, q2", 1
        NOP     "vqrshl.u64 d", "vqrshl.u64 d0, d2, d4", 1
        NOP     "vqrshl.u64 q", "vqrshl.u64 q0, q1, q2", 1

        NOP     "vadd.i8 d", "vadd.i8 d0, d2, d4"
        NOP     "vadd.i8 q", "vadd.i8 q0, q1, q2"
        NOP     "vadd.i16 d", "vadd.i16 d0, d2, d4"
        NOP     "vadd.i16 q", "vadd.i16 q0, q1, q2"
        NOP     "vadd.i32 d", "vadd.i32 d0, d2, d4"
        NOP     "vadd.i32 q", "vadd.i32 q0, q1, q2"
        NOP     "vadd.i64 d", "vadd.i64 d0, d2, d4"
        NOP     "vadd.i64 q", "vadd.i64 q0, q1, q2"

        NOP     "vsub.i8 d", "vsub.i8 d0, d2, d4"
        NOP     "vsub.i8 q", "vsub.i8 q0, q1, q2"
        NOP     "vsub.i16 d", "vsub.i16 d0, d2, d4"
        NOP     "vsub.i16 q", "vsub.i16 q0, q1, q2"
        NOP     "vsub.i32 d", "vsub.i32 d0, d2, d4"
        NOP     "vsub.i32 q", "vsub.i32 q0, q1, q2"
        NOP     "vsub.i64 d", "vsub.i64 d0, d2, d4"
        NOP     "vsub.i64 q", "vsub.i64 q0, q1, q2"

        NOP     "vtst.8 d", "vtst.8 d0, d2, d4"
        NOP     "vtst.8 q", "vtst.8 q0, q1, q2"
        NOP     "vtst.16 d", "vtst.16 d0, d2, d4"
        NOP     "vtst.16 q", "vtst.16 q0, q1, q2"
        NOP     "vtst.32 d", "vtst.32 d0, d2, d4"
        NOP     "vtst.32 q", "vtst.32 q0, q1, q2"

        NOP     "vceq.i8 d", "vceq.i8 d0, d2, d4"
        NOP     "vceq.i8 q", "vceq.i8 q0, q1, q2"
        NOP     "vceq.i16 d", "vceq.i16 d0, d2, d4"
        NOP     "vceq.i16 q", "vceq.i16 q0, q1, q2"
        NOP     "vceq.i32 d", "vceq.i32 d0, d2, d4"
        NOP     "vceq.i32 q", "vceq.i32 q0, q1, q2"

        NOP     "vmla.i8 d", "vmla.i8 d0, d2, d4"
        NOP     "vmla.i8 q", "vmla.i8 q0, q1, q2"
        NOP     "vmla.i16 d", "vmla.i16 d0, d2, d4"
        NOP     "vmla.i16 q", "vmla.i16 q0, q1, q2"
        NOP     "vmla.i32 d", "vmla.i32 d0, d2, d4"
        NOP     "vmla.i32 q", "vmla.i32 q0, q1, q2"

        NOP     "vmls.i8 d", "vmls.i8 d0, d2, d4"
        NOP     "vmls.i8 q", "vmls.i8 q0, q1, q2"
        NOP     "vmls.i16 d", "vmls.i16 d0, d2, d4"
        NOP     "vmls.i16 q", "vmls.i16 q0, q1, q2"
        NOP     "vmls.i32 d", "vmls.i32 d0, d2, d4"
        NOP     "vmls.i32 q", "vmls.i32 q0, q1, q2"

        NOP     "vmul.i8 d", "vmul.i8 d0, d2, d4"
        NOP     "vmul.i8 q", "vmul.i8 q0, q1, q2"
        NOP     "vmul.i16 d", "vmul.i16 d0, d2, d4"
        NOP     "vmul.i16 q", "vmul.i16 q0, q1, q2"
        NOP     "vmul.i32 d", "vmul.i32 d0, d2, d4"
        NOP     "vmul.i32 q", "vmul.i32 q0, q1, q2"

        NOP     "vmul.p8 d", "vmul.p8 d0, d2, d4"
        NOP     "vmul.p8 q", "vmul.p8 q0, q1, q2"
        NOP     "vqdmulh.s16 d", "vqdmulh.s16 d0, d2, d4"
        NOP     "vqdmulh.s16 q", "vqdmulh.s16 q0, q1, q2"
        NOP     "vqdmulh.s32 d", "vqdmulh.s32 d0, d2, d4"
        NOP     "vqdmulh.s32 q", "vqdmulh.s32 q0, q1, q2"
        NOP     "vqrdmulh.s16 d", "vqrdmulh.s16 d0, d2, d4"
        NOP     "vqrdmulh.s16 q", "vqrdmulh.s16 q0, q1, q2"
        NOP     "vqrdmulh.s32 d", "vqrdmulh.s32 d0, d2, d4"
        NOP     "vqrdmulh.s32 q", "vqrdmulh.s32 q0, q1, q2"

        NOP     "vand d", "vand d0, d2, d4"
        NOP     "vand q", "vand q0, q1, q2"
        NOP     "vbic d", "vbic d0, d2, d4"
        NOP     "vbic q", "vbic q0, q1, q2"
        NOP     "vorr d", "vorr d0, d2, d4"
        NOP     "vorr q", "vorr q0, q1, q2"
        NOP     "vorn d", "vorn d0, d2, d4"
        NOP     "vorn q", "vorn q0, q1, q2"
        NOP     "veor d", "veor d0, d2, d4"
        NOP     "veor q", "veor q0, q1, q2"
        NOP     "vbsl d", "vbsl d0, d2, d4"
        NOP     "vbsl q", "vbsl q0, q1, q2"
        NOP     "vbit d", "vbit d0, d2, d4"
        NOP     "vbit q", "vbit q0, q1, q2"
        NOP     "vbif d", "vbif d0, d2, d4"
        NOP     "vbif q", "vbif q0, q1, q2"
        NOP     "vmov d", "vmov d0, d5"
        NOP     "vmov q", "vmov q0, q3"

        NOP     "vpmax.s8", "vpmax.s8 d0, d2, d4"
        NOP     "vpmax.s16", "vpmax.s16 d0, d2, d4"
        NOP     "vpmax.s32", "vpmax.s32 d0, d2, d4"
        NOP     "vpmax.u8", "vpmax.u8 d0, d2, d4"
        NOP     "vpmax.u16", "vpmax.u16 d0, d2, d4"
        NOP     "vpmax.u32", "vpmax.u32 d0, d2, d4"
        NOP     "vpmin.s8", "vpmin.s8 d0, d2, d4"
        NOP     "vpmin.s16", "vpmin.s16 d0, d2, d4"
        NOP     "vpmin.s32", "vpmin.s32 d0, d2, d4"
        NOP     "vpmin.u8", "vpmin.u8 d0, d2, d4"
        NOP     "vpmin.u16", "vpmin.u16 d0, d2, d4"
        NOP     "vpmin.u32", "vpmin.u32 d0, d2, d4"
        NOP     "vpadd.i8", "vpadd.i8 d0, d2, d4"
        NOP     "vpadd.i16", "vpadd.i16 d0, d2, d4"
        NOP     "vpadd.i32", "vpadd.i32 d0, d2, d4"

        PUTS    "-- overlapping registers, d16-d31, QC\n"
        NOP     "vadd.i32 q1,q1,q1", "vadd.i32 q1, q1, q1"
        NOP     "vqadd.s16 d2,d4,d2", "vqadd.s16 d2, d4, d2"
        NOP     "vmla.i16 q1,q1,q1", "vmla.i16 q1, q1, q1"
        NOP     "vaba.u8 d4,d4,d5", "vaba.u8 d4, d4, d5"
        NOP     "vshl.s16 q2,q1,q2", "vshl.s16 q2, q1, q2", 1
        NOP     "vqrshl.u32 d4,d4,d4", "vqrshl.u32 d4, d4, d4", 1
        NOP     "vrshl.s64 q2,q2,q3", "vrshl.s64 q2, q2, q3", 1
        NOP     "vpadd.i16 d2,d2,d3", "vpadd.i16 d2, d2, d3"
        NOP     "vpmax.s8 d3,d2,d3", "vpmax.s8 d3, d2, d3"
        NOP     "vpmin.u32 d2,d2,d2", "vpmin.u32 d2, d2, d2"
        NOP     "vbsl q1,q1,q2", "vbsl q1, q1, q2"
        NOP     "vbit q2,q1,q2", "vbit q2, q1, q2"
        NOP     "vbif q1,q2,q1", "vbif q1, q2, q1"
        NOP     "vqdmulh.s32 q2,q2,q1", "vqdmulh.s32 q2, q2, q1"
        NOP     "vmul.p8 d3,d3,d3", "vmul.p8 d3, d3, d3"
        NOP     "vadd.i8 q12,q8,q15", "vmov q8, q1; vmov q15, q2; vadd.i8 q12, q8, q15; vmov q0, q12"
        NOP     "vqsub.u32 d30,d31,d4", "vmov d31, d2; vqsub.u32 d30, d31, d4; vmov d0, d30"
        NOP     "vmls.i32 q9,q10,q11", "vmov q9, q0; vmov q10, q1; vmov q11, q2; vmls.i32 q9, q10, q11; vmov q3, q9"
        NOP     "vqdmulh.s16 d17,d29,d20", "vmov d29, d2; vmov d20, d4; vqdmulh.s16 d17, d29, d20; vmov d6, d17"
        NOP     "QC sticky", "mov r0, #FPSCR_QC; vmsr fpscr, r0; vadd.i32 q0, q1, q2"
        NOP     "QC kept by vqadd", "mov r0, #FPSCR_QC; vmsr fpscr, r0; vqadd.u8 d0, d2, d4"

        PUTS    "-- raw results (d0 hi lo, d1 hi lo, FPSCR)\n"
        SETD    d2, 0x7fffffff, 0x7f7f7fff
        SETD    d3, 0x00000001, 0x01010001
        RAW     "vqadd.s32 max+1", "vqadd.s32 d0, d2, d3"
        RAW     "vqadd.s8 max+1", "vqadd.s8 d0, d2, d3"
        RAW     "vqadd.s16 ok", "vqadd.s16 d0, d3, d3"
        RAW     "vqsub.u8 0-1", "vqsub.u8 d0, d3, d2"
        RAW     "vqadd.s64 max+1", "vqadd.s64 d0, d2, d3"
        SETD    d2, 0x80000000, 0x80008000
        RAW     "vqdmulh.s16 min*min", "vqdmulh.s16 d0, d2, d2"
        RAW     "vqrdmulh.s32 min*min", "vqrdmulh.s32 d0, d2, d2"
        RAW     "vqdmulh.s32 min*1", "vqdmulh.s32 d0, d2, d3"
        SETD    d4, 0x0000003f, 0x000000c0
        RAW     "vqshl.s64 by 63", "vqshl.s64 d0, d3, d4"
        RAW     "vqrshl.u64 by 63", "vqrshl.u64 d0, d2, d4"
        SETD    d4, 0x000000c0, 0x000000e1
        RAW     "vrshl.u32 by -64 -31", "vrshl.u32 d0, d2, d4"
        RAW     "vqrshl.s32 by -64 -31", "vqrshl.s32 d0, d2, d4"
        SETD    d4, 0x00000000, 0x000000c0
        RAW     "vrshl.u64 by -64", "vrshl.u64 d0, d2, d4"
        RAW     "vrshl.s64 by -64", "vrshl.s64 d0, d2, d4"
        SETD    d4, 0x00000000, 0x000000bf
        RAW     "vrshl.u64 by -65", "vrshl.u64 d0, d2, d4"
        SETD    d2, 0x12345678, 0x9abcdef0
        SETD    d3, 0xfedcba98, 0x76543210
        RAW     "vadd.i64", "vadd.i64 d0, d2, d3"
        RAW     "vsub.i64", "vsub.i64 d0, d2, d3"
        RAW     "vmul.p8", "vmul.p8 d0, d2, d3"
        RAW     "vpadd.i8", "vpadd.i8 d0, d2, d3"

        pop     {r4-r11, lr}
        bx      lr
        .ltorg

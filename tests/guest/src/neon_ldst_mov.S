@ Transfers between core registers and Advanced SIMD scalars: VMOV.S8/U8/S16/U16
@ Rt, Dn[x] and VMOV.8/16 Dn[x], Rt for every lane (d5 holds 0x76543210_89abcdef
@ so lanes are both negative and positive; d21 keeps the pattern), the 32-bit
@ forms beside them, VDUP.8/16/32 from a core register to D and Q registers,
@ conditional execution, Rt = pc as a source, Thumb encodings and the UNDEFINED
@ encodings. See neon_ldst.inc (r2 = 0x89abcdef, r3 = 0x76543210 at the start).
        .include "neon_ldst.inc"

        .text
        .global main
main:
        push    {lr}
        bl      nls_init
        PUTS    "-- scalar to core\n"
        .irp i, 0, 1, 2, 3, 4, 5, 6, 7
        T       "vmov d5, r2, r3; vmov.s8 r2, d5[\i]", 0
        T       "vmov d5, r2, r3; vmov.u8 r3, d5[\i]", 0
        T       "vmov.s8 r1, d21[\i]", 0
        T       "vmov.u8 r0, d21[\i]", 0
        .endr
        .irp i, 0, 1, 2, 3
        T       "vmov d5, r2, r3; vmov.s16 r2, d5[\i]", 0
        T       "vmov d5, r2, r3; vmov.u16 r3, d5[\i]", 0
        T       "vmov.s16 r1, d21[\i]", 0
        T       "vmov.u16 r0, d21[\i]", 0
        .endr
        .irp i, 0, 1
        T       "vmov.32 r2, d5[\i]", 0
        T       "vmov.32 r3, d21[\i]", 0
        .endr
        PUTS    "-- core to scalar\n"
        .irp i, 0, 1, 2, 3, 4, 5, 6, 7
        T       "vmov.8 d5[\i], r2", 0
        T       "vmov.8 d21[\i], r3", 0
        .endr
        .irp i, 0, 1, 2, 3
        T       "vmov.16 d5[\i], r2", 0
        T       "vmov.16 d31[\i], r3", 0
        .endr
        .irp i, 0, 1
        T       "vmov.32 d5[\i], r2", 0
        T       "vmov.32 d16[\i], r3", 0
        .endr
        T       "vmov.8 d5[2], r2; vmov.s8 r3, d5[2]", 0
        T       "vmov.16 d5[3], r3; vmov.u16 r2, d5[3]", 0
        PUTS    "-- VDUP\n"
        .irp sz, 8, 16, 32
        T       "vdup.\sz d5, r2", 0
        T       "vdup.\sz d31, r3", 0
        T       "vdup.\sz q3, r2", 0
        T       "vdup.\sz q15, r3", 0
        T       "vdup.\sz q8, r1", 0, 0x1234abcd
        .endr
        PUTS    "-- conditional\n"
        T       "cmp r0, r0; .word 0x1e552b30", 0, 0, "vmovne.s8 r2, d5[1]"
        T       "cmp r0, r0; .word 0x0e552b30", 0, 0, "vmoveq.s8 r2, d5[1]"
        T       "cmp r0, r0; .word 0x1e952b70", 0, 0, "vmovne.u16 r2, d5[1]"
        T       "cmp r0, r0; .word 0x2eb52b70", 0, 0, "vmovcs.u16 r2, d5[3]"
        T       "cmp r0, r0; vmovlt.8 d5[1], r2", 0
        T       "cmp r0, r0; vmovge.16 d5[1], r2", 0
        T       "cmp r0, r0; vdupne.8 q1, r2", 0
        T       "cmp r0, r0; vdupeq.16 q1, r2", 0
        PUTS    "-- Rt = pc as a source\n"
        T       ".word 0xee45fb10; nop", 0, 0, "vmov.8 d5[0], pc"
        T       ".word 0xee05fb70; nop", 0, 0, "vmov.16 d5[1], pc"
        T       ".word 0xeea4fb10; nop", 0, 0, "vdup.32 q2, pc"
        PUTS    "-- Thumb\n"
        .irp i, 0, 3, 7
        TT      "vmov d5, r2, r3; vmov.s8 r2, d5[\i]", 0
        TT      "vmov.u8 r1, d21[\i]", 0
        TT      "vmov.8 d21[\i], r3", 0
        .endr
        .irp i, 0, 3
        TT      "vmov d5, r2, r3; vmov.s16 r2, d5[\i]", 0
        TT      "vmov.u16 r1, d21[\i]", 0
        TT      "vmov.16 d21[\i], r3", 0
        .endr
        .irp sz, 8, 16, 32
        TT      "vdup.\sz d1, r2", 0
        TT      "vdup.\sz q14, r3", 0
        .endr
        TT      "cmp r0, r0; ite eq; vmoveq.s8 r2, d5[1]; vmovne.u8 r3, d5[2]", 0
        TT      "cmp r0, r0; it ne; vdupne.16 q1, r2", 0
        TT      ".inst.w 0xeea50b10", 0, 0, "vdup q2 (odd Vn) UNDEF"
        PUTS    "-- UNDEFINED\n"
        T       ".word 0xeea50b10", 0, 0, "vdup.32 q2.5 (odd Vn)"
        T       ".word 0xeec40b30", 0, 0, "vdup b=1 e=1"
        T       ".word 0xee840b50", 0, 0, "vdup bit 6"
        T       ".word 0xee950b10", 0, 0, "vmov.u32 r0, d5[0]"
        T       ".word 0xfe550b10", 0, 0, "vmov.s8 r0, d5[0] with cond 1111"
        T       ".word 0xfec50b10", 0, 0, "vdup.8 d5, r0 with cond 1111"
        T       ".word 0xee150b10", 0, 0, "vmov.32 r0, d5[0] (ok)"
        PUTS    "-- FPEXC.EN = 0\n"
        T       "mov ip, #0; vmsr fpexc, ip; vdup.8 d0, r2; mov ip, #FPEXC_EN; vmsr fpexc, ip", 0, 0, "vdup.8 d0, r2"
        T       "mov ip, #0; vmsr fpexc, ip; vmov.s8 r2, d0[1]; mov ip, #FPEXC_EN; vmsr fpexc, ip", 0, 0, "vmov.s8 r2, d0[1]"
        T       "mov ip, #0; vmsr fpexc, ip; vmov.16 d0[1], r2; mov ip, #FPEXC_EN; vmsr fpexc, ip", 0, 0, "vmov.16 d0[1], r2"
        T       "mov ip, #0; vmsr fpexc, ip; vld1.8 {d0}, [r0]!; mov ip, #FPEXC_EN; vmsr fpexc, ip", 0, 0, "vld1.8 {d0}, [r0]!"
        T       "mov ip, #0; vmsr fpexc, ip; vst4.8 {d0[1], d1[1], d2[1], d3[1]}, [r0]; mov ip, #FPEXC_EN; vmsr fpexc, ip", 0, 0, "vst4.8 lane"
        T       "mov ip, #0; vmsr fpexc, ip; vld2.16 {d0[], d1[]}, [r0]; mov ip, #FPEXC_EN; vmsr fpexc, ip", 0, 0, "vld2.16 all lanes"
        pop     {lr}
        bx      lr
        .ltorg

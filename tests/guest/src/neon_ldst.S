@ Advanced SIMD loads and stores of multiple structures: VLD1-VLD4 / VST1-VST4
@ with every register list type and element size, alignment qualifiers (met and
@ not met: alignment faults), unaligned bases without a qualifier, the three
@ writeback forms (none, !, register), d16-d31, register lists running past d31
@ (QEMU keeps them in storage A32 cannot name), Rn = pc, big-endian data (SETEND
@ BE), Thumb encodings and the UNDEFINED encodings. See neon_ldst.inc for the
@ line format.
        .include "neon_ldst.inc"

@ Encodings the assembler refuses: multiple structures, single structure.
        .macro ENC_M l, d, rn, vd, itype, size, align, rm
        .word   0xf4000000 | ((\d) << 22) | ((\l) << 21) | ((\rn) << 16) | ((\vd) << 12) | ((\itype) << 8) | ((\size) << 6) | ((\align) << 4) | (\rm)
        .endm

@ One list/size/qualifier: no writeback, !, register writeback, and unaligned
@ (no qualifier) or misaligned (qualifier: alignment faults) bases.
        .macro MULT op, sz, list, qual
        T       "\op\().\sz {\list}, [r0\qual]", 0
        T       "\op\().\sz {\list}, [r0\qual]!", 16
        T       "\op\().\sz {\list}, [r0\qual], r1", 32, -7
        .ifc "\qual", ""
        T       "\op\().\sz {\list}, [r0]", 3
        T       "\op\().\sz {\list}, [r0], r1", 13, 0x123
        .else
        T       "\op\().\sz {\list}, [r0\qual]", 4
        T       "\op\().\sz {\list}, [r0\qual]!", 8
        .endif
        .endm

        .macro VLD1_ALL op
        .irp sz, 8, 16, 32, 64
        MULT    \op, \sz, "d5"
        MULT    \op, \sz, "d5", ":64"
        MULT    \op, \sz, "d7-d8"
        MULT    \op, \sz, "d7-d8", ":128"
        MULT    \op, \sz, "d1-d3"
        MULT    \op, \sz, "d1-d3", ":64"
        MULT    \op, \sz, "d2-d5"
        MULT    \op, \sz, "d2-d5", ":128"
        MULT    \op, \sz, "d2-d5", ":256"
        .endr
        .endm

        .macro VLD234_ALL op2, op3, op4
        .irp sz, 8, 16, 32
        MULT    \op2, \sz, "d4-d5"
        MULT    \op2, \sz, "d4-d5", ":128"
        MULT    \op2, \sz, "d4, d6"
        MULT    \op2, \sz, "d4, d6", ":64"
        MULT    \op2, \sz, "d3-d6"
        MULT    \op2, \sz, "d3-d6", ":256"
        MULT    \op3, \sz, "d1-d3"
        MULT    \op3, \sz, "d1-d3", ":64"
        MULT    \op3, \sz, "d1, d3, d5"
        MULT    \op4, \sz, "d6-d9"
        MULT    \op4, \sz, "d6-d9", ":128"
        MULT    \op4, \sz, "d6, d8, d10, d12"
        MULT    \op4, \sz, "d6, d8, d10, d12", ":256"
        .endr
        .endm

        .text
        .global main
main:
        push    {lr}
        bl      nls_init
        PUTS    "-- VLD1/VST1 multiple\n"
        VLD1_ALL vld1
        VLD1_ALL vst1
        PUTS    "-- VLD2-4/VST2-4 multiple\n"
        VLD234_ALL vld2, vld3, vld4
        VLD234_ALL vst2, vst3, vst4
        bl      more
        pop     {lr}
        bx      lr
        .ltorg

more:
        push    {lr}
        PUTS    "-- d16-d31, aliasing, Rm = Rn\n"
        T       "vld1.8 {d16-d19}, [r0]!", 0
        T       "vld1.32 {d28-d31}, [r0], r1", 8, 0x40
        T       "vst1.16 {d29-d31}, [r0]", 2
        T       "vld4.8 {d28-d31}, [r0]", 1
        T       "vst4.16 {d25, d27, d29, d31}, [r0:64]", 8
        T       "vld2.32 {d17, d19}, [r0]!", 0
        T       "vld3.8 {d29-d31}, [r0]", 0
        T       "vst3.32 {d21, d23, d25}, [r0]", 5
        T       "vld1.8 {d0}, [r0], r0", 0
        T       "vld1.64 {d0-d1}, [r0]; vst1.8 {d0-d1}, [r0:64], r1", 16, 24
        PUTS    "-- register lists past d31\n"
        T       "vld1.8 {d28-d31}, [r0]; ENC_M 1, 1, 0, 14, 2, 0, 0, 15", 0, 0, "vld1.8 {d30-d33}"
        T       "ENC_M 0, 1, 0, 14, 2, 0, 0, 15", 0, 0, "vst1.8 {d30-d33}"
        T       "ENC_M 0, 1, 0, 15, 10, 2, 0, 15", 32, 0, "vst1.32 {d31-d32}"
        T       "ENC_M 1, 1, 0, 15, 1, 1, 0, 13", 0, 0, "vld4.16 {d31, d33, d35, d37}!"
        T       "ENC_M 0, 1, 0, 15, 1, 1, 0, 15", 64, 0, "vst4.16 {d31, d33, d35, d37}"
        T       "ENC_M 1, 1, 0, 13, 3, 0, 0, 15", 7, 0, "vld2.8 {d29-d32}"
        T       "ENC_M 0, 1, 0, 13, 3, 0, 0, 15", 40, 0, "vst2.8 {d29-d32}"
        PUTS    "-- Rn = pc\n"
        T       "ENC_M 1, 0, 15, 0, 7, 0, 0, 15; mov r2, #1; mov r2, #2", 0, 0, "vld1.8 {d0}, [pc]"
        T       "ENC_M 1, 0, 15, 0, 7, 0, 0, 13; mov r2, #1; mov r2, #2; mov r2, #3; mov r3, #4", 0, 0, "vld1.8 {d0}, [pc]!"
        T       "ENC_M 1, 0, 15, 0, 7, 0, 0, 1; mov r2, #1; mov r2, #2; mov r2, #3; mov r3, #4; mov r3, #5", 0, 4, "vld1.8 {d0}, [pc], r1"
        PUTS    "-- big-endian data\n"
        .irp sz, 8, 16, 32, 64
        T       "setend be; vld1.\sz {d4-d6}, [r0]!; setend le", 0
        T       "setend be; vst1.\sz {d4-d6}, [r0], r1; setend le", 3, 9
        T       "setend be; vld1.\sz {d4-d5}, [r0:128]; setend le", 8
        .endr
        .irp sz, 8, 16, 32
        T       "setend be; vld2.\sz {d4, d6}, [r0]; setend le", 1
        T       "setend be; vst2.\sz {d4-d7}, [r0]; setend le", 2
        T       "setend be; vld3.\sz {d1-d3}, [r0]!; setend le", 4
        T       "setend be; vst3.\sz {d1, d3, d5}, [r0]; setend le", 0
        T       "setend be; vld4.\sz {d8-d11}, [r0:64]; setend le", 0
        T       "setend be; vst4.\sz {d8, d10, d12, d14}, [r0]; setend le", 6
        .endr
        PUTS    "-- Thumb\n"
        .irp sz, 8, 16, 32, 64
        TT      "vld1.\sz {d0-d3}, [r0]!", 0
        TT      "vst1.\sz {d16-d17}, [r0], r1", 3, -3
        TT      "vld1.\sz {d8-d9}, [r0:128]", 8
        .endr
        .irp sz, 8, 16, 32
        TT      "vld2.\sz {d0-d3}, [r0]!", 4
        TT      "vst3.\sz {d20, d22, d24}, [r0]", 0
        TT      "vld4.\sz {d1, d3, d5, d7}, [r0:256], r1", 32, 100
        TT      "vst4.\sz {d1-d4}, [r0:64]", 4
        .endr
        TT      "setend be; vld1.16 {d0-d1}, [r0]; setend le", 0
        TT      "setend be; vst4.32 {d0-d3}, [r0]; setend le", 0
        TT      "nop; .inst.w 0xf92f070f; movs r2, #1; movs r2, #2; movs r2, #3", 0, 0, "nop; vld1.8 {d0}, [pc]"
        TT      ".inst.w 0xf92f070d; movs r2, #1; movs r2, #2; movs r2, #3; movs r2, #4; movs r3, #5", 0, 0, "vld1.8 {d0}, [pc]!"
        TT      "cmp r0, r0; it ne; vld1ne.8 {d0-d1}, [r0]!", 0
        TT      "cmp r0, r0; it eq; vld1eq.8 {d0-d1}, [r0]!", 0
        TT      ".inst.w 0xf9200b0f", 0, 0, "type 11"
        TT      ".inst.w 0xf9200c2f", 0, 0, "type 12"
        TT      ".inst.w 0xf960f20f", 0, 0, "vld1.8 {d31-d34}"
        PUTS    "-- UNDEFINED\n"
        .irp itype, 11, 12, 13, 14, 15
        T       "ENC_M 1, 0, 0, 0, \itype, 0, 0, 15", 0, 0, "type \itype"
        .endr
        T       "ENC_M 1, 0, 0, 0, 7, 0, 2, 15", 0, 0, "vld1 1 reg align 2"
        T       "ENC_M 0, 0, 0, 0, 7, 1, 3, 15", 0, 0, "vst1 1 reg align 3"
        T       "ENC_M 1, 0, 0, 0, 6, 2, 2, 15", 0, 0, "vld1 3 regs align 2"
        T       "ENC_M 1, 0, 0, 0, 4, 0, 2, 15", 0, 0, "vld3 align 2"
        T       "ENC_M 0, 0, 0, 0, 5, 1, 3, 15", 0, 0, "vst3 spaced align 3"
        T       "ENC_M 1, 0, 0, 0, 10, 0, 3, 15", 0, 0, "vld1 2 regs align 3"
        T       "ENC_M 1, 0, 0, 0, 8, 0, 3, 15", 0, 0, "vld2 align 3"
        T       "ENC_M 1, 0, 0, 0, 3, 0, 3, 15", 0, 0, "vld2 4 regs align 3 (ok)"
        T       "ENC_M 1, 0, 0, 0, 0, 3, 0, 15", 0, 0, "vld4.64"
        T       "ENC_M 1, 0, 0, 0, 8, 3, 0, 15", 0, 0, "vld2.64"
        T       "ENC_M 0, 0, 0, 0, 4, 3, 0, 15", 0, 0, "vst3.64"
        T       "ENC_M 1, 0, 0, 0, 2, 3, 0, 15", 0, 0, "vld1.64 4 regs (ok)"
        T       "ENC_M 1, 0, 0, 0, 3, 3, 0, 15", 0, 0, "vld2.64 4 regs"
        pop     {lr}
        bx      lr
        .ltorg

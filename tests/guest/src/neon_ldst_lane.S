@ Advanced SIMD loads and stores of a single structure to one lane (VLD1-VLD4 /
@ VST1-VST4 with an index) and to all lanes (VLD1-VLD4 with []): every size,
@ index and register stride, alignment qualifiers met and not met, unaligned
@ bases, writeback forms, d16-d31, all-lanes lists past d31, big-endian data,
@ Thumb encodings and the UNDEFINED encodings. See neon_ldst.inc.
        .include "neon_ldst.inc"

@ Single structure to one lane: bits 11:10 = size, 9:8 = n - 1, 7:4 = index_align.
        .macro ENC_S l, d, rn, vd, sz, n, ia, rm
        .word   0xf4800000 | ((\d) << 22) | ((\l) << 21) | ((\rn) << 16) | ((\vd) << 12) | ((\sz) << 10) | ((\n) << 8) | ((\ia) << 4) | (\rm)
        .endm
@ Single structure to all lanes.
        .macro ENC_A d, rn, vd, n, size, t, a, rm
        .word   0xf4a00c00 | ((\d) << 22) | ((\rn) << 16) | ((\vd) << 12) | ((\n) << 8) | ((\size) << 6) | ((\t) << 5) | ((\a) << 4) | (\rm)
        .endm
@ Multiple structures (to read back registers past d31).
        .macro ENC_M l, d, rn, vd, itype, size, align, rm
        .word   0xf4000000 | ((\d) << 22) | ((\l) << 21) | ((\rn) << 16) | ((\vd) << 12) | ((\itype) << 8) | ((\size) << 6) | ((\align) << 4) | (\rm)
        .endm

@ One form with every writeback and a set of base offsets.
        .macro SL ins, qual
        T       "\ins, [r0\qual]", 0
        T       "\ins, [r0\qual]!", 8
        T       "\ins, [r0\qual], r1", 16, -5
        .ifc "\qual", ""
        T       "\ins, [r0]", 1
        T       "\ins, [r0]!", 3
        .else
        T       "\ins, [r0\qual]", 1
        T       "\ins, [r0\qual]", 2
        T       "\ins, [r0\qual]!", 4
        .endif
        .endm

        .text
        .global main
main:
        push    {lr}
        bl      nls_init
        PUTS    "-- one lane\n"
        .irp op, vld1, vst1
        .irp i, 0, 1, 2, 3, 4, 5, 6, 7
        SL      "\op\().8 {d5[\i]}"
        .endr
        .irp i, 0, 1, 2, 3
        SL      "\op\().16 {d5[\i]}"
        SL      "\op\().16 {d21[\i]}", ":16"
        .endr
        .irp i, 0, 1
        SL      "\op\().32 {d5[\i]}"
        SL      "\op\().32 {d21[\i]}", ":32"
        .endr
        .endr
        .irp op, vld2, vst2
        .irp i, 0, 3, 6, 7
        SL      "\op\().8 {d5[\i], d6[\i]}"
        SL      "\op\().8 {d30[\i], d31[\i]}", ":16"
        .endr
        .irp i, 0, 1, 2, 3
        SL      "\op\().16 {d5[\i], d6[\i]}", ":32"
        SL      "\op\().16 {d5[\i], d7[\i]}"
        .endr
        .irp i, 0, 1
        SL      "\op\().32 {d5[\i], d6[\i]}"
        SL      "\op\().32 {d29[\i], d31[\i]}", ":64"
        .endr
        .endr
        .irp op, vld3, vst3
        .irp i, 0, 5, 7
        SL      "\op\().8 {d5[\i], d6[\i], d7[\i]}"
        .endr
        .irp i, 0, 1, 3
        SL      "\op\().16 {d5[\i], d6[\i], d7[\i]}"
        SL      "\op\().16 {d27[\i], d29[\i], d31[\i]}"
        .endr
        .irp i, 0, 1
        SL      "\op\().32 {d5[\i], d6[\i], d7[\i]}"
        SL      "\op\().32 {d5[\i], d7[\i], d9[\i]}"
        .endr
        .endr
        .irp op, vld4, vst4
        .irp i, 0, 2, 7
        SL      "\op\().8 {d5[\i], d6[\i], d7[\i], d8[\i]}", ":32"
        SL      "\op\().8 {d28[\i], d29[\i], d30[\i], d31[\i]}"
        .endr
        .irp i, 0, 1, 3
        SL      "\op\().16 {d5[\i], d6[\i], d7[\i], d8[\i]}"
        SL      "\op\().16 {d5[\i], d7[\i], d9[\i], d11[\i]}", ":64"
        .endr
        .irp i, 0, 1
        SL      "\op\().32 {d5[\i], d6[\i], d7[\i], d8[\i]}", ":64"
        SL      "\op\().32 {d5[\i], d6[\i], d7[\i], d8[\i]}", ":128"
        SL      "\op\().32 {d25[\i], d27[\i], d29[\i], d31[\i]}", ":128"
        SL      "\op\().32 {d25[\i], d27[\i], d29[\i], d31[\i]}"
        .endr
        .endr
        bl      all_lanes
        bl      odd_cases
        pop     {lr}
        bx      lr
        .ltorg

all_lanes:
        push    {lr}
        PUTS    "-- all lanes\n"
        SL      "vld1.8 {d5[]}"
        SL      "vld1.8 {d5[], d6[]}"
        SL      "vld1.16 {d5[]}"
        SL      "vld1.16 {d5[]}", ":16"
        SL      "vld1.16 {d20[], d21[]}", ":16"
        SL      "vld1.32 {d5[]}", ":32"
        SL      "vld1.32 {d5[], d6[]}"
        SL      "vld1.32 {d5[], d6[]}", ":32"
        .irp sz, 8, 16, 32
        SL      "vld2.\sz {d5[], d6[]}"
        SL      "vld3.\sz {d5[], d6[], d7[]}"
        SL      "vld3.\sz {d27[], d29[], d31[]}"
        SL      "vld4.\sz {d5[], d6[], d7[], d8[]}"
        SL      "vld4.\sz {d5[], d7[], d9[], d11[]}"
        .endr
        SL      "vld2.8 {d5[], d7[]}", ":16"
        SL      "vld2.16 {d30[], d31[]}", ":32"
        SL      "vld2.32 {d5[], d7[]}", ":64"
        SL      "vld4.8 {d5[], d6[], d7[], d8[]}", ":32"
        SL      "vld4.16 {d5[], d7[], d9[], d11[]}", ":64"
        SL      "vld4.32 {d5[], d6[], d7[], d8[]}", ":64"
        SL      "vld4.32 {d5[], d7[], d9[], d11[]}", ":128"
        PUTS    "-- all lanes past d31\n"
        T       "ENC_A 1, 0, 15, 0, 1, 1, 0, 15; ENC_M 0, 1, 0, 14, 2, 0, 0, 15", 0, 0, "vld1.16 {d31[], d32[]}; vst1.8 {d30-d33}"
        T       "ENC_A 1, 0, 15, 3, 0, 1, 0, 13; ENC_M 0, 1, 0, 15, 2, 0, 0, 15", 0, 0, "vld4.8 {d31[], d33[], d35[], d37[]}!; vst1.8 {d31-d34}"
        T       "ENC_A 1, 0, 13, 2, 2, 1, 0, 1; ENC_M 0, 1, 0, 15, 2, 0, 0, 15", 24, 12, "vld3.32 {d29[], d31[], d33[]}, r1; vst1.8 {d31-d34}"
        T       "ENC_M 0, 1, 0, 14, 1, 0, 0, 15", 0, 0, "vst4.8 {d30, d32, d34, d36}"
        pop     {lr}
        bx      lr
        .ltorg

odd_cases:
        push    {lr}
        PUTS    "-- big-endian data\n"
        .irp sz, 8, 16, 32
        T       "setend be; vld1.\sz {d5[1]}, [r0]!; setend le", 0
        T       "setend be; vst1.\sz {d5[1]}, [r0]; setend le", 3
        T       "setend be; vld2.\sz {d5[0], d6[0]}, [r0]; setend le", 2
        T       "setend be; vst3.\sz {d5[1], d6[1], d7[1]}, [r0]; setend le", 4
        T       "setend be; vld4.\sz {d5[1], d6[1], d7[1], d8[1]}, [r0], r1; setend le", 8, 4
        T       "setend be; vld1.\sz {d5[], d6[]}, [r0]; setend le", 1
        T       "setend be; vld2.\sz {d5[], d6[]}, [r0]; setend le", 6
        T       "setend be; vld3.\sz {d5[], d6[], d7[]}, [r0]!; setend le", 0
        T       "setend be; vld4.\sz {d5[], d7[], d9[], d11[]}, [r0]; setend le", 4
        .endr
        T       "setend be; vld1.32 {d5[1]}, [r0:32]; setend le", 2
        T       "setend be; vld4.32 {d5[], d6[], d7[], d8[]}, [r0:128]; setend le", 8
        PUTS    "-- Thumb\n"
        TT      "vld1.8 {d5[3]}, [r0]!", 1
        TT      "vst1.16 {d21[2]}, [r0:16], r1", 4, 6
        TT      "vld1.16 {d21[2]}, [r0:16]", 1
        TT      "vld2.32 {d5[1], d7[1]}, [r0:64]", 8
        TT      "vst3.8 {d29[7], d30[7], d31[7]}, [r0]", 5
        TT      "vld4.16 {d1[3], d3[3], d5[3], d7[3]}, [r0:64]!", 16
        TT      "vld4.16 {d1[3], d3[3], d5[3], d7[3]}, [r0:64]!", 4
        TT      "vld1.32 {d0[], d1[]}, [r0]", 5
        TT      "vld3.16 {d0[], d2[], d4[]}, [r0]!", 2
        TT      "vld4.32 {d0[], d1[], d2[], d3[]}, [r0:128], r1", 16, -16
        TT      "setend be; vld2.16 {d0[], d1[]}, [r0]; setend le", 0
        TT      "cmp r0, r0; it ne; vld1ne.8 {d0[]}, [r0]", 0
        TT      "cmp r0, r0; it eq; vst1eq.8 {d0[1]}, [r0]", 0
        TT      ".inst.w 0xf9a00c1f", 0, 0, "vld1.8 {d0[]} a=1 (UNDEF)"
        TT      ".inst.w 0xf980020f | (0xf << 12)", 0, 0, "vst3.8 {d15[0]-d17[0]} (ok)"
        PUTS    "-- encodings the assembler refuses\n"
        T       "ENC_S 1, 0, 0, 5, 1, 0, 0xa, 15", 0, 0, "vld1.16 {d5[1]} spacing bit"
        T       "ENC_S 0, 0, 0, 5, 1, 0, 0xb, 15", 2, 0, "vst1.16 {d5[1]} spacing bit, :16"
        T       "ENC_S 1, 0, 0, 5, 2, 0, 0xc, 15", 0, 0, "vld1.32 {d5[1]} bit 6"
        T       "ENC_S 1, 0, 0, 5, 2, 0, 0xf, 15", 0, 0, "vld1.32 {d5[1]} bit 6, :32"
        T       "ENC_S 1, 1, 0, 13, 0, 3, 0x0, 15", 0, 0, "vld4.8 {d29[0]-d32[0]}"
        T       "ENC_S 1, 1, 0, 13, 1, 3, 0x6, 15", 0, 0, "vld4.16 {d29[1], d31[1], d33[1], d35[1]}"
        T       "ENC_S 0, 1, 0, 15, 2, 1, 0x4, 15", 0, 0, "vst2.32 {d31[0], d33[0]}"
        T       "ENC_S 1, 1, 0, 14, 0, 1, 0x0, 15", 0, 0, "vld2.8 {d30[0], d31[0]} (ok)"
        PUTS    "-- UNDEFINED\n"
        T       "ENC_S 1, 0, 0, 5, 0, 0, 0x1, 15", 0, 0, "vld1.8 one lane align"
        T       "ENC_S 0, 0, 0, 5, 2, 0, 0x1, 15", 0, 0, "vst1.32 one lane align 1"
        T       "ENC_S 1, 0, 0, 5, 2, 0, 0x2, 15", 0, 0, "vld1.32 one lane align 2"
        T       "ENC_S 1, 0, 0, 5, 2, 1, 0x2, 15", 0, 0, "vld2.32 one lane align 2"
        T       "ENC_S 1, 0, 0, 5, 2, 1, 0x3, 15", 0, 0, "vld2.32 one lane align 3"
        T       "ENC_S 1, 0, 0, 5, 0, 2, 0x1, 15", 0, 0, "vld3.8 one lane align"
        T       "ENC_S 0, 0, 0, 5, 1, 2, 0x1, 15", 0, 0, "vst3.16 one lane align"
        T       "ENC_S 1, 0, 0, 5, 2, 2, 0x2, 15", 0, 0, "vld3.32 one lane align 2"
        T       "ENC_S 1, 0, 0, 5, 2, 2, 0x1, 15", 0, 0, "vld3.32 one lane align 1"
        T       "ENC_S 1, 0, 0, 5, 2, 3, 0x3, 15", 0, 0, "vld4.32 one lane align 3"
        T       "ENC_S 0, 0, 0, 5, 3, 0, 0x0, 15", 0, 0, "vst1 to all lanes"
        T       "ENC_S 0, 0, 0, 5, 3, 3, 0xf, 15", 0, 0, "vst4 to all lanes"
        T       "ENC_A 0, 0, 5, 0, 0, 0, 1, 15", 0, 0, "vld1.8 all lanes align"
        T       "ENC_A 0, 0, 5, 2, 1, 0, 1, 15", 0, 0, "vld3.16 all lanes align"
        T       "ENC_A 0, 0, 5, 3, 3, 0, 0, 15", 0, 0, "vld4 all lanes size 3, a = 0"
        T       "ENC_A 0, 0, 5, 0, 3, 0, 1, 15", 0, 0, "vld1 all lanes size 3"
        T       "ENC_A 0, 0, 5, 1, 3, 1, 1, 15", 0, 0, "vld2 all lanes size 3"
        pop     {lr}
        bx      lr
        .ltorg
